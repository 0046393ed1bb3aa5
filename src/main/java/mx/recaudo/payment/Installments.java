package mx.recaudo.payment;

import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.HashMap;
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
        Long[] ids = payments.keySet().toArray(Long[]::new);
        Integer[] counts = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) counts[i] = payments.get(ids[i]);
        jdbc.sql("""
                insert into obligation_payment_count (org_id, obligation_id, posted)
                select ?, v.id, v.n from unnest(?::bigint[], ?::int[]) as v(id, n) order by v.id
                on conflict (obligation_id) do update set posted = obligation_payment_count.posted + excluded.posted
                returning obligation_id, posted""")
                .params(TenantContext.require(), ids, counts)
                .query(rs -> {
                    long id = rs.getLong(1);
                    first.put(id, rs.getInt(2) - payments.get(id) + 1);
                });
        return first;
    }

    /** A reversed payment no longer counts for the obligations it paid. */
    void giveBack(Collection<Long> obligationIds) {
        if (obligationIds.isEmpty()) return;
        jdbc.sql("update obligation_payment_count set posted = posted - 1 where obligation_id = any(?)")
                .param(obligationIds.toArray(Long[]::new)).update();
    }
}
