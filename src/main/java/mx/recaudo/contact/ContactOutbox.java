package mx.recaudo.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.contact.guard.ContactDecision;
import mx.recaudo.contact.guard.ContactGuard;
import mx.recaudo.contact.guard.ContactRequest;
import mx.recaudo.contact.guard.ContactSubject;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.guard.Reason;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
        return planAll(List.of(plan)).getFirst();
    }

    /**
     * Plans many messages in one transaction, with the same decisions {@link #plan} would take one
     * by one in this order (a plan counts against the caps of the later plans for the same
     * customer), but with one statement per kind of fact for all customers and one insert for all
     * messages and their timeline rows. Answers one result per plan, in order.
     */
    @Transactional
    public List<Planned> planAll(List<Plan> plans) {
        if (plans.isEmpty()) return List.of();
        Instant now = clock.instant();
        List<Long> customerIds = plans.stream().map(Plan::customerId).toList();
        subjects.lockAll(customerIds);
        Instant first = plans.stream().map(p -> p.at() != null ? p.at() : now).min(Instant::compareTo).orElse(now);
        Instant last = plans.stream().map(p -> p.at() != null ? p.at() : now).max(Instant::compareTo).orElse(now);
        ContactSubjects.Facts facts = subjects.facts(customerIds, first, last);
        JurisdictionProfile profile = profiles.current();
        UUID org = TenantContext.require();
        List<NewMessage> messages = new ArrayList<>(plans.size());
        List<Planned> results = new ArrayList<>(plans.size());
        for (Plan plan : plans) {
            Instant at = plan.at() != null ? plan.at() : now;
            ContactSubjects.Customer customer = facts.customer(plan.customerId())
                    .orElseThrow(() -> new IllegalArgumentException("No such customer: " + plan.customerId()));
            String address = ContactSubjects.normalizeAddress(plan.channel(), plan.address() != null ? plan.address()
                    : facts.defaultAddress(plan.customerId(), plan.channel()).orElse(null));
            String subject = plan.subject();
            String body = plan.body();
            if (body == null) {
                ContactTemplates.Rendered r = templates.render(plan.templateId(), plan.customerId());
                subject = r.subject();
                body = r.body();
            }
            Map<String, Object> payload = plan.channel() == Channel.WHATSAPP && plan.templateId() != null
                    ? templates.whatsAppTemplate(plan.templateId(), plan.customerId()).orElse(null) : null;
            ContactDecision decision;
            if (address == null && plan.channel() != Channel.LETTER) {
                decision = new ContactDecision.Refused(List.of(mx.recaudo.contact.guard.Objection.never("address", Reason.NO_ADDRESS)));
            } else {
                ContactSubject s = facts.subject(plan.customerId(), plan.channel(), address, at);
                decision = guard.decide(new ContactRequest(plan.channel(), address, at), s, profile);
            }
            String status = decision.when() == null ? "BLOCKED" : "QUEUED";
            Instant notBefore = decision.when() == null ? at : decision.when();
            List<String> reasons = decision.reasons().stream().map(Enum::name).toList();
            if ("QUEUED".equals(status)) facts.planned(plan.customerId(), plan.channel(), notBefore);
            messages.add(new NewMessage(plan.customerId(), plan.channel(), address, "COLLECTION", plan.templateId(),
                    subject, body, customer.timeZone(), status, reasons, notBefore,
                    payload == null ? null : toJson(payload)));
            results.add(new Planned(0, status, reasons, decision.when()));
        }
        long[] ids = insert(org, messages);
        List<Planned> planned = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Planned r = results.get(i);
            planned.add(new Planned(ids[i], r.status(), r.reasons(), r.notBefore()));
        }
        return planned;
    }

    /** A reply the customer asked for (an opt-out confirmation): queued now, outside the caps and hours. */
    @Transactional
    public long confirm(long customerId, Channel channel, String address, String body) {
        String zone = subjects.customer(customerId).map(ContactSubjects.Customer::timeZone).orElse(null);
        return insert(customerId, channel, address, "CONFIRMATION", null, null, body, zone, "QUEUED", List.of(),
                clock.instant());
    }

    /** A transactional message queued for the customer's own address (the one-time code they asked for). */
    public record Queued(long messageId, String address) {}

    /**
     * A message the customer asked for that is not about collecting (a one-time code to sign an
     * agreement): queued now, outside the collection hours and caps, and only ever to an address of
     * the customer's own ({@code DEBTOR}) contact points on that channel (MX-07, MX-08). Empty when the
     * customer has no such address. Its body (a secret) is not shown on the outbox screen or the timeline.
     */
    @Transactional
    public java.util.Optional<Queued> transactional(long customerId, Channel channel, String subject, String body) {
        if (channel.contactPointChannel() == null) throw new IllegalArgumentException("No address channel: " + channel);
        if (body == null || body.isBlank()) throw new IllegalArgumentException("A body is required");
        java.util.Optional<String> own = jdbc.sql("""
                select value from contact_point where customer_id = ? and channel = ? and party_role = 'DEBTOR'
                 order by (opted_out_at is null and consent) desc, id limit 1""")
                .params(customerId, channel.contactPointChannel()).query(String.class).optional();
        if (own.isEmpty()) return java.util.Optional.empty();
        String address = ContactSubjects.normalizeAddress(channel, own.get());
        String zone = subjects.customer(customerId).map(ContactSubjects.Customer::timeZone).orElse(null);
        long id = insert(customerId, channel, address, "TRANSACTIONAL", null, subject, body, zone, "QUEUED", List.of(),
                clock.instant());
        return java.util.Optional.of(new Queued(id, address));
    }

    private record NewMessage(long customerId, Channel channel, String address, String kind, Long templateId,
                              String subject, String body, String zone, String status, List<String> reasons,
                              Instant notBefore, String payloadJson) {}

    private long insert(long customerId, Channel channel, String address, String kind, Long templateId, String subject,
                        String body, String zone, String status, List<String> reasons, Instant notBefore) {
        return insert(TenantContext.require(), List.of(new NewMessage(customerId, channel, address, kind, templateId,
                subject, body, zone, status, reasons, notBefore, null)))[0];
    }

    /**
     * The messages, their first timeline rows and the dispatch queue rows of the QUEUED ones in one
     * statement; answers their ids in order.
     */
    private long[] insert(UUID org, List<NewMessage> messages) {
        int n = messages.size();
        Long[] customers = new Long[n];
        Long[] templates = new Long[n];
        String[] channels = new String[n], addresses = new String[n], kinds = new String[n], subjects = new String[n],
                bodies = new String[n], zones = new String[n], statuses = new String[n], reasons = new String[n],
                details = new String[n], notBefore = new String[n], keys = new String[n], providers = new String[n],
                payloads = new String[n];
        Map<UUID, Integer> position = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NewMessage m = messages.get(i);
            UUID key = UUID.randomUUID();
            position.put(key, i);
            customers[i] = m.customerId();
            templates[i] = m.templateId();
            channels[i] = m.channel().name();
            addresses[i] = m.address();
            kinds[i] = m.kind();
            subjects[i] = m.subject();
            bodies[i] = m.body();
            zones[i] = m.zone();
            statuses[i] = m.status();
            reasons[i] = toJson(m.reasons());
            details[i] = m.reasons().isEmpty() ? null : String.join(",", m.reasons());
            notBefore[i] = m.notBefore().toString();
            keys[i] = key.toString();
            providers[i] = properties.providerFor(m.channel());
            payloads[i] = m.payloadJson();
        }
        long[] ids = new long[n];
        jdbc.sql("""
                with r as (select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                                ?::text[])
                                  with ordinality as r(customer_id, channel, address, kind, template_id, subject, body,
                                                       time_zone, status, reasons, detail, not_before, key, provider,
                                                       payload, n)),
                m as (insert into contact_message (org_id, customer_id, channel, address, kind, template_id, subject, body,
                                                   time_zone, status, reasons, not_before, idempotency_key, provider,
                                                   payload)
                      select ?, customer_id, channel, address, kind, template_id, subject, body, time_zone, status,
                             reasons::jsonb, not_before::timestamptz, key::uuid, provider, payload::jsonb
                        from r order by n
                      returning id, customer_id, channel, status, idempotency_key, provider, not_before),
                e as (insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                      select ?, m.customer_id, m.id, 'STATUS', m.channel, m.status, r.detail
                        from m join r on r.key::uuid = m.idempotency_key order by m.id),
                q as (insert into contact_dispatch_queue (message_id, org_id, provider, not_before)
                      select id, ?, provider, not_before from m where status = 'QUEUED' order by id)
                select id, idempotency_key from m""")
                .params(customers, channels, addresses, kinds, templates, subjects, bodies, zones, statuses, reasons,
                        details, notBefore, keys, providers, payloads, org, org, org)
                .query(rs -> {
                    ids[position.get(rs.getObject(2, UUID.class))] = rs.getLong(1);
                });
        return ids;
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
                select m.id, m.customer_id, c.name, c.external_id, m.channel, m.address, m.subject,
                       case when m.kind = 'TRANSACTIONAL' then '(código de un solo uso / one-time code)' else m.body end, m.status,
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
