package mx.recaudo.demo;

import mx.recaudo.contact.ContactTemplates;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Organization;
import mx.recaudo.identity.Role;
import mx.recaudo.platform.RecaudoProperties;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.strategy.CollectionRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code recaudo demo}: on first start creates the demo organization, its admin, supervisor and
 * agent (random passwords, kept in the data folder) and imports a synthetic portfolio through the
 * real importer. On every start installs the starter message templates it lacks (es and en, one
 * per channel of the default ladder) and prints the log-ins.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "recaudo.demo", havingValue = "true")
class DemoSetup implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoSetup.class);
    static final String SLUG = "demo";
    static final int DEMO_RUN_HOUR = 6;
    private final IdentityManagement identity;
    private final PortfolioImports imports;
    private final RecaudoProperties properties;
    private final Clock clock;
    private final CollectionRuns runs;
    private final ContactTemplates templates;
    private final int customers;

    DemoSetup(IdentityManagement identity, PortfolioImports imports, RecaudoProperties properties, Clock clock,
              CollectionRuns runs, ContactTemplates templates, @Value("${recaudo.demo-customers:10000}") int customers) {
        this.templates = templates;
        this.identity = identity;
        this.imports = imports;
        this.properties = properties;
        this.clock = clock;
        this.runs = runs;
        this.customers = customers;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Path credentials = Path.of(properties.dataDir()).resolve("demo-credentials.txt");
        if (identity.findOrganizationBySlug(SLUG).isEmpty()) {
            Organization org = identity.createOrganization(SLUG, "Financiera Demo del Centro",
                    "Financiera Demo del Centro, S.A. de C.V., SOFOM, E.N.R.", "FDC150301AB9", "MXN",
                    "America/Mexico_City");
            Map<String, String> logins = new LinkedHashMap<>();
            TenantContext.run(org.id(), () -> {
                for (var user : List.of(new String[]{"admin", "Ana Administradora", "ADMIN"},
                        new String[]{"supervisor", "Sergio Supervisor", "SUPERVISOR"},
                        new String[]{"agente", "Alma Agente", "AGENT"})) {
                    String password = randomPassword();
                    identity.createUser(user[0], user[1], password, Role.valueOf(user[2]));
                    logins.put(user[0] + " (" + user[2] + ")", password);
                }
            });
            Files.createDirectories(credentials.getParent());
            Files.writeString(credentials, logins.entrySet().stream().map(e -> e.getKey() + " / " + e.getValue())
                    .collect(Collectors.joining(System.lineSeparator())) + System.lineSeparator());
            loadPortfolio(org);
            // The daily collection run starts by itself at 6:00 in the organization's time zone.
            TenantContext.run(org.id(), () -> runs.scheduleDaily(DEMO_RUN_HOUR, "demo"));
        }
        // es and en templates for every channel of the default ladder; the ones already there (maybe edited) stay
        identity.findOrganizationBySlug(SLUG).ifPresent(org -> {
            int added = TenantContext.call(org.id(), templates::installStarterSet);
            if (added > 0) log.info("Demo templates installed: {}", added);
        });
        if (Files.exists(credentials)) {
            log.info("""

                    ==================================================================
                     Recaudo demo — Financiera Demo del Centro
                     Log-ins (user / password):
                    {}
                    ==================================================================""",
                    Files.readString(credentials).lines().map(l -> "   " + l).collect(Collectors.joining("\n")));
        }
    }

    private void loadPortfolio(Organization org) throws IOException {
        LocalDate asOf = LocalDate.now(clock.withZone(ZoneId.of(org.timeZone())));
        Path csv = Files.createTempFile("recaudo-demo-", ".csv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                new PortfolioGenerator(20251123L, asOf).writeCsv(out, customers);
            }
            ImportJob job = TenantContext.call(org.id(), () -> {
                try (InputStream in = Files.newInputStream(csv)) {
                    return imports.importNow("cartera-demo.csv", in, Files.size(csv), ImportMode.UPSERT, Map.of(),
                            "DEMO", "demo");
                }
            });
            log.info("Demo portfolio imported: {} rows, {} customers, {} obligations, {} warnings",
                    job.rowsRead(), job.customersCreated(), job.obligationsCreated(), job.warnings());
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static String randomPassword() {
        var random = new java.security.SecureRandom();
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 14; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }
}
