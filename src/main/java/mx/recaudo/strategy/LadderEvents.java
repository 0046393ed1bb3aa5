package mx.recaudo.strategy;

import mx.recaudo.arrangement.PlanEvent;
import mx.recaudo.arrangement.PromiseEvent;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.payment.PaymentPosted;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.portfolio.PortfolioFact;
import mx.recaudo.portfolio.PortfolioFacts;
import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.Segmentations;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Events change the course at once, not at the next daily run: a payment that clears what the
 * customer owes stops the ladder (pending planned actions are cancelled); a promise pauses it
 * through its grace date; a broken promise escalates to the next stage and plans that stage's entry
 * action for today; a kept promise lifts the pause. Handled after the publisher's transaction
 * commits (or at once when there is none), in a transaction of its own.
 */
@Component
class LadderEvents {
    private static final Logger log = LoggerFactory.getLogger(LadderEvents.class);
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PortfolioFacts facts;
    private final Portfolio portfolio;
    private final Segmentations segmentations;
    private final Strategies strategies;
    private final CollectionRuns runs;
    private final AuditLog audit;

    LadderEvents(JdbcClient jdbc, PlatformTransactionManager transactions, PortfolioFacts facts, Portfolio portfolio,
                 Segmentations segmentations, Strategies strategies, CollectionRuns runs, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.facts = facts;
        this.portfolio = portfolio;
        this.segmentations = segmentations;
        this.strategies = strategies;
        this.runs = runs;
        this.audit = audit;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PaymentPosted e) {
        if (e.remainingBalance() == null || e.remainingBalance().signum() > 0) return;
        TenantContext.run(e.orgId(), () -> tx.executeWithoutResult(s -> {
            Optional<PortfolioFact> fact = facts.of(e.customerId());
            if (fact.isEmpty() || fact.get().owes()) return; // still owes in another currency: the ladder goes on
            LocalDate today = portfolio.today();
            Optional<LadderStore.Stored> stored = LadderStore.lock(jdbc, e.customerId());
            if (stored.isPresent() && stored.get().state().stoppedOn() == null) {
                LadderState st = stored.get().state().stopped(today);
                LadderStore.save(jdbc, e.customerId(), st);
                history(e.customerId(), today, st, 0, "PAID");
            }
            int cancelled = cancelPending(e.customerId());
            audit.record("system", "LADDER_STOPPED", "customer", Long.toString(e.customerId()),
                    Map.of("payment", e.paymentId().toString(), "cancelledActions", cancelled));
        }));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PromiseEvent e) {
        TenantContext.run(e.orgId(), () -> tx.executeWithoutResult(s -> {
            switch (e) {
                case PromiseEvent.PromiseMade m -> pause(m);
                case PromiseEvent.PromiseBroken b -> escalate(b);
                case PromiseEvent.PromiseKept k -> resume(k.customerId());
                case PromiseEvent.PromisePartiallyKept p -> { } // the arrangement module decides when it is broken
            }
        }));
    }

    /** A broken payment plan escalates like a broken promise. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(PlanEvent e) {
        if (!(e instanceof PlanEvent.PlanBroken b)) return;
        TenantContext.run(e.orgId(), () -> tx.executeWithoutResult(s ->
                escalate(b.customerId(), "PLAN_BROKEN", "plan", b.planId().toString())));
    }

    private void pause(PromiseEvent.PromiseMade m) {
        LocalDate today = portfolio.today();
        LadderState current = currentOrFresh(m.customerId(), today);
        if (current == null) return;
        LocalDate until = m.graceUntil() != null ? m.graceUntil() : m.dueDate();
        LadderState paused = current.pausedUntil(until);
        LadderStore.save(jdbc, m.customerId(), paused);
        history(m.customerId(), today, paused, dpd(m.customerId(), today), "PROMISE_MADE");
        int cancelled = cancelPending(m.customerId());
        audit.record("system", "LADDER_PAUSED", "customer", Long.toString(m.customerId()),
                Map.of("promise", m.promiseId().toString(), "until", String.valueOf(until), "cancelledActions", cancelled));
    }

    private void resume(long customerId) {
        LadderStore.lock(jdbc, customerId).ifPresent(stored -> {
            if (stored.state().pausedUntil() != null) LadderStore.save(jdbc, customerId, stored.state().pausedUntil(null));
        });
    }

    private void escalate(PromiseEvent.PromiseBroken b) {
        escalate(b.customerId(), "PROMISE_BROKEN", "promise", b.promiseId().toString());
    }

    private void escalate(long customerId, String reason, String causeKind, String causeId) {
        LocalDate today = portfolio.today();
        Optional<PortfolioFact> fact = facts.of(customerId);
        if (fact.isEmpty() || !fact.get().owes()) return;
        LadderState current = currentOrFresh(customerId, today);
        if (current == null) return;
        LadderState escalated = current.escalated();
        DailyPlanner planner = runs.planner(TenantContext.require(), segmentations.activePublishing("system").version(),
                strategies.activePublishing("system").version());
        Decision d = planner.decide(CustomerFacts.of(fact.get(), today), escalated, today, false);
        LadderStore.save(jdbc, customerId, d.state());
        history(customerId, today, d.state(), (int) d.facts().dpd(), reason);
        Long actionId = d.action() == null ? null : insertAction(d, today);
        audit.record("system", "LADDER_ESCALATED", "customer", Long.toString(customerId),
                Map.of(causeKind, causeId, "stage", String.valueOf(d.state().stageKey()),
                        "action", actionId == null ? "none" : d.action().type().name()));
    }

    /** The stored state, or for a customer no run has seen yet, a state decided for today with no action taken. */
    private LadderState currentOrFresh(long customerId, LocalDate today) {
        Optional<LadderStore.Stored> stored = LadderStore.lock(jdbc, customerId);
        if (stored.isPresent()) return stored.get().state();
        Optional<PortfolioFact> fact = facts.of(customerId);
        if (fact.isEmpty()) return null;
        DailyPlanner planner = runs.planner(TenantContext.require(), segmentations.activePublishing("system").version(),
                strategies.activePublishing("system").version());
        Decision d = planner.decide(CustomerFacts.of(fact.get(), today), null, today, false);
        if (d.state() == null || d.strategy() == null) return null;
        LadderState s = d.state();
        // Not entered any stage yet: the next run plans the entry action once the pause ends.
        return new LadderState(today.minusDays(1), s.segmentKey(), s.segmentationVersion(), s.strategyKey(),
                s.variantKey(), -1, null, -1, null, null, -1, null, null);
    }

    private Long insertAction(Decision d, LocalDate today) {
        return LadderWrites.insertAction(jdbc, d, today);
    }

    private int cancelPending(long customerId) {
        return LadderWrites.cancelPending(jdbc, customerId);
    }

    private int dpd(long customerId, LocalDate today) {
        return facts.of(customerId).filter(PortfolioFact::owes)
                .map(f -> (int) java.time.temporal.ChronoUnit.DAYS.between(f.oldestUnpaidDueDate(), today)).orElse(0);
    }

    private void history(long customerId, LocalDate asOf, LadderState s, int dpd, String reason) {
        LadderWrites.history(jdbc, customerId, asOf, s, dpd, reason);
        log.debug("Customer {}: {}", customerId, reason);
    }
}
