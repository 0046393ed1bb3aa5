package mx.recaudo.strategy;

import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Starts each organization's daily run once its configured hour has come in its own time zone,
 * for that business date. Every node ticks; the run row itself is the claim: a unique index on
 * (organization, as-of) for scheduled runs lets exactly one node's insert win, in the same
 * transaction as the run's chunks, so a node dying mid-start leaves either a whole run or none
 * (and the next tick of any node starts it). A node that comes up after the hour catches up the
 * same day; days missed entirely are not replayed (the next run's stage entry covers them).
 */
@Component
class DailySchedule {
    private static final Logger log = LoggerFactory.getLogger(DailySchedule.class);
    private final CollectionRuns runs;
    private final JdbcClient system;
    private final Clock clock;

    DailySchedule(CollectionRuns runs, @SystemDatabase JdbcClient system, Clock clock) {
        this.runs = runs;
        this.system = system;
        this.clock = clock;
    }

    record Started(UUID org, LocalDate asOf, UUID run) {}

    /** One tick: starts the runs that are due and not started yet; returns what this call found due (started here or by another node). */
    List<Started> tick() {
        record Due(UUID org, int hour, String zone) {}
        List<Started> started = new ArrayList<>();
        for (Due due : system.sql("""
                select s.org_id, s.daily_run_hour, o.time_zone from strategy_settings s join organization o on o.id = s.org_id""")
                .query((rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3))).list()) {
            ZonedDateTime local = ZonedDateTime.now(clock.withZone(ZoneId.of(due.zone())));
            if (local.getHour() < due.hour()) continue;
            LocalDate today = local.toLocalDate();
            boolean exists = system.sql("select exists (select 1 from collection_run where org_id = ? and as_of = ? and source = 'SCHEDULE')")
                    .params(due.org(), today).query(Boolean.class).single();
            if (exists) continue;
            try {
                UUID run = TenantContext.call(due.org(), () -> runs.startNew(today, false, "SCHEDULE", "system"));
                started.add(new Started(due.org(), today, run));
            } catch (RuntimeException e) {
                log.warn("Could not start the scheduled run of {}: {}", due.org(), e.getMessage());
            }
        }
        return started;
    }
}
