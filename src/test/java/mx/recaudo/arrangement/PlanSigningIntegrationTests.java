package mx.recaudo.arrangement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.RecaudoUser;
import mx.recaudo.identity.Role;
import mx.recaudo.payment.Payments;
import mx.recaudo.payment.PostPayment;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Signing a payment plan on real PostgreSQL and the payment provider's stub: signing codes are
 * rate limited per plan and per customer (counted in the database), too many wrong codes lock the
 * code, signing answers the down payment to pay at once (a payment link, else the reference), and
 * only payments applied to the plan's own obligations fill its installments.
 */
@SpringBootTest(properties = {
        "recaudo.contact.dispatch-enabled=false",
        "recaudo.arrangements.signature.per-plan-per-hour=2",
        "recaudo.arrangements.signature.per-customer-per-day=3"})
@AutoConfigureMockMvc
class PlanSigningIntegrationTests {
    static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("recaudo.payments.links.hosted.base-url", PROVIDER::baseUrl);
        registry.add("recaudo.payments.links.hosted.api-key", () -> "sk_test");
        registry.add("recaudo.payments.links.hosted.webhook-secret", () -> "whsec_firma");
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @Autowired MockMvc mvc;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired Payments payments;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;
    TestOrg org;
    RecaudoUser agent;
    LocalDate today;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "sign");
        String username = "agente@" + org.org().slug();
        UUID id = TenantContext.call(org.id(), () -> identity.createUser(username, "Agente", TestOrganizations.PASSWORD, Role.AGENT));
        agent = new RecaudoUser(id, org.id(), username, "Agente", Role.AGENT, "es-MX", "x", true);
        today = LocalDate.now(ZoneId.of("America/Mexico_City"));
        // SG-OLD is older than SG-PLAN: by the default rule (oldest first) a payment goes to it first.
        String csv = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,address,state,postal_code,"
                + "obligation_id,obligation_kind,product,currency,original_amount,balance,issue_date,due_date\n"
                + "SG-1,Sara Gil,PERSON,,2019-05-01,,sara@example.mx,,,,,SG-PLAN,LOAN_INSTALLMENT,Crédito,MXN,5000,5000.00,2024-01-01,"
                + today.minusDays(60) + "\n"
                + "SG-1,Sara Gil,PERSON,,2019-05-01,,sara@example.mx,,,,,SG-OLD,LOAN_INSTALLMENT,Tarjeta,MXN,3000,3000.00,2024-01-01,"
                + today.minusDays(90) + "\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org.id(), () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.rowsRejected()).isZero();
        PROVIDER.resetAll();
    }

    JsonNode call(String uri, String body, int expected) throws Exception {
        var request = body == null ? get(uri)
                : MockMvcRequestBuilders.post(uri)
                .contentType(MediaType.APPLICATION_JSON).content(body);
        MvcResult r = mvc.perform(request.with(user(agent)).with(csrf())).andReturn();
        String text = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(uri + " → " + text).isEqualTo(expected);
        return json.readTree(text);
    }

    /** A plan within policy on SG-PLAN only: 1,000 down, then two installments. */
    String proposePlan() throws Exception {
        JsonNode plan = call("/api/v1/payment-plans", """
                {"customer":"SG-1","obligations":["SG-PLAN"],"downPayment":"1000","installments":2,"firstDueDate":"%s"}"""
                .formatted(today.plusMonths(1)), 201);
        assertThat(plan.get("status").asText()).as(plan.toString()).isEqualTo("PROPOSED");
        return plan.get("id").asText();
    }

    /** The code in the last message queued for the customer (the sandbox keeps it in the outbox). */
    String lastCode() {
        String body = TenantContext.call(org.id(), () -> jdbc.queryForObject(
                "select body from contact_message where kind = 'TRANSACTIONAL' order by id desc limit 1", String.class));
        Matcher m = CODE.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void signingCodesAreLimitedPerPlanPerHourAndPerCustomerPerDay() throws Exception {
        String first = proposePlan();
        call("/api/v1/payment-plans/" + first + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        call("/api/v1/payment-plans/" + first + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        JsonNode perPlan = call("/api/v1/payment-plans/" + first + "/signature-requests", "{\"channel\":\"EMAIL\"}", 429);
        assertThat(perPlan.get("error").asText()).isEqualTo("too_many_code_requests");
        assertThat(perPlan.get("problems").get(0).get("field").asText()).isEqualTo("plan");
        assertThat(perPlan.get("problems").get(0).get("messageEs").asText()).contains("última hora").contains("min");
        assertThat(perPlan.get("problems").get(0).get("messageEn").asText()).contains("last hour");

        // Another plan of the same customer: its own hour, but the customer's day allows one more code only.
        call("/api/v1/payment-plans/" + first + "/cancellation", "{}", 200);
        String second = proposePlan();
        call("/api/v1/payment-plans/" + second + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        JsonNode perCustomer = call("/api/v1/payment-plans/" + second + "/signature-requests", "{\"channel\":\"EMAIL\"}", 429);
        assertThat(perCustomer.get("problems").get(0).get("field").asText()).isEqualTo("customer");
        assertThat(perCustomer.get("problems").get(0).get("messageEn").asText()).contains("last 24 hours");
        Integer sent = TenantContext.call(org.id(), () -> jdbc.queryForObject(
                "select count(*) from contact_message where kind = 'TRANSACTIONAL'", Integer.class));
        assertThat(sent).as("a refused request sends nothing").isEqualTo(3);
        // The code that was sent still signs.
        assertThat(call("/api/v1/payment-plans/" + second + "/signature", "{\"code\":\"" + lastCode() + "\"}", 200)
                .get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void fiveWrongCodesLockTheCodeEvenAgainstTheRightOne() throws Exception {
        String id = proposePlan();
        call("/api/v1/payment-plans/" + id + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        String code = lastCode();
        for (int left = 4; left >= 1; left--) {
            JsonNode refused = call("/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + wrong(code) + "\"}", 422);
            assertThat(refused.get("problems").get(0).get("messageEn").asText()).contains(left + " attempt(s) left");
        }
        JsonNode locked = call("/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + wrong(code) + "\"}", 422);
        assertThat(locked.get("error").asText()).isEqualTo("too_many_attempts");
        assertThat(locked.get("problems").get(0).get("messageEs").asText()).contains("bloqueado");
        JsonNode stillLocked = call("/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + code + "\"}", 422);
        assertThat(stillLocked.get("error").asText()).isEqualTo("too_many_attempts");
        assertThat(call("/api/v1/payment-plans/" + id, null, 200).get("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        // A new code (within the limits) signs.
        call("/api/v1/payment-plans/" + id + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        assertThat(call("/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + lastCode() + "\"}", 200)
                .get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void signingAnswersTheDownPaymentLinkAndOnlyPaymentsAppliedToThePlansObligationsCount() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo("/v1/checkouts")).withRequestBody(matchingJsonPath("$.amount", equalTo("100000")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"chk_down\",\"url\":\"https://pay.example/c/chk_down\"}")));
        String id = proposePlan();
        assertThat(call("/api/v1/payment-plans/" + id, null, 200).has("payNow")).as("nothing to pay before signing").isFalse();
        call("/api/v1/payment-plans/" + id + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        JsonNode signed = call("/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + lastCode() + "\"}", 200);
        assertThat(signed.get("status").asText()).isEqualTo("ACTIVE");
        JsonNode payNow = signed.get("payNow");
        assertThat(payNow.get("amount").decimalValue()).isEqualByComparingTo("1000");
        assertThat(payNow.get("currency").asText()).isEqualTo("MXN");
        assertThat(payNow.get("linkUrl").asText()).isEqualTo("https://pay.example/c/chk_down");
        assertThat(payNow.get("reference").asText()).isNotBlank();

        // The 360 page shows it to the agent with the customer on the line.
        long customer = signed.get("customerId").asLong();
        String section = mvc.perform(get("/customers/" + customer + "/payment-plans").with(user(agent))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(section).contains("Pague su pago inicial ahora").contains("https://pay.example/c/chk_down")
                .contains(payNow.get("reference").asText());

        // 3,000 goes to the older obligation outside the plan: the down payment is still owed.
        TenantContext.run(org.id(), () -> payments.post(new PostPayment("SG-1", new BigDecimal("3000.00"), "MXN", null, null,
                "other-debt", PostPayment.Channel.API)));
        JsonNode afterOther = call("/api/v1/payment-plans/" + id, null, 200);
        assertThat(afterOther.get("paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(afterOther.get("installments").get(0).get("paid").decimalValue()).isEqualByComparingTo("0");
        assertThat(afterOther.get("payNow").get("amount").decimalValue()).isEqualByComparingTo("1000");

        // 1,000 now lands on the plan's obligation: the down payment is paid and nothing is offered any more.
        TenantContext.run(org.id(), () -> payments.post(new PostPayment("SG-1", new BigDecimal("1000.00"), "MXN", null, null,
                "down", PostPayment.Channel.API)));
        JsonNode afterDown = call("/api/v1/payment-plans/" + id, null, 200);
        assertThat(afterDown.get("installments").get(0).get("paid").decimalValue()).isEqualByComparingTo("1000");
        assertThat(afterDown.get("paid").decimalValue()).isEqualByComparingTo("1000");
        assertThat(afterDown.has("payNow")).isFalse();
        assertThat(afterDown.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void whenTheLinkProviderFailsSigningStillOffersTheDepositReference() throws Exception {
        PROVIDER.stubFor(post(urlEqualTo("/v1/checkouts")).willReturn(aResponse().withStatus(503)));
        String id = proposePlan();
        call("/api/v1/payment-plans/" + id + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        JsonNode signed = call("/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + lastCode() + "\"}", 200);
        assertThat(signed.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(signed.get("payNow").get("amount").decimalValue()).isEqualByComparingTo("1000");
        assertThat(signed.get("payNow").has("linkUrl")).isFalse();
        assertThat(signed.get("payNow").get("reference").asText()).isNotBlank();
    }
}
