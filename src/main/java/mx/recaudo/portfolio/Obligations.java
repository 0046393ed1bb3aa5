package mx.recaudo.portfolio;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

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

    Obligations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks and returns the customer's open obligations in a currency, oldest due date first. */
    public List<OpenObligation> lockOpen(long customerId, String currency) {
        return jdbc.sql("select * from obligation where customer_id = ? and currency = ? and balance > 0 and status in "
                        + OPEN + " order by due_date, id for update")
                .params(customerId, currency).query((rs, i) -> map(rs)).list();
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
        jdbc.sql("update obligation set status = ?, updated_at = now() where id = ? and status <> 'PAID'")
                .params(status, obligationId).update();
        refreshCustomerOf(obligationId);
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public BigDecimal openBalance(long customerId, String currency) {
        return jdbc.sql("select coalesce(sum(balance), 0) from obligation where customer_id = ? and currency = ? "
                        + "and balance > 0 and status in " + OPEN)
                .params(customerId, currency).query(BigDecimal.class).single();
    }

    private void refreshCustomerOf(long obligationId) {
        long customerId = jdbc.sql("select customer_id from obligation where id = ?").param(obligationId)
                .query(Long.class).single();
        jdbc.sql("delete from customer_balance where customer_id = ?").param(customerId).update();
        jdbc.sql("""
                insert into customer_balance (org_id, customer_id, currency, balance, open_obligations, oldest_unpaid_due_date)
                select org_id, customer_id, currency, sum(balance), count(*), min(due_date) from obligation
                 where customer_id = ? and balance > 0 and status in """ + OPEN + " group by org_id, customer_id, currency")
                .param(customerId).update();
        jdbc.sql("""
                update customer set oldest_unpaid_due_date =
                       (select min(oldest_unpaid_due_date) from customer_balance where customer_id = ?)
                 where id = ?""").params(customerId, customerId).update();
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
