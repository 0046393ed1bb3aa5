package mx.recaudo.portfolio;

import java.time.LocalDate;
import java.util.List;

/** A page of the portfolio list; {@code hasNext} tells whether a following page exists. */
public record CustomerPage(List<CustomerSummary> items, boolean hasNext, LocalDate asOf) {
    public CustomerSummary last() {
        return items.isEmpty() ? null : items.getLast();
    }
}
