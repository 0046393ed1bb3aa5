package mx.recaudo.portfolio;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes and mangled rows fed to the real importer on real PostgreSQL: the import always
 * ends COMPLETED or FAILED (never an unhandled exception), and what it wrote is exactly what it
 * counted — no obligation without its customer, no balance cache out of step, nothing half-applied.
 * Inputs come from jqwik generators; each case runs in an organization of its own.
 */
@SpringBootTest
class PortfolioImportRobustnessIntegrationTests {
    static final String VALID = PortfolioImportIntegrationTests.HEADER
            + "C1,Ana Ruiz,PERSON,RURA800101AB1,2019-01-01,55 1234 5678,ana@example.com,,Calle 1,Jalisco,44100,F-1,INVOICE,Internet,MXN,\"$1,234.50\",1000.00,2025-01-01,2025-02-01\n"
            + "C1,Ana Ruiz,PERSON,RURA800101AB1,2019-01-01,55 1234 5678,ana@example.com,,Calle 1,Jalisco,44100,F-2,CARD,Tarjeta,MXN,500,250,2025-01-01,2025-03-01\n"
            + "C2,Beto Díaz,COMPANY,BDI800101AB1,,33 3123 4567,,,,,,F-3,LOAN_INSTALLMENT,Crédito,USD,\"1.234,50\",100,31/12/2024,31/01/2025\n"
            + "C3,Carla Mora,PERSON,,,,,,,,,F-4,SERVICE,Internet,MXN,99.99,99.99,2025-01-01,2025-02-01\n";

    @Autowired PortfolioImports imports;
    @Autowired IdentityManagement identity;
    @Autowired JdbcTemplate jdbc;

    @Test
    void randomBytesNeverCauseAnUnhandledExceptionOrAPartialWrite() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        bytes.sampleStream().limit(60).forEach(this::importAndCheck);
    }

    @Test
    void mangledRowsNeverCauseAnUnhandledExceptionOrAPartialWrite() {
        Arbitrary<Long> seeds = Arbitraries.longs();
        seeds.sampleStream().limit(120).forEach(seed -> importAndCheck(mangle(VALID, new Random(seed))));
    }

    private void importAndCheck(byte[] content) {
        var org = TestOrganizations.create(identity, "fuzz");
        ImportJob job = TenantContext.call(org.id(), () -> imports.importNow("fuzz.csv",
                new ByteArrayInputStream(content), content.length, ImportMode.UPSERT, Map.of(), "CLI", "fuzz"));
        assertThat(job.status()).isIn(ImportJob.Status.COMPLETED, ImportJob.Status.FAILED);
        if (job.status() == ImportJob.Status.FAILED) {
            assertThat(job.failureEs()).isNotBlank();
            assertThat(job.failureEn()).isNotBlank();
        }
        TenantContext.run(org.id(), () -> {
            long customers = count("select count(*) from customer");
            long obligations = count("select count(*) from obligation");
            assertThat(customers).isEqualTo(job.customersCreated());
            assertThat(obligations).isEqualTo(job.obligationsCreated()).isEqualTo(job.rowsImported());
            assertThat(job.rowsImported() + job.rowsRejected()).isEqualTo(job.rowsRead());
            assertThat(count("select count(*) from customer c where not exists "
                    + "(select 1 from obligation o where o.customer_id = c.id)")).isZero();
            BigDecimal owed = jdbc.queryForObject("select coalesce(sum(balance), 0) from obligation "
                    + "where status = 'ACTIVE' and balance > 0", BigDecimal.class);
            BigDecimal cached = jdbc.queryForObject("select coalesce(sum(balance), 0) from customer_balance", BigDecimal.class);
            assertThat(cached).isEqualByComparingTo(owed);
        });
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** A few random edits of a valid file: drop, repeat or cut characters, fields and lines. */
    static byte[] mangle(String valid, Random random) {
        List<String> lines = new ArrayList<>(valid.lines().toList());
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int i = 1 + random.nextInt(lines.size() - 1);
            String line = lines.get(i);
            String mangled = switch (random.nextInt(9)) {
                case 0 -> line.substring(0, random.nextInt(line.length() + 1));
                case 1 -> line.replaceFirst(",", "");
                case 2 -> line + "," + line;
                case 3 -> line.replace("2025", "20x5");
                case 4 -> line.replace("MXN", random.nextBoolean() ? "" : "MXX");
                case 5 -> line.replace("\"", "");
                case 6 -> new StringBuilder(line).insert(random.nextInt(line.length() + 1), (char) random.nextInt(0x3000)).toString();
                case 7 -> {
                    lines.add(line);
                    yield line;
                }
                default -> line.replace(",", ";");
            };
            lines.set(i, mangled);
        }
        return String.join("\n", lines).getBytes(random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
}
