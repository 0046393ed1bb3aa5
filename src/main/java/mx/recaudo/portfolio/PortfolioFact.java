package mx.recaudo.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What segmentation and strategies may know about one customer: identity, tenure, region, what is
 * owed per currency and since when, the products and kinds of the open obligations, and on which
 * channels the customer can be reached (a contact point with consent and no opt-out; an address),
 * and whether one of the open obligations is disputed.
 */
public record PortfolioFact(long customerId, String externalId, LocalDate customerSince, String state,
                            LocalDate oldestUnpaidDueDate, Map<String, BigDecimal> balances, List<String> products,
                            List<String> obligationKinds, boolean hasPhone, boolean hasEmail, boolean hasWhatsapp,
                            boolean hasAddress, boolean disputed) {
    public PortfolioFact {
        balances = Map.copyOf(balances);
        products = List.copyOf(products);
        obligationKinds = List.copyOf(obligationKinds);
    }

    public PortfolioFact(long customerId, String externalId, LocalDate customerSince, String state,
                         LocalDate oldestUnpaidDueDate, Map<String, BigDecimal> balances, List<String> products,
                         List<String> obligationKinds, boolean hasPhone, boolean hasEmail, boolean hasWhatsapp,
                         boolean hasAddress) {
        this(customerId, externalId, customerSince, state, oldestUnpaidDueDate, balances, products, obligationKinds,
                hasPhone, hasEmail, hasWhatsapp, hasAddress, false);
    }

    public boolean owes() {
        return oldestUnpaidDueDate != null;
    }
}
