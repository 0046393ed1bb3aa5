package mx.recaudo.payment;

import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CFDI installment number (número de parcialidad) of each payment an obligation receives: one
 * more than the posted payments it received before. Kept as a counter per obligation (V8), taken in
 * the posting's transaction (its row lock orders concurrent postings) and given back by a reversal.
 */
final class Installments {
    private final JdbcClient jdbc;

    Installments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts {@code payments} more posted payments per obligation; answers, per obligation, the
     * installment number of the first of them (the next ones follow in order).
     */
    Map<Long, Integer> take(Map<Long, Integer> payments) {
        Map<Long, Integer> first = new HashMap<>();
        if (payments.isEmpty()) return first;
        // The counters that exist are moved by a plain update (an upsert would first probe the key and lock each
        // row it finds); only the obligations paid for the first time are inserted. The obligations' row locks,
        // taken before by the posting, keep concurrent postings of an obligation apart.
        jdbc.sql("""
                update obligation_payment_count c set posted = c.posted + v.n
                  from unnest(?::bigint[], ?::int[]) as v(id, n)
                 where c.obligation_id = v.id
                returning c.obligation_id, c.posted""")
                .params(ids(payments.keySet()), counts(payments, payments.keySet()))
                .query(rs -> {
                    long id = rs.getLong(1);
                    first.put(id, rs.getInt(2) - payments.get(id) + 1);
                });
        if (first.size() == payments.size()) return first;
        List<Long> fresh = payments.keySet().stream().filter(id -> !first.containsKey(id)).sorted().toList();
        jdbc.sql("""
                insert into obligation_payment_count (org_id, obligation_id, posted)
                select ?, v.id, v.n from unnest(?::bigint[], ?::int[]) as v(id, n) order by v.id
                on conflict (obligation_id) do update set posted = obligation_payment_count.posted + excluded.posted
                returning obligation_id, posted""")
                .params(TenantContext.require(), ids(fresh), counts(payments, fresh))
                .query(rs -> {
                    long id = rs.getLong(1);
                    first.put(id, rs.getInt(2) - payments.get(id) + 1);
                });
        return first;
    }

    private static Long[] ids(Collection<Long> ids) {
        return ids.toArray(Long[]::new);
    }

    private static Integer[] counts(Map<Long, Integer> payments, Collection<Long> ids) {
        return ids.stream().map(payments::get).toArray(Integer[]::new);
    }

    /** A reversed payment no longer counts for the obligations it paid. */
    void giveBack(Collection<Long> obligationIds) {
        if (obligationIds.isEmpty()) return;
        jdbc.sql("update obligation_payment_count set posted = posted - 1 where obligation_id = any(?)")
                .param(obligationIds.toArray(Long[]::new)).update();
    }
}
