package mx.recaudo.strategy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A daily run's status and counts. */
public record RunView(UUID id, LocalDate asOf, boolean dryRun, String status, String source, String createdBy,
                      int segmentationVersion, int strategyVersion, int totalChunks, int doneChunks, long customers,
                      long actions, long agentTasks, Instant createdAt, Instant finishedAt, String failure) {
    public int progress() {
        return totalChunks == 0 ? 100 : (int) (doneChunks * 100L / totalChunks);
    }

    public boolean finished() {
        return !"RUNNING".equals(status);
    }
}
