package mx.recaudo.arrangement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.identity.IdentityManagement;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment-plan journey on real PostgreSQL, real SMTP (GreenMail) and the payment-link provider's
 * stub: a plan beyond policy is approved by a supervisor (not its requester), signed by the customer
 * with the code read from the e-mail they got, its down payment arrives by a signed payment-link
 * webhook, the next installment is missed, the plan breaks and the strategy escalates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recaudo.contact.dispatch-enabled=false",
        "recaudo.db.pool-size=4",
        "recaudo.contact.routes.email=smtp",
        "recaudo.contact.smtp.host=127.0.0.1",
        "recaudo.contact.smtp.port=" + PaymentPlanJourneyIntegrationTests.SMTP_PORT,
        "recaudo.contact.smtp.auth=false",
        "recaudo.contact.first-retry=PT0S"})
@Import(PaymentPlanJourneyIntegrationTests.EventsSeen.class)
@DirtiesContext
class PaymentPlanJourneyIntegrationTests {
    static final int SMTP_PORT = 40737;
    static final String SECRET = "whsec_convenios";
    static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final Pattern CODE = Pattern.compile("(?m)^\\s*(\\d{6})\\s*$");

    static {
        PROVIDER.start();
    }

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("recaudo.payments.links.hosted.base-url", PROVIDER::baseUrl);
        registry.add("recaudo.payments.links.hosted.api-key", () -> "sk_test");
        registry.add("recaudo.payments.links.hosted.webhook-secret", () -> SECRET);
    }

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    /** Records the plan events another module (the strategy) receives. */
    @TestConfiguration
    static class EventsSeen {
        final List<PlanEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PlanEvent e) { events.add(e); }

        List<String> of(String plan) {
            return events.stream().filter(e -> e.planId().toString().equals(plan)).map(e -> e.getClass().getSimpleName()).toList();
        }
    }

    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired PaymentPlans plans;
    @Autowired Payments payments;
    @Autowired OutboxDispatcher dispatcher;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired Clock clock;
    @Autowired EventsSeen seen;
    TestOrg org;
    RestClient agent;
    RestClient supervisor;
    RestClient admin;
    String supervisorName;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "plan");
        supervisorName = "supervisora@" + org.org().slug();
        String[] tokens = TenantContext.call(org.id(), () -> {
            UUID a = identity.createUser("agente@" + org.org().slug(), "Agente", TestOrganizations.PASSWORD, Role.AGENT);
            UUID s = identity.createUser(supervisorName, "Supervisora", TestOrganizations.PASSWORD, Role.SUPERVISOR);
            return new String[]{identity.issueApiToken(a, "t", null), identity.issueApiToken(s, "t", null)};
        });
        agent = client(tokens[0]);
        supervisor = client(tokens[1]);
        admin = client(org.token());
        String csv = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,address,state,postal_code,"
                + "obligation_id,obligation_kind,product,currency,original_amount,balance,issue_date,due_date\n"
                + "PL-1,Pablo Lozano Reyes,PERSON,LORP800101AB1,2019-05-01,,pablo@example.mx,,Av. Reforma 1,CDMX,06600,"
                + "PLO-1,LOAN_INSTALLMENT,Crédito personal,MXN,12000,6000.00,2024-01-01,2025-06-10\n"
                + "PL-1,Pablo Lozano Reyes,PERSON,LORP800101AB1,2019-05-01,,pablo@example.mx,,Av. Reforma 1,CDMX,06600,"
                + "PLO-2,LOAN_INSTALLMENT,Crédito personal,MXN,12000,4000.00,2024-01-01,2025-07-10\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org.id(), () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.rowsRejected()).isZero();
        PROVIDER.resetAll();
    }

    RestClient client(String token) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .defaultHeader(HttpHeaders.USER_AGENT, "PlanJourney/1.0")
                .defaultStatusHandler(s -> true, (req, res) -> { }).build();
    }

    JsonNode call(RestClient who, String uri, String body, int expected) throws Exception {
        ResponseEntity<String> r = body == null ? who.get().uri(uri).retrieve().toEntity(String.class)
                : who.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).as(uri + " → " + r.getBody()).isEqualTo(expected);
        return json.readTree(r.getBody());
    }

    byte[] pdf(String uri) {
        return agent.get().uri(uri).retrieve().body(byte[].class);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("America/Mexico_City")));
    }

    /** Sends the queued e-mail through SMTP and reads the code out of the message the customer received. */
    String codeFromTheCustomersMailbox(int expectedMessages) throws Exception {
        dispatcher.dispatchOnce("smtp");
        assertThat(mail.waitForIncomingEmail(10_000, expectedMessages)).isTrue();
        MimeMessage[] received = mail.getReceivedMessages();
        MimeMessage last = received[received.length - 1];
        assertThat(last.getAllRecipients()[0].toString()).isEqualTo("pablo@example.mx");
        Matcher m = CODE.matcher(String.valueOf(last.getContent()));
        assertThat(m.find()).as("a six-digit code in the e-mail").isTrue();
        return m.group(1);
    }

    /** The provider's webhook signature: hex HMAC-SHA256 of the raw body with the shared secret. */
    static String hmac(byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void beyondPolicyApprovedSignedDownPaymentByLinkThenAMissedInstallmentBreaksThePlanAndTheStrategyEscalates() throws Exception {
        // The agent proposes half off: beyond the policy (30 % at 180+ days past due), so it needs approval.
        JsonNode proposed = call(agent, "/api/v1/payment-plans", """
                {"customer":"PL-1","obligations":"all","discount":"5000","discountOn":"PRINCIPAL","downPayment":"1000",
                 "installments":4,"firstDueDate":"%s"}""".formatted(today().plusMonths(1)), 201);
        String id = proposed.get("id").asText();
        assertThat(proposed.get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(proposed.get("withinPolicy").asBoolean()).isFalse();
        assertThat(proposed.get("violations").findValuesAsText("field")).contains("discount");
        assertThat(proposed.get("violations").get(0).get("messageEs").asText()).isNotBlank();
        assertThat(proposed.get("toPay").decimalValue()).isEqualByComparingTo("5000");
        assertThat(proposed.get("installments")).hasSize(5);

        // Agents do not approve; a wrong password is no signature; the supervisor approves with hers.
        String letterSha = sha256(pdf("/api/v1/payment-plans/" + id + "/agreement.pdf"));
        assertThat(letterSha).isEqualTo(proposed.get("agreementSha256").asText());
        call(agent, "/api/v1/payment-plans/" + id + "/approval",
                "{\"decision\":\"APPROVE\",\"password\":\"" + TestOrganizations.PASSWORD + "\"}", 403);
        JsonNode badPassword = call(supervisor, "/api/v1/payment-plans/" + id + "/approval",
                "{\"decision\":\"APPROVE\",\"password\":\"otra-cosa-12345\"}", 403);
        assertThat(badPassword.get("error").asText()).isEqualTo("reauthentication_failed");
        JsonNode approved = call(supervisor, "/api/v1/payment-plans/" + id + "/approval", """
                {"decision":"APPROVE","password":"%s","documentSha256":"%s","note":"cliente con desempleo"}"""
                .formatted(TestOrganizations.PASSWORD, letterSha), 200);
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        JsonNode evidence = approved.get("approval");
        assertThat(evidence.get("approver").asText()).isEqualTo(supervisorName);
        assertThat(evidence.get("documentSha256").asText()).isEqualTo(letterSha);
        assertThat(evidence.get("userAgent").asText()).isEqualTo("PlanJourney/1.0");
        assertThat(evidence.get("ip").asText()).isNotBlank();
        assertThat(evidence.get("decidedAt").asText()).isNotBlank();
        call(supervisor, "/api/v1/payment-plans/" + id + "/approval",
                "{\"decision\":\"REJECT\",\"password\":\"" + TestOrganizations.PASSWORD + "\"}", 409);

        // The customer gets a code by e-mail; a wrong code costs an attempt; the right one signs.
        JsonNode request = call(agent, "/api/v1/payment-plans/" + id + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        assertThat(request.get("maskedAddress").asText()).isEqualTo("p***@example.mx");
        String code = codeFromTheCustomersMailbox(1);
        String wrong = code.equals("000000") ? "111111" : "000000";
        JsonNode refused = call(agent, "/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + wrong + "\"}", 422);
        assertThat(refused.get("problems").get(0).get("messageEn").asText()).contains("4 attempt(s) left");
        JsonNode signed = call(agent, "/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + code + "\"}", 200);
        assertThat(signed.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(signed.get("signature").get("channel").asText()).isEqualTo("EMAIL");
        assertThat(signed.get("signature").get("documentSha256").asText()).isEqualTo(letterSha);
        call(agent, "/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + code + "\"}", 409);

        // The stored letter is now sealed; the seal verifies, and the customer's document is its untouched prefix.
        byte[] sealed = pdf("/api/v1/payment-plans/" + id + "/agreement.pdf");
        assertThat(DocumentSeal.verify(sealed)).isTrue();
        assertThat(sha256(Arrays.copyOf(sealed, plansDraftLength(id)))).isEqualTo(letterSha);

        // The down payment arrives through a payment link: the provider's signed webhook posts it.
        String checkout = "chk_" + UUID.randomUUID().toString().substring(0, 8);
        PROVIDER.stubFor(post(urlEqualTo("/v1/checkouts")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + checkout + "\",\"url\":\"https://pay.example/c/" + checkout + "\"}")));
        call(agent, "/api/v1/payment-links", "{\"customer\":\"PL-1\",\"amount\":\"1000.00\",\"currency\":\"MXN\"}", 201);
        byte[] webhook = ("{\"type\":\"checkout.paid\",\"data\":{\"checkoutId\":\"" + checkout + "\",\"amount\":100000,\"currency\":\"mxn\","
                + "\"paidAt\":\"" + clock.instant().plusSeconds(1) + "\"}}").getBytes(StandardCharsets.UTF_8);
        var hook = agent.post().uri("/webhooks/payment-links/hosted/" + org.org().slug())
                .header("X-Signature", "sha256=" + hmac(webhook))
                .contentType(MediaType.APPLICATION_JSON).body(webhook).retrieve().toEntity(String.class);
        assertThat(hook.getStatusCode().value()).as(String.valueOf(hook.getBody())).isEqualTo(200);
        JsonNode afterDown = call(agent, "/api/v1/payment-plans/" + id, null, 200);
        assertThat(afterDown.get("installments").get(0).get("paid").decimalValue()).isEqualByComparingTo("1000");
        assertThat(afterDown.get("paid").decimalValue()).isEqualByComparingTo("1000");
        assertThat(afterDown.get("status").asText()).isEqualTo("ACTIVE");

        // The first installment is not paid; once its grace has passed, two nodes check at once: the plan breaks once.
        Instant later = clock.instant().plus(Duration.ofDays(31 + 3 + 2));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        Future<Integer> a = nodes.submit(() -> plans.evaluateDue(later));
        Future<Integer> b = nodes.submit(() -> plans.evaluateDue(later));
        assertThat(a.get() + b.get()).as("other organizations' plans may break too").isPositive();
        nodes.shutdown();
        JsonNode broken = call(agent, "/api/v1/payment-plans/" + id, null, 200);
        assertThat(broken.get("status").asText()).isEqualTo("BROKEN");
        assertThat(seen.of(id)).containsExactly("PlanActivated", "PlanBroken");

        // The strategy escalated the customer at once, as for a broken promise.
        long customer = broken.get("customerId").asLong();
        List<String> reasons = TenantContext.call(org.id(), () -> jdbc.sql(
                "select reason from customer_ladder_history where customer_id = ? order by id").param(customer).query(String.class).list());
        assertThat(reasons).contains("PLAN_BROKEN");
        List<String> obligationStatuses = TenantContext.call(org.id(), () -> jdbc.sql(
                "select distinct status from obligation where customer_id = ?").param(customer).query(String.class).list());
        assertThat(obligationStatuses).containsExactly("ACTIVE");
    }

    int plansDraftLength(String id) {
        return TenantContext.call(org.id(), () -> jdbc.sql("select length(agreement_pdf) from payment_plan where id = ?::uuid")
                .param(id).query(Integer.class).single());
    }

    @Test
    void nobodyApprovesTheirOwnRequestNotEvenASupervisor() throws Exception {
        JsonNode proposed = call(supervisor, "/api/v1/payment-plans", """
                {"customer":"PL-1","discount":"6000","discountOn":"PRINCIPAL","installments":2,"firstDueDate":"%s"}"""
                .formatted(today().plusMonths(1)), 201);
        String id = proposed.get("id").asText();
        assertThat(proposed.get("status").asText()).isEqualTo("PENDING_APPROVAL");
        JsonNode own = call(supervisor, "/api/v1/payment-plans/" + id + "/approval",
                "{\"decision\":\"APPROVE\",\"password\":\"" + TestOrganizations.PASSWORD + "\"}", 403);
        assertThat(own.get("error").asText()).isEqualTo("approval_not_allowed");
        assertThat(own.get("problems").get(0).get("messageEs").asText()).isEqualTo("Nadie aprueba su propia solicitud");
        assertThat(call(agent, "/api/v1/payment-plans/" + id, null, 200).get("status").asText()).isEqualTo("PENDING_APPROVAL");
        JsonNode rejected = call(admin, "/api/v1/payment-plans/" + id + "/approval",
                "{\"decision\":\"REJECT\",\"password\":\"" + TestOrganizations.PASSWORD + "\",\"note\":\"quita excesiva\"}", 200);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("approval").get("approverRole").asText()).isEqualTo("ADMIN");
    }

    @Test
    void aPlanWithinPolicyPaidInFullIsCompletedTheDiscountForgivenAndASealedSettlementLetterIssued() throws Exception {
        JsonNode proposed = call(agent, "/api/v1/payment-plans", """
                {"customer":"PL-1","discount":"2000","discountOn":"PRINCIPAL","downPayment":"2000","installments":2,
                 "firstDueDate":"%s"}""".formatted(today().plusMonths(1)), 201);
        String id = proposed.get("id").asText();
        assertThat(proposed.get("status").asText()).as(proposed.toString()).isEqualTo("PROPOSED");
        assertThat(proposed.get("withinPolicy").asBoolean()).isTrue();
        call(agent, "/api/v1/payment-plans/" + id + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        // A second request replaces the first code.
        String first = codeFromTheCustomersMailbox(1);
        call(agent, "/api/v1/payment-plans/" + id + "/signature-requests", "{\"channel\":\"EMAIL\"}", 201);
        String second = codeFromTheCustomersMailbox(2);
        if (!first.equals(second)) {
            call(agent, "/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + first + "\"}", 422);
        }
        call(agent, "/api/v1/payment-plans/" + id + "/signature", "{\"code\":\"" + second + "\"}", 200);
        assertThat(agent.get().uri("/api/v1/payment-plans/" + id + "/settlement.pdf").retrieve().toBodilessEntity()
                .getStatusCode().value()).as("no settlement letter while money is owed").isEqualTo(404);

        TenantContext.run(org.id(), () -> payments.post(new PostPayment("PL-1", new BigDecimal("8000.00"), "MXN", null, null,
                "plan-all", PostPayment.Channel.API)));
        JsonNode done = call(agent, "/api/v1/payment-plans/" + id, null, 200);
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("settlementLetter").asBoolean()).isTrue();
        assertThat(seen.of(id)).containsExactly("PlanActivated", "PlanCompleted");
        BigDecimal owed = TenantContext.call(org.id(), () -> jdbc.sql(
                "select coalesce(sum(balance), 0) from obligation o join customer c on c.id = o.customer_id where c.external_id = 'PL-1'")
                .query(BigDecimal.class).single());
        assertThat(owed).isEqualByComparingTo("0");
        byte[] letter = pdf("/api/v1/payment-plans/" + id + "/settlement.pdf");
        assertThat(new String(letter, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(DocumentSeal.verify(letter)).isTrue();
    }

    @Test
    void impossiblePlansAreRefusedWithEveryReasonAndTheSameKeyAnswersTheSamePlan() throws Exception {
        JsonNode bad = call(agent, "/api/v1/payment-plans", """
                {"customer":"PL-1","discount":"x","downPayment":"-5","installments":3,"firstDueDate":"mañana"}""", 400);
        assertThat(bad.get("problems").findValuesAsText("field")).contains("discount", "downPayment", "firstDueDate");
        JsonNode impossible = call(agent, "/api/v1/payment-plans", """
                {"customer":"PL-1","obligations":["PLO-1","NO-EXISTE"],"installments":2,"firstDueDate":"%s"}"""
                .formatted(today().plusMonths(1)), 422);
        assertThat(impossible.get("problems").get(0).get("messageEn").asText()).contains("NO-EXISTE");
        String body = """
                {"customer":"PL-1","obligations":["PLO-2"],"downPayment":"400","installments":3,"firstDueDate":"%s"}"""
                .formatted(today().plusMonths(1));
        var first = agent.post().uri("/api/v1/payment-plans").header("Idempotency-Key", "plan-k1")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
        var again = agent.post().uri("/api/v1/payment-plans").header("Idempotency-Key", "plan-k1")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        assertThat(json.readTree(again.getBody()).get("id")).isEqualTo(json.readTree(first.getBody()).get("id"));
        JsonNode plan = json.readTree(first.getBody());
        assertThat(plan.get("obligations")).hasSize(1);
        assertThat(plan.get("balance").decimalValue()).isEqualByComparingTo("4000");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode i : plan.get("installments")) sum = sum.add(i.get("amount").decimalValue());
        assertThat(sum).isEqualByComparingTo("4000");
        // A second open plan on the same debt is refused until the first is cancelled.
        call(agent, "/api/v1/payment-plans", body.replace("400", "500"), 409);
        call(agent, "/api/v1/payment-plans/" + plan.get("id").asText() + "/cancellation", "{\"reason\":\"error\"}", 200);
        call(agent, "/api/v1/payment-plans", body.replace("400", "500"), 201);
    }
}
