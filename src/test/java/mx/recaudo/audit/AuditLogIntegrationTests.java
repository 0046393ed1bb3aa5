package mx.recaudo.audit;

import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import mx.recaudo.platform.SystemDatabase;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
class AuditLogIntegrationTests {
    @Autowired AuditLog audit;
    @Autowired IdentityManagement identity;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired AuditSealer sealer;

    @Test
    void everyWriteIsRecordedWithActorActionAndEntity() {
        var org = TestOrganizations.create(identity, "audit");
        TenantContext.run(org.id(), () -> {
            tx.executeWithoutResult(s -> audit.record("ana", "UPDATE", "customer", "C-1", Map.of("name", "Ana → Anita")));
            var rows = jdbc.queryForList("select actor, action, entity_type, entity_id from audit_event order by id");
            assertThat(rows).extracting(r -> r.get("action")).contains("CREATE", "UPDATE");
            assertThat(rows.getLast()).containsEntry("actor", "ana").containsEntry("entity_id", "C-1");
            assertThat(audit.verifyChain()).isEqualTo(-1);
        });
    }

    @Test
    void theApplicationCannotEditOrDeleteAuditEvents() {
        var org = TestOrganizations.create(identity, "audit-ro");
        TenantContext.run(org.id(), () -> {
            assertThatThrownBy(() -> jdbc.update("delete from audit_event")).isInstanceOf(DataAccessException.class);
            assertThatThrownBy(() -> jdbc.update("update audit_event set actor = 'x'")).isInstanceOf(DataAccessException.class);
        });
    }

    @Test
    void tamperingWithAnEventBreaksTheChain() {
        var org = TestOrganizations.create(identity, "audit-tamper");
        TenantContext.run(org.id(), () -> tx.executeWithoutResult(s -> {
            audit.record("ana", "PAYMENT", "payment", "P-1", Map.of("amount", "100.00"));
            audit.record("ana", "PAYMENT", "payment", "P-2", Map.of("amount", "200.00"));
        }));
        sealer.sealAll(); // the chain protects an event from its sealing on, about a second after it commits
        // Even the owner must disable the guard trigger to edit; the chain then shows it.
        system.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try {
            system.sql("update audit_event set details = '{\"amount\": \"1.00\"}' where org_id = ? and entity_id = 'P-1'")
                    .param(org.id()).update();
        } finally {
            system.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
        TenantContext.run(org.id(), () -> assertThat(audit.verifyChain()).isPositive());
    }

    @Test
    void deletingAnEventBreaksTheChain() {
        var org = TestOrganizations.create(identity, "audit-delete");
        TenantContext.run(org.id(), () -> tx.executeWithoutResult(s -> {
            for (int i = 1; i <= 3; i++) audit.record("ana", "PAYMENT", "payment", "P-1", Map.of("n", i));
        }));
        sealer.sealAll();
        system.sql("alter table audit_event disable trigger audit_event_no_update").update();
        try {
            system.sql("delete from audit_event where org_id = ? and details ->> 'n' = '2'").param(org.id()).update();
        } finally {
            system.sql("alter table audit_event enable trigger audit_event_no_update").update();
        }
        TenantContext.run(org.id(), () -> assertThat(audit.verifyChain()).isPositive());
    }

    @Test
    void anEventIsSealedWhenItsTransactionCommitsEvenAfterLaterEventsOfItsChain() throws Exception {
        var org = TestOrganizations.create(identity, "audit-order");
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // The first event takes the smaller id but its transaction commits last.
            Future<?> slow = pool.submit(() -> TenantContext.run(org.id(), () -> tx.executeWithoutResult(s -> {
                audit.record("ana", "PAYMENT", "payment", "P-1", Map.of("step", "first, committed last"));
                recorded.countDown();
                await(mayCommit);
            })));
            assertThat(recorded.await(30, TimeUnit.SECONDS)).isTrue();
            TenantContext.run(org.id(), () -> tx.executeWithoutResult(s ->
                    audit.record("ana", "PAYMENT", "payment", "P-1", Map.of("step", "second, committed first"))));
            TenantContext.run(org.id(), () -> assertThat(audit.verifyChain()).isEqualTo(-1));
            assertThat(chain(org.id())).containsExactly("second, committed first");

            mayCommit.countDown();
            slow.get(30, TimeUnit.SECONDS);
            TenantContext.run(org.id(), () -> assertThat(audit.verifyChain()).isEqualTo(-1));
            assertThat(chain(org.id())).containsExactly("second, committed first", "first, committed last");
        } finally {
            mayCommit.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void manyWritersAndSealersAtOnceLeaveOneUnbrokenChainWithNoGaps() throws Exception {
        var org = TestOrganizations.create(identity, "audit-busy");
        int writers = 6, events = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < events; i++) {
                        int n = i;
                        TenantContext.run(org.id(), () -> tx.executeWithoutResult(s ->
                                audit.record("w" + writer, "PAYMENT", "payment", "P-1", Map.of("n", n))));
                    }
                }));
            }
            for (int k = 0; k < 2; k++) work.add(pool.submit(() -> { for (int i = 0; i < 20; i++) sealer.sealAll(); }));
            for (Future<?> f : work) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        TenantContext.run(org.id(), () -> assertThat(audit.verifyChain()).isEqualTo(-1));
        // P-1's chain also holds some of the organization's set-up events: positions 1..n, every one once.
        List<Long> seqs = system.sql("""
                select seq from audit_event where org_id = ? and chain = (select chain from audit_event
                 where org_id = ? and entity_id = 'P-1' limit 1) order by seq""")
                .params(org.id(), org.id()).query(Long.class).list();
        assertThat(seqs).hasSizeGreaterThanOrEqualTo(writers * events);
        for (int i = 0; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(i + 1L);
    }

    @Test
    void sealingCannotChangeWhatAnEventSaysNorSealItTwice() {
        var org = TestOrganizations.create(identity, "audit-seal-once");
        TenantContext.run(org.id(), () -> tx.executeWithoutResult(s ->
                audit.record("ana", "PAYMENT", "payment", "P-1", Map.of("amount", "100.00"))));
        assertThatThrownBy(() -> system.sql("""
                update audit_event set hash = 'x', prev_hash = 'y', seq = 1, actor = 'eve'
                 where org_id = ? and entity_id = 'P-1'""").param(org.id()).update())
                .isInstanceOf(DataAccessException.class);
        sealer.sealAll();
        assertThatThrownBy(() -> system.sql("update audit_event set hash = 'x' where org_id = ? and entity_id = 'P-1'")
                .param(org.id()).update()).isInstanceOf(DataAccessException.class);
        TenantContext.run(org.id(), () -> assertThat(audit.verifyChain()).isEqualTo(-1));
    }

    private List<String> chain(java.util.UUID org) {
        return system.sql("""
                select details ->> 'step' from audit_event
                 where org_id = ? and entity_id = 'P-1' and seq is not null order by seq""")
                .param(org).query(String.class).list();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
