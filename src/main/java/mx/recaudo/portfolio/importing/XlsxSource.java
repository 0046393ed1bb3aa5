package mx.recaudo.portfolio.importing;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Streams the first worksheet of an .xlsx workbook without building it in memory: POI's {@link XSSFReader} opens
 * the package parts, {@link ReadOnlySharedStringsTable} holds the shared strings (the only part kept whole: it is
 * the workbook's distinct texts), {@link StylesTable} tells date formats, and the sheet XML itself is pulled with
 * StAX one {@code <row>} at a time. (POI's {@code XSSFSheetXMLHandler} is push-style SAX; bridging it to the pull
 * style of {@link TabularSource#next()} would need a thread or a buffer of rows, so the sheet is read directly.)
 * <p>
 * The first row with a non-blank cell is the header (cells trimmed, trailing empty cells dropped); blank rows are
 * skipped. {@link SourceRow#line()} is the Excel row number. Data rows have a value for every header column (missing
 * cells are {@code ""}) plus any non-empty cell beyond them. Cell values: text as written; numbers in plain notation
 * rounded to Excel's 15 significant digits, without exponent or trailing zeros ({@code 1234}, {@code 1234.5},
 * {@code 123456789012}); numbers with a date format as ISO {@code yyyy-MM-dd} (the time of day is dropped);
 * booleans {@code TRUE}/{@code FALSE}; formulas as their cached result; errors as written ({@code #N/A}).
 * A file that is not a readable .xlsx raises {@link UnusableFileException}.
 */
final class XlsxSource implements TabularSource {
    /** Excel's last column is XFD (16,384 columns); a reference past it means a damaged sheet. */
    private static final int MAX_COLUMNS = 16_384;
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private final OPCPackage pkg;
    private final Closeable onClose;
    private final SharedStrings strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final InputStream sheet;
    private final XMLStreamReader xml;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();
    private final List<String> header;
    private long lastRowNumber;
    private boolean finished;

    /** Reads {@code file}; it is not deleted on close. */
    XlsxSource(Path file) {
        this(file, () -> {});
    }

    /** Reads {@code file}, then runs {@code onClose} (e.g. deleting a spooled temp file) when closed or on failure. */
    XlsxSource(Path file, Closeable onClose) {
        this.onClose = onClose;
        OPCPackage opened = null;
        InputStream sheetStream = null;
        try {
            requireZipDirectory(file);
            opened = OPCPackage.open(file.toFile(), PackageAccess.READ);
            XSSFReader reader = new XSSFReader(opened);
            strings = new ReadOnlySharedStringsTable(opened, false);
            styles = reader.getStylesTable();
            date1904 = isDate1904(reader);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnusableFileException("El libro de Excel no tiene hojas.", "The Excel workbook has no sheets.");
            }
            sheetStream = sheets.next();
            xml = SafeXml.inputFactory().createXMLStreamReader(sheetStream);
            pkg = opened;
            sheet = sheetStream;
            List<String> first = null;
            while (first == null) {
                Row row = readRow();
                if (row == null) {
                    throw new UnusableFileException(
                            "La primera hoja del libro de Excel está vacía: no tiene encabezado.",
                            "The first sheet of the Excel workbook is empty: it has no header.");
                }
                if (!isBlank(row.cells())) first = row.cells();
            }
            int end = first.size();
            while (end > 0 && first.get(end - 1).isBlank()) end--;
            List<String> cells = new ArrayList<>(end);
            for (int i = 0; i < end; i++) cells.add(first.get(i).strip());
            header = List.copyOf(cells);
        } catch (Exception | LinkageError e) {
            closeQuietly(sheetStream);
            if (opened != null) opened.revert();
            closeQuietly(onClose);
            if (e instanceof UnusableFileException u) throw u;
            throw damaged(e);
        }
    }

    @Override
    public List<String> header() { return header; }

    @Override
    public SourceRow next() {
        try {
            Row row;
            do {
                row = readRow();
            } while (row != null && isBlank(row.cells()));
            if (row == null) return null;
            List<String> cells = row.cells();
            int end = cells.size();
            while (end > header.size() && cells.get(end - 1).isEmpty()) end--;
            List<String> values = new ArrayList<>(Math.max(end, header.size()));
            values.addAll(cells.subList(0, end));
            while (values.size() < header.size()) values.add("");
            return new SourceRow(row.number(), values);
        } catch (UnusableFileException e) {
            throw e;
        } catch (Exception e) {
            throw damaged(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            try {
                xml.close();
            } catch (XMLStreamException ignored) {
                // the stream below is closed anyway
            }
            sheet.close();
        } finally {
            try {
                pkg.revert();
            } finally {
                onClose.close();
            }
        }
    }

    private record Row(long number, List<String> cells) {}

    /** The next {@code <row>} of the sheet, or null after {@code </sheetData>}. */
    private Row readRow() throws XMLStreamException {
        if (finished) return null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) return parseRow();
            if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(xml.getLocalName())) break;
        }
        finished = true;
        return null;
    }

    private Row parseRow() throws XMLStreamException {
        String r = xml.getAttributeValue(null, "r");
        long number = r == null || r.isBlank() ? lastRowNumber + 1 : Long.parseLong(r.strip());
        lastRowNumber = number;
        List<String> cells = new ArrayList<>();
        int nextColumn = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) break;
            if (event != XMLStreamConstants.START_ELEMENT || !"c".equals(xml.getLocalName())) continue;
            String ref = xml.getAttributeValue(null, "r");
            int column = ref == null || ref.isBlank() ? nextColumn : columnIndex(ref);
            String value = parseCell(xml.getAttributeValue(null, "t"), xml.getAttributeValue(null, "s"));
            while (cells.size() < column) cells.add("");
            if (column < cells.size()) cells.set(column, value);
            else cells.add(value);
            nextColumn = column + 1;
        }
        return new Row(number, cells);
    }

    /** Reads a {@code <c>} element up to its end tag and returns its value as text. */
    private String parseCell(String type, String style) throws XMLStreamException {
        String raw = null;
        StringBuilder inline = null;
        int phoneticDepth = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                String name = xml.getLocalName();
                if ("c".equals(name)) break;
                if ("rPh".equals(name)) phoneticDepth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "v" -> raw = xml.getElementText();
                    case "f" -> xml.getElementText();
                    case "rPh" -> phoneticDepth++;
                    case "t" -> {
                        String text = xml.getElementText();
                        if (phoneticDepth == 0) {
                            if (inline == null) inline = new StringBuilder();
                            inline.append(text);
                        }
                    }
                    default -> { }
                }
            }
        }
        String t = type == null ? "n" : type;
        return switch (t) {
            case "s" -> raw == null || raw.isBlank() ? "" : sharedString(raw);
            case "inlineStr" -> inline != null ? inline.toString() : raw == null ? "" : raw;
            case "b" -> raw == null || raw.isBlank() ? "" : "1".equals(raw.strip()) || "true".equalsIgnoreCase(raw.strip())
                    ? "TRUE" : "FALSE";
            case "d" -> raw == null ? "" : isoDatePart(raw);
            case "n" -> raw == null || raw.isBlank() ? "" : number(raw.strip(), style);
            default -> raw == null ? "" : raw; // "str" (formula text), "e" (error)
        };
    }

    private String sharedString(String raw) {
        int index = Integer.parseInt(raw.strip());
        if (index < 0 || index >= strings.getCount()) {
            throw new UnusableFileException(
                    "El libro de Excel está dañado: una celda apunta a un texto compartido inexistente.",
                    "The Excel workbook is damaged: a cell refers to a missing shared string.");
        }
        return strings.getItemAt(index).getString();
    }

    private String number(String raw, String style) {
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            return raw;
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) return raw;
        if (isDateStyle(style) && DateUtil.isValidExcelDate(value)) {
            return DateUtil.getLocalDateTime(value, date1904).toLocalDate().toString();
        }
        return formatNumber(value);
    }

    /** {@code 1234.0 → "1234"}, {@code 1234.5 → "1234.5"}, {@code 1.23456789012E11 → "123456789012"}, 15 digits. */
    static String formatNumber(double value) {
        if (value == 0) return "0";
        return new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
    }

    private boolean isDateStyle(String style) {
        if (styles == null || style == null || style.isBlank()) return false;
        int index;
        try {
            index = Integer.parseInt(style.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        return dateStyles.computeIfAbsent(index, i -> {
            if (i < 0 || i >= styles.getNumCellStyles()) return false;
            XSSFCellStyle cellStyle = styles.getStyleAt(i);
            if (cellStyle == null) return false;
            String format = cellStyle.getDataFormatString();
            return format != null && DateUtil.isADateFormat(cellStyle.getDataFormat(), format);
        });
    }

    private static String isoDatePart(String raw) {
        String s = raw.strip();
        if (s.length() >= 10) {
            try {
                return LocalDate.parse(s.substring(0, 10)).toString();
            } catch (RuntimeException e) {
                return s;
            }
        }
        return s;
    }

    /** {@code "B7" → 1}; {@code "AA1" → 26}. */
    static int columnIndex(String ref) {
        int column = 0;
        int i = 0;
        String s = ref.strip();
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            char ch = Character.toUpperCase(s.charAt(i));
            if (ch < 'A' || ch > 'Z') break;
            column = column * 26 + (ch - 'A' + 1);
            if (column > MAX_COLUMNS) break;
            i++;
        }
        if (i == 0 || column > MAX_COLUMNS) {
            throw new UnusableFileException(
                    "El libro de Excel está dañado: referencia de celda inválida «" + ref + "».",
                    "The Excel workbook is damaged: invalid cell reference '" + ref + "'.");
        }
        return column - 1;
    }

    private static boolean isBlank(List<String> cells) {
        for (String cell : cells) if (!cell.isBlank()) return false;
        return true;
    }

    private static boolean isDate1904(XSSFReader reader) throws Exception {
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLStreamReader wb = SafeXml.inputFactory().createXMLStreamReader(workbook);
            try {
                while (wb.hasNext()) {
                    int event = wb.next();
                    if (event != XMLStreamConstants.START_ELEMENT) continue;
                    String name = wb.getLocalName();
                    if ("workbookPr".equals(name)) {
                        String v = wb.getAttributeValue(null, "date1904");
                        return "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                    if ("sheets".equals(name)) return false;
                }
                return false;
            } finally {
                wb.close();
            }
        }
    }

    /**
     * Refuses a file whose zip central directory cannot be read: POI would fall back to reading the whole archive
     * into memory from its local headers.
     */
    private static void requireZipDirectory(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("[Content_Types].xml") == null) {
                throw new UnusableFileException(
                        "El archivo es un ZIP pero no un libro de Excel (.xlsx).",
                        "The file is a zip but not an Excel (.xlsx) workbook.");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw damaged(e);
        }
    }

    private static UnusableFileException damaged(Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new UnusableFileException(
                "El archivo no es un libro de Excel (.xlsx) válido o está dañado (" + detail + ").",
                "The file is not a valid Excel (.xlsx) workbook or it is damaged (" + detail + ").", cause);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) return;
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing; the original error is what matters
        }
    }
}
