package mx.recaudo.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A payment was reversed (e.g. a bounced transfer); the balances it paid are owed again. */
public record PaymentReversed(UUID orgId, UUID paymentId, long customerId, String currency, BigDecimal amount,
                              String reason, Instant reversedAt) {
}
