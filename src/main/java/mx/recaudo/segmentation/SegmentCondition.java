package mx.recaudo.segmentation;

import java.math.BigDecimal;
import java.util.Set;

/** One named rule over a customer's facts. A segment holds a customer when all its conditions do. */
public sealed interface SegmentCondition {
    boolean test(CustomerFacts f);

    /** A short human description for pages, in Spanish or English. */
    default String describe(boolean english) {
        return switch (this) {
            case DpdBetween d -> (english ? "DPD " : "Atraso ") + range(d.min(), d.max());
            case OwedBetween o -> (english ? "Owed " : "Saldo ") + o.currency() + " " + range(o.min(), o.max());
            case TenureBetween t -> (english ? "Tenure (months) " : "Antigüedad (meses) ") + range(t.min(), t.max());
            case ProductIn p -> (english ? "Product: " : "Producto: ") + String.join(", ", p.products().stream().sorted().toList());
            case KindIn k -> (english ? "Kind: " : "Tipo: ") + String.join(", ", k.kinds().stream().sorted().toList());
            case StateIn st -> (english ? "State: " : "Estado: ") + String.join(", ", st.states().stream().sorted().toList());
            case ReachableOn r -> (english ? "Reachable on: " : "Localizable por: ") + String.join(", ", r.channels().stream().map(Enum::name).sorted().toList());
            case Unreachable u -> english ? "No contact data" : "Sin datos de contacto";
            case LateCountBetween l -> (english ? "Late payments " : "Pagos tardíos ") + range(l.min(), l.max());
            case BrokenPromisesBetween b -> (english ? "Broken promises " : "Promesas incumplidas ") + range(b.min(), b.max());
        };
    }

    private static String range(Object min, Object max) {
        if (min != null && max != null) return min + "–" + max;
        if (min != null) return "≥ " + min;
        return "≤ " + max;
    }

    /** Days past due within [min, max]; either bound may be open. */
    record DpdBetween(Long min, Long max) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            return (min == null || f.dpd() >= min) && (max == null || f.dpd() <= max);
        }
    }

    /** What is owed in one currency within [min, max]. A customer who owes nothing in it owes 0. */
    record OwedBetween(String currency, BigDecimal min, BigDecimal max) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            BigDecimal owed = f.owedIn(currency);
            return (min == null || owed.compareTo(min) >= 0) && (max == null || owed.compareTo(max) <= 0);
        }
    }

    /** Months since the customer's start date within [min, max]; an unknown start date never matches. */
    record TenureBetween(Integer min, Integer max) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            Integer t = f.tenureMonths();
            return t != null && (min == null || t >= min) && (max == null || t <= max);
        }
    }

    /** Some open obligation is of one of these products. */
    record ProductIn(Set<String> products) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            for (String p : f.products()) if (products.contains(p)) return true;
            return false;
        }
    }

    /** Some open obligation is of one of these kinds (INVOICE, LOAN_INSTALLMENT, …). */
    record KindIn(Set<String> kinds) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            for (String k : f.obligationKinds()) if (kinds.contains(k)) return true;
            return false;
        }
    }

    /** The customer's state (region) is one of these. */
    record StateIn(Set<String> states) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            return f.state() != null && states.contains(f.state());
        }
    }

    /** Reachable on every one of these channels. */
    record ReachableOn(Set<ContactChannel> channels) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            return f.reachable().containsAll(channels);
        }
    }

    /** Reachable on none of the contact channels (phone, e-mail, WhatsApp): skip tracing. */
    record Unreachable() implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            return !f.reachable().contains(ContactChannel.PHONE) && !f.reachable().contains(ContactChannel.EMAIL)
                    && !f.reachable().contains(ContactChannel.WHATSAPP);
        }
    }

    record LateCountBetween(Integer min, Integer max) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            return (min == null || f.lateCount() >= min) && (max == null || f.lateCount() <= max);
        }
    }

    record BrokenPromisesBetween(Integer min, Integer max) implements SegmentCondition {
        public boolean test(CustomerFacts f) {
            return (min == null || f.brokenPromises() >= min) && (max == null || f.brokenPromises() <= max);
        }
    }
}
