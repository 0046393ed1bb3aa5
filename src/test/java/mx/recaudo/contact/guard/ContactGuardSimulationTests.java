package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.PartyRole;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated 30-day run: 10,000 customers, a strategy that asks for SMS, email and calls at random
 * moments, the guard deciding each; then an independent checker, written without the guard's code,
 * replays every contact made and finds no violation of the MX-CONDUSEF defaults.
 */
class ContactGuardSimulationTests {
    static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Mexico_City"), ZoneId.of("America/Tijuana"),
            ZoneId.of("America/Cancun"), ZoneId.of("America/Hermosillo"), ZoneId.of("America/Mazatlan"));
    /** Written out by hand from the Ley Federal del Trabajo, art. 74, for the simulated months. */
    static final Set<LocalDate> HOLIDAYS_2025 = Set.of(LocalDate.of(2025, 9, 16), LocalDate.of(2025, 11, 17));

    record Made(int customer, Channel channel, Instant at) {}

    @Test
    void aThirtyDayRunOfTenThousandCustomersHasNoViolation() {
        ContactGuard guard = ContactGuard.standard();
        JurisdictionProfile profile = JurisdictionProfile.mxCondusef();
        Random random = new Random(42);
        Instant start = Instant.parse("2025-09-01T00:00:00Z");
        List<Made> made = new ArrayList<>();
        Set<Integer> optedOut = new HashSet<>();
        Set<Integer> thirdParties = new HashSet<>();
        int refused = 0;
        for (int c = 0; c < 10_000; c++) {
            ZoneId zone = c % 97 == 0 ? null : ZONES.get(c % ZONES.size());
            PartyRole role = c % 50 == 0 ? PartyRole.REFERENCE : PartyRole.DEBTOR;
            if (role == PartyRole.REFERENCE) thirdParties.add(c);
            boolean optOut = c % 23 == 0;
            if (optOut) optedOut.add(c);
            Set<ContactSubject.OptOut> optOuts = optOut ? Set.of(new ContactSubject.OptOut(Channel.SMS, null)) : Set.of();
            List<ContactSubject.PastContact> history = new ArrayList<>();
            for (int day = 0; day < 30; day++) {
                int asks = 1 + random.nextInt(4);
                for (int k = 0; k < asks; k++) {
                    Channel channel = List.of(Channel.SMS, Channel.EMAIL, Channel.VOICE).get(random.nextInt(3));
                    Instant at = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(24 * 60)));
                    var subject = new ContactSubject(zone, role, false, false, optOuts, history, List.of());
                    ContactDecision d = guard.decide(new ContactRequest(channel, "addr", at), subject, profile);
                    if (d.when() == null) {
                        refused++;
                        continue;
                    }
                    history.add(new ContactSubject.PastContact(channel, d.when()));
                    made.add(new Made(c, channel, d.when()));
                }
            }
            if (zone == null) assertThat(history).isEmpty();
        }
        assertThat(made).hasSizeGreaterThan(100_000);
        assertThat(refused).isPositive();
        assertThat(violations(made, optedOut, thirdParties)).isEmpty();
    }

    /** The independent checker: plain arithmetic over the contacts made. */
    static List<String> violations(List<Made> made, Set<Integer> optedOut, Set<Integer> thirdParties) {
        List<String> found = new ArrayList<>();
        java.util.Map<String, List<Instant>> perCustomerChannel = new java.util.HashMap<>();
        for (Made m : made) {
            ZoneId zone = ZONES.get(m.customer() % ZONES.size());
            if (m.customer() % 97 == 0) found.add("contact with unknown zone " + m);
            ZonedDateTime local = m.at().atZone(zone);
            int minute = local.getHour() * 60 + local.getMinute();
            if (minute < 7 * 60 || minute >= 22 * 60) found.add("outside 07-22 " + m + " " + local);
            if (local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY) found.add("weekend " + m);
            if (HOLIDAYS_2025.contains(local.toLocalDate())) found.add("holiday " + m);
            if (m.channel() == Channel.SMS && optedOut.contains(m.customer())) found.add("opted out " + m);
            if (thirdParties.contains(m.customer())) found.add("third party " + m);
            perCustomerChannel.computeIfAbsent(m.customer() + "/" + m.channel(), k -> new ArrayList<>()).add(m.at());
        }
        perCustomerChannel.forEach((key, times) -> {
            int max = key.endsWith("VOICE") ? 3 : 1;
            List<Instant> sorted = times.stream().sorted().toList();
            for (int i = 0; i + max < sorted.size(); i++) {
                if (Duration.between(sorted.get(i), sorted.get(i + max)).compareTo(Duration.ofDays(1)) < 0) {
                    found.add("more than " + max + " in 24 h " + key + " from " + sorted.get(i));
                }
            }
        });
        return found;
    }
}
