package mx.recaudo.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Role;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Segmentations, strategies and runs over the REST API, as an integrating system uses them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrategyApiIntegrationTests {
    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired ObjectMapper json;
    TestOrganizations.TestOrg org;
    RestClient http;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "strategy-api");
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + org.token()).build();
    }

    @Test
    void aBadSegmentationIsRefusedWithEveryErrorAndChangesNothingAGoodOneIsPreviewedAndPublished() throws Exception {
        StrategyTestPortfolios.load(imports, org.id(), StrategyTestPortfolios.HEADER
                + "S-1,Ana,PERSON,,2019-01-01,5511112222,,,,Jalisco,44100,FS-1,INVOICE,Internet,MXN,900,900.00,2026-01-01,2026-02-01\n"
                + "S-2,Beto,PERSON,,2019-01-01,5511113333,,,,Sonora,83000,FS-2,INVOICE,Internet,MXN,80000,80000.00,2026-01-01,2026-04-01\n");
        JsonNode before = get("/api/v1/segmentations");
        assertThat(before.get("version").asInt()).isZero();
        assertThat(before.get("shippedDefault").asBoolean()).isTrue();

        ResponseEntity<String> bad = put("/api/v1/segmentations", """
                {"segments": [{"key": "x", "name": "X", "tone": "LOUD", "priority": 500, "when": {"dpd": {"min": "a"}}},
                              {"key": "y", "name": "Y", "tone": "FIRM", "priority": 1, "when": {"states": []}}]}""");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        JsonNode problems = json.readTree(bad.getBody()).get("problems");
        assertThat(problems.findValuesAsText("field")).contains("$.segments[0].tone", "$.segments[0].priority",
                "$.segments[0].when.dpd.min", "$.segments[1].when.states", "$.segments[1].when");
        assertThat(problems.get(0).get("messageEs").asText()).isNotBlank();
        assertThat(problems.get(0).get("messageEn").asText()).isNotBlank();
        assertThat(get("/api/v1/segmentations").has("draft")).isFalse();

        assertThat(put("/api/v1/segmentations", "{not json").getStatusCode().value()).isEqualTo(400);

        ResponseEntity<String> good = put("/api/v1/segmentations", """
                {"segments": [{"key": "grandes", "name": "Grandes", "tone": "SOLUTION_FOCUSED", "priority": 90,
                               "when": {"amountOwed": {"currency": "MXN", "min": 50000}}},
                              {"key": "resto", "name": "Resto", "tone": "FRIENDLY", "priority": 10}]}""");
        assertThat(good.getStatusCode().value()).isEqualTo(200);
        JsonNode preview = get("/api/v1/segmentations/preview?asOf=2026-04-10");
        assertThat(preview.get("segments").get(0).get("key").asText()).isEqualTo("grandes");
        assertThat(preview.get("segments").get(0).get("customers").asLong()).isEqualTo(1);
        assertThat(preview.get("segments").get(0).get("owed").get("MXN").decimalValue()).isEqualByComparingTo("80000");
        assertThat(preview.get("segments").get(1).get("customers").asLong()).isEqualTo(1);

        var published = http.post().uri("/api/v1/segmentations/publish").retrieve().body(String.class);
        assertThat(json.readTree(published).get("version").asInt()).isEqualTo(1);
        JsonNode after = get("/api/v1/segmentations");
        assertThat(after.get("version").asInt()).isEqualTo(1);
        assertThat(after.get("document").get("segments").get(0).get("key").asText()).isEqualTo("grandes");
        assertThat(get("/api/v1/segmentations/versions/1").get("document")).isEqualTo(after.get("document"));
    }

    @Test
    void aRunStartedOverTheApiReportsItsStatusAndEachCustomersActions() throws Exception {
        LocalDate asOf = LocalDate.of(2026, 4, 10);
        StrategyTestPortfolios.load(imports, org.id(), StrategyTestPortfolios.HEADER
                + "R-1,Rita,PERSON,,2019-01-01,5511112222,rita@example.mx,5511112222,,Jalisco,44100,FR-1,INVOICE,Internet,MXN,900,900.00,2026-01-01,2026-03-01\n"
                + "R-2,Raúl,PERSON,,2019-01-01,,,,,Sonora,83000,FR-2,INVOICE,Internet,MXN,500,500.00,2026-01-01,2026-04-10\n");
        assertThat(post("/api/v1/runs", "{\"asOf\": \"10/04/2026\", \"dryRun\": \"yes\", \"extra\": 1}").getStatusCode().value())
                .isEqualTo(400);

        ResponseEntity<String> started = post("/api/v1/runs", "{\"asOf\": \"" + asOf + "\", \"dryRun\": false}");
        assertThat(started.getStatusCode().value()).isEqualTo(202);
        String id = json.readTree(started.getBody()).get("id").asText();
        JsonNode status = get("/api/v1/runs/" + id);
        long deadline = System.currentTimeMillis() + 60_000;
        while (status.get("status").asText().equals("RUNNING") && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            status = get("/api/v1/runs/" + id);
        }
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("customers").asLong()).isEqualTo(2);
        assertThat(status.get("actions").asLong()).isEqualTo(1);
        assertThat(status.get("report").findValuesAsText("channel")).contains("PHONE", "UNREACHABLE");
        assertThat(status.get("estimatedCost").get("MXN").decimalValue()).isEqualByComparingTo("22.50");
        assertThat(status.get("handover").size()).as("an agent call is nothing for the outbox").isZero();

        JsonNode rita = get("/api/v1/runs/" + id + "/actions?customer=R-1");
        assertThat(rita.get("items")).hasSize(1);
        assertThat(rita.get("items").get(0).get("actionType").asText()).isEqualTo("AGENT_CALL");
        JsonNode raul = get("/api/v1/runs/" + id + "/actions?customer=R-2");
        assertThat(raul.get("items")).as("reachable on no channel of the step or its fallback").isEmpty();
    }

    @Test
    void agentsMayReadButNotStartRuns() {
        String agentToken = TenantContext.call(org.id(), () -> identity.issueApiToken(
                identity.createUser("agent@" + org.org().slug(), "Agente", TestOrganizations.PASSWORD, Role.AGENT), "t", null));
        RestClient agent = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + agentToken).build();
        var response = agent.post().uri("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).body("{}")
                .retrieve().onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(403);
    }

    private JsonNode get(String uri) throws Exception {
        return json.readTree(http.get().uri(uri).retrieve().body(String.class));
    }

    private ResponseEntity<String> put(String uri, String body) {
        return http.put().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
    }

    private ResponseEntity<String> post(String uri, String body) {
        return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .onStatus(s -> true, (req, res) -> { }).toEntity(String.class);
    }
}
