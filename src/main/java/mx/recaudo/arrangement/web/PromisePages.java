package mx.recaudo.arrangement.web;

import mx.recaudo.arrangement.MakePromise;
import mx.recaudo.arrangement.Promises;
import mx.recaudo.payment.Problem;
import mx.recaudo.portfolio.Portfolio;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The promises section of the customer 360 page, an htmx fragment: {@code GET /customers/{id}/promises}
 * draws the customer's promises and the form; the form posts to the same address and gets the
 * section back, with the policy's reasons when the promise is refused.
 */
@Controller
class PromisePages {
    private final Promises promises;
    private final Portfolio portfolio;

    PromisePages(Promises promises, Portfolio portfolio) {
        this.promises = promises;
        this.portfolio = portfolio;
    }

    @GetMapping("/customers/{id}/promises")
    String section(@PathVariable long id, Model model) {
        model.addAttribute("customerId", id);
        model.addAttribute("promises", promises.ofCustomer(id));
        model.addAttribute("policy", promises.policy());
        model.addAttribute("today", portfolio.today());
        if (!model.containsAttribute("idempotencyKey")) model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "arrangement/promises :: section";
    }

    @PostMapping("/customers/{id}/promises")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT')")
    String make(@PathVariable long id, @RequestParam String amount, @RequestParam String currency,
                @RequestParam String dueDate, @RequestParam String idempotencyKey, Model model) {
        BigDecimal value = null;
        LocalDate due = null;
        try {
            value = new BigDecimal(amount.strip().replace(",", "").replace("$", ""));
        } catch (NumberFormatException e) {
            // reported as a missing amount
        }
        try {
            due = LocalDate.parse(dueDate.strip());
        } catch (DateTimeParseException e) {
            // reported as a missing date
        }
        try {
            promises.make(id, new MakePromise("#" + id, value, currency, due, "AGENT", idempotencyKey));
            model.addAttribute("made", true);
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        } catch (Problem.Rejected e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("form", List.of(amount, currency, dueDate));
            model.addAttribute("idempotencyKey", idempotencyKey);
        }
        return section(id, model);
    }
}
