package mx.recaudo.portfolio.importing;

import de.siegmar.fastcsv.writer.CsvWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.UUID;

/** The downloadable error report of an import, as CSV, streamed from the database. */
final class IssueReport {
    private IssueReport() {}

    static void write(JdbcClient jdbc, UUID importId, Writer out) throws IOException {
        out.write('\uFEFF'); // so that spreadsheet programs open the accents right
        CsvWriter csv = CsvWriter.builder().build(out);
        csv.writeRecord("row", "column", "value", "severity", "reason_es", "reason_en");
        try {
            jdbc.sql("""
                    select row_no, column_name, value, severity, reason_es, reason_en from import_issue
                     where import_id = ? order by row_no, id""").param(importId)
                    .query(rs -> {
                        csv.writeRecord(Long.toString(rs.getLong(1)), nz(rs.getString(2)), nz(rs.getString(3)),
                                rs.getString(4), rs.getString(5), rs.getString(6));
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
