package mx.recaudo.arrangement;

import mx.recaudo.arrangement.PromiseEvent.PromiseBroken;
import mx.recaudo.arrangement.PromiseEvent.PromiseKept;
import mx.recaudo.arrangement.PromiseEvent.PromiseMade;
import mx.recaudo.arrangement.PromiseEvent.PromisePartiallyKept;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.payment.PaymentPosted;
import mx.recaudo.payment.PaymentReversed;
import mx.recaudo.payment.Payments;
import mx.recaudo.payment.Problem;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.Obligations;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Promises to pay: registered within the organization's {@link PromisePolicy}, then decided
 * (KEPT / PARTIALLY_KEPT / BROKEN) from the payments received up to the end of their grace: right
 * after each payment ({@link PaymentPosted}) and, for the rest, when the grace ends (a scheduled
 * evaluator that any number of nodes may run: each due promise is claimed by one of them).
 * {@link PromiseEvent}s are published after commit, with no transaction open.
 */
@Service
@EnableConfigurationProperties(ArrangementProperties.class)
public class Promises {
    private static final Logger log = LoggerFactory.getLogger(Promises.class);
    private final JdbcClient jdbc;
    private final JdbcClient system;
    private final TransactionTemplate tx;
    private final Portfolio portfolio;
    private final Obligations obligations;
    private final Payments payments;
    private final IdentityManagement identity;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ArrangementProperties properties;
    private final String node = "node-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);

