package mx.recaudo.portfolio.importing;

import mx.recaudo.platform.CopyRows;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.shared.TenantContext;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Import jobs: a submitted file is stored in the database (so any node can run it), queued, claimed
 * by one worker, run, and its counts and issues kept for the report.
 */
@Service
public class ImportJobs {
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    static final int CHUNK_SIZE = 1 << 20;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JdbcClient system;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final int batchRows;
    private final String workerName = "node-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ImportJobs(DataSource dataSource, JdbcClient jdbc, @SystemDatabase JdbcClient system, TransactionTemplate tx,
               ObjectMapper json, AuditLog audit) {
        this(dataSource, jdbc, system, tx, json, audit, PortfolioImporter.BATCH_SIZE);
    }

    /** {@code batchRows}: rows per transaction (tests use small batches to see several of them). */
    ImportJobs(DataSource dataSource, JdbcClient jdbc, JdbcClient system, TransactionTemplate tx,
               ObjectMapper json, AuditLog audit, int batchRows) {
        this.batchRows = batchRows;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.system = system;
        this.tx = tx;
        this.json = json;
        this.audit = audit;
    }

    /** Stores the file and queues the import for the bound organization. */
    public UUID submit(String fileName, InputStream content, ImportMode mode, Map<String, String> mapping,
                       String source, String actor) throws IOException {
        return store(fileName, content, mode, mapping, source, actor, "QUEUED");
    }

    /** Stores the file without queuing it, so that its columns can be mapped first (web upload). */
    public UUID draft(String fileName, InputStream content, ImportMode mode, String actor) throws IOException {
        return store(fileName, content, mode, Map.of(), "WEB", actor, "DRAFT");
    }

    /** The header of a stored file; throws UnusableFileException when the file cannot be read at all. */
    public List<String> header(UUID id) throws IOException {
        ImportJob job = find(id).orElseThrow();
        try (InputStream in = new ChunkInputStream(jdbc, id); TabularSource source = TabularSources.open(job.fileName(), in)) {
            return source.header();
        }
    }

    /** The mapping problems of a file's header, empty when the import can start. */
    public List<String> mappingProblems(List<String> header, Map<String, String> mapping) {
        try {
            ColumnResolver.resolve(header, mapping);
            return List.of();
        } catch (UnusableFileException e) {
            return List.of(e.reasonEs(), e.reasonEn());
        }
    }

    /** Queues a draft with its mapping. */
    public void queue(UUID id, Map<String, String> mapping, String actor) {
        int updated = jdbc.sql("update import_job set status = 'QUEUED', mapping = ?::jsonb where id = ? and status = 'DRAFT'")
                .params(mapping == null || mapping.isEmpty() ? null : toJson(mapping), id).update();
        if (updated == 1) {
            tx.executeWithoutResult(s -> audit.record(actor, "IMPORT_SUBMITTED", "import", id.toString(),
                    Map.of("mapping", mapping == null ? Map.of() : mapping, "source", "WEB")));
        }
    }

    /** Marks a draft whose file cannot be read as failed, with the reason. */
    public void fail(UUID id, UnusableFileException reason) {
        finish(id, null, "FAILED", reason.reasonEs(), reason.reasonEn());
        jdbc.sql("delete from import_file_chunk where import_id = ?").param(id).update();
    }

    private UUID store(String fileName, InputStream content, ImportMode mode, Map<String, String> mapping,
                       String source, String actor, String status) throws IOException {
        UUID org = TenantContext.require();
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insertJob(c, id, org, fileName, source, mode, mapping, actor, status);
                MessageDigest sha = sha256();
                long size = 0;
                try (InputStream in = new DigestInputStream(content, sha);
                     PreparedStatement ps = c.prepareStatement(
                             "insert into import_file_chunk (import_id, seq, org_id, data) values (?, ?, ?, ?)")) {
                    byte[] buffer = new byte[CHUNK_SIZE];
                    int seq = 0;
                    int n;
                    while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                        ps.setObject(1, id);
                        ps.setInt(2, seq++);
                        ps.setObject(3, org);
                        ps.setBytes(4, n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n));
                        ps.executeUpdate();
                        size += n;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "update import_job set file_size = ?, file_sha256 = ? where id = ?")) {
                    ps.setLong(1, size);
                    ps.setString(2, HexFormat.of().formatHex(sha.digest()));
                    ps.setObject(3, id);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("Could not store the uploaded file", e);
        }
        if ("QUEUED".equals(status)) {
            tx.executeWithoutResult(s -> audit.record(actor, "IMPORT_SUBMITTED", "import", id.toString(),
                    Map.of("file", fileName, "mode", mode.name(), "source", source)));
        }
        return id;
    }

    /**
     * Runs an import of a local file in this thread (command line, demo). The job is recorded like any
     * other, but the file is read straight from disk instead of being copied into the database.
     */
    public ImportJob runLocal(String fileName, InputStream content, long size, ImportMode mode,
                              Map<String, String> mapping, String source, String actor) {
        UUID org = TenantContext.require();
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            insertJob(c, id, org, fileName, source, mode, mapping, actor, "RUNNING");
            try (PreparedStatement ps = c.prepareStatement("update import_job set file_size = ?, worker = ?, heartbeat_at = now() where id = ?")) {
                ps.setLong(1, size);
                ps.setString(2, workerName);
                ps.setObject(3, id);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the import", e);
        }
        execute(org, id, fileName, content, mode, mapping, actor);
        return find(id).orElseThrow();
    }

    /**
     * An import run from a local file (command line) whose process died cannot be resumed by another
     * node: it has no stored file. Mark it failed so nobody waits for it.
     */
    public int failAbandonedLocalImports() {
        return system.sql("""
                update import_job j set status = 'FAILED', finished_at = now(),
                       failure_es = 'El proceso que ejecutaba esta importación se detuvo; las filas ya confirmadas se conservan completas. Vuelva a importar el archivo: lo ya importado no se duplica.',
                       failure_en = 'The process running this import stopped; rows already committed are kept whole. Import the file again: what was imported is not duplicated.'
                 where status = 'RUNNING' and heartbeat_at < now() - interval '10 minutes'
                   and not exists (select 1 from import_file_chunk c where c.import_id = j.id)""").update();
    }

    /** Claims the oldest queued import of any organization (or one whose worker died) and runs it. */
    public boolean runNextQueued() {
        record Claim(UUID id, UUID org, String fileName, String mode, String mapping, String createdBy) {}
        Optional<Claim> claim = system.sql("""
                update import_job j set status = 'RUNNING', worker = ?, started_at = now(), heartbeat_at = now(),
                       rows_read = 0, rows_imported = 0, rows_rejected = 0, warnings = 0, customers_created = 0,
                       customers_updated = 0, obligations_created = 0, obligations_updated = 0,
                       obligations_closed = 0, unchanged = 0, bytes_read = 0
                 where j.id = (select id from import_job
                                where status = 'QUEUED'
                                   or (status = 'RUNNING' and heartbeat_at < now() - interval '2 minutes'
                                       and exists (select 1 from import_file_chunk c where c.import_id = import_job.id))
                                order by created_at for update skip locked limit 1)
                returning j.id, j.org_id, j.file_name, j.mode, j.mapping::text, j.created_by""")
                .param(workerName)
                .query((rs, i) -> new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .optional();
        if (claim.isEmpty()) return false;
        Claim c = claim.get();
        TenantContext.run(c.org(), () -> {
            jdbc.sql("delete from import_issue where import_id = ?").param(c.id()).update();
            try (InputStream in = new ChunkInputStream(jdbc, c.id())) {
                execute(c.org(), c.id(), c.fileName(), in, ImportMode.valueOf(c.mode()), parseMapping(c.mapping()),
                        c.createdBy());
            } catch (IOException e) {
                log.warn("Import {} could not close its file", c.id(), e);
            }
        });
        return true;
    }

    private void execute(UUID org, UUID id, String fileName, InputStream content, ImportMode mode,
                         Map<String, String> mapping, String actor) {
        CountingStream counted = new CountingStream(content);
        try (TabularSource source = TabularSources.open(fileName, counted)) {
            ImportCounts counts = new PortfolioImporter(dataSource, plannerStatistics, batchRows)
                    .run(org, id, source, mapping, mode, counted.count::get, (conn, issues, running) -> {
                        writeIssues(conn, org, id, issues);
                        writeCounts(conn, id, running, null);
                    });
            finish(id, counts, "COMPLETED", null, null);
            tx.executeWithoutResult(s -> audit.record(actor, "IMPORT_COMPLETED", "import", id.toString(),
                    Map.of("file", fileName, "rowsRead", counts.rowsRead(), "rowsImported", counts.rowsImported(),
                            "rowsRejected", counts.rowsRejected(), "obligationsCreated", counts.obligationsCreated(),
                            "obligationsUpdated", counts.obligationsUpdated(),
                            "obligationsClosed", counts.obligationsClosed())));
        } catch (UnusableFileException e) {
            finish(id, null, "FAILED", e.reasonEs(), e.reasonEn());
        } catch (Exception e) {
            log.error("Import {} failed", id, e);
            finish(id, null, "FAILED",
                    "La importación se detuvo por un error interno; las filas ya confirmadas se conservan completas. "
                            + "Detalle: " + e.getMessage(),
                    "The import stopped on an internal error; rows already committed are kept whole. Detail: "
                            + e.getMessage());
        } finally {
            jdbc.sql("delete from import_file_chunk where import_id = ?").param(id).update();
        }
    }

    /** ANALYZE needs the tables' owner; statistics are not tenant data. A failure only costs speed. */
    private final PlannerStatistics plannerStatistics = new PlannerStatistics() {
        @Override
        public Map<String, Double> rowEstimates(Collection<String> tables) {
            Map<String, Double> estimates = new HashMap<>();
            system.sql("select relname::text, reltuples::float8 from pg_class "
                            + "where oid = any (string_to_array(?, ',')::regclass[])")
                    .param(String.join(",", tables.stream().filter(StatisticsTrigger.TABLES::contains).toList()))
                    .query(rs -> { estimates.put(rs.getString(1), rs.getDouble(2)); });
            return estimates;
        }

        @Override
        public void analyze(Collection<String> tables) {
            List<String> known = tables.stream().filter(StatisticsTrigger.TABLES::contains).toList();
            if (known.isEmpty()) return;
            try {
                system.sql("analyze " + String.join(", ", known)).update();
            } catch (RuntimeException e) {
                log.warn("Could not refresh planner statistics during an import; it goes on", e);
            }
        }
    };

    private void finish(UUID id, ImportCounts counts, String status, String failureEs, String failureEn) {
        try (Connection c = dataSource.getConnection()) {
            if (counts != null) writeCounts(c, id, counts, null);
            try (PreparedStatement ps = c.prepareStatement("""
                    update import_job set status = ?, failure_es = ?, failure_en = ?, finished_at = now(),
                           heartbeat_at = now(), bytes_read = greatest(bytes_read, file_size) where id = ?""")) {
                ps.setString(1, status);
                ps.setString(2, failureEs);
                ps.setString(3, failureEn);
                ps.setObject(4, id);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the end of import " + id, e);
        }
    }

    private static void writeCounts(Connection c, UUID id, ImportCounts n, String ignored) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update import_job set bytes_read = ?, rows_read = ?, rows_imported = ?, rows_rejected = ?,
                       warnings = ?, customers_created = ?, customers_updated = ?, obligations_created = ?,
                       obligations_updated = ?, obligations_closed = ?, unchanged = ?, heartbeat_at = now()
                 where id = ?""")) {
            ps.setLong(1, n.bytesRead());
            ps.setLong(2, n.rowsRead());
            ps.setLong(3, n.rowsImported());
            ps.setLong(4, n.rowsRejected());
            ps.setLong(5, n.warnings());
            ps.setLong(6, n.customersCreated());
            ps.setLong(7, n.customersUpdated());
            ps.setLong(8, n.obligationsCreated());
            ps.setLong(9, n.obligationsUpdated());
            ps.setLong(10, n.obligationsClosed());
            ps.setLong(11, n.unchanged());
            ps.setObject(12, id);
            ps.executeUpdate();
        }
    }

    private static void writeIssues(Connection c, UUID org, UUID id, List<ImportIssue> issues) throws SQLException {
        if (issues.isEmpty()) return;
        CopyRows copy = new CopyRows();
        for (ImportIssue issue : issues) {
            copy.add(id).add(org).add(issue.row()).add(issue.column()).add(truncate(issue.value()))
                    .add(issue.severity().name()).add(issue.reasonEs()).add(issue.reasonEn()).endRow();
        }
        // COPY cannot write into a table under row-level security: stage, then insert (policies apply).
        try (var st = c.createStatement()) {
            st.execute("""
                    create temp table if not exists stg_issue (import_id uuid, org_id uuid, row_no bigint,
                      column_name text, value text, severity text, reason_es text, reason_en text)
                    on commit delete rows""");
            copy.copyInto(c, "copy stg_issue from stdin");
            st.execute("insert into import_issue (import_id, org_id, row_no, column_name, value, severity, reason_es, "
                    + "reason_en) select * from stg_issue");
            st.execute("truncate stg_issue");
        }
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 500 ? value : value.substring(0, 500) + "…";
    }

    private void insertJob(Connection c, UUID id, UUID org, String fileName, String source, ImportMode mode,
                           Map<String, String> mapping, String actor, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into import_job (id, org_id, created_by, file_name, source, mode, mapping, status, started_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setString(3, actor);
            ps.setString(4, fileName);
            ps.setString(5, source);
            ps.setString(6, mode.name());
            ps.setString(7, mapping == null || mapping.isEmpty() ? null : toJson(mapping));
            ps.setString(8, status);
            ps.setTimestamp(9, "RUNNING".equals(status) ? new Timestamp(System.currentTimeMillis()) : null);
            ps.executeUpdate();
        }
    }

    public Optional<ImportJob> find(UUID id) {
        return jdbc.sql("select * from import_job where id = ?").param(id).query((rs, i) -> ImportJobRows.map(rs)).optional();
    }

    public List<ImportJob> recent(int limit) {
        return jdbc.sql("select * from import_job order by created_at desc limit ?").param(limit)
                .query((rs, i) -> ImportJobRows.map(rs)).list();
    }

    /** Writes the error report as CSV (row, column, value, severity, reason_es, reason_en), streaming. */
    public void writeIssueReport(UUID id, Writer out) throws IOException {
        IssueReport.write(jdbc, id, out);
    }

    public List<ImportIssue> issues(UUID id, int limit) {
        return jdbc.sql("""
                select row_no, column_name, value, severity, reason_es, reason_en from import_issue
                 where import_id = ? order by row_no, id limit ?""").params(id, limit)
                .query((rs, i) -> new ImportIssue(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Severity.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6))).list();
    }

    Map<String, String> parseMapping(String text) {
        if (text == null || text.isBlank()) return Map.of();
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored mapping is not JSON", e);
        }
    }

    private String toJson(Map<String, String> mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingStream extends FilterInputStream {
        final AtomicLong count = new AtomicLong();

        CountingStream(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count.incrementAndGet();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count.addAndGet(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count.addAndGet(skipped);
            return skipped;
        }
    }
}
