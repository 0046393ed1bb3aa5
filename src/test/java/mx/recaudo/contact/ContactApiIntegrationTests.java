package mx.recaudo.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ContactIntegrationTest
class ContactApiIntegrationTests {
    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    TestOrg org;
    RestClient http;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "capi");
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + org.token()).build();
        ContactFixtures.customer(jdbc, org.id(), "A-1", "Ana Pérez", "America/Tijuana", "+526641234567", "ana@example.mx");
    }

    JsonNode post(String uri, Object body, int expectedStatus) throws Exception {
        var response = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .onStatus(s -> true, (req, res) -> { })
                .toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(expectedStatus);
        return json.readTree(response.getBody());
    }

    @Test
    void aCheckAtNightInTheCustomersZoneAnswersTheNextMorning() throws Exception {
        // 23:30 in Tijuana on Tuesday 4 March 2025 (PST, UTC-8) = 07:30Z on the 5th
        JsonNode r = post("/api/v1/contact-checks", Map.of("customer", "A-1", "channel", "SMS", "at", "2025-03-05T07:30:00Z"), 200);
        assertThat(r.get("allowed").asBoolean()).isFalse();
        assertThat(r.get("reasons").get(0).get("code").asText()).isEqualTo("OUTSIDE_HOURS");
        assertThat(r.get("nextAllowedAt").asText()).isEqualTo("2025-03-05T15:00:00Z");
        JsonNode ok = post("/api/v1/contact-checks", Map.of("customer", "A-1", "channel", "email", "at", "2025-03-05T18:00:00Z"), 200);
        assertThat(ok.get("allowed").asBoolean()).isTrue();
        assertThat(ok.get("reasons")).isEmpty();
    }

    @Test
    void badInputGetsEveryProblemInSpanishAndEnglish() throws Exception {
        JsonNode r = post("/api/v1/contact-checks", Map.of("channel", "FAX", "at", "mañana"), 400);
        assertThat(r.get("error").asText()).isEqualTo("invalid_request");
        assertThat(r.get("problems")).extracting(p -> p.get("field").asText()).containsExactly("customer", "channel", "at");
        assertThat(r.get("problems").get(0).has("messageEs")).isTrue();
        assertThat(r.get("problems").get(0).has("messageEn")).isTrue();
        post("/api/v1/contact-checks", Map.of("customer", "NO-EXISTE", "channel", "SMS", "at", "2025-03-05T18:00:00Z"), 404);
    }

    @Test
    void anOptOutThroughTheApiIsIdempotentAndTheCheckThenRefuses() throws Exception {
        assertThat(post("/api/v1/customers/A-1/opt-outs", Map.of("channel", "SMS"), 201).get("created").asBoolean()).isTrue();
        assertThat(post("/api/v1/customers/A-1/opt-outs", Map.of("channel", "SMS"), 200).get("created").asBoolean()).isFalse();
        JsonNode r = post("/api/v1/contact-checks", Map.of("customer", "A-1", "channel", "SMS", "at", "2025-03-05T18:00:00Z"), 200);
        assertThat(r.get("allowed").asBoolean()).isFalse();
        assertThat(r.get("nextAllowedAt").isNull()).isTrue();
        assertThat(r.get("reasons").get(0).get("code").asText()).isEqualTo("OPTED_OUT");
    }

    @Test
    void aTemplateIsSavedWithLintWarningsAndPreviewedWithARealCustomer() throws Exception {
        JsonNode saved = post("/api/v1/contact-templates", Map.of("name", "aviso", "channel", "SMS",
                "body", "{{firstName}}, tu deuda de {{amountDue}} vence el {{dueDate}}"), 201);
        assertThat(saved.get("warnings")).extracting(w -> w.get("code").asText()).contains("STIGMATIZING_WORD", "MISSING_OPT_OUT");
        JsonNode preview = json.readTree(http.get().uri("/api/v1/contact-templates/{id}/preview?customer=A-1", saved.get("id").asLong())
                .retrieve().body(String.class));
        assertThat(preview.get("rendered").get("body").asText()).isEqualTo("Ana, tu deuda de $1,250.50 vence el 15/01/2025");
        JsonNode bad = post("/api/v1/contact-templates", Map.of("name", "x", "channel", "SMS", "body", "{{saldo}}"), 400);
        assertThat(bad.get("problems").get(0).get("field").asText()).isEqualTo("body");
    }

    @Test
    void aTemplateNeedingTheCollectorIdentificationIsRefusedUntilTheOrganizationConfiguresIt() throws Exception {
        JsonNode template = post("/api/v1/contact-templates", Map.of("name", "aviso-contacto", "channel", "EMAIL",
                "subject", "Su saldo", "body", "Hola {{firstName}}, su saldo es {{amountDue}}. {{companyContact}}"), 201);
        Map<String, Object> message = Map.of("customer", "A-1", "channel", "EMAIL", "template", template.get("id").asLong(),
                "at", "2025-03-05T18:00:00Z");

        JsonNode refused = post("/api/v1/contact-messages", message, 400);
        assertThat(refused.get("problems").get(0).get("field").asText()).isEqualTo("template");
        assertThat(refused.get("problems").get(0).get("messageEs").asText()).contains("companyContact");
        assertThat(refused.get("problems").get(0).get("messageEn").asText()).contains("not configured");
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql("select count(*) from contact_message").query(Long.class).single()))
                .isZero();

        TenantContext.run(org.id(), () -> identity.setCollectorIdentification(
                "Cobranza Norte, tel. 664 123 4567, lunes a viernes de 9 a 18 h"));
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql(
                "select count(*) from audit_event where action = 'COLLECTOR_IDENTIFICATION_CHANGED'").query(Long.class).single()))
                .isEqualTo(1);
        JsonNode planned = post("/api/v1/contact-messages", message, 201);
        assertThat(planned.get("status").asText()).isEqualTo("QUEUED");
        assertThat(TenantContext.call(org.id(), () -> jdbc.sql("select count(*) from contact_message").query(Long.class).single()))
                .isEqualTo(1);
    }

    @Test
    void aMessagePlannedThroughTheApiAppearsOnTheTimeline() throws Exception {
        JsonNode planned = post("/api/v1/contact-messages", Map.of("customer", "A-1", "channel", "WHATSAPP",
                "body", "Hola Ana", "at", "2025-03-05T18:00:00Z"), 201);
        assertThat(planned.get("status").asText()).isEqualTo("QUEUED");
        JsonNode timeline = json.readTree(http.get().uri("/api/v1/customers/A-1/contact-timeline").retrieve().body(String.class));
        assertThat(timeline.get("items").get(0).get("status").asText()).isEqualTo("QUEUED");
        assertThat(timeline.get("items").get(0).get("text").asText()).isEqualTo("Hola Ana");
    }

    @Test
    void anAdminSwitchesToRegulationFAndEditsItsHoursAndTheChecksFollow() throws Exception {
        var response = http.put().uri("/api/v1/contact-profile").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", "US-REGF", "earliest", "09:00")).retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode profile = json.readTree(http.get().uri("/api/v1/contact-profile").retrieve().body(String.class));
        assertThat(profile.get("code").asText()).isEqualTo("US-REGF");
        assertThat(profile.get("earliest").asText()).startsWith("09:00");
        // Saturday 08:30 in Tijuana: Regulation F allows Saturdays, but the edited profile starts at 09:00
        JsonNode r = post("/api/v1/contact-checks", Map.of("customer", "A-1", "channel", "SMS", "at", "2025-03-08T16:30:00Z"), 200);
        assertThat(r.get("allowed").asBoolean()).isFalse();
        assertThat(r.get("nextAllowedAt").asText()).isEqualTo("2025-03-08T17:00:00Z");
    }
}
