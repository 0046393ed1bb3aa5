package mx.recaudo.strategy;

import mx.recaudo.demo.PortfolioGenerator;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed with {@code kill -9} in a separate JVM half-way through, then resumed, ends with
 * exactly the planned actions, ladder states and counts of an uninterrupted run.
 */
@SpringBootTest
@TestPropertySource(properties = "recaudo.workers.enabled=false") // the same context as the other worker tests
class CollectionRunCrashIntegrationTests {
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);
    static final int CUSTOMERS = 8_000;

    @Autowired CollectionRuns runs;
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;

    @Test
    void aRunKilledMidWayAndResumedEndsIdenticalToACleanRun() throws Exception {
        var clean = portfolio("clean");
        var crashed = portfolio("crash");
        UUID cleanRun = TenantContext.call(clean.id(), () -> runs.startNew(AS_OF, false, "API", "test", 100));
        RunView cleanView = RunTestSupport.awaitFinished(runs, clean.id(), cleanRun);

        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), CrashedNode.class.getName(),
                crashed.org().slug(), AS_OF.toString(), "100")
                .redirectErrorStream(true).redirectOutput(new File("target/crashed-node.log")).start();
        UUID run = null;
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            run = system.sql("select id from collection_run where org_id = ? and done_chunks >= 5").param(crashed.id())
                    .query(UUID.class).optional().orElse(null);
            if (run != null || !node.isAlive()) break;
            Thread.sleep(10);
        }
        node.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback courtesy
        node.waitFor();
        assertThat(run).as("the node started the run and planned some chunks (see target/crashed-node.log)").isNotNull();
        UUID runId = run;
        RunView atKill = TenantContext.call(crashed.id(), () -> runs.find(runId).orElseThrow());
        assertThat(atKill.doneChunks()).as("killed mid-way").isLessThan(atKill.totalChunks());

        // A node restarts: the same date resumes the same run and the dead node's chunk is claimed again.
        UUID resumed = TenantContext.call(crashed.id(), () -> runs.start(AS_OF, false, "CLI", "cli"));
        assertThat(resumed).isEqualTo(runId);
        Thread.sleep(2_100);
        RunView done = RunTestSupport.awaitFinished(runs, crashed.id(), runId, 2);

        assertThat(actions(crashed.id())).isEqualTo(actions(clean.id())).isNotEmpty();
        assertThat(states(crashed.id())).isEqualTo(states(clean.id()));
        assertThat(done.customers()).isEqualTo(cleanView.customers());
        assertThat(done.actions()).isEqualTo(cleanView.actions());
        assertThat(done.agentTasks()).isEqualTo(cleanView.agentTasks());
    }

    private TestOrganizations.TestOrg portfolio(String prefix) throws Exception {
        var org = TestOrganizations.create(identity, prefix);
        StringWriter csv = new StringWriter();
        new PortfolioGenerator(23L, AS_OF, 0).writeCsv(csv, CUSTOMERS);
        StrategyTestPortfolios.loadLenient(imports, org.id(), csv.toString());
        return org;
    }

    private Set<String> actions(UUID org) {
        return TenantContext.call(org, () -> new HashSet<>(jdbc.sql("""
                select c.external_id || '|' || p.as_of || '|' || p.step_key || '|' || p.action_type || '|' || p.channel
                       || '|' || p.tone || '|' || p.segment_key || '|' || p.queue_priority || '|' || p.status
                  from planned_action p join customer c on c.id = p.customer_id""").query(String.class).list()));
    }

    private Set<String> states(UUID org) {
        return TenantContext.call(org, () -> new HashSet<>(jdbc.sql("""
                select c.external_id || '|' || l.segment_key || '|' || coalesce(l.stage_key, '-') || '|' || l.as_of
                  from customer_ladder l join customer c on c.id = l.customer_id""").query(String.class).list()));
    }
}
