package mx.recaudo.portfolio.importing;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TabularSourcesTests {

    static byte[] smallWorkbook() {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("customer_id");
            sheet.getRow(0).createCell(1).setCellValue("balance");
            sheet.createRow(1).createCell(0).setCellValue("C1");
            sheet.getRow(1).createCell(1).setCellValue(10.5);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TabularSource open(String name, byte[] bytes) throws IOException {
        return TabularSources.open(name, new ByteArrayInputStream(bytes));
    }

    @Test
    void anXlsxIsRecognisedByContentWhateverItsName() throws IOException {
        for (String name : new String[]{"cartera.xlsx", "cartera.zip", "cartera.csv", null}) {
            try (TabularSource source = open(name, smallWorkbook())) {
                assertThat(source).isInstanceOf(XlsxSource.class);
                assertThat(source.header()).containsExactly("customer_id", "balance");
                assertThat(source.next()).isEqualTo(new SourceRow(2, List.of("C1", "10.5")));
            }
        }
    }

    @Test
    void aZipWithoutWorkbookIsACfdiArchive() throws IOException {
        byte[] zip = CfdiSourceTests.zip(Map.of("A1001.xml", CfdiSourceTests.resource("pue-mxn.xml")));
        try (TabularSource source = open("facturas.zip", zip)) {
            assertThat(source).isInstanceOf(CfdiSource.class);
            assertThat(source.next().line()).isEqualTo(2);
        }
    }

    @Test
    void anXmlIsASingleCfdi() throws IOException {
        byte[] xml = CfdiSourceTests.resource("pue-mxn.xml");
        byte[] withBom = new byte[xml.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(xml, 0, withBom, 3, xml.length);
        for (byte[] bytes : List.of(xml, withBom)) {
            try (TabularSource source = open("factura.txt", bytes)) {
                assertThat(source).isInstanceOf(CfdiSource.class);
                assertThat(source.next()).isNotNull();
            }
        }
        String noDeclaration = new String(xml, StandardCharsets.UTF_8).replaceFirst("<\\?xml[^>]*>\\s*", "");
        try (TabularSource source = open("factura.xml", noDeclaration.getBytes(StandardCharsets.UTF_8))) {
            assertThat(source).isInstanceOf(CfdiSource.class);
            assertThat(source.next()).isNotNull();
        }
    }

    @Test
    void anythingElseIsCsv() throws IOException {
        try (TabularSource source = open("cartera.xlsx", "customer_id;balance\nC1;10\n".getBytes(StandardCharsets.UTF_8))) {
            assertThat(source).isInstanceOf(CsvSource.class);
            assertThat(source.next()).isEqualTo(new SourceRow(2, List.of("C1", "10")));
        }
    }

    @Test
    void knownBinaryFormatsAreRefused() {
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0};
        assertThatThrownBy(() -> open("cartera.xls", xls)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining(".xls");
        assertThatThrownBy(() -> open("cartera.pdf", "%PDF-1.5\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnusableFileException.class).hasMessageContaining("PDF");
        assertThatThrownBy(() -> open("cartera.xls", "<html><body><table>".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnusableFileException.class).hasMessageContaining("HTML");
        assertThatThrownBy(() -> open("vacío.csv", new byte[0])).isInstanceOf(UnusableFileException.class);
        assertThatThrownBy(() -> open("x.zip", new byte[]{'P', 'K', 3, 4, 9, 9, 9}))
                .isInstanceOf(UnusableFileException.class);
    }

    @Test
    void theSpooledCopyIsDeletedOnCloseAndTheStreamIsClosed(@TempDir Path tmp) throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(smallWorkbook()) {
            @Override
            public void close() throws IOException {
                closed.set(true);
                super.close();
            }
        };
        TabularSource source = TabularSources.open("cartera.xlsx", in, 30, tmp);
        assertThat(countSpooled(tmp)).isEqualTo(1);
        assertThat(closed).isTrue();
        source.close();
        assertThat(countSpooled(tmp)).isZero();

        for (byte[] bad : List.of(new byte[]{'P', 'K', 3, 4, 9, 9, 9},
                CfdiSourceTests.zip(Map.of("a.pdf", new byte[]{1})))) {
            assertThatThrownBy(() -> TabularSources.open("x.zip", new ByteArrayInputStream(bad), 30, tmp))
                    .isInstanceOf(UnusableFileException.class);
            assertThat(countSpooled(tmp)).isZero();
        }
    }

    private static long countSpooled(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("recaudo-import-")).count();
        }
    }
}
