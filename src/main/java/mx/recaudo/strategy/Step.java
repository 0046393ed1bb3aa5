package mx.recaudo.strategy;

import mx.recaudo.segmentation.Tone;

/**
 * A stage of a ladder, entered when the customer's DPD reaches {@code fromDpd} (negative = before
 * the due date); {@code toDpd} documents where the next stage takes over. Entering the stage plans
 * its action once; {@code repeatEveryDays} repeats it while the customer stays in the stage;
 * {@code noContactInDays} skips it when the ladder acted more recently than that.
 */
public record Step(String key, int fromDpd, Integer toDpd, ActionType action, String template, Tone tone,
                   boolean settlementOffer, Integer repeatEveryDays, Integer noContactInDays) {
}
