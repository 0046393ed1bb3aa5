package mx.recaudo.strategy;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.Optional;

/** The writes that the event listeners (not the daily run) make to a customer's ladder. */
final class LadderWrites {
    private LadderWrites() {}

    /** Plans the decision's action for today (once per customer, step and date) and its agent task. */
    static Long insertAction(JdbcClient jdbc, Decision d, LocalDate today) {
        Decision.Planned p = d.action();
        Optional<Long> id = jdbc.sql("""
                insert into planned_action (org_id, run_id, customer_id, as_of, step_key, action_type, channel, template_ref,
                       tone, segment_key, segmentation_version, strategy_key, variant_key, dpd, queue_priority,
                       settlement_offer, reason)
                values (recaudo_current_org(), null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (org_id, customer_id, step_key, as_of) do nothing returning id""")
                .params(d.facts().customerId(), today, p.step().key(), p.type().name(), p.type().channel(),
                        p.step().template(), p.tone().name(), d.segment().key(), d.state().segmentationVersion(),
                        d.strategy().key(), d.variant().key(), (int) d.facts().dpd(), p.queuePriority(),
                        p.step().settlementOffer(), p.reason().name())
                .query(Long.class).optional();
        if (id.isPresent() && p.type().agentQueue() != null) {
            jdbc.sql("""
                    insert into agent_task (org_id, planned_action_id, customer_id, queue, priority, as_of, settlement_offer)
                    values (recaudo_current_org(), ?, ?, ?, ?, ?, ?)""")
                    .params(id.get(), d.facts().customerId(), p.type().agentQueue(), p.queuePriority(), today,
                            p.step().settlementOffer()).update();
        }
        return id.orElse(null);
    }

    /** Cancels the customer's planned actions and open agent tasks; answers how many actions. */
    static int cancelPending(JdbcClient jdbc, long customerId) {
        jdbc.sql("update agent_task set status = 'CANCELLED' where customer_id = ? and status = 'OPEN'").param(customerId).update();
        return jdbc.sql("update planned_action set status = 'CANCELLED' where customer_id = ? and status = 'PLANNED'")
                .param(customerId).update();
    }

    static void history(JdbcClient jdbc, long customerId, LocalDate asOf, LadderState s, int dpd, String reason) {
        jdbc.sql("""
                insert into customer_ladder_history (org_id, customer_id, as_of, segment_key, segmentation_version,
                       strategy_key, variant_key, stage_key, dpd, reason)
                values (recaudo_current_org(), ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(customerId, asOf, s.segmentKey(), s.segmentationVersion(), s.strategyKey(), s.variantKey(),
                        s.stageKey(), dpd, reason).update();
    }
}
