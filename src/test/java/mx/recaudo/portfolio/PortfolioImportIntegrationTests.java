package mx.recaudo.portfolio;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class PortfolioImportIntegrationTests {
    static final String HEADER = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,"
            + "address,state,postal_code,obligation_id,obligation_kind,product,currency,original_amount,balance,"
            + "issue_date,due_date\n";

    @Autowired PortfolioImports imports;
    @Autowired Portfolio portfolio;
    @Autowired IdentityManagement identity;
    @Autowired JdbcTemplate jdbc;
    TestOrg org;

    @BeforeEach
    void newOrganization() {
        org = TestOrganizations.create(identity, "imp");
    }

    ImportJob importText(String csv, ImportMode mode) {
        return importBytes(csv.getBytes(StandardCharsets.UTF_8), mode);
    }

    ImportJob importBytes(byte[] bytes, ImportMode mode) {
        return TenantContext.call(org.id(), () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, mode, Map.of(), "CLI", "test"));
    }

    @Test
    void goodRowsAreKeptBadRowsRejectedWholeAndContactProblemsOnlyWarn() {
        String csv = HEADER
                + "C1,María Pérez,PERSON,PEPM800101AB1,2019-03-01,55 1234 5678,maria@example.com,,Calle Hidalgo 1,Jalisco,44100,F-1,INVOICE,Internet,MXN,\"$1,234.50\",1234.50,2025-01-01,2025-02-01\n"
                + "C1,María Pérez,PERSON,PEPM800101AB1,2019-03-01,55 1234 5678,maria@example.com,,Calle Hidalgo 1,Jalisco,44100,F-2,INVOICE,Internet,MXN,500,250.00,2025-02-01,2025-03-01\n"
                + "C2,Juan López,PERSON,,,12345,juan@@mail,,,Nuevo León,64000,F-3,LOAN_INSTALLMENT,Crédito,MXN,\"1.234,50\",1000,31/12/2024,31/01/2025\n"
                + "C3,Sin saldo,PERSON,,,,,,,,,F-4,INVOICE,Internet,MXN,100,-5,2025-01-01,2025-02-01\n"
                + ",Sin id,PERSON,,,,,,,,,F-5,INVOICE,Internet,XYZ,100,10,2025-01-01,2024-12-01\n"
                + "C4,Duplicada,PERSON,,,,,,,,,F-1,INVOICE,Internet,MXN,100,10,2025-01-01,2025-02-01\n";
        ImportJob job = importText(csv, ImportMode.UPSERT);

        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.rowsRead()).isEqualTo(6);
        assertThat(job.rowsImported()).isEqualTo(3);
        assertThat(job.rowsRejected()).isEqualTo(3);
        assertThat(job.warnings()).isEqualTo(1);
        assertThat(job.customersCreated()).isEqualTo(2);
        assertThat(job.obligationsCreated()).isEqualTo(3);

        List<ImportIssueRow> issues = issues(job);
        // the row without an id carries every reason: missing id, unknown currency, due before issue
        assertThat(issues).filteredOn(i -> i.row == 6 && i.severity.equals("ERROR"))
                .extracting(i -> i.column).contains("customer_id", "currency", "due_date");
        assertThat(issues).filteredOn(i -> i.row == 5).extracting(i -> i.column).contains("balance");
        assertThat(issues).filteredOn(i -> i.row == 7).extracting(i -> i.reasonEn)
                .anyMatch(r -> r.contains("line 2"));
        assertThat(issues).filteredOn(i -> i.row == 4 && i.severity.equals("WARNING"))
                .extracting(i -> i.column).contains("phone", "email");
        assertThat(issues).allMatch(i -> !i.reasonEs.isBlank() && !i.reasonEn.isBlank());

        TenantContext.run(org.id(), () -> {
            assertThat(jdbc.queryForObject("select count(*) from customer where external_id in ('C3','C4')", Long.class)).isZero();
            assertThat(jdbc.queryForObject("select balance from obligation where external_id = 'F-3'", BigDecimal.class))
                    .isEqualByComparingTo("1000.00");
            assertThat(jdbc.queryForObject("select original_amount from obligation where external_id = 'F-3'", BigDecimal.class))
                    .isEqualByComparingTo("1234.50");
            assertThat(jdbc.queryForList("select value from contact_point c join customer u on u.id = c.customer_id "
                    + "where u.external_id = 'C1' order by value", String.class))
                    .containsExactly("+525512345678", "maria@example.com");
            assertThat(jdbc.queryForObject("select count(*) from contact_point c join customer u on u.id = c.customer_id "
                    + "where u.external_id = 'C2'", Long.class)).isZero();
            var c1 = portfolio.customer(portfolio.findIdByExternalId("C1").orElseThrow()).orElseThrow();
            assertThat(c1.balances()).singleElement().satisfies(b -> {
                assertThat(b.currency()).isEqualTo("MXN");
                assertThat(b.amount()).isEqualByComparingTo("1484.50");
                assertThat(b.openObligations()).isEqualTo(2);
            });
        });
    }

    @Test
    void theSameFileTwiceChangesNothing() {
        String csv = HEADER
                + "C1,Ana Ruiz,PERSON,,,,,,,,,F-1,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n"
                + "C2,Beto Ruiz,PERSON,,,,,,,,,F-2,CARD,Tarjeta,USD,200,150,2025-01-01,2025-02-01\n";
        ImportJob first = importText(csv, ImportMode.UPSERT);
        String before = snapshotOfPortfolio();
        ImportJob second = importText(csv, ImportMode.UPSERT);

        assertThat(first.obligationsCreated()).isEqualTo(2);
        assertThat(second.customersCreated() + second.customersUpdated()).isZero();
        assertThat(second.obligationsCreated() + second.obligationsUpdated()).isZero();
        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(snapshotOfPortfolio()).isEqualTo(before);
    }

    @Test
    void aChangedBalanceUpdatesTheObligation() {
        importText(HEADER + "C1,Ana Ruiz,PERSON,,,,,,,,,F-1,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n", ImportMode.UPSERT);
        ImportJob job = importText(HEADER + "C1,Ana Ruiz,PERSON,,,,,,,,,F-1,INVOICE,Internet,MXN,100,40,2025-01-01,2025-02-01\n",
                ImportMode.UPSERT);
        assertThat(job.obligationsUpdated()).isEqualTo(1);
        assertThat(job.customersUpdated()).isZero();
        TenantContext.run(org.id(), () -> assertThat(
                jdbc.queryForObject("select balance from customer_balance", BigDecimal.class)).isEqualByComparingTo("40"));
    }

    @Test
    void snapshotModeClosesWhatTheFileNoLongerHoldsButNeverDeletesIt() {
        importText(HEADER
                + "C1,Ana Ruiz,PERSON,,,,,,,,,F-1,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n"
                + "C1,Ana Ruiz,PERSON,,,,,,,,,F-2,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n"
                + "C2,Beto Ruiz,PERSON,,,,,,,,,F-3,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n", ImportMode.UPSERT);
        // F-3's row is now bad (negative balance): it is still in the file, so it must not be closed.
        ImportJob job = importText(HEADER
                + "C1,Ana Ruiz,PERSON,,,,,,,,,F-1,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n"
                + "C2,Beto Ruiz,PERSON,,,,,,,,,F-3,INVOICE,Internet,MXN,100,-1,2025-01-01,2025-02-01\n", ImportMode.SNAPSHOT);

        assertThat(job.obligationsClosed()).isEqualTo(1);
        TenantContext.run(org.id(), () -> {
            assertThat(jdbc.queryForMap("select status, closed_at is not null as closed from obligation where external_id = 'F-2'"))
                    .containsEntry("status", "CLOSED_EXTERNALLY").containsEntry("closed", true);
            assertThat(jdbc.queryForObject("select status from obligation where external_id = 'F-3'", String.class))
                    .isEqualTo("ACTIVE");
            assertThat(jdbc.queryForObject("select count(*) from obligation", Long.class)).isEqualTo(3);
            assertThat(jdbc.queryForObject("select balance from customer_balance b join customer c on c.id = b.customer_id "
                    + "where c.external_id = 'C1'", BigDecimal.class)).isEqualByComparingTo("100");
        });
    }

    @Test
    void latin1SemicolonFilesWithDayFirstDatesAndCommaDecimalsAreDetected() {
        String csv = HEADER.replace(',', ';')
                + "C9;José Núñez;PERSON;;;;;;;Yucatán;97000;P-9;PROMISSORY_NOTE;Pagaré;MXN;1.234,56;1.000,00;01/02/2025;28/02/2025\n";
        ImportJob job = importBytes(csv.getBytes(Charset.forName("ISO-8859-1")), ImportMode.UPSERT);
        assertThat(job.rowsImported()).isEqualTo(1);
        TenantContext.run(org.id(), () -> {
            assertThat(jdbc.queryForObject("select name from customer", String.class)).isEqualTo("José Núñez");
            assertThat(jdbc.queryForObject("select due_date::text from obligation", String.class)).isEqualTo("2025-02-28");
            assertThat(jdbc.queryForObject("select original_amount from obligation", BigDecimal.class))
                    .isEqualByComparingTo("1234.56");
        });
    }

    @Test
    void aFileWithoutTheRequiredColumnsFailsWithAClearReasonAndWritesNothing() {
        ImportJob job = importText("nombre,saldo\nAna,100\n", ImportMode.UPSERT);
        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.failureEs()).contains("Faltan columnas obligatorias").contains("customer_id");
        assertThat(job.failureEn()).contains("Required columns are missing");
        TenantContext.run(org.id(), () ->
                assertThat(jdbc.queryForObject("select count(*) from customer", Long.class)).isZero());
    }

    @Test
    void theErrorReportIsACsvWithRowColumnValueSeverityAndBothLanguages() throws Exception {
        ImportJob job = importText(HEADER
                + "C1,Ana,PERSON,,,,,,,,,F-1,INVOICE,Internet,MXN,abc,100,2025-01-01,2025-02-01\n", ImportMode.UPSERT);
        StringWriter out = new StringWriter();
        TenantContext.call(org.id(), () -> {
            imports.writeErrorReport(job.id(), out);
            return null;
        });
        List<String> lines = out.toString().replace("\uFEFF", "").lines().toList();
        assertThat(lines.getFirst()).isEqualTo("row,column,value,severity,reason_es,reason_en");
        assertThat(lines).anyMatch(l -> l.startsWith("2,original_amount,abc,ERROR,"));
    }

    @Test
    void thePortfolioIsFoundByNamePartRfcPrefixExternalIdOrPhoneAndPagesInNameOrder() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 7; i++) {
            csv.append("S").append(i).append(",Lucía Hernández ").append((char) ('A' + i)).append(",PERSON,HELU80010")
                    .append(i).append("AB1,,33 3123 456").append(i).append(",,,,Jalisco,44100,SF-").append(i)
                    .append(",INVOICE,Internet,MXN,100,").append(i * 100).append(",2025-01-01,2025-02-01\n");
        }
        csv.append("Z9,Zacarías Núñez,PERSON,NUZA800101AB1,,55 9999 0000,,,,CDMX,06000,ZF-1,INVOICE,Internet,USD,100,50,2025-01-01,2025-02-01\n");
        importText(csv.toString(), ImportMode.UPSERT);
        TenantContext.run(org.id(), () -> {
            assertThat(names(portfolio.search(CustomerSearch.firstPage("hernández")))).hasSize(7);
            assertThat(names(portfolio.search(CustomerSearch.firstPage("nuza")))).containsExactly("Zacarías Núñez");
            assertThat(names(portfolio.search(CustomerSearch.firstPage("Z9")))).containsExactly("Zacarías Núñez");
            assertThat(names(portfolio.search(CustomerSearch.firstPage("55 9999 0000")))).containsExactly("Zacarías Núñez");
            assertThat(names(portfolio.search(CustomerSearch.firstPage("100%")))).isEmpty();
            var first = portfolio.search(new CustomerSearch("Hernández", null, null, null, null, null, null, null, 3));
            assertThat(first.hasNext()).isTrue();
            var second = portfolio.search(new CustomerSearch("Hernández", null, null, null, null, null,
                    first.last().name(), first.last().id(), 3));
            assertThat(names(second)).doesNotContainAnyElementsOf(names(first)).hasSize(3);
            var withBalance = portfolio.search(new CustomerSearch("Hernández", null, null, "MXN",
                    new BigDecimal("300"), new BigDecimal("500"), null, null, 50));
            assertThat(withBalance.items()).extracting(CustomerSummary::externalId).containsExactly("S3", "S4", "S5");
        });
    }

    private static List<String> names(CustomerPage page) {
        return page.items().stream().map(CustomerSummary::name).toList();
    }

    private List<ImportIssueRow> issues(ImportJob job) {
        return TenantContext.call(org.id(), () -> jdbc.query(
                "select row_no, column_name, severity, reason_es, reason_en from import_issue where import_id = ?",
                (rs, i) -> new ImportIssueRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), job.id()));
    }

    private String snapshotOfPortfolio() {
        return TenantContext.call(org.id(), () -> jdbc.queryForObject("""
                select string_agg(concat_ws('|', c.external_id, c.name, c.updated_at, o.external_id, o.balance,
                                            o.status, o.updated_at), ';' order by o.external_id)
                  from obligation o join customer c on c.id = o.customer_id""", String.class));
    }

    record ImportIssueRow(long row, String column, String severity, String reasonEs, String reasonEn) {}
}
