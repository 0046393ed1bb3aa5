package mx.recaudo.contact;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.shared.TenantContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opt-outs and do-not-contact. An opt-out is durable (the application role may not update or
 * delete it), idempotent (a second request changes nothing and is not audited again) and audited.
 */
@Service
public class ContactOptOuts {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    ContactOptOuts(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
    }

    /** Opts the customer out of one channel at one address (null = every address). True when it is new. */
    @Transactional
    public boolean optOut(long customerId, Channel channel, String address, String source) {
        String a = address == null ? "" : ContactSubjects.normalizeAddress(channel, address);
        int inserted = jdbc.sql("""
                insert into contact_opt_out (org_id, customer_id, channel, address, source) values (?, ?, ?, ?, ?)
                on conflict (customer_id, channel, address) do nothing""")
                .params(TenantContext.require(), customerId, channel.name(), a, source).update();
        if (inserted == 0) return false;
        // planned messages that the opt-out now forbids are blocked at once
        jdbc.sql("""
                update contact_message set status = 'BLOCKED', reasons = '["OPTED_OUT"]'::jsonb, updated_at = now()
                 where customer_id = ? and channel = ? and status = 'QUEUED' and kind = 'COLLECTION'
                   and (? = '' or lower(address) = lower(?))""")
                .params(customerId, channel.name(), a, a).update();
        jdbc.sql("insert into contact_event (org_id, customer_id, kind, channel, detail) values (?, ?, 'OPT_OUT', ?, ?)")
                .params(TenantContext.require(), customerId, channel.name(), (a.isEmpty() ? "*" : a) + " · " + source).update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", channel.name());
        details.put("address", a.isEmpty() ? "*" : a);
        details.put("source", source);
        audit.record("CONTACT_OPT_OUT", "customer", Long.toString(customerId), details);
        events.publishEvent(new ContactOptedOut(TenantContext.require(), customerId, channel, a.isEmpty() ? null : a, source));
        return true;
    }

    /** The channels each customer with {@code fromId <= id < toId} opted out of (at any address), for bulk planning. */
    @Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public Map<Long, Set<Channel>> optedOutChannels(long fromId, long toIdExclusive) {
        Map<Long, Set<Channel>> out = new HashMap<>();
        jdbc.sql("select customer_id, channel from contact_opt_out where customer_id >= ? and customer_id < ?")
                .params(fromId, toIdExclusive)
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Channel.class)).add(Channel.parse(rs.getString(2)));
                });
        return out;
    }

    /** Marks or clears do-not-contact for a customer, audited. */
    @Transactional
    public void doNotContact(long customerId, boolean value, String reason) {
        jdbc.sql("""
                insert into contact_restriction (org_id, customer_id, do_not_contact, reason, updated_at) values (?, ?, ?, ?, now())
                on conflict (customer_id) do update set do_not_contact = excluded.do_not_contact, reason = excluded.reason,
                  updated_at = now()""")
                .params(TenantContext.require(), customerId, value, reason).update();
        audit.record(value ? "CONTACT_DO_NOT_CONTACT" : "CONTACT_DO_NOT_CONTACT_CLEARED", "customer",
                Long.toString(customerId), reason == null ? Map.of() : Map.of("reason", reason));
    }

    public record OptOut(Channel channel, String address, String source, java.time.Instant at) {}

    @Transactional(readOnly = true)
    public List<OptOut> of(long customerId) {
        return jdbc.sql("select channel, address, source, created_at from contact_opt_out where customer_id = ? order by id")
                .param(customerId).query((rs, i) -> new OptOut(Channel.parse(rs.getString(1)),
                        rs.getString(2).isEmpty() ? null : rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }
}
