package mx.recaudo.segmentation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** First match wins, over random rule lists and random customers. */
class SegmentationRulesProperties {

    @Property(tries = 300)
    void theAssignedSegmentIsTheFirstWhoseConditionsAllHold(@ForAll("rules") List<Segment> segments,
                                                             @ForAll("customers") CustomerFacts customer) {
        SegmentationRules rules = new SegmentationRules(1, segments);
        Segment assigned = rules.assign(customer);
        int index = segments.indexOf(assigned);
        assertThat(assigned.matches(customer) || index == segments.size() - 1).isTrue();
        for (int i = 0; i < index; i++) assertThat(segments.get(i).matches(customer)).isFalse();
        assertThat(rules.assign(customer)).isSameAs(assigned);
    }

    @Property(tries = 300)
    void aDpdRangeConditionHoldsExactlyInsideItsBounds(@ForAll("customers") CustomerFacts customer) {
        long dpd = customer.dpd();
        assertThat(new SegmentCondition.DpdBetween(dpd, dpd).test(customer)).isTrue();
        assertThat(new SegmentCondition.DpdBetween(dpd + 1, null).test(customer)).isFalse();
        assertThat(new SegmentCondition.DpdBetween(null, dpd - 1).test(customer)).isFalse();
    }

    @Property(tries = 300)
    void anAmountConditionComparesMoneyInItsOwnCurrencyOnly(@ForAll("customers") CustomerFacts customer) {
        BigDecimal mxn = customer.owedIn("MXN");
        assertThat(new SegmentCondition.OwedBetween("MXN", mxn, mxn).test(customer)).isTrue();
        assertThat(new SegmentCondition.OwedBetween("MXN", mxn.add(new BigDecimal("0.01")), null).test(customer)).isFalse();
        assertThat(new SegmentCondition.OwedBetween("EUR", new BigDecimal("0.01"), null).test(customer)).isFalse();
    }

    @Provide
    Arbitrary<List<Segment>> rules() {
        Arbitrary<SegmentCondition> condition = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.longs().between(-10, 200).injectNull(0.3),
                        Arbitraries.longs().between(-10, 400).injectNull(0.3)).as(SegmentCondition.DpdBetween::new),
                Combinators.combine(Arbitraries.of("MXN", "USD"), amounts().injectNull(0.4), amounts().injectNull(0.4))
                        .as(SegmentCondition.OwedBetween::new),
                Arbitraries.of(ContactChannel.class).set().ofMaxSize(2).map(SegmentCondition.ReachableOn::new),
                Arbitraries.of("Jalisco", "Nuevo León", "Ciudad de México").set().ofMinSize(1).map(SegmentCondition.StateIn::new),
                Arbitraries.of("Crédito", "Tarjeta").set().ofMinSize(1).map(SegmentCondition.ProductIn::new),
                Arbitraries.just(new SegmentCondition.Unreachable()));
        Arbitrary<Segment> segment = Combinators.combine(Arbitraries.strings().alpha().ofLength(6),
                Arbitraries.of(Tone.class), Arbitraries.integers().between(0, 100), condition.list().ofMaxSize(3))
                .as((key, tone, priority, conditions) -> new Segment(key, key, tone, priority, conditions));
        return segment.list().ofMinSize(1).ofMaxSize(8).map(list -> {
            List<Segment> out = new ArrayList<>(list);
            out.add(new Segment("general", "General", Tone.FRIENDLY, 1, List.of()));
            return out;
        });
    }

    @Provide
    Arbitrary<CustomerFacts> customers() {
        return Combinators.combine(Arbitraries.longs().between(-10, 400), amounts(), amounts().injectNull(0.7),
                Arbitraries.of(ContactChannel.class).set(), Arbitraries.of("Jalisco", "Nuevo León", "Ciudad de México", "Yucatán"),
                Arbitraries.of("Crédito", "Tarjeta", "Internet"))
                .as((dpd, mxn, usd, reachable, state, product) -> new CustomerFacts(1, "C1", dpd,
                        usd == null ? Map.of("MXN", mxn) : Map.of("MXN", mxn, "USD", usd), 12, Set.of(product),
                        Set.of("INVOICE"), state, reachable.isEmpty() ? EnumSet.noneOf(ContactChannel.class) : EnumSet.copyOf(reachable), 0, 0));
    }

    private static Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("200000")).ofScale(2);
    }
}
