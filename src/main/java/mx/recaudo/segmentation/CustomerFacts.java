package mx.recaudo.segmentation;

import mx.recaudo.portfolio.PortfolioFact;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The attributes segment rules read, for one customer as of a business date. Payment-history
 * attributes ({@code lateCount}, {@code brokenPromises}) read 0 until payments and promises are
 * recorded by their modules.
 */
public record CustomerFacts(long customerId, String externalId, long dpd, Map<String, BigDecimal> owed,
                            Integer tenureMonths, Set<String> products, Set<String> obligationKinds, String state,
                            Set<ContactChannel> reachable, int lateCount, int brokenPromises) {

    public static CustomerFacts of(PortfolioFact f, LocalDate asOf) {
        long dpd = f.oldestUnpaidDueDate() == null ? Long.MIN_VALUE / 2 : ChronoUnit.DAYS.between(f.oldestUnpaidDueDate(), asOf);
        Integer tenure = f.customerSince() == null || f.customerSince().isAfter(asOf) ? null
                : (int) ChronoUnit.MONTHS.between(f.customerSince(), asOf);
        EnumSet<ContactChannel> reachable = EnumSet.noneOf(ContactChannel.class);
        if (f.hasPhone()) reachable.add(ContactChannel.PHONE);
        if (f.hasEmail()) reachable.add(ContactChannel.EMAIL);
        if (f.hasWhatsapp()) reachable.add(ContactChannel.WHATSAPP);
        if (f.hasAddress()) reachable.add(ContactChannel.ADDRESS);
        return new CustomerFacts(f.customerId(), f.externalId(), dpd, f.balances(), tenure, Set.copyOf(f.products()),
                Set.copyOf(f.obligationKinds()), f.state(), reachable, 0, 0);
    }

    public BigDecimal owedIn(String currency) {
        return owed.getOrDefault(currency, BigDecimal.ZERO);
    }
}
