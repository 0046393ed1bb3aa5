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

    static void refreshTouched(Connection connection, UUID org) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("delete from customer_balance where customer_id in (select customer_id from stg_touched)");
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into customer_balance (org_id, customer_id, currency, balance, open_obligations,
                                              oldest_unpaid_due_date)
                select ?, o.customer_id, o.currency, sum(o.balance), count(*), min(o.due_date)
                  from obligation o
                 where o.customer_id in (select distinct customer_id from stg_touched)
                   and o.status in ('ACTIVE', 'DISPUTED', 'IN_ARRANGEMENT', 'LEGAL') and o.balance > 0
                 group by o.customer_id, o.currency""")) {
            ps.setObject(1, org);
            ps.executeUpdate();
        }
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    update customer c set oldest_unpaid_due_date = b.oldest
                      from (select t.customer_id, min(cb.oldest_unpaid_due_date) as oldest
                              from (select distinct customer_id from stg_touched) t
                              left join customer_balance cb on cb.customer_id = t.customer_id
                             group by t.customer_id) b
                     where c.id = b.customer_id and c.oldest_unpaid_due_date is distinct from b.oldest""");
            st.execute("truncate stg_touched");
        }
    }
}
