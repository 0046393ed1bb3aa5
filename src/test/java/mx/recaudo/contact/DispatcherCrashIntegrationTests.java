package mx.recaudo.contact;

import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dispatcher in its own JVM is killed with SIGKILL in the middle of a batch; after a restart every
 * message is delivered exactly once: none lost, none received twice by the provider.
 */
@ContactIntegrationTest
class DispatcherCrashIntegrationTests {
    static final int MESSAGES = 1500;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired ContactOutbox outbox;
    @Autowired ContactProfiles profiles;
    @Autowired OutboxDispatcher dispatcher;

    @Test
    void aDispatcherKilledMidBatchLosesNothingAndSendsNothingTwice() throws Exception {
        TestOrg org = TestOrganizations.create(identity, "crash");
        UUID id = org.id();
        TenantContext.run(id, () -> {
            profiles.save(ContactFixtures.anyTime());
            jdbc.sql("""
                    insert into customer (org_id, external_id, name, customer_type, time_zone)
                    select ?, 'K-' || g, 'Cliente ' || g, 'PERSON', 'America/Mexico_City' from generate_series(1, ?) g""")
                    .params(id, MESSAGES).update();
            jdbc.sql("""
                    insert into contact_point (org_id, customer_id, channel, value)
                    select org_id, id, 'WHATSAPP', '+5255' || (10000000 + id) from customer""").update();
            for (long c : jdbc.sql("select id from customer order by id").query(Long.class).list()) {
                outbox.plan(ContactOutbox.Plan.text(c, Channel.WHATSAPP, "Hola"));
            }
        });
        assertThat(count("select count(*) from contact_message where org_id = ? and status = 'QUEUED'", id)).isEqualTo(MESSAGES);

        Process node = startNode();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (count("select count(*) from contact_sandbox_capture where org_id = ?", id) < MESSAGES / 3) {
                assertThat(node.isAlive()).as("dispatcher node is running").isTrue();
                assertThat(System.currentTimeMillis()).as("node made progress").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            node.destroyForcibly(); // SIGKILL
            node.waitFor();
        }
        long sendingAtKill = count("select count(*) from contact_message where org_id = ? and status = 'SENDING'", id);
        long capturedAtKill = count("select count(*) from contact_sandbox_capture where org_id = ?", id);
        assertThat(capturedAtKill).isLessThan(MESSAGES);

        Thread.sleep(1200); // past the sending lease (1 s in tests): the dead node's claims are reconciled
        dispatcher.reconcileStale();
        while (dispatcher.dispatchOnce("sandbox") > 0) { }

        // received before the kill but recorded by nobody: reconciled by key to SENT; the rest DELIVERED
        long reconciled = count("select count(*) from contact_message where org_id = ? and status = 'SENT'", id);
        assertThat(count("select count(*) from contact_message where org_id = ? and status in ('SENT','DELIVERED')", id)).isEqualTo(MESSAGES);
        assertThat(count("select count(*) from contact_sandbox_capture where org_id = ?", id)).isEqualTo(MESSAGES);
        assertThat(count("select coalesce(sum(duplicates), 0) from contact_sandbox_capture where org_id = ?", id)).isZero();
        System.out.printf("kill -9 test: %d messages SENDING and %d captured at the kill; %d reconciled by key; all %d received once%n",
                sendingAtKill, capturedAtKill, reconciled, MESSAGES);
    }

    long count(String sql, UUID org) {
        return system.sql(sql).param(org).query(Long.class).single();
    }

    static Process startNode() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classpath,
                "-Dspring.profiles.active=test"));
        command.add(DispatcherNode.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "dispatcher-node.log").toFile())
                .directory(new File(".")).start();
    }
}
