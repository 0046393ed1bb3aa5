package mx.recaudo.payment;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.portfolio.ObligationComponents;
import mx.recaudo.portfolio.PortfolioImports;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.support.TestOrganizations;
import mx.recaudo.support.TestOrganizations.TestOrg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-based statement posting gives exactly what posting the same lines one by one through
 * {@link Payments} gives (the path the API takes): same payments, allocation rows with their CFDI
 * data, obligation balances and components, customer balances, credit and exceptions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchPostingIntegrationTests {
    @Autowired IdentityManagement identity;
    @Autowired PortfolioImports imports;
    @Autowired BankStatements statements;
    @Autowired PaymentReferences references;
    @Autowired PaymentSettingsStore settings;
    @Autowired Payments payments;
    @Autowired ObligationComponents components;
    @Autowired TransactionTemplate tx;
    @Autowired AuditLog audit;
    @Autowired JdbcTemplate jdbc;

    private static final BankFileLayout LAYOUT = BankFileLayout.standard();

    @ParameterizedTest
    @ValueSource(strings = {"OLDEST_DUE_FIRST", "FEES_INTEREST_PRINCIPAL"})
    void aStatementPostedAsOneBatchEqualsTheSameLinesPostedOneByOne(String rule) throws Exception {
        TestOrg batch = organization("batch", rule);
        TestOrg single = organization("single", rule);

        String batchFile = statement(batch);
        String singleFile = statement(single);
        Path file = Files.createTempFile("edo", ".csv");
        Files.writeString(file, batchFile, StandardCharsets.UTF_8);
        BankStatementResult result = TenantContext.call(batch.id(), () -> statements.importFile(file, "edo.csv", LAYOUT));
        OneByOne expected = TenantContext.call(single.id(), () -> postOneByOne(singleFile, true));

        assertSamePostings(batch, single, result, expected, 6);

        // The same file again posts nothing: every line posted before is a duplicate.
        assertLoadingAgainPostsNothing(batch, () -> statements.importFile(file, "edo.csv", LAYOUT));
        Files.delete(file);
    }

    /**
     * Batches of 5 lines, each split into 3 partitions of customers posted on 3 connections at once: the same
     * payments, allocations, balances, credit and exceptions as posting the lines one by one. E1 and E2 (and
     * E4) fall in different partitions of the same batches; E1 has three obligations and ends with credit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"OLDEST_DUE_FIRST", "FEES_INTEREST_PRINCIPAL"})
    void aStatementPostedInPartitionsOnSeveralConnectionsEqualsTheSameLinesPostedOneByOne(String rule) throws Exception {
        TestOrg batch = organization("part", rule);
        TestOrg single = organization("partsingle", rule);
        String batchFile = referencedStatement(batch);
        String singleFile = referencedStatement(single);
        Path file = Files.createTempFile("edo", ".csv");
        Files.writeString(file, batchFile, StandardCharsets.UTF_8);
        BankStatementResult result = TenantContext.call(batch.id(), () -> importInPartitions(file, 5, 3));
        OneByOne expected = TenantContext.call(single.id(), () -> postOneByOne(singleFile, false));

        assertThat(result.linesRead()).isEqualTo(16);
        assertSamePostings(batch, single, result, expected, 3);
        // The batches were posted in partitions: the first batch (lines 2-6: E1, E2, E3, E1, E4) by one
        // transaction per partition its customers fall in (customer id modulo 3), the first one always.
        List<Integer> partitions = TenantContext.call(batch.id(), () -> jdbc.queryForList("""
                select distinct (id % 3)::int from customer where external_id in ('E1', 'E2', 'E3', 'E4')
                union select 0 order by 1""", Integer.class));
        assertThat(partitions).hasSizeGreaterThan(1);
        assertThat(TenantContext.call(batch.id(), () -> jdbc.queryForList("""
                select (details ->> 'partition')::int from audit_event
                 where action = 'BANK_STATEMENT_LINES_POSTED' and (details ->> 'firstLine')::int = 2 order by 1""",
                Integer.class))).isEqualTo(partitions);
        assertThat(TenantContext.call(batch.id(), () -> jdbc.queryForObject(
                "select lines_read from bank_statement where id = ?", Long.class, result.id()))).isEqualTo(16);

        // Loaded again: nothing posted twice, every payment line a duplicate.
        assertLoadingAgainPostsNothing(batch, () -> importInPartitions(file, 5, 3));
        Files.delete(file);
    }

    /** Two loads of one file at the same moment, both in partitions: every line is posted once, by one of them. */
    @Test
    void theSameFileLoadedTwiceAtTheSameTimePostsEachLineOnce() throws Exception {
        TestOrg org = organization("twice", "OLDEST_DUE_FIRST");
        TestOrg single = organization("twicesingle", "OLDEST_DUE_FIRST");
        Path file = Files.createTempFile("edo", ".csv");
        Files.writeString(file, referencedStatement(org), StandardCharsets.UTF_8);
        String singleFile = referencedStatement(single);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> TenantContext.call(org.id(), () -> importInPartitions(file, 3, 2)));
            var second = pool.submit(() -> TenantContext.call(org.id(), () -> importInPartitions(file, 3, 2)));
            BankStatementResult a = first.get(), b = second.get();
            assertThat(List.of(a.status(), b.status())).containsOnly("COMPLETED");
            assertThat(a.paymentsPosted() + b.paymentsPosted()).isEqualTo(13);
            assertThat(a.paymentsPosted() + a.duplicates() + a.exceptions()).isEqualTo(16);
            assertThat(b.paymentsPosted() + b.duplicates() + b.exceptions()).isEqualTo(16);
        } finally {
            pool.shutdown();
        }
        TenantContext.call(single.id(), () -> postOneByOne(singleFile, false));
        assertThat(TenantContext.call(org.id(), () -> jdbc.queryForList(
                "select count(*) from payment union all select count(distinct idempotency_key) from payment", Long.class)))
                .containsExactly(13L, 13L);
        for (String query : COMPARED.subList(0, 5)) {
            List<Map<String, Object>> a = TenantContext.call(org.id(), () -> jdbc.queryForList(query));
            List<Map<String, Object>> b = TenantContext.call(single.id(), () -> jdbc.queryForList(query));
            assertThat(a).as(query).isNotEmpty().isEqualTo(b);
        }
        Files.delete(file);
    }

    /** The balance cache (per customer and currency, and each customer's oldest unpaid due date) is what the obligations add up to. */
    /**
     * The statement posted in {@code batch} made 13 payments and {@code exceptions} exceptions, and left
     * the same payments, allocations, balances and credit as the lines posted one by one in {@code single}.
     */
    /** A second load of the statement's 13 payment lines posts none of them: each is a duplicate. */
    private void assertLoadingAgainPostsNothing(TestOrg org, java.util.concurrent.Callable<BankStatementResult> load) {
        BankStatementResult again = TenantContext.call(org.id(), load);
        assertThat(again.paymentsPosted()).isZero();
        assertThat(again.duplicates()).isEqualTo(13);
        assertThat(TenantContext.call(org.id(), () -> jdbc.queryForObject("select count(*) from payment", Long.class)))
                .isEqualTo(13);
    }

    private void assertSamePostings(TestOrg batch, TestOrg single, BankStatementResult result, OneByOne expected,
                                    int exceptions) {
        assertThat(result.status()).isEqualTo("COMPLETED");
        assertThat(result.paymentsPosted()).isEqualTo(expected.posted()).isEqualTo(13);
        assertThat(result.exceptions()).isEqualTo(expected.exceptions()).isEqualTo(exceptions);
        assertThat(result.amountPosted()).isEqualByComparingTo(expected.amount());
        for (String query : COMPARED) {
            List<Map<String, Object>> a = TenantContext.call(batch.id(), () -> jdbc.queryForList(query));
            List<Map<String, Object>> b = TenantContext.call(single.id(), () -> jdbc.queryForList(query));
            assertThat(a).as(query).isNotEmpty().isEqualTo(b);
        }
        assertThat(TenantContext.call(batch.id(), () -> audit.verifyChain())).isEqualTo(-1);
        assertBalanceCacheAddsUp(batch);
        assertBalanceCacheAddsUp(single);
    }

    private void assertBalanceCacheAddsUp(TestOrg org) {
        String open = "balance > 0 and status in ('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL')";
        List<Map<String, Object>> cache = TenantContext.call(org.id(), () -> jdbc.queryForList("""
                select customer_id, currency, balance, open_obligations, oldest_unpaid_due_date
                  from customer_balance order by 1, 2"""));
        List<Map<String, Object>> computed = TenantContext.call(org.id(), () -> jdbc.queryForList("""
                select customer_id, currency, sum(balance) as balance, count(*)::int as open_obligations,
                       min(due_date) as oldest_unpaid_due_date
                  from obligation where %s group by 1, 2 order by 1, 2""".formatted(open)));
        assertThat(cache).isNotEmpty().isEqualTo(computed);
        assertThat(TenantContext.call(org.id(), () -> jdbc.queryForList("""
                select c.id, c.oldest_unpaid_due_date from customer c
                 where c.oldest_unpaid_due_date is distinct from (select min(due_date) from obligation o
                                                                  where o.customer_id = c.id and %s)""".formatted(open))))
                .isEmpty();
    }

    private static final BankFileLayout NO_AMOUNT_MATCH = new BankFileLayout("standard", ',', true, "date", "amount",
            "reference", "clabe", "concept", "currency", null, false, "MXN", false);

    private BankStatementResult importInPartitions(Path file, int batchSize, int partitions) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return statements.importStream(in, "edo.csv", BankStatementsSha.of(Files.readString(file)), NO_AMOUNT_MATCH,
                    batchSize, partitions);
        }
    }

    /** Lines matched by reference or CLABE only (a line of none is an exception), so no batch needs the serial path. */
    private String referencedStatement(TestOrg org) {
        return TenantContext.call(org.id(), () -> {
            String r1 = references.referenceFor(customer("E1"));
            String r2 = references.referenceFor(customer("E2"));
            String r4 = references.referenceFor(customer("E4"));
            String r5 = references.referenceFor(customer("E5"));
            String r6 = references.referenceFor(customer("E6"));
            String clabe3 = references.clabeFor(customer("E3")).orElseThrow().value();
            return "date,amount,currency,reference,clabe,concept\n"
                    + "2025-03-01,30.00,MXN," + r1 + ",,parcial cargos\n"
                    + "2025-03-01,45.50,MXN," + r2 + ",,\n"
                    + "2025-03-01,150.00,MXN,," + clabe3 + ",SPEI\n"
                    + "2025-03-01,90.00,MXN," + r1 + ",,parcial\n"
                    + "2025-03-02,999.99,MXN," + r4 + ",,factura\n"
                    + "2025-03-02,100.00,MXN,,,sin referencia\n"                   // no match (no match by amount)
                    + "2025-03-02,200.00,USD," + r2 + ",,dolares\n"
                    + "2025-03-03,1300.00,MXN," + r1 + ",,liquida y sobra\n"
                    + "2025-03-03,0.01,MXN," + r4 + ",,centavo\n"
                    + "2025-03-03,640.00,ZZZ," + r5 + ",,moneda\n"                  // unknown currency
                    + "2025-03-04,640.00,MXN," + r5 + ",,\n"
                    + "2025-03-04,700.00,MXN," + r6 + ",,sobra\n"
                    + "2025-03-04,640.00,MXN," + r2 + ",,sobra\n"
                    + "no-date,5.00,MXN," + r4 + ",,ilegible\n"
                    + "2025-03-05,7.25,MXN," + r4 + ",,credito\n"
                    + "2025-03-05,2.00,MXN," + r1 + ",,mas credito\n";
        });
    }

    @Test
    void theInstallmentNumberCountsPostedPaymentsAndAReversalGivesItsNumberBack() {
        TestOrg org = organization("inst", "OLDEST_DUE_FIRST");
        TenantContext.run(org.id(), () -> {
            long e5 = customer("E5");
            int first = installment(payments.post(e5, payment(e5, "k1")));
            int second = installment(payments.post(e5, payment(e5, "k2")));
            payments.reverse(jdbc.queryForObject("select id from payment where idempotency_key = 'k1'", java.util.UUID.class), "error");
            int third = installment(payments.post(e5, payment(e5, "k3")));
            assertThat(List.of(first, second, third)).containsExactly(1, 2, 2);
            assertThat(jdbc.queryForObject("select posted from obligation_payment_count", Integer.class)).isEqualTo(2);
        });
    }

    private static PostPayment payment(long customer, String key) {
        return new PostPayment(String.valueOf(customer), new BigDecimal("10.00"), "MXN", null, null, key,
                PostPayment.Channel.API);
    }

    private static int installment(Payments.Posted posted) {
        return posted.payment().allocations().getFirst().installmentNo();
    }

    /**
     * What is compared between the two organizations: ids differ, so rows are named by external ids and
     * line numbers, and references and CLABEs (built from each organization's customer ids) as "number".
     */
    private static final List<String> COMPARED = List.of(
            """
            select split_part(p.idempotency_key, ':', 3)::int as line, c.external_id, p.amount, p.currency, p.applied,
                   p.unapplied, regexp_replace(p.reference, '^[0-9]+$', 'number'), p.channel, p.received_at, p.status, p.allocation_rule
              from payment p join customer c on c.id = p.customer_id order by 1""",
            """
            select split_part(p.idempotency_key, ':', 3)::int as line, a.obligation_external_id, a.invoice_uuid,
                   a.installment_no, a.previous_balance, a.amount, a.remaining_balance, a.fees_paid, a.interest_paid,
                   a.principal_paid, a.previous_status
              from payment_allocation a join payment p on p.id = a.payment_id order by 1, a.id""",
            """
            select external_id, balance, fees_balance, interest_balance, status, closed_at is null as open
              from obligation order by external_id""",
            """
            select c.external_id, b.currency, b.balance, b.open_obligations, b.oldest_unpaid_due_date
              from customer_balance b join customer c on c.id = b.customer_id order by 1, 2""",
            "select external_id, oldest_unpaid_due_date from customer order by external_id",
            """
            select line_no, received_on, amount, currency, regexp_replace(reference, '^[0-9]+$', 'number'),
                   regexp_replace(clabe, '^[0-9]+$', 'number'), concept, reason, status
              from payment_exception order by line_no""");

    private TestOrg organization(String prefix, String rule) {
        TestOrg org = TestOrganizations.create(identity, prefix);
        PaymentFixtures.load(imports, org.id(),
                "E1,E1-A,LOAN_INSTALLMENT,MXN,500.00,2025-01-10",
                "E1,E1-B,LOAN_INSTALLMENT,MXN,800.00,2025-02-10",
                "E1,E1-C,LOAN_INSTALLMENT,MXN,120.00,2025-02-10",
                "E2,E2-A,LOAN_INSTALLMENT,MXN,300.00,2025-03-01",
                "E2,E2-U,LOAN_INSTALLMENT,USD,200.00,2025-01-01",
                "E3,E3-A,LOAN_INSTALLMENT,MXN,250.00,2025-01-15",
                "E4,5FA3E1C2-0D4B-4E7A-9C1F-0000000000E4,INVOICE,MXN,1000.00,2025-01-20",
                "E5,E5-A,LOAN_INSTALLMENT,MXN,640.00,2025-01-20",
                "E6,E6-A,LOAN_INSTALLMENT,MXN,640.00,2025-01-20");
        TenantContext.run(org.id(), () -> {
            settings.change(new PaymentSettings(AllocationRule.named(rule), ReferenceScheme.named("MOD10_LUHN"), "", "646", "180"));
            tx.executeWithoutResult(s -> {
                components.set(obligation("E1-A"), new BigDecimal("40.00"), new BigDecimal("60.00"));
                components.set(obligation("E1-B"), new BigDecimal("25.50"), new BigDecimal("100.00"));
                components.set(obligation("E2-A"), BigDecimal.ZERO, new BigDecimal("30.00"));
            });
        });
        return org;
    }

    private long obligation(String externalId) {
        return jdbc.queryForObject("select id from obligation where external_id = ?", Long.class, externalId);
    }

    private long customer(String externalId) {
        return jdbc.queryForObject("select id from customer where external_id = ?", Long.class, externalId);
    }

    /** The statement for an organization: its customers' own references and CLABEs (their ids differ per organization). */
    private String statement(TestOrg org) {
        return TenantContext.call(org.id(), () -> {
            String r1 = references.referenceFor(customer("E1"));
            String r2 = references.referenceFor(customer("E2"));
            String r4 = references.referenceFor(customer("E4"));
            String clabe3 = references.clabeFor(customer("E3")).orElseThrow().value();
            // E2's reference by its check digit only (never handed out), and E4's handed out one.
            String r2computed = ReferenceScheme.named("MOD10_LUHN").reference(String.format("%010d", customer("E2")));
            return "date,amount,currency,reference,clabe,concept\n"
                    + "2025-03-01,30.00,MXN," + r1 + ",,parcial cargos\n"          // E1: fees (and interest) first
                    + "2025-03-01,90.00,MXN," + r1 + ",,parcial\n"
                    + "2025-03-02,100.00,MXN,,,monto de E3?\n"                      // no match (nobody owes 100)
                    + "2025-03-02,150.00,MXN,," + clabe3 + ",SPEI\n"                // E3 by CLABE: 250 -> 100
                    + "2025-03-02,100.00,MXN,,,ahora si E3\n"                       // by amount: E3 now owes exactly 100
                    + "2025-03-03,1300.00,MXN," + r1 + ",,liquida y sobra\n"        // E1 owes exactly this now: settled
                    + "2025-03-03,10.00,MXN," + r1 + ",,todo credito\n"
                    + "2025-03-03,200.00,USD," + r2computed + ",,dolares\n"         // E2 in USD only
                    + "2025-03-04,45.50,MXN," + r2 + ",,\n"
                    + "2025-03-04,999.99,MXN," + r4 + ",,factura\n"
                    + "2025-03-04,0.01,MXN," + r4 + ",,centavo\n"
                    + "2025-03-04,640.00,MXN,,,E5 o E6\n"                           // ambiguous amount
                    + "2025-03-05,640.00,ZZZ," + r4 + ",,moneda\n"                   // unknown currency
                    + "no-date,5.00,MXN," + r4 + ",,ilegible\n"                     // unreadable
                    + "2025-03-05,640.00,MXN," + r2 + ",,sobra\n"
                    + "2025-03-05,120.00,MXN,,,E1-C ya pagada\n"                    // nobody owes 120 any more: no match
                    + "2025-03-06,1.00,MXN,,,ultimo de E4\n"                        // no match
                    + "2025-03-06,7.25,MXN," + r4 + ",,credito\n"
                    + "2025-03-06,2.00,MXN," + r1 + ",,mas credito\n";
        });
    }

    private record OneByOne(long posted, long exceptions, BigDecimal amount) {}

    /** The per-line path: match the line as it stands now, then post it alone through {@link Payments}. */
    private OneByOne postOneByOne(String csv, boolean matchByAmount) throws Exception {
        String sha = BankStatementsSha.of(csv);
        ZoneId zone = ZoneId.of("America/Mexico_City");
        long posted = 0, exceptions = 0;
        BigDecimal amount = BigDecimal.ZERO;
        String[] lines = csv.split("\n");
        List<Object[]> queued = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            long lineNo = i + 1;
            String[] f = (lines[i] + " ").split(",", -1);
            for (int k = 0; k < f.length; k++) f[k] = f[k].strip();
            Optional<BigDecimal> value = LAYOUT.amount(f[1]);
            Optional<LocalDate> date = LAYOUT.date(f[0]);
            String reference = f[3].isEmpty() ? null : f[3];
            String clabe = f[4].isEmpty() ? null : f[4];
            String concept = f[5].isEmpty() ? null : f[5];
            if (value.isEmpty() || date.isEmpty()) {
                queued.add(new Object[]{lineNo, date.orElse(null), value.orElse(null), f[2], reference, clabe, concept, "UNREADABLE"});
                exceptions++;
                continue;
            }
            if (!PostPayment.validCurrency(f[2])) {
                queued.add(new Object[]{lineNo, date.get(), value.get(), null, reference, clabe, concept, "UNKNOWN_CURRENCY"});
                exceptions++;
                continue;
            }
            Optional<Long> customer = references.customerByReference(reference);
            if (customer.isEmpty()) customer = references.customerByClabe(clabe);
            String reason = "NO_MATCH";
            if (customer.isEmpty() && matchByAmount) {
                List<Long> owing = jdbc.queryForList("select customer_id from customer_balance where currency = ? and balance = ? limit 2",
                        Long.class, f[2], value.get());
                if (owing.size() == 1) customer = Optional.of(owing.getFirst());
                else if (owing.size() > 1) reason = "AMBIGUOUS_AMOUNT";
            }
            if (customer.isEmpty()) {
                queued.add(new Object[]{lineNo, date.get(), value.get(), f[2], reference, clabe, concept, reason});
                exceptions++;
                continue;
            }
            String paymentReference = reference != null ? reference : clabe != null ? clabe : concept;
            payments.post(customer.get(), new PostPayment(String.valueOf(customer.get()), value.get(), f[2], paymentReference,
                    date.get().atTime(12, 0).atZone(zone).toInstant(), "bank:" + sha + ":" + lineNo,
                    PostPayment.Channel.BANK_FILE));
            posted++;
            amount = amount.add(value.get());
        }
        java.util.UUID org = TenantContext.require();
        for (Object[] q : queued) {
            jdbc.update("""
                    insert into payment_exception (org_id, line_no, received_on, amount, currency, reference, clabe, concept, reason)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", org, q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7]);
        }
        return new OneByOne(posted, exceptions, amount);
    }

    /** The file's SHA-256 in hex, as the statement import computes it. */
    private static final class BankStatementsSha {
        static String of(String text) {
            return java.util.HexFormat.of().formatHex(BankStatements.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
