package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.PartyRole;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static mx.recaudo.contact.guard.PoliciesTests.local;
import static org.assertj.core.api.Assertions.assertThat;

class ContactGuardTests {
    final ContactGuard guard = ContactGuard.standard();
    final ZoneId cdmx = ZoneId.of("America/Mexico_City");

    @Test
    void aFridayNightMessageBeforeAHolidayMondayMovesToTuesdayMorning() {
        // Friday 14 March 2025 23:00; Monday 17 March is a holiday
        var decision = guard.decide(new ContactRequest(Channel.SMS, "+523312345678", local("2025-03-14T23:00", cdmx)),
                ContactSubject.debtorIn(cdmx), JurisdictionProfile.mxCondusef());
        assertThat(decision).isInstanceOf(ContactDecision.Deferred.class);
        assertThat(decision.when()).isEqualTo(local("2025-03-18T07:00", cdmx));
        assertThat(decision.reasons()).containsExactly(Reason.OUTSIDE_HOURS);
    }

    @Test
    void permanentObjectionsAreDroppedWithEveryReason() {
        var subject = new ContactSubject(null, PartyRole.REFERENCE, true, false, Set.of(), List.of(), List.of());
        var decision = guard.decide(new ContactRequest(Channel.SMS, "+52", local("2025-03-04T12:00", cdmx)), subject,
                JurisdictionProfile.mxCondusef());
        assertThat(decision).isInstanceOf(ContactDecision.Refused.class);
        assertThat(decision.when()).isNull();
        assertThat(decision.reasons()).containsExactly(Reason.THIRD_PARTY, Reason.DO_NOT_CONTACT, Reason.TIME_ZONE_UNKNOWN);
    }

    @Test
    void anAllowedMomentIsAllowedAsAsked() {
        var at = local("2025-03-04T12:00", cdmx);
        var decision = guard.decide(new ContactRequest(Channel.EMAIL, "a@b.mx", at), ContactSubject.debtorIn(cdmx),
                JurisdictionProfile.mxProfeco());
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.when()).isEqualTo(at);
    }
}
