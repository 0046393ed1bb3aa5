package mx.recaudo.arrangement.web;

import jakarta.servlet.http.HttpServletRequest;
import mx.recaudo.arrangement.AgreementLetter;
import mx.recaudo.arrangement.PaymentPlans;
import mx.recaudo.arrangement.PlanView;
import mx.recaudo.arrangement.ProposePlan;
import mx.recaudo.contact.Channel;
import mx.recaudo.payment.Problem;
import mx.recaudo.portfolio.Portfolio;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Payment plans over the REST API: propose, read, approve or reject, have the customer sign, download the letters. */
@RestController
@RequestMapping("/api/v1/payment-plans")
class PaymentPlanApi {
    private final PaymentPlans plans;
    private final Portfolio portfolio;

    PaymentPlanApi(PaymentPlans plans, Portfolio portfolio) {
        this.plans = plans;
        this.portfolio = portfolio;
    }

    record ScheduleLine(String dueDate, String amount) {}

    /** {@code obligations}: a list of external ids, or "all" (the default). */
    record PlanRequest(String customer, Object obligations, String currency, String discount, String discountOn,
                       String downPayment, String downPaymentDate, Integer installments, String firstDueDate,
                       List<ScheduleLine> schedule) {}

    record ApprovalRequest(String decision, String password, String documentSha256, String note) {}

    record SignatureRequest(String channel) {}

    record SignatureCode(String code) {}

    record Cancellation(String reason) {}

    /** → 201 {@code {"id", "status", "withinPolicy", "violations": [...]}, ...}; optional Idempotency-Key. */
    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    ResponseEntity<PlanView> propose(@RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     @RequestBody PlanRequest r) {
        ProposePlan command = PlanForms.command(r.customer(), obligations(r.obligations()), r.currency(), r.discount(),
                r.discountOn(), r.downPayment(), r.downPaymentDate(), r.installments(), r.firstDueDate(),
                r.schedule() == null ? List.of() : r.schedule().stream().map(l -> new String[]{l.dueDate(), l.amount()}).toList(),
                key);
        return ResponseEntity.status(HttpStatus.CREATED).body(plans.propose(command));
    }

    @GetMapping("/{id}")
    ResponseEntity<PlanView> one(@PathVariable UUID id) {
        return ResponseEntity.of(plans.find(id));
    }

    /** {@code ?customer=<external id>} the customer's plans; {@code ?status=PENDING_APPROVAL} the approval queue. */
    @GetMapping
    List<PlanView> list(@RequestParam(required = false) String customer, @RequestParam(required = false) String status) {
        if ("PENDING_APPROVAL".equalsIgnoreCase(status)) return plans.pendingApprovals();
        if (customer == null || customer.isBlank()) {
            throw new Problem.Rejected(List.of(new Problem("customer", "Indique ?customer= o ?status=PENDING_APPROVAL",
                    "Give ?customer= or ?status=PENDING_APPROVAL")));
        }
        return portfolio.findIdByExternalId(customer.strip()).map(plans::ofCustomer).orElse(List.of());
    }

    /** {@code {"decision": "APPROVE"|"REJECT", "password", "documentSha256"?, "note"?}}: a supervisor's signed decision. */
    @PostMapping("/{id}/approval")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    PlanView approval(@PathVariable UUID id, @RequestBody ApprovalRequest r, HttpServletRequest http) {
        String decision = r.decision() == null ? "" : r.decision().strip().toUpperCase(Locale.ROOT);
        List<Problem> problems = new ArrayList<>();
        if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
            problems.add(new Problem("decision", "La decisión es APPROVE o REJECT", "The decision is APPROVE or REJECT"));
        }
        if (r.password() == null || r.password().isEmpty()) {
            problems.add(new Problem("password", "Falta la contraseña (firma electrónica)", "The password is missing (electronic signature)"));
        }
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        return plans.decide(id, new PaymentPlans.Decision(decision.equals("APPROVE"), r.password(), r.documentSha256(), r.note(),
                http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT)));
    }

    /** {@code {"channel": "SMS"|"EMAIL"}} → 201: a one-time code is on its way to the customer. */
    @PostMapping("/{id}/signature-requests")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    ResponseEntity<PlanView.PendingSignature> signatureRequest(@PathVariable UUID id, @RequestBody SignatureRequest r) {
        Channel channel;
        try {
            channel = Channel.parse(r.channel() == null ? "" : r.channel());
        } catch (IllegalArgumentException e) {
            throw new Problem.Rejected(List.of(new Problem("channel", "El canal es SMS o EMAIL", "The channel is SMS or EMAIL")));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(plans.requestSignature(id, channel));
    }

    /** {@code {"code": "123456"}}: the customer's signature. */
    @PostMapping("/{id}/signature")
    PlanView signature(@PathVariable UUID id, @RequestBody SignatureCode r, HttpServletRequest http) {
        if (r.code() == null || r.code().isBlank()) {
            throw new Problem.Rejected(List.of(new Problem("code", "Falta el código", "The code is missing")));
        }
        return plans.sign(id, r.code(), new PaymentPlans.SignatureContext(http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT)));
    }

    @PostMapping("/{id}/cancellation")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    PlanView cancel(@PathVariable UUID id, @RequestBody(required = false) Cancellation r) {
        return plans.cancel(id, r == null ? null : r.reason());
    }

    @GetMapping("/{id}/agreement.pdf")
    ResponseEntity<byte[]> agreement(@PathVariable UUID id) {
        return PlanForms.pdf(plans.agreementLetter(id), "convenio-" + id + ".pdf");
    }

    @GetMapping("/{id}/settlement.pdf")
    ResponseEntity<byte[]> settlement(@PathVariable UUID id) {
        return PlanForms.pdf(plans.settlementLetter(id), "finiquito-" + id + ".pdf");
    }

    private static List<String> obligations(Object o) {
        if (o == null) return List.of();
        if (o instanceof String s) {
            if (s.isBlank() || s.strip().equalsIgnoreCase("all")) return List.of();
            return List.of(s.split(","));
        }
        if (o instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        throw new Problem.Rejected(List.of(new Problem("obligations", "Una lista de ids externos o \"all\"",
                "A list of external ids or \"all\"")));
    }

    @ExceptionHandler(Problem.Rejected.class)
    ResponseEntity<Map<String, Object>> rejected(Problem.Rejected e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", e.code(), "problems", e.problems()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "problems", List.of(new Problem(null,
                "La solicitud no es válida: " + e.getMessage(), "The request is not valid: " + e.getMessage()))));
    }
}
