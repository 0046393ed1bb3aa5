package mx.recaudo.portfolio.importing;

import mx.recaudo.platform.CopyRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * Writes validated rows in batches on one connection: COPY into session-local staging tables, then a
 * few set-based statements. A batch is one transaction: it lands whole or not at all, so no row is
 * ever half-applied.
 * <p>
 * Every lookup of a portfolio table is driven from the staging tables through a unique index (LATERAL
 * with OFFSET 0, {@code = any(array(…))}), so the plans stay O(batch) however large the portfolio is and
 * however stale its statistics are while an import grows it.
 * <p>
 * Rows go into each table in the order of its secondary index that would otherwise be hit at random
 * (customers by name, contact points by value, balances by amount): with new ids at the right edge of
 * the primary and unique keys, that keeps most index inserts on pages already in shared buffers.
 * <p>
 * Why it is written this way (throughput): every customer and obligation of the batch is looked up
 * once, by its external id, through the unique index, driven from the staging table. New customers get
 * their ids from the identity sequence up front, so new rows are plain inserts in key order (no
 * speculative ON CONFLICT insertion, no second lookup to find the ids again), only rows whose values
 * differ are updated, and the balances of new customers are computed from the staging rows instead of
 * being read back from the obligations.
 */
final class PortfolioBatchWriter implements AutoCloseable {
    /** First key of the advisory lock that makes imports into one organization take turns. */
    private static final int ORGANIZATION_LOCK = 0x52_49_4D_50; // "RIMP"
    private final Connection connection;
    private final UUID org;
    private final UUID importId;
    private final boolean trackSeen;
    private final ImportTimings timings;
    private final String customerSequence;

    record BatchResult(long customersCreated, long customersUpdated, long obligationsCreated, long obligationsUpdated,
                       long contactPointsCreated, long balancesWritten) {
        static final BatchResult EMPTY = new BatchResult(0, 0, 0, 0, 0, 0);
    }

    /** The rows of one batch, already in COPY text format (encoded by the reading thread). */
    static final class Staged {
        final CopyRows rows = new CopyRows();
        final CopyRows contacts = new CopyRows();

        void add(ValidatedRow.Accepted row) {
            CustomerData c = row.customer();
            ObligationData o = row.obligation();
            rows.add(row.line()).add(c.externalId()).add(c.name()).add(c.customerType()).add(c.taxId())
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

        int size() { return rows.rows(); }
    }

    PortfolioBatchWriter(Connection connection, UUID org, UUID importId, boolean trackSeen, ImportTimings timings)
            throws SQLException {
        this.connection = connection;
        this.org = org;
        this.importId = importId;
        this.trackSeen = trackSeen;
        this.timings = timings;
        try (Statement st = connection.createStatement()) {
            // Keeps a batch's staging tables in memory; PostgreSQL allows it only before the session's first
            // use of a temp table (a pooled connection may have used one already: then it stays as it was).
            st.execute("set temp_buffers = '128MB'");
        } catch (SQLException alreadyUsed) {
            // only slower
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("""
                    create temp table if not exists stg_row (
                      line bigint, c_ext text, c_name text, c_type text, tax_id text, since date, address text,
                      state text, postal text, tz text, o_ext text, kind text, product text, currency char(3),
                      original numeric(19,2), balance numeric(19,2), issue date, due date, pay_method text
                    ) on commit delete rows""");
            st.execute("""
                    create temp table if not exists stg_contact (c_ext text, channel text, value text, phone_type text)
                    on commit delete rows""");
            st.execute("""
                    create temp table if not exists stg_cust (
                      c_ext text, id bigint, is_new boolean, changed boolean, c_name text, c_type text, tax_id text,
                      since date, address text, state text, postal text, tz text, oldest_due date
                    ) on commit delete rows""");
            st.execute("""
                    create temp table if not exists stg_obl (
                      line bigint, o_ext text, customer_id bigint, customer_new boolean, existing_id bigint,
                      old_customer_id bigint, changed boolean, kind text, product text, currency char(3),
                      original numeric(19,2), balance numeric(19,2), issue date, due date, pay_method text
                    ) on commit delete rows""");
            st.execute("create temp table if not exists stg_touched (customer_id bigint) on commit delete rows");
            st.execute("create temp table if not exists import_seen (o_ext text primary key)");
            st.execute("truncate import_seen");
            try (ResultSet rs = st.executeQuery("select pg_get_serial_sequence('customer', 'id')")) {
                rs.next();
                customerSequence = rs.getString(1);
            }
        }
        connection.commit();
    }

