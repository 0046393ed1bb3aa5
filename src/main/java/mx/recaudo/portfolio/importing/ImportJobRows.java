package mx.recaudo.portfolio.importing;

import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

final class ImportJobRows {
    private ImportJobRows() {}

    static ImportJob map(ResultSet rs) throws SQLException {
        long size = rs.getLong("file_size");
        long read = rs.getLong("bytes_read");
        String status = rs.getString("status");
        int progress = switch (status) {
            case "COMPLETED", "FAILED" -> 100;
            case "QUEUED", "DRAFT" -> 0;
            default -> size <= 0 ? 0 : (int) Math.min(99, read * 100 / size);
        };
        return new ImportJob(rs.getObject("id", UUID.class), rs.getString("file_name"), size, rs.getString("source"),
                ImportMode.valueOf(rs.getString("mode")), ImportJob.Status.valueOf(status), progress,
                rs.getLong("rows_read"), rs.getLong("rows_imported"), rs.getLong("rows_rejected"),
                rs.getLong("warnings"), rs.getLong("customers_created"), rs.getLong("customers_updated"),
                rs.getLong("obligations_created"), rs.getLong("obligations_updated"), rs.getLong("obligations_closed"),
                rs.getLong("unchanged"), rs.getString("failure_es"), rs.getString("failure_en"),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
