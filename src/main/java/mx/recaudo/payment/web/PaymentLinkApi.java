package mx.recaudo.payment.web;

import mx.recaudo.payment.PaymentLinks;
import mx.recaudo.payment.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/** {@code POST /api/v1/payment-links} {@code {"customer", "amount", "currency", "provider"?}} → the hosted checkout URL. */
@RestController
@RequestMapping("/api/v1/payment-links")
class PaymentLinkApi {
    private final PaymentLinks links;

    PaymentLinkApi(PaymentLinks links) {
        this.links = links;
    }

    record LinkRequest(String customer, String amount, String currency, String provider) {}

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR','AGENT','API_CLIENT')")
    ResponseEntity<PaymentLinks.PaymentLink> create(@RequestBody LinkRequest request) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(request.amount() == null ? "" : request.amount().strip());
        } catch (NumberFormatException e) {
            throw new Problem.Rejected(List.of(new Problem("amount", "No es un importe válido", "Not a valid amount")));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(links.create(request.customer(), amount, request.currency(),
                request.provider()));
    }
}
