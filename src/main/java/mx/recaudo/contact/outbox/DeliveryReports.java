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

    /** Applies a report; false when no message has that provider id (yet). Never moves a message backwards. */
    public boolean report(String provider, String providerMessageId, String status, String detail) {
        if (!FINAL.contains(status)) throw new IllegalArgumentException("Not a report status: " + status);
        return system.sql("""
                with m as (
                  update contact_message set status = ?, updated_at = clock_timestamp(),
                         delivered_at = case when ? in ('DELIVERED','READ') then clock_timestamp() else delivered_at end,
                         last_error = case when ? = 'FAILED' then ? else last_error end
                   where provider = ? and provider_message_id = ?
                     and (status in ('SENT','SENDING') or (status = 'DELIVERED' and ? in ('READ','ANSWERED')))
                  returning id, org_id, customer_id, channel)
                insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                select org_id, customer_id, id, 'STATUS', channel, ?, ? from m returning message_id""")
                .params(status, status, status, detail, provider, providerMessageId, status, status, detail)
                .query(Long.class).list().size() > 0
                || system.sql("select exists (select 1 from contact_message where provider = ? and provider_message_id = ?)")
                .params(provider, providerMessageId).query(Boolean.class).single();
    }
}
