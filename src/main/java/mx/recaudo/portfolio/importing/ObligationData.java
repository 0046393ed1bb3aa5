package mx.recaudo.portfolio.importing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Validated obligation fields of one row. Money as BigDecimal with an ISO-4217 currency code. */
record ObligationData(String externalId, String kind, String product, String currency, BigDecimal originalAmount,
                      BigDecimal balance, LocalDate issueDate, LocalDate dueDate, String paymentMethod) {
}
