package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContactGuardProperties {
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    final ContactGuard guard = ContactGuard.standard();

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("America/Mexico_City", "America/Tijuana", "America/Cancun", "America/Hermosillo",
                "America/Mazatlan", "America/Chihuahua", "America/New_York", "America/Los_Angeles").map(ZoneId::of);
    }

    @Provide
    Arbitrary<JurisdictionProfile> profiles() {
        return Arbitraries.of(JurisdictionProfile.mxCondusef(), JurisdictionProfile.mxProfeco(), JurisdictionProfile.usRegF());
    }

    @Provide
    Arbitrary<Channel> timedChannels() {
        return Arbitraries.of(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL, Channel.VOICE);
    }

    @Property(tries = 2000)
    void whatIsAllowedOrDeferredFallsInsideHoursDaysAndNotOnAHoliday(
            @ForAll("zones") ZoneId zone, @ForAll("profiles") JurisdictionProfile profile,
            @ForAll("timedChannels") Channel channel, @ForAll @LongRange(min = 0, max = 3L * 365 * 24 * 3600) long offset) {
        Instant at = START.plusSeconds(offset);
        ContactDecision d = guard.decide(new ContactRequest(channel, "x", at), ContactSubject.debtorIn(zone), profile);
        assertThat(d).isNotInstanceOf(ContactDecision.Refused.class);
        assertThat(d.when()).isAfterOrEqualTo(at);
        ZonedDateTime local = d.when().atZone(zone);
        LocalTime time = local.toLocalTime();
        assertThat(time).isBetween(profile.earliest(), profile.latest().minusNanos(1));
        assertThat(profile.days()).contains(local.getDayOfWeek());
        if (profile.mexicanHolidays()) assertThat(MexicanHolidays.isHoliday(local.toLocalDate())).isFalse();
        // the moment found is the earliest: asking again there is allowed at once
        assertThat(guard.decide(new ContactRequest(channel, "x", d.when()), ContactSubject.debtorIn(zone), profile).allowed()).isTrue();
    }

    @Property(tries = 500)
    void followingTheGuardNeverPutsMoreThanSevenCallsInAnySevenDays(
            @ForAll @IntRange(min = 1, max = 60) int attempts, @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        JurisdictionProfile profile = JurisdictionProfile.usRegF();
        ZoneId zone = ZoneId.of("America/Chicago");
        java.util.Random random = new java.util.Random(seed);
        List<ContactSubject.PastContact> made = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Instant at = START.plus(Duration.ofMinutes(random.nextInt(20 * 24 * 60)));
            ContactSubject s = ContactSubject.debtorIn(zone).withContacts(made);
            ContactDecision d = guard.decide(new ContactRequest(Channel.VOICE, "+1", at), s, profile);
            if (d.when() != null) made.add(new ContactSubject.PastContact(Channel.VOICE, d.when()));
        }
        List<Instant> times = made.stream().map(ContactSubject.PastContact::at).sorted().toList();
        for (Instant t : times) {
            long inWindow = times.stream().filter(x -> !x.isBefore(t) && x.isBefore(t.plus(Duration.ofDays(7)))).count();
            assertThat(inWindow).isLessThanOrEqualTo(7);
        }
    }
}
