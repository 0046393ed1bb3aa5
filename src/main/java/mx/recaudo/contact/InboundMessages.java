package mx.recaudo.contact;

import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What customers write back (SMS MO, WhatsApp). An opt-out keyword opts the sender out of that
 * channel and address and queues a confirmation; anything else goes to the agent inbox and the
 * timeline, and marks the last message to that address ANSWERED. The sender is found by address in
 * every organization that has it (owner connection); the work then runs in each organization.
 */
@Service
public class InboundMessages {
    private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);
    static final String CONFIRMATION_ES = "Listo: ya no recibirás mensajes de cobranza por este medio. "
            + "Para cualquier aclaración comunícate con nosotros.";
    private final JdbcClient system;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContactOptOuts optOuts;
    private final ContactOutbox outbox;

    InboundMessages(@SystemDatabase JdbcClient system, JdbcClient jdbc, TransactionTemplate tx, ContactOptOuts optOuts,
                    ContactOutbox outbox) {
        this.system = system;
        this.jdbc = jdbc;
        this.tx = tx;
        this.optOuts = optOuts;
        this.outbox = outbox;
    }

    public enum Outcome { OPTED_OUT, ALREADY_OPTED_OUT, INBOX, UNKNOWN_SENDER }

    record Sender(UUID org, long customerId) {}

    /** Handles one inbound message; answers what happened for each organization that knows the sender. */
    public List<Outcome> receive(Channel channel, String from, String text) {
        String address = normalizePhone(channel, from);
        String pointChannel = channel.contactPointChannel();
        List<Sender> senders = system.sql("""
                select distinct org_id, customer_id from contact_point where value = ? and channel in (?, 'PHONE')""")
                .params(address, pointChannel).query((rs, i) -> new Sender(rs.getObject(1, UUID.class), rs.getLong(2))).list();
        if (senders.isEmpty()) {
            log.info("Inbound {} from an unknown sender ({} characters) dropped", channel, text == null ? 0 : text.length());
            return List.of(Outcome.UNKNOWN_SENDER);
        }
        Optional<String> keyword = OptOutKeywords.match(text);
        return senders.stream().map(s -> TenantContext.call(s.org(), () -> tx.execute(st -> {
            if (keyword.isPresent()) {
                boolean created = optOuts.optOut(s.customerId(), channel, address, channel.name() + " " + keyword.get());
                if (created) outbox.confirm(s.customerId(), channel, address, CONFIRMATION_ES);
                return created ? Outcome.OPTED_OUT : Outcome.ALREADY_OPTED_OUT;
            }
            jdbc.sql("insert into contact_inbox (org_id, customer_id, channel, from_address, body) values (?, ?, ?, ?, ?)")
                    .params(s.org(), s.customerId(), channel.name(), address, text == null ? "" : text).update();
            jdbc.sql("""
                    with last as (select id from contact_message where customer_id = ? and channel = ? and address = ?
                                    and status in ('SENT','DELIVERED','READ') order by id desc limit 1)
                    update contact_message m set status = 'ANSWERED', updated_at = now() from last where m.id = last.id""")
                    .params(s.customerId(), channel.name(), address).update();
            return Outcome.INBOX;
        }))).toList();
    }

    static String normalizePhone(Channel channel, String from) {
        if (from == null) return null;
        String a = from.strip();
        if (channel == Channel.EMAIL) return a.toLowerCase(java.util.Locale.ROOT);
        String digits = a.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? a : "+" + digits;
    }
}
