package mx.recaudo.payment;

import mx.recaudo.payment.AllocationRule.Allocation;
import mx.recaudo.payment.AllocationRule.Share;
import mx.recaudo.platform.CopyRows;
import mx.recaudo.portfolio.Obligations;
import mx.recaudo.portfolio.OpenObligation;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Posts many payments in the caller's transaction with a handful of statements whatever their number:
 * lock every customer's open obligations at once, allocate each account's payments in one pass
 * ({@link BatchAllocator}), then write payments, allocation rows (COPY into a staging table),
 * installment counters and balances in bulk. The result is the one posting the payments one by one
 * in the same order gives ({@code BatchPostingIntegrationTests}).
 */
@Service
class BatchPosting {
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Obligations obligations;
    private final Installments installments;

    BatchPosting(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Obligations obligations) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.obligations = obligations;
        this.installments = new Installments(jdbc);
    }

    /** A payment to post for a customer already identified, received at {@code receivedAt} (its command may leave it out). */
    record Line(long customerId, PostPayment command, Instant receivedAt) {}

    /** What a batch posted, and the event of each account's last payment in it (its remaining balance is the account's). */
    record Result(int posted, BigDecimal amount, Map<Account, PaymentPosted> lastEvents) {}

    record Account(long customerId, String currency) {}

    /** Another posting made some of these payments (same keys) at the same time: roll back and try again. */
    static final class ConcurrentPosting extends RuntimeException {
        ConcurrentPosting(int expected, int inserted) {
            super("Only " + inserted + " of " + expected + " payments were new; another posting made the others");
        }
    }

    /**
     * A version-7 UUID: the time in milliseconds, then 74 random bits (of {@link UUID#randomUUID()}). A batch's
     * payments then land next to each other in the primary key instead of on a random page each.
     */
    static UUID timeOrderedId() {
        UUID random = UUID.randomUUID();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(msb, random.getLeastSignificantBits());
    }

    Result post(List<Line> lines, PaymentSettings settings, String actor) {
        if (lines.isEmpty()) return new Result(0, BigDecimal.ZERO, Map.of());
        UUID org = TenantContext.require();
        AllocationRule rule = settings.allocationRule();
        List<Obligations.Locked> locked = obligations.lockOpen(lines.stream().map(Line::customerId).toList());
        Map<Account, List<Obligations.Locked>> open = new HashMap<>();
        Map<Long, BigDecimal> balance = new HashMap<>();
        for (Obligations.Locked l : locked) {
            OpenObligation o = l.obligation();
            open.computeIfAbsent(new Account(o.customerId(), o.currency()), a -> new ArrayList<>()).add(l);
            balance.put(o.id(), o.balance());
        }
        Map<Account, List<Integer>> byAccount = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            byAccount.computeIfAbsent(new Account(line.customerId(), line.command().currency()), a -> new ArrayList<>()).add(i);
        }
        Allocation[] allocations = new Allocation[lines.size()];
        Map<Account, BigDecimal> owed = new HashMap<>();
        byAccount.forEach((account, indexes) -> {
            List<Obligations.Locked> debts = open.getOrDefault(account, List.of());
            owed.put(account, debts.stream().map(d -> d.obligation().balance()).reduce(BigDecimal.ZERO, BigDecimal::add));
            List<Allocation> result = BatchAllocator.allocate(rule, Payments.debts(debts),
                    indexes.stream().map(i -> lines.get(i).command().amount()).toList());
            for (int k = 0; k < indexes.size(); k++) allocations[indexes.get(k)] = result.get(k);
        });

        Map<Long, Integer> sharesPerObligation = new HashMap<>();
        for (Allocation a : allocations) {
            for (Share s : a.shares()) sharesPerObligation.merge(s.obligationId(), 1, Integer::sum);
        }
        Map<Long, Integer> nextInstallment = new HashMap<>(installments.take(sharesPerObligation));
        Map<Long, OpenObligation> byId = new HashMap<>();
        locked.forEach(l -> byId.put(l.obligation().id(), l.obligation()));

        List<AllocationRow> rows = new ArrayList<>();
        Map<Long, BigDecimal[]> reduced = new LinkedHashMap<>();
        Map<Account, PaymentPosted> lastEvents = new LinkedHashMap<>();
        CopyRows payments = new CopyRows();
        BigDecimal amount = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            PostPayment c = line.command();
            Allocation a = allocations[i];
            UUID id = timeOrderedId();
            Instant receivedAt = line.receivedAt();
            for (Share s : a.shares()) {
                OpenObligation o = byId.get(s.obligationId());
                BigDecimal previous = balance.get(o.id());
                rows.add(new AllocationRow(id, o, nextInstallment.merge(o.id(), 1, Integer::sum) - 1, previous, s));
                balance.put(o.id(), previous.subtract(s.total()));
                BigDecimal[] r = reduced.computeIfAbsent(o.id(), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                r[0] = r[0].add(s.total());
                r[1] = r[1].add(s.fees());
                r[2] = r[2].add(s.interest());
            }
            Account account = new Account(line.customerId(), c.currency());
            BigDecimal remaining = owed.merge(account, a.applied().negate(), BigDecimal::add);
            lastEvents.put(account, new PaymentPosted(org, id, line.customerId(), c.currency(), c.amount(), remaining, receivedAt));
            amount = amount.add(c.amount());
            payments.add(i).add(id).add(line.customerId()).add(c.amount().toPlainString()).add(c.currency())
                    .add(a.applied().toPlainString()).add(a.unapplied().toPlainString()).add(c.reference())
                    .add(c.channel().name()).add(receivedAt).add(c.idempotencyKey())
                    .add(Payments.sha256(c.fingerprint())).endRow();
        }
        jdbcTemplate.execute("""
                create temp table if not exists stg_payment (seq int, id uuid, customer_id bigint, amount numeric, currency text,
                  applied numeric, unapplied numeric, reference text, channel text, received_at timestamptz,
                  idempotency_key text, request_hash text) on commit drop;
                truncate stg_payment""");
        jdbcTemplate.execute((ConnectionCallback<Long>) conn -> payments.copyInto(conn, "copy stg_payment from stdin"));
        int inserted = jdbc.sql("""
                insert into payment (id, org_id, customer_id, amount, currency, applied, unapplied, reference, channel,
                                     received_at, status, idempotency_key, request_hash, allocation_rule, created_by)
                select id, ?, customer_id, amount, currency, applied, unapplied, reference, channel, received_at, 'POSTED',
                       idempotency_key, request_hash, ?, ? from stg_payment order by seq
                on conflict (org_id, idempotency_key) do nothing""")
                .params(org, rule.name(), actor).update();
        if (inserted != lines.size()) throw new ConcurrentPosting(lines.size(), inserted);
        AllocationRow.copy(jdbcTemplate, org, rows);
        List<Obligations.Reduction> reductions = new ArrayList<>(reduced.size());
        reduced.forEach((id, r) -> reductions.add(new Obligations.Reduction(id, r[0], r[1], r[2])));
        obligations.reduceBalances(reductions);
        return new Result(lines.size(), amount, lastEvents);
    }
}
