package mx.recaudo.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A payment as read back: how much was applied, what stayed as credit, and where it went. */
public record PaymentView(UUID id, long customerId, String customerExternalId, String customerName, BigDecimal amount,
                          String currency, BigDecimal applied, BigDecimal unapplied, String reference, String channel,
                          Instant receivedAt, String status, String allocationRule, String createdBy, Instant reversedAt,
                          String reversalReason, List<AllocationLine> allocations) {

    /**
     * What one obligation received: the data of a CFDI payment receipt (invoice UUID, installment
     * number, previous balance, amount paid, remaining balance) and the split by component.
     */
    public record AllocationLine(long obligationId, String obligationExternalId, String invoiceUuid, int installmentNo,
                                 BigDecimal previousBalance, BigDecimal amount, BigDecimal remainingBalance,
                                 BigDecimal feesPaid, BigDecimal interestPaid, BigDecimal principalPaid) {}
}
