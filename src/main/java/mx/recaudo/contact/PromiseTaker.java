package mx.recaudo.contact;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Registers a promise to pay that a customer made on a contact channel (keypad 2 of a voice call).
 * Implemented by the module that owns promises, so that the contact module does not depend on it.
 */
public interface PromiseTaker {

    record Taken(BigDecimal amount, String currency, LocalDate dueDate) {}

    /**
     * Registers the promise once per {@code idempotencyKey}; throws with the reason when the
     * organization's promise policy refuses it.
     */
    Taken take(long customerId, String customerExternalId, BigDecimal amount, String currency, LocalDate dueDate,
               String channel, String idempotencyKey);
}
