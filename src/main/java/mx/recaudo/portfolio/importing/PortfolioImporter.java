package mx.recaudo.portfolio.importing;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import mx.recaudo.portfolio.ImportMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a tabular source through validation into the portfolio. Reading and validating the next
 * batch overlaps with writing the previous one (two cores: the JVM parses while PostgreSQL
 * upserts). Rows are encoded for COPY as soon as they are validated, so memory stays bounded by two
 * batches of bytes plus the set of obligation ids already seen, which is what catches an id used
 * twice in one file.
 */
final class PortfolioImporter {
    private static final Logger log = LoggerFactory.getLogger(PortfolioImporter.class);
    static final int BATCH_SIZE = 50_000;

    private final DataSource dataSource;
    private final PlannerStatistics statistics;
    private final int batchSize;

    PortfolioImporter(DataSource dataSource, PlannerStatistics statistics) {
        this(dataSource, statistics, BATCH_SIZE);
    }

    /** {@code statistics} is analyzed as the import grows the tables (see {@link AnalyzePolicy}). */
    PortfolioImporter(DataSource dataSource, PlannerStatistics statistics, int batchSize) {
        this.dataSource = dataSource;
        this.statistics = statistics;
        this.batchSize = batchSize;
    }

    /** The connection is taken here, so the caller must have bound the organization to the thread. */
    ImportCounts run(UUID org, UUID importId, TabularSource source, Map<String, String> mapping, ImportMode mode,
                     LongSupplier bytesRead, ImportProgress progress) throws IOException, SQLException {
        Map<CanonicalColumn, Integer> columns = ColumnResolver.resolve(source.header(), mapping);
        int paymentMethodColumn = ColumnResolver.indexOf(source.header(), "payment_method");
        RowValidator validator = new RowValidator(columns);
        Map<String, Integer> seenObligations = new HashMap<>();
        ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "import-writer-" + importId);
            t.setDaemon(true);
            return t;
        });
        ImportTimings timings = new ImportTimings();
        StatisticsTrigger statisticsTrigger = new StatisticsTrigger(statistics);
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             PortfolioBatchWriter writer = new PortfolioBatchWriter(connection, org, importId,
                     mode == ImportMode.SNAPSHOT, timings)) {
            Totals totals = new Totals();
            Batch batch = new Batch();
            Future<?> pending = null;
            SourceRow row;
            long t = System.nanoTime();
            while ((row = source.next()) != null) {
                totals.rowsRead++;
                ValidatedRow validated = validator.validate(row);
                if (validated instanceof ValidatedRow.Accepted accepted) {
                    accepted = withPaymentMethod(accepted, row, paymentMethodColumn);
                    String obligationId = accepted.obligation().externalId();
                    Integer firstLine = seenObligations.putIfAbsent(obligationId, (int) row.line());
                    if (firstLine != null) {
                        batch.issues.add(ImportIssue.error(row.line(), CanonicalColumn.OBLIGATION_ID.header(), obligationId,
                                "El identificador de obligación ya aparece en la línea " + firstLine + " del archivo",
                                "The obligation id already appears on line " + firstLine + " of the file"));
                        batch.issues.addAll(accepted.warnings());
                        totals.rowsRejected++;
                    } else {
                        batch.rows.add(accepted);
                        batch.rowCount++;
                        batch.issues.addAll(accepted.warnings());
                        if (!accepted.warnings().isEmpty()) totals.warnings++;
                    }
                } else if (validated instanceof ValidatedRow.Rejected rejected) {
                    batch.issues.addAll(rejected.errors());
                    batch.issues.addAll(rejected.warnings());
                    totals.rowsRejected++;
                    String obligationId = row.value(columns.get(CanonicalColumn.OBLIGATION_ID));
                    if (obligationId != null && !obligationId.isBlank()) {
                        seenObligations.putIfAbsent(obligationId.strip(), (int) row.line());
                        batch.rejectedObligationIds.add(obligationId.strip());
                    }
                }
                if (source instanceof CfdiSource cfdi) batch.issues.addAll(cfdi.documentIssues());
                if (batch.rowCount >= batchSize || batch.issues.size() >= batchSize) {
                    totals.stamp(batch);
                    t = timings.add("read+validate", t);
                    await(pending);
                    t = timings.add("reader waits for writer", t);
                    pending = writerThread.submit(writeTask(writer, batch, totals, bytesRead.getAsLong(), progress,
                            statisticsTrigger, timings));
                    batch = new Batch();
                }
            }
            if (source instanceof CfdiSource cfdi) batch.issues.addAll(cfdi.documentIssues());
            totals.stamp(batch);
            t = timings.add("read+validate", t);
            await(pending);
            writerThread.submit(writeTask(writer, batch, totals, bytesRead.getAsLong(), progress, statisticsTrigger,
                    timings)).get();
            timings.add("reader waits for writer", t);
            if (mode == ImportMode.SNAPSHOT) {
                t = System.nanoTime();
                totals.obligationsClosed = writer.closeMissing();
                writer.write(null, (c, none) -> progress.record(c, List.of(), totals.snapshot(bytesRead.getAsLong())));
                timings.add("snapshot close", t);
            }
            t = System.nanoTime();
            statisticsTrigger.finished();
            timings.add("analyze", t);
            ImportCounts counts = totals.snapshot(bytesRead.getAsLong());
            log.info("import {}: {} rows in {} ms, {} batches of up to {}, {} ANALYZE; {}", importId, counts.rowsRead(),
                    (System.nanoTime() - started) / 1_000_000, totals.batchesWritten, batchSize,
                    statisticsTrigger.analyzes(), timings);
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Import interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } finally {
            writerThread.shutdownNow();
        }
    }

    private static Runnable writeTask(PortfolioBatchWriter writer, Batch batch, Totals totals, long bytes,
                                      ImportProgress progress, StatisticsTrigger statisticsTrigger,
                                      ImportTimings timings) {
        return () -> {
            try {
                writer.rememberSeen(batch.rejectedObligationIds);
                var result = writer.write(batch.rows, (connection, written) -> {
                    // Counts are only final once the batch commits; compute them inside the transaction.
                    ImportCounts counts = totals.plus(batch, written, bytes);
                    progress.record(connection, batch.issues, counts);
                });
                totals.add(batch, result);
                totals.batchesWritten++;
                long t = System.nanoTime();
                statisticsTrigger.created(result);
                timings.add("analyze", t);
            } catch (SQLException e) {
                throw new BatchFailedException(e);
            }
        };
    }

    private static ValidatedRow.Accepted withPaymentMethod(ValidatedRow.Accepted accepted, SourceRow row, int column) {
        if (column < 0) return accepted;
        String method = row.value(column);
        if (method == null || method.isBlank()) return accepted;
        ObligationData o = accepted.obligation();
        return new ValidatedRow.Accepted(accepted.line(), accepted.customer(),
                new ObligationData(o.externalId(), o.kind(), o.product(), o.currency(), o.originalAmount(),
                        o.balance(), o.issueDate(), o.dueDate(), method.strip()),
                accepted.warnings());
    }

    private static void await(Future<?> pending) throws InterruptedException, ExecutionException {
        if (pending != null) pending.get();
    }

    private static SQLException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof BatchFailedException b) return b.getCause();
        if (cause instanceof RuntimeException r) throw r;
        return new SQLException(cause);
    }

    private static final class Batch {
        final PortfolioBatchWriter.Staged rows = new PortfolioBatchWriter.Staged();
        int rowCount;
        final List<ImportIssue> issues = new ArrayList<>();
        final List<String> rejectedObligationIds = new ArrayList<>();
        long readMark, rejectedMark, warningsMark;
    }

    private static final class BatchFailedException extends RuntimeException {
        BatchFailedException(SQLException cause) { super(cause); }

        @Override
        public synchronized SQLException getCause() { return (SQLException) super.getCause(); }
    }

    /**
     * Counts of the reading thread (rows read, rejected, with warnings) are stamped on each batch when
     * it is handed over; the writer thread adds what the database did once the batch commits.
     */
    private static final class Totals {
        long rowsRead, rowsRejected, warnings;
        int batchesWritten;
        private long committedRead, committedRejected, committedWarnings;
        private long imported, customersCreated, customersUpdated, obligationsCreated, obligationsUpdated, unchanged;
        volatile long obligationsClosed;

        void stamp(Batch batch) {
            batch.readMark = rowsRead;
            batch.rejectedMark = rowsRejected;
            batch.warningsMark = warnings;
        }

        /** The counts once {@code batch} is committed with {@code r}: what its transaction records. */
        synchronized ImportCounts plus(Batch batch, PortfolioBatchWriter.BatchResult r, long bytes) {
            return new ImportCounts(bytes, batch.readMark, imported + batch.rowCount, batch.rejectedMark,
                    batch.warningsMark, customersCreated + r.customersCreated(), customersUpdated + r.customersUpdated(),
                    obligationsCreated + r.obligationsCreated(), obligationsUpdated + r.obligationsUpdated(),
                    obligationsClosed, unchanged + batch.rowCount - r.obligationsCreated() - r.obligationsUpdated());
        }

        synchronized void add(Batch batch, PortfolioBatchWriter.BatchResult r) {
            imported += batch.rowCount;
            customersCreated += r.customersCreated();
            customersUpdated += r.customersUpdated();
            obligationsCreated += r.obligationsCreated();
            obligationsUpdated += r.obligationsUpdated();
            unchanged += batch.rowCount - r.obligationsCreated() - r.obligationsUpdated();
            committedRead = batch.readMark;
            committedRejected = batch.rejectedMark;
            committedWarnings = batch.warningsMark;
        }

        synchronized ImportCounts snapshot(long bytes) {
            return new ImportCounts(bytes, committedRead, imported, committedRejected, committedWarnings,
                    customersCreated, customersUpdated, obligationsCreated, obligationsUpdated, obligationsClosed,
                    unchanged);
        }
    }
}
