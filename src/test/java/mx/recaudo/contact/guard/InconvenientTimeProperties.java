package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard and consumer-designated inconvenient times (US-01), over random windows, zones, profiles and moments. */
class InconvenientTimeProperties {
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    final ContactGuard guard = ContactGuard.standard();

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("America/Mexico_City", "America/Tijuana", "America/Cancun", "America/Hermosillo",
                "America/Chihuahua", "America/New_York", "America/Los_Angeles").map(ZoneId::of);
    }

    @Provide
    Arbitrary<JurisdictionProfile> profiles() {
        return Arbitraries.of(JurisdictionProfile.mxCondusef(), JurisdictionProfile.mxProfeco(), JurisdictionProfile.usRegF());
    }

    @Provide
    Arbitrary<Channel> channels() {
        return Arbitraries.of(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL, Channel.VOICE);
    }

    /** Windows within the day, past midnight or whole days, on any days but Tuesday and Wednesday (so some time is always left). */
    @Provide
    Arbitrary<InconvenientTime> windows() {
        Arbitrary<Channel> channel = Arbitraries.of(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL, Channel.VOICE).injectNull(0.4);
        Arbitrary<Set<DayOfWeek>> days = Arbitraries.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY,
                DayOfWeek.SATURDAY, DayOfWeek.SUNDAY).set().ofMinSize(1).ofMaxSize(5);
        Arbitrary<LocalTime> time = Arbitraries.integers().between(0, 24 * 4 - 1).map(q -> LocalTime.of(q / 4, (q % 4) * 15));
        return Combinators.combine(channel, days, time, time).as(InconvenientTime::new);
    }

    @Property(tries = 1500)
    void whatIsAllowedOrDeferredFallsOutsideEveryWindowOfItsChannelAndIsNeverDropped(
            @ForAll("zones") ZoneId zone, @ForAll("profiles") JurisdictionProfile profile, @ForAll("channels") Channel channel,
            @ForAll @Size(max = 4) List<@net.jqwik.api.From("windows") InconvenientTime> windows,
            @ForAll @LongRange(min = 0, max = 3L * 365 * 24 * 3600) long offset) {
        Instant at = START.plusSeconds(offset);
        ContactSubject subject = ContactSubject.debtorIn(zone).withInconvenientTimes(windows);
        ContactDecision d = guard.decide(new ContactRequest(channel, "x", at), subject, profile);
        assertThat(d).as("Tuesdays and Wednesdays stay free: deferred, never dropped").isNotInstanceOf(ContactDecision.Refused.class);
        assertThat(d.when()).isAfterOrEqualTo(at);
        ZonedDateTime local = d.when().atZone(zone);
        for (InconvenientTime w : windows) {
            if (w.appliesTo(channel)) assertThat(w.endOf(local.toLocalDateTime())).as("inside %s", w).isEmpty();
        }
        assertThat(local.toLocalTime()).isBetween(profile.earliest(), profile.latest().minusNanos(1));
        assertThat(profile.days()).contains(local.getDayOfWeek());
        // the moment found is allowed when asked again there
        assertThat(guard.decide(new ContactRequest(channel, "x", d.when()), subject, profile).allowed()).isTrue();
    }

    @Property(tries = 1000)
    void aMomentInsideAWindowOfTheChannelIsNeverAllowedAndSaysWhy(
            @ForAll("zones") ZoneId zone, @ForAll("profiles") JurisdictionProfile profile, @ForAll("channels") Channel channel,
            @ForAll("windows") InconvenientTime window, @ForAll @LongRange(min = 0, max = 3L * 365 * 24 * 3600) long offset) {
        Instant at = START.plusSeconds(offset);
        ContactSubject subject = ContactSubject.debtorIn(zone).withInconvenientTimes(List.of(window));
        ContactDecision d = guard.decide(new ContactRequest(channel, "x", at), subject, profile);
        boolean inside = window.appliesTo(channel) && window.endOf(at.atZone(zone).toLocalDateTime()).isPresent();
        if (inside) {
            assertThat(d.allowed()).isFalse();
            assertThat(d.reasons()).contains(Reason.CONSUMER_INCONVENIENT_TIME);
            assertThat(d.when()).isAfter(at);
        }
    }

    @Property(tries = 1000)
    void windowsOfOtherChannelsChangeNothing(
            @ForAll("zones") ZoneId zone, @ForAll("profiles") JurisdictionProfile profile, @ForAll("channels") Channel channel,
            @ForAll @Size(max = 4) List<@net.jqwik.api.From("windows") InconvenientTime> windows,
            @ForAll @LongRange(min = 0, max = 3L * 365 * 24 * 3600) long offset) {
        Instant at = START.plusSeconds(offset);
        List<InconvenientTime> others = windows.stream().filter(w -> w.channel() != null && w.channel() != channel).toList();
        ContactDecision with = guard.decide(new ContactRequest(channel, "x", at),
                ContactSubject.debtorIn(zone).withInconvenientTimes(others), profile);
        ContactDecision without = guard.decide(new ContactRequest(channel, "x", at), ContactSubject.debtorIn(zone), profile);
        assertThat(with).isEqualTo(without);
    }

    @Property(tries = 300)
    void lettersIgnoreInconvenientTimes(@ForAll("zones") ZoneId zone, @ForAll("profiles") JurisdictionProfile profile,
                                        @ForAll @LongRange(min = 0, max = 3L * 365 * 24 * 3600) long offset) {
        Instant at = START.plusSeconds(offset);
        ContactSubject subject = ContactSubject.debtorIn(zone)
                .withInconvenientTimes(List.of(InconvenientTime.wholeDays(null, EnumSet.allOf(DayOfWeek.class))));
        assertThat(guard.decide(new ContactRequest(Channel.LETTER, null, at), subject, profile).allowed()).isTrue();
    }
}