    /** Writes one batch and commits it together with {@code alsoInTransaction} (issues, progress). */
    BatchResult write(Staged batch, TransactionalWork alsoInTransaction) throws SQLException {
        try {
            try (Statement st = connection.createStatement()) {
                // A batch lost to a crash before its WAL flush is simply not counted (its progress row
                // is in the same transaction) and is rewritten by importing the file again.
                st.execute("set local synchronous_commit = off");
                // Room for the sorts and hashes over a whole batch, and for the trigram index's pending
                // list to be merged in large sorted runs.
                st.execute("set local work_mem = '64MB'");
            }
            BatchResult result = batch == null || batch.size() == 0 ? BatchResult.EMPTY : upsert(batch);
            long t = System.nanoTime();
            alsoInTransaction.run(connection, result);
            connection.commit();
            timings.add("progress+commit", t);
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

    private BatchResult upsert(Staged batch) throws SQLException {
        long t = System.nanoTime();
        batch.rows.copyInto(connection, "copy stg_row from stdin");
        batch.contacts.copyInto(connection, "copy stg_contact from stdin");
        t = timings.add("copy", t);
        lockOrganization();
        t = timings.add("wait for other imports of the organization", t);

        // Each customer of the batch once (its last row wins), with its id: the existing one, or a new
        // one from the identity sequence. OFFSET 0 keeps the lookup a per-row index probe whatever the
        // statistics of a table that grows during the import say.
        update("""
                insert into stg_cust
                select s.c_ext, coalesce(x.id, nextval(?::regclass)), x.id is null,
                       x.id is not null and (x.name, x.customer_type, x.tax_id, x.customer_since, x.address, x.state,
                                             x.postal_code, x.time_zone)
                           is distinct from (s.c_name, s.c_type, s.tax_id, s.since, s.address, s.state, s.postal, s.tz),
                       s.c_name, s.c_type, s.tax_id, s.since, s.address, s.state, s.postal, s.tz, s.oldest_due
                  from (select distinct on (c_ext) c_ext, c_name, c_type, tax_id, since, address, state, postal, tz,
                               min(due) filter (where balance > 0) over (partition by c_ext) as oldest_due
                          from stg_row order by c_ext, line desc) s
                  left join lateral (select c.id, c.name, c.customer_type, c.tax_id, c.customer_since, c.address,
                                            c.state, c.postal_code, c.time_zone
                                       from customer c where c.org_id = ? and c.external_id = s.c_ext offset 0) x on true""",
                customerSequence, org);
        t = timings.add("customer lookup", t);
        // A new customer starts with its oldest unpaid due date: no second version of the row later.
        long customersCreated = update("""
                insert into customer (id, org_id, external_id, name, customer_type, tax_id, customer_since, address,
                                      state, postal_code, time_zone, oldest_unpaid_due_date)
                overriding system value
                select id, ?, c_ext, c_name, c_type, tax_id, since, address, state, postal, tz, oldest_due
                  from stg_cust where is_new order by c_name""", org);
        t = timings.add("customer insert", t);
        long customersUpdated = update("""
                update customer c
                   set name = s.c_name, customer_type = s.c_type, tax_id = s.tax_id, customer_since = s.since,
                       address = s.address, state = s.state, postal_code = s.postal, time_zone = s.tz,
                       updated_at = now()
                  from stg_cust s
                 where c.id = any (array(select id from stg_cust where changed)) and s.changed and c.id = s.id""");
        t = timings.add("customer update", t);

        long contactPoints = update("""
                insert into contact_point (org_id, customer_id, channel, value, phone_type)
                select distinct on (sc.channel, sc.value, cu.id) ?, cu.id, sc.channel, sc.value, sc.phone_type
                  from stg_contact sc join stg_cust cu on cu.c_ext = sc.c_ext
                 where cu.is_new
                 order by sc.channel, sc.value, cu.id""", org);
        contactPoints += update("""
                insert into contact_point (org_id, customer_id, channel, value, phone_type)
                select distinct on (cu.id, sc.channel, sc.value) ?, cu.id, sc.channel, sc.value, sc.phone_type
                  from stg_contact sc join stg_cust cu on cu.c_ext = sc.c_ext
                 where not cu.is_new
                   -- most of them are there already (a re-import): one probe each, in key order, and no
                   -- attempted insert; OFFSET 0 keeps it a per-row probe rather than a join with the table
                   and not exists (select 1 from contact_point p
                                     where p.customer_id = cu.id and p.channel = sc.channel and p.value = sc.value
                                    offset 0)
                 order by cu.id, sc.channel, sc.value
                on conflict (customer_id, channel, value) do nothing""", org);
        t = timings.add("contact points", t);

        update("""
                insert into stg_obl
                select s.line, s.o_ext, s.customer_id, s.customer_new, x.id, x.customer_id,
                       x.id is not null and (x.customer_id, x.kind, x.product, x.currency, x.original_amount, x.balance,
                                             x.issue_date, x.due_date, x.payment_method, x.status = 'CLOSED_EXTERNALLY')
                           is distinct from (s.customer_id, s.kind, s.product, s.currency, s.original, s.balance, s.issue,
                                             s.due, s.pay_method, false),
                       s.kind, s.product, s.currency, s.original, s.balance, s.issue, s.due, s.pay_method
                  from (select r.*, cu.id as customer_id, cu.is_new as customer_new
                          from stg_row r join stg_cust cu on cu.c_ext = r.c_ext
                         order by r.o_ext offset 0) s -- probes in key order: neighbouring index pages
                  left join lateral (select o.id, o.customer_id, o.kind, o.product, o.currency, o.original_amount,
                                            o.balance, o.issue_date, o.due_date, o.payment_method, o.status
                                       from obligation o where o.org_id = ? and o.external_id = s.o_ext offset 0) x on true""",
                org);
        t = timings.add("obligation lookup", t);
        long obligationsCreated = update("""
                insert into obligation (org_id, customer_id, external_id, kind, product, currency, original_amount,
                                        balance, issue_date, due_date, payment_method, status, last_import_id)
                select ?, customer_id, o_ext, kind, product, currency, original, balance, issue, due, pay_method,
                       case when balance = 0 then 'PAID' else 'ACTIVE' end, ?
                  from stg_obl where existing_id is null order by o_ext""", org, importId);
        t = timings.add("obligation insert", t);
        long obligationsUpdated = update("""
                update obligation o
                   set customer_id = s.customer_id, kind = s.kind, product = s.product, currency = s.currency,
                       original_amount = s.original, balance = s.balance, issue_date = s.issue, due_date = s.due,
                       payment_method = s.pay_method,
                       status = case when s.balance = 0 then 'PAID'
                                     when o.status in ('PAID', 'CLOSED_EXTERNALLY') then 'ACTIVE'
                                     else o.status end,
                       closed_at = case when s.balance = 0 then coalesce(o.closed_at, now()) else null end,
                       last_import_id = ?, updated_at = now()
                  from stg_obl s
                 where o.id = any (array(select existing_id from stg_obl where changed)) and s.changed
                   and o.id = s.existing_id""", importId);
        t = timings.add("obligation update", t);

        // New customers hold only this batch's obligations: their balances come from the staging rows.
        long balances = update("""
                insert into customer_balance (org_id, customer_id, currency, balance, open_obligations,
                                              oldest_unpaid_due_date)
                select ?, customer_id, currency, sum(balance), count(*), min(due)
                  from stg_obl where customer_new and existing_id is null and balance > 0
                 group by customer_id, currency order by currency, sum(balance)""", org);
        // Every other customer whose obligations changed is recomputed from its obligations: existing
        // customers, the previous owner of an obligation that moved, a new customer that received one.
        update("""
                insert into stg_touched
                select customer_id from stg_obl where not customer_new and (existing_id is null or changed)
                union
                select customer_id from stg_obl where customer_new and existing_id is not null
                union
                select old_customer_id from stg_obl where changed and old_customer_id <> customer_id""");
        BalanceRefresh.refreshTouched(connection, org);
        t = timings.add("balances", t);

        update("""
                insert into product_catalog (org_id, name)
                select distinct ?, product from stg_row where product is not null
                on conflict do nothing""", org);
        if (trackSeen) update("insert into import_seen select o_ext from stg_row on conflict do nothing");
        timings.add("catalog+seen", t);
        return new BatchResult(customersCreated, customersUpdated, obligationsCreated, obligationsUpdated,
                contactPoints, balances);
    }

    /**
     * SNAPSHOT mode: the organization's open obligations that this file did not hold are marked
     * closed outside Recaudo. Returns how many.
     */
    long closeMissing() throws SQLException {
        long closed;
        lockOrganization();
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

    /**
     * New rows are plain inserts of what the lookups did not find, so two imports into one organization
     * must not interleave between lookup and insert: their batches take turns (a transaction-level
     * advisory lock; the lookups that follow see what the other import committed).
     */
    private void lockOrganization() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            ps.setInt(1, ORGANIZATION_LOCK);
            ps.setString(2, org.toString());
            ps.execute();
        }
    }

    private long update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeLargeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (!connection.getAutoCommit()) connection.rollback();
            connection.setAutoCommit(true);
            st.execute("drop table if exists stg_row, stg_contact, stg_cust, stg_obl, stg_touched, import_seen, "
                    + "stg_issue, stg_seen");
        }
    }

    @FunctionalInterface
    interface TransactionalWork {
        void run(Connection connection, BatchResult result) throws SQLException;
    }
}
