package mx.recaudo.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Role;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentApiIntegrationTests {
    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate system;
    TestOrg org;
    RestClient http;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "pay");
        http = client(org.token());
        PaymentFixtures.load(imports, org.id(),
                "C1,F-OLD,LOAN_INSTALLMENT,MXN,300.00,2025-01-10",
                "C1,F-NEW,LOAN_INSTALLMENT,MXN,700.00,2025-02-10",
                "C2,6F1B2C3D-0000-4000-8000-1234567890AB,INVOICE,MXN,1000.00,2025-03-01");
    }

    RestClient client(String token) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .defaultStatusHandler(s -> true, (req, res) -> { })
                .build();
    }

    record Answer(int status, JsonNode body) {}

    Answer post(String key, String body) throws Exception {
        var spec = http.post().uri("/api/v1/payments").contentType(MediaType.APPLICATION_JSON).body(body);
        if (key != null) spec = spec.header("Idempotency-Key", key);
        var response = spec.retrieve().toEntity(String.class);
        return new Answer(response.getStatusCode().value(), json.readTree(response.getBody()));
    }

    JsonNode get(String uri) throws Exception {
        return json.readTree(http.get().uri(uri).retrieve().body(String.class));
    }

    BigDecimal balance(String obligation) {
        return TenantContext.call(org.id(), () -> system.queryForObject(
                "select balance from obligation where org_id = ? and external_id = ?", BigDecimal.class, org.id(), obligation));
    }

    @Test
    void aPaymentIsAllocatedOldestDueDateFirstAndTheSameKeyAnswersTheSamePaymentWithoutChargingTwice() throws Exception {
        String body = "{\"customer\":\"C1\",\"amount\":450.00,\"currency\":\"MXN\",\"reference\":\"SPEI 123\"}";
        Answer first = post("k-1", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("applied").decimalValue()).isEqualByComparingTo("450");
        assertThat(first.body().get("unapplied").decimalValue()).isEqualByComparingTo("0");
        JsonNode lines = first.body().get("allocations");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("obligationExternalId").asText()).isEqualTo("F-OLD");
        assertThat(lines.get(0).get("previousBalance").decimalValue()).isEqualByComparingTo("300");
        assertThat(lines.get(0).get("amount").decimalValue()).isEqualByComparingTo("300");
        assertThat(lines.get(0).get("remainingBalance").decimalValue()).isEqualByComparingTo("0");
        assertThat(lines.get(1).get("obligationExternalId").asText()).isEqualTo("F-NEW");
        assertThat(lines.get(1).get("amount").decimalValue()).isEqualByComparingTo("150");
        assertThat(lines.get(1).get("remainingBalance").decimalValue()).isEqualByComparingTo("550");

        Answer again = post("k-1", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(balance("F-OLD")).isEqualByComparingTo("0");
        assertThat(balance("F-NEW")).isEqualByComparingTo("550");
        assertThat(get("/api/v1/payments?customer=C1").get("items")).hasSize(1);
    }

    @Test
    void concurrentDuplicatesOfOneKeyMakeExactlyOnePayment() throws Exception {
        String body = "{\"customer\":\"C1\",\"amount\":\"100\",\"currency\":\"MXN\"}";
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(pool.submit((Callable<Answer>) () -> {
                start.await();
                return post("race-1", body);
            }));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<Answer> f : answers) {
            Answer a = f.get();
            assertThat(a.status()).isIn(200, 201);
            if (a.status() == 201) created++;
            ids.add(a.body().get("id").asText());
        }
        pool.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(ids).hasSize(1);
        assertThat(balance("F-OLD")).isEqualByComparingTo("200");
        Integer rows = TenantContext.call(org.id(), () -> system.queryForObject("select count(*) from payment", Integer.class));
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWithTheReason() throws Exception {
        assertThat(post("k-2", "{\"customer\":\"C1\",\"amount\":10,\"currency\":\"MXN\"}").status()).isEqualTo(201);
        Answer other = post("k-2", "{\"customer\":\"C1\",\"amount\":11,\"currency\":\"MXN\"}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().get("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(other.body().get("problems").get(0).get("messageEn").asText()).contains("different data");
    }

    @Test
    void aMissingKeyOrBadFieldsAreExplainedField_by_field() throws Exception {
        Answer noKey = post(null, "{\"customer\":\"C1\",\"amount\":10,\"currency\":\"MXN\"}");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body().get("problems").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        Answer bad = post("k-3", "{\"customer\":\"\",\"amount\":\"12.345\",\"currency\":\"XYZ\"}");
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.body().get("problems").forEach(p -> fields.add(p.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("customer", "amount", "currency");
        Answer unknown = post("k-4", "{\"customer\":\"NOPE\",\"amount\":10,\"currency\":\"MXN\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("error").asText()).isEqualTo("unknown_customer");
    }

    @Test
    void anOverpaymentIsKeptAsUnappliedCreditAndEachInvoicePaymentRecordsItsCfdiData() throws Exception {
        Answer partial = post("inv-1", "{\"customer\":\"C2\",\"amount\":400,\"currency\":\"MXN\"}");
        JsonNode line = partial.body().get("allocations").get(0);
        assertThat(line.get("invoiceUuid").asText()).isEqualTo("6F1B2C3D-0000-4000-8000-1234567890AB");
        assertThat(line.get("installmentNo").asInt()).isEqualTo(1);
        Answer rest = post("inv-2", "{\"customer\":\"C2\",\"amount\":750,\"currency\":\"MXN\"}");
        JsonNode second = rest.body().get("allocations").get(0);
        assertThat(second.get("installmentNo").asInt()).isEqualTo(2);
        assertThat(second.get("previousBalance").decimalValue()).isEqualByComparingTo("600");
        assertThat(second.get("amount").decimalValue()).isEqualByComparingTo("600");
        assertThat(second.get("remainingBalance").decimalValue()).isEqualByComparingTo("0");
        assertThat(rest.body().get("unapplied").decimalValue()).isEqualByComparingTo("150");
        JsonNode mine = get("/api/v1/payments?customer=C2");
        assertThat(mine.get("unappliedCredit").get("MXN").decimalValue()).isEqualByComparingTo("150");
    }

    @Test
    void aReversalWithAReasonRestoresTheExactPriorBalancesAndStatus() throws Exception {
        Answer paid = post("rev-1", "{\"customer\":\"C1\",\"amount\":1100,\"currency\":\"MXN\"}");
        assertThat(balance("F-OLD")).isEqualByComparingTo("0");
        assertThat(balance("F-NEW")).isEqualByComparingTo("0");
        String id = paid.body().get("id").asText();
        var noReason = http.post().uri("/api/v1/payments/{id}/reversal", id).contentType(MediaType.APPLICATION_JSON)
                .body("{}").retrieve().toEntity(String.class);
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        var reversed = http.post().uri("/api/v1/payments/{id}/reversal", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"reason\":\"Transferencia devuelta\"}").retrieve().toEntity(String.class);
        assertThat(reversed.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(reversed.getBody()).get("status").asText()).isEqualTo("REVERSED");
        assertThat(balance("F-OLD")).isEqualByComparingTo("300");
        assertThat(balance("F-NEW")).isEqualByComparingTo("700");
        List<String> statuses = TenantContext.call(org.id(), () -> system.queryForList("select status from obligation where org_id = ? and customer_id = "
                + "(select id from customer where org_id = ? and external_id = 'C1')", String.class, org.id(), org.id()));
        assertThat(statuses).containsOnly("ACTIVE");
        BigDecimal cached = TenantContext.call(org.id(), () -> system.queryForObject("select balance from customer_balance where org_id = ? and customer_id = "
                + "(select id from customer where org_id = ? and external_id = 'C1')", BigDecimal.class, org.id(), org.id()));
        assertThat(cached).isEqualByComparingTo("1000");
        assertThat(get("/api/v1/payments?customer=C1").get("unappliedCredit").size()).isZero();
        var twice = http.post().uri("/api/v1/payments/{id}/reversal", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"reason\":\"otra vez\"}").retrieve().toEntity(String.class);
        assertThat(twice.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void agentsMayNotPostPaymentsAndAuditorsMayNotReverseThem() throws Exception {
        String agentToken = TenantContext.call(org.id(), () -> identity.issueApiToken(
                identity.createUser("agente@" + org.org().slug(), "Agente", TestOrganizations.PASSWORD, Role.AGENT), "t", null));
        var denied = client(agentToken).post().uri("/api/v1/payments").header("Idempotency-Key", "a-1")
                .contentType(MediaType.APPLICATION_JSON).body("{\"customer\":\"C1\",\"amount\":10,\"currency\":\"MXN\"}")
                .retrieve().toEntity(String.class);
        assertThat(denied.getStatusCode().value()).isEqualTo(403);
        assertThat(denied.getBody()).contains("forbidden");
    }

    @Test
    void referencesAndVirtualClabesIdentifyTheCustomerAndClabesAreChecked() throws Exception {
        JsonNode valid = get("/api/v1/clabes/032180000118359719");
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("bank").asText()).isEqualTo("032");
        JsonNode invalid = get("/api/v1/clabes/032180000118359710");
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(invalid.get("expectedCheckDigit").asInt()).isEqualTo(9);

        JsonNode refs = get("/api/v1/payment-references?customer=C1");
        String reference = refs.get("reference").asText();
        assertThat(ReferenceScheme.named("MOD10_LUHN").body(reference)).isPresent();
        assertThat(refs.has("clabe")).isFalse();
        UUID id = org.id();
        assertThat(id).isNotNull();
    }
}
