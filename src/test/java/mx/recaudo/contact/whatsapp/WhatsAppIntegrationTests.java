package mx.recaudo.contact.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ChannelsIntegrationTest;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.ContactTemplates;
import mx.recaudo.contact.ContactTimeline;
import mx.recaudo.contact.ChannelStubs;
import mx.recaudo.contact.ProviderStub;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.contact.webhook.ProviderStatuses;
import mx.recaudo.contact.webhook.Signatures;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** WhatsApp Business Cloud API against a local Graph API stub, and Meta's signed webhooks posted to the app. */
@ChannelsIntegrationTest
class WhatsAppIntegrationTests {
    static ProviderStub graph;
    static final AtomicInteger WAMIDS = new AtomicInteger();
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired ContactOutbox outbox;
    @Autowired ContactProfiles profiles;
    @Autowired ContactTemplates templates;
    @Autowired ContactTimeline timeline;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired ProviderStatuses statuses;
    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    TestOrganizations.TestOrg org;

    @BeforeAll
    static void startGraphApi() {
        graph = ChannelStubs.graph();
    }

    /** What the Cloud API answers a valid send: the contact and the new message's id. */
    static ProviderStub.Response accept(ProviderStub.Request r) {
        return ProviderStub.Response.json(200, """
                {"messaging_product":"whatsapp","contacts":[{"input":"x","wa_id":"x"}],"messages":[{"id":"wamid.TEST%d"}]}"""
                .formatted(WAMIDS.incrementAndGet()));
    }

    @BeforeEach
    void setUp() {
        graph.answer(WhatsAppIntegrationTests::accept);
        org = TestOrganizations.create(identity, "wa");
        as(() -> {
            profiles.save(new JurisdictionProfile(JurisdictionProfile.MX_CONDUSEF, LocalTime.MIN, LocalTime.MAX,
                    EnumSet.allOf(DayOfWeek.class), false, List.of(), 0, Set.of(), true));
            return null;
        });
    }

    <T> T as(Callable<T> work) {
        return TenantContext.call(org.id(), work);
    }

