package mx.recaudo.arrangement;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What happened to a payment plan; published after the change commits. The strategy escalates on
 * {@link PlanBroken} as on a broken promise.
 */
public sealed interface PlanEvent {
    UUID orgId();

    UUID planId();

    long customerId();

    /** The customer signed: the plan is in force. */
    record PlanActivated(UUID orgId, UUID planId, long customerId, String currency, BigDecimal toPay) implements PlanEvent {}

    /** Every installment was paid, or the plan's obligations reached zero. */
    record PlanCompleted(UUID orgId, UUID planId, long customerId) implements PlanEvent {}

    /** An installment stayed unpaid past its due date and the grace. */
    record PlanBroken(UUID orgId, UUID planId, long customerId, int missedInstallment) implements PlanEvent {}
}
