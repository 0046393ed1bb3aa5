package mx.recaudo.strategy;

import java.time.LocalDate;

/** Where a customer stands now: segment, strategy, variant and stage, and whether a promise pauses or a payment stopped the ladder. */
public record LadderPosition(LocalDate asOf, String segmentKey, int segmentationVersion, String strategyKey,
                             String variantKey, String stageKey, LocalDate stageSince, LocalDate lastActionOn,
                             LocalDate pausedUntil, LocalDate stoppedOn) {
}