    Promises(JdbcClient jdbc, @SystemDatabase JdbcClient system, PlatformTransactionManager transactions,
             Portfolio portfolio, Obligations obligations, Payments payments, IdentityManagement identity,
             AuditLog audit, ApplicationEventPublisher events, Clock clock, ArrangementProperties properties) {
        this.jdbc = jdbc;
        this.system = system;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.portfolio = portfolio;
        this.obligations = obligations;
        this.payments = payments;
        this.identity = identity;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    /** The bound organization's promise policy (its own, or the defaults). */
    public PromisePolicy policy() {
        return jdbc.sql("select * from promise_policy").query((rs, i) -> new PromisePolicy(rs.getInt("max_days_ahead"),
                        rs.getBigDecimal("min_amount"), rs.getBigDecimal("min_share"), rs.getInt("max_open"),
                        rs.getInt("grace_days")))
                .optional().orElseGet(() -> properties.promise().policy());
    }

    public void changePolicy(PromisePolicy p) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into promise_policy (org_id, max_days_ahead, min_amount, min_share, max_open, grace_days)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (org_id) do update set max_days_ahead = excluded.max_days_ahead,
                      min_amount = excluded.min_amount, min_share = excluded.min_share, max_open = excluded.max_open,
                      grace_days = excluded.grace_days, updated_at = now()""")
                    .params(TenantContext.require(), p.maxDaysAhead(), p.minAmount(), p.minShare(), p.maxOpen(), p.graceDays())
                    .update();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("maxDaysAhead", p.maxDaysAhead());
            d.put("minAmount", p.minAmount() == null ? "" : p.minAmount().toPlainString());
            d.put("minShare", p.minShare() == null ? "" : p.minShare().toPlainString());
            d.put("maxOpen", p.maxOpen());
            d.put("graceDays", p.graceDays());
            audit.record("PROMISE_POLICY_CHANGED", "promise_policy", TenantContext.require().toString(), d);
        });
    }

    /**
     * Registers a promise for the bound organization, or explains every rule it breaks
     * ({@link Problem.Rejected}, 422 {@code promise_outside_policy}). With an idempotency key, asking
     * again answers the promise already made.
     */
    public PromiseView make(MakePromise command) {
        List<Problem> problems = command.problems();
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        long customerId = portfolio.findIdByExternalId(command.customer()).orElseThrow(() -> new Problem.Rejected(
                "unknown_customer", 422, List.of(new Problem("customer", "No existe el cliente " + command.customer(),
                        "No such customer: " + command.customer()))));
        return make(customerId, command);
    }

    public PromiseView make(long customerId, MakePromise command) {
        List<Problem> requestProblems = command.problems().stream().filter(p -> !"customer".equals(p.field())).toList();
        if (!requestProblems.isEmpty()) throw new Problem.Rejected(requestProblems);
        if (command.idempotencyKey() != null) {
            Optional<PromiseView> earlier = byKey(command.idempotencyKey());
            if (earlier.isPresent()) return same(earlier.get(), customerId, command);
        }
        PromisePolicy policy = policy();
        LocalDate today = portfolio.today();
        String actor = actor();
        UUID id = UUID.randomUUID();
        PromiseMade made = tx.execute(s -> {
            // One promise-maker per customer at a time, so "open promises" cannot be raced past the limit.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('promise:' || ?))").param(customerId).query().singleValue();
            if (command.idempotencyKey() != null && byKey(command.idempotencyKey()).isPresent()) return null;
            int open = jdbc.sql("select count(*) from promise where customer_id = ? and status = 'PENDING'")
                    .param(customerId).query(Integer.class).single();
            BigDecimal balance = obligations.openBalance(customerId, command.currency());
            List<Problem> violations = policy.check(command.amount(), command.currency(), command.dueDate(),
                    new PromisePolicy.Situation(today, balance, open));
            if (!violations.isEmpty()) throw new Problem.Rejected("promise_outside_policy", 422, violations);
            LocalDate graceUntil = policy.graceUntil(command.dueDate());
            jdbc.sql("""
                    insert into promise (id, org_id, customer_id, amount, currency, due_date, grace_until, status, channel,
                                         idempotency_key, created_by, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)""")
                    .params(id, TenantContext.require(), customerId, command.amount(), command.currency(),
                            command.dueDate(), graceUntil, command.channel(), command.idempotencyKey(), actor,
                            Timestamp.from(clock.instant()))
                    .update();
            audit.record(actor, "PROMISE_MADE", "promise", id.toString(), Map.of("customerId", customerId,
                    "amount", command.amount().toPlainString(), "currency", command.currency(),
                    "dueDate", command.dueDate().toString(), "graceUntil", graceUntil.toString(), "channel", command.channel()));
            return new PromiseMade(TenantContext.require(), id, customerId, command.amount(), command.currency(),
                    command.dueDate(), graceUntil);
        });
        if (made == null) return same(byKey(command.idempotencyKey()).orElseThrow(), customerId, command);
        events.publishEvent(made);
        return find(id).orElseThrow();
    }

    private PromiseView same(PromiseView earlier, long customerId, MakePromise command) {
        if (earlier.customerId() != customerId || earlier.amount().compareTo(command.amount()) != 0
                || !earlier.currency().equals(command.currency()) || !earlier.dueDate().equals(command.dueDate())) {
            throw new Problem.Rejected("idempotency_key_reused", 422, List.of(new Problem("Idempotency-Key",
                    "Esta clave de idempotencia ya se usó para otra promesa (" + earlier.id() + ")",
                    "This idempotency key was already used for another promise (" + earlier.id() + ")")));
        }
        return earlier;
    }

    public Optional<PromiseView> find(UUID id) {
        return jdbc.sql("select * from promise where id = ?").param(id).query((rs, i) -> map(rs)).optional();
    }

    public List<PromiseView> ofCustomer(long customerId) {
        return jdbc.sql("select * from promise where customer_id = ? order by created_at desc limit 100").param(customerId)
                .query((rs, i) -> map(rs)).list();
    }

    private Optional<PromiseView> byKey(String key) {
        return jdbc.sql("select * from promise where idempotency_key = ?").param(key).query((rs, i) -> map(rs)).optional();
    }

    /** A payment arrived: decide the customer's pending promises in its currency now, not at their date. */
    @EventListener
    public void on(PaymentPosted payment) {
        try {
            TenantContext.run(payment.orgId(), () -> {
                List<UUID> pending = jdbc.sql("select id from promise where customer_id = ? and currency = ? and status = 'PENDING'")
                        .params(payment.customerId(), payment.currency()).query(UUID.class).list();
                for (UUID id : pending) evaluate(id, clock.instant());
            });
        } catch (RuntimeException e) {
            // The payment is committed; the scheduled evaluator decides the promise at its date anyway.
            log.warn("Could not evaluate the promises of customer {} after payment {}", payment.customerId(), payment.paymentId(), e);
        }
    }

    /** A reversed payment no longer counts: pending promises are recomputed (decided ones stay decided). */
    @EventListener
    public void on(PaymentReversed reversal) {
        try {
            TenantContext.run(reversal.orgId(), () -> {
                List<UUID> pending = jdbc.sql("select id from promise where customer_id = ? and currency = ? and status = 'PENDING'")
                        .params(reversal.customerId(), reversal.currency()).query(UUID.class).list();
                for (UUID id : pending) evaluate(id, clock.instant());
            });
        } catch (RuntimeException e) {
            log.warn("Could not re-evaluate promises after reversal {}", reversal.paymentId(), e);
        }
    }

    @Scheduled(fixedDelayString = "${recaudo.arrangements.evaluate-millis:30000}", initialDelay = 10_000)
    void evaluateDueOnSchedule() {
        try {
            evaluateDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Promise evaluation failed; it runs again shortly", e);
        }
    }

    /**
     * Decides every pending promise of any organization whose grace ended before {@code now} (in the
     * organization's time zone). Safe on many nodes at once: each node claims a batch with
     * {@code FOR UPDATE SKIP LOCKED}; a claim left by a dead node expires after two minutes.
     * Returns how many promises were decided.
     */
    public int evaluateDue(Instant now) {
        int decided = 0;
        while (true) {
            record Claim(UUID id, UUID org) {}
            List<Claim> claims = system.sql("""
                    update promise p set claimed_by = ?, claimed_at = now()
                     where p.id in (select q.id from promise q join organization o on o.id = q.org_id
                                     where q.status = 'PENDING'
                                       and q.grace_until < (?::timestamptz at time zone o.time_zone)::date
                                       and (q.claimed_at is null or q.claimed_at < now() - interval '2 minutes')
                                     order by q.grace_until limit 200
                                     for update of q skip locked)
                    returning p.id, p.org_id""")
                    .params(node, Timestamp.from(now))
                    .query((rs, i) -> new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
            if (claims.isEmpty()) return decided;
            for (Claim c : claims) {
                if (TenantContext.call(c.org(), () -> evaluate(c.id(), now)) != PromiseStatus.PENDING) decided++;
            }
        }
    }

    /** Recomputes one promise from the payments received; returns its status afterwards. */
    public PromiseStatus evaluate(UUID promiseId, Instant now) {
        ZoneId zone = ZoneId.of(identity.currentOrganization().timeZone());
        PromiseEvent[] event = new PromiseEvent[1];
        PromiseStatus status = tx.execute(s -> {
            PromiseView p = jdbc.sql("select * from promise where id = ? for update").param(promiseId)
                    .query((rs, i) -> map(rs)).optional().orElse(null);
            if (p == null) return null;
            if (p.status() != PromiseStatus.PENDING) return p.status();
            Instant graceEnd = p.graceUntil().plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1000);
            BigDecimal paid = payments.receivedBetween(p.customerId(), p.currency(), p.createdAt(), graceEnd);
            boolean graceOver = LocalDate.ofInstant(now, zone).isAfter(p.graceUntil());
            PromiseStatus next = PromiseStatus.decide(p.amount(), paid, graceOver);
            if (next == PromiseStatus.PENDING) {
                jdbc.sql("update promise set paid = ?, claimed_by = null, claimed_at = null where id = ?")
                        .params(paid, promiseId).update();
                return next;
            }
            jdbc.sql("update promise set status = ?, paid = ?, decided_at = ?, claimed_by = null, claimed_at = null where id = ?")
                    .params(next.name(), paid, Timestamp.from(now), promiseId).update();
            audit.record("system", "PROMISE_" + next.name(), "promise", promiseId.toString(),
                    Map.of("paid", paid.toPlainString(), "amount", p.amount().toPlainString(), "currency", p.currency()));
            UUID org = TenantContext.require();
            event[0] = switch (next) {
                case KEPT -> new PromiseKept(org, promiseId, p.customerId());
                case PARTIALLY_KEPT -> new PromisePartiallyKept(org, promiseId, p.customerId(), paid);
                case BROKEN -> new PromiseBroken(org, promiseId, p.customerId());
                default -> null;
            };
            return next;
        });
        if (event[0] != null) events.publishEvent(event[0]);
        return status;
    }

    /** Cancels a pending promise (the customer withdrew it, or it was entered by mistake). */
    public void cancel(UUID promiseId, String reason) {
        String actor = actor();
        tx.executeWithoutResult(s -> {
            int n = jdbc.sql("update promise set status = 'CANCELLED', decided_at = ? where id = ? and status = 'PENDING'")
                    .params(Timestamp.from(clock.instant()), promiseId).update();
            if (n == 0) throw new Problem.Rejected("not_pending", 409, List.of(new Problem("id",
                    "La promesa no está pendiente", "The promise is not pending")));
            audit.record(actor, "PROMISE_CANCELLED", "promise", promiseId.toString(), Map.of("reason", reason == null ? "" : reason));
        });
    }

    private static PromiseView map(ResultSet rs) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new PromiseView(rs.getObject("id", UUID.class), rs.getLong("customer_id"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getObject("due_date", LocalDate.class),
                rs.getObject("grace_until", LocalDate.class), PromiseStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("paid"), rs.getString("channel"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), decided == null ? null : decided.toInstant());
    }

    static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }
}
