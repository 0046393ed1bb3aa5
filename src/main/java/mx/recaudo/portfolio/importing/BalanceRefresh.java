package mx.recaudo.portfolio.importing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Recomputes the per-currency balances and the oldest unpaid due date of the customers listed in
 * the session's {@code stg_touched} table. These are caches for listing and filtering; DPD itself
 * is always derived from them at read time for the as-of date.
 */
final class BalanceRefresh {
    private BalanceRefresh() {}

    /*
     * Written so that every lookup is driven from the small staging table through a unique index
     * (= ANY of an array, correlated subqueries, LATERAL): the plans stay O(batch) however large the
     * portfolio is and however stale its statistics are while it grows.
     */
    static void refreshTouched(Connection connection, UUID org) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    delete from customer_balance
                     where customer_id = any (array(select distinct customer_id from stg_touched))""");
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into customer_balance (org_id, customer_id, currency, balance, open_obligations,
                                              oldest_unpaid_due_date)
                select ?, t.customer_id, b.currency, b.balance, b.open, b.oldest
                  from (select distinct customer_id from stg_touched) t
                  cross join lateral (
                    select o.currency, sum(o.balance) as balance, count(*) as open, min(o.due_date) as oldest
                      from obligation o
                     where o.customer_id = t.customer_id
                       and o.status in ('ACTIVE', 'DISPUTED', 'IN_ARRANGEMENT', 'LEGAL') and o.balance > 0
                     group by o.currency) b""")) {
            ps.setObject(1, org);
            ps.executeUpdate();
        }
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    update customer c
                       set oldest_unpaid_due_date = (select min(cb.oldest_unpaid_due_date) from customer_balance cb
                                                      where cb.customer_id = c.id)
                     where c.id = any (array(select distinct customer_id from stg_touched))
                       and c.oldest_unpaid_due_date is distinct from
                           (select min(cb.oldest_unpaid_due_date) from customer_balance cb where cb.customer_id = c.id)""");
            st.execute("truncate stg_touched");
        }
    }
}
