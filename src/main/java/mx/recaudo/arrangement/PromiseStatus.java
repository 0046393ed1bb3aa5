package mx.recaudo.arrangement;

import java.math.BigDecimal;

/** Where a promise to pay stands. */
public enum PromiseStatus {
    PENDING, KEPT, PARTIALLY_KEPT, BROKEN, CANCELLED;

    /**
     * The promise-kept rule: paid in full by the end of the grace period → KEPT (as soon as it is paid);
     * grace over with part paid → PARTIALLY_KEPT; grace over with nothing paid → BROKEN; else PENDING.
     */
    public static PromiseStatus decide(BigDecimal promised, BigDecimal paid, boolean graceOver) {
        if (paid.compareTo(promised) >= 0) return KEPT;
        if (!graceOver) return PENDING;
        return paid.signum() > 0 ? PARTIALLY_KEPT : BROKEN;
    }
}
