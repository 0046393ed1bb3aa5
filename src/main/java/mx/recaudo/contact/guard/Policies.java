package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** The named contact policies, one per rule of SPEC §13. */
public final class Policies {
    private Policies() {}

    /** Every policy the guard applies, in the order their reasons are reported. */
    public static List<ContactPolicy> all() {
        return List.of(new PartyRolePolicy(), new DoNotContactPolicy(), new DisputePolicy(), new OptOutPolicy(),
                new KnownTimeZonePolicy(), new AllowedHoursPolicy(), new ContactDaysPolicy(), new HolidayPolicy(),
                new InconvenientTimePolicy(), new FrequencyCapPolicy(), new ConversationPausePolicy());
    }

    /** The moment a local day starts contacts: that day at the profile's earliest hour in the zone. */
    static Instant opening(LocalDate day, JurisdictionProfile profile, ZoneId zone) {
        return ZonedDateTime.of(day, profile.earliest(), zone).toInstant();
    }

    static boolean timed(Channel channel) {
        return channel != Channel.LETTER;
    }

    /** MX-07: references, beneficiaries and minors never get collection messages. */
    public record PartyRolePolicy() implements ContactPolicy {
        public String name() { return "party-role"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            return s.role().mayReceiveCollectionMessages() ? Optional.empty()
                    : Optional.of(Objection.never(name(), Reason.THIRD_PARTY));
        }
    }

    /** A customer marked do-not-contact gets nothing. */
    public record DoNotContactPolicy() implements ContactPolicy {
        public String name() { return "do-not-contact"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            return s.doNotContact() ? Optional.of(Objection.never(name(), Reason.DO_NOT_CONTACT)) : Optional.empty();
        }
    }

    /** No collection contact while an obligation is disputed. */
    public record DisputePolicy() implements ContactPolicy {
        public String name() { return "dispute"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            return s.disputed() ? Optional.of(Objection.never(name(), Reason.DISPUTED)) : Optional.empty();
        }
    }

    /** Opt-outs per channel and address (US-03, BAJA/STOP replies). */
    public record OptOutPolicy() implements ContactPolicy {
        public String name() { return "opt-out"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            return s.optOuts().stream().anyMatch(o -> o.covers(r.channel(), r.address()))
                    ? Optional.of(Objection.never(name(), Reason.OPTED_OUT)) : Optional.empty();
        }
    }

    /** MX-01: an unknown time zone blocks the attempt rather than guessing. */
    public record KnownTimeZonePolicy() implements ContactPolicy {
        public String name() { return "known-time-zone"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            return timed(r.channel()) && s.zone() == null
                    ? Optional.of(Objection.never(name(), Reason.TIME_ZONE_UNKNOWN)) : Optional.empty();
        }
    }

    /** MX-01 / US-01: only between the profile's hours in the customer's time zone. */
    public record AllowedHoursPolicy() implements ContactPolicy {
        public String name() { return "allowed-hours"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            if (!timed(r.channel()) || s.zone() == null) return Optional.empty();
            ZonedDateTime local = r.at().atZone(s.zone());
            LocalTime time = local.toLocalTime();
            if (!time.isBefore(p.earliest()) && time.isBefore(p.latest())) return Optional.empty();
            LocalDate day = time.isBefore(p.earliest()) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
            Instant lifts = opening(day, p, s.zone());
            if (!lifts.isAfter(r.at())) lifts = opening(day.plusDays(1), p, s.zone()); // DST edge
            return Optional.of(new Objection(name(), Reason.OUTSIDE_HOURS, lifts));
        }
    }

    /** MX-01 / PROFECO: contact days of the week (Monday–Friday by default in Mexico). */
    public record ContactDaysPolicy() implements ContactPolicy {
        public String name() { return "contact-days"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            if (!timed(r.channel()) || s.zone() == null) return Optional.empty();
            LocalDate day = r.at().atZone(s.zone()).toLocalDate();
            if (p.days().contains(day.getDayOfWeek())) return Optional.empty();
            LocalDate next = day.plusDays(1);
            while (!p.days().contains(next.getDayOfWeek())) next = next.plusDays(1);
            return Optional.of(new Objection(name(), Reason.NOT_A_CONTACT_DAY, opening(next, p, s.zone())));
        }
    }

