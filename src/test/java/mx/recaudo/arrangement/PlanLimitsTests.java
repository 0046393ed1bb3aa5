package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanLimitsTests {
    static final Set<String> SEGMENTS = Set.of("mora-media", "mora-tardia");

    static PlanLimits limits(String segment, String down, Integer most, PlanLimits.Step... steps) {
        return new PlanLimits(segment, down == null ? null : new BigDecimal(down), most, steps.length == 0 ? null : List.of(steps));
    }

    static PlanLimits.Step step(long dpd, String percent) {
        return new PlanLimits.Step(dpd, new BigDecimal(percent));
    }

    @Test
    void validLimitsHaveNoProblemsAndUnsetOnesAreAllowed() {
        var change = new PlanLimits.Change(limits("*", "12.5", 8, step(60, "10"), step(180, "30")),
                List.of(limits("mora-media", null, 10), limits("mora-tardia", "0", null)));
        assertThat(change.problems(SEGMENTS)).isEmpty();
        assertThat(new PlanLimits.Change(null, null).problems(SEGMENTS)).isEmpty();
    }

    @Test
    void everyFaultIsReportedUnderItsFieldInBothLanguages() {
        var change = new PlanLimits.Change(limits("*", "100.5", 121, step(-1, "100"), step(30, "5.12345")),
                List.of(limits("nadie", null, 0), limits("mora-media", null, null, step(60, "10"), step(60, "20")),
                        limits("mora-media", "10", null)));
        List<Problem> problems = change.problems(SEGMENTS);
        assertThat(problems).extracting(Problem::field).containsExactly(
                "organization.minDownPaymentPercent", "organization.maxInstallments", "organization.discounts[0].minDpd",
                "organization.discounts[0].maxPercent", "organization.discounts[1].maxPercent",
                "segments[0].segment", "segments[0].maxInstallments", "segments[1].discounts[1].minDpd", "segments[2].segment");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.messageEs()).isNotBlank();
            assertThat(p.messageEn()).isNotBlank().isNotEqualTo(p.messageEs());
        });
    }

    @Test
    void percentsAndSharesConvertBothWaysWithoutScientificNotation() {
        PlanLimits l = limits("mora-media", "10", 6, step(60, "12.5"));
        ArrangementProperties.Limits shares = l.toShares();
        assertThat(shares.minDownPaymentShare()).isEqualByComparingTo("0.10");
        assertThat(shares.discounts().getFirst().maxShare()).isEqualByComparingTo("0.125");
        PlanLimits back = PlanLimits.ofShares("mora-media", new ArrangementProperties.Limits(new BigDecimal("0.100000"), 6,
                List.of(new PlanPolicy.DiscountStep(60, new BigDecimal("0.125000")))));
        assertThat(back.minDownPaymentPercent().toString()).isEqualTo("10");
        assertThat(back.discounts().getFirst().maxPercent().toString()).isEqualTo("12.5");
    }

    @Test
    void aSegmentsOwnLimitWinsThenTheOrganizationsThenTheConfigurations() {
        ArrangementProperties.Limits config = new ArrangementProperties.Plan(null, null, null).limitsFor("mora-media");
        ArrangementProperties.Limits merged = limits("mora-media", null, 10).toShares()
                .over(limits("*", "20", 4).toShares().over(config));
        assertThat(merged.maxInstallments()).isEqualTo(10);
        assertThat(merged.minDownPaymentShare()).isEqualByComparingTo("0.20");
        assertThat(merged.discounts()).isEqualTo(config.discounts());
    }
}