    /** A customer with a phone of its own (inbound messages find customers by address in every organization). */
    long customer(String externalId, String phone) {
        return as(() -> {
            long id = jdbc.sql("""
                    insert into customer (org_id, external_id, name, customer_type, time_zone) values (?, ?, ?, 'PERSON', 'America/Mexico_City')
                    returning id""").params(org.id(), externalId, "Ana Ruiz " + externalId).query(Long.class).single();
            jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) values (?, ?, 'WHATSAPP', ?)")
                    .params(org.id(), id, phone).update();
            jdbc.sql("""
                    insert into customer_balance (org_id, customer_id, currency, balance, open_obligations, oldest_unpaid_due_date)
                    values (?, ?, 'MXN', 1250.50, 1, date '2025-01-15')""").params(org.id(), id).update();
            return id;
        });
    }

    static String phone() {
        return "+5233" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    String statusOf(long id) {
        return system.sql("select status from contact_message where id = ?").param(id).query(String.class).single();
    }

    String providerId(long id) {
        return system.sql("select provider_message_id from contact_message where id = ?").param(id).query(String.class).single();
    }

    void drain() {
        while (dispatcher.dispatchOnce("whatsapp") > 0) { }
    }

    List<ProviderStub.Request> sentTo(String phone) {
        String digits = phone.substring(1);
        return graph.requests.stream().filter(r -> r.body().contains("\"to\":\"" + digits + "\"")).toList();
    }

    @Test
    void aSessionMessageGoesAsTextWithTheBearerTokenAndIsSentWithTheCloudApisId() throws Exception {
        String phone = phone();
        long c = customer("W-1", phone);
        long m = as(() -> outbox.plan(ContactOutbox.Plan.text(c, Channel.WHATSAPP, "Hola Ana, ¿te ayudamos con tu pago?"))).messageId();
        drain();
        assertThat(statusOf(m)).isEqualTo("SENT");
        assertThat(providerId(m)).startsWith("wamid.TEST");
        ProviderStub.Request r = sentTo(phone).getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v21.0/" + ChannelsIntegrationTest.PHONE_NUMBER_ID + "/messages");
        assertThat(r.header("Authorization")).isEqualTo("Bearer EAAG-token-de-prueba");
        JsonNode body = json.readTree(r.body());
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("type").asText()).isEqualTo("text");
        assertThat(body.path("text").path("body").asText()).isEqualTo("Hola Ana, ¿te ayudamos con tu pago?");
        assertThat(body.path("biz_opaque_callback_data").asText()).isNotBlank();
    }

    @Test
    void aTemplateMappedToAnApprovedWhatsAppTemplateGoesAsATemplateMessageWithItsParameters() throws Exception {
        String phone = phone();
        long c = customer("W-2", phone);
        long template = as(() -> templates.save(new ContactTemplates.Draft("recordatorio", Channel.WHATSAPP, "es", "FRIENDLY",
                false, null, "Hola {{firstName}}, tu saldo es {{amountDue}}. Paga en {{paymentLink}}. Responde BAJA para no recibir más.",
                "recordatorio_pago", "es_MX")));
        long m = as(() -> outbox.plan(new ContactOutbox.Plan(c, Channel.WHATSAPP, null, template, null, null, null))).messageId();
        drain();
        assertThat(statusOf(m)).isEqualTo("SENT");
        JsonNode body = json.readTree(sentTo(phone).getFirst().body());
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.path("template").path("name").asText()).isEqualTo("recordatorio_pago");
        assertThat(body.path("template").path("language").path("code").asText()).isEqualTo("es_MX");
        JsonNode parameters = body.path("template").path("components").path(0).path("parameters");
        assertThat(body.path("template").path("components").path(0).path("type").asText()).isEqualTo("body");
        assertThat(parameters).hasSize(3);
        assertThat(parameters.path(0).path("text").asText()).isEqualTo("Ana");
        assertThat(parameters.path(1).path("text").asText()).isEqualTo("$1,250.50");
        assertThat(parameters.path(2).path("text").asText()).endsWith("/W-2");
    }

    @Test
    void aPermanentGraphErrorFailsTheMessageAndARateLimitRetriesIt() {
        long c1 = customer("W-3", phone());
        long c2 = customer("W-4", phone());
        graph.answer(r -> ProviderStub.Response.json(400, """
                {"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
                 "error_data":{"messaging_product":"whatsapp","details":"More than 24 hours have passed"},"fbtrace_id":"A1"}}"""));
        long outside = as(() -> outbox.plan(ContactOutbox.Plan.text(c1, Channel.WHATSAPP, "Hola"))).messageId();
        drain();
        assertThat(statusOf(outside)).isEqualTo("FAILED");
        assertThat(system.sql("select last_error from contact_message where id = ?").param(outside).query(String.class).single())
                .contains("131047").contains("24 hours");
        graph.answer(r -> ProviderStub.Response.json(429, """
                {"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,"fbtrace_id":"A2"}}"""));
        long throttled = as(() -> outbox.plan(ContactOutbox.Plan.text(c2, Channel.WHATSAPP, "Hola"))).messageId();
        dispatcher.dispatchOnce("whatsapp");
        assertThat(statusOf(throttled)).isEqualTo("QUEUED");
        graph.answer(WhatsAppIntegrationTests::accept);
        drain();
        assertThat(statusOf(throttled)).isEqualTo("SENT");
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallengeOnlyForTheRightVerifyToken() throws Exception {
        mvc.perform(get("/webhooks/whatsapp").param("hub.mode", "subscribe").param("hub.verify_token", "verificame")
                .param("hub.challenge", "1158201444")).andExpect(status().isOk()).andExpect(content().string("1158201444"));
        mvc.perform(get("/webhooks/whatsapp").param("hub.mode", "subscribe").param("hub.verify_token", "otro")
                .param("hub.challenge", "1158201444")).andExpect(status().isForbidden());
    }

    @Test
    void signedStatusesMoveTheOutboxForwardOnlyAndABadSignatureChangesNothing() throws Exception {
        long c = customer("W-5", phone());
        long m = as(() -> outbox.plan(ContactOutbox.Plan.text(c, Channel.WHATSAPP, "Hola"))).messageId();
        drain();
        String wamid = providerId(m);
        String delivered = statusPayload(wamid, "delivered", null);
        webhook(delivered, "sha256=" + "0".repeat(64), 401);
        webhook(delivered, null, 401);
        assertThat(statusOf(m)).isEqualTo("SENT");
        webhook(delivered, sign(delivered), 200);
        assertThat(statusOf(m)).isEqualTo("DELIVERED");
        String read = statusPayload(wamid, "read", null);
        webhook(read, sign(read), 200);
        webhook(read, sign(read), 200);
        webhook(delivered, sign(delivered), 200);
        assertThat(statusOf(m)).isEqualTo("READ");
        assertThat(as(() -> timeline.of(c)).stream().filter(e -> "READ".equals(e.status())).count()).isEqualTo(1);

        long failing = as(() -> outbox.plan(ContactOutbox.Plan.text(c, Channel.WHATSAPP, "Otra"))).messageId();
        drain();
        String failed = statusPayload(providerId(failing), "failed",
                "{\"code\":131026,\"title\":\"Message undeliverable\",\"error_data\":{\"details\":\"Receiver incapable\"}}");
        webhook(failed, sign(failed), 200);
        assertThat(statusOf(failing)).isEqualTo("FAILED");
        assertThat(system.sql("select last_error from contact_message where id = ?").param(failing).query(String.class).single())
                .contains("131026");
    }

    @Test
    void aStatusThatOvertakesTheRecordingOfItsSendIsAppliedOnceTheSendIsKnown() throws Exception {
        long c = customer("W-6", phone());
        String early = statusPayload("wamid.EARLY" + System.nanoTime(), "delivered", null);
        String wamid = json.readTree(early).at("/entry/0/changes/0/value/statuses/0/id").asText();
        webhook(early, sign(early), 200);
        long m = as(() -> outbox.plan(ContactOutbox.Plan.text(c, Channel.WHATSAPP, "Hola"))).messageId();
        graph.answer(r -> ProviderStub.Response.json(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + wamid + "\"}]}"));
        drain();
        assertThat(statusOf(m)).isEqualTo("SENT");
        statuses.applyPending();
        assertThat(statusOf(m)).isEqualTo("DELIVERED");
    }

    @Test
    void inboundBajaOptsOutOnceAndOtherTextLandsInTheInboxOnceHoweverOftenItIsDelivered() throws Exception {
        String phone = phone();
        long c = customer("W-7", phone);
        long m = as(() -> outbox.plan(ContactOutbox.Plan.text(c, Channel.WHATSAPP, "Hola"))).messageId();
        drain();
        String waId = "521" + phone.substring(3);  // WhatsApp still writes Mexican mobiles with the old 1
        String question = inboundPayload(waId, "wamid.IN1-" + c, "¿Puedo pagar la próxima semana?");
        webhook(question, sign(question), 200);
        webhook(question, sign(question), 200);
        assertThat(as(() -> jdbc.sql("select count(*) from contact_inbox where customer_id = ?").param(c).query(Long.class).single())).isEqualTo(1);
        assertThat(statusOf(m)).isEqualTo("ANSWERED");
        assertThat(as(() -> timeline.of(c))).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("INBOUND");
            assertThat(e.text()).isEqualTo("¿Puedo pagar la próxima semana?");
        });

        String baja = inboundPayload(waId, "wamid.IN2-" + c, "baja");
        webhook(baja, sign(baja), 200);
        webhook(baja, sign(baja), 200);
        assertThat(as(() -> jdbc.sql("select count(*) from contact_opt_out where customer_id = ? and channel = 'WHATSAPP'")
                .param(c).query(Long.class).single())).isEqualTo(1);
        assertThat(as(() -> jdbc.sql("select count(*) from contact_message where customer_id = ? and kind = 'CONFIRMATION'")
                .param(c).query(Long.class).single())).isEqualTo(1);
        assertThat(as(() -> jdbc.sql("select count(*) from contact_inbox where customer_id = ?").param(c).query(Long.class).single())).isEqualTo(1);
    }

    @Test
    void aForgedInboundMessageChangesNothing() throws Exception {
        String phone = phone();
        long c = customer("W-8", phone);
        String baja = inboundPayload(phone.substring(1), "wamid.FORGED-" + c, "BAJA");
        webhook(baja, Signatures.metaSignature(baja.getBytes(StandardCharsets.UTF_8), "otro-secreto"), 401);
        assertThat(as(() -> jdbc.sql("select count(*) from contact_opt_out where customer_id = ?").param(c).query(Long.class).single())).isZero();
    }

    void webhook(String body, String signature, int expected) throws Exception {
        var request = post("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) request.header("X-Hub-Signature-256", signature);
        mvc.perform(request).andExpect(status().is(expected));
    }

    static String sign(String body) {
        return Signatures.metaSignature(body.getBytes(StandardCharsets.UTF_8), ChannelsIntegrationTest.APP_SECRET);
    }

    static String statusPayload(String wamid, String status, String error) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                 "statuses":[{"id":"%s","status":"%s","timestamp":"1732340000","recipient_id":"5213312345678"%s}]}}]}]}"""
                .formatted(ChannelsIntegrationTest.PHONE_NUMBER_ID, wamid, status, error == null ? "" : ",\"errors\":[" + error + "]");
    }

    static String inboundPayload(String from, String id, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA1","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"Ana"},"wa_id":"%s"}],
                 "messages":[{"from":"%s","id":"%s","timestamp":"1732340000","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(ChannelsIntegrationTest.PHONE_NUMBER_ID, from, from, id, text);
    }
}
