package mx.recaudo.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A payment link against a local stub of the provider: hosted checkout URL, then a signed webhook posts the payment once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentLinkIntegrationTests {
    static final String SECRET = "whsec_prueba";
    static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        PROVIDER.start();
    }

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

    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;
    TestOrg org;
    RestClient http;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "link");
        PaymentFixtures.load(imports, org.id(), "K1,KL-1,LOAN_INSTALLMENT,MXN,1500.00,2025-01-10");
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(s -> true, (req, res) -> { }).build();
        PROVIDER.resetAll();
        PROVIDER.stubFor(post(urlEqualTo("/v1/checkouts")).withHeader("Authorization", equalTo("Bearer sk_test"))
                .withRequestBody(matchingJsonPath("$.amount", equalTo("50000")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"chk_123\",\"url\":\"https://pay.example/c/chk_123\"}")));
    }

    @Test
    void aSignedWebhookPostsTheLinkPaymentExactlyOnceAndABadSignatureIsRefused() throws Exception {
        var created = http.post().uri("/api/v1/payment-links").header(HttpHeaders.AUTHORIZATION, "Bearer " + org.token())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"customer\":\"K1\",\"amount\":\"500.00\",\"currency\":\"MXN\"}").retrieve().toEntity(String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        assertThat(json.readTree(created.getBody()).get("url").asText()).isEqualTo("https://pay.example/c/chk_123");
        PROVIDER.verify(postRequestedFor(urlEqualTo("/v1/checkouts")));

        byte[] body = "{\"type\":\"checkout.paid\",\"data\":{\"checkoutId\":\"chk_123\",\"amount\":50000,\"currency\":\"mxn\",\"paidAt\":\"2025-03-05T18:00:00Z\"}}"
                .getBytes(StandardCharsets.UTF_8);
        String uri = "/webhooks/payment-links/hosted/" + org.org().slug();
        var forged = http.post().uri(uri).header("X-Signature", "sha256=" + "0".repeat(64))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
        assertThat(forged.getStatusCode().value()).isEqualTo(401);

        String signature = "sha256=" + HostedCheckoutProvider.hmac(SECRET, body);
        ExecutorService retries = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(retries.submit(() -> http.post().uri(uri).header("X-Signature", signature)
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class).getStatusCode().value()));
        }
        for (Future<Integer> a : answers) assertThat(a.get()).isEqualTo(200);
        retries.shutdown();

        Integer payments = TenantContext.call(org.id(), () -> jdbc.queryForObject("select count(*) from payment", Integer.class));
        assertThat(payments).isEqualTo(1);
        BigDecimal balance = TenantContext.call(org.id(), () -> jdbc.queryForObject(
                "select balance from obligation where external_id = 'KL-1'", BigDecimal.class));
        assertThat(balance).isEqualByComparingTo("1000");
        String status = TenantContext.call(org.id(), () -> jdbc.queryForObject("select status from payment_link", String.class));
        assertThat(status).isEqualTo("PAID");
    }

    @Test
    void aCheckoutIdIsUniqueWithinAnOrganizationOnlyAndARepeatedOneIsAClearConflict() throws Exception {
        TestOrg second = TestOrganizations.create(identity, "link2");
        PaymentFixtures.load(imports, second.id(), "K1,KL-1,LOAN_INSTALLMENT,MXN,1500.00,2025-01-10");
        String link = "{\"customer\":\"K1\",\"amount\":\"500.00\",\"currency\":\"MXN\"}";

        assertThat(createLink(org, link).getStatusCode().value()).isEqualTo(201);
        var again = createLink(org, link);
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(409);
        var problem = json.readTree(again.getBody()).get("problems").get(0);
        assertThat(problem.get("messageEs").asText()).contains("chk_123");
        assertThat(problem.get("messageEn").asText()).contains("chk_123");
        assertThat(createLink(second, link).getStatusCode().value())
                .as("another organization's account at the same provider may return the same id").isEqualTo(201);

        byte[] body = "{\"type\":\"checkout.paid\",\"data\":{\"checkoutId\":\"chk_123\",\"amount\":50000,\"currency\":\"mxn\",\"paidAt\":\"2025-03-05T18:00:00Z\"}}"
                .getBytes(StandardCharsets.UTF_8);
        var paid = http.post().uri("/webhooks/payment-links/hosted/" + second.org().slug())
                .header("X-Signature", "sha256=" + HostedCheckoutProvider.hmac(SECRET, body))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
        assertThat(paid.getStatusCode().value()).isEqualTo(200);
        assertThat(TenantContext.call(second.id(), () -> jdbc.queryForObject("select count(*) from payment", Integer.class)))
                .isEqualTo(1);
        assertThat(TenantContext.call(org.id(), () -> jdbc.queryForObject("select count(*) from payment", Integer.class)))
                .as("the webhook pays the link of the organization in its URL only").isZero();
        assertThat(TenantContext.call(org.id(), () -> jdbc.queryForObject("select count(*) from payment_link", Integer.class)))
                .isEqualTo(1);
    }

    private org.springframework.http.ResponseEntity<String> createLink(TestOrg owner, String body) {
        return http.post().uri("/api/v1/payment-links").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
    }
}
