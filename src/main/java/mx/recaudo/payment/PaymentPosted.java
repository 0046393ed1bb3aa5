package mx.recaudo.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A payment was applied to a customer's obligations. {@code remainingBalance} is what the customer
 * still owes in that currency afterwards; zero means the account is settled in that currency.
 */
public record PaymentPosted(UUID orgId, UUID paymentId, long customerId, String currency, BigDecimal amount,
                            BigDecimal remainingBalance, Instant receivedAt) {
}
