package mx.recaudo.payment.web;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.payment.PaymentLinks;
import mx.recaudo.shared.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Payment providers' webhooks: {@code POST /webhooks/payment-links/{provider}/{organization slug}}.
 * Not signed in: the provider's signature (checked by its adapter) is the authentication, so these
 * addresses get their own stateless security chain without CSRF.
 */
@RestController
class PaymentWebhooks {
    private final PaymentLinks links;
    private final IdentityManagement identity;

    PaymentWebhooks(PaymentLinks links, IdentityManagement identity) {
        this.links = links;
        this.identity = identity;
    }

    @PostMapping("/webhooks/payment-links/{provider}/{org}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String provider, @PathVariable String org,
                                                @RequestBody byte[] body, HttpServletRequest request) {
        var organization = identity.findOrganizationBySlug(org);
        if (organization.isEmpty()) return ResponseEntity.notFound().build();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) headers.put(name, request.getHeader(name));
        try {
            var payment = TenantContext.call(organization.get().id(), () -> links.webhook(provider, body, headers));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("received", true);
            payment.ifPresent(p -> answer.put("payment", p.id()));
            return ResponseEntity.ok(answer);
        } catch (SecurityException e) {
            return ResponseEntity.status(401).body(Map.of("error", "bad_signature"));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_webhook", "reason", String.valueOf(e.getMessage())));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WebhookSecurity {
        @Bean
        @Order(0)
        @ConditionalOnWebApplication
        SecurityFilterChain paymentWebhookChain(HttpSecurity http) throws Exception {
            http.securityMatcher("/webhooks/payment-links/**")
                    .csrf(c -> c.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
    }
}
