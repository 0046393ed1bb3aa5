package mx.recaudo.portfolio.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The write path with small batches: what is atomic, what several batches add up to, when ANALYZE runs. */
@SpringBootTest
class PortfolioImportBatchesIntegrationTests {
    static final String HEADER = "customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,"
            + "address,state,postal_code,obligation_id,obligation_kind,product,currency,original_amount,balance,"
            + "issue_date,due_date\n";

    @Autowired IdentityManagement identity;
    @Autowired DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @Autowired @SystemDatabase JdbcClient system;
    @Autowired TransactionTemplate tx;
    @Autowired ObjectMapper json;
    @Autowired AuditLog audit;
    TestOrg org;
    String prefix;

    @BeforeEach
    void newOrganization() {
        org = TestOrganizations.create(identity, "bat");
        prefix = UUID.randomUUID().toString().substring(0, 8);
    }

    ImportJob importText(String csv, int batchRows) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ImportJobs jobs = new ImportJobs(dataSource, jdbc, system, tx, json, audit, batchRows);
        return TenantContext.call(org.id(), () -> jobs.runLocal("cartera.csv", new ByteArrayInputStream(bytes),
                bytes.length, ImportMode.UPSERT, Map.of(), "CLI", "test"));
    }

    /** One customer per row, each with one obligation, a phone and an e-mail. */
    String rows(int from, int to, String obligationPrefix) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i <= to; i++) {
            csv.append(prefix).append("-C").append(i).append(",Cliente ").append(i).append(",PERSON,,2020-01-01,55 1234 ")
                    .append(String.format("%04d", i % 10_000)).append(",c").append(i).append("@example.com,,Calle ")
                    .append(i).append(",Jalisco,44100,").append(obligationPrefix).append(prefix).append("-F").append(i)
                    .append(",INVOICE,Internet,MXN,1000.00,").append(100 + i).append(".00,2025-01-01,2025-02-01\n");
        }
        return csv.toString();
    }

    long count(String sql) {
        return TenantContext.call(org.id(), () -> jdbc.sql(sql).query(Long.class).single());
    }

    @Test
    void aBatchThatFailsInTheDatabaseLeavesNothingOfItsRowsAndKeepsTheBatchesBeforeItWhole() {
        String trigger = "test_boom_" + prefix;
        system.sql("""
                create function %s() returns trigger language plpgsql as $$
                begin
                  if new.external_id like 'BOOM%%' then raise exception 'injected failure for %%', new.external_id; end if;
                  return new;
                end $$""".formatted(trigger)).update();
        system.sql("create trigger %1$s before insert on obligation for each row execute function %1$s()"
                .formatted(trigger)).update();
        ImportJob job;
        try {
            // batches of 100 rows: rows 1-200 commit, the third batch holds the failing row 250
            job = importText(HEADER + rows(1, 249, "") + rows(250, 250, "BOOM") + rows(251, 350, ""), 100);
        } finally {
            system.sql("drop trigger %1$s on obligation".formatted(trigger)).update();
            system.sql("drop function %s()".formatted(trigger)).update();
        }

        assertThat(job.status()).isEqualTo(ImportJob.Status.FAILED);
        assertThat(job.failureEn()).contains("rows already committed are kept whole");
        assertThat(job.rowsImported()).isEqualTo(200);
        assertThat(job.customersCreated()).isEqualTo(200);
        assertThat(count("select count(*) from customer")).isEqualTo(200);
        assertThat(count("select count(*) from obligation")).isEqualTo(200);
        assertThat(count("select count(*) from contact_point")).isEqualTo(400);
        assertThat(count("select count(*) from customer_balance")).isEqualTo(200);
        assertThat(count("select count(*) from customer where external_id = '" + prefix + "-C201'")).isZero();
        // every customer that landed has its obligation, both contact points and its balance
        assertThat(count("""
                select count(*) from customer c
                 where (select count(*) from obligation o where o.customer_id = c.id) <> 1
                    or (select count(*) from contact_point p where p.customer_id = c.id) <> 2
                    or not exists (select 1 from customer_balance b where b.customer_id = c.id)
                    or c.oldest_unpaid_due_date is null""")).isZero();

        // importing the file again (without the failure) completes it and changes nothing already there
        ImportJob again = importText(HEADER + rows(1, 350, ""), 100);
        assertThat(again.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(again.customersCreated()).isEqualTo(150);
        assertThat(again.obligationsCreated()).isEqualTo(150);
        assertThat(again.unchanged()).isEqualTo(200);
        assertThat(count("select count(*) from contact_point")).isEqualTo(700);
    }

    @Test
    void countsAddUpOverBatchesAndAnObligationThatMovesLeavesItsOldCustomerBalanceCorrect() {
        ImportJob first = importText(HEADER + rows(1, 250, ""), 100);
        assertThat(first.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(first.customersCreated()).isEqualTo(250);
        assertThat(first.obligationsCreated()).isEqualTo(250);
        assertThat(count("select count(*) from customer_balance")).isEqualTo(250);

        // F1 now belongs to customer C2 (with C2's balance); C3, in another batch, changes its name
        String moved = rows(2, 2, "").replace(prefix + "-F2,", prefix + "-F1,");
        String renamed = rows(3, 3, "").replace("Cliente 3", "Cliente Tres");
        ImportJob second = importText(HEADER + rows(2, 2, "") + moved + rows(4, 150, "") + renamed, 100);
        assertThat(second.status()).isEqualTo(ImportJob.Status.COMPLETED);
        assertThat(second.customersCreated()).isZero();
        assertThat(second.customersUpdated()).isEqualTo(1);
        assertThat(second.obligationsUpdated()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(149);

        assertThat(count("select count(*) from customer_balance b join customer c on c.id = b.customer_id "
                + "where c.external_id = '" + prefix + "-C1'")).isZero();
        assertThat(count("select count(*) from customer where external_id = '" + prefix + "-C1' "
                + "and oldest_unpaid_due_date is null")).isEqualTo(1);
        assertThat(count("select b.open_obligations from customer_balance b join customer c on c.id = b.customer_id "
                + "where c.external_id = '" + prefix + "-C2'")).isEqualTo(2);
        assertThat(count("select (b.balance * 100)::bigint from customer_balance b join customer c on c.id = b.customer_id "
                + "where c.external_id = '" + prefix + "-C2'")).isEqualTo((102 + 102) * 100);
        assertThat(count("select count(*) from customer where name = 'Cliente Tres'")).isEqualTo(1);
    }

    @Test
    void anIncrementalImportIntoALargerPortfolioDoesNotAnalyze() {
        importText(HEADER + rows(1, 6_000, ""), 50_000);
        long analyzesBefore = analyzeCount();
        ImportJob incremental = importText(HEADER + rows(6_001, 7_100, ""), 50_000);
        assertThat(incremental.customersCreated()).isEqualTo(1_100);
        assertThat(analyzeCount()).isEqualTo(analyzesBefore);
    }

    long analyzeCount() {
        return system.sql("select analyze_count from pg_stat_user_tables where relname = 'customer'")
                .query(Long.class).single();
    }
}
