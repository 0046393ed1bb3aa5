package mx.recaudo.portfolio.importing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls for queued imports. Several nodes may poll the same database: a job is claimed with
 * FOR UPDATE SKIP LOCKED, so each runs exactly once; a job whose node died is picked up again.
 */
@Component
class ImportWorker {
    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
    private final ImportJobs jobs;

    ImportWorker(ImportJobs jobs) {
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${recaudo.import.poll-millis:1000}", initialDelay = 2000)
    void poll() {
        try {
            jobs.failAbandonedLocalImports();
            while (jobs.runNextQueued()) {
                // keep draining the queue
            }
        } catch (RuntimeException e) {
            log.error("Import worker failed", e);
        }
    }
}
