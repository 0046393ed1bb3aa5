package mx.recaudo.portfolio;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** XLSX workbooks, zips of CFDI 4.0 invoices and mapped Spanish headers go through the same importer. */
@SpringBootTest
class PortfolioFileFormatsIntegrationTests {
    @Autowired PortfolioImports imports;
    @Autowired IdentityManagement identity;
    @Autowired JdbcTemplate jdbc;
    TestOrg org;

    @BeforeEach
    void newOrganization() {
        org = TestOrganizations.create(identity, "fmt");
    }

    ImportJob importBytes(String name, byte[] bytes, Map<String, String> mapping) {
        return TenantContext.call(org.id(), () -> imports.importNow(name, new ByteArrayInputStream(bytes), bytes.length,
                ImportMode.UPSERT, mapping, "CLI", "test"));
    }

    @Test
    void anExcelWorkbookWithSpanishHeadersImportsThroughAColumnMapping() throws Exception {
        byte[] xlsx;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("Cartera");
            CellStyle dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            String[] header = {"No. Cliente", "Nombre", "Teléfono", "Folio", "Moneda", "Saldo", "Vencimiento"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) h.createCell(i).setCellValue(header[i]);
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue(123456);
            r.createCell(1).setCellValue("Gabriela Núñez");
            r.createCell(2).setCellValue("81 1234 5678");
            r.createCell(3).setCellValue("X-1");
            r.createCell(4).setCellValue("MXN");
            r.createCell(5).setCellValue(1500.75);
            var due = r.createCell(6);
            due.setCellValue(LocalDate.of(2025, 6, 30));
            due.setCellStyle(dateStyle);
            book.write(out);
            xlsx = out.toByteArray();
        }
        Map<String, String> mapping = Map.of("customer_id", "No. Cliente", "customer_name", "Nombre",
                "phone", "Teléfono", "obligation_id", "Folio", "currency", "Moneda", "balance", "Saldo",
                "due_date", "Vencimiento");
        ImportJob job = importBytes("cartera.xlsx", xlsx, mapping);

        assertThat(job.status()).as(job.failureEn()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.rowsImported()).isEqualTo(1);
        TenantContext.run(org.id(), () -> {
            assertThat(jdbc.queryForMap("select external_id, name from customer"))
                    .containsEntry("external_id", "123456").containsEntry("name", "Gabriela Núñez");
            assertThat(jdbc.queryForMap("select balance, due_date::text as due from obligation"))
                    .containsEntry("due", "2025-06-30")
                    .satisfies(m -> assertThat((BigDecimal) m.get("balance")).isEqualByComparingTo("1500.75"));
            assertThat(jdbc.queryForObject("select value from contact_point", String.class)).isEqualTo("+528112345678");
        });
    }

    @Test
    void aZipOfCfdiInvoicesBecomesCustomersAndObligationsAndReportsWhatItSkipped() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            for (String name : new String[]{"pue-mxn.xml", "ppd-usd.xml", "nota-credito-e.xml", "malformado.xml"}) {
                zip.putNextEntry(new ZipEntry(name));
                try (InputStream in = getClass().getResourceAsStream("/cfdi/" + name)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        ImportJob job = importBytes("facturas.zip", zipped.toByteArray(), Map.of());

        assertThat(job.status()).as(job.failureEn()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(job.rowsImported()).isEqualTo(2);
        TenantContext.run(org.id(), () -> {
            var ppd = jdbc.queryForMap("select currency, balance, issue_date::text as issued, due_date::text as due, "
                    + "payment_method from obligation where external_id = 'A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF'");
            assertThat(ppd).containsEntry("currency", "USD").containsEntry("payment_method", "PPD")
                    .containsEntry("issued", "2025-01-15").containsEntry("due", "2025-02-14");
            assertThat((BigDecimal) ppd.get("balance")).isEqualByComparingTo("2320.00");
            assertThat(jdbc.queryForObject("select payment_method from obligation where external_id = "
                    + "'5F3B2C1A-9D4E-4B7A-8C6F-0A1B2C3D4E5F'", String.class)).isEqualTo("PUE");
            assertThat(jdbc.queryForObject("select count(*) from customer where tax_id = 'URE180429TM6'", Long.class))
                    .isEqualTo(1);
            assertThat(jdbc.queryForList("select column_name from import_issue where severity = 'ERROR'", String.class))
                    .contains("malformado.xml");
        });
    }
}
