package mx.recaudo.portfolio.importing;

import mx.recaudo.platform.CopyRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import mx.recaudo.portfolio.ImportMode;

/**
 * Writes validated rows in batches on one connection: COPY into session-local staging tables,
 * then set-based upserts into the portfolio tables. A batch is one transaction: it lands whole or
 * not at all, so no row is ever half-applied.
 */
final class PortfolioBatchWriter implements AutoCloseable {
    private final Connection connection;
    private final UUID org;
    private final UUID importId;
    private final boolean trackSeen;

    record BatchResult(long customersCreated, long customersUpdated, long obligationsCreated, long obligationsUpdated) {}

    PortfolioBatchWriter(Connection connection, UUID org, UUID importId, boolean trackSeen) throws SQLException {
        this.connection = connection;
        this.org = org;
        this.importId = importId;
        this.trackSeen = trackSeen;
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    create temp table if not exists stg_row (
                      line bigint, c_ext text, c_name text, c_type text, tax_id text, since date, address text,
                      state text, postal text, tz text, o_ext text, kind text, product text, currency text,
                      original numeric(19,2), balance numeric(19,2), issue date, due date, pay_method text
                    ) on commit delete rows""");
            st.execute("""
                    create temp table if not exists stg_contact (c_ext text, channel text, value text, phone_type text)
                    on commit delete rows""");
            st.execute("create temp table if not exists stg_touched (customer_id bigint) on commit delete rows");
            st.execute("create temp table if not exists import_seen (o_ext text primary key)");
            st.execute("truncate import_seen");
        }
        connection.commit();
    }

    /** Writes one batch and commits it together with {@code alsoInTransaction} (issues, progress). */
    BatchResult write(List<ValidatedRow.Accepted> rows, TransactionalWork alsoInTransaction) throws SQLException {
        try {
            try (Statement st = connection.createStatement()) {
                // A batch lost to a crash before its WAL flush is simply not counted (its progress row
                // is in the same transaction) and is rewritten by importing the file again.
                st.execute("set local synchronous_commit = off");
            }
            BatchResult result = rows.isEmpty() ? new BatchResult(0, 0, 0, 0) : upsert(rows);
            alsoInTransaction.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Records obligation ids seen in rejected rows too, so SNAPSHOT never closes what the file still holds. */
    void rememberSeen(List<String> obligationIds) throws SQLException {
        if (!trackSeen || obligationIds.isEmpty()) return;
        CopyRows copy = new CopyRows();
        for (String id : obligationIds) copy.add(id).endRow();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("create temp table if not exists stg_seen (o_ext text) on commit drop");
            copy.copyInto(connection, "copy stg_seen from stdin");
            st.execute("insert into import_seen select distinct o_ext from stg_seen on conflict do nothing");
        }
        connection.commit();
    }

    private BatchResult upsert(List<ValidatedRow.Accepted> rows) throws SQLException {
        CopyRows staged = new CopyRows();
        CopyRows contacts = new CopyRows();
        for (ValidatedRow.Accepted row : rows) {
            CustomerData c = row.customer();
            ObligationData o = row.obligation();
            staged.add(row.line()).add(c.externalId()).add(c.name()).add(c.customerType()).add(c.taxId())
                    .add(c.customerSince()).add(c.address()).add(c.state()).add(c.postalCode())
                    .add(MexicanTimeZones.forState(c.state()).orElse(null))
                    .add(o.externalId()).add(o.kind()).add(o.product()).add(o.currency()).add(o.originalAmount())
                    .add(o.balance()).add(o.issueDate()).add(o.dueDate()).add(o.paymentMethod()).endRow();
            for (PhoneNumberData phone : c.phones()) {
                contacts.add(c.externalId()).add("PHONE").add(phone.e164()).add(phone.type()).endRow();
            }
            if (c.email() != null) contacts.add(c.externalId()).add("EMAIL").add(c.email()).add(null).endRow();
            if (c.whatsapp() != null) contacts.add(c.externalId()).add("WHATSAPP").add(c.whatsapp()).add(null).endRow();
        }
        staged.copyInto(connection, "copy stg_row from stdin");
        contacts.copyInto(connection, "copy stg_contact from stdin");

        long customersCreated;
        long customersUpdated;
        try (PreparedStatement ps = connection.prepareStatement("""
                with src as (
                  select distinct on (c_ext) *,
                         min(due) filter (where balance > 0) over (partition by c_ext) as oldest_due
                    from stg_row order by c_ext, line desc
                ), up as (
                  -- A new customer starts with its oldest unpaid due date, so the balance refresh that
                  -- follows finds nothing to change (an update would rewrite every index, trigram included).
                  insert into customer as c (org_id, external_id, name, customer_type, tax_id, customer_since,
                                             address, state, postal_code, time_zone, oldest_unpaid_due_date)
                  select ?, c_ext, c_name, c_type, tax_id, since, address, state, postal, tz, oldest_due from src
                  on conflict (org_id, external_id) do update
                     set name = excluded.name, customer_type = excluded.customer_type, tax_id = excluded.tax_id,
                         customer_since = excluded.customer_since, address = excluded.address,
                         state = excluded.state, postal_code = excluded.postal_code,
                         time_zone = excluded.time_zone, updated_at = now()
                   where (c.name, c.customer_type, c.tax_id, c.customer_since, c.address, c.state, c.postal_code,
                          c.time_zone)
                         is distinct from (excluded.name, excluded.customer_type, excluded.tax_id,
                         excluded.customer_since, excluded.address, excluded.state, excluded.postal_code,
                         excluded.time_zone)
                  returning (xmax = 0) as inserted
                )
                select count(*) filter (where inserted), count(*) filter (where not inserted) from up""")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                customersCreated = rs.getLong(1);
                customersUpdated = rs.getLong(2);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into contact_point (org_id, customer_id, channel, value, phone_type)
                select distinct on (x.customer_id, x.channel, x.value) ?, x.customer_id, x.channel, x.value, x.phone_type
                  from (select (select c.id from customer c where c.org_id = ? and c.external_id = s.c_ext) as customer_id,
                               s.channel, s.value, s.phone_type from stg_contact s) x
                 where x.customer_id is not null
                on conflict (customer_id, channel, value) do nothing""")) {
            ps.setObject(1, org);
            ps.setObject(2, org);
            ps.executeUpdate();
        }
        long obligationsCreated;
        long obligationsUpdated;
        try (PreparedStatement ps = connection.prepareStatement("""
                with up as (
                  insert into obligation as o (org_id, customer_id, external_id, kind, product, currency,
                                               original_amount, balance, issue_date, due_date, payment_method,
                                               status, last_import_id)
                  select ?, (select c.id from customer c where c.org_id = ? and c.external_id = s.c_ext), s.o_ext,
                         s.kind, s.product, s.currency, s.original, s.balance, s.issue, s.due,
                         s.pay_method, case when s.balance = 0 then 'PAID' else 'ACTIVE' end, ?
                    from stg_row s
                  on conflict (org_id, external_id) do update
                     set customer_id = excluded.customer_id, kind = excluded.kind, product = excluded.product,
                         currency = excluded.currency, original_amount = excluded.original_amount,
                         balance = excluded.balance, issue_date = excluded.issue_date, due_date = excluded.due_date,
                         payment_method = excluded.payment_method,
                         status = case when excluded.balance = 0 then 'PAID'
                                       when o.status in ('PAID', 'CLOSED_EXTERNALLY') then 'ACTIVE'
                                       else o.status end,
                         closed_at = case when excluded.balance = 0 then coalesce(o.closed_at, now()) else null end,
                         last_import_id = excluded.last_import_id, updated_at = now()
                   where (o.customer_id, o.kind, o.product, o.currency, o.original_amount, o.balance, o.issue_date,
                          o.due_date, o.payment_method, o.status = 'CLOSED_EXTERNALLY')
                         is distinct from (excluded.customer_id, excluded.kind, excluded.product, excluded.currency,
                          excluded.original_amount, excluded.balance, excluded.issue_date, excluded.due_date,
                          excluded.payment_method, false)
                  returning customer_id, (xmax = 0) as inserted
                ), touched as (
                  insert into stg_touched select distinct customer_id from up
                )
                select count(*) filter (where inserted), count(*) filter (where not inserted) from up""")) {
            ps.setObject(1, org);
            ps.setObject(2, org);
            ps.setObject(3, importId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                obligationsCreated = rs.getLong(1);
                obligationsUpdated = rs.getLong(2);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into product_catalog (org_id, name)
                select distinct ?, product from stg_row where product is not null
                on conflict do nothing""")) {
            ps.setObject(1, org);
            ps.executeUpdate();
        }
        if (trackSeen) {
            try (Statement st = connection.createStatement()) {
                st.execute("insert into import_seen select o_ext from stg_row on conflict do nothing");
            }
        }
        BalanceRefresh.refreshTouched(connection, org);
        return new BatchResult(customersCreated, customersUpdated, obligationsCreated, obligationsUpdated);
    }

    /**
     * SNAPSHOT mode: the organization's open obligations that this file did not hold are marked
     * closed outside Recaudo. Returns how many.
     */
    long closeMissing() throws SQLException {
        long closed;
        try (PreparedStatement ps = connection.prepareStatement("""
                with closed as (
                  update obligation o set status = 'CLOSED_EXTERNALLY', closed_at = now(), updated_at = now()
                   where o.org_id = ? and o.status in ('ACTIVE', 'DISPUTED', 'IN_ARRANGEMENT', 'LEGAL')
                     and not exists (select 1 from import_seen s where s.o_ext = o.external_id)
                  returning customer_id
                ), touched as (insert into stg_touched select distinct customer_id from closed)
                select count(*) from closed""")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                closed = rs.getLong(1);
            }
            BalanceRefresh.refreshTouched(connection, org);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return closed;
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (!connection.getAutoCommit()) connection.rollback();
            connection.setAutoCommit(true);
            st.execute("drop table if exists stg_row, stg_contact, stg_touched, import_seen, stg_issue, stg_seen");
        }
    }

    @FunctionalInterface
    interface TransactionalWork {
        void run(Connection connection) throws SQLException;
    }
}
