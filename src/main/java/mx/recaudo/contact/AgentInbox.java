package mx.recaudo.contact;

import mx.recaudo.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What customers wrote (or keyed) that a person must look at: inbound SMS and WhatsApp messages
 * that were not opt-outs, and voice keypad requests. An agent marks an item handled (audited).
 */
@Service
public class AgentInbox {
    private final JdbcClient jdbc;
    private final AuditLog audit;

    AgentInbox(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public record Item(long id, long customerId, String customerName, String customerExternalId, Channel channel,
                       String fromAddress, String body, Instant receivedAt, Instant handledAt, String handledBy) {}

    /** Items not handled yet, oldest first (the one waiting longest on top). */
    @Transactional(readOnly = true)
    public List<Item> open(int limit) {
        return query("i.handled_at is null order by i.received_at, i.id limit ?", limit);
    }

    /** Handled items, newest first. */
    @Transactional(readOnly = true)
    public List<Item> handled(int limit) {
        return query("i.handled_at is not null order by i.handled_at desc, i.id desc limit ?", limit);
    }

    @Transactional(readOnly = true)
    public long openCount() {
        return jdbc.sql("select count(*) from contact_inbox where handled_at is null").query(Long.class).single();
    }

    /** Marks an item handled; false when there is no such open item (already handled, or another organization's). */
    @Transactional
    public boolean markHandled(long id) {
        String who = actor();
        int changed = jdbc.sql("update contact_inbox set handled_at = now(), handled_by = ? where id = ? and handled_at is null")
                .params(who, id).update();
        if (changed == 1) audit.record(who, "INBOX_HANDLED", "contact_inbox", Long.toString(id), Map.of());
        return changed == 1;
    }

    private List<Item> query(String condition, Object limit) {
        return jdbc.sql("""
                select i.id, i.customer_id, c.name, c.external_id, i.channel, i.from_address, i.body, i.received_at,
                       i.handled_at, i.handled_by
                  from contact_inbox i join customer c on c.id = i.customer_id where """ + " " + condition)
                .param(limit)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Channel.parse(rs.getString(5)), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9)), rs.getString(10)))
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }
}
