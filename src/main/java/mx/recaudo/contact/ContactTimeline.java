package mx.recaudo.contact;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/** Every contact attempt, status change, opt-out, conversation and inbound message of a customer, in time order. */
@Service
public class ContactTimeline {
    private final JdbcClient jdbc;

    ContactTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One line of the timeline. {@code kind}: STATUS (a message's status changed to {@code status}),
     * INBOUND (the customer wrote: {@code text}), OPT_OUT, CONVERSATION.
     */
    public record Entry(Instant at, String kind, Channel channel, String status, Long messageId, String address,
                        String text, String detail) {}

    /** The bound organization's timeline of this customer, oldest first (at most the last 500 entries). */
    @Transactional(readOnly = true)
    public List<Entry> of(long customerId) {
        return jdbc.sql("""
                select * from (
                  select e.at, e.kind, e.channel, e.status, e.message_id, m.address,
                         case when e.kind = 'STATUS' and e.status in ('QUEUED','BLOCKED') then
                              case when m.kind = 'TRANSACTIONAL' then coalesce(m.subject, '(código de un solo uso / one-time code)')
                                   else coalesce(m.subject, m.body) end end as text,
                         e.detail, e.id
                    from contact_event e left join contact_message m on m.id = e.message_id
                   where e.customer_id = ?
                  union all
                  select i.received_at, 'INBOUND', i.channel, null, null, i.from_address, i.body, null, -i.id
                    from contact_inbox i where i.customer_id = ?
                  order by 1 desc, 9 desc limit 500) t
                 order by at, id""")
                .params(customerId, customerId)
                .query((rs, i) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("kind"),
                        Channel.parse(rs.getString("channel")), rs.getString("status"),
                        (Long) rs.getObject("message_id"), rs.getString("address"), rs.getString("text"),
                        rs.getString("detail")))
                .list();
    }
}
