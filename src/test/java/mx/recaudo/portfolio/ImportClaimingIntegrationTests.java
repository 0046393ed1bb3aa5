package mx.recaudo.portfolio;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.importing.ImportJobs;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Several workers (as on several nodes) polling one database run each queued import exactly once. */
@SpringBootTest
@TestPropertySource(properties = "recaudo.workers.enabled=false")
class ImportClaimingIntegrationTests {
    @Autowired ImportJobs jobs;
    @Autowired IdentityManagement identity;
    @Autowired @SystemDatabase JdbcClient system;

    @Test
    void twoWorkersPollingAtOnceRunEachQueuedImportExactlyOnce() throws Exception {
        var org = TestOrganizations.create(identity, "claim");
        byte[] csv = (PortfolioImportIntegrationTests.HEADER
                + "K1,Kari,PERSON,,,,,,,,,FK-1,INVOICE,Internet,MXN,100,100,2025-01-01,2025-02-01\n")
                .getBytes(StandardCharsets.UTF_8);
        UUID first = TenantContext.call(org.id(), () -> jobs.submit("a.csv", new ByteArrayInputStream(csv),
                ImportMode.UPSERT, Map.of(), "API", "test"));
        UUID second = TenantContext.call(org.id(), () -> jobs.submit("b.csv", new ByteArrayInputStream(csv),
                ImportMode.UPSERT, Map.of(), "API", "test"));
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Integer> worker = () -> {
            start.await();
            int ran = 0;
            while (jobs.runNextQueued()) ran++;
            return ran;
        };
        var pool = Executors.newFixedThreadPool(2);
        var a = pool.submit(worker);
        var b = pool.submit(worker);
        int ran = a.get() + b.get();
        pool.shutdown();

        // Workers of other application contexts in this JVM poll the same database, like other nodes:
        // they may take a job too. Whoever ran them, each ran exactly once.
        assertThat(ran).isBetween(0, 2);
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && TenantContext.call(org.id(), () ->
                !jobs.find(first).orElseThrow().finished() || !jobs.find(second).orElseThrow().finished())) {
            Thread.sleep(100);
        }
        TenantContext.run(org.id(), () -> {
            assertThat(jobs.find(first).orElseThrow().status()).isEqualTo(ImportJob.Status.COMPLETED);
            assertThat(jobs.find(second).orElseThrow().status()).isEqualTo(ImportJob.Status.COMPLETED);
            assertThat(jobs.find(first).orElseThrow().obligationsCreated()
                    + jobs.find(second).orElseThrow().obligationsCreated()).isEqualTo(1);
        });
        for (UUID job : new UUID[]{first, second}) {
            assertThat(system.sql("select count(*) from audit_event where entity_id = ? and action = 'IMPORT_COMPLETED'")
                    .param(job.toString()).query(Long.class).single()).as("runs of " + job).isEqualTo(1);
        }
    }
}
