package mx.recaudo.strategy;

import java.time.LocalDate;

/**
 * One change in a customer's course, for the customer 360 page: from {@code asOf}, the customer was
 * in this segment (of that segmentation version), strategy, variant and stage, at {@code dpd} days
 * past due. {@code reason}: FIRST_SEEN, SEGMENT_CHANGED, STRATEGY_CHANGED, STAGE_CHANGED, RESTARTED,
 * PROMISE_MADE, PROMISE_BROKEN, PAID.
 */
public record LadderHistoryEntry(LocalDate asOf, String segmentKey, int segmentationVersion, String strategyKey,
                                 String variantKey, String stageKey, int dpd, String reason) {
}
