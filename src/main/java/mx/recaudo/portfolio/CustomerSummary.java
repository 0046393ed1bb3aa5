package mx.recaudo.portfolio;

import java.time.LocalDate;
import java.util.List;

/** One row of the portfolio list. DPD and bucket are as of the date the list was asked for. */
public record CustomerSummary(long id, String externalId, String name, String taxId, String state,
                              LocalDate oldestUnpaidDueDate, long daysPastDue, AgingBucket bucket,
                              List<Balance> balances) {
}
