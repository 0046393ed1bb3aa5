package mx.recaudo.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An obligation that still has a balance, as other modules (payments, arrangements) see it. */
public record OpenObligation(long id, long customerId, String externalId, String kind, String product,
                             String currency, BigDecimal originalAmount, BigDecimal balance, LocalDate issueDate,
                             LocalDate dueDate, String paymentMethod, String status) {
}
