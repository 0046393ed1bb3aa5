package mx.recaudo.arrangement;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;

/**
 * Defaults of the promise policy for organizations that have not set their own
 * ({@code recaudo.arrangements.promise.*}), and how often due promises are evaluated.
 */
@ConfigurationProperties("recaudo.arrangements")
public record ArrangementProperties(Promise promise, Long evaluateMillis) {
    public ArrangementProperties {
        if (promise == null) promise = new Promise(null, null, null, null, null);
        if (evaluateMillis == null || evaluateMillis <= 0) evaluateMillis = 30_000L;
    }

    public record Promise(Integer maxDaysAhead, BigDecimal minAmount, BigDecimal minShare, Integer maxOpen, Integer graceDays) {
        public Promise {
            if (maxDaysAhead == null) maxDaysAhead = 30;
            if (minShare == null && minAmount == null) minShare = new BigDecimal("0.10");
            if (maxOpen == null) maxOpen = 1;
            if (graceDays == null) graceDays = 2;
        }

        PromisePolicy policy() {
            return new PromisePolicy(maxDaysAhead, minAmount, minShare, maxOpen, graceDays);
        }
    }
}
