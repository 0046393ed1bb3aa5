package mx.recaudo.contact.outbox;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.ContactProperties;
import mx.recaudo.contact.guard.ContactDecision;
import mx.recaudo.contact.guard.ContactGuard;
import mx.recaudo.contact.guard.ContactRequest;
import mx.recaudo.contact.guard.ContactSubject;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.guard.Policies;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sends QUEUED messages whose moment has come. Any number of nodes run it:
 * <ol>
 * <li>take tokens from the provider's bucket (rate limit across nodes);</li>
 * <li>claim up to that many messages with {@code FOR UPDATE SKIP LOCKED}, marking them SENDING with
 *     this worker's name in a committed statement <em>before</em> any provider call;</li>
 * <li>check again what may have changed since planning (opt-out, do-not-contact, hours);</li>
 * <li>hand the batch to the provider with each message's idempotency key;</li>
 * <li>record SENT / DELIVERED / FAILED, or QUEUED again with exponential backoff.</li>
 * </ol>
 * A message left SENDING longer than the lease (its node died) is reconciled by key: the provider
 * says whether it got it (SENT), did not (QUEUED again), or cannot tell (FAILED, "uncertain", never
 * resent): so no provider ever receives a message twice.
 */
@Component
public class OutboxDispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private final JdbcClient system;
    private final JdbcTemplate systemBatch;
    private final TransactionTemplate systemTx;
    private final Map<String, ChannelProvider> providers = new HashMap<>();
    private final RateLimits rates;
    private final ContactProperties properties;
    private final ContactProfiles profiles;
    private final Clock clock;
    private final String worker = "node-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final ContactGuard timing = new ContactGuard(List.of(new Policies.KnownTimeZonePolicy(),
            new Policies.AllowedHoursPolicy(), new Policies.ContactDaysPolicy(), new Policies.HolidayPolicy()));

    OutboxDispatcher(@SystemDatabase JdbcClient system, @SystemDatabase DataSource systemDataSource,
                     @SystemDatabase TransactionTemplate systemTx, List<ChannelProvider> providers, RateLimits rates,
                     ContactProperties properties, ContactProfiles profiles, Clock clock) {
        this.system = system;
        this.systemBatch = new JdbcTemplate(systemDataSource);
        this.systemTx = systemTx;
        providers.forEach(p -> this.providers.put(p.name(), p));
        this.rates = rates;
        this.properties = properties;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${recaudo.contact.poll-millis:250}", initialDelay = 2000)
    void poll() {
        if (!properties.dispatchEnabled()) return;
        try {
            reconcileStale();
            for (String provider : providers.keySet()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (dispatchOnce(provider) > 0 && System.nanoTime() < deadline) {
                    // keep going while there is work, but let the other providers have their turn
                }
            }
        } catch (RuntimeException e) {
            log.warn("Outbox dispatch failed; next poll retries", e);
        }
    }

    /** Sends up to one batch for the provider; answers how many messages were claimed. */
    public int dispatchOnce(String providerName) {
        ChannelProvider provider = providers.get(providerName);
        if (provider == null) return 0;
        int granted = rates.take(providerName, properties.batchSize());
        if (granted == 0) return 0;
        Instant now = clock.instant();
        List<OutboundMessage> claimed = system.sql("""
                update contact_message m set status = 'SENDING', claimed_by = ?, claimed_at = ?, attempts = attempts + 1,
                       updated_at = clock_timestamp()
                 where m.id in (select id from contact_message where status = 'QUEUED' and provider = ? and not_before <= ?
                                 order by not_before, id limit ? for update skip locked)
                returning m.id, m.org_id, m.customer_id, m.channel, m.address, m.subject, m.body, m.idempotency_key,
                          m.attempts, m.kind, m.time_zone""")
                .params(worker, Timestamp.from(now), providerName, Timestamp.from(now), granted)
                .query((rs, i) -> new OutboundMessage(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3),
                        Channel.parse(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, UUID.class), rs.getInt(9), rs.getString(10), rs.getString(11)))
                .list();
        rates.giveBack(providerName, granted - claimed.size());
        if (claimed.isEmpty()) return 0;
        List<OutboundMessage> sendable = recheck(claimed, now);
        List<SendResult> results;
        try {
            results = sendable.isEmpty() ? List.of() : provider.send(sendable);
        } catch (RuntimeException e) {
            log.warn("Provider {} failed a whole batch", providerName, e);
            results = sendable.stream().<SendResult>map(m -> new SendResult.Retry(String.valueOf(e.getMessage()))).toList();
        }
        record(sendable, results, now);
        return claimed.size();
    }

    /** Opt-outs, do-not-contact and hours may have changed since planning: block or defer instead of sending. */
    private List<OutboundMessage> recheck(List<OutboundMessage> claimed, Instant now) {
        Long[] ids = claimed.stream().map(OutboundMessage::id).toArray(Long[]::new);
        Set<Long> forbidden = new HashSet<>(system.sql("""
                select m.id from contact_message m
                 where m.id = any(?) and m.kind = 'COLLECTION'
                   and (exists (select 1 from contact_opt_out o where o.customer_id = m.customer_id and o.channel = m.channel
                                  and (o.address = '' or o.address = lower(m.address)))
                        or exists (select 1 from contact_restriction r where r.customer_id = m.customer_id and r.do_not_contact))""")
                .param(ids).query(Long.class).list());
        List<OutboundMessage> sendable = new ArrayList<>();
        Map<UUID, JurisdictionProfile> profileOf = new HashMap<>();
        List<Object[]> blocked = new ArrayList<>();
        List<Object[]> deferred = new ArrayList<>();
        for (OutboundMessage m : claimed) {
            if (forbidden.contains(m.id())) {
                blocked.add(new Object[]{"[\"OPTED_OUT\"]", m.id()});
                continue;
            }
            if ("COLLECTION".equals(m.kind())) {
                JurisdictionProfile profile = profileOf.computeIfAbsent(m.orgId(), org -> TenantContext.call(org, profiles::current));
                ZoneId zone = zone(m.timeZone());
                ContactDecision d = timing.decide(new ContactRequest(m.channel(), m.address(), now),
                        ContactSubject.debtorIn(zone), profile);
                if (d.when() == null) {
                    blocked.add(new Object[]{"[\"TIME_ZONE_UNKNOWN\"]", m.id()});
                    continue;
                }
                if (!d.allowed()) {
                    deferred.add(new Object[]{Timestamp.from(d.when()), m.id()});
                    continue;
                }
            }
            sendable.add(m);
        }
        if (!blocked.isEmpty() || !deferred.isEmpty()) {
            systemTx.executeWithoutResult(s -> {
                batch("""
                        update contact_message set status = 'BLOCKED', reasons = ?::jsonb, updated_at = clock_timestamp()
                         where id = ?""", blocked);
                event(blocked.stream().map(b -> new Object[]{b[1], "BLOCKED", b[0]}).toList());
                batch("""
                        update contact_message set status = 'QUEUED', not_before = ?, attempts = attempts - 1,
                               updated_at = clock_timestamp() where id = ?""", deferred);
            });
        }
        return sendable;
    }

    private void record(List<OutboundMessage> sent, List<SendResult> results, Instant now) {
        if (results.size() != sent.size()) throw new IllegalStateException("One result per message expected");
        List<Object[]> accepted = new ArrayList<>();
        List<Object[]> failed = new ArrayList<>();
        List<Object[]> retried = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            OutboundMessage m = sent.get(i);
            switch (results.get(i)) {
                case SendResult.Accepted a -> {
                    String status = a.delivered() ? "DELIVERED" : "SENT";
                    accepted.add(new Object[]{status, a.providerMessageId(), status, m.id()});
                    events.add(new Object[]{m.id(), "SENT", null});
                    if (a.delivered()) events.add(new Object[]{m.id(), "DELIVERED", null});
                }
                case SendResult.Rejected r -> {
                    failed.add(new Object[]{r.error(), m.id()});
                    events.add(new Object[]{m.id(), "FAILED", r.error()});
                }
                case SendResult.Retry r -> {
                    if (m.attempts() >= properties.maxAttempts()) {
                        failed.add(new Object[]{r.error(), m.id()});
                        events.add(new Object[]{m.id(), "FAILED", r.error()});
                    } else {
                        retried.add(new Object[]{Timestamp.from(now.plus(backoff(m.attempts()))), r.error(), m.id()});
                        events.add(new Object[]{m.id(), "QUEUED", "retry " + m.attempts() + ": " + r.error()});
                    }
                }
            }
        }
        systemTx.executeWithoutResult(s -> {
            batch("""
                    update contact_message set status = ?, provider_message_id = ?, sent_at = clock_timestamp(),
                           delivered_at = case when ? = 'DELIVERED' then clock_timestamp() end, updated_at = clock_timestamp()
                     where id = ? and status = 'SENDING'""", accepted);
            batch("""
                    update contact_message set status = 'FAILED', last_error = ?, updated_at = clock_timestamp()
                     where id = ? and status = 'SENDING'""", failed);
            batch("""
                    update contact_message set status = 'QUEUED', not_before = ?, last_error = ?, updated_at = clock_timestamp()
                     where id = ? and status = 'SENDING'""", retried);
            event(events);
        });
    }

    /** Exponential backoff: first retry after {@code firstRetry}, doubling, at most {@code maxRetry}. */
    Duration backoff(int attempts) {
        Duration d = properties.firstRetry().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : d;
    }

    /** Messages whose node died while they were SENDING: ask the provider by idempotency key. */
    public int reconcileStale() {
        Instant now = clock.instant();
        List<Object[]> stale = system.sql("""
                update contact_message m set claimed_by = ?, claimed_at = ?
                 where m.id in (select id from contact_message where status = 'SENDING' and claimed_at < ?
                                 order by claimed_at limit 500 for update skip locked)
                returning m.id, m.org_id, m.customer_id, m.channel, m.address, m.subject, m.body, m.idempotency_key,
                          m.attempts, m.kind, m.time_zone, m.provider""")
                .params(worker, Timestamp.from(now), Timestamp.from(now.minus(properties.sendingLease())))
                .query((rs, i) -> new Object[]{new OutboundMessage(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3),
                        Channel.parse(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, UUID.class), rs.getInt(9), rs.getString(10), rs.getString(11)), rs.getString(12)})
                .list();
        for (Object[] row : stale) {
            OutboundMessage m = (OutboundMessage) row[0];
            ChannelProvider provider = providers.get((String) row[1]);
            ChannelProvider.Reconciliation r = provider == null ? ChannelProvider.Reconciliation.unknown() : provider.reconcile(m);
            systemTx.executeWithoutResult(s -> {
                switch (r.outcome()) {
                    case RECEIVED -> {
                        system.sql("""
                                update contact_message set status = 'SENT', provider_message_id = ?, sent_at = clock_timestamp(),
                                       updated_at = clock_timestamp() where id = ? and status = 'SENDING'""")
                                .params(r.providerMessageId(), m.id()).update();
                        event(List.<Object[]>of(new Object[]{m.id(), "SENT", "reconciled after a crash"}));
                    }
                    case NOT_RECEIVED -> system.sql("""
                            update contact_message set status = 'QUEUED', updated_at = clock_timestamp()
                             where id = ? and status = 'SENDING'""").param(m.id()).update();
                    case UNKNOWN -> {
                        system.sql("""
                                update contact_message set status = 'FAILED', updated_at = clock_timestamp(),
                                       last_error = 'UNCERTAIN: the node died during the provider call; not resent to avoid a duplicate'
                                 where id = ? and status = 'SENDING'""").param(m.id()).update();
                        event(List.<Object[]>of(new Object[]{m.id(), "FAILED", "uncertain after a crash; not resent"}));
                    }
                }
            });
        }
        return stale.size();
    }

    private void batch(String sql, List<Object[]> args) {
        if (!args.isEmpty()) systemBatch.batchUpdate(sql, args);
    }

    /** Timeline rows: {messageId, status, detail}. */
    private void event(List<Object[]> rows) {
        batch("""
                insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                select org_id, customer_id, id, 'STATUS', channel, ?, ? from contact_message where id = ?""",
                rows.stream().map(r -> new Object[]{r[1], r[2], r[0]}).toList());
    }

    private static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? null : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
