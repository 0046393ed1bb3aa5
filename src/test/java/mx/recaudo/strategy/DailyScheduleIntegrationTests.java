package mx.recaudo.strategy;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Organization;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two scheduler instances (two nodes) on one database tick at the same moment: each organization's
 * run starts once per business date, at its configured hour in its own time zone.
 */
@SpringBootTest
@TestPropertySource(properties = "recaudo.workers.enabled=false")
class DailyScheduleIntegrationTests {
    @Autowired CollectionRuns runs;
    @Autowired IdentityManagement identity;
    @Autowired @SystemDatabase JdbcClient system;

    @Test
    void twoNodesStartEachOrganizationsRunOncePerDateAtItsHourInItsTimeZone() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Organization mexico = identity.createOrganization("sched-mx-" + suffix, "Org MX", "Org MX, S.A.", null, "MXN",
                "America/Mexico_City");
        Organization tijuana = identity.createOrganization("sched-tj-" + suffix, "Org TJ", "Org TJ, S.A.", null, "MXN",
                "America/Tijuana");
        Organization unscheduled = identity.createOrganization("sched-no-" + suffix, "Org NS", "Org NS, S.A.", null, "MXN",
                "America/Mexico_City");
        TenantContext.run(mexico.id(), () -> runs.scheduleDaily(7, "test"));
        TenantContext.run(tijuana.id(), () -> runs.scheduleDaily(7, "test"));

        // 13:30 UTC on 2 March 2026 = 07:30 in Mexico City (UTC-6), 05:30 in Tijuana (UTC-8).
        tickTwoNodesAt(Instant.parse("2026-03-02T13:30:00Z"));
        assertThat(scheduled(mexico)).containsExactly(LocalDate.of(2026, 3, 2));
        assertThat(scheduled(tijuana)).isEmpty();

        // 15:10 UTC: 09:10 in Mexico City (already started today), 07:10 in Tijuana (its hour has come).
        tickTwoNodesAt(Instant.parse("2026-03-02T15:10:00Z"));
        tickTwoNodesAt(Instant.parse("2026-03-02T16:00:00Z"));
        assertThat(scheduled(mexico)).containsExactly(LocalDate.of(2026, 3, 2));
        assertThat(scheduled(tijuana)).containsExactly(LocalDate.of(2026, 3, 2));

        // 05:59 in Tijuana on 3 March is still 2 March's schedule there; Mexico City's next day has begun and its hour has come.
        tickTwoNodesAt(Instant.parse("2026-03-03T13:59:00Z"));
        assertThat(scheduled(mexico)).containsExactly(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3));
        assertThat(scheduled(tijuana)).containsExactly(LocalDate.of(2026, 3, 2));
        assertThat(scheduled(unscheduled)).isEmpty();
        assertThat(TenantContext.call(mexico.id(), () -> runs.recent(10))).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo("SCHEDULE");
            assertThat(r.status()).isEqualTo("COMPLETED"); // no customers: nothing to plan
        });
    }

    private void tickTwoNodesAt(Instant now) throws Exception {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        List<DailySchedule> nodes = List.of(new DailySchedule(runs, system, clock), new DailySchedule(runs, system, clock));
        CyclicBarrier together = new CyclicBarrier(nodes.size());
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<List<DailySchedule.Started>>> ticks = nodes.stream().map(n -> pool.submit(() -> {
                together.await();
                return n.tick();
            })).toList();
            for (Future<List<DailySchedule.Started>> t : ticks) t.get();
        } finally {
            pool.shutdown();
        }
    }

    private List<LocalDate> scheduled(Organization org) {
        return system.sql("select as_of from collection_run where org_id = ? and source = 'SCHEDULE' order by as_of")
                .param(org.id()).query(LocalDate.class).list();
    }
}
