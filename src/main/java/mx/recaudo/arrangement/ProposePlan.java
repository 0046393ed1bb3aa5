package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An agent's proposal of a payment plan: which obligations (external ids; empty = all the customer's
 * open obligations in the currency), the discount and what it is taken from, the down payment and its
 * date, and either {@code installments} equal monthly installments from {@code firstDueDate} or an
 * explicit {@code schedule}. {@link #problems()} lists every fault of the request itself.
 */
public record ProposePlan(String customer, List<String> obligations, String currency, BigDecimal discount,
                          DiscountOn discountOn, BigDecimal downPayment, LocalDate downPaymentDate, Integer installments,
                          LocalDate firstDueDate, List<AgreementLetter.Installment> schedule, String idempotencyKey) {
    public static final int MOST_INSTALLMENTS = 120;

    /** What the discount (quita) reduces. */
    public enum DiscountOn { INTEREST, PRINCIPAL }

    public ProposePlan {
        if (customer != null) customer = customer.strip();
        obligations = obligations == null ? List.of() : obligations.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (currency != null) currency = currency.isBlank() ? null : currency.strip().toUpperCase(Locale.ROOT);
        if (discount == null) discount = BigDecimal.ZERO;
        if (discountOn == null) discountOn = DiscountOn.INTEREST;
        if (downPayment == null) downPayment = BigDecimal.ZERO;
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
        if (idempotencyKey != null && idempotencyKey.isBlank()) idempotencyKey = null;
    }

    public boolean explicitSchedule() {
        return !schedule.isEmpty();
    }

    public int installmentCount() {
        return explicitSchedule() ? schedule.size() : installments == null ? 0 : installments;
    }

    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (customer == null || customer.isEmpty()) {
            p.add(new Problem("customer", "Falta el cliente (id externo)", "The customer (external id) is missing"));
        }
        if (currency != null && (!currency.matches("[A-Z]{3}") || !known(currency))) {
            p.add(new Problem("currency", "Moneda desconocida (use ISO 4217, p. ej. MXN)", "Unknown currency (use ISO 4217, e.g. MXN)"));
        }
        money(p, "discount", discount);
        money(p, "downPayment", downPayment);
        if (explicitSchedule() && installments != null && installments != schedule.size()) {
            p.add(new Problem("installments", "El número de parcialidades no coincide con el calendario",
                    "The number of installments does not match the schedule"));
        }
        if (!explicitSchedule()) {
            if (installments == null || installments < 0 || installments > MOST_INSTALLMENTS) {
                p.add(new Problem("installments", "Indique de 0 a " + MOST_INSTALLMENTS + " parcialidades",
                        "Give 0 to " + MOST_INSTALLMENTS + " installments"));
            } else if (installments > 0 && firstDueDate == null) {
                p.add(new Problem("firstDueDate", "Falta la fecha de la primera parcialidad (AAAA-MM-DD)",
                        "The first installment's date is missing (YYYY-MM-DD)"));
            }
        } else if (schedule.size() > MOST_INSTALLMENTS) {
            p.add(new Problem("schedule", "A lo más " + MOST_INSTALLMENTS + " parcialidades", "At most " + MOST_INSTALLMENTS + " installments"));
        }
        return p;
    }

    /** What makes two requests "the same" for the idempotency key. */
    String fingerprint() {
        return String.join("|", customer, String.join(",", obligations), String.valueOf(currency), discount.toPlainString(),
                discountOn.name(), downPayment.toPlainString(), String.valueOf(downPaymentDate), String.valueOf(installments),
                String.valueOf(firstDueDate), schedule.stream().map(i -> i.dueDate() + "=" + (i.amount() == null ? "" : i.amount().toPlainString()))
                        .collect(Collectors.joining(",")));
    }

    private static void money(List<Problem> p, String field, BigDecimal amount) {
        if (amount.signum() < 0) {
            p.add(new Problem(field, "El importe no puede ser negativo", "The amount cannot be negative"));
        } else if (amount.stripTrailingZeros().scale() > 2) {
            p.add(new Problem(field, "El importe admite a lo más dos decimales", "The amount takes two decimals at most"));
        }
    }

    private static boolean known(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
