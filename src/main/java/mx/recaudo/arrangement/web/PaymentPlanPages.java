package mx.recaudo.arrangement.web;

import jakarta.servlet.http.HttpServletRequest;
import mx.recaudo.arrangement.PaymentPlans;
import mx.recaudo.arrangement.PlanView;
import mx.recaudo.arrangement.ProposePlan;
import mx.recaudo.contact.Channel;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.payment.Problem;
import mx.recaudo.portfolio.Portfolio;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payment plans on the web: the plans section of the customer 360 page (an htmx fragment at
 * {@code /customers/{id}/payment-plans}: propose, send the signing code, type the code the customer
 * received, cancel, download the letters) and the approvals page for supervisors
 * ({@code /payment-plans/approvals}), built for a phone as much as for a desk.
 */
@Controller
class PaymentPlanPages {
    private final PaymentPlans plans;
    private final Portfolio portfolio;
    private final IdentityManagement identity;

    PaymentPlanPages(PaymentPlans plans, Portfolio portfolio, IdentityManagement identity) {
        this.plans = plans;
        this.portfolio = portfolio;
        this.identity = identity;
    }

    @GetMapping("/customers/{id}/payment-plans")
    String section(@PathVariable long id, Model model) {
        model.addAttribute("customerId", id);
        model.addAttribute("plans", plans.ofCustomer(id));
        model.addAttribute("today", portfolio.today());
        model.addAttribute("zone", ZoneId.of(identity.currentOrganization().timeZone()));
        if (!model.containsAttribute("idempotencyKey")) model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        if (!model.containsAttribute("form")) model.addAttribute("form", Map.of());
        return "arrangement/plans :: section";
    }

    @PostMapping("/customers/{id}/payment-plans")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
    String propose(@PathVariable long id, @RequestParam Map<String, String> form, Model model) {
        try {
            ProposePlan command = PlanForms.command("#" + id, List.of(), form.get("currency"), form.get("discount"),
                    form.get("discountOn"), form.get("downPayment"), form.get("downPaymentDate"),
                    integer(form.get("installments")), form.get("firstDueDate"), List.of(), form.get("idempotencyKey"));
            PlanView plan = plans.propose(id, command);
            model.addAttribute("message", plan.withinPolicy() ? "plan.proposed" : "plan.sentForApproval");
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        } catch (Problem.Rejected e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("form", form);
            model.addAttribute("idempotencyKey", form.get("idempotencyKey"));
        }
        return section(id, model);
    }

    @PostMapping("/customers/{id}/payment-plans/{plan}/signature-requests")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
    String requestSignature(@PathVariable long id, @PathVariable UUID plan, @RequestParam String channel, Model model) {
        try {
            plans.requestSignature(plan, Channel.parse(channel));
            model.addAttribute("message", "plan.codeSent");
        } catch (Problem.Rejected e) {
            model.addAttribute("problems", e.problems());
        }
        return section(id, model);
    }

    @PostMapping("/customers/{id}/payment-plans/{plan}/signature")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
    String sign(@PathVariable long id, @PathVariable UUID plan, @RequestParam String code, HttpServletRequest http, Model model) {
        try {
            plans.sign(plan, code, new PaymentPlans.SignatureContext(http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT)));
            model.addAttribute("message", "plan.signed");
        } catch (Problem.Rejected e) {
            model.addAttribute("problems", e.problems());
        }
        return section(id, model);
    }

    @PostMapping("/customers/{id}/payment-plans/{plan}/cancellation")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
    String cancel(@PathVariable long id, @PathVariable UUID plan, Model model) {
        try {
            plans.cancel(plan, "UI");
            model.addAttribute("message", "plan.cancelled");
        } catch (Problem.Rejected e) {
            model.addAttribute("problems", e.problems());
        }
        return section(id, model);
    }

    @GetMapping("/payment-plans/{id}/agreement.pdf")
    ResponseEntity<byte[]> agreement(@PathVariable UUID id) {
        return PlanForms.pdf(plans.agreementLetter(id), "convenio-" + id + ".pdf");
    }

    @GetMapping("/payment-plans/{id}/settlement.pdf")
    ResponseEntity<byte[]> settlement(@PathVariable UUID id) {
        return PlanForms.pdf(plans.settlementLetter(id), "finiquito-" + id + ".pdf");
    }

    @GetMapping("/payment-plans/approvals")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String approvals(Model model) {
        model.addAttribute("pending", plans.pendingApprovals());
        model.addAttribute("me", PlanUser.name());
        return "arrangement/approvals";
    }

    @PostMapping("/payment-plans/{id}/approval")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String decide(@PathVariable UUID id, @RequestParam String decision, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String documentSha256, @RequestParam(required = false) String note,
                  HttpServletRequest http, Model model) {
        try {
            PlanView plan = plans.decide(id, new PaymentPlans.Decision("APPROVE".equals(decision), password, documentSha256, note,
                    http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT)));
            model.addAttribute("decided", plan);
        } catch (Problem.Rejected e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("failedPlan", id);
        }
        return approvals(model);
    }

    private static Integer integer(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
