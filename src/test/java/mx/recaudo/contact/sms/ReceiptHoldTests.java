package mx.recaudo.contact.sms;

import mx.recaudo.contact.outbox.DeliveryReports.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptHoldTests {
    final List<Report> applied = new ArrayList<>();
    final ReceiptHold hold = new ReceiptHold(applied::add);
    static final Report DELIVERED = new Report("1", "DELIVERED", "DELIVRD err 000");
    static final Report FAILED = new Report("1", "FAILED", "UNDELIV err 034");

    @Test
    void aReceiptForAnUnknownOrRecordedSubmitIsAppliedAtOnce() {
        hold.receipt(DELIVERED);
        assertThat(applied).containsExactly(DELIVERED);
        hold.accepted("2", 0);
        hold.recorded(List.of("2"));
        Report late = new Report("2", "DELIVERED", "");
        hold.receipt(late);
        assertThat(applied).containsExactly(DELIVERED, late);
    }

    @Test
    void aReceiptBeforeTheSentIsRecordedWaitsForIt() {
        hold.accepted("1", 0);
        hold.receipt(FAILED);
        assertThat(applied).isEmpty();
        assertThat(hold.deliveredBeforeRecording("1")).as("only DELIVERED is recorded with the SENT").isFalse();
        hold.recorded(List.of("1"));
        assertThat(applied).containsExactly(FAILED);
        assertThat(hold.held()).isZero();
    }

    @Test
    void aDeliveredReceiptRecordedWithItsSentIsNotAppliedAgain() {
        hold.accepted("1", 0);
        assertThat(hold.deliveredBeforeRecording("1")).as("no receipt yet").isFalse();
        hold.receipt(DELIVERED);
        assertThat(hold.deliveredBeforeRecording("1")).isTrue();
        hold.recorded(List.of("1"));
        assertThat(applied).isEmpty();
        assertThat(hold.held()).isZero();
    }

    @Test
    void whenTheRecordingNeverHappensTheReceiptIsAppliedAfterAll() {
        hold.accepted("1", 0);
        hold.receipt(DELIVERED);
        assertThat(hold.deliveredBeforeRecording("1")).isTrue();
        hold.expire(30_000, 60_000);
        assertThat(applied).isEmpty();
        hold.expire(60_001, 60_000);
        assertThat(applied).containsExactly(DELIVERED);
        hold.recorded(List.of("1")); // too late: nothing more
        assertThat(applied).containsExactly(DELIVERED);
    }

    @Test
    void aRecordingThatDidNotIncludeTheReceiptLetsItThrough() {
        hold.accepted("1", 0);
        hold.accepted("2", 0);
        hold.receipt(new Report("2", "DELIVERED", ""));
        assertThat(hold.deliveredBeforeRecording("1")).isFalse();
        hold.recorded(List.of("1", "2")); // "2" was recorded as SENT only
        assertThat(applied).extracting(Report::providerMessageId).containsExactly("2");
    }
}
