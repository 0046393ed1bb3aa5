package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** US-01 consumer-designated inconvenient times, alone and in the guard. */
class InconvenientTimeTests {
    static final ZoneId CDMX = ZoneId.of("America/Mexico_City");
    final ContactGuard guard = ContactGuard.standard();
    final ContactPolicy policy = new Policies.InconvenientTimePolicy();

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(CDMX).toInstant();
    }

    static ContactSubject with(InconvenientTime... times) {
        return ContactSubject.debtorIn(CDMX).withInconvenientTimes(List.of(times));
    }

    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    @Test
    void noCallsBetweenNineAndTwoDefersACallAtTenToTwoThatDayButNotATextMessage() {
        // Tuesday 4 March 2025
        var calls = new InconvenientTime(Channel.VOICE, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(14, 0));
        ContactDecision call = guard.decide(new ContactRequest(Channel.VOICE, "+52", local("2025-03-04T10:00")), with(calls),
                JurisdictionProfile.mxCondusef());
        assertThat(call).isInstanceOf(ContactDecision.Deferred.class);
        assertThat(call.when()).isEqualTo(local("2025-03-04T14:00"));
        assertThat(call.reasons()).containsExactly(Reason.CONSUMER_INCONVENIENT_TIME);

        assertThat(guard.decide(new ContactRequest(Channel.SMS, "+52", local("2025-03-04T10:00")), with(calls),
                JurisdictionProfile.mxCondusef()).allowed()).isTrue();
        assertThat(policy.evaluate(new ContactRequest(Channel.VOICE, "+52", local("2025-03-04T14:00")), with(calls),
                JurisdictionProfile.mxCondusef())).as("the end is open").isEmpty();
        assertThat(policy.evaluate(new ContactRequest(Channel.VOICE, "+52", local("2025-03-04T08:59")), with(calls),
                JurisdictionProfile.mxCondusef())).isEmpty();
    }

    @Test
    void notOnSundaysOnEveryChannelMovesASundayMessageToMondayUnderAProfileThatAllowsSundays() {
        var sundays = InconvenientTime.wholeDays(null, Set.of(DayOfWeek.SUNDAY));
        assertThat(sundays.wholeDay()).isTrue();
        // Sunday 9 March 2025, 11:00; Regulation F allows every day 08:00-21:00
        ContactDecision d = guard.decide(new ContactRequest(Channel.EMAIL, "a@b.mx", local("2025-03-09T11:00")), with(sundays),
                JurisdictionProfile.usRegF());
        assertThat(d.when()).isEqualTo(local("2025-03-10T08:00"));
        assertThat(d.reasons()).contains(Reason.CONSUMER_INCONVENIENT_TIME);
        assertThat(guard.decide(new ContactRequest(Channel.EMAIL, "a@b.mx", local("2025-03-09T11:00")),
                ContactSubject.debtorIn(CDMX), JurisdictionProfile.usRegF()).allowed()).isTrue();
    }

    @Test
    void aWindowPastMidnightCoversTheEarlyHoursOfTheNextDay() {
        var evenings = new InconvenientTime(null, Set.of(DayOfWeek.MONDAY), LocalTime.of(20, 0), LocalTime.of(9, 30));
        assertThat(evenings.endOf(LocalDateTime.parse("2025-03-03T21:00"))).contains(LocalDateTime.parse("2025-03-04T09:30"));
        assertThat(evenings.endOf(LocalDateTime.parse("2025-03-04T08:00"))).contains(LocalDateTime.parse("2025-03-04T09:30"));
        assertThat(evenings.endOf(LocalDateTime.parse("2025-03-04T21:00"))).as("Tuesday evening is not listed").isEmpty();
        assertThat(evenings.endOf(LocalDateTime.parse("2025-03-03T08:00"))).as("Sunday night is not listed").isEmpty();
        ContactDecision d = guard.decide(new ContactRequest(Channel.SMS, "+52", local("2025-03-04T07:30")), with(evenings),
                JurisdictionProfile.mxCondusef());
        assertThat(d.when()).isEqualTo(local("2025-03-04T09:30"));
    }

    @Test
    void windowsThatLeaveNoTimeAtAllDropTheContactWithTheReasonsButLettersAreNeverTimed() {
        var always = InconvenientTime.wholeDays(null, EnumSet.allOf(DayOfWeek.class));
        ContactDecision d = guard.decide(new ContactRequest(Channel.SMS, "+52", local("2025-03-04T10:00")), with(always),
                JurisdictionProfile.mxCondusef());
        assertThat(d).isInstanceOf(ContactDecision.Refused.class);
        assertThat(d.reasons()).contains(Reason.CONSUMER_INCONVENIENT_TIME, Reason.NO_ALLOWED_MOMENT);
        assertThat(guard.decide(new ContactRequest(Channel.LETTER, null, local("2025-03-04T10:00")), with(always),
                JurisdictionProfile.mxCondusef()).allowed()).isTrue();
        assertThatThrownBy(() -> InconvenientTime.wholeDays(Channel.LETTER, Set.of(DayOfWeek.MONDAY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlappingWindowsAreLeftOnlyWhenEveryOneHasEnded() {
        var morning = new InconvenientTime(null, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(12, 0));
        var lunch = new InconvenientTime(Channel.WHATSAPP, WEEKDAYS, LocalTime.of(11, 0), LocalTime.of(16, 0));
        ContactDecision d = guard.decide(new ContactRequest(Channel.WHATSAPP, "+52", local("2025-03-04T09:15")),
                with(morning, lunch), JurisdictionProfile.mxCondusef());
        assertThat(d.when()).isEqualTo(local("2025-03-04T16:00"));
    }

    @Test
    void storedFormRoundTrips() {
        var t = new InconvenientTime(Channel.VOICE, Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(14, 0));
        assertThat(t.dayNames()).containsExactly("MONDAY", "SUNDAY");
        assertThat(InconvenientTime.of("VOICE", t.dayNames(), t.from(), t.to())).isEqualTo(t);
        assertThat(InconvenientTime.of(null, new String[]{"SUNDAY"}, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).appliesTo(Channel.SMS)).isTrue();
    }
}
