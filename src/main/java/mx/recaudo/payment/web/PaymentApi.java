package mx.recaudo.payment.web;

import mx.recaudo.payment.Clabe;
import mx.recaudo.payment.PaymentReferences;
import mx.recaudo.payment.PaymentView;
import mx.recaudo.payment.Payments;
import mx.recaudo.payment.PostPayment;
import mx.recaudo.payment.Problem;
import mx.recaudo.portfolio.Portfolio;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Payments over the REST API: post (idempotent), read, reverse; customer references and CLABE checks. */
@RestController
@RequestMapping("/api/v1")
class PaymentApi {
    private final Payments payments;
    private final PaymentReferences references;
    private final Portfolio portfolio;

    PaymentApi(Payments payments, PaymentReferences references, Portfolio portfolio) {
        this.payments = payments;
        this.references = references;
        this.portfolio = portfolio;
    }

    record PaymentRequest(String customer, String amount, String currency, String reference, String receivedAt) {}

    record ReversalRequest(String reason) {}

    @PostMapping("/payments")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','API_CLIENT')")
    ResponseEntity<PaymentView> post(@RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     @RequestBody PaymentRequest request) {
        List<Problem> problems = new ArrayList<>();
        BigDecimal amount = null;
        if (request.amount() != null && !request.amount().isBlank()) {
            try {
                amount = new BigDecimal(request.amount().strip());
            } catch (NumberFormatException e) {
                problems.add(new Problem("amount", "No es un importe válido: " + request.amount(),
                        "Not a valid amount: " + request.amount()));
            }
        }
        Instant receivedAt = parseInstant(request.receivedAt(), problems);
        PostPayment command = new PostPayment(request.customer(), amount, request.currency(), request.reference(),
                receivedAt, key, PostPayment.Channel.API);
        problems.addAll(command.problems().stream()
                .filter(p -> !("amount".equals(p.field()) && problems.stream().anyMatch(q -> "amount".equals(q.field()))))
                .toList());
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        Payments.Posted posted = payments.post(command);
        return ResponseEntity.status(posted.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header("Idempotent-Replayed", String.valueOf(posted.replayed()))
                .body(posted.payment());
    }

    @GetMapping("/payments/{id}")
    ResponseEntity<PaymentView> one(@PathVariable UUID id) {
        return ResponseEntity.of(payments.find(id));
    }

    /** A customer's payments and unapplied credit: {@code ?customer=<external id>}. */
    @GetMapping("/payments")
    Map<String, Object> ofCustomer(@RequestParam String customer) {
        long id = customerId(customer);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", payments.ofCustomer(id));
        body.put("unappliedCredit", payments.unappliedCredit(id));
        return body;
    }

    @PostMapping("/payments/{id}/reversal")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    PaymentView reverse(@PathVariable UUID id, @RequestBody ReversalRequest request) {
        return payments.reverse(id, request.reason());
    }

    /** The customer's deposit reference and virtual CLABE (when the organization issues them). */
    @GetMapping("/payment-references")
    Map<String, Object> references(@RequestParam String customer) {
        long id = customerId(customer);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", customer);
        body.put("reference", references.referenceFor(id));
        references.clabeFor(id).ifPresent(c -> body.put("clabe", c.value()));
        return body;
    }

    /** Checks a CLABE (SPEC §14): {@code valid}, and its parts when it is. */
    @GetMapping("/clabes/{value}")
    Map<String, Object> clabe(@PathVariable String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clabe", value);
        body.put("valid", Clabe.isValid(value));
        Clabe.parse(value).ifPresent(c -> {
            body.put("bank", c.bank());
            body.put("branch", c.branch());
            body.put("account", c.value().substring(6, 17));
            body.put("checkDigit", c.value().substring(17));
        });
        if (value.matches("\\d{18}") && !Clabe.isValid(value)) {
            body.put("expectedCheckDigit", Clabe.checkDigit(value.substring(0, 17)));
        }
        return body;
    }

    private long customerId(String externalId) {
        return portfolio.findIdByExternalId(externalId).orElseThrow(() -> new Problem.Rejected("not_found", 404,
                List.of(new Problem("customer", "No existe el cliente " + externalId, "No such customer: " + externalId))));
    }

    static Instant parseInstant(String text, List<Problem> problems) {
        if (text == null || text.isBlank()) return null;
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneId.of("America/Mexico_City")).toInstant();
            } catch (DateTimeParseException e2) {
                problems.add(new Problem("receivedAt", "Fecha y hora no válidas (use ISO 8601, p. ej. 2025-03-01T10:15:00-06:00)",
                        "Invalid date-time (use ISO 8601, e.g. 2025-03-01T10:15:00-06:00)"));
                return null;
            }
        }
    }
}
