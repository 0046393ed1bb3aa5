package mx.recaudo.payment;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.payment.AllocationRule.Allocation;
import mx.recaudo.payment.AllocationRule.Debt;
import mx.recaudo.payment.AllocationRule.Share;
import mx.recaudo.portfolio.ObligationComponents;
import mx.recaudo.portfolio.Obligations;
import mx.recaudo.portfolio.OpenObligation;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.shared.TenantContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The payment module's API: post a payment (idempotent by key), allocate it by the organization's
 * rule, keep any excess as unapplied credit, reverse it exactly, and read payments back. Balances
 * change only through the portfolio's {@link Obligations} in the same transaction as the payment.
 * {@link PaymentPosted} and {@link PaymentReversed} are published after the transaction commits,
 * with no transaction open: listen with {@code @EventListener}.
 */
@Service
public class Payments {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Obligations obligations;
    private final ObligationComponents components;
    private final Portfolio portfolio;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PaymentSettingsStore settings;

    Payments(JdbcClient jdbc, TransactionTemplate tx, Obligations obligations, ObligationComponents components,
             Portfolio portfolio, AuditLog audit, ApplicationEventPublisher events, Clock clock,
             PaymentSettingsStore settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.obligations = obligations;
        this.components = components;
        this.portfolio = portfolio;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    /** The answer to a posting: the payment, and whether it was made now or earlier under the same key. */
    public record Posted(PaymentView payment, boolean replayed) {}

    /**
     * Posts a payment for the bound organization. The same idempotency key answers the payment made
     * the first time (also when two requests race); the same key with a different request is refused
     * with {@code idempotency_key_reused} (422).
     */
    public Posted post(PostPayment command) {
        List<Problem> problems = command.problems();
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        long customerId = portfolio.findIdByExternalId(command.customer()).orElseThrow(() -> new Problem.Rejected(
                "unknown_customer", 422, List.of(new Problem("customer", "No existe el cliente " + command.customer(),
                        "No such customer: " + command.customer()))));
        return post(customerId, command);
    }

    /** Posts a payment for a customer already identified (bank files, payment links). */
    Posted post(long customerId, PostPayment command) {
        List<Problem> problems = command.problems();
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        Outcome outcome = tx.execute(s -> postInTransaction(customerId, command, actor()));
        if (!outcome.posted().replayed()) publishAfterCommit(outcome.event());
        return outcome.posted();
    }

    record Outcome(Posted posted, PaymentPosted event) {}

    /** The posting itself, in the caller's transaction; the caller publishes the event after commit. */
    Outcome postInTransaction(long customerId, PostPayment command, String actor) {
        UUID org = TenantContext.require();
        UUID id = UUID.randomUUID();
        Instant receivedAt = command.receivedAt() != null ? command.receivedAt() : clock.instant();
        String fingerprint = sha256(command.fingerprint());
        PaymentSettings current = settings.current();
        int inserted = jdbc.sql("""
                insert into payment (id, org_id, customer_id, amount, currency, applied, unapplied, reference, channel,
                                     received_at, status, idempotency_key, request_hash, allocation_rule, created_by)
                values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'POSTED', ?, ?, ?, ?)
                on conflict (org_id, idempotency_key) do nothing""")
                .params(id, org, customerId, command.amount(), command.currency(), command.amount(), command.reference(),
                        command.channel().name(), Timestamp.from(receivedAt), command.idempotencyKey(), fingerprint,
                        current.allocationRule().name(), actor)
                .update();
        if (inserted == 0) {
            record Earlier(UUID id, String hash, long customerId) {}
            Earlier earlier = jdbc.sql("select id, request_hash, customer_id from payment where idempotency_key = ?")
                    .param(command.idempotencyKey())
                    .query((rs, i) -> new Earlier(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3))).single();
            if (!earlier.hash().equals(fingerprint) || earlier.customerId() != customerId) {
                throw new Problem.Rejected("idempotency_key_reused", 422, List.of(new Problem("Idempotency-Key",
                        "Esta clave de idempotencia ya se usó para otro pago (" + earlier.id() + ") con datos distintos",
                        "This idempotency key was already used for another payment (" + earlier.id() + ") with different data")));
            }
            return new Outcome(new Posted(find(earlier.id()).orElseThrow(), true), null);
        }

        List<OpenObligation> open = obligations.lockOpen(customerId, command.currency());
        Map<Long, ObligationComponents.Components> parts = components.of(open.stream().map(OpenObligation::id).toList());
        List<Debt> debts = open.stream().map(o -> {
            var c = parts.get(o.id());
            return new Debt(o.id(), o.dueDate(), o.balance(), c == null ? BigDecimal.ZERO : c.fees(),
                    c == null ? BigDecimal.ZERO : c.interest());
        }).toList();
        Allocation allocation = current.allocationRule().allocate(command.amount(), debts);
        Map<Long, OpenObligation> byId = open.stream().collect(Collectors.toMap(OpenObligation::id, o -> o));
        for (Share share : allocation.shares()) {
            OpenObligation o = byId.get(share.obligationId());
            int installment = jdbc.sql("""
                    select count(distinct a.payment_id) + 1 from payment_allocation a join payment p on p.id = a.payment_id
                     where a.obligation_id = ? and p.status = 'POSTED'""").param(o.id()).query(Integer.class).single();
            obligations.reduceBalance(o.id(), share.total());
            components.reduce(o.id(), share.fees(), share.interest());
            jdbc.sql("""
                    insert into payment_allocation (org_id, payment_id, obligation_id, obligation_external_id, invoice_uuid,
                           installment_no, previous_balance, amount, remaining_balance, fees_paid, interest_paid,
                           principal_paid, previous_status)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(org, id, o.id(), o.externalId(), invoiceUuid(o), installment, o.balance(), share.total(),
                            o.balance().subtract(share.total()), share.fees(), share.interest(), share.principal(),
                            o.status())
                    .update();
        }
        jdbc.sql("update payment set applied = ?, unapplied = ? where id = ?")
                .params(allocation.applied(), allocation.unapplied(), id).update();
        BigDecimal remaining = obligations.openBalance(customerId, command.currency());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("customerId", customerId);
        details.put("amount", command.amount().toPlainString());
        details.put("currency", command.currency());
        details.put("applied", allocation.applied().toPlainString());
        details.put("unapplied", allocation.unapplied().toPlainString());
        details.put("channel", command.channel().name());
        details.put("idempotencyKey", command.idempotencyKey());
        details.put("rule", current.allocationRule().name());
        if (command.reference() != null) details.put("reference", command.reference());
        audit.record(actor, "PAYMENT_POSTED", "payment", id.toString(), details);
        PaymentPosted event = new PaymentPosted(org, id, customerId, command.currency(), command.amount(), remaining,
                receivedAt);
        return new Outcome(new Posted(find(id).orElseThrow(), false), event);
    }

    /**
     * Reverses a posted payment with a reason: every obligation it paid gets back exactly what it
     * received (by component, and its status before the payment), and its credit disappears.
     */
    public PaymentView reverse(UUID paymentId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new Problem.Rejected(List.of(new Problem("reason", "Indique el motivo de la reversa",
                    "Give the reason for the reversal")));
        }
        String actor = actor();
        PaymentReversed event = tx.execute(s -> {
            record Row(long customerId, String currency, BigDecimal amount, String status) {}
            Row row = jdbc.sql("select customer_id, currency, amount, status from payment where id = ? for update")
                    .param(paymentId)
                    .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4)))
                    .optional().orElseThrow(() -> new Problem.Rejected("not_found", 404, List.of(new Problem("id",
                            "No existe ese pago", "No such payment"))));
            if (!"POSTED".equals(row.status())) {
                throw new Problem.Rejected("already_reversed", 409, List.of(new Problem("id",
                        "El pago ya estaba reversado", "The payment was already reversed")));
            }
            record Line(long obligationId, BigDecimal amount, BigDecimal fees, BigDecimal interest, String previousStatus) {}
            List<Line> lines = jdbc.sql("""
                    select obligation_id, amount, fees_paid, interest_paid, previous_status from payment_allocation
                     where payment_id = ? order by obligation_id""").param(paymentId)
                    .query((rs, i) -> new Line(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getString(5))).list();
            for (Line line : lines) {
                OpenObligation before = obligations.lock(line.obligationId()).orElseThrow();
                obligations.restoreBalance(line.obligationId(), line.amount());
                components.restore(line.obligationId(), line.fees(), line.interest());
                if ("PAID".equals(before.status()) && !"ACTIVE".equals(line.previousStatus())) {
                    obligations.changeStatus(line.obligationId(), line.previousStatus());
                }
            }
            Instant at = clock.instant();
            jdbc.sql("update payment set status = 'REVERSED', reversed_at = ?, reversed_by = ?, reversal_reason = ? where id = ?")
                    .params(Timestamp.from(at), actor, reason.strip(), paymentId).update();
            audit.record(actor, "PAYMENT_REVERSED", "payment", paymentId.toString(),
                    Map.of("reason", reason.strip(), "amount", row.amount().toPlainString(), "currency", row.currency(),
                            "obligations", lines.size()));
            return new PaymentReversed(TenantContext.require(), paymentId, row.customerId(), row.currency(),
                    row.amount(), reason.strip(), at);
        });
        publishAfterCommit(event);
        return find(paymentId).orElseThrow();
    }

    public Optional<PaymentView> find(UUID id) {
        List<PaymentView> found = query("p.id = ?", List.of(id), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(withAllocations(found.getFirst()));
    }

    /** The latest payments of the organization, newest first (without allocations). */
    public List<PaymentView> recent(int limit) {
        return query("true", List.of(), limit);
    }

    /** A customer's payments, newest first, with allocations. */
    public List<PaymentView> ofCustomer(long customerId) {
        return query("p.customer_id = ?", List.of(customerId), 200).stream().map(this::withAllocations).toList();
    }

    /** Money received and not applied to any obligation (credit in favour of the customer), per currency. */
    public Map<String, BigDecimal> unappliedCredit(long customerId) {
        Map<String, BigDecimal> credit = new LinkedHashMap<>();
        jdbc.sql("""
                select currency, sum(unapplied) from payment where customer_id = ? and status = 'POSTED' and unapplied > 0
                 group by currency order by currency""").param(customerId)
                .query(rs -> { credit.put(rs.getString(1), rs.getBigDecimal(2)); });
        return credit;
    }

    /** What a customer paid in a currency between two instants (inclusive), counting only payments not reversed. */
    public BigDecimal receivedBetween(long customerId, String currency, Instant from, Instant to) {
        return jdbc.sql("""
                select coalesce(sum(amount), 0) from payment where customer_id = ? and currency = ? and status = 'POSTED'
                   and received_at between ? and ?""")
                .params(customerId, currency, Timestamp.from(from), Timestamp.from(to)).query(BigDecimal.class).single();
    }

    private List<PaymentView> query(String where, List<Object> params, int limit) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        return jdbc.sql("""
                select p.*, c.external_id as customer_external_id, c.name as customer_name
                  from payment p join customer c on c.id = p.customer_id""" + " where " + where + " order by p.received_at desc, p.created_at desc limit ?")
                .params(all).query((rs, i) -> map(rs)).list();
    }

    private PaymentView withAllocations(PaymentView p) {
        List<PaymentView.AllocationLine> lines = jdbc.sql("""
                select * from payment_allocation where payment_id = ? order by id""").param(p.id())
                .query((rs, i) -> new PaymentView.AllocationLine(rs.getLong("obligation_id"),
                        rs.getString("obligation_external_id"), rs.getString("invoice_uuid"), rs.getInt("installment_no"),
                        rs.getBigDecimal("previous_balance"), rs.getBigDecimal("amount"),
                        rs.getBigDecimal("remaining_balance"), rs.getBigDecimal("fees_paid"),
                        rs.getBigDecimal("interest_paid"), rs.getBigDecimal("principal_paid"))).list();
        return new PaymentView(p.id(), p.customerId(), p.customerExternalId(), p.customerName(), p.amount(), p.currency(),
                p.applied(), p.unapplied(), p.reference(), p.channel(), p.receivedAt(), p.status(), p.allocationRule(),
                p.createdBy(), p.reversedAt(), p.reversalReason(), lines);
    }

    private static PaymentView map(ResultSet rs) throws SQLException {
        Timestamp reversed = rs.getTimestamp("reversed_at");
        return new PaymentView(rs.getObject("id", UUID.class), rs.getLong("customer_id"),
                rs.getString("customer_external_id"), rs.getString("customer_name"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getBigDecimal("applied"), rs.getBigDecimal("unapplied"),
                rs.getString("reference"), rs.getString("channel"), rs.getTimestamp("received_at").toInstant(),
                rs.getString("status"), rs.getString("allocation_rule"), rs.getString("created_by"),
                reversed == null ? null : reversed.toInstant(), rs.getString("reversal_reason"), List.of());
    }

    private static String invoiceUuid(OpenObligation o) {
        return "INVOICE".equals(o.kind()) && UUID_TEXT.matcher(o.externalId()).matches()
                ? o.externalId().toUpperCase(java.util.Locale.ROOT) : null;
    }

    /** Publishes once the surrounding transaction (if any) has committed; at once when there is none. */
    void publishAfterCommit(Object event) {
        if (event == null) return;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) events.publishEvent(event);
                }
            });
        } else {
            events.publishEvent(event);
        }
    }

    static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
