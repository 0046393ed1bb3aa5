package mx.recaudo.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The customer 360: who, how to reach them, what they owe (DPD and bucket as of {@code asOf}). */
public record CustomerView(long id, String externalId, String name, String customerType, String taxId,
                           LocalDate customerSince, String language, String timeZone, String address, String state,
                           String postalCode, LocalDate asOf, long daysPastDue, AgingBucket bucket,
                           List<ContactPoint> contactPoints, List<Obligation> obligations, List<Balance> balances,
                           Instant createdAt, Instant updatedAt) {

    public record ContactPoint(String channel, String value, String phoneType, boolean consent, Instant optedOutAt) {}

    public record Obligation(long id, String externalId, String kind, String product, String currency,
                             BigDecimal originalAmount, BigDecimal balance, LocalDate issueDate, LocalDate dueDate,
                             String status, String paymentMethod, long daysPastDue, AgingBucket bucket) {
        /** The status as the product names it: ACTIVE shows as CURRENT or DELINQUENT on the as-of date. */
        public String displayStatus() {
            if (!"ACTIVE".equals(status)) return status;
            return daysPastDue > 0 ? "DELINQUENT" : "CURRENT";
        }
    }
}
