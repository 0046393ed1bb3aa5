package mx.recaudo.contact.outbox;

import mx.recaudo.platform.SystemDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Set;

/**
 * Status reports from providers (SMPP delivery receipts, WhatsApp statuses), matched by the
 * provider's message id across organizations (owner connection: the report names no organization).
 */
@Component
public class DeliveryReports {
    private static final Set<String> FINAL = Set.of("DELIVERED", "FAILED", "READ", "ANSWERED");
    private final JdbcClient system;
    private final TransactionTemplate systemTx;

    DeliveryReports(@SystemDatabase JdbcClient system, @SystemDatabase TransactionTemplate systemTx) {
        this.system = system;
        this.systemTx = systemTx;
    }

    /** One provider report. */
    public record Report(String providerMessageId, String status, String detail) {}

    /**
     * Applies many reports in one statement; answers the ids that changed nothing (their submit may
     * not be recorded yet), so the caller can try them again for a while. Provider ids can be
     * recycled by an SMSC: only messages sent in the last seven days and not yet final match.
     */
    public java.util.List<String> reportAll(String provider, java.util.List<Report> reports) {
        if (reports.isEmpty()) return java.util.List.of();
        String[] ids = reports.stream().map(Report::providerMessageId).toArray(String[]::new);
        String[] statuses = reports.stream().map(Report::status).toArray(String[]::new);
        String[] details = reports.stream().map(Report::detail).toArray(String[]::new);
        // the provider ids live in the narrow contact_provider_message (an index on contact_message
        // would make every status change of the wide row a non-HOT update); the lateral lookup (kept
        // apart by "offset 0") probes its index once per report, whatever the statistics say
        // The messages are fetched by key, one probe per report: without statistics (a table written
        // seconds ago) the planner hashed the reports and read all of contact_message for every batch;
        // joins other than nested loops are ruled out for this one transaction.
        java.util.Set<String> applied = new java.util.HashSet<>(systemTx.execute(tx -> {
            system.sql("set local enable_hashjoin = off").update();
            system.sql("set local enable_mergejoin = off").update();
            return system.sql("""
                with r as (select * from unnest(?::text[], ?::text[], ?::text[]) as r(pid, status, detail)),
                t as (select p.message_id as id, r.pid, r.status, r.detail from r cross join lateral (
                        select message_id from contact_provider_message p
                         where p.provider = ? and p.provider_message_id = r.pid
                           and p.sent_at > clock_timestamp() - interval '7 days'
                        offset 0) p),
                m as (
                  update contact_message c set status = t.status, updated_at = clock_timestamp(),
                         delivered_at = case when t.status = 'DELIVERED' then clock_timestamp()
                                             when t.status = 'READ' then coalesce(c.delivered_at, clock_timestamp())
                                             else c.delivered_at end,
                         last_error = case when t.status = 'FAILED' then t.detail else c.last_error end
                    from t
                   where c.id = t.id
                     -- the status again: checked on the row as locked, should another report race this one
                     and (c.status in ('SENT','SENDING') or (c.status = 'DELIVERED' and t.status in ('READ','ANSWERED')))
                  returning c.id, c.org_id, c.customer_id, c.channel, t.status, t.detail, t.pid),
                -- DELIVERED is read from delivered_at by the timeline; other reports are timeline rows
                e as (insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                      select org_id, customer_id, id, 'STATUS', channel, status, detail from m where status <> 'DELIVERED')
                select pid from m""")
                .params(ids, statuses, details, provider).query(String.class).list();
        }));
        return java.util.Arrays.stream(ids).filter(id -> !applied.contains(id)).toList();
    }

    /** Applies a report; false when no message has that provider id (yet). Never moves a message backwards. */
    public boolean report(String provider, String providerMessageId, String status, String detail) {
        if (!FINAL.contains(status)) throw new IllegalArgumentException("Not a report status: " + status);
        return system.sql("""
                with m as (
                  update contact_message c set status = ?, updated_at = clock_timestamp(),
                         delivered_at = case when ? = 'DELIVERED' then clock_timestamp()
                                             when ? = 'READ' then coalesce(c.delivered_at, clock_timestamp())
                                             else c.delivered_at end,
                         last_error = case when ? = 'FAILED' then ? else c.last_error end
                    from contact_provider_message p
                   where p.provider = ? and p.provider_message_id = ? and c.id = p.message_id
                     and (c.status in ('SENT','SENDING') or (c.status = 'DELIVERED' and ? in ('READ','ANSWERED')))
                  returning c.id, c.org_id, c.customer_id, c.channel),
                e as (insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                      select org_id, customer_id, id, 'STATUS', channel, ?, ? from m where ? <> 'DELIVERED')
                select count(*) from m""")
                .params(status, status, status, status, detail, provider, providerMessageId, status, status, detail, status)
                .query(Long.class).single() > 0
                || system.sql("""
                        select exists (select 1 from contact_provider_message where provider = ? and provider_message_id = ?)""")
                .params(provider, providerMessageId).query(Boolean.class).single();
    }
}
