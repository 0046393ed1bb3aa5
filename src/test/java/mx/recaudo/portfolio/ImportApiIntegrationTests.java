package mx.recaudo.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportApiIntegrationTests {
    @LocalServerPort int port;
    @Autowired IdentityManagement identity;
    @Autowired ObjectMapper json;
    TestOrg org;
    RestClient http;

    @BeforeEach
    void setUp() {
        org = TestOrganizations.create(identity, "api");
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + org.token()).build();
    }

    @Test
    void aFilePostedToTheApiIsImportedAndItsStatusCountsAndErrorsCanBeRead() throws Exception {
        String csv = PortfolioImportIntegrationTests.HEADER
                + "A1,Carla Díaz,PERSON,,,33 3123 4567,,,,Jalisco,44100,FA-1,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n"
                + "A2,Luis Mora,PERSON,,,,,,,,,FA-2,INVOICE,Internet,MXN,100,no-es-numero,2025-01-01,2025-02-01\n";
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new HttpEntity<>(new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() { return "cartera.csv"; }
        }));
        body.add("mode", "UPSERT");
        var response = http.post().uri("/api/v1/imports").contentType(MediaType.MULTIPART_FORM_DATA).body(body)
                .retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String id = json.readTree(response.getBody()).get("id").asText();

        JsonNode status = waitUntilFinished(id);
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("rowsRead").asLong()).isEqualTo(2);
        assertThat(status.get("rowsImported").asLong()).isEqualTo(1);
        assertThat(status.get("rowsRejected").asLong()).isEqualTo(1);
        assertThat(status.get("customersCreated").asLong()).isEqualTo(1);
        assertThat(status.get("obligationsCreated").asLong()).isEqualTo(1);
        for (String field : new String[]{"warnings", "customersUpdated", "obligationsUpdated", "unchanged"}) {
            assertThat(status.has(field)).as(field).isTrue();
        }

        String report = http.get().uri("/api/v1/imports/{id}/errors", id).retrieve().body(String.class);
        assertThat(report).contains("row,column,value,severity,reason_es,reason_en").contains("3,balance,no-es-numero,ERROR");

        JsonNode found = json.readTree(http.get().uri("/api/v1/customers?externalId=A1").retrieve().body(String.class));
        assertThat(found.get("items")).hasSize(1);
        long customerId = found.get("items").get(0).get("id").asLong();
        JsonNode customer = json.readTree(http.get().uri("/api/v1/customers/{id}", customerId).retrieve().body(String.class));
        assertThat(customer.get("name").asText()).isEqualTo("Carla Díaz");
        assertThat(customer.get("obligations").get(0).get("externalId").asText()).isEqualTo("FA-1");
        assertThat(customer.get("obligations").get(0).has("daysPastDue")).isTrue();
        assertThat(customer.get("balances").get(0).get("amount").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void aRequestWithoutAFileOrWithABadModeIsRejectedWithEveryProblemInBothLanguages() throws Exception {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("mode", "SIDEWAYS");
        var response = http.post().uri("/api/v1/imports").contentType(MediaType.MULTIPART_FORM_DATA).body(body)
                .exchange((req, res) -> new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8) + "|" + res.getStatusCode().value());
        assertThat(response).endsWith("|400");
        JsonNode error = json.readTree(response.substring(0, response.lastIndexOf('|')));
        assertThat(error.get("problems")).extracting(p -> p.get("field").asText()).containsExactlyInAnyOrder("file", "mode");
        assertThat(error.get("problems").get(0).get("messageEs").asText()).isNotBlank();
        assertThat(error.get("problems").get(0).get("messageEn").asText()).isNotBlank();
    }

    @Test
    void agentsAndAuditorsMayReadThePortfolioButNotImportIntoIt() {
        String agentToken = mx.recaudo.shared.TenantContext.call(org.id(), () -> identity.issueApiToken(
                identity.createUser("agente@" + org.org().slug(), "Agente", TestOrganizations.PASSWORD,
                        mx.recaudo.identity.Role.AGENT), "agent", null));
        RestClient agent = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + agentToken).build();
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new HttpEntity<>(new ByteArrayResource("x".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() { return "x.csv"; }
        }));
        String denied = agent.post().uri("/api/v1/imports").contentType(MediaType.MULTIPART_FORM_DATA).body(body)
                .exchange((req, res) -> res.getStatusCode().value() + " " + new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(denied).startsWith("403").contains("messageEs").contains("messageEn");
        int read = agent.get().uri("/api/v1/customers").exchange((req, res) -> res.getStatusCode().value());
        assertThat(read).isEqualTo(200);
    }

    @Test
    void withoutAValidTokenTheApiAnswers401() {
        int status = RestClient.create("http://localhost:" + port).get().uri("/api/v1/customers")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(401);
    }

    @Test
    void oneOrganizationsTokenCannotReadAnothersImportsOrCustomers() throws Exception {
        TestOrg other = TestOrganizations.create(identity, "api-other");
        String csv = PortfolioImportIntegrationTests.HEADER
                + "Z1,Zoe,PERSON,,,,,,,,,FZ-1,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n";
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new HttpEntity<>(new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() { return "z.csv"; }
        }));
        String id = json.readTree(http.post().uri("/api/v1/imports").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(body).retrieve().body(String.class)).get("id").asText();
        waitUntilFinished(id);
        RestClient otherHttp = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + other.token()).build();
        int status = otherHttp.get().uri("/api/v1/imports/{id}", id).exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(404);
        JsonNode found = json.readTree(otherHttp.get().uri("/api/v1/customers?externalId=Z1").retrieve().body(String.class));
        assertThat(found.get("items")).isEmpty();
    }

    private JsonNode waitUntilFinished(String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = json.readTree(http.get().uri("/api/v1/imports/{id}", id).retrieve().body(String.class));
            String s = status.get("status").asText();
            if (s.equals("COMPLETED") || s.equals("FAILED")) return status;
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not finish in time");
    }
}
