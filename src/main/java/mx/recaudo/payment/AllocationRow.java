package mx.recaudo.payment;

import mx.recaudo.payment.AllocationRule.Share;
import mx.recaudo.platform.CopyRows;
import mx.recaudo.portfolio.OpenObligation;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** One obligation's part of one payment, with what a CFDI payment receipt needs; written in bulk. */
record AllocationRow(UUID paymentId, OpenObligation obligation, int installment, BigDecimal previousBalance, Share share) {
    private static final String COLUMNS = """
            org_id, payment_id, obligation_id, obligation_external_id, invoice_uuid, installment_no, previous_balance,
            amount, remaining_balance, fees_paid, interest_paid, principal_paid, previous_status""";

    BigDecimal remainingBalance() { return previousBalance.subtract(share.total()); }

    /** Inserts the rows in their order (one statement; the driver rewrites the batch as one multi-row insert). */
    static void insert(JdbcTemplate jdbc, UUID org, List<AllocationRow> rows) {
        if (rows.isEmpty()) return;
        jdbc.batchUpdate("insert into payment_allocation (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows, rows.size(), (ps, r) -> {
                    ps.setObject(1, org);
                    ps.setObject(2, r.paymentId());
                    ps.setLong(3, r.obligation().id());
                    ps.setString(4, r.obligation().externalId());
                    ps.setString(5, Payments.invoiceUuid(r.obligation()));
                    ps.setInt(6, r.installment());
                    ps.setBigDecimal(7, r.previousBalance());
                    ps.setBigDecimal(8, r.share().total());
                    ps.setBigDecimal(9, r.remainingBalance());
                    ps.setBigDecimal(10, r.share().fees());
                    ps.setBigDecimal(11, r.share().interest());
                    ps.setBigDecimal(12, r.share().principal());
                    ps.setString(13, r.obligation().status());
                });
    }

    /** Many rows through COPY into a temporary table, then one INSERT ... SELECT (row-level security forbids COPY into the table). */
    static void copy(JdbcTemplate jdbc, UUID org, List<AllocationRow> rows) {
        if (rows.isEmpty()) return;
        CopyRows copy = new CopyRows();
        int seq = 0;
        for (AllocationRow r : rows) {
            copy.add(seq++).add(r.paymentId()).add(r.obligation().id()).add(r.obligation().externalId())
                    .add(Payments.invoiceUuid(r.obligation())).add(r.installment()).add(r.previousBalance().toPlainString())
                    .add(r.share().total().toPlainString()).add(r.remainingBalance().toPlainString())
                    .add(r.share().fees().toPlainString()).add(r.share().interest().toPlainString())
                    .add(r.share().principal().toPlainString()).add(r.obligation().status()).endRow();
        }
        jdbc.execute("""
                create temp table if not exists stg_allocation (seq int, payment_id uuid, obligation_id bigint, obligation_external_id text,
                  invoice_uuid text, installment_no int, previous_balance numeric, amount numeric, remaining_balance numeric,
                  fees_paid numeric, interest_paid numeric, principal_paid numeric, previous_status text) on commit drop;
                truncate stg_allocation""");
        jdbc.execute((ConnectionCallback<Long>) c -> copy.copyInto(c, "copy stg_allocation from stdin"));
        jdbc.update("insert into payment_allocation (" + COLUMNS + ") select ?, " + COLUMNS.replace("org_id, ", "")
                + " from stg_allocation order by seq", org);
    }

    PaymentView.AllocationLine view() {
        return new PaymentView.AllocationLine(obligation.id(), obligation.externalId(), Payments.invoiceUuid(obligation),
                installment, Payments.money(previousBalance), Payments.money(share.total()),
                Payments.money(remainingBalance()), Payments.money(share.fees()), Payments.money(share.interest()),
                Payments.money(share.principal()));
    }
}
