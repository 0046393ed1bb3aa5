package mx.recaudo.strategy;

import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Background work on every node: claims and plans chunks of running daily runs, and starts each
 * organization's scheduled daily run once its configured hour has come (one per date, whichever
 * node is first: a unique index decides).
 */
@Component
class RunWorker {
    private static final Logger log = LoggerFactory.getLogger(RunWorker.class);
    private final CollectionRuns runs;
    private final JdbcClient system;
    private final Clock clock;

    RunWorker(CollectionRuns runs, @SystemDatabase JdbcClient system, Clock clock) {
        this.runs = runs;
        this.system = system;
        this.clock = clock;
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
        record Due(UUID org, int hour, String zone) {}
        for (Due due : system.sql("""
                select s.org_id, s.daily_run_hour, o.time_zone from strategy_settings s join organization o on o.id = s.org_id""")
                .query((rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3))).list()) {
            ZonedDateTime local = ZonedDateTime.now(clock.withZone(ZoneId.of(due.zone())));
            if (local.getHour() < due.hour()) continue;
            LocalDate today = local.toLocalDate();
            boolean started = system.sql("select exists (select 1 from collection_run where org_id = ? and as_of = ? and source = 'SCHEDULE')")
                    .params(due.org(), today).query(Boolean.class).single();
            if (started) continue;
            try {
                TenantContext.run(due.org(), () -> runs.startNew(today, false, "SCHEDULE", "system"));
            } catch (RuntimeException e) {
                log.warn("Could not start the scheduled run of {}: {}", due.org(), e.getMessage());
            }
        }
    }
}
