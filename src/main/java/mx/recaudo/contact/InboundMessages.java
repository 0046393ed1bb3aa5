package mx.recaudo.contact;

import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What customers write back (SMS MO, WhatsApp). An opt-out keyword opts the sender out of that
 * channel and address and queues a confirmation; anything else goes to the agent inbox and the
 * timeline, and marks the last message to that address ANSWERED; a request for a person (AGENTE,
 * llámenme…) is also published as {@link AgentRequested}. The sender is found by address in
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
    private final ApplicationEventPublisher events;

    InboundMessages(@SystemDatabase JdbcClient system, JdbcClient jdbc, TransactionTemplate tx, ContactOptOuts optOuts,
                    ContactOutbox outbox, ApplicationEventPublisher events) {
        this.system = system;
        this.jdbc = jdbc;
        this.tx = tx;
        this.optOuts = optOuts;
        this.outbox = outbox;
        this.events = events;
    }

    public enum Outcome { OPTED_OUT, ALREADY_OPTED_OUT, INBOX, UNKNOWN_SENDER, DUPLICATE }

    record Sender(UUID org, long customerId) {}

    /** Handles one inbound message; answers what happened for each organization that knows the sender. */
    public List<Outcome> receive(Channel channel, String from, String text) {
        return receive(channel, from, text, null);
    }

    /**
     * Handles one inbound message that the provider identifies by {@code eventId} (a WhatsApp
     * message id): a redelivery of the same event changes nothing and answers DUPLICATE.
     */
    public List<Outcome> receive(Channel channel, String from, String text, String eventId) {
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
            if (eventId != null && !firstReceipt(s.org(), channel.name(), eventId)) return Outcome.DUPLICATE;
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
                    , upd as (update contact_message m set status = 'ANSWERED', updated_at = now() from last where m.id = last.id
                              returning m.id, m.org_id, m.customer_id, m.channel)
                    insert into contact_event (org_id, customer_id, message_id, kind, channel, status)
                    select org_id, customer_id, id, 'STATUS', channel, 'ANSWERED' from upd""")
                    .params(s.customerId(), channel.name(), address).update();
            if (AgentRequestWords.match(text)) {
                events.publishEvent(new AgentRequested(s.org(), s.customerId(), channel, channel.name() + " inbound"));
            }
            return Outcome.INBOX;
        }))).toList();
    }

    /**
     * A keypad answer in a voice call, already tied to its organization and message by the signed
     * callback: a KEYPAD entry in the timeline; {@code inboxText} non-null also puts it in the agent
     * inbox (the customer asked for someone to call). Applied once per {@code eventId}.
     */
    public boolean keypad(UUID org, long customerId, long messageId, String address, String eventId, String detail,
                          String inboxText) {
        return TenantContext.call(org, () -> tx.execute(st -> {
            if (!firstReceipt(org, "VOICE", eventId)) return false;
            jdbc.sql("""
                    insert into contact_event (org_id, customer_id, message_id, kind, channel, detail)
                    values (?, ?, ?, 'KEYPAD', 'VOICE', ?)""").params(org, customerId, messageId, detail).update();
            if (inboxText != null) {
                jdbc.sql("insert into contact_inbox (org_id, customer_id, channel, from_address, body) values (?, ?, 'VOICE', ?, ?)")
                        .params(org, customerId, address == null ? "" : address, inboxText).update();
            }
            jdbc.sql("""
                    with upd as (update contact_message set status = 'ANSWERED', updated_at = now()
                                  where id = ? and status in ('SENT','DELIVERED','READ') returning id, org_id, customer_id, channel)
                    insert into contact_event (org_id, customer_id, message_id, kind, channel, status)
                    select org_id, customer_id, id, 'STATUS', channel, 'ANSWERED' from upd""").param(messageId).update();
            return true;
        }));
    }

    /**
     * A keypad choice for a person (voice blaster, 1): recorded like any keypad step and, the first
     * time for the call, published as {@link AgentRequested} so the strategy plans an agent call now.
     */
    public boolean agentRequestedByKeypad(UUID org, long customerId, long messageId, String address, String eventId,
                                          String detail, String inboxText) {
        boolean first = keypad(org, customerId, messageId, address, eventId, detail, inboxText);
        if (first) events.publishEvent(new AgentRequested(org, customerId, Channel.VOICE, "VOICE keypad 1"));
        return first;
    }

    private boolean firstReceipt(UUID org, String provider, String eventId) {
        return jdbc.sql("""
                insert into contact_inbound_receipt (org_id, provider, event_id) values (?, ?, ?)
                on conflict do nothing""").params(org, provider, eventId).update() == 1;
    }

    static String normalizePhone(Channel channel, String from) {
        if (from == null) return null;
        String a = from.strip();
        if (channel == Channel.EMAIL) return a.toLowerCase(java.util.Locale.ROOT);
        String digits = a.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? a : "+" + digits;
    }
}
