package mx.recaudo.contact.outbox;

import mx.recaudo.platform.SystemDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Status reports from providers (SMPP delivery receipts, WhatsApp statuses), matched by the
 * provider's message id across organizations (owner connection: the report names no organization).
 */
@Component
public class DeliveryReports {
    private static final Set<String> FINAL = Set.of("DELIVERED", "FAILED", "READ", "ANSWERED");
    private final JdbcClient system;

    DeliveryReports(@SystemDatabase JdbcClient system) {
        this.system = system;
    }

    /** One provider report. */
    public record Report(String providerMessageId, String status, String detail) {}

    /**
     * Applies many reports; answers the provider ids that match no message (their submit may not be
     * recorded yet), so the caller can try them again for a while. A report for a message that is
     * already past it (a duplicate receipt) matches and changes nothing. Provider ids can be recycled
     * by an SMSC: only messages sent in the last seven days match.
     *
     * <p>Two steps whose plans do not depend on statistics (tables written seconds ago have none, and
     * a single statement joining the reports to contact_message was planned as a scan of the whole
     * table): the provider ids are looked up one index probe each, then the messages are changed by
     * key, one statement per kind of report (nearly all are DELIVERED).
     */
    public java.util.List<String> reportAll(String provider, java.util.List<Report> reports) {
        if (reports.isEmpty()) return java.util.List.of();
        String[] pids = reports.stream().map(Report::providerMessageId).distinct().toArray(String[]::new);
        java.util.Map<String, Long> messageOf = new java.util.HashMap<>();
        // the provider ids live in the narrow contact_provider_message (an index on contact_message would
        // make every status change of the wide row a non-HOT update); "offset 0" keeps the lookup a probe
        system.sql("""
                select r.pid, p.message_id from unnest(?::text[]) as r(pid) cross join lateral (
                        select message_id from contact_provider_message p
                         where p.provider = ? and p.provider_message_id = r.pid
                           and p.sent_at > clock_timestamp() - interval '7 days'
                        offset 0) p""")
                .params(pids, provider)
                .query(rs -> {
                    messageOf.put(rs.getString(1), rs.getLong(2));
                });
        // one statement per (status, detail): the same values for every row, so no join is needed
        java.util.Map<java.util.List<String>, java.util.LinkedHashSet<Long>> byKind = new java.util.LinkedHashMap<>();
        for (Report r : reports) {
            Long id = messageOf.get(r.providerMessageId());
            if (id != null) byKind.computeIfAbsent(java.util.Arrays.asList(r.status(), r.detail()), k -> new java.util.LinkedHashSet<>()).add(id);
        }
        byKind.forEach((kind, ids) -> apply(kind.get(0), kind.get(1), ids.toArray(Long[]::new)));
        return java.util.Arrays.stream(pids).filter(pid -> !messageOf.containsKey(pid)).toList();
    }

    /** Applies a report; false when no message has that provider id (yet). Never moves a message backwards. */
    public boolean report(String provider, String providerMessageId, String status, String detail) {
        if (!FINAL.contains(status)) throw new IllegalArgumentException("Not a report status: " + status);
        Long[] ids = system.sql("select message_id from contact_provider_message where provider = ? and provider_message_id = ?")
                .params(provider, providerMessageId).query(Long.class).list().toArray(Long[]::new);
        if (ids.length == 0) return false;
        apply(status, detail, ids);
        return true;
    }

    /**
     * One status for these messages, by key: never backwards (checked on the row as locked, should
     * another report race this one); DELIVERED is read from delivered_at by the timeline, other
     * reports are timeline rows.
     */
    private void apply(String status, String detail, Long[] messageIds) {
        system.sql("""
                with m as (
                  update contact_message c set status = ?, updated_at = clock_timestamp(),
                         delivered_at = case when ? = 'DELIVERED' then clock_timestamp()
                                             when ? = 'READ' then coalesce(c.delivered_at, clock_timestamp())
                                             else c.delivered_at end,
                         last_error = case when ? = 'FAILED' then ? else c.last_error end
                   where c.id = any(?)
                     and (c.status in ('SENT','SENDING') or (c.status = 'DELIVERED' and ? in ('READ','ANSWERED')))
                  returning c.id, c.org_id, c.customer_id, c.channel)
                insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                select org_id, customer_id, id, 'STATUS', channel, ?, ? from m where ? <> 'DELIVERED'""")
                .params(status, status, status, status, detail, messageIds, status, status, detail, status)
                .update();
    }
}