    /** Mexican federal holidays, in profiles that observe them. */
    public record HolidayPolicy() implements ContactPolicy {
        public String name() { return "holidays"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            if (!p.mexicanHolidays() || !timed(r.channel()) || s.zone() == null) return Optional.empty();
            LocalDate day = r.at().atZone(s.zone()).toLocalDate();
            if (!MexicanHolidays.isHoliday(day)) return Optional.empty();
            LocalDate next = day.plusDays(1);
            while (MexicanHolidays.isHoliday(next)) next = next.plusDays(1);
            return Optional.of(new Objection(name(), Reason.HOLIDAY, opening(next, p, s.zone())));
        }
    }

    /**
     * US-01: the times and days the customer asked not to be contacted, per channel or on every
     * channel, in the customer's time zone. A contact inside one is deferred to the window's end
     * (the guard then checks hours, days and the rest again), never dropped for it.
     */
    public record InconvenientTimePolicy() implements ContactPolicy {
        public String name() { return "inconvenient-times"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            if (!timed(r.channel()) || s.zone() == null || s.inconvenientTimes().isEmpty()) return Optional.empty();
            java.time.LocalDateTime local = r.at().atZone(s.zone()).toLocalDateTime();
            Instant lifts = null;
            for (InconvenientTime w : s.inconvenientTimes()) {
                if (!w.appliesTo(r.channel())) continue;
                Optional<java.time.LocalDateTime> end = w.endOf(local);
                if (end.isEmpty()) continue;
                Instant e = end.get().atZone(s.zone()).toInstant();
                if (!e.isAfter(r.at())) e = r.at().plusSeconds(60); // DST fold: the local end came again
                if (lifts == null || e.isAfter(lifts)) lifts = e;
            }
            return lifts == null ? Optional.empty()
                    : Optional.of(new Objection(name(), Reason.CONSUMER_INCONVENIENT_TIME, lifts));
        }
    }

    /**
     * Frequency caps per channel (US-02's 7 calls in 7 days among them). A contact at t is allowed
     * when every window [w, w + length) that contains t holds fewer than max other contacts of the
     * channel, planned ones included; so no window ever holds more than max.
     */
    public record FrequencyCapPolicy() implements ContactPolicy {
        public String name() { return "frequency-cap"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            for (FrequencyCap cap : p.capsFor(r.channel())) {
                List<Instant> times = s.contacts().stream().filter(c -> c.channel() == r.channel())
                        .map(ContactSubject.PastContact::at).sorted().toList();
                if (!fits(times, r.at(), cap)) {
                    Instant lifts = null;
                    for (Instant t : times) {
                        Instant candidate = t.plus(cap.window());
                        if (candidate.isAfter(r.at()) && fits(times, candidate, cap)) {
                            lifts = candidate;
                            break;
                        }
                    }
                    if (lifts == null) lifts = times.getLast().plus(cap.window());
                    return Optional.of(new Objection(name(), Reason.FREQUENCY_CAP, lifts));
                }
            }
            return Optional.empty();
        }

        static boolean fits(List<Instant> times, Instant at, FrequencyCap cap) {
            Duration w = cap.window();
            // windows containing `at` that matter start at `at` or at a contact in (at - w, at]
            if (count(times, at, w) + 1 > cap.max()) return false;
            for (Instant start : times) {
                if (start.isAfter(at)) break;
                if (start.isAfter(at.minus(w)) && count(times, start, w) + 1 > cap.max()) return false;
            }
            return true;
        }

        private static int count(List<Instant> times, Instant start, Duration w) {
            Instant end = start.plus(w);
            int n = 0;
            for (Instant t : times) if (!t.isBefore(start) && t.isBefore(end)) n++;
            return n;
        }
    }

    /** US-02: no call in the 7 days after a telephone conversation, the conversation day being day 1. */
    public record ConversationPausePolicy() implements ContactPolicy {
        public String name() { return "pause-after-conversation"; }

        public Optional<Objection> evaluate(ContactRequest r, ContactSubject s, JurisdictionProfile p) {
            if (p.pauseAfterConversation() == 0 || r.channel() != Channel.VOICE) return Optional.empty();
            ZoneId zone = s.zone() == null ? ZoneOffset.UTC : s.zone();
            LocalDate day = r.at().atZone(zone).toLocalDate();
            LocalDate resume = null;
            for (Instant talk : s.conversations()) {
                LocalDate talkDay = talk.atZone(zone).toLocalDate();
                LocalDate until = talkDay.plusDays(p.pauseAfterConversation());
                if (!talk.isAfter(r.at()) && day.isBefore(until) && (resume == null || until.isAfter(resume))) {
                    resume = until;
                }
            }
            return resume == null ? Optional.empty()
                    : Optional.of(new Objection(name(), Reason.AFTER_CONVERSATION, resume.atStartOfDay(zone).toInstant()));
        }
    }
}
