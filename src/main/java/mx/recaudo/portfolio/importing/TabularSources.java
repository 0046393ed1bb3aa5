package mx.recaudo.portfolio.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * Opens the right {@link TabularSource} for an uploaded file, judging by its first bytes; the file name is only a
 * hint:
 * <ul>
 *   <li>a zip ({@code PK\3\4}) is spooled to a temp file (deleted when the source is closed) and opened as an
 *       {@link XlsxSource} when it holds {@code xl/workbook.xml} (or cannot be listed but is named .xlsx/.xlsm),
 *       otherwise as a {@link CfdiSource} zip;</li>
 *   <li>{@code <?xml} or {@code <cfdi:} (after an optional BOM and blanks), or {@code <} in a file named .xml, is a
 *       single CFDI;</li>
 *   <li>PDF, .xls/encrypted Office, gzip and HTML are refused with {@link UnusableFileException};</li>
 *   <li>anything else is read as a {@link CsvSource} (which refuses binary content).</li>
 * </ul>
 */
final class TabularSources {
    private TabularSources() {}

    /**
     * Opens {@code in} (named {@code fileName}, may be null). The returned source owns the stream: closing it closes
     * the stream; if opening fails, the stream is closed too. CFDI invoices use the default PPD term.
     *
     * @throws UnusableFileException when the file cannot be read as any supported format
     */
    static TabularSource open(String fileName, InputStream in) throws IOException {
        return open(fileName, in, CfdiSource.DEFAULT_PPD_TERM_DAYS);
    }

    /** As {@link #open(String, InputStream)}, with the days after issue that PPD invoices fall due. */
    static TabularSource open(String fileName, InputStream in, int ppdTermDays) throws IOException {
        return open(fileName, in, ppdTermDays, null);
    }

    /** As {@link #open(String, InputStream, int)}, spooling zips into {@code spoolDir} (null: the default temp dir). */
    static TabularSource open(String fileName, InputStream in, int ppdTermDays, Path spoolDir) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(in, CsvSource.SNIFF_BYTES);
        boolean handedOver = false;
        try {
            bin.mark(FileSniffing.HEAD_BYTES);
            byte[] head = bin.readNBytes(FileSniffing.HEAD_BYTES);
            bin.reset();
            TabularSource source;
            if (FileSniffing.isZip(head)) {
                source = openZip(fileName, bin, ppdTermDays, spoolDir);
            } else if (FileSniffing.isXml(head, fileName)) {
                handedOver = true;
                source = CfdiSource.ofSingleXml(fileName, bin, ppdTermDays);
            } else {
                handedOver = true;
                source = new CsvSource(bin);   // refuses PDF, .xls, gzip, HTML, binary
            }
            handedOver = true;
            return source;
        } finally {
            if (!handedOver) bin.close();
        }
    }

    private static TabularSource openZip(String fileName, InputStream in, int ppdTermDays, Path spoolDir)
            throws IOException {
        Path spooled = spoolDir == null
                ? Files.createTempFile("recaudo-import-", ".zip")
                : Files.createTempFile(spoolDir, "recaudo-import-", ".zip");
        try {
            try (in) {
                Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
            }
            if (isWorkbook(spooled, fileName)) {
                return new XlsxSource(spooled, () -> Files.deleteIfExists(spooled));
            }
            return new CfdiSource(Files.newInputStream(spooled), true, null, ppdTermDays,
                    () -> Files.deleteIfExists(spooled));
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(spooled); // the sources delete it themselves on failure; this covers the rest
            throw e;
        }
    }

    private static boolean isWorkbook(Path zip, String fileName) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.getEntry("xl/workbook.xml") != null;
        } catch (IOException | RuntimeException e) {
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            return name.endsWith(".xlsx") || name.endsWith(".xlsm");
        }
    }
}
