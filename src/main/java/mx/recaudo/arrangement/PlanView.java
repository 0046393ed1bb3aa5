package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A payment plan as read back, with its installments and the evidence of its approval and signature. */
public record PlanView(UUID id, long customerId, String customerExternalId, String customerName, PlanStatus status,
                       boolean withinPolicy, List<Problem> violations, String segment, int daysPastDue, String currency,
                       BigDecimal balance, BigDecimal principal, BigDecimal interest, BigDecimal fees, BigDecimal discount,
                       String discountOn, BigDecimal downPayment, BigDecimal toPay, BigDecimal paid, int graceDays,
                       List<String> obligations, List<Installment> installments, String agreementSha256, boolean sealed,
                       boolean settlementLetter, String createdBy, Instant createdAt, Instant activatedAt, Instant closedAt,
                       Approval approval, Signature signature, PendingSignature pendingSignature, PayNow payNow) {

    public record Installment(int number, LocalDate dueDate, BigDecimal amount, BigDecimal paid) {}

    public record Approval(String decision, String approver, String approverRole, String documentSha256, String note,
                           String ip, String userAgent, Instant decidedAt) {}

    public record Signature(String channel, String maskedAddress, String documentSha256, String ip, String userAgent,
                            Instant signedAt) {}

    /**
     * Sign and pay in one step: on a signed plan whose down payment is still owed, how much and how to
     * pay it now: the payment link's checkout (when a link provider is set up and answered), the
     * customer's deposit reference and virtual CLABE (when the organization issues them).
     */
    public record PayNow(BigDecimal amount, String currency, LocalDate dueDate, String linkUrl, String reference, String clabe) {}

    /** The one-time code last sent and still open. */
    public record PendingSignature(String channel, String maskedAddress, Instant expiresAt, int attemptsLeft) {}
}
