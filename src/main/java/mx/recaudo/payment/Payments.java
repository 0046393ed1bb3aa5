package mx.recaudo.payment;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.payment.AllocationRule.Allocation;
import mx.recaudo.payment.AllocationRule.Debt;
import mx.recaudo.payment.AllocationRule.Share;
import mx.recaudo.portfolio.ObligationComponents;
import mx.recaudo.portfolio.Obligations;
import mx.recaudo.portfolio.OpenObligation;
import mx.recaudo.shared.TenantContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PaymentSettingsStore settings;
    private final JdbcTemplate jdbcTemplate;
    private final Installments installments;

    Payments(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx, Obligations obligations,
             ObligationComponents components, AuditLog audit, ApplicationEventPublisher events, Clock clock,
             PaymentSettingsStore settings) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.tx = tx;
        this.obligations = obligations;
        this.components = components;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.installments = new Installments(jdbc);
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
        String actor = actor();
        Outcome outcome = tx.execute(s -> {
            Customer customer = customerNamed(command.customer());
            return postInTransaction(customer, command, actor);
        });
        if (!outcome.posted().replayed()) publishAfterCommit(outcome.event());
        return outcome.posted();
    }

    /** Posts a payment for a customer already identified (bank files, payment links). */
    Posted post(long customerId, PostPayment command) {
        List<Problem> problems = command.problems();
        if (!problems.isEmpty()) throw new Problem.Rejected(problems);
        String actor = actor();
        Outcome outcome = tx.execute(s -> postInTransaction(customer(customerId), command, actor));
        if (!outcome.posted().replayed()) publishAfterCommit(outcome.event());
        return outcome.posted();
    }

    record Outcome(Posted posted, PaymentPosted event) {}

    /** The customer a payment is for, as its view shows it. */
    record Customer(long id, String externalId, String name) {}

    private Customer customerNamed(String externalId) {
        return jdbc.sql("select id, external_id, name from customer where external_id = ?").param(externalId)
                .query((rs, i) -> new Customer(rs.getLong(1), rs.getString(2), rs.getString(3))).optional()
                .orElseThrow(() -> new Problem.Rejected("unknown_customer", 422, List.of(new Problem("customer",
                        "No existe el cliente " + externalId, "No such customer: " + externalId))));
    }

    private Customer customer(long id) {
        return jdbc.sql("select id, external_id, name from customer where id = ?").param(id)
                .query((rs, i) -> new Customer(rs.getLong(1), rs.getString(2), rs.getString(3))).single();
    }

    /**
     * The posting itself, in the caller's transaction; the caller publishes the event after commit.
     * The customer's open obligations are locked first, so two requests with one key (or two payments
     * of one customer) take turns; the insert of the payment row then decides which request made it.
     */
    Outcome postInTransaction(Customer customer, PostPayment command, String actor) {
        UUID org = TenantContext.require();
        UUID id = UUID.randomUUID();
        Instant receivedAt = (command.receivedAt() != null ? command.receivedAt() : clock.instant())
                .truncatedTo(ChronoUnit.MICROS);
        String fingerprint = sha256(command.fingerprint());
        PaymentSettings current = settings.current();
        List<Obligations.Locked> open = obligations.lockOpen(List.of(customer.id())).stream()
                .filter(o -> o.obligation().currency().equals(command.currency())).toList();
        Allocation allocation = current.allocationRule().allocate(command.amount(), debts(open));
        int inserted = jdbc.sql("""
                insert into payment (id, org_id, customer_id, amount, currency, applied, unapplied, reference, channel,
                                     received_at, status, idempotency_key, request_hash, allocation_rule, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'POSTED', ?, ?, ?, ?)
                on conflict (org_id, idempotency_key) do nothing""")
                .params(id, org, customer.id(), command.amount(), command.currency(), allocation.applied(),
                        allocation.unapplied(), command.reference(), command.channel().name(), Timestamp.from(receivedAt),
                        command.idempotencyKey(), fingerprint, current.allocationRule().name(), actor)
                .update();
        if (inserted == 0) return replay(customer.id(), command, fingerprint);

        Map<Long, Obligations.Locked> byId = open.stream()
                .collect(Collectors.toMap(o -> o.obligation().id(), o -> o));
        Map<Long, Integer> firstInstallment = installments.take(allocation.shares().stream()
                .collect(Collectors.toMap(Share::obligationId, sh -> 1)));
        List<AllocationRow> rows = new ArrayList<>();
        List<Obligations.Reduction> reductions = new ArrayList<>();
        for (Share share : allocation.shares()) {
            OpenObligation o = byId.get(share.obligationId()).obligation();
            rows.add(new AllocationRow(id, o, firstInstallment.get(o.id()), o.balance(), share));
            reductions.add(new Obligations.Reduction(o.id(), share.total(), share.fees(), share.interest()));
        }
        AllocationRow.insert(jdbcTemplate, org, rows);
        obligations.reduceBalances(reductions);
        BigDecimal remaining = open.stream().map(o -> o.obligation().balance()).reduce(BigDecimal.ZERO, BigDecimal::add)
                .subtract(allocation.applied());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("customerId", customer.id());
        details.put("amount", command.amount().toPlainString());
        details.put("currency", command.currency());
        details.put("applied", allocation.applied().toPlainString());
        details.put("unapplied", allocation.unapplied().toPlainString());
        details.put("channel", command.channel().name());
        details.put("idempotencyKey", command.idempotencyKey());
        details.put("rule", current.allocationRule().name());
        if (command.reference() != null) details.put("reference", command.reference());
        audit.record(actor, "PAYMENT_POSTED", "payment", id.toString(), details);
        PaymentPosted event = new PaymentPosted(org, id, customer.id(), command.currency(), command.amount(), remaining,
                receivedAt);
        PaymentView view = new PaymentView(id, customer.id(), customer.externalId(), customer.name(), money(command.amount()),
                command.currency(), money(allocation.applied()), money(allocation.unapplied()), command.reference(),
                command.channel().name(), receivedAt, "POSTED", current.allocationRule().name(), actor, null, null,
                rows.stream().map(AllocationRow::view).toList());
        return new Outcome(new Posted(view, false), event);
    }

    private Outcome replay(long customerId, PostPayment command, String fingerprint) {
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

    /** The locked obligations as the allocation rule sees them. */
    static List<Debt> debts(List<Obligations.Locked> open) {
        return open.stream().map(o -> new Debt(o.obligation().id(), o.obligation().dueDate(), o.obligation().balance(),
                o.fees(), o.interest())).toList();
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
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
            installments.giveBack(lines.stream().map(Line::obligationId).toList());
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

    /**
     * What payments received between two instants (inclusive) and not reversed applied to the given
     * obligations: only the allocated part counts, never credit left unapplied or money that went to
     * other obligations of the customer.
     */
    public BigDecimal appliedToBetween(java.util.Collection<Long> obligationIds, Instant from, Instant to) {
        if (obligationIds.isEmpty()) return BigDecimal.ZERO;
        return jdbc.sql("""
                select coalesce(sum(a.amount), 0) from payment_allocation a join payment p on p.id = a.payment_id
                 where a.obligation_id = any(?) and p.status = 'POSTED' and p.received_at between ? and ?""")
                .params(obligationIds.toArray(Long[]::new), Timestamp.from(from), Timestamp.from(to))
                .query(BigDecimal.class).single();
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

    static String invoiceUuid(OpenObligation o) {
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
