package mx.recaudo.strategy;

import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.Segment;
import mx.recaudo.segmentation.Tone;

/**
 * What the planner decided for one customer on one date: the segment, strategy and variant, the
 * outcome, the action to plan (when there is one) and the customer's new ladder state.
 */
record Decision(CustomerFacts facts, Segment segment, Strategy strategy, Variant variant, Outcome outcome,
                Planned action, LadderState state, String historyReason) {

    enum Outcome {
        /** An action is planned. */
        PLANNED,
        /** The customer stays in a stage whose action was already planned. */
        NO_CHANGE,
        /** Before the first stage (e.g. more than 3 days before the due date). */
        NOT_DUE,
        /** A promise pauses the ladder. */
        PAUSED,
        /** A disputed obligation holds the ladder until the dispute is resolved. */
        DISPUTED,
        /** The stage was entered but the customer is reachable on no channel of the step or its fallback. */
        UNREACHABLE,
        /** The stage was entered but the step's conditions hold it back (recent contact). */
        HELD_BY_CONDITION,
        /** No strategy serves the segment. */
        NO_STRATEGY
    }

    enum Reason { STAGE_ENTRY, ESCALATION, REPEAT }

    record Planned(Step step, ActionType type, Tone tone, int queuePriority, Reason reason) {}

    /** The tally column: the action type, or NONE. */
    String tallyAction() {
        return action == null ? "NONE" : action.type().name();
    }

    /** The tally row's channel: the action's channel, or the outcome when nothing is planned. */
    String tallyChannel() {
        return action == null ? outcome.name() : action.type().channel();
    }
}
