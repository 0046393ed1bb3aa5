package mx.recaudo.portfolio.importing;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a delimited text file (CSV) with FastCSV, detecting what the uploader never states:
 * <ul>
 *   <li><b>Encoding</b>: a UTF-8 BOM (stripped) means UTF-8; a UTF-16 BOM means UTF-16 (what Excel writes as
 *       "Unicode text"); otherwise the first {@value #SNIFF_BYTES} bytes are decoded strictly as UTF-8 and, if
 *       they are not valid UTF-8, the file is read as windows-1252 (the superset of ISO-8859-1 that Mexican Excel
 *       installs write). Bytes after the sniffed window that are not valid in the chosen encoding become U+FFFD.</li>
 *   <li><b>Delimiter</b>: among {@code , ; TAB |}, the one whose header splits into more than one column and
 *       whose first rows (up to {@value #SNIFF_RECORDS}) have the header's column count most often; ties go to more
 *       columns, then to the order listed. Quoted delimiters and quoted line breaks are not counted. An Excel
 *       {@code sep=X} first line sets the delimiter and is skipped. With no candidate, a comma.</li>
 * </ul>
 * Lines that are empty or hold only blanks and delimiters are skipped; the first other record is the header (cells
 * trimmed). Data values are passed through untouched, whatever their count. {@link SourceRow#line()} is the file
 * line where the record starts (the header's own line counts; a quoted line break makes a record span lines).
 * Binary input (NUL bytes, zip/xlsx, PDF, .xls…) is refused with {@link UnusableFileException}.
 */
final class CsvSource implements TabularSource {
    /** How many leading bytes decide the encoding and the delimiter. */
    static final int SNIFF_BYTES = 64 * 1024;
    private static final int SNIFF_RECORDS = 50;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private final Charset charset;
    private final char delimiter;
    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> records;
    private final List<String> header;
    private final long headerLine;

    /** Takes ownership of {@code in}: {@link #close()} closes it, and so does a failing constructor. */
    CsvSource(InputStream in) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(in, SNIFF_BYTES);
        boolean opened = false;
        try {
            bin.mark(SNIFF_BYTES);
            byte[] sniff = bin.readNBytes(SNIFF_BYTES);
            bin.reset();
            if (sniff.length == 0) {
                throw new UnusableFileException("El archivo está vacío.", "The file is empty.");
            }
            FileSniffing.rejectNonText(sniff);

            int bomLength;
            if (FileSniffing.hasUtf8Bom(sniff)) {
                charset = StandardCharsets.UTF_8;
                bomLength = 3;
            } else if (FileSniffing.hasUtf16Bom(sniff)) {
                charset = (sniff[0] & 0xFF) == 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
                bomLength = 2;
            } else {
                charset = isUtf8(sniff, sniff.length == SNIFF_BYTES) ? StandardCharsets.UTF_8 : windows1252();
                bomLength = 0;
            }
            bin.skipNBytes(bomLength);

            String sample = new String(sniff, bomLength, sniff.length - bomLength, charset);
            if (sample.indexOf('\0') >= 0) throw FileSniffing.binary();
            Sniffed sniffed = detectDelimiter(sample, sniff.length < SNIFF_BYTES);
            delimiter = sniffed.delimiter();

            reader = CsvReader.builder()
                    .fieldSeparator(delimiter)
                    .quoteCharacter('"')
                    .commentStrategy(CommentStrategy.NONE)
                    .skipEmptyLines(true)
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .allowExtraCharsAfterClosingQuote(true)
                    .allowUnclosedQuote(true)
                    .ofCsvRecord(new InputStreamReader(bin, charset));
            records = reader.iterator();

            if (sniffed.skipSepLine() && nextRecord() == null) throw noHeader();
            CsvRecord first = nextNonBlank();
            if (first == null) throw noHeader();
            List<String> cells = new ArrayList<>(first.getFieldCount());
            for (String cell : first.getFields()) cells.add(cell.strip());
            if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
                cells.set(0, cells.get(0).substring(1).strip());
            }
            header = List.copyOf(cells);
            headerLine = first.getStartingLineNumber();
            opened = true;
        } finally {
            if (!opened) bin.close();
        }
    }

    @Override
    public List<String> header() { return header; }

    @Override
    public SourceRow next() throws IOException {
        CsvRecord record = nextNonBlank();
        return record == null ? null : new SourceRow(record.getStartingLineNumber(), record.getFields());
    }

    @Override
    public void close() throws IOException { reader.close(); }

    /** The encoding the file is being read with. */
    Charset charset() { return charset; }

    /** The field delimiter in use. */
    char delimiter() { return delimiter; }

    /** The file line of the header. */
    long headerLine() { return headerLine; }

    private CsvRecord nextNonBlank() throws IOException {
        CsvRecord record;
        do {
            record = nextRecord();
        } while (record != null && isBlank(record));
        return record;
    }

    private CsvRecord nextRecord() throws IOException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException e) {
            throw new UnusableFileException(
                    "El CSV no se puede leer: " + e.getMessage(), "The CSV cannot be read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean isBlank(CsvRecord record) {
        for (String field : record.getFields()) if (!field.isBlank()) return false;
        return true;
    }

    private static UnusableFileException noHeader() {
        return new UnusableFileException(
                "El archivo no tiene encabezado: no contiene ninguna línea con datos.",
                "The file has no header: it has no line with data.");
    }

    private static Charset windows1252() {
        return Charset.isSupported("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;
    }

    /** Whether {@code bytes} decode as strict UTF-8; when {@code truncated}, a cut sequence at the end is fine. */
    static boolean isUtf8(byte[] bytes, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, !truncated);
        if (result.isError()) return false;
        return truncated || !decoder.flush(out).isError();
    }

    record Sniffed(char delimiter, boolean skipSepLine) {}

    /** A {@code sep=} line naming the quote or a line break is no delimiter directive; the file is sniffed instead. */
    private static boolean usableAsDelimiter(char c) {
        return c != '"' && c != '\r' && c != '\n';
    }

    /**
     * Picks the delimiter from the decoded start of the file. {@code complete} says whether {@code sample} is the
     * whole file; if not, its last (maybe cut) record is ignored.
     */
    static Sniffed detectDelimiter(String sample, boolean complete) {
        int firstBreak = firstLineEnd(sample);
        String firstLine = sample.substring(0, firstBreak);
        if (firstLine.length() >= 5 && firstLine.regionMatches(true, 0, "sep=", 0, 4)
                && firstLine.substring(5).isBlank() && usableAsDelimiter(firstLine.charAt(4))) {
            return new Sniffed(firstLine.charAt(4), true);
        }
        char best = ',';
        double bestConsistency = -1;
        int bestColumns = 0;
        for (char candidate : DELIMITERS) {
            List<Integer> counts = fieldCounts(sample, candidate, complete);
            if (counts.isEmpty() || counts.get(0) < 2) continue;
            int columns = counts.get(0);
            int rows = counts.size() - 1;
            int same = 0;
            for (int i = 1; i < counts.size(); i++) if (counts.get(i) == columns) same++;
            double consistency = rows == 0 ? 1.0 : (double) same / rows;
            if (consistency > bestConsistency || (consistency == bestConsistency && columns > bestColumns)) {
                best = candidate;
                bestConsistency = consistency;
                bestColumns = columns;
            }
        }
        return new Sniffed(best, false);
    }

    private static int firstLineEnd(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n' || s.charAt(i) == '\r') return i;
        return s.length();
    }

    /** Field count of each non-empty record of {@code sample} when split by {@code delimiter}, RFC 4180 quoting. */
    private static List<Integer> fieldCounts(String sample, char delimiter, boolean complete) {
        List<Integer> counts = new ArrayList<>();
        int fields = 1;
        boolean fieldStart = true;
        boolean inQuotes = false;
        boolean recordHasChars = false;
        int n = sample.length();
        for (int i = 0; i < n && counts.size() < SNIFF_RECORDS; i++) {
            char ch = sample.charAt(i);
            if (inQuotes) {
                if (ch == '"') {
                    if (i + 1 < n && sample.charAt(i + 1) == '"') i++;
                    else inQuotes = false;
                }
                continue;
            }
            if (ch == '\n' || ch == '\r') {
                if (recordHasChars) counts.add(fields);
                fields = 1;
                fieldStart = true;
                recordHasChars = false;
                continue;
            }
            recordHasChars = true;
            if (ch == '"' && fieldStart) {
                inQuotes = true;
                fieldStart = false;
            } else if (ch == delimiter) {
                fields++;
                fieldStart = true;
            } else {
                fieldStart = false;
            }
        }
        if (complete && recordHasChars && counts.size() < SNIFF_RECORDS) counts.add(fields);
        return counts;
    }
}
