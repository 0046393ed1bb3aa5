package mx.recaudo.strategy;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.contact.AgentRequested;
import mx.recaudo.contact.ContactOptedOut;
import mx.recaudo.portfolio.ObligationStatusChanged;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.portfolio.PortfolioFact;
import mx.recaudo.portfolio.PortfolioFacts;
import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.Segmentations;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's own word and disputes change the course at once (the payment and promise
 * reactions are in {@link LadderEvents}):
 * <ul>
 *   <li>an obligation disputed holds the ladder: pending planned actions and agent tasks are
 *   cancelled, and runs plan nothing while any obligation stays disputed; when the last dispute is
 *   resolved the stage the customer has reached plans its entry action today;</li>
 *   <li>an opt-out moves the pending actions on that channel to the strategy's fallback order
 *   (cancelled when no fallback channel reaches the customer); later runs skip the channel too;</li>
 *   <li>a customer asking for a person gets an agent call planned now, at the head of the queue.</li>
 * </ul>
 * Each runs after the publisher's transaction commits (or at once when there is none), in its own
 * transaction, and is audited.
 */
@Component
class LadderHoldEvents {
    static final String AGENT_REQUEST_STEP = "agente-solicitado";
    /** Above every segment priority: the customer is waiting for the call. */
    static final int AGENT_REQUEST_PRIORITY = 1_000;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PortfolioFacts facts;
    private final Portfolio portfolio;
    private final Segmentations segmentations;
    private final Strategies strategies;
    private final CollectionRuns runs;
    private final AuditLog audit;

