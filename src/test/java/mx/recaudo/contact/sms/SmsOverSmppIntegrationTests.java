package mx.recaudo.contact.sms;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactIntegrationTest;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.ContactTimeline;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@ContactIntegrationTest
class SmsOverSmppIntegrationTests {
    static SmppTestServer smsc;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired ContactOutbox outbox;
    @Autowired ContactProfiles profiles;
    @Autowired ContactTimeline timeline;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired mx.recaudo.contact.outbox.DeliveryReports deliveryReports;
    TestOrg org;

    @BeforeAll
    static void startSmsc() throws Exception {
        smsc = new SmppTestServer(ContactIntegrationTest.SMPP_PORT);
    }

    @AfterAll
    static void stopSmsc() throws Exception {
        smsc.close();
    }

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "smpp");
        as(() -> {
            profiles.save(new JurisdictionProfile(JurisdictionProfile.MX_CONDUSEF, LocalTime.MIN, LocalTime.MAX,
                    EnumSet.allOf(DayOfWeek.class), false, List.of(), 0, Set.of(), true));
            return null;
        });
    }

    <T> T as(Callable<T> work) {
        return TenantContext.call(org.id(), work);
    }

    long customer(String externalId, String phone) {
        return TenantContext.call(org.id(), () -> {
            long id = jdbc.sql("insert into customer (org_id, external_id, name, customer_type, time_zone) values (?, ?, ?, 'PERSON', 'America/Mexico_City') returning id")
                    .params(org.id(), externalId, "Cliente " + externalId).query(Long.class).single();
            jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) values (?, ?, 'PHONE', ?)")
                    .params(org.id(), id, phone).update();
            return id;
        });
    }

    void drain() {
        while (dispatcher.dispatchOnce("smpp") > 0) { }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) Thread.sleep(50);
        assertThat(condition.getAsBoolean()).isTrue();
    }

    String status(long id) {
        return system.sql("select status from contact_message where id = ?").param(id).query(String.class).single();
    }

    @Test
    void messagesGoOutAsGsm7OrUcs2AndDeliveryReceiptsMarkThemDelivered() throws Exception {
        long a = customer("S-1", "+523312340001");
        long b = customer("S-2", "+523312340002");
        long c = customer("S-3", "+523312340003");
        long plain = as(() -> outbox.plan(ContactOutbox.Plan.text(a, Channel.SMS, "Hola Peña, tu pago de $500 vence el 15/03. Responde BAJA para no recibir mas."))).messageId();
        long accents = as(() -> outbox.plan(ContactOutbox.Plan.text(b, Channel.SMS, "Hola, ¿podemos ayudarte? Tu saldo está al día pronto."))).messageId();
        String longText = "Recordatorio: ".repeat(20);
        long longOne = as(() -> outbox.plan(ContactOutbox.Plan.text(c, Channel.SMS, longText))).messageId();
        drain();
        await(() -> List.of(plain, accents, longOne).stream().allMatch(id -> status(id).equals("DELIVERED")));
        assertThat(smsc.submitted).anySatisfy(s -> {
            assertThat(s.destination()).isEqualTo("523312340002");
            assertThat(s.ucs2()).isTrue();
            assertThat(s.text()).contains("está");
        });
        assertThat(smsc.submitted).anySatisfy(s -> {
            assertThat(s.destination()).isEqualTo("523312340001");
            assertThat(s.ucs2()).isFalse();
            // GSM 03.38 on the wire: 'ñ' is 0x7D and '$' 0x02, not their Latin-1 bytes
            assertThat(s.raw()).startsWith(new byte[]{'H', 'o', 'l', 'a', ' ', 'P', 'e', 0x7D, 'a', ','});
            assertThat(new String(s.raw(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("pago de \u0002500");
            assertThat(s.text()).startsWith("Hola Peña, tu pago de $500");
        });
        assertThat(smsc.submitted).anySatisfy(s -> assertThat(s.text()).isEqualTo(longText));
        assertThat(as(() -> timeline.of(a))).extracting(e -> e.status()).containsExactly("QUEUED", "SENT", "DELIVERED");
    }

    @Test
    void receiptsThatArriveBeforeTheirSentIsRecordedAreRecordedOnceWithIt() throws Exception {
        // 200 messages in one batch: the first ones' receipts (20 ms after each submit) arrive while the batch is still
        // on the wire, so some are recorded with their SENT and others applied later; either way once, with both times
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long c = customer("B-" + i, "+5233124" + (10000 + i));
            ids.add(as(() -> outbox.plan(ContactOutbox.Plan.text(c, Channel.SMS, "Aviso de pago"))).messageId());
        }
        drain();
        await(() -> ids.stream().allMatch(id -> status(id).equals("DELIVERED")));
        assertThat(system.sql("""
                select count(*) from contact_message m
                 where m.id = any(?) and m.sent_at is not null and m.delivered_at >= m.sent_at
                   and (select count(*) from contact_provider_message p where p.message_id = m.id) = 1""")
                .param(ids.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(200);
        long customer = system.sql("select customer_id from contact_message where id = ?").param(ids.get(0)).query(Long.class).single();
        assertThat(as(() -> timeline.of(customer))).extracting(e -> e.status()).containsExactly("QUEUED", "SENT", "DELIVERED");
    }

    @Test
    void aBajaReplyInAnyCaseOptsOutOfSmsAtThatNumberAndIsConfirmed() throws Exception {
        long a = customer("M-1", "+523312340011");
        smsc.sendMo("523312340011", "báJa");
        await(() -> as(() -> jdbc.sql("select count(*) from contact_opt_out where customer_id = ? and channel = 'SMS' and address = '+523312340011'")
                .param(a).query(Long.class).single()) == 1);
        drain();
        await(() -> smsc.submitted.stream().anyMatch(s -> s.destination().equals("523312340011") && s.text().startsWith("Listo")));
        var blocked = as(() -> outbox.plan(ContactOutbox.Plan.text(a, Channel.SMS, "Hola")));
        assertThat(blocked.status()).isEqualTo("BLOCKED");
        assertThat(blocked.reasons()).containsExactly("OPTED_OUT");
        assertThat(as(() -> jdbc.sql("select count(*) from audit_event where action = 'CONTACT_OPT_OUT'").query(Long.class).single())).isEqualTo(1);
    }

    @Test
    void otherRepliesLandInTheInboxAndTheTimeline() throws Exception {
        long a = customer("M-2", "+523312340022");
        smsc.sendMo("523312340022", "Ya pagué ayer en OXXO, ¿me confirman?");
        await(() -> as(() -> jdbc.sql("select count(*) from contact_inbox where customer_id = ?").param(a).query(Long.class).single()) == 1);
        assertThat(as(() -> timeline.of(a))).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("INBOUND");
            assertThat(e.text()).isEqualTo("Ya pagué ayer en OXXO, ¿me confirman?");
        });
    }

    @Test
    void theLinkIsKeptAliveAndBoundAgainAfterItDrops() throws Exception {
        long a = customer("R-1", "+523312340033");
        long first = as(() -> outbox.plan(ContactOutbox.Plan.text(a, Channel.SMS, "Uno"))).messageId();
        drain();
        await(() -> status(first).equals("DELIVERED"));
        int before = smsc.binds.get();
        Thread.sleep(2500);
        assertThat(smsc.enquireLinks.get()).isPositive();
        smsc.dropLinks();
        Thread.sleep(300);
        long b = customer("R-2", "+523312340034");
        long second = as(() -> outbox.plan(ContactOutbox.Plan.text(b, Channel.SMS, "Dos"))).messageId();
        for (int i = 0; i < 20 && !List.of("SENT", "DELIVERED").contains(status(second)); i++) {
            drain();
            Thread.sleep(100);
        }
        await(() -> status(second).equals("DELIVERED"));
        assertThat(smsc.binds.get()).isGreaterThan(before);
    }

    @Test
    void aNumberTheSmscRefusesFailsAndAThrottledOneIsTriedAgainLater() throws Exception {
        long a = customer("F-1", "+523312340041");
        long b = customer("F-2", "+523312340042");
        smsc.refuse.put("523312340041", 0x0B); // invalid destination: for good
        smsc.refuse.put("523312340042", 0x58); // throttled: temporary
        try {
            long refused = as(() -> outbox.plan(ContactOutbox.Plan.text(a, Channel.SMS, "Hola"))).messageId();
            long throttled = as(() -> outbox.plan(ContactOutbox.Plan.text(b, Channel.SMS, "Hola"))).messageId();
            dispatcher.dispatchOnce("smpp");
            assertThat(status(refused)).isEqualTo("FAILED");
            assertThat(system.sql("select last_error from contact_message where id = ?").param(refused).query(String.class).single())
                    .isEqualTo("SMPP status 0xb");
            assertThat(status(throttled)).isEqualTo("QUEUED"); // back in the queue (the tests retry at once)
            assertThat(system.sql("select attempts || ' ' || last_error from contact_message where id = ?").param(throttled)
                    .query(String.class).single()).isEqualTo("1 SMPP status 0x58");
            drain(); // throttled every time: FAILED once the attempts are used up
            assertThat(status(throttled)).isEqualTo("FAILED");
            assertThat(system.sql("select attempts from contact_message where id = ?").param(throttled).query(Integer.class).single())
                    .isEqualTo(5);
        } finally {
            smsc.refuse.clear();
        }
    }

    @Test
    void afterADropTheLinkIsBoundAgainWithoutWaitingForASendSoRepliesKeepComing() throws Exception {
        long a = customer("R-3", "+523312340051");
        long first = as(() -> outbox.plan(ContactOutbox.Plan.text(a, Channel.SMS, "Uno"))).messageId();
        drain();
        await(() -> status(first).equals("DELIVERED"));
        int before = smsc.binds.get();
        smsc.dropLinks();
        await(() -> smsc.binds.get() > before); // nothing sent meanwhile
        smsc.sendMo("523312340051", "Ya pagué");
        await(() -> as(() -> jdbc.sql("select count(*) from contact_inbox where customer_id = ?").param(a).query(Long.class).single()) == 1);
    }

    @Test
    void aMessageOnTheWireWhenTheLinkDropsFailsAsUncertainAndIsNeverSentAgain() throws Exception {
        long a = customer("U-1", "+523312340061");
        long id = as(() -> outbox.plan(ContactOutbox.Plan.text(a, Channel.SMS, "Aviso"))).messageId();
        int arrived = smsc.submitsArrived.get();
        smsc.stall = new java.util.concurrent.CountDownLatch(1); // the SMSC reads the submit and does not answer yet
        try {
            var sending = java.util.concurrent.CompletableFuture.runAsync(() -> dispatcher.dispatchOnce("smpp"));
            await(() -> smsc.submitsArrived.get() > arrived);
            smsc.dropLinks();
            sending.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            smsc.stall.countDown();
            smsc.stall = null;
        }
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(system.sql("select last_error from contact_message where id = ?").param(id).query(String.class).single())
                .startsWith("UNCERTAIN:");
        drain();
        Thread.sleep(300);
        assertThat(smsc.submitted.stream().filter(s -> s.destination().equals("523312340061"))).hasSize(1);
        assertThat(status(id)).isEqualTo("FAILED");
    }

    @Test
    void reportsInABatchAreAppliedByKindAndOnlyThoseMatchingNoMessageComeBack() throws Exception {
        smsc.receipts = false;
        try {
            long a = customer("D-1", "+523312340071");
            long b = customer("D-2", "+523312340072");
            long c = customer("D-3", "+523312340073");
            List<Long> ids = new java.util.ArrayList<>();
            for (long customer : List.of(a, b, c)) ids.add(as(() -> outbox.plan(ContactOutbox.Plan.text(customer, Channel.SMS, "Aviso"))).messageId());
            drain();
            List<String> pids = ids.stream().map(id -> system.sql("select provider_message_id from contact_message where id = ?")
                    .param(id).query(String.class).single()).toList();
            assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("SENT"));

            List<String> unmatched = deliveryReports.reportAll("smpp", List.of(
                    new mx.recaudo.contact.outbox.DeliveryReports.Report(pids.get(0), "DELIVERED", "DELIVRD err 000"),
                    new mx.recaudo.contact.outbox.DeliveryReports.Report(pids.get(1), "FAILED", "UNDELIV err 001"),
                    new mx.recaudo.contact.outbox.DeliveryReports.Report("no-such-id", "DELIVERED", "DELIVRD err 000"),
                    new mx.recaudo.contact.outbox.DeliveryReports.Report(pids.get(0), "DELIVERED", "DELIVRD err 000")));

            assertThat(unmatched).containsExactly("no-such-id");
            assertThat(status(ids.get(0))).isEqualTo("DELIVERED");
            assertThat(status(ids.get(1))).isEqualTo("FAILED");
            assertThat(system.sql("select last_error from contact_message where id = ?").param(ids.get(1)).query(String.class).single())
                    .isEqualTo("UNDELIV err 001");
            assertThat(status(ids.get(2))).isEqualTo("SENT");
            assertThat(as(() -> timeline.of(b))).extracting(e -> e.status()).containsExactly("QUEUED", "SENT", "FAILED");
            assertThat(as(() -> timeline.of(a))).extracting(e -> e.status()).containsExactly("QUEUED", "SENT", "DELIVERED");
            // a late duplicate changes nothing and is not asked for again; a status never moves backwards
            assertThat(deliveryReports.reportAll("smpp", List.of(
                    new mx.recaudo.contact.outbox.DeliveryReports.Report(pids.get(0), "FAILED", "EXPIRED err 002")))).isEmpty();
            assertThat(status(ids.get(0))).isEqualTo("DELIVERED");
        } finally {
            smsc.receipts = true;
        }
    }
}
