package mx.recaudo.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A payment provider that hosts a checkout page (card, OXXO cash, SPEI) and tells us by webhook when
 * it was paid. One adapter per provider; the webhook's signature is checked by the adapter.
 */
public interface PaymentLinkProvider {
    /** The provider's name in URLs and records, e.g. {@code hosted}. */
    String name();

    Checkout createCheckout(CheckoutRequest request);

    /** Whether the provider is set up (credentials given) for checkouts to be made. */
    default boolean configured() { return true; }

    /**
     * Reads a webhook call. Empty when it is not a "paid" notification; throws
     * {@link SecurityException} when its signature is wrong.
     */
    Optional<PaidCheckout> readWebhook(byte[] body, Map<String, String> headers);

    record CheckoutRequest(String linkId, BigDecimal amount, String currency, String description, String customerName) {}

    record Checkout(String checkoutId, String url) {}

    record PaidCheckout(String checkoutId, BigDecimal amount, String currency, Instant paidAt) {}
}
