package mx.recaudo.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.contact.guard.ContactDecision;
import mx.recaudo.contact.guard.ContactGuard;
import mx.recaudo.contact.guard.ContactRequest;
import mx.recaudo.contact.guard.ContactSubject;
import mx.recaudo.contact.guard.Reason;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The outbox. {@link #plan} asks the guard and writes the message in the caller's transaction
 * (the same one that decides to send it): QUEUED for the requested moment or the next allowed one,
 * or BLOCKED with the reasons. Dispatch workers on any node send QUEUED messages later.
 */
@Service
public class ContactOutbox {
    private final JdbcClient jdbc;
    private final ContactSubjects subjects;
    private final ContactProfiles profiles;
    private final ContactTemplates templates;
    private final ContactProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final ContactGuard guard = ContactGuard.standard();

    ContactOutbox(JdbcClient jdbc, ContactSubjects subjects, ContactProfiles profiles, ContactTemplates templates,
                  ContactProperties properties, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.profiles = profiles;
        this.templates = templates;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A message someone decided to send. {@code address} null = the customer's first usable address
     * of the channel; {@code templateId} set and {@code body} null = rendered from the template with
     * the customer's data; {@code at} null = now.
     */
    public record Plan(long customerId, Channel channel, String address, Long templateId, String subject, String body,
                       Instant at) {
        public Plan {
            Objects.requireNonNull(channel, "channel");
            if (templateId == null && (body == null || body.isBlank())) {
                throw new IllegalArgumentException("A template or a body is required");
            }
        }

        public static Plan text(long customerId, Channel channel, String body) {
            return new Plan(customerId, channel, null, null, null, body, null);
        }
    }

    /** What became of a plan. */
    public record Planned(long messageId, String status, List<String> reasons, Instant notBefore) {}

    @Transactional
    public Planned plan(Plan plan) {
        Instant at = plan.at() != null ? plan.at() : clock.instant();
        subjects.lock(plan.customerId());
        ContactSubjects.Customer customer = subjects.customer(plan.customerId())
                .orElseThrow(() -> new IllegalArgumentException("No such customer: " + plan.customerId()));
        String address = ContactSubjects.normalizeAddress(plan.channel(), plan.address() != null ? plan.address()
                : subjects.defaultAddress(plan.customerId(), plan.channel()).orElse(null));
        String subject = plan.subject();
        String body = plan.body();
        if (body == null) {
            ContactTemplates.Rendered r = templates.render(plan.templateId(), plan.customerId());
            subject = r.subject();
            body = r.body();
        }
        ContactDecision decision;
        if (address == null && plan.channel() != Channel.LETTER) {
            decision = new ContactDecision.Refused(List.of(mx.recaudo.contact.guard.Objection.never("address", Reason.NO_ADDRESS)));
        } else {
            ContactSubject s = subjects.load(plan.customerId(), plan.channel(), address, at);
            decision = guard.decide(new ContactRequest(plan.channel(), address, at), s, profiles.current());
        }
        String status = decision.when() == null ? "BLOCKED" : "QUEUED";
        Instant notBefore = decision.when() == null ? at : decision.when();
        List<String> reasons = decision.reasons().stream().map(Enum::name).toList();
        long id = insert(plan.customerId(), plan.channel(), address, "COLLECTION", plan.templateId(), subject, body,
                customer.timeZone(), status, reasons, notBefore);
        return new Planned(id, status, reasons, decision.when());
    }

    /** A reply the customer asked for (an opt-out confirmation): queued now, outside the caps and hours. */
    @Transactional
    public long confirm(long customerId, Channel channel, String address, String body) {
        String zone = subjects.customer(customerId).map(ContactSubjects.Customer::timeZone).orElse(null);
        return insert(customerId, channel, address, "CONFIRMATION", null, null, body, zone, "QUEUED", List.of(),
                clock.instant());
    }

    private long insert(long customerId, Channel channel, String address, String kind, Long templateId, String subject,
                        String body, String zone, String status, List<String> reasons, Instant notBefore) {
        long id = jdbc.sql("""
                insert into contact_message (org_id, customer_id, channel, address, kind, template_id, subject, body,
                                             time_zone, status, reasons, not_before, idempotency_key, provider)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) returning id""")
                .params(TenantContext.require(), customerId, channel.name(), address, kind, templateId, subject, body,
                        zone, status, toJson(reasons), Timestamp.from(notBefore), UUID.randomUUID(),
                        properties.providerFor(channel))
                .query(Long.class).single();
        jdbc.sql("""
                insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                values (?, ?, ?, 'STATUS', ?, ?, ?)""")
                .params(TenantContext.require(), customerId, id, channel.name(), status,
                        reasons.isEmpty() ? null : String.join(",", reasons)).update();
        return id;
    }

    /** Records a telephone conversation about the debt (US-02 pauses calls after it). */
    @Transactional
    public void recordConversation(long customerId, Instant at) {
        jdbc.sql("insert into contact_event (org_id, customer_id, kind, channel, at) values (?, ?, 'CONVERSATION', 'VOICE', ?)")
                .params(TenantContext.require(), customerId, Timestamp.from(at)).update();
    }

    /** The bound organization's messages, newest first, for the outbox screen. */
    @Transactional(readOnly = true)
    public List<OutboxMessage> recent(String status, int limit) {
        return jdbc.sql("""
                select m.id, m.customer_id, c.name, c.external_id, m.channel, m.address, m.subject, m.body, m.status,
                       m.reasons::text, m.not_before, m.sent_at, m.delivered_at, m.provider, m.attempts, m.last_error
                  from contact_message m join customer c on c.id = m.customer_id
                 where (?::text is null or m.status = ?) order by m.id desc limit ?""")
                .params(status, status, limit)
                .query((rs, i) -> new OutboxMessage(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Channel.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                        instant(rs.getTimestamp(13)), rs.getString(14), rs.getInt(15), rs.getString(16)))
                .list();
    }

    /** Counts per status, for the outbox screen's header. */
    @Transactional(readOnly = true)
    public Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("select status, count(*) from contact_message group by status")
                .query(rs -> { counts.put(rs.getString(1), rs.getLong(2)); });
        return counts;
    }

    public record OutboxMessage(long id, long customerId, String customerName, String customerExternalId, Channel channel,
                                String address, String subject, String body, String status, String reasons,
                                Instant notBefore, Instant sentAt, Instant deliveredAt, String provider, int attempts,
                                String lastError) {
        public boolean html() {
            return body != null && body.stripLeading().startsWith("<");
        }
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
