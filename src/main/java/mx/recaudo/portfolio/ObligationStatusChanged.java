package mx.recaudo.portfolio;

import java.util.UUID;

/**
 * An obligation's status was set by hand (disputed, in an arrangement, back to active…).
 * {@code customerDisputed} says whether any of the customer's open obligations is disputed after
 * the change, so listeners need not read the portfolio again.
 */
public record ObligationStatusChanged(UUID orgId, long customerId, long obligationId, String previousStatus,
                                      String status, boolean customerDisputed) {
}
