package mx.recaudo.contact.voice;

import mx.recaudo.arrangement.Promises;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ChannelsIntegrationTest;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.ContactTimeline;
import mx.recaudo.contact.ChannelStubs;
import mx.recaudo.contact.ProviderStub;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.outbox.OutboxDispatcher;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The voice blaster against a local Twilio-style API stub, and the provider's signed callbacks posted to the app. */
@ChannelsIntegrationTest
class VoiceIntegrationTests {
    static ProviderStub voiceApi;
    static final AtomicInteger SIDS = new AtomicInteger();
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired ContactOutbox outbox;
    @Autowired ContactProfiles profiles;
    @Autowired ContactTimeline timeline;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired Promises promises;
    @Autowired MockMvc mvc;
    TestOrganizations.TestOrg org;

    @BeforeAll
    static void startVoiceApi() {
        voiceApi = ChannelStubs.voice();
    }

    /** What the Calls resource answers a valid request: 201 with the new call's sid. */
    static ProviderStub.Response created(ProviderStub.Request r) {
        return ProviderStub.Response.json(201, """
                {"sid":"CA%032d","status":"queued","direction":"outbound-api","account_sid":"%s"}"""
                .formatted(SIDS.incrementAndGet(), ChannelsIntegrationTest.ACCOUNT_SID));
    }

