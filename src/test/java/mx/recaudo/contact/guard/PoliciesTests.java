package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.PartyRole;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PoliciesTests {
    static final ZoneId CDMX = ZoneId.of("America/Mexico_City");
    static final ZoneId TIJUANA = ZoneId.of("America/Tijuana");
    static final JurisdictionProfile CONDUSEF = JurisdictionProfile.mxCondusef();
    static final JurisdictionProfile REGF = JurisdictionProfile.usRegF();

    static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    static ContactRequest sms(Instant at) {
        return new ContactRequest(Channel.SMS, "+523312345678", at);
    }

    static ContactSubject subject(PartyRole role, boolean dnc, boolean disputed, Set<ContactSubject.OptOut> optOuts) {
        return new ContactSubject(CDMX, role, dnc, disputed, optOuts, List.of(), List.of());
    }

    @Nested
    class PartyRoles {
        final ContactPolicy policy = new Policies.PartyRolePolicy();

        @Test
        void referencesBeneficiariesAndMinorsNeverReceiveCollectionMessages() {
            Instant at = local("2025-03-04T10:00", CDMX);
            for (PartyRole role : List.of(PartyRole.REFERENCE, PartyRole.BENEFICIARY, PartyRole.MINOR)) {
                assertThat(policy.evaluate(sms(at), subject(role, false, false, Set.of()), CONDUSEF))
                        .hasValueSatisfying(o -> {
                            assertThat(o.reason()).isEqualTo(Reason.THIRD_PARTY);
                            assertThat(o.permanent()).isTrue();
                        });
            }
        }

        @Test
        void theDebtorCosignersAndJointObligorsMayBeContacted() {
            Instant at = local("2025-03-04T10:00", CDMX);
            for (PartyRole role : List.of(PartyRole.DEBTOR, PartyRole.COSIGNER, PartyRole.JOINT_OBLIGOR)) {
                assertThat(policy.evaluate(sms(at), subject(role, false, false, Set.of()), CONDUSEF)).isEmpty();
            }
        }
    }

    @Nested
    class FlagsAndOptOuts {
        @Test
        void doNotContactAndDisputesRefuseForGood() {
            Instant at = local("2025-03-04T10:00", CDMX);
            assertThat(new Policies.DoNotContactPolicy().evaluate(sms(at), subject(PartyRole.DEBTOR, true, false, Set.of()), CONDUSEF))
                    .hasValueSatisfying(o -> assertThat(o.reason()).isEqualTo(Reason.DO_NOT_CONTACT));
            assertThat(new Policies.DisputePolicy().evaluate(sms(at), subject(PartyRole.DEBTOR, false, true, Set.of()), CONDUSEF))
                    .hasValueSatisfying(o -> assertThat(o.reason()).isEqualTo(Reason.DISPUTED));
        }

        @Test
        void anOptOutCoversItsChannelAndAddressOnly() {
            ContactPolicy policy = new Policies.OptOutPolicy();
            Instant at = local("2025-03-04T10:00", CDMX);
            var s = subject(PartyRole.DEBTOR, false, false, Set.of(new ContactSubject.OptOut(Channel.SMS, "+523312345678")));
            assertThat(policy.evaluate(sms(at), s, CONDUSEF)).isPresent();
            assertThat(policy.evaluate(new ContactRequest(Channel.SMS, "+523399999999", at), s, CONDUSEF)).isEmpty();
            assertThat(policy.evaluate(new ContactRequest(Channel.VOICE, "+523312345678", at), s, CONDUSEF)).isEmpty();
        }

        @Test
        void aChannelWideOptOutCoversEveryAddressAndEmailsAreMatchedWithoutCase() {
            ContactPolicy policy = new Policies.OptOutPolicy();
            Instant at = local("2025-03-04T10:00", CDMX);
            var s = subject(PartyRole.DEBTOR, false, false, Set.of(new ContactSubject.OptOut(Channel.WHATSAPP, null),
                    new ContactSubject.OptOut(Channel.EMAIL, "Ana@Example.MX")));
            assertThat(policy.evaluate(new ContactRequest(Channel.WHATSAPP, "+521", at), s, CONDUSEF)).isPresent();
            assertThat(policy.evaluate(new ContactRequest(Channel.EMAIL, "ana@example.mx", at), s, CONDUSEF)).isPresent();
        }
    }

    @Nested
    class Hours {
        final ContactPolicy policy = new Policies.AllowedHoursPolicy();

        @Test
        void sevenToTenInTheCustomersOwnZone() {
            var s = ContactSubject.debtorIn(TIJUANA);
            assertThat(policy.evaluate(sms(local("2025-03-04T07:00", TIJUANA)), s, CONDUSEF)).isEmpty();
            assertThat(policy.evaluate(sms(local("2025-03-04T21:59", TIJUANA)), s, CONDUSEF)).isEmpty();
            // 07:30 in Mexico City is 05:30 in Tijuana (no DST in CDMX since 2022; Tijuana on PST in March 4)
            assertThat(policy.evaluate(sms(local("2025-03-04T06:59", TIJUANA)), s, CONDUSEF))
                    .hasValueSatisfying(o -> assertThat(o.liftsAt()).isEqualTo(local("2025-03-04T07:00", TIJUANA)));
            assertThat(policy.evaluate(sms(local("2025-03-04T22:00", TIJUANA)), s, CONDUSEF))
                    .hasValueSatisfying(o -> assertThat(o.liftsAt()).isEqualTo(local("2025-03-05T07:00", TIJUANA)));
        }

        @Test
        void regulationFIsEightToNine() {
            var s = ContactSubject.debtorIn(ZoneId.of("America/New_York"));
            assertThat(policy.evaluate(sms(local("2025-03-04T07:30", s.zone())), s, REGF)).isPresent();
            assertThat(policy.evaluate(sms(local("2025-03-04T20:59", s.zone())), s, REGF)).isEmpty();
            assertThat(policy.evaluate(sms(local("2025-03-04T21:00", s.zone())), s, REGF)).isPresent();
        }

        @Test
        void anUnknownZoneIsRefusedNotGuessed() {
            var s = ContactSubject.debtorIn(null);
            assertThat(new Policies.KnownTimeZonePolicy().evaluate(sms(local("2025-03-04T12:00", CDMX)), s, CONDUSEF))
                    .hasValueSatisfying(o -> {
                        assertThat(o.reason()).isEqualTo(Reason.TIME_ZONE_UNKNOWN);
                        assertThat(o.permanent()).isTrue();
                    });
        }

        @Test
        void lettersAreNotBoundByHours() {
            var letter = new ContactRequest(Channel.LETTER, null, local("2025-03-08T23:00", CDMX));
            assertThat(policy.evaluate(letter, ContactSubject.debtorIn(CDMX), CONDUSEF)).isEmpty();
            assertThat(new Policies.KnownTimeZonePolicy().evaluate(letter, ContactSubject.debtorIn(null), CONDUSEF)).isEmpty();
        }
    }

    @Nested
    class DaysAndHolidays {
        @Test
        void mexicanProfilesSkipTheWeekendToMondayMorning() {
            var s = ContactSubject.debtorIn(CDMX);
            assertThat(new Policies.ContactDaysPolicy().evaluate(sms(local("2025-03-08T10:00", CDMX)), s, CONDUSEF))
                    .hasValueSatisfying(o -> assertThat(o.liftsAt()).isEqualTo(local("2025-03-10T07:00", CDMX)));
            assertThat(new Policies.ContactDaysPolicy().evaluate(sms(local("2025-03-08T10:00", CDMX)), s, REGF)).isEmpty();
        }

        @Test
        void aFederalHolidayMovesToTheNextDay() {
            var s = ContactSubject.debtorIn(CDMX);
            // 17 March 2025 is the third Monday of March (Benito Juárez)
            assertThat(new Policies.HolidayPolicy().evaluate(sms(local("2025-03-17T10:00", CDMX)), s, CONDUSEF))
                    .hasValueSatisfying(o -> {
                        assertThat(o.reason()).isEqualTo(Reason.HOLIDAY);
                        assertThat(o.liftsAt()).isEqualTo(local("2025-03-18T07:00", CDMX));
                    });
            assertThat(new Policies.HolidayPolicy().evaluate(sms(local("2025-03-17T10:00", CDMX)), s, REGF)).isEmpty();
        }
    }

    @Nested
    class Caps {
        final ContactPolicy policy = new Policies.FrequencyCapPolicy();

        @Test
        void sevenCallsInAnyRollingSevenDaysThenTheEighthWaitsForTheFirstToLeaveTheWindow() {
            ZoneId ny = ZoneId.of("America/New_York");
            Instant first = local("2025-03-03T10:00", ny);
            var calls = java.util.stream.IntStream.range(0, 7)
                    .mapToObj(i -> new ContactSubject.PastContact(Channel.VOICE, first.plus(Duration.ofHours(20L * i)))).toList();
            var s = ContactSubject.debtorIn(ny).withContacts(calls);
            Instant eighth = first.plus(Duration.ofDays(6));
            var call = new ContactRequest(Channel.VOICE, "+12125550100", eighth);
            assertThat(policy.evaluate(call, s, REGF))
                    .hasValueSatisfying(o -> assertThat(o.liftsAt()).isEqualTo(first.plus(Duration.ofDays(7))));
            assertThat(policy.evaluate(call.at(first.plus(Duration.ofDays(7))), s, REGF)).isEmpty();
            assertThat(policy.evaluate(new ContactRequest(Channel.SMS, "+1", eighth), s, REGF)).isEmpty();
        }

        @Test
        void aPlannedFutureContactAlsoCounts() {
            Instant at = local("2025-03-04T10:00", CDMX);
            var s = ContactSubject.debtorIn(CDMX).withContacts(List.of(new ContactSubject.PastContact(Channel.SMS, at.plusSeconds(3600))));
            assertThat(policy.evaluate(sms(at), s, CONDUSEF)).isPresent();
        }
    }

    @Nested
    class ConversationPause {
        final ContactPolicy policy = new Policies.ConversationPausePolicy();

        @Test
        void noCallsForSevenDaysCountingTheConversationDay() {
            ZoneId ny = ZoneId.of("America/New_York");
            var s = new ContactSubject(ny, PartyRole.DEBTOR, false, false, Set.of(), List.of(),
                    List.of(local("2025-03-03T18:00", ny)));
            var call = new ContactRequest(Channel.VOICE, "+12125550100", local("2025-03-09T12:00", ny));
            assertThat(policy.evaluate(call, s, REGF))
                    .hasValueSatisfying(o -> assertThat(o.liftsAt()).isEqualTo(local("2025-03-10T00:00", ny)));
            assertThat(policy.evaluate(call.at(local("2025-03-10T09:00", ny)), s, REGF)).isEmpty();
            assertThat(policy.evaluate(new ContactRequest(Channel.EMAIL, "a@b.c", local("2025-03-05T12:00", ny)), s, REGF)).isEmpty();
            assertThat(policy.evaluate(call, s, CONDUSEF)).isEmpty();
        }
    }
}
