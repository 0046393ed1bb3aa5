package mx.recaudo.arrangement.web;

import mx.recaudo.arrangement.AgreementLetter;
import mx.recaudo.arrangement.ProposePlan;
import mx.recaudo.payment.Problem;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns text from a form or a JSON request into a {@link ProposePlan}, with a bilingual problem per bad field. */
final class PlanForms {
    private PlanForms() {}

    static ProposePlan command(String customer, List<String> obligations, String currency, String discount, String discountOn,
                               String downPayment, String downPaymentDate, Integer installments, String firstDueDate,
                               List<String[]> schedule, String key) {
        List<Problem> problems = new ArrayList<>();
        BigDecimal disc = amount(problems, "discount", discount);
        BigDecimal down = amount(problems, "downPayment", downPayment);
        LocalDate downDate = date(problems, "downPaymentDate", downPaymentDate);
        LocalDate first = date(problems, "firstDueDate", firstDueDate);
        ProposePlan.DiscountOn on = null;
        if (discountOn != null && !discountOn.isBlank()) {
            try {
                on = ProposePlan.DiscountOn.valueOf(discountOn.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("discountOn", "El descuento es sobre INTEREST o PRINCIPAL", "The discount is on INTEREST or PRINCIPAL"));
            }
        }
        List<AgreementLetter.Installment> lines = new ArrayList<>();
        for (int i = 0; i < schedule.size(); i++) {
            String[] l = schedule.get(i);
            lines.add(new AgreementLetter.Installment(i + 1, date(problems, "schedule[" + i + "].dueDate", l[0]),
                    amount(problems, "schedule[" + i + "].amount", l[1])));
        }
        ProposePlan command = new ProposePlan(customer, obligations, currency, disc, on, down, downDate, installments, first,
                lines, key);
        for (Problem p : command.problems()) {
            if (problems.stream().noneMatch(q -> q.field().equals(p.field()))) problems.add(p);
        }
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        return command;
    }

    static BigDecimal amount(List<Problem> problems, String field, String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return new BigDecimal(text.strip().replace(",", "").replace("$", ""));
        } catch (NumberFormatException e) {
            problems.add(new Problem(field, "No es un importe válido: " + text, "Not a valid amount: " + text));
            return null;
        }
    }

    static LocalDate date(List<Problem> problems, String field, String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new Problem(field, "Fecha no válida (use AAAA-MM-DD): " + text, "Invalid date (use YYYY-MM-DD): " + text));
            return null;
        }
    }

    static ResponseEntity<byte[]> pdf(Optional<byte[]> pdf, String name) {
        return pdf.map(bytes -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name).build().toString())
                        .body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
