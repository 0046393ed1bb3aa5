package mx.recaudo.portfolio.importing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CfdiSourceTests {

    static byte[] resource(String name) {
        try (InputStream in = CfdiSourceTests.class.getResourceAsStream("/cfdi/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The four sample CFDI plus the noise found in real archives (a PDF, macOS metadata, a folder). */
    static byte[] sampleZip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("facturas/", new byte[0]);
        entries.put("facturas/A1001.xml", resource("pue-mxn.xml"));
        entries.put("facturas/A1001.pdf", "%PDF-1.4 not really".getBytes(StandardCharsets.US_ASCII));
        entries.put("__MACOSX/facturas/._A1001.xml", new byte[]{0, 5, 22, 7});
        entries.put("facturas/NC12.XML", resource("nota-credito-e.xml"));
        entries.put("facturas/malformado.xml", resource("malformado.xml"));
        entries.put("facturas/B77.xml", resource("ppd-usd.xml"));
        return zip(entries);
    }

    private static List<SourceRow> rows(TabularSource source) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        for (SourceRow row; (row = source.next()) != null; ) rows.add(row);
        return rows;
    }

    private static String value(CfdiSource source, SourceRow row, String column) {
        return row.value(source.header().indexOf(column));
    }

    private static String cfdi(String rootAttributes, String complemento) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" %s>
                  <cfdi:Emisor Rfc="EKU9003173C9" Nombre="ESCUELA KEMPER URGATE" RegimenFiscal="601"/>
                  <cfdi:Receptor Rfc="URE180429TM6" Nombre="UNIVERSIDAD ROBOTICA ESPAÑOLA" DomicilioFiscalReceptor="86991" RegimenFiscalReceptor="601" UsoCFDI="G03"/>
                  <cfdi:Conceptos>
                    <cfdi:Concepto ClaveProdServ="84111506" Cantidad="1" ClaveUnidad="E48" Descripcion="Servicio" ValorUnitario="100.00" Importe="100.00" ObjetoImp="01"/>
                  </cfdi:Conceptos>
                  %s
                </cfdi:Comprobante>
                """.formatted(rootAttributes, complemento);
    }

    private static final String STAMP = """
            <cfdi:Complemento><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1" UUID="11111111-2222-4333-8444-555555555555" FechaTimbrado="2025-02-01T10:00:00" RfcProvCertif="SPR190613I52" SelloCFD="AA==" NoCertificadoSAT="30001000000500003456" SelloSAT="AA=="/></cfdi:Complemento>""";

    private static final String INCOME = """
            Version="4.0" Serie="T" Folio="1" Fecha="2025-02-01T09:59:00" SubTotal="100.00" Total="100.00" Moneda="MXN" TipoDeComprobante="I" MetodoPago="PUE" Exportacion="01" LugarExpedicion="06600\"""";

    @Test
    void headerIsTheCanonicalOneWithPaymentMethod() throws IOException {
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(sampleZip()))) {
            List<String> expected = new ArrayList<>();
            for (CanonicalColumn c : CanonicalColumn.values()) expected.add(c.header());
            expected.add("payment_method");
            assertThat(source.header()).isEqualTo(expected);
        }
    }

    @Test
    void incomeInvoicesBecomeRowsOthersAreSkippedOrReported() throws IOException {
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(sampleZip()))) {
            SourceRow pue = source.next();
            assertThat(pue.line()).isEqualTo(2);   // first XML entry
            assertThat(pue.values()).hasSize(source.header().size());
            assertThat(value(source, pue, "customer_id")).isEqualTo("URE180429TM6");
            assertThat(value(source, pue, "customer_name")).isEqualTo("UNIVERSIDAD ROBOTICA ESPAÑOLA");
            assertThat(value(source, pue, "customer_type")).isEqualTo("COMPANY");
            assertThat(value(source, pue, "tax_id")).isEqualTo("URE180429TM6");
            assertThat(value(source, pue, "postal_code")).isEqualTo("86991");
            assertThat(value(source, pue, "obligation_id")).isEqualTo("5F3B2C1A-9D4E-4B7A-8C6F-0A1B2C3D4E5F");
            assertThat(value(source, pue, "obligation_kind")).isEqualTo("INVOICE");
            assertThat(value(source, pue, "product")).isEqualTo("Servicio de cobranza marzo 2025");
            assertThat(value(source, pue, "currency")).isEqualTo("MXN");
            assertThat(value(source, pue, "original_amount")).isEqualTo("1160.00");
            assertThat(value(source, pue, "balance")).isEqualTo("1160.00");
            assertThat(value(source, pue, "issue_date")).isEqualTo("2025-03-10");
            assertThat(value(source, pue, "due_date")).isEqualTo("2025-03-10");
            assertThat(value(source, pue, "payment_method")).isEqualTo("PUE");
            assertThat(value(source, pue, "email")).isEmpty();
            assertThat(value(source, pue, "customer_since")).isEmpty();
            assertThat(source.documentIssues()).isEmpty();

            SourceRow ppd = source.next();
            // entries: A1001.xml (2), NC12.XML (3, skipped), malformado.xml (4, issue), B77.xml (5)
            assertThat(ppd.line()).isEqualTo(5);
            assertThat(value(source, ppd, "customer_id")).isEqualTo("MASO451221PM4");
            assertThat(value(source, ppd, "customer_type")).isEqualTo("PERSON");
            assertThat(value(source, ppd, "obligation_id")).isEqualTo("A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF");
            assertThat(value(source, ppd, "currency")).isEqualTo("USD");
            assertThat(value(source, ppd, "original_amount")).isEqualTo("2320.00");
            assertThat(value(source, ppd, "issue_date")).isEqualTo("2025-01-15");
            assertThat(value(source, ppd, "due_date")).isEqualTo("2025-02-14");
            assertThat(value(source, ppd, "payment_method")).isEqualTo("PPD");
            assertThat(value(source, ppd, "product"))
                    .hasSize(100)
                    .startsWith("Licencia anual de plataforma de cobranza con soporte técnico prioritario");

            assertThat(source.skippedDocuments()).isEqualTo(1);
            List<ImportIssue> issues = source.documentIssues();
            assertThat(issues).singleElement().satisfies(issue -> {
                assertThat(issue.row()).isEqualTo(4);
                assertThat(issue.column()).isEqualTo("facturas/malformado.xml");
                assertThat(issue.severity()).isEqualTo(Severity.ERROR);
                assertThat(issue.reasonEs()).startsWith("El XML está mal formado");
                assertThat(issue.reasonEn()).startsWith("The XML is malformed");
            });
            assertThat(source.documentIssues()).as("drained").isEmpty();
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void thePpdTermIsAConstructorParameter() throws IOException {
        byte[] zip = zip(Map.of("b.xml", resource("ppd-usd.xml")));
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(zip), 45)) {
            assertThat(value(source, source.next(), "due_date")).isEqualTo("2025-03-01");
        }
        assertThatThrownBy(() -> new CfdiSource(new ByteArrayInputStream(zip), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSingleXmlFileIsOneDocumentOnLineTwo() throws IOException {
        try (CfdiSource source = CfdiSource.ofSingleXml("A1001.xml", new ByteArrayInputStream(resource("pue-mxn.xml")), 30)) {
            SourceRow row = source.next();
            assertThat(row.line()).isEqualTo(2);
            assertThat(value(source, row, "obligation_id")).isEqualTo("5F3B2C1A-9D4E-4B7A-8C6F-0A1B2C3D4E5F");
            assertThat(source.next()).isNull();
        }
        try (CfdiSource source = CfdiSource.ofSingleXml("roto.xml", new ByteArrayInputStream(resource("malformado.xml")), 30)) {
            assertThat(source.next()).isNull();
            assertThat(source.documentIssues()).singleElement()
                    .satisfies(issue -> assertThat(issue.column()).isEqualTo("roto.xml"));
        }
    }

    @Test
    void documentsThatAreNotCfdi40AreReported() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("v33.xml", cfdi(INCOME.replace("4.0", "3.3"), STAMP)
                .replace("http://www.sat.gob.mx/cfd/4", "http://www.sat.gob.mx/cfd/3").getBytes(StandardCharsets.UTF_8));
        entries.put("version.xml", cfdi(INCOME.replace("4.0", "4.1"), STAMP).getBytes(StandardCharsets.UTF_8));
        entries.put("sin-timbre.xml", cfdi(INCOME, "").getBytes(StandardCharsets.UTF_8));
        entries.put("otro.xml", "<?xml version=\"1.0\"?><factura><total>1</total></factura>".getBytes(StandardCharsets.UTF_8));
        entries.put("sin-tipo.xml", cfdi(INCOME.replace("TipoDeComprobante=\"I\"", ""), STAMP).getBytes(StandardCharsets.UTF_8));
        entries.put("pago.xml", cfdi(INCOME.replace("TipoDeComprobante=\"I\"", "TipoDeComprobante=\"P\""), STAMP)
                .getBytes(StandardCharsets.UTF_8));
        entries.put("nomina.xml", cfdi(INCOME.replace("TipoDeComprobante=\"I\"", "TipoDeComprobante=\"N\""), STAMP)
                .getBytes(StandardCharsets.UTF_8));
        entries.put("ok.xml", cfdi(INCOME, STAMP).getBytes(StandardCharsets.UTF_8));
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(zip(entries)))) {
            SourceRow ok = source.next();
            assertThat(ok.line()).isEqualTo(9);
            assertThat(value(source, ok, "obligation_id")).isEqualTo("11111111-2222-4333-8444-555555555555");
            assertThat(source.next()).isNull();
            assertThat(source.skippedDocuments()).isEqualTo(2);
            assertThat(source.documentIssues())
                    .extracting(ImportIssue::row, ImportIssue::column)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(2L, "v33.xml"),
                            org.assertj.core.groups.Tuple.tuple(3L, "version.xml"),
                            org.assertj.core.groups.Tuple.tuple(4L, "sin-timbre.xml"),
                            org.assertj.core.groups.Tuple.tuple(5L, "otro.xml"),
                            org.assertj.core.groups.Tuple.tuple(6L, "sin-tipo.xml"));
        }
    }

    @Test
    void issuesCanBeDrainedAsRowsAreRead() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("bad.xml", "<nope".getBytes(StandardCharsets.UTF_8));
        entries.put("ok.xml", cfdi(INCOME, STAMP).getBytes(StandardCharsets.UTF_8));
        entries.put("bad2.xml", "".getBytes(StandardCharsets.UTF_8));
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(zip(entries)))) {
            assertThat(source.next().line()).isEqualTo(3);
            assertThat(source.documentIssues()).extracting(ImportIssue::row).containsExactly(2L);
            assertThat(source.next()).isNull();
            assertThat(source.documentIssues()).extracting(ImportIssue::row).containsExactly(4L);
        }
    }

    @Test
    void valuesAreTakenAsFoundForTheValidatorToJudge() throws IOException {
        String odd = INCOME.replace("Moneda=\"MXN\"", "Moneda=\"XXX\"")
                .replace("MetodoPago=\"PUE\"", "")
                .replace("Fecha=\"2025-02-01T09:59:00\"", "Fecha=\"ayer\"");
        String xml = cfdi(odd, STAMP).replace("Nombre=\"UNIVERSIDAD ROBOTICA ESPAÑOLA\"", "Nombre=\"PÉREZ &amp; HIJOS\"");
        try (CfdiSource source = CfdiSource.ofSingleXml("x.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), 30)) {
            SourceRow row = source.next();
            assertThat(value(source, row, "currency")).isEqualTo("XXX");
            assertThat(value(source, row, "customer_name")).isEqualTo("PÉREZ & HIJOS");
            assertThat(value(source, row, "issue_date")).isEqualTo("ayer");
            assertThat(value(source, row, "due_date")).isEmpty();
            assertThat(value(source, row, "payment_method")).isEmpty();
        }
    }

    @Test
    void externalEntitiesAreNotResolved() throws IOException {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE cfdi:Comprobante [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
                """ + cfdi(INCOME, STAMP).substring(cfdi(INCOME, STAMP).indexOf("<cfdi:Comprobante"))
                .replace("UNIVERSIDAD ROBOTICA ESPAÑOLA", "&xxe;");
        try (CfdiSource source = CfdiSource.ofSingleXml("xxe.xml", new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)), 30)) {
            assertThat(source.next()).isNull();
            assertThat(source.documentIssues()).singleElement()
                    .satisfies(issue -> assertThat(issue.reasonEn()).startsWith("The XML is malformed"));
        }
    }

    @Test
    void aZipWithoutXmlIsUnusable() {
        byte[] zip = zip(Map.of("factura.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> new CfdiSource(new ByteArrayInputStream(zip)))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("no CFDI XML");
        assertThatThrownBy(() -> new CfdiSource(new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(UnusableFileException.class);
    }

    @Test
    void aDamagedZipIsUnusable() throws IOException {
        byte[] good = sampleZip();
        byte[] damaged = good.clone();
        // spoil the deflated data of the first XML entry (its local header is 30 bytes + name)
        int data = 30 + "facturas/".length() + 30 + "facturas/A1001.xml".length();
        for (int i = data + 20; i < data + 60; i++) damaged[i] = (byte) 0xFF;
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(damaged))) {
            assertThatThrownBy(() -> rows(source)).isInstanceOf(UnusableFileException.class)
                    .satisfies(e -> assertThat(((UnusableFileException) e).reasonEs()).contains("ZIP"));
        }
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 3);
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(truncated))) {
            assertThatThrownBy(() -> rows(source)).isInstanceOf(UnusableFileException.class);
        }
    }

    @Test
    void anEntryExpandingBeyond20MbStopsTheImport() throws IOException {
        byte[] bomb = new byte[(int) CfdiSource.MAX_ENTRY_BYTES + 1];
        java.util.Arrays.fill(bomb, (byte) ' ');
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("ok.xml", cfdi(INCOME, STAMP).getBytes(StandardCharsets.UTF_8));
        entries.put("bomb.xml", bomb);
        byte[] zip = zip(entries);
        assertThat(zip.length).isLessThan(100_000);
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(zip))) {
            assertThat(source.next()).isNotNull();
            assertThatThrownBy(source::next)
                    .isInstanceOf(UnusableFileException.class)
                    .hasMessageContaining("20 MB");
        }
        // a large entry that is not XML is unpacked under the same guard
        Map<String, byte[]> other = new LinkedHashMap<>();
        other.put("ok.xml", cfdi(INCOME, STAMP).getBytes(StandardCharsets.UTF_8));
        other.put("big.bin", bomb);
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(zip(other)))) {
            assertThat(source.next()).isNotNull();
            assertThatThrownBy(source::next).isInstanceOf(UnusableFileException.class).hasMessageContaining("20 MB");
        }
    }

    @Test
    void aBomBeforeTheXmlDeclarationIsAccepted() throws IOException {
        byte[] xml = resource("pue-mxn.xml");
        byte[] withBom = new byte[xml.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(xml, 0, withBom, 3, xml.length);
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(zip(Map.of("bom.xml", withBom))))) {
            assertThat(source.next()).isNotNull();
            assertThat(source.documentIssues()).isEmpty();
        }
    }

    @Test
    void entryNamesWrittenByWindowsInTheDosCodePageAreDecoded() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, java.nio.charset.Charset.forName("IBM437"))) {
            zip.putNextEntry(new ZipEntry("facturación-año.xml"));
            zip.write("<roto".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        try (CfdiSource source = new CfdiSource(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(source.next()).isNull();
            assertThat(source.documentIssues()).singleElement()
                    .satisfies(issue -> assertThat(issue.column()).isEqualTo("facturación-año.xml"));
        }
    }

    @Test
    void theCleanupRunsOnClose() throws IOException {
        boolean[] cleaned = {false};
        CfdiSource source = new CfdiSource(new ByteArrayInputStream(sampleZip()), true, null, 30, () -> cleaned[0] = true);
        source.close();
        assertThat(cleaned[0]).isTrue();
    }
}
