package mx.recaudo.portfolio.importing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises file formats from their first bytes (magic numbers). Shared by {@link TabularSources}, which routes
 * a file to the right {@link TabularSource}, and {@link CsvSource}, which refuses what is plainly not text.
 */
final class FileSniffing {
    /** How many leading bytes the checks look at. */
    static final int HEAD_BYTES = 1024;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1};

    private FileSniffing() {}

    /** A zip archive (local file header, or the end record of an empty/spanned archive): xlsx, zip of CFDI… */
    static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8));
    }

    /** An XML document: {@code <?xml} or {@code <cfdi:} after an optional UTF-8 BOM and blanks, or any {@code <}
     * when the file name ends in {@code .xml}. */
    static boolean isXml(byte[] head, String fileName) {
        int i = startsWith(head, 0, UTF8_BOM) ? UTF8_BOM.length : 0;
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
        if (startsWithAscii(head, i, "<?xml") || startsWithAscii(head, i, "<cfdi:")) return true;
        return i < head.length && head[i] == '<' && !isHtml(head)
                && fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xml");
    }

    /**
     * Throws {@link UnusableFileException} when the head is that of a known binary format or plainly not text:
     * a NUL byte or mostly control characters in the first KB. A UTF-16 BOM is accepted (its text has NUL bytes).
     */
    static void rejectNonText(byte[] head) {
        if (isZip(head)) {
            throw new UnusableFileException(
                    "El archivo es un ZIP o un Excel (.xlsx), no un CSV de texto.",
                    "The file is a zip or an Excel (.xlsx) workbook, not a text CSV.");
        }
        if (startsWith(head, 0, OLE2)) {
            throw new UnusableFileException(
                    "El archivo es un Excel 97-2003 (.xls) o un documento protegido con contraseña; "
                            + "guárdelo como .xlsx o CSV sin contraseña.",
                    "The file is an Excel 97-2003 (.xls) workbook or a password-protected document; "
                            + "save it as .xlsx or CSV without a password.");
        }
        if (startsWithAscii(head, 0, "%PDF-")) {
            throw new UnusableFileException(
                    "El archivo es un PDF; suba un CSV, un Excel (.xlsx) o un ZIP de CFDI.",
                    "The file is a PDF; upload a CSV, an Excel (.xlsx) workbook or a zip of CFDI.");
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            throw new UnusableFileException(
                    "El archivo está comprimido con gzip; descomprímalo o súbalo como ZIP.",
                    "The file is gzip-compressed; uncompress it or upload it as a zip.");
        }
        if (isHtml(head)) {
            throw new UnusableFileException(
                    "El archivo es una página HTML, no un CSV; ábralo en Excel y guárdelo como .xlsx o CSV.",
                    "The file is an HTML page, not a CSV; open it in Excel and save it as .xlsx or CSV.");
        }
        if (hasUtf16Bom(head)) return;
        int n = Math.min(head.length, HEAD_BYTES);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) throw binary();
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) control++;
        }
        if (n > 0 && control * 10 > n) throw binary();
    }

    static boolean hasUtf8Bom(byte[] head) { return startsWith(head, 0, UTF8_BOM); }

    static boolean hasUtf16Bom(byte[] head) {
        return head.length >= 2 && (((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)
                || ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF));
    }

    static UnusableFileException binary() {
        return new UnusableFileException(
                "El archivo no es de texto: parece un archivo binario (imagen, documento, archivo dañado…). "
                        + "Suba un CSV, un Excel (.xlsx) o un ZIP de CFDI.",
                "The file is not text: it looks binary (an image, a document, a damaged file…). "
                        + "Upload a CSV, an Excel (.xlsx) workbook or a zip of CFDI.");
    }

    private static boolean isHtml(byte[] head) {
        int i = startsWith(head, 0, UTF8_BOM) ? UTF8_BOM.length : 0;
        while (i < head.length && Character.isWhitespace(head[i])) i++;
        String start = new String(head, i, Math.min(head.length - i, 15), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    private static boolean startsWithAscii(byte[] head, int offset, String prefix) {
        return startsWith(head, offset, prefix.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] head, int offset, byte[] prefix) {
        if (head.length - offset < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (head[offset + i] != prefix[i]) return false;
        return true;
    }
}
