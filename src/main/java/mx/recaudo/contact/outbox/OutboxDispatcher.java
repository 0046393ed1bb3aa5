package mx.recaudo.contact.outbox;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.ContactProperties;
import mx.recaudo.contact.guard.ContactDecision;
import mx.recaudo.contact.guard.ContactGuard;
import mx.recaudo.contact.guard.ContactRequest;
import mx.recaudo.contact.guard.ContactSubject;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.guard.InconvenientTime;
import mx.recaudo.contact.guard.Policies;
import mx.recaudo.contact.guard.Reason;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
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
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends QUEUED messages whose moment has come. Any number of nodes run it:
 * <ol>
 * <li>take tokens from the provider's bucket (rate limit across nodes);</li>
 * <li>claim up to that many rows of the narrow {@code contact_dispatch_queue} with {@code FOR UPDATE
 *     SKIP LOCKED}: in one committed statement <em>before</em> any provider call they leave the queue,
 *     their messages become SENDING with this worker's name and claim time, and one
 *     {@code contact_dispatch_claim} row lists the batch for the reconciler;</li>
 * <li>check again what may have changed since planning (opt-out, do-not-contact, hours), set-based;</li>
 * <li>hand the batch to the provider with each message's idempotency key;</li>
 * <li>record SENT / DELIVERED / FAILED, or QUEUED again with exponential backoff, the provider ids,
 *     the queue rows and the timeline rows of failures and retries, in one statement (SENT and
 *     DELIVERED entries of the timeline are read from the message's sent_at and delivered_at).</li>
 * </ol>
 * Several workers per node run these steps at once ({@link #drain}), so that a batch is recorded
 * while the next one is on the wire; each statement is a round trip for the whole batch.
 * A claim older than the lease (its node died) is taken over and its messages still SENDING are reconciled by key: the provider
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
            new Policies.AllowedHoursPolicy(), new Policies.ContactDaysPolicy(), new Policies.HolidayPolicy(),
            new Policies.InconvenientTimePolicy()));

    private final int threads;
    private final ExecutorService workers;

    OutboxDispatcher(@SystemDatabase JdbcClient system, @SystemDatabase DataSource systemDataSource,
                     @SystemDatabase TransactionTemplate systemTx, List<ChannelProvider> providers, RateLimits rates,
                     ContactProperties properties, ContactProfiles profiles, Clock clock,
                     @Value("${recaudo.contact.dispatch-threads:4}") int threads) {
        this.system = system;
        this.systemBatch = new JdbcTemplate(systemDataSource);
        this.systemTx = systemTx;
        providers.forEach(p -> this.providers.put(p.name(), p));
        this.rates = rates;
        this.properties = properties;
        this.profiles = profiles;
        this.clock = clock;
        this.threads = Math.max(1, threads);
        this.workers = Executors.newFixedThreadPool(this.threads,
                Thread.ofPlatform().daemon().name("outbox-worker-", 0).factory());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    @Scheduled(fixedDelayString = "${recaudo.contact.poll-millis:250}", initialDelay = 2000)
    void poll() {
        if (!properties.dispatchEnabled()) return;
        try {
            reconcileStale();
            for (String provider : providersWithDueWork()) {
                // keep going while there is work, but let the other providers have their turn
                drain(provider, Duration.ofSeconds(5));
            }
        } catch (RuntimeException e) {
            log.warn("Outbox dispatch failed; next poll retries", e);
        }
    }

    /**
     * The providers with at least one message due now, in one read of the queue index. An idle node
     * then costs one query per poll instead of a rate-bucket update and a claim per worker and provider,
     * which competed with the requests of every other module for the database.
     */
    List<String> providersWithDueWork() {
        return system.sql("""
                select p from unnest(?::text[]) p
                 where exists (select 1 from contact_dispatch_queue q where q.provider = p and q.not_before <= ?)""")
                .params(providers.keySet().toArray(String[]::new), Timestamp.from(clock.instant()))
                .query(String.class).list();
    }

    /**
     * Sends the provider's due messages with {@code recaudo.contact.dispatch-threads} workers until
     * none is left, the rate limit runs dry or {@code maxTime} has passed; answers how many were
     * claimed. While one worker waits for the provider, another claims or records: the database and
     * the provider link are busy at the same time.
     */
    public int drain(String providerName, Duration maxTime) {
        long deadline = System.nanoTime() + maxTime.toNanos();
        if (threads == 1) return dispatchUntil(providerName, deadline);
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) running.add(workers.submit(() -> dispatchUntil(providerName, deadline)));
        int claimed = 0;
        RuntimeException failure = null;
        for (Future<Integer> f : running) {
            try {
                claimed += f.get();
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while dispatching", e);
            }
        }
        if (failure != null) throw failure;
        return claimed;
    }

    private int dispatchUntil(String providerName, long deadline) {
        int total = 0;
        int n;
        while (System.nanoTime() < deadline && (n = dispatchOnce(providerName)) > 0) total += n;
        return total;
    }

    /** Sends up to one batch for the provider; answers how many messages were claimed. */
    public int dispatchOnce(String providerName) {
        ChannelProvider provider = providers.get(providerName);
        if (provider == null) return 0;
        int granted = rates.take(providerName, properties.batchSize());
        if (granted == 0) return 0;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as stored: the claim is matched by it later
        Timestamp at = Timestamp.from(now);
        // One committed statement before any provider call: the due rows leave the narrow queue, their
        // messages become SENDING (HOT updates) and one claim row records the batch for the reconciler.
        // A queue row whose message is no longer QUEUED (an opt-out blocked it meanwhile) just leaves.
        List<OutboundMessage> claimed = new ArrayList<>();
        long[] claim = {0};
        int[] taken = {0};
        // The due rows must come from an ordered scan of contact_dispatch_queue_due that stops after the batch.
        // Without statistics (a queue filled seconds ago, not analyzed yet) the planner guesses a handful of
        // due rows and reads and sorts all of them instead: every claim of a 100,000-message run read the
        // whole queue. A sort is never needed here, so it is ruled out for this one transaction.
        systemTx.executeWithoutResult(tx -> {
            system.sql("set local enable_sort = off").update();
            system.sql("""
                    with q as (delete from contact_dispatch_queue d
                                where d.message_id = any(array(select message_id from contact_dispatch_queue
                                                        where provider = ? and not_before <= ?
                                                        order by not_before, message_id limit ? for update skip locked))
                               returning d.message_id),
                    m as (update contact_message m set status = 'SENDING', claimed_by = ?, claimed_at = ?,
                                 attempts = m.attempts + 1, updated_at = clock_timestamp()
                            from q where m.id = q.message_id and m.status = 'QUEUED'
                          returning m.id, m.org_id, m.customer_id, m.channel, m.address, m.subject, m.body, m.idempotency_key,
                                    m.attempts, m.kind, m.time_zone),
                    c as (insert into contact_dispatch_claim (provider, claimed_by, claimed_at, message_ids)
                          select ?, ?, ?, array_agg(id) from m having count(*) > 0
                          returning id)
                    select (select count(*) from q), (select id from c), m.* from (select 1) one left join m on true""")
                    .params(providerName, at, granted, worker, at, providerName, worker, at)
                    .query(rs -> {
                        taken[0] = rs.getInt(1);
                        claim[0] = rs.getLong(2);
                        if (rs.getObject(3) != null) {
                            claimed.add(new OutboundMessage(rs.getLong(3), rs.getObject(4, UUID.class), rs.getLong(5),
                                    Channel.parse(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9),
                                    rs.getObject(10, UUID.class), rs.getInt(11), rs.getString(12), rs.getString(13)));
                        }
                    });
        });
        rates.giveBack(providerName, granted - claimed.size());
        if (claimed.isEmpty()) return taken[0]; // only dropped queue rows (if any): there may be more to claim
        List<OutboundMessage> sendable = recheck(claimed, now, at);
        List<SendResult> results;
        try {
            results = sendable.isEmpty() ? List.of() : provider.send(sendable);
        } catch (RuntimeException e) {
            log.warn("Provider {} failed a whole batch", providerName, e);
            results = sendable.stream().<SendResult>map(m -> new SendResult.Retry(String.valueOf(e.getMessage()))).toList();
        }
        record(claim[0], sendable, results, now, at);
        provider.recorded(results.stream().map(r -> r instanceof SendResult.Accepted a ? a.providerMessageId() : null)
                .filter(java.util.Objects::nonNull).toList());
        return claimed.size();
    }

    /**
     * Opt-outs, do-not-contact, hours and the customer's inconvenient times may have changed since
     * planning: block or defer instead of sending. One query for the whole batch's opt-outs,
     * restrictions and inconvenient times, the timing rules in memory, one statement for what is
     * blocked or deferred (with its timeline rows; the deferred go back in the queue).
     */
    private List<OutboundMessage> recheck(List<OutboundMessage> claimed, Instant now, Timestamp claimedAt) {
        Long[] ids = claimed.stream().map(OutboundMessage::id).toArray(Long[]::new);
        Long[] customers = claimed.stream().filter(m -> "COLLECTION".equals(m.kind())).map(OutboundMessage::customerId)
                .distinct().toArray(Long[]::new);
        Set<Long> forbidden = new HashSet<>();
        Map<Long, List<InconvenientTime>> inconvenient = new HashMap<>();
        system.sql("""
                select m.id, null::bigint, null::text, null::text[], null::time, null::time from contact_message m
                 where m.id = any(?) and m.kind = 'COLLECTION'
                   and (exists (select 1 from contact_opt_out o where o.customer_id = m.customer_id and o.channel = m.channel
                                  and (o.address = '' or o.address = lower(m.address)))
                        or exists (select 1 from contact_restriction r where r.customer_id = m.customer_id and r.do_not_contact))
                union all
                select null, w.customer_id, w.channel, w.days, w.starts, w.ends from contact_inconvenient_time w
                  join customer c on c.id = w.customer_id and c.org_id = w.org_id
                 where w.customer_id = any(?)""")
                .params(ids, customers)
                .query(rs -> {
                    long id = rs.getLong(1);
                    if (!rs.wasNull()) {
                        forbidden.add(id);
                        return;
                    }
                    inconvenient.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(InconvenientTime.of(
                            rs.getString(3), (String[]) rs.getArray(4).getArray(), rs.getObject(5, LocalTime.class),
                            rs.getObject(6, LocalTime.class)));
                });
        List<OutboundMessage> sendable = new ArrayList<>();
        Map<UUID, JurisdictionProfile> profileOf = new HashMap<>();
        List<Long> held = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<String> notBefore = new ArrayList<>();
        for (OutboundMessage m : claimed) {
            if (forbidden.contains(m.id())) {
                held.add(m.id());
                statuses.add("BLOCKED");
                reasons.add("[\"OPTED_OUT\"]");
                notBefore.add(null);
                continue;
            }
            if ("COLLECTION".equals(m.kind())) {
                JurisdictionProfile profile = profileOf.computeIfAbsent(m.orgId(), org -> TenantContext.call(org, profiles::current));
                ZoneId zone = zone(m.timeZone());
                ContactSubject subject = ContactSubject.debtorIn(zone)
                        .withInconvenientTimes(inconvenient.getOrDefault(m.customerId(), List.of()));
                ContactDecision d = timing.decide(new ContactRequest(m.channel(), m.address(), now), subject, profile);
                if (d.when() == null) {
                    held.add(m.id());
                    statuses.add("BLOCKED");
                    reasons.add(jsonArray(d.reasons()));
                    notBefore.add(null);
                    continue;
                }
                if (!d.allowed()) {
                    held.add(m.id());
                    statuses.add("QUEUED");
                    reasons.add(jsonArray(d.reasons()));
                    notBefore.add(d.when().toString());
                    continue;
                }
            }
            sendable.add(m);
        }
        if (!held.isEmpty()) {
            // BLOCKED for good, or QUEUED again (back in the queue) for the next allowed moment; either way a
            // timeline row with the reasons; only messages still SENDING under this claim
            system.sql("""
                    with r as (select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[]::timestamptz[])
                                        as r(id, status, reasons, not_before)),
                    m as (update contact_message c
                             set status = r.status,
                                 reasons = coalesce(r.reasons::jsonb, c.reasons),
                                 not_before = coalesce(r.not_before, c.not_before),
                                 attempts = case when r.status = 'QUEUED' then c.attempts - 1 else c.attempts end,
                                 updated_at = clock_timestamp()
                            from r where c.id = r.id and c.status = 'SENDING' and c.claimed_by = ? and c.claimed_at = ?
                          returning c.id, c.org_id, c.customer_id, c.channel, c.provider, c.not_before, r.status, r.reasons),
                    back as (insert into contact_dispatch_queue (message_id, org_id, provider, not_before)
                             select id, org_id, provider, not_before from m where status = 'QUEUED')
                    insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                    select org_id, customer_id, id, 'STATUS', channel, status, reasons from m where reasons is not null""")
                    .params(held.toArray(Long[]::new), statuses.toArray(String[]::new), reasons.toArray(String[]::new),
                            notBefore.toArray(String[]::new), worker, claimedAt)
                    .update();
        }
        return sendable;
    }

    private static String jsonArray(List<Reason> reasons) {
        return reasons.stream().map(r -> "\"" + r.name() + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    /**
     * The provider's answers, in one statement: the batch's claim row is removed (nothing is recorded
     * when a reconciler took the claim over), every message still SENDING under this claim gets its new
     * status (HOT updates: nothing indexed changes), the provider ids their lookup rows, retries go back
     * in the queue, failures and retries get timeline rows (SENT and DELIVERED entries of the timeline
     * are read from sent_at and delivered_at).
     */
    private void record(long claim, List<OutboundMessage> sent, List<SendResult> results, Instant now, Timestamp claimedAt) {
        if (results.size() != sent.size()) throw new IllegalStateException("One result per message expected");
        int n = sent.size();
        Long[] ids = new Long[n];
        String[] statuses = new String[n];
        String[] providerIds = new String[n];
        String[] errors = new String[n];
        String[] retryAt = new String[n];
        List<Long> eventIds = new ArrayList<>();
        List<String> eventStatuses = new ArrayList<>();
        List<String> eventDetails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OutboundMessage m = sent.get(i);
            ids[i] = m.id();
            switch (results.get(i)) {
                case SendResult.Accepted a -> {
                    statuses[i] = a.delivered() ? "DELIVERED" : "SENT";
                    providerIds[i] = a.providerMessageId();
                }
                case SendResult.Rejected r -> {
                    statuses[i] = "FAILED";
                    errors[i] = r.error();
                    addEvent(eventIds, eventStatuses, eventDetails, m.id(), "FAILED", r.error());
                }
                case SendResult.Retry r -> {
                    errors[i] = r.error();
                    if (m.attempts() >= properties.maxAttempts()) {
                        statuses[i] = "FAILED";
                        addEvent(eventIds, eventStatuses, eventDetails, m.id(), "FAILED", r.error());
                    } else {
                        statuses[i] = "QUEUED";
                        retryAt[i] = now.plus(backoff(m.attempts())).toString();
                        addEvent(eventIds, eventStatuses, eventDetails, m.id(), "QUEUED", "retry " + m.attempts() + ": " + r.error());
                    }
                }
            }
        }
        // the claim row goes first (an InitPlan gates the update): the order the reconciler locks in too
        system.sql("""
                with k as (delete from contact_dispatch_claim where id = ? and claimed_by = ? and claimed_at = ? returning id),
                r as (select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[])
                                  as r(id, status, pid, error, retry_at)),
                m as (update contact_message c
                         set status = r.status,
                             provider_message_id = coalesce(r.pid, c.provider_message_id),
                             sent_at = case when r.status in ('SENT','DELIVERED') then clock_timestamp() else c.sent_at end,
                             delivered_at = case when r.status = 'DELIVERED' then clock_timestamp() else c.delivered_at end,
                             last_error = coalesce(r.error, c.last_error),
                             not_before = coalesce(r.retry_at, c.not_before),
                             updated_at = clock_timestamp()
                        from r
                       where exists (select 1 from k) and c.id = r.id
                         and c.status = 'SENDING' and c.claimed_by = ? and c.claimed_at = ?
                      returning c.id, c.org_id, c.customer_id, c.channel, c.provider, c.status, c.not_before,
                                c.provider_message_id, c.sent_at),
                back as (insert into contact_dispatch_queue (message_id, org_id, provider, not_before)
                         select id, org_id, provider, not_before from m where status = 'QUEUED'),
                ref as (insert into contact_provider_message (provider, provider_message_id, message_id, sent_at)
                        select provider, provider_message_id, id, sent_at from m
                         where status in ('SENT','DELIVERED') and provider_message_id is not null)
                insert into contact_event (org_id, customer_id, message_id, kind, channel, status, detail)
                select m.org_id, m.customer_id, m.id, 'STATUS', m.channel, e.status, e.detail
                  from unnest(?::bigint[], ?::text[], ?::text[]) with ordinality as e(id, status, detail, n)
                  join m on m.id = e.id
                 order by e.n""")
                .params(claim, worker, claimedAt, ids, statuses, providerIds, errors, retryAt, worker, claimedAt,
                        eventIds.toArray(Long[]::new), eventStatuses.toArray(String[]::new), eventDetails.toArray(String[]::new))
                .update();
    }

    private static void addEvent(List<Long> ids, List<String> statuses, List<String> details, long id, String status,
                                 String detail) {
        ids.add(id);
        statuses.add(status);
        details.add(detail);
    }

    /** Exponential backoff: first retry after {@code firstRetry}, doubling, at most {@code maxRetry}. */
    Duration backoff(int attempts) {
        Duration d = properties.firstRetry().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : d;
    }

    /**
     * Messages whose node died while they were SENDING: ask the provider by idempotency key. Only
     * messages of providers this node has are taken (a node never judges another provider's messages).
     */
    public int reconcileStale() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Timestamp at = Timestamp.from(now);
        // take over the stale claims (their node died or hung past the lease), then look at their messages
        List<Object[]> claims = system.sql("""
                update contact_dispatch_claim set claimed_by = ?, claimed_at = ?
                 where id = any(array(select id from contact_dispatch_claim where claimed_at < ? and provider = any(?)
                                       order by claimed_at limit 20 for update skip locked))
                returning id, provider, message_ids""")
                .params(worker, at, Timestamp.from(now.minus(properties.sendingLease())),
                        providers.keySet().toArray(String[]::new))
                .query((rs, i) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getArray(3).getArray()})
                .list();
        int reconciled = 0;
        for (Object[] claim : claims) {
            ChannelProvider provider = providers.get((String) claim[1]);
            List<OutboundMessage> stale = system.sql("""
                    select id, org_id, customer_id, channel, address, subject, body, idempotency_key, attempts, kind, time_zone
                      from contact_message where id = any(?) and status = 'SENDING' order by id""")
                    .param(claim[2])
                    .query((rs, i) -> new OutboundMessage(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3),
                            Channel.parse(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, UUID.class), rs.getInt(9), rs.getString(10), rs.getString(11)))
                    .list();
            for (OutboundMessage m : stale) {
                ChannelProvider.Reconciliation r = provider == null ? ChannelProvider.Reconciliation.unknown() : provider.reconcile(m);
                systemTx.executeWithoutResult(s -> {
                    switch (r.outcome()) {
                        case RECEIVED -> {
                            int sent = system.sql("""
                                    with m as (update contact_message set status = 'SENT', provider_message_id = ?,
                                                      sent_at = clock_timestamp(), updated_at = clock_timestamp()
                                                where id = ? and status = 'SENDING'
                                               returning id, provider, provider_message_id, sent_at),
                                    ref as (insert into contact_provider_message (provider, provider_message_id, message_id, sent_at)
                                            select provider, provider_message_id, id, sent_at from m where provider_message_id is not null)
                                    select count(*) from m""")
                                    .params(r.providerMessageId(), m.id()).query(Integer.class).single();
                            // an explicit SENT row (with why) takes the place of the one read from sent_at
                            if (sent > 0) event(List.<Object[]>of(new Object[]{m.id(), "SENT", "reconciled after a crash"}));
                        }
                        case NOT_RECEIVED -> system.sql("""
                                with m as (update contact_message set status = 'QUEUED', updated_at = clock_timestamp()
                                            where id = ? and status = 'SENDING' returning id, org_id, provider, not_before)
                                insert into contact_dispatch_queue (message_id, org_id, provider, not_before)
                                select id, org_id, provider, not_before from m""").param(m.id()).update();
                        case UNKNOWN -> {
                            int failed = system.sql("""
                                    update contact_message set status = 'FAILED', updated_at = clock_timestamp(),
                                           last_error = 'UNCERTAIN: the node died during the provider call; not resent to avoid a duplicate'
                                     where id = ? and status = 'SENDING'""").param(m.id()).update();
                            if (failed > 0) event(List.<Object[]>of(new Object[]{m.id(), "FAILED", "uncertain after a crash; not resent"}));
                        }
                    }
                });
                reconciled++;
            }
            system.sql("delete from contact_dispatch_claim where id = ? and claimed_by = ? and claimed_at = ?")
                    .params(claim[0], worker, at).update();
        }
        return reconciled;
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
