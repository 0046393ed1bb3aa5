package mx.recaudo.strategy;

import mx.recaudo.contact.Channel;
import mx.recaudo.segmentation.ContactChannel;
import mx.recaudo.segmentation.SegmentationDocuments;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import static mx.recaudo.strategy.DailyPlannerTests.reachableEverywhere;
import static org.assertj.core.api.Assertions.assertThat;

/** Disputes hold the ladder in place; opted-out channels are skipped for the fallback order. */
class CustomerHoldsTests {
    static final LocalDate DUE = DailyPlannerTests.DUE;
    final DailyPlanner planner = new DailyPlanner(SegmentationDocuments.compile(SegmentationDocuments.defaultDocument(), 1),
            StrategyDocuments.compile(StrategyDocuments.defaultDocument(), 1));

    @Test
    void aDisputeHoldsTheStageAndPlansNothingThenTheReachedStageIsEnteredOnceResolved() {
        Decision before = planner.decide(reachableEverywhere(7), null, DUE.plusDays(7), false);
        assertThat(before.action().type()).isEqualTo(ActionType.EMAIL);
        CustomerHolds disputed = CustomerHolds.of(true, List.of());
        Decision held = planner.decide(reachableEverywhere(20), disputed, before.state(), DUE.plusDays(20), false);
        assertThat(held.outcome()).isEqualTo(Decision.Outcome.DISPUTED);
        assertThat(held.action()).isNull();
        assertThat(held.state().stageKey()).isEqualTo("email-atraso");
        assertThat(held.tallyChannel()).isEqualTo("DISPUTED");
        Decision released = planner.decide(reachableEverywhere(33), CustomerHolds.NONE, held.state(), DUE.plusDays(33), false);
        assertThat(released.action().type()).isEqualTo(ActionType.AGENT_CALL);
        assertThat(released.action().reason()).isEqualTo(Decision.Reason.STAGE_ENTRY);
    }

    @Test
    void anOptedOutChannelIsSkippedForTheNextInTheFallbackOrder() {
        CustomerHolds noWhatsapp = CustomerHolds.of(false, List.of(Channel.WHATSAPP));
        assertThat(planner.decide(reachableEverywhere(0), noWhatsapp, null, DUE, false).action().type()).isEqualTo(ActionType.SMS);
        CustomerHolds noMessages = CustomerHolds.of(false, List.of(Channel.WHATSAPP, Channel.SMS, Channel.EMAIL));
        assertThat(planner.decide(reachableEverywhere(0), noMessages, null, DUE, false).outcome()).isEqualTo(Decision.Outcome.UNREACHABLE);
        CustomerHolds noVoice = CustomerHolds.of(false, List.of(Channel.VOICE));
        assertThat(planner.decide(reachableEverywhere(31), noVoice, null, DUE.plusDays(31), false).action().type())
                .as("a voice opt-out stops broadcasts, not a person's call").isEqualTo(ActionType.AGENT_CALL);
        assertThat(planner.decide(reachableEverywhere(15), noVoice, null, DUE.plusDays(15), false).action().type())
                .as("blaster → WhatsApp, the first of the fallback order").isEqualTo(ActionType.WHATSAPP);
    }

    @Test
    void optOutsOfAChannelBlockOnlyTheActionsSentOnIt() {
        assertThat(CustomerHolds.blockedBy(Channel.SMS)).containsExactly(ActionType.SMS);
        assertThat(CustomerHolds.blockedBy(Channel.VOICE)).containsExactlyInAnyOrder(ActionType.VOICE_BLASTER, ActionType.DIALER_CAMPAIGN);
        assertThat(CustomerHolds.of(false, List.of())).isSameAs(CustomerHolds.NONE);
        assertThat(DailyPlanner.reachableAction(ActionType.EMAIL, List.of(ActionType.WHATSAPP, ActionType.SMS, ActionType.EMAIL),
                DailyPlannerTests.customer(7, EnumSet.of(ContactChannel.PHONE)), EnumSet.noneOf(ActionType.class))).isNull();
    }
}
