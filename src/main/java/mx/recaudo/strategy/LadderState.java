package mx.recaudo.strategy;

import java.time.LocalDate;

/**
 * Where a customer stands on the ladder after the run (or event) of {@code asOf}: segment,
 * strategy, variant and stage, the stage before that date ({@code prevStageNo}, so that the same
 * date can be replayed), the escalation floor set by broken promises, and pause / stop marks.
 */
record LadderState(LocalDate asOf, String segmentKey, int segmentationVersion, String strategyKey, String variantKey,
                   int stageNo, String stageKey, int prevStageNo, LocalDate stageSince, LocalDate lastActionOn,
                   int floorStage, LocalDate pausedUntil, LocalDate stoppedOn) {

    LadderState pausedUntil(LocalDate until) {
        return new LadderState(asOf, segmentKey, segmentationVersion, strategyKey, variantKey, stageNo, stageKey,
                prevStageNo, stageSince, lastActionOn, floorStage, until, null);
    }

    LadderState escalated() {
        return new LadderState(asOf, segmentKey, segmentationVersion, strategyKey, variantKey, stageNo, stageKey,
                prevStageNo, stageSince, lastActionOn, Math.max(floorStage, stageNo + 1), null, null);
    }

    LadderState stopped(LocalDate on) {
        return new LadderState(asOf, segmentKey, segmentationVersion, strategyKey, variantKey, stageNo, stageKey,
                prevStageNo, stageSince, lastActionOn, -1, null, on);
    }
}
