package mx.recaudo.portfolio.importing;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XlsxSourceTests {

    @TempDir
    Path dir;

    private Path write(Workbook workbook) throws IOException {
        Path file = Files.createTempFile(dir, "book", ".xlsx");
        try (workbook; OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        return file;
    }

    private static List<SourceRow> rows(TabularSource source) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        for (SourceRow row; (row = source.next()) != null; ) rows.add(row);
        return rows;
    }

    /** Rows 1–2 empty, header on row 3, data on rows 4, 6 and 7 (row 5 holds only blanks). */
    private static void fillPortfolio(Workbook wb, Sheet sheet) {
        CellStyle dateStyle = wb.createCellStyle();
        dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
        CellStyle money = wb.createCellStyle();
        money.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("\"$\"#,##0.00"));

        Row header = sheet.createRow(2);
        String[] names = {" customer_id ", "customer_name", "balance", "due_date", "tax_id", "notes"};
        for (int i = 0; i < names.length; i++) header.createCell(i).setCellValue(names[i]);
        header.createCell(8).setCellValue("");            // an empty, trailing header cell

        Row first = sheet.createRow(3);
        first.createCell(0).setCellValue(123456789012d);   // a long numeric id
        first.createCell(1).setCellValue("José Núñez");
        Cell balance = first.createCell(2);
        balance.setCellValue(1234.5);
        balance.setCellStyle(money);
        Cell due = first.createCell(3);
        due.setCellValue(LocalDate.of(2025, 3, 10));
        due.setCellStyle(dateStyle);
        // column 4 (tax_id) missing: a blank cell in the middle of the row
        first.createCell(5).setCellValue(true);

        Row blanks = sheet.createRow(4);
        blanks.createCell(0).setCellValue("   ");
        blanks.createCell(3).setBlank();

        Row second = sheet.createRow(5);
        second.createCell(0).setCellValue("C-2");
        second.createCell(2).setCellValue(1234d);
        Cell dueTime = second.createCell(3);
        dueTime.setCellValue(LocalDateTime.of(2024, 12, 31, 18, 45));
        dueTime.setCellStyle(dateStyle);
        second.createCell(4).setCellValue(0.1 + 0.2);

        Row third = sheet.createRow(6);
        third.createCell(0).setCellValue("C-3");
        third.createCell(2).setCellFormula("10.25*2");
        third.createCell(7).setCellValue("beyond the header");
    }

    @Test
    void readsTheFirstSheetWithSharedStringsNumbersDatesAndBlankCells() throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        fillPortfolio(wb, wb.createSheet("Cartera"));
        Sheet other = wb.createSheet("Otra");
        other.createRow(0).createCell(0).setCellValue("not read");
        wb.setActiveSheet(1);
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();

        try (XlsxSource source = new XlsxSource(write(wb))) {
            assertThat(source.header())
                    .containsExactly("customer_id", "customer_name", "balance", "due_date", "tax_id", "notes");
            assertThat(rows(source)).containsExactly(
                    new SourceRow(4, List.of("123456789012", "José Núñez", "1234.5", "2025-03-10", "", "TRUE")),
                    new SourceRow(6, List.of("C-2", "", "1234", "2024-12-31", "0.3", "")),
                    new SourceRow(7, List.of("C-3", "", "20.5", "", "", "", "", "beyond the header")));
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void readsInlineStringsAsWrittenBySxssf() throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(10);
        fillPortfolio(wb, wb.createSheet("Cartera"));
        try (XlsxSource source = new XlsxSource(write(wb))) {
            assertThat(source.header()).startsWith("customer_id", "customer_name");
            List<SourceRow> rows = rows(source);
            assertThat(rows).extracting(SourceRow::line).containsExactly(4L, 6L, 7L);
            assertThat(rows.get(0).values()).containsExactly("123456789012", "José Núñez", "1234.5", "2025-03-10", "", "TRUE");
        } finally {
            wb.dispose();
        }
    }

    @Test
    void honoursThe1904DateSystem() throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        (wb.getCTWorkbook().isSetWorkbookPr() ? wb.getCTWorkbook().getWorkbookPr() : wb.getCTWorkbook().addNewWorkbookPr())
                .setDate1904(true);
        Sheet sheet = wb.createSheet();
        sheet.createRow(0).createCell(0).setCellValue("due_date");
        CellStyle iso = wb.createCellStyle();
        iso.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        Cell cell = sheet.createRow(1).createCell(0);
        cell.setCellValue(LocalDate.of(2025, 7, 1));
        cell.setCellStyle(iso);
        assertThat(wb.isDate1904()).isTrue();
        try (XlsxSource source = new XlsxSource(write(wb))) {
            assertThat(source.next()).isEqualTo(new SourceRow(2, List.of("2025-07-01")));
        }
    }

    @Test
    void formatsNumbersPlainly() {
        assertThat(XlsxSource.formatNumber(1234.5)).isEqualTo("1234.5");
        assertThat(XlsxSource.formatNumber(1234)).isEqualTo("1234");
        assertThat(XlsxSource.formatNumber(123456789012d)).isEqualTo("123456789012");
        assertThat(XlsxSource.formatNumber(-0.0)).isEqualTo("0");
        assertThat(XlsxSource.formatNumber(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(XlsxSource.formatNumber(1e20)).isEqualTo("100000000000000000000");
        assertThat(XlsxSource.formatNumber(0.000012)).isEqualTo("0.000012");
        assertThat(XlsxSource.formatNumber(-99.99)).isEqualTo("-99.99");
    }

    @Test
    void columnReferencesBecomeIndexes() {
        assertThat(XlsxSource.columnIndex("A1")).isZero();
        assertThat(XlsxSource.columnIndex("Z9")).isEqualTo(25);
        assertThat(XlsxSource.columnIndex("AA10")).isEqualTo(26);
        assertThat(XlsxSource.columnIndex("XFD1048576")).isEqualTo(16_383);
        assertThatThrownBy(() -> XlsxSource.columnIndex("XFE1")).isInstanceOf(UnusableFileException.class);
        assertThatThrownBy(() -> XlsxSource.columnIndex("12")).isInstanceOf(UnusableFileException.class);
    }

    @Test
    void anEmptyFirstSheetIsUnusable() throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("Vacía").createRow(0).createCell(0).setCellValue("  ");
        wb.createSheet("Datos").createRow(0).createCell(0).setCellValue("customer_id");
        Path file = write(wb);
        assertThatThrownBy(() -> new XlsxSource(file))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("empty")
                .satisfies(e -> assertThat(((UnusableFileException) e).reasonEs()).contains("vacía"));
    }

    @Test
    void corruptFilesAreUnusable() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.xlsx"), "this is not a workbook".getBytes());
        assertThatThrownBy(() -> new XlsxSource(garbage)).isInstanceOf(UnusableFileException.class);

        XSSFWorkbook wb = new XSSFWorkbook();
        fillPortfolio(wb, wb.createSheet());
        byte[] good = Files.readAllBytes(write(wb));
        Path truncated = Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> new XlsxSource(truncated)).isInstanceOf(UnusableFileException.class);

        ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipBytes)) {
            zip.putNextEntry(new ZipEntry("hello.txt"));
            zip.write("hi".getBytes());
        }
        Path notOffice = Files.write(dir.resolve("plain.xlsx"), zipBytes.toByteArray());
        assertThatThrownBy(() -> new XlsxSource(notOffice))
                .isInstanceOf(UnusableFileException.class)
                .satisfies(e -> assertThat(((UnusableFileException) e).reasonEs()).contains("Excel"));
    }

    @Test
    void theCleanupRunsOnCloseAndOnFailure() throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        fillPortfolio(wb, wb.createSheet());
        Path file = write(wb);
        try (XlsxSource source = new XlsxSource(file, () -> Files.delete(file))) {
            assertThat(source.next()).isNotNull();
        }
        assertThat(file).doesNotExist();

        Path garbage = Files.write(dir.resolve("garbage.xlsx"), new byte[]{'P', 'K', 3, 4, 1, 2, 3});
        assertThatThrownBy(() -> new XlsxSource(garbage, () -> Files.delete(garbage)))
                .isInstanceOf(UnusableFileException.class);
        assertThat(garbage).doesNotExist();
    }
}
