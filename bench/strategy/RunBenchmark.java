import mx.recaudo.RecaudoApplication;
import mx.recaudo.demo.PortfolioGenerator;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.identity.Organization;
import mx.recaudo.portfolio.ImportJob;
import mx.recaudo.portfolio.ImportMode;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.strategy.CollectionRuns;
import mx.recaudo.strategy.RunView;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The daily run over N customers (default 1,000,000, about 1.5 obligations each), end to end:
 * facts read, segmentation, strategy, planned actions, agent tasks, ladder state and history all
 * written. Portfolios above 50,000 customers are generated in SQL as the owner (generate_series, then
 * CLUSTER by customer id, the layout an import in file order leaves); smaller ones go through the real
 * importer (timed apart). Run with -Xmx1g; -Drecaudo.strategy.chunk-size=N overrides the chunk size.
 * Args: customers workers
 */
public final class RunBenchmark {
    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        // The database comes from RECAUDO_DB_URL (run.sh sets it); empty = embedded PostgreSQL under target/bench-data.
        SpringApplication app = new SpringApplication(RecaudoApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of("recaudo.workers.enabled", "false",
                "logging.level.root", "WARN", "logging.level.mx.recaudo.strategy", System.getProperty("bench.log", "INFO"), "recaudo.data-dir", "target/bench-data",
                "recaudo.strategy.chunk-size", System.getProperty("recaudo.strategy.chunk-size", "5000")));
        var context = app.run();
        IdentityManagement identity = context.getBean(IdentityManagement.class);
        PortfolioImports imports = context.getBean(PortfolioImports.class);
        CollectionRuns runs = context.getBean(CollectionRuns.class);
        LocalDate asOf = LocalDate.of(2026, 6, 1);

