package mx.recaudo.portfolio.importing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvSourceTests {

    private static CsvSource csv(byte[] bytes) throws IOException {
        return new CsvSource(new ByteArrayInputStream(bytes));
    }

    private static CsvSource csv(String text, Charset charset) throws IOException {
        return csv(text.getBytes(charset));
    }

    private static List<SourceRow> rows(TabularSource source) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        for (SourceRow row; (row = source.next()) != null; ) rows.add(row);
        return rows;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void utf8BomIsStrippedFromTheFirstHeaderCell() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        try (CsvSource source = csv(concat(bom, "customer_id,customer_name\n1,José Núñez\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(source.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(source.header()).containsExactly("customer_id", "customer_name");
            assertThat(rows(source)).containsExactly(new SourceRow(2, List.of("1", "José Núñez")));
        }
    }

    @Test
    void utf8WithoutBomIsDetected() throws IOException {
        try (CsvSource source = csv("id,nombre\n1,Peña Nieto\n", StandardCharsets.UTF_8)) {
            assertThat(source.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(source.next().values()).containsExactly("1", "Peña Nieto");
        }
    }

    @Test
    void latin1IsDecodedAsWindows1252() throws IOException {
        try (CsvSource source = csv("id;nombre;ciudad\n1;Núñez;Querétaro\n2;Muñoz €;León\n",
                Charset.forName("windows-1252"))) {
            assertThat(source.charset().name()).isEqualTo("windows-1252");
            assertThat(source.delimiter()).isEqualTo(';');
            assertThat(rows(source)).extracting(SourceRow::values).containsExactly(
                    List.of("1", "Núñez", "Querétaro"), List.of("2", "Muñoz €", "León"));
        }
        try (CsvSource source = csv("id,nombre\n1,Núñez\n", StandardCharsets.ISO_8859_1)) {
            assertThat(source.next().values()).containsExactly("1", "Núñez");
        }
    }

    @Test
    void aMultiByteCharacterCutByTheSniffWindowStillMeansUtf8() throws IOException {
        StringBuilder text = new StringBuilder("id,nombre\n");
        int rows = 0;
        while (text.length() < CsvSource.SNIFF_BYTES - 100) {
            text.append(rows++).append(",abcdefghij\n");
        }
        // the lead byte of "ñ" (C3 B1) lands on the last byte of the sniffed window
        int padding = CsvSource.SNIFF_BYTES - 1 - text.length() - "x,".length();
        text.append("x,").append("a".repeat(padding)).append("ñ\n");
        rows++;
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[CsvSource.SNIFF_BYTES - 1] & 0xFF).isEqualTo(0xC3);
        assertThat(CsvSource.isUtf8(java.util.Arrays.copyOf(bytes, CsvSource.SNIFF_BYTES), true)).isTrue();
        assertThat(CsvSource.isUtf8(java.util.Arrays.copyOf(bytes, CsvSource.SNIFF_BYTES), false)).isFalse();

        try (CsvSource source = csv(concat(bytes, "y,Núñez\n".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(source.charset()).isEqualTo(StandardCharsets.UTF_8);
            List<SourceRow> read = rows(source);
            assertThat(read).hasSize(rows + 1);
            assertThat(read.get(rows - 1).values().get(1)).endsWith("aañ");
            assertThat(read.get(rows).values()).containsExactly("y", "Núñez");
        }
    }

    @Test
    void semicolonTabAndPipeDelimitersAreDetected() throws IOException {
        try (CsvSource source = csv("id;monto;fecha\n1;1,50;2025-01-01\n2;2,75;2025-02-01\n", StandardCharsets.UTF_8)) {
            assertThat(source.delimiter()).isEqualTo(';');
            assertThat(source.header()).containsExactly("id", "monto", "fecha");
            assertThat(source.next().values()).containsExactly("1", "1,50", "2025-01-01");
        }
        try (CsvSource source = csv("id\tnombre, apellido\tmonto\n1\tPérez, Ana\t10\n", StandardCharsets.UTF_8)) {
            assertThat(source.delimiter()).isEqualTo('\t');
            assertThat(source.header()).containsExactly("id", "nombre, apellido", "monto");
            assertThat(source.next().values()).containsExactly("1", "Pérez, Ana", "10");
        }
        try (CsvSource source = csv("id|nota\n1|a, b; c\n", StandardCharsets.UTF_8)) {
            assertThat(source.delimiter()).isEqualTo('|');
            assertThat(source.next().values()).containsExactly("1", "a, b; c");
        }
    }

    @Test
    void delimitersInsideQuotesDoNotCount() throws IOException {
        String text = "\"id;x\",\"nombre;y\"\n\"1;2\",\"a;b;c\"\n\"3\",\"d;e\"\n";
        try (CsvSource source = csv(text, StandardCharsets.UTF_8)) {
            assertThat(source.delimiter()).isEqualTo(',');
            assertThat(source.header()).containsExactly("id;x", "nombre;y");
        }
    }

    @Test
    void excelSepLineSetsTheDelimiter() throws IOException {
        try (CsvSource source = csv("sep=|\nid|nombre\n1|Ana\n", StandardCharsets.UTF_8)) {
            assertThat(source.delimiter()).isEqualTo('|');
            assertThat(source.header()).containsExactly("id", "nombre");
            assertThat(source.headerLine()).isEqualTo(2);
            assertThat(source.next()).isEqualTo(new SourceRow(3, List.of("1", "Ana")));
        }
    }

    @Test
    void aSepLineNamingTheQuoteIsNoDirectiveAndTheFileIsSniffedInstead() throws IOException {
        // Found by TabularSourcesProperties: FastCSV refuses a delimiter equal to the quote character.
        try (CsvSource source = csv("sep=\"\nid,nombre\n1,Ana\n", StandardCharsets.UTF_8)) {
            assertThat(source.delimiter()).isNotEqualTo('"');
            assertThat(source.header()).isNotEmpty();
        }
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndLineBreaksAndRowsKeepTheirStartingLine() throws IOException {
        String text = "id,name,notes\r\n"                       // line 1
                + "1,\"Pérez, Juan\",\"line1\r\nline2\"\r\n"     // lines 2-3
                + "2,\"Say \"\"hi\"\"\",x\r\n"                   // line 4
                + "\r\n"                                          // line 5, empty
                + "3,Ana,\"a\nb\nc\"\n"                           // lines 6-8
                + "4,Luis,z";                                     // line 9, no final line break
        try (CsvSource source = csv(text, StandardCharsets.UTF_8)) {
            assertThat(source.header()).containsExactly("id", "name", "notes");
            assertThat(rows(source)).containsExactly(
                    new SourceRow(2, List.of("1", "Pérez, Juan", "line1\r\nline2")),
                    new SourceRow(4, List.of("2", "Say \"hi\"", "x")),
                    new SourceRow(6, List.of("3", "Ana", "a\nb\nc")),
                    new SourceRow(9, List.of("4", "Luis", "z")));
        }
    }

    @Test
    void emptyAndBlankLinesAreSkippedButCountedInLineNumbers() throws IOException {
        String text = "\n\n  id , nombre \n1,Ana\n\n,,\n   \n2,Luis\n";
        try (CsvSource source = csv(text, StandardCharsets.UTF_8)) {
            assertThat(source.header()).containsExactly("id", "nombre");
            assertThat(source.headerLine()).isEqualTo(3);
            assertThat(rows(source)).containsExactly(
                    new SourceRow(4, List.of("1", "Ana")),
                    new SourceRow(8, List.of("2", "Luis")));
        }
    }

    @Test
    void raggedRowsArePassedThroughAsTheyAre() throws IOException {
        try (CsvSource source = csv("a,b,c\n1,2\n1,2,3,4\n", StandardCharsets.UTF_8)) {
            assertThat(rows(source)).extracting(SourceRow::values).containsExactly(
                    List.of("1", "2"), List.of("1", "2", "3", "4"));
        }
    }

    @Test
    void dataValuesAreNotTrimmed() throws IOException {
        try (CsvSource source = csv("a,b\n 1 ,\" x \"\n", StandardCharsets.UTF_8)) {
            assertThat(source.next().values()).containsExactly(" 1 ", " x ");
        }
    }

    @Test
    void utf16WithBomAsExcelUnicodeTextIsRead() throws IOException {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] body = "id\tnombre\r\n1\tNúñez\r\n".getBytes(StandardCharsets.UTF_16LE);
        try (CsvSource source = csv(concat(bom, body))) {
            assertThat(source.header()).containsExactly("id", "nombre");
            assertThat(source.next()).isEqualTo(new SourceRow(2, List.of("1", "Núñez")));
        }
    }

    @Test
    void anEmptyFileIsUnusable() {
        assertThatThrownBy(() -> csv(new byte[0]))
                .isInstanceOf(UnusableFileException.class)
                .satisfies(e -> {
                    assertThat(((UnusableFileException) e).reasonEs()).contains("vacío");
                    assertThat(((UnusableFileException) e).reasonEn()).contains("empty");
                });
    }

    @Test
    void aFileWithOnlyBlankLinesHasNoHeader() {
        assertThatThrownBy(() -> csv("\n\r\n;;;\n   \n", StandardCharsets.UTF_8))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("no header")
                .satisfies(e -> assertThat(((UnusableFileException) e).reasonEs()).contains("encabezado"));
    }

    @Test
    void aHeaderOnlyFileHasNoRows() throws IOException {
        try (CsvSource source = csv("customer_id,balance", StandardCharsets.UTF_8)) {
            assertThat(source.header()).containsExactly("customer_id", "balance");
            assertThat(source.next()).isNull();
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void binaryContentIsUnusable() {
        byte[] nul = "id,nombre\n1,\0\0\0\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 8, 0, 8, 0};
        byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        byte[] controls = new byte[200];
        for (int i = 0; i < controls.length; i++) controls[i] = (byte) (1 + i % 7);
        for (byte[] bytes : List.of(nul, zip, pdf, xls, png, controls)) {
            assertThatThrownBy(() -> csv(bytes)).isInstanceOf(UnusableFileException.class);
        }
        assertThatThrownBy(() -> csv(zip)).hasMessageContaining("zip");
        assertThatThrownBy(() -> csv(pdf)).hasMessageContaining("PDF");
        assertThatThrownBy(() -> csv(xls)).hasMessageContaining(".xls");
    }

    @Test
    void anUnclosedQuoteKeepsTheRestOfTheFileInOneField() throws IOException {
        try (CsvSource source = csv("a,b\n1,\"open\n2,3\n", StandardCharsets.UTF_8)) {
            assertThat(source.next()).isEqualTo(new SourceRow(2, List.of("1", "open\n2,3\n")));
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void rowsAreStreamedNotLoaded() throws IOException {
        int rows = 300_000;
        InputStream generated = new InputStream() {
            private final byte[] header = "customer_id;balance\n".getBytes(StandardCharsets.US_ASCII);
            private byte[] current = header;
            private int pos;
            private int row;

            @Override
            public int read() {
                if (pos == current.length) {
                    if (row == rows) return -1;
                    row++;
                    current = ("C" + row + ";" + row + ",50\n").getBytes(StandardCharsets.US_ASCII);
                    pos = 0;
                }
                return current[pos++];
            }
        };
        try (CsvSource source = new CsvSource(generated)) {
            long count = 0;
            SourceRow last = null;
            for (SourceRow row; (row = source.next()) != null; ) {
                last = row;
                count++;
            }
            assertThat(count).isEqualTo(rows);
            assertThat(last).isEqualTo(new SourceRow(rows + 1, List.of("C" + rows, rows + ",50")));
        }
    }
}
