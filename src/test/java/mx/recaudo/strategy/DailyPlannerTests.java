package mx.recaudo.strategy;

import mx.recaudo.segmentation.ContactChannel;
import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.SegmentationDocuments;
import mx.recaudo.segmentation.SegmentationRules;
import mx.recaudo.segmentation.Tone;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The default ladder, decided day by day in plain Java. */
class DailyPlannerTests {
    static final LocalDate DUE = LocalDate.of(2026, 3, 10);
    final SegmentationRules segmentation = SegmentationDocuments.compile(SegmentationDocuments.defaultDocument(), 1);
    final StrategySet strategies = StrategyDocuments.compile(StrategyDocuments.defaultDocument(), 1);
    final DailyPlanner planner = new DailyPlanner(segmentation, strategies);

    static CustomerFacts customer(long dpd, Set<ContactChannel> reachable) {
        return new CustomerFacts(42, "C-42", dpd, Map.of("MXN", new BigDecimal("1200.00")), 24, Set.of("Crédito"),
                Set.of("LOAN_INSTALLMENT"), "Jalisco", reachable, 0, 0);
    }

    static CustomerFacts reachableEverywhere(long dpd) {
        return customer(dpd, EnumSet.allOf(ContactChannel.class));
    }

    Decision day(long dpd, LadderState state) {
        return planner.decide(reachableEverywhere(dpd), state, DUE.plusDays(dpd), false);
    }

    @Test
    void aCustomerMovingThroughTheDueDateGetsEachStagesEntryActionOnTheDayItIsEntered() {
        Decision d = day(-5, null);
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.NOT_DUE);
        d = day(-3, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.SMS);
        assertThat(d.action().step().key()).isEqualTo("sms-recordatorio");
        d = day(-2, d.state());
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.NO_CHANGE);
        d = day(0, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.WHATSAPP);
        d = day(3, d.state());
        assertThat(d.action()).isNull();
        d = day(7, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.EMAIL);
        d = day(15, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.VOICE_BLASTER);
        d = day(31, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.AGENT_CALL);
        d = day(61, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.LETTER);
        d = day(91, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.AGENT_CALL);
        assertThat(d.action().tone()).isEqualTo(Tone.FIRM);
        assertThat(d.action().step().settlementOffer()).isTrue();
        d = day(121, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.LEGAL_REFERRAL);
    }

    @Test
    void aCustomerSeenForTheFirstTimeLateGetsOnlyTheEntryActionOfTheCurrentStage() {
        Decision d = day(45, null);
        assertThat(d.action().type()).isEqualTo(ActionType.AGENT_CALL);
        assertThat(d.action().reason()).isEqualTo(Decision.Reason.STAGE_ENTRY);
        assertThat(d.historyReason()).isEqualTo("FIRST_SEEN");
    }

    @Test
    void aDpdJumpSkipsThePastStagesAndPlansOnlyTheStageNowEntered() {
        Decision d = day(2, null);
        assertThat(d.action().type()).isEqualTo(ActionType.WHATSAPP);
        d = day(70, d.state());
        assertThat(d.action().type()).isEqualTo(ActionType.LETTER);
        assertThat(d.state().stageKey()).isEqualTo("carta-cobranza");
    }

    @Test
    void aPromisePausesTheLadderThroughItsGraceDate() {
        Decision d = day(10, null);
        LadderState paused = d.state().pausedUntil(DUE.plusDays(25));
        assertThat(day(20, paused).outcome()).isEqualTo(Decision.Outcome.PAUSED);
        assertThat(day(25, paused).outcome()).isEqualTo(Decision.Outcome.PAUSED);
        Decision after = day(26, paused);
        assertThat(after.action().type()).isEqualTo(ActionType.VOICE_BLASTER);
    }

    @Test
    void aBrokenPromiseEscalatesToTheNextStageAndTheLadderDoesNotFallBack() {
        Decision d = day(8, null);
        assertThat(d.action().type()).isEqualTo(ActionType.EMAIL);
        Decision escalated = planner.decide(reachableEverywhere(9), d.state().escalated(), DUE.plusDays(9), false);
        assertThat(escalated.action().type()).isEqualTo(ActionType.VOICE_BLASTER);
        assertThat(escalated.action().reason()).isEqualTo(Decision.Reason.ESCALATION);
        assertThat(day(12, escalated.state()).action()).isNull();
        assertThat(day(31, escalated.state()).action().type()).isEqualTo(ActionType.AGENT_CALL);
    }

    @Test
    void whenTheStepsChannelIsUnreachableTheFallbackOrderApplies() {
        CustomerFacts noWhatsapp = customer(1, EnumSet.of(ContactChannel.PHONE, ContactChannel.EMAIL));
        assertThat(planner.decide(noWhatsapp, null, DUE.plusDays(1), false).action().type()).isEqualTo(ActionType.SMS);
        CustomerFacts emailOnly = customer(1, EnumSet.of(ContactChannel.EMAIL));
        assertThat(planner.decide(emailOnly, null, DUE.plusDays(1), false).action().type()).isEqualTo(ActionType.EMAIL);
        CustomerFacts nothing = customer(1, EnumSet.noneOf(ContactChannel.class));
        Decision d = planner.decide(nothing, null, DUE.plusDays(1), false);
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.UNREACHABLE);
        assertThat(d.state().stageKey()).isEqualTo("whatsapp-vencido");
    }

    @Test
    void replayingADateThatWasAlreadyDecidedGivesTheSameDecision() {
        Decision first = day(0, day(-3, null).state());
        Decision replay = planner.decide(reachableEverywhere(0), first.state(), DUE, true);
        assertThat(replay.action()).isEqualTo(first.action());
        assertThat(replay.state()).isEqualTo(first.state());
    }

    @Test
    void aCustomersVariantIsStableAndFollowsTheWeights() {
        Strategy s = new Strategy("x", "X", Set.of(), java.util.List.of(), java.util.List.of(
                new Variant("champion", 80, strategies.strategies().getFirst().variants().getFirst().steps()),
                new Variant("challenger", 20, strategies.strategies().getFirst().variants().getFirst().steps())));
        int challengers = 0;
        for (long id = 1; id <= 20_000; id++) {
            Variant v = s.variantFor(id);
            assertThat(s.variantFor(id)).isSameAs(v);
            if (v.key().equals("challenger")) challengers++;
        }
        assertThat(challengers).isBetween(3_700, 4_300);
    }
}
