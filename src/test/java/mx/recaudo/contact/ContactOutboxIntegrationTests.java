package mx.recaudo.contact;

import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@ContactIntegrationTest
class ContactOutboxIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired ContactOutbox outbox;
    @Autowired ContactProfiles profiles;
    @Autowired ContactOptOuts optOuts;
    @Autowired ContactTimeline timeline;
    @Autowired OutboxDispatcher dispatcher;
    TestOrg org;
    long ana;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "contact");
        ana = ContactFixtures.customer(jdbc, org.id(), "C-1", "Ana Pérez", "America/Mexico_City", "+523312345678", "ana@example.mx");
    }

    <T> T as(java.util.concurrent.Callable<T> work) {
        return TenantContext.call(org.id(), work);
    }

    void drain() {
        while (dispatcher.dispatchOnce(ContactIntegrationTest.SANDBOX) > 0) { }
    }

    @Test
    void planningManyAtOnceDecidesAsPlanningThemOneByOne() {
        as(() -> {
            profiles.save(new mx.recaudo.contact.guard.JurisdictionProfile(mx.recaudo.contact.guard.JurisdictionProfile.MX_CONDUSEF,
                    java.time.LocalTime.MIN, java.time.LocalTime.MAX, java.util.EnumSet.allOf(java.time.DayOfWeek.class), false,
                    List.of(new mx.recaudo.contact.guard.FrequencyCap(Channel.SMS, 2, java.time.Duration.ofDays(7))), 0,
                    java.util.Set.of(), true));
            return null;
        });
        Instant at = Instant.now().plus(java.time.Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        long beto = ContactFixtures.customer(jdbc, org.id(), "C-2", "Beto Ruiz", "America/Mexico_City", "+523312345679", null);
        long ana2 = ContactFixtures.customer(jdbc, org.id(), "C-3", "Ana Dos", "America/Mexico_City", "+523312345670", "ana2@example.mx");
        long beto2 = ContactFixtures.customer(jdbc, org.id(), "C-4", "Beto Dos", "America/Mexico_City", "+523312345671", null);
        java.util.function.BiFunction<Long, Long, List<ContactOutbox.Plan>> plans = (a, b) -> List.of(
                new ContactOutbox.Plan(a, Channel.SMS, null, null, null, "Uno", at),
                new ContactOutbox.Plan(b, Channel.SMS, null, null, null, "Uno", at),
                new ContactOutbox.Plan(a, Channel.SMS, null, null, null, "Dos", at),
                new ContactOutbox.Plan(a, Channel.SMS, null, null, null, "Tres", at),
                new ContactOutbox.Plan(a, Channel.EMAIL, null, null, "Aviso", "Hola", at),
                new ContactOutbox.Plan(b, Channel.EMAIL, null, null, "Aviso", "Hola", at));

        List<ContactOutbox.Planned> together = as(() -> outbox.planAll(plans.apply(ana, beto)));
        List<ContactOutbox.Planned> oneByOne = as(() -> plans.apply(ana2, beto2).stream().map(outbox::plan).toList());

        assertThat(together).extracting(ContactOutbox.Planned::status)
                .containsExactly("QUEUED", "QUEUED", "QUEUED", "QUEUED", "QUEUED", "BLOCKED");
        assertThat(together.get(3).notBefore()).as("the third SMS in the week waits for the cap").isAfter(at);
        assertThat(together.get(5).reasons()).containsExactly("NO_ADDRESS");
        assertThat(together).usingRecursiveFieldByFieldElementComparatorIgnoringFields("messageId").isEqualTo(oneByOne);
        List<Long> ids = together.stream().map(ContactOutbox.Planned::messageId).toList();
        assertThat(as(() -> jdbc.sql("select body from contact_message where id = any(?) order by id")
                .param(ids.toArray(Long[]::new)).query(String.class).list()))
                .containsExactly("Uno", "Uno", "Dos", "Tres", "Hola", "Hola");
        assertThat(as(() -> jdbc.sql("select count(*) from contact_event where message_id = any(?)")
                .param(ids.toArray(Long[]::new)).query(Long.class).single())).isEqualTo(6);
    }

    @Test
    void aPlannedMessageIsQueuedSentAndDeliveredAndTheTimelineTellsItAll() {
        as(() -> { profiles.save(ContactFixtures.anyTime()); return null; });
        var planned = as(() -> outbox.plan(ContactOutbox.Plan.text(ana, Channel.WHATSAPP, "Hola Ana, tu pago vence pronto. Responde BAJA para no recibir más.")));
        assertThat(planned.status()).isEqualTo("QUEUED");
        drain();
        String status = as(() -> jdbc.sql("select status from contact_message where id = ?").param(planned.messageId()).query(String.class).single());
        assertThat(status).isEqualTo("DELIVERED");
        assertThat(system.sql("select count(*) from contact_sandbox_capture where message_id = ?").param(planned.messageId())
                .query(Long.class).single()).isEqualTo(1);
        var entries = as(() -> timeline.of(ana));
        assertThat(entries).extracting(ContactTimeline.Entry::status).containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(entries.getFirst().text()).contains("Hola Ana");
    }

    @Test
    void theGuardBlocksReferencesUnknownZonesAndOptedOutAddressesWithTheirReasons() {
        as(() -> { profiles.save(ContactFixtures.anyTime()); return null; });
        ContactFixtures.point(jdbc, org.id(), ana, "PHONE", "+523300000001", "REFERENCE");
        var toReference = as(() -> outbox.plan(new ContactOutbox.Plan(ana, Channel.SMS, "+523300000001", null, null, "Hola", null)));
        assertThat(toReference.status()).isEqualTo("BLOCKED");
        assertThat(toReference.reasons()).containsExactly("THIRD_PARTY");

        long nobody = ContactFixtures.customer(jdbc, org.id(), "C-2", "Sin Zona", null, "+523399999999", null);
        var unknownZone = as(() -> outbox.plan(ContactOutbox.Plan.text(nobody, Channel.WHATSAPP, "Hola")));
        assertThat(unknownZone.reasons()).containsExactly("TIME_ZONE_UNKNOWN");

        as(() -> optOuts.optOut(ana, Channel.EMAIL, "ANA@example.mx", "test"));
        var optedOut = as(() -> outbox.plan(new ContactOutbox.Plan(ana, Channel.EMAIL, null, null, "Aviso", "Hola", null)));
        assertThat(optedOut.status()).isEqualTo("BLOCKED");
        assertThat(optedOut.reasons()).containsExactly("OPTED_OUT");
    }

    @Test
    void aSecondMessageTheSameDayIsDeferredByTheCapAndASundayNightOneToMondayMorning() {
        ZoneId cdmx = ZoneId.of("America/Mexico_City");
        Instant sundayNight = LocalDateTime.parse("2025-03-09T23:30").atZone(cdmx).toInstant();
        var first = as(() -> outbox.plan(new ContactOutbox.Plan(ana, Channel.WHATSAPP, null, null, null, "Uno", sundayNight)));
        assertThat(first.status()).isEqualTo("QUEUED");
        assertThat(first.notBefore()).isEqualTo(LocalDateTime.parse("2025-03-10T07:00").atZone(cdmx).toInstant());
        assertThat(first.reasons()).contains("OUTSIDE_HOURS");
        var second = as(() -> outbox.plan(new ContactOutbox.Plan(ana, Channel.WHATSAPP, null, null, null, "Dos", sundayNight)));
        assertThat(second.reasons()).contains("FREQUENCY_CAP");
        assertThat(second.notBefore()).isEqualTo(LocalDateTime.parse("2025-03-11T07:00").atZone(cdmx).toInstant());
    }

    @Test
    void anOptOutBlocksWhatWasAlreadyQueuedAndIsIdempotentAndAudited() {
        as(() -> { profiles.save(ContactFixtures.anyTime()); return null; });
        var planned = as(() -> outbox.plan(ContactOutbox.Plan.text(ana, Channel.WHATSAPP, "Hola")));
        assertThat(as(() -> optOuts.optOut(ana, Channel.WHATSAPP, "+523312345678", "test"))).isTrue();
        assertThat(as(() -> optOuts.optOut(ana, Channel.WHATSAPP, "+523312345678", "test"))).isFalse();
        drain();
        assertThat(as(() -> jdbc.sql("select status from contact_message where id = ?").param(planned.messageId())
                .query(String.class).single())).isEqualTo("BLOCKED");
        assertThat(system.sql("select count(*) from contact_dispatch_queue where message_id = ?").param(planned.messageId())
                .query(Long.class).single()).as("the blocked message left the dispatch queue").isZero();
        assertThat(as(() -> jdbc.sql("select count(*) from audit_event where action = 'CONTACT_OPT_OUT'")
                .query(Long.class).single())).isEqualTo(1);
    }

    @Test
    void aMessageLeftSendingByADeadNodeIsReconciledByItsKeyAndNeverCapturedTwice() throws Exception {
        as(() -> { profiles.save(ContactFixtures.anyTime()); return null; });
        var received = as(() -> outbox.plan(ContactOutbox.Plan.text(ana, Channel.WHATSAPP, "A")));
        long bruno = ContactFixtures.customer(jdbc, org.id(), "C-3", "Bruno", "America/Mexico_City", "+523311111111", null);
        var lost = as(() -> outbox.plan(ContactOutbox.Plan.text(bruno, Channel.WHATSAPP, "B")));
        // a node claimed both, the provider got the first, then the node died
        system.sql("delete from contact_dispatch_queue where message_id in (?, ?)").params(received.messageId(), lost.messageId()).update();
        system.sql("""
                insert into contact_dispatch_claim (provider, claimed_by, claimed_at, message_ids)
                select provider, 'dead', now() - interval '1 hour', array_agg(id) from contact_message where id in (?, ?) group by provider""")
                .params(received.messageId(), lost.messageId()).update();
        system.sql("update contact_message set status = 'SENDING', claimed_by = 'dead', claimed_at = now() - interval '1 hour', attempts = 1 where id in (?, ?)")
                .params(received.messageId(), lost.messageId()).update();
        system.sql("insert into contact_sandbox_capture (idempotency_key, org_id, message_id) select idempotency_key, org_id, id from contact_message where id = ?")
                .param(received.messageId()).update();
        assertThat(dispatcher.reconcileStale()).isGreaterThanOrEqualTo(2);
        assertThat(status(received.messageId())).isEqualTo("SENT");
        assertThat(status(lost.messageId())).isEqualTo("QUEUED");
        drain();
        assertThat(status(lost.messageId())).isEqualTo("DELIVERED");
        // the reconciled send shows once in the timeline, with why; the resent one has SENT and DELIVERED from its columns
        assertThat(as(() -> timeline.of(ana))).filteredOn(e -> e.messageId() != null && e.messageId() == received.messageId())
                .extracting(ContactTimeline.Entry::status, ContactTimeline.Entry::detail)
                .containsExactly(tuple("QUEUED", null),
                        tuple("SENT", "reconciled after a crash"));
        assertThat(as(() -> timeline.of(bruno))).extracting(ContactTimeline.Entry::status)
                .containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(system.sql("select count(*) from contact_dispatch_claim where message_ids && ?::bigint[]")
                .param(new Long[]{received.messageId(), lost.messageId()}).query(Long.class).single())
                .as("the dead node's claim is gone once reconciled").isZero();
        assertThat(system.sql("select count(*) from contact_sandbox_capture where message_id in (?, ?)")
                .params(received.messageId(), lost.messageId()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void fourConcurrentDispatchersSendEachMessageExactlyOnce() throws Exception {
        as(() -> { profiles.save(ContactFixtures.anyTime()); return null; });
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long c = ContactFixtures.customer(jdbc, org.id(), "K-" + i, "Cliente " + i, "America/Monterrey", "+5281" + (10000000 + i), null);
            ids.add(as(() -> outbox.plan(ContactOutbox.Plan.text(c, Channel.WHATSAPP, "Hola"))).messageId());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int w = 0; w < 4; w++) runs.add(pool.submit(this::drain));
        for (Future<?> f : runs) f.get();
        pool.shutdown();
        Long[] array = ids.toArray(Long[]::new);
        assertThat(system.sql("select count(*) from contact_message where id = any(?) and status = 'DELIVERED' and attempts = 1")
                .param(array).query(Long.class).single()).isEqualTo(300);
        assertThat(system.sql("select count(*) from contact_sandbox_capture where message_id = any(?)").param(array)
                .query(Long.class).single()).isEqualTo(300);
    }

    String status(long id) {
        return system.sql("select status from contact_message where id = ?").param(id).query(String.class).single();
    }
}
