package mx.recaudo.portfolio;

import mx.recaudo.RecaudoApplication;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.CommandLine;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code recaudo import --file …} boots without a web server, imports, and answers with its exit code. */
@SpringBootTest
class ImportCommandIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired JdbcTemplate jdbc;

    @Test
    void theCommandLineImportsAFileAndExitsWithZero() throws Exception {
        var org = TestOrganizations.create(identity, "cli");
        Path file = Files.createTempFile("cartera-", ".csv");
        Files.writeString(file, PortfolioImportIntegrationTests.HEADER
                + "L1,Lola Vega,PERSON,,,,,,,,,FL-1,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n", StandardCharsets.UTF_8);

        int exit = runCli("import", "--file", file.toString(), "--org", org.org().slug());

        assertThat(exit).isZero();
        TenantContext.run(org.id(), () -> assertThat(
                jdbc.queryForObject("select count(*) from obligation where external_id = 'FL-1'", Long.class)).isEqualTo(1));
        Files.deleteIfExists(file);
    }

    @Test
    void anUnusableFileGivesANonZeroExitCode() throws Exception {
        var org = TestOrganizations.create(identity, "cli-bad");
        Path file = Files.createTempFile("basura-", ".csv");
        Files.write(file, new byte[]{0, 1, 2, 3, 0, 0, 'P', 'K'});
        assertThat(runCli("import", "--file", file.toString(), "--org", org.org().slug())).isEqualTo(2);
        assertThat(runCli("import", "--file", "/no/such/file.csv", "--org", org.org().slug())).isEqualTo(2);
        Files.deleteIfExists(file);
    }

    private static int runCli(String... args) {
        CommandLine command = CommandLine.parse(args);
        SpringApplication app = new SpringApplication(RecaudoApplication.class);
        var properties = new HashMap<>(command.properties());
        properties.put("spring.profiles.active", "test");
        app.setDefaultProperties(properties);
        app.setWebApplicationType(WebApplicationType.NONE);
        return SpringApplication.exit(app.run(command.springArgs()));
    }
}