        String slug = "bench-" + customers;
        Organization org = identity.findOrganizationBySlug(slug).orElse(null);
        var systemDb = context.getBean("systemJdbcClient", org.springframework.jdbc.core.simple.JdbcClient.class);
        if (org == null && customers > 50_000) {
            // A million rows through the importer take long on a shared machine; generate them in SQL instead
            // (same shape: ~1.5 obligations per customer, DPD from -10 to 400, most customers reachable).
            org = identity.createOrganization(slug, "Benchmark " + customers, "Benchmark S.A.", null, "MXN", "America/Mexico_City");
            long t0 = System.nanoTime();
            UUID o = org.id();
            systemDb.sql("""
                    insert into customer (org_id, external_id, name, customer_type, customer_since, state, address)
                    select ?, 'B' || g, 'Cliente ' || g, 'PERSON', date '2015-01-01' + (g % 3000),
                           (array['Jalisco','Nuevo León','Ciudad de México','Puebla','Yucatán'])[1 + g % 5],
                           case when g % 7 = 0 then null else 'Calle ' || g end
                      from generate_series(1, ?) g""").params(o, customers).update();
            systemDb.sql("""
                    insert into obligation (org_id, customer_id, external_id, kind, product, currency, original_amount,
                                            balance, issue_date, due_date, status)
                    select ?, c.id, 'O' || c.id || '-' || k, (array['INVOICE','LOAN_INSTALLMENT','CARD'])[1 + (c.id % 3)::int],
                           (array['Crédito personal','Tarjeta','Internet','Nómina'])[1 + (c.id % 4)::int],
                           case when c.id % 50 = 0 then 'USD' else 'MXN' end, 100000,
                           (100 + (c.id * 7919) % 90000)::numeric(19,2), date '2025-01-01',
                           date '2026-06-01' - (((c.id * 31 + k * 17) % 411) - 10)::int, 'ACTIVE'
                      from customer c, generate_series(1, 2) k where c.org_id = ? and (k = 1 or c.id % 2 = 0)""")
                    .params(o, o).update();
            systemDb.sql("""
                    insert into contact_point (org_id, customer_id, channel, value)
                    select ?, c.id, ch, case ch when 'EMAIL' then 'c' || c.id || '@example.mx' else '+52155' || lpad((c.id % 100000000)::text, 8, '0') end
                      from customer c, unnest(array['PHONE','EMAIL','WHATSAPP']) ch
                     where c.org_id = ? and ((ch = 'PHONE' and c.id % 10 <> 0) or (ch = 'EMAIL' and c.id % 5 < 3)
                           or (ch = 'WHATSAPP' and c.id % 10 < 7))""").params(o, o).update();
            systemDb.sql("""
                    insert into customer_balance (org_id, customer_id, currency, balance, open_obligations, oldest_unpaid_due_date)
                    select org_id, customer_id, currency, sum(balance), count(*), min(due_date) from obligation
                     where org_id = ? group by org_id, customer_id, currency""").param(o).update();
            systemDb.sql("""
                    update customer c set oldest_unpaid_due_date = b.oldest
                      from (select customer_id, min(oldest_unpaid_due_date) oldest from customer_balance where org_id = ?
                             group by customer_id) b where c.id = b.customer_id""").param(o).update();
            // The generator's update of customer and grouped insert of balances scatter rows over the heap; an import
            // writes them in file order. Put them back in id order, as a nightly import leaves them.
            for (String sql : new String[]{"cluster customer using customer_pkey", "cluster customer_balance using customer_balance_pkey",
                    "cluster obligation using obligation_customer"}) {
                systemDb.sql(sql).update();
            }
            System.out.printf("generated %,d customers in SQL in %.1f s%n", customers, (System.nanoTime() - t0) / 1e9);
        }
        if (org == null) {
            org = identity.createOrganization(slug, "Benchmark " + customers, "Benchmark S.A.", null, "MXN", "America/Mexico_City");
            Path csv = Files.createTempFile("bench-", ".csv");
            long t0 = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 20)) {
                new PortfolioGenerator(42L, asOf, 0).writeCsv(out, customers);
            }
            long t1 = System.nanoTime();
            System.out.printf("generated %,d customers in %.1f s (%,d bytes)%n", customers, (t1 - t0) / 1e9, Files.size(csv));
            UUID orgId = org.id();
            ImportJob job = TenantContext.call(orgId, () -> {
                try (InputStream in = Files.newInputStream(csv)) {
                    return imports.importNow("bench.csv", in, Files.size(csv), ImportMode.UPSERT, Map.of(), "CLI", "bench");
                }
            });
            System.out.printf("imported %,d rows in %.1f s%n", job.rowsImported(), (System.nanoTime() - t1) / 1e9);
            Files.delete(csv);
        }
        UUID orgId = org.id();
        // Statistics as after a nightly import (autovacuum would do the same shortly after).
        context.getBean("systemJdbcClient", org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("analyze customer, customer_balance, obligation, contact_point, customer_ladder, planned_action").update();

        var system = systemDb;
        for (String table : new String[]{"agent_task", "planned_action", "customer_ladder_history", "customer_ladder", "collection_run"}) {
            system.sql("delete from " + table + " where org_id = ?").param(orgId).update();
        }
        system.sql("vacuum analyze customer_ladder").update();
        for (LocalDate day : new LocalDate[]{asOf, asOf.plusDays(1)}) {
            long start = System.nanoTime();
            UUID run = TenantContext.call(orgId, () -> runs.start(day, false, "CLI", "bench"));
            Thread[] threads = new Thread[workers];
            for (int i = 0; i < workers; i++) {
                threads[i] = new Thread(runs::workUntilIdle, "worker-" + i);
                threads[i].start();
            }
            for (Thread t : threads) t.join();
            RunView v = TenantContext.call(orgId, () -> runs.find(run).orElseThrow());
            double seconds = (System.nanoTime() - start) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.out.printf("run %s as of %s: %s, %,d customers, %,d actions, %,d agent tasks in %.1f s (%,.0f customers/s); "
                            + "heap max %d MB, used now %d MB%n", run, day, v.status(), v.customers(), v.actions(),
                    v.agentTasks(), seconds, v.customers() / seconds, rt.maxMemory() >> 20,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
        System.exit(SpringApplication.exit(context));
    }
}
