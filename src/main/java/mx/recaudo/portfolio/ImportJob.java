package mx.recaudo.portfolio;

import java.time.Instant;
import java.util.UUID;

/** An import as its user sees it: where it stands and what it did. {@code progress} is 0–100. */
public record ImportJob(UUID id, String fileName, long fileSize, String source, ImportMode mode, Status status,
                        int progress, long rowsRead, long rowsImported, long rowsRejected, long warnings,
                        long customersCreated, long customersUpdated, long obligationsCreated,
                        long obligationsUpdated, long obligationsClosed, long unchanged, String failureEs,
                        String failureEn, String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public enum Status { DRAFT, QUEUED, RUNNING, COMPLETED, FAILED }

    public boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED;
    }
}
