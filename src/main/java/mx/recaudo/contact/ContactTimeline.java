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

    /**
     * The bound organization's timeline of this customer, oldest first (at most the last 500 entries).
     * A message's SENT and DELIVERED entries are its {@code sent_at} and {@code delivered_at} (the
     * dispatcher writes no timeline row for them), unless an explicit row for that message and status
     * exists (older data, a send reconciled after a crash, with its detail).
     */
    @Transactional(readOnly = true)
    public List<Entry> of(long customerId) {
        return jdbc.sql("""
                with e as (select * from contact_event where customer_id = ?),
                m as (select * from contact_message where customer_id = ?)
                select * from (
                  select e.at, e.kind, e.channel, e.status, e.message_id, m.address,
                         case when e.kind = 'STATUS' and e.status in ('QUEUED','BLOCKED') then
                              case when m.kind = 'TRANSACTIONAL' then coalesce(m.subject, '(código de un solo uso / one-time code)')
                                   else coalesce(m.subject, m.body) end end as text,
                         e.detail, 0 as tie, e.id
                    from e left join m on m.id = e.message_id
                  union all
                  select s.at, 'STATUS', m.channel, s.status, m.id, m.address, null, null, s.tie, m.id
                    from m cross join lateral (values (m.sent_at, 'SENT', 1), (m.delivered_at, 'DELIVERED', 2)) as s(at, status, tie)
                   where s.at is not null
                     and not exists (select 1 from e where e.message_id = m.id and e.kind = 'STATUS' and e.status = s.status)
                  union all
                  select i.received_at, 'INBOUND', i.channel, null, null, i.from_address, i.body, null, 0, -i.id
                    from contact_inbox i where i.customer_id = ?
                  order by 1 desc, 9 desc, 10 desc limit 500) t
                 order by at, tie, id""")
                .params(customerId, customerId, customerId)
                .query((rs, i) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("kind"),
                        Channel.parse(rs.getString("channel")), rs.getString("status"),
                        (Long) rs.getObject("message_id"), rs.getString("address"), rs.getString("text"),
                        rs.getString("detail")))
                .list();
    }
}
