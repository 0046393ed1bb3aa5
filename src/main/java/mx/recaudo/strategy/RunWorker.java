package mx.recaudo.strategy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;


/**
 * Background work on every node: claims and plans chunks of running daily runs, hands their due
 * channel actions over to the contact outbox ({@link OutboxHandover}), and ticks the
 * {@link DailySchedule} (one scheduled run per organization and date, whichever node is first).
 */
@Component
class RunWorker {
    private static final Logger log = LoggerFactory.getLogger(RunWorker.class);
    private final CollectionRuns runs;
    private final DailySchedule schedule;
    private final OutboxHandover handover;
    private final boolean handoverEnabled;

    RunWorker(CollectionRuns runs, DailySchedule schedule, OutboxHandover handover,
              @org.springframework.beans.factory.annotation.Value("${recaudo.strategy.handover.enabled:true}") boolean handoverEnabled) {
        this.runs = runs;
        this.schedule = schedule;
        this.handover = handover;
        this.handoverEnabled = handoverEnabled;
    }

    /** The work runs on this node's own thread, so a long run never holds the shared scheduler thread. */
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "collection-run-worker");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();

    @Scheduled(fixedDelayString = "${recaudo.strategy.poll-millis:1000}", initialDelay = 3000)
    void work() {
        if (!busy.compareAndSet(false, true)) return;
        worker.execute(() -> {
            try {
                runs.workUntilIdle();
                // the planned channel actions whose date has come become outbox messages
                if (handoverEnabled) {
                    OutboxHandover.Result r = handover.handOverAll();
                    if (r.total() > 0) log.info("Handed over to the outbox: {} messages, {} skipped, {} failed",
                            r.handedOver(), r.skipped(), r.failed());
                }
            } catch (RuntimeException e) {
                log.warn("Collection run worker: {}", e.getMessage());
            } finally {
                busy.set(false);
            }
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${recaudo.strategy.schedule-check-millis:60000}", initialDelay = 10_000)
    void startScheduledRuns() {
        schedule.tick();
    }
}
