package mx.recaudo.arrangement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.RecaudoUser;
import mx.recaudo.identity.Role;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Payment-plan limits per organization and segment on real PostgreSQL: a plan is approved at once or
 * waits for approval by the limits of the customer's current segment, each limit falling back to the
 * organization's default and then to the configuration; the API and the editor page validate every
 * field in Spanish and English, store all or nothing, check the role and audit the change.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PlanPolicyIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;
    TestOrg org;
    RecaudoUser supervisor;
    RecaudoUser agent;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "ppol");
        supervisor = newUser(Role.SUPERVISOR, "supervisora");
        agent = newUser(Role.AGENT, "agente");
        LocalDate today = LocalDate.now(ZoneId.of("America/Mexico_City"));
        // MM-1 is 60 days past due (segment mora-media), MT-1 10 days (mora-temprana); both reachable by e-mail.
        String csv = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,address,state,postal_code,"
                + "obligation_id,obligation_kind,product,currency,original_amount,balance,issue_date,due_date\n"
                + "MM-1,Mara Medina,PERSON,,2019-05-01,,mara@example.mx,,,,,MMO-1,LOAN_INSTALLMENT,Crédito,MXN,10000,10000.00,2024-01-01,"
                + today.minusDays(60) + "\n"
                + "MT-1,Tomás Trejo,PERSON,,2019-05-01,,tomas@example.mx,,,,,MTO-1,LOAN_INSTALLMENT,Crédito,MXN,10000,10000.00,2024-01-01,"
                + today.minusDays(10) + "\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org.id(), () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.rowsRejected()).isZero();
    }

    RecaudoUser newUser(Role role, String name) {
        String username = name + "@" + org.org().slug();
        UUID id = TenantContext.call(org.id(), () -> identity.createUser(username, name, TestOrganizations.PASSWORD, role));
        return new RecaudoUser(id, org.id(), username, name, role, "es-MX", "x", true);
    }

    JsonNode call(RecaudoUser who, String method, String uri, String body, int expected) throws Exception {
        var request = switch (method) {
            case "GET" -> get(uri);
            case "PUT" -> put(uri);
            default -> post(uri);
        };
        if (body != null) request = request.contentType(MediaType.APPLICATION_JSON).content(body);
        MvcResult r = mvc.perform(request.with(user(who)).with(csrf())).andReturn();
        String text = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(method + " " + uri + " → " + text).isEqualTo(expected);
        return text.isEmpty() ? null : json.readTree(text);
    }

    /** Proposes a plan on the customer's whole balance (10,000), then cancels it, answering what was decided. */
    JsonNode proposeAndCancel(String customer, int installments, String downPayment) throws Exception {
        LocalDate first = LocalDate.now(ZoneId.of("America/Mexico_City")).plusMonths(1);
        JsonNode plan = call(agent, "POST", "/api/v1/payment-plans", """
                {"customer":"%s","downPayment":"%s","installments":%d,"firstDueDate":"%s"}"""
                .formatted(customer, downPayment, installments, first), 201);
        call(agent, "POST", "/api/v1/payment-plans/" + plan.get("id").asText() + "/cancellation", "{}", 200);
        return plan;
    }

    static String fields(JsonNode plan) {
        return plan.get("violations").findValuesAsText("field").toString();
    }

    @Test
    void theCustomersSegmentLimitsDecideAndEachLimitFallsBackToTheOrganizationThenToTheConfiguration() throws Exception {
        // Nothing stored: the configuration's limits (10 % down, 6 installments).
        JsonNode within = proposeAndCancel("MT-1", 6, "1000");
        assertThat(within.get("status").asText()).as(within.toString()).isEqualTo("PROPOSED");
        assertThat(within.get("segment").asText()).isEqualTo("mora-temprana");
        JsonNode beyond = proposeAndCancel("MT-1", 7, "1000");
        assertThat(beyond.get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(fields(beyond)).isEqualTo("[installments]");

        // The organization: 20 % down, 4 installments; segment mora-media: up to 10 installments.
        call(supervisor, "PUT", "/api/v1/plan-policies", """
                {"organization": {"minDownPaymentPercent": 20, "maxInstallments": 4},
                 "segments": [{"segment": "mora-media", "maxInstallments": 10}]}""", 200);

        // mora-temprana has no override: the organization's limits hold.
        JsonNode sixNow = proposeAndCancel("MT-1", 6, "2000");
        assertThat(sixNow.get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(fields(sixNow)).isEqualTo("[installments]");
        assertThat(sixNow.get("violations").get(0).get("messageEs").asText()).contains("mora-temprana").contains("hasta 4");
        assertThat(sixNow.get("violations").get(0).get("messageEn").asText()).contains("up to 4");
        JsonNode lowDown = proposeAndCancel("MT-1", 4, "1000");
        assertThat(fields(lowDown)).isEqualTo("[downPayment]");
        assertThat(proposeAndCancel("MT-1", 4, "2000").get("status").asText()).isEqualTo("PROPOSED");

        // mora-media: its own 10 installments, the organization's 20 % down.
        JsonNode ten = proposeAndCancel("MM-1", 10, "2000");
        assertThat(ten.get("segment").asText()).isEqualTo("mora-media");
        assertThat(ten.get("status").asText()).as(ten.toString()).isEqualTo("PROPOSED");
        assertThat(ten.get("withinPolicy").asBoolean()).isTrue();
        assertThat(fields(proposeAndCancel("MM-1", 11, "2000"))).isEqualTo("[installments]");
        assertThat(fields(proposeAndCancel("MM-1", 10, "1500"))).isEqualTo("[downPayment]");
        // The discounts still come from the configuration: 10 % at 60+ days past due.
        JsonNode discount = call(agent, "POST", "/api/v1/payment-plans", """
                {"customer":"MM-1","discount":"1500","discountOn":"PRINCIPAL","downPayment":"2000","installments":3,"firstDueDate":"%s"}"""
                .formatted(LocalDate.now(ZoneId.of("America/Mexico_City")).plusMonths(1)), 201);
        assertThat(fields(discount)).isEqualTo("[discount]");
        call(agent, "POST", "/api/v1/payment-plans/" + discount.get("id").asText() + "/cancellation", "{}", 200);

        JsonNode settings = call(agent, "GET", "/api/v1/plan-policies", null, 200);
        assertThat(settings.get("configuration").get("maxInstallments").asInt()).isEqualTo(6);
        assertThat(settings.get("organization").get("maxInstallments").asInt()).isEqualTo(4);
        assertThat(settings.get("organization").has("discounts")).isFalse();
        assertThat(settings.get("updatedBy").asText()).isEqualTo(supervisor.username());
        JsonNode media = null;
        for (JsonNode e : settings.get("effective")) if (e.get("segment").asText().equals("mora-media")) media = e;
        assertThat(media).isNotNull();
        assertThat(media.get("maxInstallments").asInt()).isEqualTo(10);
        assertThat(media.get("minDownPaymentPercent").decimalValue()).isEqualByComparingTo("20");
        assertThat(media.get("discounts").get(0).get("maxPercent").decimalValue()).isEqualByComparingTo("10");

        // Cleared: back to the configuration.
        call(supervisor, "PUT", "/api/v1/plan-policies", "{\"segments\": []}", 200);
        assertThat(proposeAndCancel("MM-1", 6, "1000").get("status").asText()).isEqualTo("PROPOSED");
        assertThat(fields(proposeAndCancel("MM-1", 7, "1000"))).isEqualTo("[installments]");
    }

    @Test
    void badLimitsAreRefusedFieldByFieldAndNothingChangesAgentsMayNotEditAndEveryChangeIsAudited() throws Exception {
        call(supervisor, "PUT", "/api/v1/plan-policies", """
                {"organization": {"maxInstallments": 8}, "segments": [{"segment": "mora-tardia", "minDownPaymentPercent": 5}]}""", 200);
        JsonNode refused = call(supervisor, "PUT", "/api/v1/plan-policies", """
                {"organization": {"minDownPaymentPercent": 120, "maxInstallments": 0, "discounts": [{"minDpd": -1, "maxPercent": 100}]},
                 "segments": [{"segment": "no-existe", "maxInstallments": 5}, {"segment": "mora-media"}, {"segment": "mora-media"}]}""", 422);
        assertThat(refused.get("error").asText()).isEqualTo("plan_policy_invalid");
        assertThat(refused.get("problems").findValuesAsText("field")).containsExactlyInAnyOrder(
                "organization.minDownPaymentPercent", "organization.maxInstallments", "organization.discounts[0].minDpd",
                "organization.discounts[0].maxPercent", "segments[0].segment", "segments[2].segment");
        for (JsonNode p : refused.get("problems")) {
            assertThat(p.get("messageEs").asText()).isNotBlank();
            assertThat(p.get("messageEn").asText()).isNotBlank().isNotEqualTo(p.get("messageEs").asText());
        }
        JsonNode unreadable = call(supervisor, "PUT", "/api/v1/plan-policies", "{\"organization\": {\"maxInstallments\": \"muchas\"}}", 400);
        assertThat(unreadable.get("problems").get(0).get("messageEs").asText()).contains("no es válida");
        call(agent, "PUT", "/api/v1/plan-policies", "{\"organization\": {\"maxInstallments\": 60}}", 403);

        JsonNode kept = call(agent, "GET", "/api/v1/plan-policies", null, 200);
        assertThat(kept.get("organization").get("maxInstallments").asInt()).isEqualTo(8);
        assertThat(kept.get("segments")).hasSize(1);
        assertThat(kept.get("segments").get(0).get("minDownPaymentPercent").decimalValue()).isEqualByComparingTo("5");
        Integer audited = TenantContext.call(org.id(), () -> jdbc.queryForObject(
                "select count(*) from audit_event where action = 'PLAN_POLICY_CHANGED' and actor = ?", Integer.class, supervisor.username()));
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void supervisorsEditTheLimitsOnTheirPageInSpanishOrEnglishAndAgentsCannotOpenIt() throws Exception {
        String page = mvc.perform(get("/payment-plans/policy").with(user(supervisor))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Límites de convenios").contains("Toda la organización").contains("mora-media");
        int index = indexOf(page, "mora-media");
        String bad = mvc.perform(post("/payment-plans/policy").with(user(supervisor)).with(csrf())
                        .param("key_0", "*").param("down_0", "15").param("max_0", "5")
                        .param("key_" + index, "mora-media").param("max_" + index, "9").param("disc_" + index, "60:abc"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(bad).contains("No se guardó ningún cambio").contains("días:porcentaje");
        assertThat(call(agent, "GET", "/api/v1/plan-policies", null, 200).get("organization").has("maxInstallments")).isFalse();

        String saved = mvc.perform(post("/payment-plans/policy").with(user(supervisor)).with(csrf())
                        .param("key_0", "*").param("down_0", "15").param("max_0", "5")
                        .param("key_" + index, "mora-media").param("max_" + index, "9").param("disc_" + index, "60:12; 200:35"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(saved).contains("Límites guardados");
        JsonNode settings = call(agent, "GET", "/api/v1/plan-policies", null, 200);
        assertThat(settings.get("organization").get("minDownPaymentPercent").decimalValue()).isEqualByComparingTo("15");
        assertThat(settings.get("segments").get(0).get("segment").asText()).isEqualTo("mora-media");
        assertThat(settings.get("segments").get(0).get("discounts").get(1).get("maxPercent").decimalValue()).isEqualByComparingTo("35");

        String english = mvc.perform(get("/payment-plans/policy").param("lang", "en").with(user(supervisor))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("Payment-plan limits").contains("60:12; 200:35");
        assertThat(mvc.perform(get("/payment-plans/policy").with(user(agent))).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    /** The row number the editor gave a segment. */
    static int indexOf(String page, String segment) {
        var m = java.util.regex.Pattern.compile("name=\"key_(\\d+)\" value=\"" + segment + "\"").matcher(page);
        assertThat(m.find()).as("a row for " + segment).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
