package mx.recaudo.arrangement;

/**
 * Where a payment plan stands. Within policy it is PROPOSED at once; beyond policy it waits in
 * PENDING_APPROVAL for a supervisor (APPROVED or REJECTED). A PROPOSED or APPROVED plan goes to
 * AWAITING_SIGNATURE when the customer is sent a one-time code, and is ACTIVE once signed; then
 * COMPLETED (paid) or BROKEN (an installment missed past its grace). CANCELLED before it is signed.
 */
public enum PlanStatus {
    PENDING_APPROVAL, PROPOSED, APPROVED, REJECTED, AWAITING_SIGNATURE, ACTIVE, COMPLETED, BROKEN, CANCELLED;

    /** The customer may be asked to sign. */
    public boolean signable() {
        return this == PROPOSED || this == APPROVED || this == AWAITING_SIGNATURE;
    }

    /** Still open to cancellation: nothing signed yet, nothing decided against it. */
    public boolean cancellable() {
        return this == PENDING_APPROVAL || signable();
    }

    public boolean finished() {
        return this == REJECTED || this == COMPLETED || this == BROKEN || this == CANCELLED;
    }
}
