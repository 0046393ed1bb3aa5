package mx.recaudo.portfolio;

import mx.recaudo.shared.TenantContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The portfolio's write API for balances, used by payments and arrangements. Every method runs in
 * the caller's transaction (so a payment and the balances it changes commit together) and keeps the
 * per-customer balance cache in step.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Obligations {
    private static final String OPEN = "('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL')";
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Obligations(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Locks and returns the customer's open obligations in a currency, oldest due date first. */
    public List<OpenObligation> lockOpen(long customerId, String currency) {
        return jdbc.sql("select * from obligation where customer_id = ? and currency = ? and balance > 0 and status in "
                        + OPEN + " order by due_date, id for update")
                .params(customerId, currency).query((rs, i) -> map(rs)).list();
    }

    /** An open obligation locked for a payment, with the fees and interest inside its balance. */
    public record Locked(OpenObligation obligation, BigDecimal fees, BigDecimal interest) {}

    /**
     * Locks and returns the open obligations of many customers (every currency), in id order, so that
     * two postings that lock overlapping customers always take their locks in the same order.
     */
    public List<Locked> lockOpen(Collection<Long> customerIds) {
        if (customerIds.isEmpty()) return List.of();
        return jdbc.sql("select * from obligation where customer_id = any(?) and balance > 0 and status in "
                        + OPEN + " order by id for update")
                .param(customerIds.stream().distinct().toArray(Long[]::new))
                .query((rs, i) -> new Locked(map(rs), rs.getBigDecimal("fees_balance"), rs.getBigDecimal("interest_balance")))
                .list();
    }

    /** What a payment takes off one obligation: the total, and how much of it was fees and interest. */
    public record Reduction(long obligationId, BigDecimal amount, BigDecimal fees, BigDecimal interest) {
        public Reduction {
            requirePositive(amount);
            if (fees.signum() < 0 || interest.signum() < 0 || fees.add(interest).compareTo(amount) > 0) {
                throw new IllegalArgumentException("Fees and interest must be parts of the amount");
            }
        }
    }

    /**
     * Takes many reductions off their obligations in one statement (one per obligation: add up a
     * batch's shares first); each obligation reaching zero is PAID. All or nothing: refuses (and the
     * caller's transaction rolls back) when any would go below zero. Keeps the customers' balances: an
     * account none of whose obligations closed only owes less (one update by key); the customers with an
     * obligation closed are recomputed from their open obligations.
     */
    public void reduceBalances(Collection<Reduction> reductions) {
        if (reductions.isEmpty()) return;
        int n = reductions.size();
        Long[] ids = new Long[n];
        String[] amounts = new String[n], fees = new String[n], interest = new String[n];
        int i = 0;
        for (Reduction r : reductions) {
            ids[i] = r.obligationId();
            amounts[i] = r.amount().toPlainString();
            fees[i] = r.fees().toPlainString();
            interest[i] = r.interest().toPlainString();
            i++;
        }
        Map<Long, Map<String, BigDecimal>> owesLess = new HashMap<>();
        Set<Long> refresh = new HashSet<>();
        int[] updated = {0};
        jdbc.sql("""
                update obligation o set balance = o.balance - v.amount,
                       fees_balance = o.fees_balance - v.fees, interest_balance = o.interest_balance - v.interest,
                       status = case when o.balance - v.amount = 0 then 'PAID' else o.status end,
                       closed_at = case when o.balance - v.amount = 0 then now() else o.closed_at end, updated_at = now()
                  from unnest(?::bigint[], ?::text[]::numeric[], ?::text[]::numeric[], ?::text[]::numeric[])
                       as v(id, amount, fees, interest)
                 where o.id = v.id and o.balance >= v.amount and o.fees_balance >= v.fees
                   and o.interest_balance >= v.interest
                returning o.customer_id, o.currency, v.amount, o.status in """ + OPEN)
                .params(ids, amounts, fees, interest)
                .query(rs -> {
                    updated[0]++;
                    long customer = rs.getLong(1);
                    if (rs.getBoolean(4)) {
                        owesLess.computeIfAbsent(customer, c -> new HashMap<>()).merge(rs.getString(2), rs.getBigDecimal(3), BigDecimal::add);
                    } else {
                        refresh.add(customer);
                    }
                });
        if (updated[0] != n) {
            throw new IllegalStateException("Only " + updated[0] + " of " + n + " obligations could take their reduction");
        }
        owesLess.keySet().removeAll(refresh);
        if (!owesLess.isEmpty()) {
            List<Long> customers = new ArrayList<>();
            List<String> currencies = new ArrayList<>(), less = new ArrayList<>();
            owesLess.forEach((customer, byCurrency) -> byCurrency.forEach((currency, amount) -> {
                customers.add(customer);
                currencies.add(currency);
                less.add(amount.toPlainString());
            }));
            Set<String> kept = new HashSet<>(jdbc.sql("""
                    update customer_balance b set balance = b.balance - v.amount
                      from unnest(?::bigint[], ?::text[], ?::text[]::numeric[]) as v(customer_id, currency, amount)
                     where b.customer_id = v.customer_id and b.currency = v.currency
                    returning b.customer_id || ' ' || b.currency""")
                    .params(customers.toArray(Long[]::new), currencies.toArray(String[]::new), less.toArray(String[]::new))
                    .query(String.class).list());
            for (int k = 0; k < customers.size(); k++) {
                // A balance row was missing (the cache was out of step): recompute that customer.
                if (!kept.contains(customers.get(k) + " " + currencies.get(k))) refresh.add(customers.get(k));
            }
        }
        if (!refresh.isEmpty()) refreshCustomers(refresh);
    }

    /** Locks one obligation, open or not (reversals need paid ones too). */
    public Optional<OpenObligation> lock(long obligationId) {
        return jdbc.sql("select * from obligation where id = ? for update").param(obligationId)
                .query((rs, i) -> map(rs)).optional();
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<OpenObligation> open(long customerId) {
        return jdbc.sql("select * from obligation where customer_id = ? and balance > 0 and status in " + OPEN
                        + " order by due_date, id").param(customerId).query((rs, i) -> map(rs)).list();
    }

    /** Takes {@code amount} off an obligation's balance; at zero it is PAID. Refuses to go below zero. */
    public void reduceBalance(long obligationId, BigDecimal amount) {
        requirePositive(amount);
        int updated = jdbc.sql("""
                update obligation set balance = balance - ?,
                       status = case when balance - ? = 0 then 'PAID' else status end,
                       closed_at = case when balance - ? = 0 then now() else closed_at end, updated_at = now()
                 where id = ? and balance >= ?""")
                .params(amount, amount, amount, obligationId, amount).update();
        if (updated != 1) throw new IllegalStateException("Obligation " + obligationId + " cannot take " + amount);
        refreshCustomerOf(obligationId);
    }

    /** Gives back {@code amount} to an obligation's balance (a reversal); a PAID obligation is open again. */
    public void restoreBalance(long obligationId, BigDecimal amount) {
        requirePositive(amount);
        int updated = jdbc.sql("""
                update obligation set balance = balance + ?,
                       status = case when status = 'PAID' then 'ACTIVE' else status end,
                       closed_at = case when status = 'PAID' then null else closed_at end, updated_at = now()
                 where id = ?""").params(amount, obligationId).update();
        if (updated != 1) throw new IllegalStateException("No obligation " + obligationId);
        refreshCustomerOf(obligationId);
    }

    /** Marks an obligation as being in an arrangement, disputed, or back to active. */
    public void changeStatus(long obligationId, String status) {
        if (!List.of("ACTIVE", "IN_ARRANGEMENT", "DISPUTED", "LEGAL", "WRITTEN_OFF").contains(status)) {
            throw new IllegalArgumentException("Status " + status + " is not set by hand");
        }
        Optional<String> previous = jdbc.sql("""
                update obligation o set status = ?, updated_at = now() from (select id, status from obligation where id = ? for update) old
                 where o.id = old.id and old.status <> 'PAID' and old.status <> ? returning old.status""")
                .params(status, obligationId, status).query(String.class).optional();
        long customerId = refreshCustomerOf(obligationId);
        if (previous.isPresent()) {
            boolean disputed = jdbc.sql("select exists (select 1 from obligation where customer_id = ? and status = 'DISPUTED' and balance > 0)")
                    .param(customerId).query(Boolean.class).single();
            events.publishEvent(new ObligationStatusChanged(TenantContext.require(), customerId, obligationId, previous.get(), status,
                    disputed));
        }
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public BigDecimal openBalance(long customerId, String currency) {
        return jdbc.sql("select coalesce(sum(balance), 0) from obligation where customer_id = ? and currency = ? "
                        + "and balance > 0 and status in " + OPEN)
                .params(customerId, currency).query(BigDecimal.class).single();
    }

    private long refreshCustomerOf(long obligationId) {
        long customerId = jdbc.sql("select customer_id from obligation where id = ?").param(obligationId)
                .query(Long.class).single();
        refreshCustomers(List.of(customerId));
        return customerId;
    }

    /**
     * Recomputes the balance cache of the given customers from their open obligations, in one
     * statement: rows of currencies no longer owed go, the others are upserted, and each customer's
     * oldest unpaid due date follows (written only when it changes: most payments leave it as it was).
     */
    private void refreshCustomers(Collection<Long> customerIds) {
        Long[] ids = customerIds.stream().distinct().toArray(Long[]::new);
        jdbc.sql("""
                with fresh as (
                  select org_id, customer_id, currency, sum(balance) as balance, count(*) as open_obligations,
                         min(due_date) as oldest
                    from obligation where customer_id = any(?) and balance > 0 and status in """ + OPEN + """
                   group by org_id, customer_id, currency),
                gone as (
                  delete from customer_balance b where b.customer_id = any(?)
                     and not exists (select 1 from fresh f where f.customer_id = b.customer_id and f.currency = b.currency)),
                kept as (
                  insert into customer_balance (org_id, customer_id, currency, balance, open_obligations, oldest_unpaid_due_date)
                  select org_id, customer_id, currency, balance, open_obligations, oldest from fresh
                  on conflict (customer_id, currency) do update set balance = excluded.balance,
                     open_obligations = excluded.open_obligations, oldest_unpaid_due_date = excluded.oldest_unpaid_due_date),
                oldest as (select customer_id, min(oldest) as oldest from fresh group by customer_id)
                update customer c set oldest_unpaid_due_date = o.oldest
                  from unnest(?::bigint[]) as i(id) left join oldest o on o.customer_id = i.id
                 where c.id = i.id and c.oldest_unpaid_due_date is distinct from o.oldest""").params(ids, ids, ids).update();
    }

    private static void requirePositive(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) throw new IllegalArgumentException("Amount must be positive");
    }

    private static OpenObligation map(ResultSet rs) throws SQLException {
        return new OpenObligation(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("external_id"),
                rs.getString("kind"), rs.getString("product"), rs.getString("currency"),
                rs.getBigDecimal("original_amount"), rs.getBigDecimal("balance"),
                rs.getObject("issue_date", LocalDate.class), rs.getObject("due_date", LocalDate.class),
                rs.getString("payment_method"), rs.getString("status"));
    }
}
