package mx.recaudo.strategy;

import mx.recaudo.segmentation.ContactChannel;
import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.Segment;
import mx.recaudo.segmentation.SegmentationRules;
import mx.recaudo.segmentation.Tone;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ladder policy, in plain Java: given a customer's facts and ladder state, decides the due
 * step for a business date.
 * <ul>
 *   <li>The stage is the last step whose {@code fromDpd} the customer's DPD has reached, raised to the
 *   escalation floor a broken promise set.</li>
 *   <li>Entering a stage (first time seen, DPD moved on, DPD jumped several stages, escalation) plans
 *   the entry action of <em>that</em> stage only — never a burst of the stages skipped.</li>
 *   <li>Staying in a stage plans nothing, unless the step repeats every N days.</li>
 *   <li>A disputed obligation holds the ladder (no stage moves, nothing planned) until the dispute is
 *   resolved; then the stage the customer has reached plans its entry action.</li>
 *   <li>A promise pauses the ladder through its grace date; a stop (balance paid) restarts it from
 *   scratch if the customer owes again.</li>
 *   <li>When the customer is not reachable on the step's channel, the strategy's fallback order
 *   applies (after the step's own channel when it is in the list, else from the start); a channel the
 *   customer opted out of counts as not reachable.</li>
 * </ul>
 */
final class DailyPlanner {
    private final SegmentationRules segmentation;
    private final StrategySet strategies;

    DailyPlanner(SegmentationRules segmentation, StrategySet strategies) {
        this.segmentation = segmentation;
        this.strategies = strategies;
    }

    /**
     * @param replayToday when the state was already moved on {@code asOf}, decide from the stage it
     *                    had before that date (re-running the same date gives the same decisions)
     */
    Decision decide(CustomerFacts facts, LadderState state, LocalDate asOf, boolean replayToday) {
        return decide(facts, CustomerHolds.NONE, state, asOf, replayToday);
    }

    Decision decide(CustomerFacts facts, CustomerHolds holds, LadderState state, LocalDate asOf, boolean replayToday) {
        Segment segment = segmentation.assign(facts);
        Strategy strategy = strategies.forSegment(segment.key());
        if (strategy == null) {
            return new Decision(facts, segment, null, null, Decision.Outcome.NO_STRATEGY, null, state, null);
        }
        Variant variant = strategy.variantFor(facts.customerId());
        boolean restart = state == null || state.stoppedOn() != null
                || !strategy.key().equals(state.strategyKey()) || !variant.key().equals(state.variantKey());
        int base = restart ? -1 : (replayToday && asOf.equals(state.asOf()) ? state.prevStageNo() : state.stageNo());
        int floor = restart ? -1 : state.floorStage();
        LocalDate pausedUntil = restart ? null : state.pausedUntil();
        LocalDate lastAction = restart ? null : state.lastActionOn();
        LocalDate stageSince = restart ? null : state.stageSince();

        int byDpd = variant.stageFor(facts.dpd());
        int stage = Math.min(Math.max(byDpd, floor), variant.steps().size() - 1);
        if (byDpd < 0 && floor < 0) stage = -1;

        Decision.Outcome outcome;
        Decision.Planned planned = null;
        int newStage = stage;
        if (holds.disputed()) {
            outcome = Decision.Outcome.DISPUTED;
            newStage = base;
        } else if (pausedUntil != null && !asOf.isAfter(pausedUntil)) {
            outcome = Decision.Outcome.PAUSED;
            newStage = base;
        } else if (stage < 0) {
            outcome = Decision.Outcome.NOT_DUE;
        } else {
            Step step = variant.steps().get(stage);
            Decision.Reason reason = null;
            if (stage != base) {
                reason = stage > byDpd ? Decision.Reason.ESCALATION : Decision.Reason.STAGE_ENTRY;
                stageSince = asOf;
            } else if (step.repeatEveryDays() != null && lastAction != null
                    && ChronoUnit.DAYS.between(lastAction, asOf) >= step.repeatEveryDays()) {
                reason = Decision.Reason.REPEAT;
            }
            if (reason == null) {
                outcome = Decision.Outcome.NO_CHANGE;
            } else if (step.noContactInDays() != null && lastAction != null
                    && ChronoUnit.DAYS.between(lastAction, asOf) < step.noContactInDays()) {
                outcome = Decision.Outcome.HELD_BY_CONDITION;
            } else {
                ActionType type = reachableAction(step.action(), strategy.fallback(), facts, holds.blocked());
                if (type == null) {
                    outcome = Decision.Outcome.UNREACHABLE;
                } else {
                    Tone tone = step.tone() != null ? step.tone() : segment.tone();
                    planned = new Decision.Planned(step, type, tone, segment.priority(), reason);
                    outcome = Decision.Outcome.PLANNED;
                    lastAction = asOf;
                }
            }
        }
        String stageKey = newStage < 0 ? null : variant.steps().get(newStage).key();
        int prev = state != null && asOf.equals(state.asOf()) && replayToday ? state.prevStageNo() : base;
        LadderState next = new LadderState(asOf, segment.key(), segmentation.version(), strategy.key(), variant.key(),
                newStage, stageKey, prev, newStage < 0 ? null : stageSince, lastAction, floor, pausedUntil, null);
        String history = historyReason(state, next, restart);
        return new Decision(facts, segment, strategy, variant, outcome, planned, next, history);
    }

    /** The step's action if the customer is reachable for it, else the first reachable fallback, else null. */
    static ActionType reachableAction(ActionType wanted, List<ActionType> fallback, CustomerFacts facts) {
        return reachableAction(wanted, fallback, facts, Set.of());
    }

    /** Like {@link #reachableAction(ActionType, List, CustomerFacts)}, skipping the actions the customer opted out of. */
    static ActionType reachableAction(ActionType wanted, List<ActionType> fallback, CustomerFacts facts, Set<ActionType> blocked) {
        if (reachable(wanted, facts) && !blocked.contains(wanted)) return wanted;
        List<ActionType> candidates = fallback;
        int at = candidates.indexOf(wanted);
        if (at >= 0) candidates = candidates.subList(at + 1, candidates.size());
        for (ActionType a : candidates) if (reachable(a, facts) && !blocked.contains(a)) return a;
        return null;
    }

    static boolean reachable(ActionType type, CustomerFacts facts) {
        ContactChannel needs = type.requires();
        return needs == null || facts.reachable().contains(needs);
    }

    private static String historyReason(LadderState before, LadderState after, boolean restart) {
        if (before == null) return "FIRST_SEEN";
        if (before.stoppedOn() != null) return "RESTARTED";
        if (!before.segmentKey().equals(after.segmentKey()) || before.segmentationVersion() != after.segmentationVersion()) {
            return "SEGMENT_CHANGED";
        }
        if (restart) return "STRATEGY_CHANGED";
        if (before.stageNo() != after.stageNo() && !Objects.equals(before.stageKey(), after.stageKey())) return "STAGE_CHANGED";
        return null;
    }
}