    @BeforeEach
    void setUp() {
        voiceApi.answer(VoiceIntegrationTests::created);
        org = TestOrganizations.create(identity, "voice");
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
        return as(() -> {
            long id = jdbc.sql("""
                    insert into customer (org_id, external_id, name, customer_type, time_zone) values (?, ?, 'María López', 'PERSON', 'America/Mexico_City')
                    returning id""").params(org.id(), externalId).query(Long.class).single();
            jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) values (?, ?, 'PHONE', ?)")
                    .params(org.id(), id, phone).update();
            jdbc.sql("""
                    insert into obligation (org_id, customer_id, external_id, kind, currency, balance, due_date)
                    values (?, ?, ?, 'LOAN_INSTALLMENT', 'MXN', 1250.50, date '2025-01-15')""").params(org.id(), id, externalId + "-1").update();
            jdbc.sql("""
                    insert into customer_balance (org_id, customer_id, currency, balance, open_obligations, oldest_unpaid_due_date)
                    values (?, ?, 'MXN', 1250.50, 1, date '2025-01-15')""").params(org.id(), id).update();
            return id;
        });
    }

    static String phone() {
        return "+5255" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    }

    String statusOf(long id) {
        return system.sql("select status from contact_message where id = ?").param(id).query(String.class).single();
    }

    String sid(long id) {
        return system.sql("select provider_message_id from contact_message where id = ?").param(id).query(String.class).single();
    }

    long call(long customer) {
        long m = as(() -> outbox.plan(ContactOutbox.Plan.text(customer, Channel.VOICE,
                "Hola María, le llamamos de Financiera Demo. Su saldo es de $1,250.50 con vencimiento el 15/01/2025."))).messageId();
        while (dispatcher.dispatchOnce("voice") > 0) { }
        return m;
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void aCallIsCreatedWithBasicAuthAndPersonalizedMexicanSpanishSpeechAndTheKeypadMenu() {
        String phone = phone();
        long m = call(customer("V-1", phone));
        assertThat(statusOf(m)).isEqualTo("SENT");
        assertThat(sid(m)).startsWith("CA");
        ProviderStub.Request r = voiceApi.requests.stream().filter(q -> form(q.body()).get("To").equals(phone)).findFirst().orElseThrow();
        assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + ChannelsIntegrationTest.ACCOUNT_SID + "/Calls.json");
        assertThat(r.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(new String(Base64.getDecoder().decode(r.header("Authorization").substring(6)), StandardCharsets.UTF_8))
                .isEqualTo(ChannelsIntegrationTest.ACCOUNT_SID + ":" + ChannelsIntegrationTest.AUTH_TOKEN);
        Map<String, String> form = form(r.body());
        assertThat(form.get("From")).isEqualTo("+523300000000");
        assertThat(form.get("StatusCallback")).isEqualTo(ChannelsIntegrationTest.PUBLIC_URL + "/webhooks/voice/status");
        assertThat(form.get("MachineDetection")).as("answering-machine detection that waits for the greeting's end")
                .isEqualTo("DetectMessageEnd");
        assertThat(form.get("Url")).isEqualTo(ChannelsIntegrationTest.PUBLIC_URL + "/webhooks/voice/answer?m=" + m);
        assertThat(form.get("Method")).isEqualTo("POST");
        assertThat(form).doesNotContainKey("Twiml");
    }

    @Test
    void aPersonWhoAnswersHearsThePersonalizedScriptAndTheKeypadMenu() throws Exception {
        long m = call(customer("V-10", phone()));
        String answer = "/webhooks/voice/answer?m=" + m;
        Map<String, String> human = Map.of("CallSid", sid(m), "AnsweredBy", "human", "CallStatus", "in-progress");
        callback(answer, human, "firma-falsa").andExpect(status().isForbidden());
        callback(answer, human, sign(answer, human)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<Say language=\"es-MX\">Hola María, le llamamos de Financiera Demo. Su saldo es de 1250 pesos con 50 centavos con vencimiento el 15 de enero de 2025.</Say>")))
                .andExpect(content().string(containsString("<Gather input=\"dtmf\" numDigits=\"1\"")))
                .andExpect(content().string(containsString("action=\"" + ChannelsIntegrationTest.PUBLIC_URL + "/webhooks/voice/gather?m=" + m + "\"")));
        Map<String, String> unknown = Map.of("CallSid", sid(m), "AnsweredBy", "unknown");
        callback(answer, unknown, sign(answer, unknown)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<Gather")));
        assertThat(system.sql("select count(*) from contact_event where message_id = ? and status = 'VOICEMAIL'").param(m)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAnsweringMachineGetsTheVoicemailWithoutBalanceOrMenuAndTheTimelineSaysVoicemailOnce() throws Exception {
        long c = customer("V-11", phone());
        long m = call(c);
        String answer = "/webhooks/voice/answer?m=" + m;
        Map<String, String> machine = Map.of("CallSid", sid(m), "AnsweredBy", "machine_end_beep", "CallStatus", "in-progress");
        callback(answer, machine, "firma-falsa").andExpect(status().isForbidden());
        assertThat(as(() -> timeline.of(c))).noneMatch(e -> "VOICEMAIL".equals(e.status()));
        String orgName = system.sql("select name from organization where id = ?").param(org.id()).query(String.class).single();
        String twiml = callback(answer, machine, sign(answer, machine)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(twiml)
                .contains("<Say language=\"es-MX\">Buen día. Este es un mensaje para María de parte de " + orgName)
                .contains("devuelva la llamada al 3 3, 0 0 0 0, 0 0 0 0")
                .contains("<Hangup/>")
                .doesNotContain("<Gather").doesNotContain("marque").doesNotContain("1250").doesNotContain("pesos")
                .doesNotContain("saldo").doesNotContain("vencimiento");
        // the provider retries the answer callback and reports the machine again in the status callback
        callback(answer, machine, sign(answer, machine)).andExpect(status().isOk());
        Map<String, String> completed = Map.of("CallSid", sid(m), "CallStatus", "completed", "AnsweredBy", "machine_end_silence");
        callback("/webhooks/voice/status", completed, sign("/webhooks/voice/status", completed)).andExpect(status().is2xxSuccessful());
        assertThat(as(() -> timeline.of(c))).filteredOn(e -> "VOICEMAIL".equals(e.status())).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("machine_end_beep"));
        assertThat(statusOf(m)).isEqualTo("DELIVERED");
    }

    @Test
    void aVoicemailReportedOnlyByTheStatusCallbackIsRecordedAndAFaxIsHungUpOn() throws Exception {
        long c = customer("V-12", phone());
        long m = call(c);
        Map<String, String> completed = Map.of("CallSid", sid(m), "CallStatus", "completed", "AnsweredBy", "machine_end_other");
        callback("/webhooks/voice/status", completed, sign("/webhooks/voice/status", completed)).andExpect(status().is2xxSuccessful());
        assertThat(as(() -> timeline.of(c))).filteredOn(e -> "VOICEMAIL".equals(e.status())).hasSize(1);

        long other = call(customer("V-13", phone()));
        String answer = "/webhooks/voice/answer?m=" + other;
        Map<String, String> fax = Map.of("CallSid", sid(other), "AnsweredBy", "fax");
        callback(answer, fax, sign(answer, fax)).andExpect(status().isOk())
                .andExpect(content().string(containsString("<Response><Hangup/></Response>")));
    }

    @Test
    void aRefusedNumberFailsTheCallAndAnOverloadedApiRetriesIt() {
        voiceApi.answer(r -> ProviderStub.Response.json(400, """
                {"code":21211,"message":"The 'To' number is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"""));
        long bad = call(customer("V-2", phone()));
        assertThat(statusOf(bad)).isEqualTo("FAILED");
        voiceApi.answer(r -> ProviderStub.Response.json(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"));
        long later = as(() -> outbox.plan(ContactOutbox.Plan.text(customer("V-3", phone()), Channel.VOICE, "Hola"))).messageId();
        dispatcher.dispatchOnce("voice");
        assertThat(statusOf(later)).isEqualTo("QUEUED");
    }

    @Test
    void signedStatusCallbacksMoveTheOutboxAndABadSignatureIsRefusedWithoutEffect() throws Exception {
        long m = call(customer("V-4", phone()));
        Map<String, String> completed = Map.of("CallSid", sid(m), "CallStatus", "completed", "AccountSid", ChannelsIntegrationTest.ACCOUNT_SID);
        callback("/webhooks/voice/status", completed, "firma-falsa").andExpect(status().isForbidden());
        callback("/webhooks/voice/status", completed, sign("/webhooks/voice/status", Map.of("CallSid", sid(m), "CallStatus", "no-answer",
                "AccountSid", ChannelsIntegrationTest.ACCOUNT_SID))).andExpect(status().isForbidden());
        assertThat(statusOf(m)).isEqualTo("SENT");
        callback("/webhooks/voice/status", completed, sign("/webhooks/voice/status", completed)).andExpect(status().is2xxSuccessful());
        assertThat(statusOf(m)).isEqualTo("DELIVERED");

        long busy = call(customer("V-5", phone()));
        Map<String, String> params = Map.of("CallSid", sid(busy), "CallStatus", "busy");
        callback("/webhooks/voice/status", params, sign("/webhooks/voice/status", params)).andExpect(status().is2xxSuccessful());
        assertThat(statusOf(busy)).isEqualTo("FAILED");
    }

    @Test
    void keypadOneAsksForAnAgentInTheInboxAndTheTimelineOnceHoweverOftenTheCallbackComes() throws Exception {
        long c = customer("V-6", phone());
        long m = call(c);
        String path = "/webhooks/voice/gather?m=" + m;
        Map<String, String> one = Map.of("CallSid", sid(m), "Digits", "1");
        callback(path, one, "firma-falsa").andExpect(status().isForbidden());
        assertThat(inboxCount(c)).isZero();
        callback(path, one, sign(path, one)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Un asesor le llamará")));
        callback(path, one, sign(path, one)).andExpect(status().isOk());
        assertThat(inboxCount(c)).isEqualTo(1);
        assertThat(statusOf(m)).isEqualTo("ANSWERED");
        assertThat(as(() -> timeline.of(c))).filteredOn(e -> e.kind().equals("KEYPAD")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("Tecla 1"));
        assertThat(as(() -> jdbc.sql("select action_type || ':' || reason from planned_action where customer_id = ?")
                .param(c).query(String.class).list()))
                .as("the strategy plans one agent call at once, however often the callback comes")
                .containsExactly("AGENT_CALL:AGENT_REQUESTED");
    }

    @Test
    void keypadTwoAsksForThePaymentDayAndRegistersAPromiseOfTheAmountDueOnce() throws Exception {
        long c = customer("V-7", phone());
        long m = call(c);
        String gather = "/webhooks/voice/gather?m=" + m;
        Map<String, String> two = Map.of("CallSid", sid(m), "Digits", "2");
        callback(gather, two, sign(gather, two)).andExpect(status().isOk())
                .andExpect(content().string(containsString("numDigits=\"2\"")))
                .andExpect(content().string(containsString("/webhooks/voice/promise?m=" + m)));
        String promise = "/webhooks/voice/promise?m=" + m;
        String day = String.format("%02d", java.time.LocalDate.now(java.time.ZoneId.of("America/Mexico_City")).plusDays(3).getDayOfMonth());
        Map<String, String> keyed = Map.of("CallSid", sid(m), "Digits", day);
        callback(promise, keyed, sign(promise, keyed)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Registramos su promesa de pago de 1250 pesos con 50 centavos")));
        callback(promise, keyed, sign(promise, keyed)).andExpect(status().isOk());
        var made = as(() -> promises.ofCustomer(c));
        assertThat(made).singleElement().satisfies(p -> {
            assertThat(p.amount()).isEqualByComparingTo("1250.50");
            assertThat(p.channel()).isEqualTo("VOICE");
            assertThat(p.dueDate().getDayOfMonth()).isEqualTo(Integer.parseInt(day));
        });
        assertThat(as(() -> timeline.of(c))).filteredOn(e -> e.kind().equals("KEYPAD")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("promesa de pago de 1250.50 MXN"));
    }

    @Test
    void anImpossibleDayLeavesACallbackRequestInTheInbox() throws Exception {
        long c = customer("V-8", phone());
        long m = call(c);
        String promise = "/webhooks/voice/promise?m=" + m;
        Map<String, String> keyed = Map.of("CallSid", sid(m), "Digits", "45");
        callback(promise, keyed, sign(promise, keyed)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Un asesor le llamará")));
        assertThat(inboxCount(c)).isEqualTo(1);
        assertThat(as(() -> promises.ofCustomer(c))).isEmpty();
    }

    @Test
    void aCallbackForAnotherCallOfTheMessageIsIgnored() throws Exception {
        long c = customer("V-9", phone());
        long m = call(c);
        String path = "/webhooks/voice/gather?m=" + m;
        Map<String, String> other = Map.of("CallSid", "CAother", "Digits", "1");
        callback(path, other, sign(path, other)).andExpect(status().isOk());
        assertThat(inboxCount(c)).isZero();
    }

    long inboxCount(long customer) {
        return as(() -> jdbc.sql("select count(*) from contact_inbox where customer_id = ?").param(customer).query(Long.class).single());
    }

    /** Signed as the provider does: over the public URL it called and the POST parameters. */
    static String sign(String pathAndQuery, Map<String, String> params) {
        return Signatures.twilioSignature(ChannelsIntegrationTest.PUBLIC_URL + pathAndQuery, new HashMap<>(params),
                ChannelsIntegrationTest.AUTH_TOKEN);
    }

    org.springframework.test.web.servlet.ResultActions callback(String pathAndQuery, Map<String, String> params, String signature)
            throws Exception {
        String body = params.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).reduce((a, b) -> a + "&" + b).orElse("");
        MockHttpServletRequestBuilder request = post(pathAndQuery).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(body).header("X-Twilio-Signature", signature);
        return mvc.perform(request);
    }
}
