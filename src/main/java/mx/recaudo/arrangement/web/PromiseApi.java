package mx.recaudo.arrangement.web;

import mx.recaudo.arrangement.MakePromise;
import mx.recaudo.arrangement.PromisePolicy;
import mx.recaudo.arrangement.PromiseView;
import mx.recaudo.arrangement.Promises;
import mx.recaudo.payment.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Promises to pay over the REST API. */
@RestController
@RequestMapping("/api/v1")
class PromiseApi {
    private final Promises promises;

    PromiseApi(Promises promises) {
        this.promises = promises;
    }

    record PromiseRequest(String customer, String amount, String currency, String dueDate, String channel) {}

    /** {@code {"customer", "amount", "currency", "dueDate"}} → 201 {@code {"id", "status", ...}}; optional Idempotency-Key. */
    @PostMapping("/promises")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    ResponseEntity<PromiseView> make(@RequestHeader(name = "Idempotency-Key", required = false) String key,
                                     @RequestBody PromiseRequest request) {
        List<Problem> problems = new ArrayList<>();
        BigDecimal amount = null;
        if (request.amount() != null && !request.amount().isBlank()) {
            try {
                amount = new BigDecimal(request.amount().strip());
            } catch (NumberFormatException e) {
                problems.add(new Problem("amount", "No es un importe válido: " + request.amount(), "Not a valid amount: " + request.amount()));
            }
        }
        LocalDate due = null;
        if (request.dueDate() != null && !request.dueDate().isBlank()) {
            try {
                due = LocalDate.parse(request.dueDate().strip());
            } catch (DateTimeParseException e) {
                problems.add(new Problem("dueDate", "Fecha no válida (use AAAA-MM-DD): " + request.dueDate(),
                        "Invalid date (use YYYY-MM-DD): " + request.dueDate()));
            }
        }
        MakePromise command = new MakePromise(request.customer(), amount, request.currency(), due,
                request.channel() == null ? "API" : request.channel(), key);
        for (Problem p : command.problems()) {
            if (problems.stream().noneMatch(q -> q.field().equals(p.field()))) problems.add(p);
        }
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        return ResponseEntity.status(HttpStatus.CREATED).body(promises.make(command));
    }

    @GetMapping("/promises/{id}")
    ResponseEntity<PromiseView> one(@PathVariable UUID id) {
        return ResponseEntity.of(promises.find(id));
    }

    @GetMapping("/promise-policy")
    PromisePolicy policy() {
        return promises.policy();
    }

    @PutMapping("/promise-policy")
    @PreAuthorize("hasRole('ADMIN')")
    PromisePolicy changePolicy(@RequestBody PromisePolicy policy) {
        promises.changePolicy(policy);
        return promises.policy();
    }

    @ExceptionHandler(Problem.Rejected.class)
    ResponseEntity<Map<String, Object>> rejected(Problem.Rejected e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.code(), "problems", e.problems()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "problems", List.of(new Problem(null,
                "La solicitud no es válida: " + e.getMessage(), "The request is not valid: " + e.getMessage()))));
    }
}
