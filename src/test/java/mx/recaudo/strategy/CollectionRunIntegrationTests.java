package mx.recaudo.strategy;

import mx.recaudo.demo.PortfolioGenerator;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily run on a generated portfolio: idempotent, split across workers without duplicates, and its dry run. */
@SpringBootTest
@TestPropertySource(properties = "recaudo.workers.enabled=false") // the same context as the other worker tests
class CollectionRunIntegrationTests {
    static final LocalDate AS_OF = LocalDate.of(2026, 5, 4);
    static final int CUSTOMERS = 1_500;
    static final int CHUNK = 150;

    @Autowired CollectionRuns runs;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired JdbcClient jdbc;

    @Test
    void twoNodesRunningTheSameDateAtOncePlanExactlyWhatOneNodePlans() throws Exception {
        UUID single = portfolio("single");
        UUID split = portfolio("split");
        RunView alone = run(single, AS_OF);

        CyclicBarrier together = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        List<Future<UUID>> nodes = List.of(pool.submit(() -> node(split, together)), pool.submit(() -> node(split, together)));
        UUID first = nodes.get(0).get();
        UUID second = nodes.get(1).get();
        pool.shutdown();
        RunView a = RunTestSupport.awaitFinished(runs, split, first);
        RunView b = RunTestSupport.awaitFinished(runs, split, second);

        assertThat(actions(split)).isEqualTo(actions(single)).isNotEmpty();
        assertThat(a.customers() + b.customers()).isEqualTo(alone.customers());
        assertThat(a.actions() + b.actions()).isEqualTo(alone.actions());
        assertThat(tallyOf(split, first, second)).isEqualTo(tallyOf(single, alone.id()));
    }

    @Test
    void runningTheSameDateAgainPlansNothingNewAndTheNextDayOnlyNewStages() {
        UUID org = portfolio("again");
        RunView first = run(org, AS_OF);
        Set<String> before = actions(org);
        assertThat(before).hasSize((int) first.actions());

        RunView again = run(org, AS_OF);
        assertThat(again.actions()).isZero();
        assertThat(actions(org)).isEqualTo(before);

        run(org, AS_OF.plusDays(1));
        run(org, AS_OF.plusDays(8));
        // The default ladder never plans the same step twice for a customer: no bursts, no repeats.
        assertThat(TenantContext.call(org, () -> jdbc.sql("""
                select count(*) from (select customer_id, step_key from planned_action group by 1, 2 having count(*) > 1) t""")
                .query(Long.class).single())).isZero();
        assertThat(TenantContext.call(org, () -> jdbc.sql("""
                select count(*) from planned_action where as_of = ?""").param(AS_OF.plusDays(8)).query(Long.class).single()))
                .isPositive();
    }

    @Test
    void aDryRunReportsCountsAndCostsWithoutWritingAndTheRealRunThenDoesTheSame() {
        UUID orgId = portfolio("dry");
        UUID dryId = TenantContext.call(orgId, () -> runs.startNew(AS_OF, true, "API", "test", CHUNK));
        RunView dry = RunTestSupport.awaitFinished(runs, orgId, dryId);
        assertThat(TenantContext.call(orgId, () -> jdbc.sql("select count(*) from planned_action").query(Long.class).single())).isZero();
        assertThat(TenantContext.call(orgId, () -> jdbc.sql("select count(*) from customer_ladder").query(Long.class).single())).isZero();
        List<TallyRow> dryReport = TenantContext.call(orgId, () -> runs.report(dryId));
        assertThat(dryReport).anySatisfy(r -> {
            assertThat(r.actionType()).isEqualTo("AGENT_CALL");
            assertThat(r.unitCost()).isEqualByComparingTo("22.50");
            assertThat(r.cost()).isEqualByComparingTo(new BigDecimal("22.50").multiply(BigDecimal.valueOf(r.customers())));
        });
        assertThat(dryReport).anySatisfy(r -> assertThat(r.unitCost()).isEqualByComparingTo("1.13"));
        assertThat(TenantContext.call(orgId, () -> runs.estimatedCost(dryId)).get("MXN")).isPositive();

        String someone = TenantContext.call(orgId, () -> jdbc.sql("select external_id from customer order by id limit 1 offset 40")
                .query(String.class).single());
        List<PlannedActionView> predicted = TenantContext.call(orgId, () -> runs.actions(dryId, someone));

        UUID realId = TenantContext.call(orgId, () -> runs.startNew(AS_OF, false, "API", "test", CHUNK));
        RunView real = RunTestSupport.awaitFinished(runs, orgId, realId);
        assertThat(real.customers()).isEqualTo(dry.customers());
        assertThat(TenantContext.call(orgId, () -> runs.report(realId))).isEqualTo(dryReport);
        List<PlannedActionView> planned = TenantContext.call(orgId, () -> runs.actions(realId, someone));
        assertThat(planned).extracting(PlannedActionView::actionType, PlannedActionView::stepKey, PlannedActionView::channel)
                .isEqualTo(predicted.stream().map(p -> org.assertj.core.api.Assertions.tuple(p.actionType(), p.stepKey(), p.channel())).toList());
    }

    private UUID node(UUID orgId, CyclicBarrier together) throws Exception {
        together.await();
        UUID id = TenantContext.call(orgId, () -> runs.startNew(AS_OF, false, "API", "test", CHUNK));
        runs.workUntilIdle();
        return id;
    }

    private RunView run(UUID org, LocalDate asOf) {
        UUID id = TenantContext.call(org, () -> runs.startNew(asOf, false, "API", "test", CHUNK));
        return RunTestSupport.awaitFinished(runs, org, id);
    }

    private UUID portfolio(String prefix) {
        var org = TestOrganizations.create(identity, prefix);
        StringWriter csv = new StringWriter();
        try {
            new PortfolioGenerator(11L, AS_OF, 0).writeCsv(csv, CUSTOMERS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        ImportJob job = TenantContext.call(org.id(), () -> imports.importNow("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
        assertThat(job.status()).isEqualTo(ImportJob.Status.COMPLETED);
        return org.id();
    }

    private Set<String> actions(UUID org) {
        return TenantContext.call(org, () -> new HashSet<>(jdbc.sql("""
                select c.external_id || '|' || p.as_of || '|' || p.step_key || '|' || p.action_type || '|' || p.channel
                       || '|' || p.tone || '|' || p.segment_key || '|' || p.variant_key || '|' || p.status
                  from planned_action p join customer c on c.id = p.customer_id""").query(String.class).list()));
    }

    private Map<String, Long> tallyOf(UUID org, UUID... runIds) {
        return TenantContext.call(org, () -> jdbc.sql("""
                select segment_key || '|' || action_type || '|' || channel as k, sum(customers) as n
                  from collection_run_tally where run_id = any(?) group by 1""").param(runIds)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
