package mx.recaudo.arrangement.web;

import mx.recaudo.arrangement.PlanLimits;
import mx.recaudo.arrangement.PlanPolicies;
import mx.recaudo.payment.Problem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The organization's payment-plan limits over the REST API, in percent. {@code GET} answers the
 * configuration's defaults, the organization's own defaults and per-segment overrides as stored
 * (null = not set here) and the limits in effect per segment; {@code PUT
 * {"organization": {...}, "segments": [{"segment", ...}]}} replaces them (supervisors and admins).
 */
@RestController
@RequestMapping("/api/v1/plan-policies")
class PlanPolicyApi {
    private final PlanPolicies policies;

    PlanPolicyApi(PlanPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    PlanPolicies.Settings get() {
        return policies.settings();
    }

    @PutMapping
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    PlanPolicies.Settings put(@RequestBody PlanLimits.Change change) {
        return policies.change(change, PlanUser.name());
    }

    @ExceptionHandler(Problem.Rejected.class)
    ResponseEntity<Map<String, Object>> rejected(Problem.Rejected e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", e.code(), "problems", e.problems()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "problems", List.of(new Problem(null,
                "La solicitud no es válida (números donde van números): " + e.getMostSpecificCause().getMessage(),
                "The request is not valid (numbers where numbers go): " + e.getMostSpecificCause().getMessage()))));
    }
}
