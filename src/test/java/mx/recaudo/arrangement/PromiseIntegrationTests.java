package mx.recaudo.arrangement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.payment.PaymentFixtures;
import mx.recaudo.payment.Payments;
import mx.recaudo.payment.PostPayment;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PromiseIntegrationTests.EventsSeen.class)
class PromiseIntegrationTests {
    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired Promises promises;
    @Autowired Payments payments;
    @Autowired Clock clock;
    @Autowired ObjectMapper json;
    @Autowired EventsSeen seen;
    TestOrg org;
    RestClient http;

    /** Records the promise events another module (the strategy) would receive. */
    @TestConfiguration
    static class EventsSeen {
        final List<PromiseEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PromiseEvent e) { events.add(e); }

        List<PromiseEvent> of(UUID promise) {
            return events.stream().filter(e -> e.promiseId().equals(promise)).toList();
        }
    }

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "ptp");
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + org.token())
                .defaultStatusHandler(s -> true, (req, res) -> { }).build();
        PaymentFixtures.load(imports, org.id(), "P1,L-1,LOAN_INSTALLMENT,MXN,2000.00,2025-01-10",
                "P2,L-2,LOAN_INSTALLMENT,MXN,800.00,2025-01-10");
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(java.time.ZoneId.of("America/Mexico_City")));
    }

    JsonNode postPromise(String body, int expectedStatus) throws Exception {
        var r = http.post().uri("/api/v1/promises").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(expectedStatus);
        return json.readTree(r.getBody());
    }

    String status(String id) throws Exception {
        return json.readTree(http.get().uri("/api/v1/promises/{id}", id).retrieve().body(String.class)).get("status").asText();
    }

    void pay(String customer, String amount, String key) {
        TenantContext.run(org.id(), () -> payments.post(new PostPayment(customer, new BigDecimal(amount), "MXN", null,
                null, key, PostPayment.Channel.API)));
    }

    @Test
    void aPromiseIsKeptByTwoPartialPaymentsWithinSecondsOfTheSecond() throws Exception {
        JsonNode made = postPromise("{\"customer\":\"P1\",\"amount\":\"1000\",\"currency\":\"MXN\",\"dueDate\":\""
                + today().plusDays(7) + "\"}", 201);
        String id = made.get("id").asText();
        assertThat(status(id)).isEqualTo("PENDING");
        pay("P1", "400", "ptp-1");
        assertThat(status(id)).isEqualTo("PENDING");
        pay("P1", "600", "ptp-2");
        assertThat(status(id)).isEqualTo("KEPT");
        JsonNode promise = json.readTree(http.get().uri("/api/v1/promises/{id}", id).retrieve().body(String.class));
        assertThat(promise.get("paid").decimalValue()).isEqualByComparingTo("1000");
        assertThat(seen.of(UUID.fromString(id))).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PromiseMade", "PromiseKept");
    }

    @Test
    void everyPolicyViolationIsExplained() throws Exception {
        JsonNode refused = postPromise("{\"customer\":\"P2\",\"amount\":\"10\",\"currency\":\"MXN\",\"dueDate\":\""
                + today().plusDays(90) + "\"}", 422);
        assertThat(refused.get("error").asText()).isEqualTo("promise_outside_policy");
        assertThat(refused.get("problems")).hasSize(2);
        assertThat(refused.get("problems").get(0).get("messageEs").asText()).contains("fecha más lejana");
        assertThat(refused.get("problems").get(1).get("messageEn").asText()).contains("10 %");
        postPromise("{\"customer\":\"P2\",\"amount\":\"100\",\"currency\":\"MXN\",\"dueDate\":\"" + today() + "\"}", 201);
        JsonNode second = postPromise("{\"customer\":\"P2\",\"amount\":\"100\",\"currency\":\"MXN\",\"dueDate\":\"" + today() + "\"}", 422);
        assertThat(second.get("problems").get(0).get("field").asText()).isEqualTo("customer");
        JsonNode bad = postPromise("{\"customer\":\"P2\",\"amount\":\"x\",\"currency\":\"MXN\",\"dueDate\":\"mañana\"}", 400);
        assertThat(bad.get("problems")).hasSize(2);
    }

    @Test
    void atTheEndOfGraceUnpaidPromisesBreakAndPartPaidOnesArePartiallyKept_evenWithSeveralEvaluatorsAtOnce() throws Exception {
        String broken = postPromise("{\"customer\":\"P2\",\"amount\":\"300\",\"currency\":\"MXN\",\"dueDate\":\"" + today() + "\"}", 201)
                .get("id").asText();
        String partial = postPromise("{\"customer\":\"P1\",\"amount\":\"500\",\"currency\":\"MXN\",\"dueDate\":\"" + today() + "\"}", 201)
                .get("id").asText();
        pay("P1", "200", "ptp-3");
        assertThat(status(partial)).isEqualTo("PENDING");
        // Three days later (grace is 2 days by default) two nodes evaluate at the same moment.
        var later = clock.instant().plus(Duration.ofDays(3));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        Future<Integer> a = nodes.submit(() -> promises.evaluateDue(later));
        Future<Integer> b = nodes.submit(() -> promises.evaluateDue(later));
        a.get();
        b.get();
        nodes.shutdown();
        assertThat(status(broken)).isEqualTo("BROKEN");
        assertThat(status(partial)).isEqualTo("PARTIALLY_KEPT");
        assertThat(seen.of(UUID.fromString(broken))).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PromiseMade", "PromiseBroken");
        assertThat(seen.of(UUID.fromString(partial))).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("PromiseMade", "PromisePartiallyKept");
        var partly = (PromiseEvent.PromisePartiallyKept) seen.of(UUID.fromString(partial)).get(1);
        assertThat(partly.paid()).isEqualByComparingTo("200");
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSamePromise() throws Exception {
        var first = http.post().uri("/api/v1/promises").header("Idempotency-Key", "pk-1").contentType(MediaType.APPLICATION_JSON)
                .body("{\"customer\":\"P1\",\"amount\":\"300\",\"currency\":\"MXN\",\"dueDate\":\"" + today() + "\"}")
                .retrieve().toEntity(String.class);
        var again = http.post().uri("/api/v1/promises").header("Idempotency-Key", "pk-1").contentType(MediaType.APPLICATION_JSON)
                .body("{\"customer\":\"P1\",\"amount\":\"300\",\"currency\":\"MXN\",\"dueDate\":\"" + today() + "\"}")
                .retrieve().toEntity(String.class);
        assertThat(json.readTree(again.getBody()).get("id").asText()).isEqualTo(json.readTree(first.getBody()).get("id").asText());
    }
}
