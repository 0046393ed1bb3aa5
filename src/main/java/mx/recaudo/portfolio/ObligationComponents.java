package mx.recaudo.portfolio;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The parts of an obligation's balance (fees, interest; principal is the rest), for allocation by
 * component and for agreement letters. Runs in the caller's transaction, next to
 * {@link Obligations#reduceBalance} and {@link Obligations#restoreBalance}, which move the total.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class ObligationComponents {
    private final JdbcClient jdbc;

    ObligationComponents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Components(BigDecimal fees, BigDecimal interest) {}

    /** Fees and interest of the given obligations (call after locking them). */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Map<Long, Components> of(Collection<Long> obligationIds) {
        Map<Long, Components> result = new HashMap<>();
        if (obligationIds.isEmpty()) return result;
        jdbc.sql("select id, fees_balance, interest_balance from obligation where id = any(?)")
                .param(obligationIds.toArray(Long[]::new))
                .query(rs -> {
                    result.put(rs.getLong(1), new Components(rs.getBigDecimal(2), rs.getBigDecimal(3)));
                });
        return result;
    }

    /** Takes paid fees and interest off an obligation (its balance is reduced separately). */
    public void reduce(long obligationId, BigDecimal fees, BigDecimal interest) {
        if (fees.signum() == 0 && interest.signum() == 0) return;
        int n = jdbc.sql("""
                update obligation set fees_balance = fees_balance - ?, interest_balance = interest_balance - ?
                 where id = ? and fees_balance >= ? and interest_balance >= ?""")
                .params(fees, interest, obligationId, fees, interest).update();
        if (n != 1) throw new IllegalStateException("Obligation " + obligationId + " cannot take fees " + fees + ", interest " + interest);
    }

    /** Gives back fees and interest (a reversal). */
    public void restore(long obligationId, BigDecimal fees, BigDecimal interest) {
        if (fees.signum() == 0 && interest.signum() == 0) return;
        jdbc.sql("update obligation set fees_balance = fees_balance + ?, interest_balance = interest_balance + ? where id = ?")
                .params(fees, interest, obligationId).update();
    }

    /** Sets how much of the balance is fees and interest (a load or a restructure). */
    public void set(long obligationId, BigDecimal fees, BigDecimal interest) {
        jdbc.sql("update obligation set fees_balance = ?, interest_balance = ? where id = ?")
                .params(fees, interest, obligationId).update();
    }
}