    LadderHoldEvents(JdbcClient jdbc, PlatformTransactionManager transactions, PortfolioFacts facts, Portfolio portfolio,
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
    void on(ObligationStatusChanged e) {
        TenantContext.run(e.orgId(), () -> tx.executeWithoutResult(s -> {
            if ("DISPUTED".equals(e.status())) hold(e);
            else if ("DISPUTED".equals(e.previousStatus()) && !e.customerDisputed()) release(e);
        }));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ContactOptedOut e) {
        TenantContext.run(e.orgId(), () -> tx.executeWithoutResult(s -> reroute(e)));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AgentRequested e) {
        TenantContext.run(e.orgId(), () -> tx.executeWithoutResult(s -> planAgentCall(e)));
    }

    private void hold(ObligationStatusChanged e) {
        LocalDate today = portfolio.today();
        Optional<LadderStore.Stored> stored = LadderStore.lock(jdbc, e.customerId());
        stored.ifPresent(st -> history(e.customerId(), today, st.state(), "DISPUTE_OPENED"));
        int cancelled = cancelPending(e.customerId());
        audit.record("system", "LADDER_HELD", "customer", Long.toString(e.customerId()),
                Map.of("obligation", e.obligationId(), "cancelledActions", cancelled));
    }

    private void release(ObligationStatusChanged e) {
        LocalDate today = portfolio.today();
        Optional<PortfolioFact> fact = facts.of(e.customerId());
        Optional<LadderStore.Stored> stored = LadderStore.lock(jdbc, e.customerId());
        if (fact.isEmpty() || !fact.get().owes() || stored.isEmpty()) return;
        Decision d = planner().decide(CustomerFacts.of(fact.get(), today), runs.holdsOf(fact.get()), stored.get().state(),
                today, false);
        if (d.strategy() == null) return;
        LadderStore.save(jdbc, e.customerId(), d.state());
        history(e.customerId(), today, d.state(), "DISPUTE_RESOLVED");
        Long action = d.action() == null ? null : insertAction(d, today);
        audit.record("system", "LADDER_RELEASED", "customer", Long.toString(e.customerId()),
                Map.of("obligation", e.obligationId(), "stage", String.valueOf(d.state().stageKey()),
                        "action", action == null ? "none" : d.action().type().name()));
    }

    private record Pending(long id, ActionType type, String strategyKey, String variantKey, String stepKey) {}

    private void reroute(ContactOptedOut e) {
        List<ActionType> blocked = CustomerHolds.blockedBy(e.channel()).stream().toList();
        List<Pending> pending = jdbc.sql("""
                select id, action_type, strategy_key, variant_key, step_key from planned_action
                 where customer_id = ? and status = 'PLANNED' and action_type = any(?) order by id for update""")
                .params(e.customerId(), blocked.stream().map(Enum::name).toArray(String[]::new))
                .query((rs, i) -> new Pending(rs.getLong(1), ActionType.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list();
        if (pending.isEmpty()) return;
        Optional<PortfolioFact> fact = facts.of(e.customerId());
        CustomerHolds holds = fact.map(runs::holdsOf).orElse(CustomerHolds.NONE);
        StrategySet set = strategies.active();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("channel", e.channel().name());
        for (Pending p : pending) {
            Strategy strategy = set.strategies().stream().filter(st -> st.key().equals(p.strategyKey())).findFirst().orElse(null);
            ActionType wanted = strategy == null ? p.type() : strategy.variants().stream()
                    .filter(v -> v.key().equals(p.variantKey())).flatMap(v -> v.steps().stream())
                    .filter(step -> step.key().equals(p.stepKey())).map(Step::action).findFirst().orElse(p.type());
            ActionType next = fact.isEmpty() || strategy == null ? null : DailyPlanner.reachableAction(wanted,
                    strategy.fallback(), CustomerFacts.of(fact.get(), portfolio.today()), holds.blocked());
            if (next == null) {
                jdbc.sql("update planned_action set status = 'CANCELLED' where id = ?").param(p.id()).update();
                jdbc.sql("update agent_task set status = 'CANCELLED' where planned_action_id = ? and status = 'OPEN'").param(p.id()).update();
            } else {
                jdbc.sql("update planned_action set action_type = ?, channel = ? where id = ?")
                        .params(next.name(), next.channel(), p.id()).update();
                if (next.agentQueue() != null) {
                    jdbc.sql("""
                            insert into agent_task (org_id, planned_action_id, customer_id, queue, priority, as_of, settlement_offer)
                            select org_id, id, customer_id, ?, queue_priority, as_of, settlement_offer from planned_action
                             where id = ? on conflict (planned_action_id) do nothing""").params(next.agentQueue(), p.id()).update();
                }
            }
            details.put(Long.toString(p.id()), p.type().name() + " -> " + (next == null ? "CANCELLED" : next.name()));
        }
        audit.record("system", "LADDER_REROUTED", "customer", Long.toString(e.customerId()), details);
    }

    private void planAgentCall(AgentRequested e) {
        LocalDate today = portfolio.today();
        Optional<PortfolioFact> fact = facts.of(e.customerId());
        if (fact.isEmpty()) return;
        LadderState state = LadderStore.lock(jdbc, e.customerId()).map(LadderStore.Stored::state).orElse(null);
        Decision d = planner().decide(CustomerFacts.of(fact.get(), today), CustomerHolds.NONE, state, today, true);
        if (d.strategy() == null) return;
        String template = d.variant().steps().stream().filter(st -> st.action() == ActionType.AGENT_CALL)
                .map(Step::template).findFirst().orElse(null);
        Optional<Long> id = jdbc.sql("""
                insert into planned_action (org_id, run_id, customer_id, as_of, step_key, action_type, channel, template_ref,
                       tone, segment_key, segmentation_version, strategy_key, variant_key, dpd, queue_priority,
                       settlement_offer, reason)
                values (recaudo_current_org(), null, ?, ?, ?, 'AGENT_CALL', ?, ?, ?, ?, ?, ?, ?, ?, ?, false, 'AGENT_REQUESTED')
                on conflict (org_id, customer_id, step_key, as_of) do nothing returning id""")
                .params(e.customerId(), today, AGENT_REQUEST_STEP, ActionType.AGENT_CALL.channel(), template,
                        d.segment().tone().name(), d.segment().key(), d.state().segmentationVersion(), d.strategy().key(),
                        d.variant().key(), (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, d.facts().dpd())),
                        AGENT_REQUEST_PRIORITY)
                .query(Long.class).optional();
        if (id.isEmpty()) return; // already asked today: one call is enough
        jdbc.sql("""
                insert into agent_task (org_id, planned_action_id, customer_id, queue, priority, as_of, settlement_offer)
                values (recaudo_current_org(), ?, ?, 'CALLS', ?, ?, false)""")
                .params(id.get(), e.customerId(), AGENT_REQUEST_PRIORITY, today).update();
        audit.record("system", "AGENT_CALL_REQUESTED", "customer", Long.toString(e.customerId()),
                Map.of("channel", e.channel().name(), "plannedAction", id.get()));
    }

    private DailyPlanner planner() {
        return runs.planner(TenantContext.require(), segmentations.activePublishing("system").version(),
                strategies.activePublishing("system").version());
    }

    private Long insertAction(Decision d, LocalDate today) {
        return LadderWrites.insertAction(jdbc, d, today);
    }

    private int cancelPending(long customerId) {
        return LadderWrites.cancelPending(jdbc, customerId);
    }

    private void history(long customerId, LocalDate asOf, LadderState s, String reason) {
        int dpd = facts.of(customerId).filter(PortfolioFact::owes)
                .map(f -> (int) java.time.temporal.ChronoUnit.DAYS.between(f.oldestUnpaidDueDate(), asOf)).orElse(0);
        LadderWrites.history(jdbc, customerId, asOf, s, dpd, reason);
    }
}
