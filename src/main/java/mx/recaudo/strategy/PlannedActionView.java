package mx.recaudo.strategy;

import java.time.LocalDate;

/** A planned action as the API and the 360 page show it. */
public record PlannedActionView(long id, long customerId, String customerExternalId, LocalDate asOf, String stepKey,
                                String actionType, String channel, String templateRef, String tone, String segmentKey,
                                int segmentationVersion, String strategyKey, String variantKey, int dpd,
                                int queuePriority, boolean settlementOffer, String reason, String status) {
}
