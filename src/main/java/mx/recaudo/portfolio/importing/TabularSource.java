package mx.recaudo.portfolio.importing;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A streaming reader of a tabular file (CSV, XLSX, a zip of CFDI XML). Never holds the whole file.
 * Throws {@link UnusableFileException} when the file as a whole cannot be read.
 */
interface TabularSource extends Closeable {
    /** The header cells, as written in the file (trimmed). */
    List<String> header();

    /** The next data row, or {@code null} at the end. */
    SourceRow next() throws IOException;
}
