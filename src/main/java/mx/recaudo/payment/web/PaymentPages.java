package mx.recaudo.payment.web;

import mx.recaudo.payment.BankStatements;
import mx.recaudo.payment.PaymentReferences;
import mx.recaudo.payment.Payments;
import mx.recaudo.payment.PostPayment;
import mx.recaudo.payment.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * Payment pages: the latest payments with a form to post one, a payment with its allocations (and
 * its reversal), bank statement upload, the exceptions queue, and the payments section of the
 * customer 360 page ({@code GET /customers/{id}/payments}, an htmx fragment).
 */
@Controller
class PaymentPages {
    private final Payments payments;
    private final PaymentReferences references;
    private final BankStatements statements;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    PaymentPages(Payments payments, PaymentReferences references, BankStatements statements,
                 com.fasterxml.jackson.databind.ObjectMapper json) {
        this.payments = payments;
        this.references = references;
        this.statements = statements;
        this.json = json;
    }

    @GetMapping("/payments")
    String list(Model model) {
        model.addAttribute("payments", payments.recent(100));
        if (!model.containsAttribute("idempotencyKey")) model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "payment/list";
    }

    /** The form carries an idempotency key made when the page was drawn: a double submit posts once. */
    @PostMapping("/payments")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String post(@RequestParam String customer, @RequestParam String amount, @RequestParam String currency,
                @RequestParam(required = false) String reference, @RequestParam String idempotencyKey,
                Model model, RedirectAttributes redirect) {
        BigDecimal value = null;
        try {
            value = new BigDecimal(amount.strip().replace(",", "").replace("$", ""));
        } catch (NumberFormatException e) {
            // reported by the command as a missing amount
        }
        try {
            Payments.Posted posted = payments.post(new PostPayment(customer, value, currency, reference, null,
                    idempotencyKey, PostPayment.Channel.WEB));
            redirect.addFlashAttribute("posted", !posted.replayed());
            return "redirect:/payments/" + posted.payment().id();
        } catch (Problem.Rejected e) {
            model.addAttribute("problems", e.problems());
            model.addAttribute("form", new Form(customer, amount, currency, reference));
            model.addAttribute("idempotencyKey", idempotencyKey);
            return list(model);
        }
    }

    record Form(String customer, String amount, String currency, String reference) {}

    @GetMapping("/payments/{id}")
    String one(@PathVariable UUID id, Model model) {
        model.addAttribute("p", payments.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "payment/detail";
    }

    @PostMapping("/payments/{id}/reversal")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String reverse(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            payments.reverse(id, reason);
            redirect.addFlashAttribute("reversed", true);
        } catch (Problem.Rejected e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/payments/" + id;
    }

    @GetMapping("/payments/statements")
    String statements(Model model) {
        model.addAttribute("statements", statements.recent());
        return "payment/statements";
    }

    @PostMapping("/payments/statements")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String layout,
                  RedirectAttributes redirect) throws IOException {
        Path tmp = Files.createTempFile("statement-", ".csv");
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            var result = statements.importFile(tmp, file.getOriginalFilename() == null ? "estado.csv" : file.getOriginalFilename(),
                    BankStatementApi.parseLayout(json, layout));
            redirect.addFlashAttribute("result", result);
        } catch (Problem.Rejected e) {
            redirect.addFlashAttribute("problems", e.problems());
        } finally {
            Files.deleteIfExists(tmp);
        }
        return "redirect:/payments/statements";
    }

    @GetMapping("/payments/exceptions")
    String exceptions(Model model) {
        model.addAttribute("exceptions", statements.openExceptions(200));
        return "payment/exceptions";
    }

    /** Assigns an exception's deposit to a customer, or dismisses it when no customer is given. */
    @PostMapping("/payments/exceptions/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    String resolve(@PathVariable long id, @RequestParam(required = false) String customer, RedirectAttributes redirect) {
        try {
            statements.resolve(id, customer);
            redirect.addFlashAttribute("resolved", id);
        } catch (Problem.Rejected e) {
            redirect.addFlashAttribute("problems", e.problems());
        }
        return "redirect:/payments/exceptions";
    }

    /** The payments section of the customer 360 page: payments, unapplied credit, deposit reference, CLABE. */
    @GetMapping("/customers/{id}/payments")
    String customerSection(@PathVariable long id, Model model) {
        model.addAttribute("customerId", id);
        model.addAttribute("payments", payments.ofCustomer(id));
        model.addAttribute("credit", payments.unappliedCredit(id));
        model.addAttribute("reference", references.referenceFor(id));
        model.addAttribute("clabe", references.clabeFor(id).map(Object::toString).orElse(null));
        return "payment/customer-section :: section";
    }

    static List<String> currencies() {
        return List.of("MXN", "USD");
    }
}
