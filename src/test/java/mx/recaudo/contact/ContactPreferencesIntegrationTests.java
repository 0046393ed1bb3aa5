package mx.recaudo.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.contact.guard.InconvenientTime;
import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.RecaudoUser;
import mx.recaudo.identity.Role;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.RestClient;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** US-01 inconvenient times end to end: the API, the customer page, planning and the dispatcher's re-check. */
@ContactIntegrationTest
class ContactPreferencesIntegrationTests {
    static final ZoneId CDMX = ZoneId.of("America/Mexico_City");
    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired ObjectMapper json;
    @Autowired ContactOutbox outbox;
    @Autowired ContactProfiles profiles;
    @Autowired ContactPreferences preferences;
    @Autowired ContactTimeline timeline;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired MockMvc mvc;
    TestOrg org;
    RestClient http;
    long ana;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "prefs");
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + org.token()).build();
        ana = ContactFixtures.customer(jdbc, org.id(), "P-1", "Ana Pérez", "America/Mexico_City", "+523312345678", "ana@example.mx");
    }

    <T> T as(Callable<T> work) {
        return TenantContext.call(org.id(), work);
    }

    JsonNode call(HttpMethod method, String uri, Object body, int expectedStatus) throws Exception {
        var request = http.method(method).uri(uri);
        if (body != null) request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        var response = request.retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(expectedStatus);
        return json.readTree(response.getBody());
    }

    long audits() {
        return as(() -> jdbc.sql("select count(*) from audit_event where action = 'CONTACT_INCONVENIENT_TIMES_CHANGED' and entity_id = ?")
                .param(Long.toString(ana)).query(Long.class).single());
    }

    @Test
    void theApiValidatesEveryFieldInSpanishAndEnglishSavesNothingHalfWayAndIsIdempotentAndAudited() throws Exception {
        assertThat(call(HttpMethod.GET, "/api/v1/customers/P-1/contact-preferences", null, 200).get("inconvenientTimes")).isEmpty();

        JsonNode bad = call(HttpMethod.PUT, "/api/v1/customers/P-1/contact-preferences", Map.of("inconvenientTimes", List.of(
                Map.of("channel", "VOICE", "days", List.of("lunes", "martes"), "from", "09:00", "to", "14:00"),
                Map.of("channel", "LETTER", "days", List.of("FUNDAY"), "from", "25:00", "to", "10:00"),
                Map.of("days", List.of(), "from", "09:00"))), 400);
        assertThat(bad.get("error").asText()).isEqualTo("invalid_request");
        assertThat(bad.get("problems")).extracting(p -> p.get("field").asText()).containsExactly(
                "inconvenientTimes[1].channel", "inconvenientTimes[1].days", "inconvenientTimes[1].from",
                "inconvenientTimes[2].days", "inconvenientTimes[2].to");
        assertThat(bad.get("problems")).allSatisfy(p -> {
            assertThat(p.get("messageEs").asText()).isNotBlank();
            assertThat(p.get("messageEn").asText()).isNotBlank();
        });
        assertThat(as(() -> preferences.inconvenientTimes(ana))).as("nothing half-applied").isEmpty();
        call(HttpMethod.PUT, "/api/v1/customers/P-1/contact-preferences", Map.of(), 400);
        call(HttpMethod.PUT, "/api/v1/customers/NO-EXISTE/contact-preferences", Map.of("inconvenientTimes", List.of()), 404);

        Map<String, Object> body = Map.of("inconvenientTimes", List.of(
                Map.of("channel", "VOICE", "days", List.of("lunes", "martes", "MIÉRCOLES", "jueves", "viernes"), "from", "9:00", "to", "14:00"),
                Map.of("channel", "ALL", "days", List.of("SUNDAY"))));
        JsonNode saved = call(HttpMethod.PUT, "/api/v1/customers/P-1/contact-preferences", body, 200);
        assertThat(saved.get("changed").asBoolean()).isTrue();
        assertThat(audits()).isEqualTo(1);
        JsonNode again = call(HttpMethod.PUT, "/api/v1/customers/P-1/contact-preferences", body, 200);
        assertThat(again.get("changed").asBoolean()).isFalse();
        assertThat(audits()).as("the same set again is not audited again").isEqualTo(1);

        JsonNode read = call(HttpMethod.GET, "/api/v1/customers/P-1/contact-preferences", null, 200);
        assertThat(read.get("inconvenientTimes")).hasSize(2);
        assertThat(read.get("inconvenientTimes").get(0).get("channel").asText()).isEqualTo("VOICE");
        assertThat(read.get("inconvenientTimes").get(0).get("days")).extracting(JsonNode::asText)
                .containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        assertThat(read.get("inconvenientTimes").get(0).get("from").asText()).isEqualTo("09:00");
        assertThat(read.get("inconvenientTimes").get(1).get("channel").asText()).isEqualTo("ALL");
        assertThat(read.get("inconvenientTimes").get(1).get("wholeDay").asBoolean()).isTrue();
        // what GET answers can be sent back as it is
        assertThat(call(HttpMethod.PUT, "/api/v1/customers/P-1/contact-preferences",
                Map.of("inconvenientTimes", read.get("inconvenientTimes")), 200).get("changed").asBoolean()).isFalse();

        assertThat(call(HttpMethod.PUT, "/api/v1/customers/P-1/contact-preferences", Map.of("inconvenientTimes", List.of()), 200)
                .get("changed").asBoolean()).isTrue();
        assertThat(as(() -> preferences.inconvenientTimes(ana))).isEmpty();
        assertThat(audits()).isEqualTo(2);
    }

    @Test
    void aPlanInsideTheWindowIsDeferredToItsEndWithTheReasonOnlyOnItsChannelAlsoInABatchAndInTheCheck() throws Exception {
        call(HttpMethod.PUT, "/api/v1/customers/P-1/contact-preferences", Map.of("inconvenientTimes", List.of(
                Map.of("channel", "VOICE", "days", List.of("TUESDAY"), "from", "09:00", "to", "14:00"))), 200);
        long beto = ContactFixtures.customer(jdbc, org.id(), "P-2", "Beto Ruiz", "America/Mexico_City", "+523312345679", null);
        Instant tuesdayTen = LocalDateTime.parse("2025-03-04T10:00").atZone(CDMX).toInstant();

        List<ContactOutbox.Planned> planned = as(() -> outbox.planAll(List.of(
                new ContactOutbox.Plan(ana, Channel.VOICE, null, null, null, "Hola Ana", tuesdayTen),
                new ContactOutbox.Plan(beto, Channel.VOICE, null, null, null, "Hola Beto", tuesdayTen),
                new ContactOutbox.Plan(ana, Channel.SMS, null, null, null, "Hola Ana", tuesdayTen))));
        assertThat(planned.get(0).status()).isEqualTo("QUEUED");
        assertThat(planned.get(0).notBefore()).isEqualTo(LocalDateTime.parse("2025-03-04T14:00").atZone(CDMX).toInstant());
        assertThat(planned.get(0).reasons()).containsExactly("CONSUMER_INCONVENIENT_TIME");
        assertThat(planned.get(1).notBefore()).as("another customer's window changes nothing").isEqualTo(tuesdayTen);
        assertThat(planned.get(2).notBefore()).as("another channel is not affected").isEqualTo(tuesdayTen);
        assertThat(as(() -> timeline.of(ana))).anySatisfy(e -> assertThat(e.detail()).contains("CONSUMER_INCONVENIENT_TIME"));

        JsonNode check = call(HttpMethod.POST, "/api/v1/contact-checks",
                Map.of("customer", "P-1", "channel", "VOICE", "at", tuesdayTen.toString()), 200);
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("reasons").get(0).get("code").asText()).isEqualTo("CONSUMER_INCONVENIENT_TIME");
        assertThat(check.get("nextAllowedAt").asText()).isEqualTo("2025-03-04T20:00:00Z");
    }

    @Test
    void theDispatcherDefersAQueuedMessageThatNowFallsInAWindowInsteadOfSendingIt() {
        as(() -> { profiles.save(ContactFixtures.anyTime()); return null; });
        var planned = as(() -> outbox.plan(ContactOutbox.Plan.text(ana, Channel.WHATSAPP, "Hola Ana. Responde BAJA para no recibir más.")));
        assertThat(planned.status()).isEqualTo("QUEUED");
        // after planning the customer asks not to be written to around this very moment
        LocalTime now = LocalTime.now(CDMX).truncatedTo(ChronoUnit.MINUTES);
        InconvenientTime window = new InconvenientTime(Channel.WHATSAPP, EnumSet.allOf(DayOfWeek.class), now.minusHours(1), now.plusHours(1));
        assertThat(as(() -> preferences.replace(ana, List.of(window), "test"))).isTrue();

        while (dispatcher.dispatchOnce(ContactIntegrationTest.SANDBOX) > 0) { }

        var row = system.sql("select status, not_before, reasons::text from contact_message where id = ?").param(planned.messageId())
                .query((rs, i) -> new Object[]{rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)}).single();
        assertThat(row[0]).isEqualTo("QUEUED");
        assertThat((Instant) row[1]).isAfter(Instant.now().plusSeconds(30 * 60));
        assertThat(((Instant) row[1]).atZone(CDMX).toLocalTime()).isEqualTo(now.plusHours(1));
        assertThat((String) row[2]).contains("CONSUMER_INCONVENIENT_TIME");
        assertThat(system.sql("select count(*) from contact_sandbox_capture where message_id = ?").param(planned.messageId())
                .query(Long.class).single()).as("not sent").isZero();
        assertThat(as(() -> timeline.of(ana))).extracting(ContactTimeline.Entry::status).containsExactly("QUEUED", "QUEUED");
        assertThat(as(() -> timeline.of(ana)).getLast().detail()).contains("CONSUMER_INCONVENIENT_TIME");
    }

    @Test
    void theCustomerPageSectionAddsAndRemovesWindowsAndShowsProblemsInTheUsersLanguage() throws Exception {
        RecaudoUser agent = new RecaudoUser(UUID.randomUUID(), org.id(), "agente@" + org.org().slug(), "Agente", Role.AGENT, "es-MX", "x", true);
        String section = mvc.perform(get("/contact/preferences/" + ana).with(user(agent))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(section).contains("No contactar en estos horarios").contains("El cliente no ha pedido horarios restringidos.");

        String refused = mvc.perform(post("/contact/preferences/" + ana).param("channel", "VOICE").param("from", "09:00")
                        .header("HX-Request", "true").with(csrf()).with(user(agent)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Indique al menos un día").contains("Indique la hora de inicio y la de fin");
        assertThat(as(() -> preferences.inconvenientTimes(ana))).isEmpty();

        String added = mvc.perform(post("/contact/preferences/" + ana).param("channel", "VOICE").param("days", "SUNDAY")
                        .param("days", "SATURDAY").header("HX-Request", "true").with(csrf()).with(user(agent)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(added).contains("Preferencias guardadas.").contains("sáb, ").contains("dom").contains("todo el día");
        var stored = as(() -> preferences.inconvenientTimes(ana));
        assertThat(stored).singleElement().satisfies(s -> {
            assertThat(s.time().channel()).isEqualTo(Channel.VOICE);
            assertThat(s.time().days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(s.time().wholeDay()).isTrue();
        });
        String english = mvc.perform(get("/contact/preferences/" + ana).param("lang", "en").with(user(agent)))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Do not contact at these times").contains("all day");

        mvc.perform(post("/contact/preferences/" + ana + "/" + stored.getFirst().id() + "/removal")
                        .header("HX-Request", "true").with(csrf()).with(user(agent)))
                .andExpect(status().isOk());
        assertThat(as(() -> preferences.inconvenientTimes(ana))).isEmpty();

        TestOrg other = TestOrganizations.create(identity, "prefs-other");
        RecaudoUser stranger = new RecaudoUser(UUID.randomUUID(), other.id(), "agente@" + other.org().slug(), "Agente", Role.AGENT, "es-MX", "x", true);
        mvc.perform(post("/contact/preferences/" + ana).param("days", "SUNDAY").with(csrf()).with(user(stranger)))
                .andExpect(status().isNotFound());
        assertThat(as(() -> preferences.inconvenientTimes(ana))).as("another organization cannot touch the customer").isEmpty();
    }

    @Test
    void theCustomerPageLoadsTheSection() throws Exception {
        RecaudoUser agent = new RecaudoUser(UUID.randomUUID(), org.id(), "agente@" + org.org().slug(), "Agente", Role.AGENT, "es-MX", "x", true);
        assertThat(mvc.perform(get("/customers/" + ana).with(user(agent))).andReturn().getResponse().getContentAsString())
                .contains("/contact/preferences/" + ana);
    }
}
