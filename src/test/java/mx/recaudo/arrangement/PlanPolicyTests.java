package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanPolicyTests {
    final PlanPolicy policy = new PlanPolicy("61-90", new BigDecimal("0.20"), 6,
            List.of(new PlanPolicy.DiscountStep(60, new BigDecimal("0.10")), new PlanPolicy.DiscountStep(180, new BigDecimal("0.30"))));

    static PlanPolicy.Terms terms(String discount, String down, int installments, long dpd) {
        return new PlanPolicy.Terms(new BigDecimal("10000.00"), new BigDecimal(discount), new BigDecimal(down), installments,
                LocalDate.of(2025, 7, 10), dpd);
    }

    @Test
    void aPlanWithinEveryLimitIsApprovedAtOnce() {
        assertThat(policy.check(terms("1000.00", "1800.00", 6, 75))).isEmpty();
    }

    @Test
    void aPlanBeyondPolicyListsEveryLimitItPasses() {
        List<Problem> beyond = policy.check(terms("2000.00", "500.00", 12, 75));
        assertThat(beyond).extracting(Problem::field).containsExactly("downPayment", "installments", "discount");
        assertThat(beyond.get(2).messageEn()).contains("1,000.00");
        assertThat(policy.check(terms("2000.00", "1600.00", 6, 200))).isEmpty();
    }

    @Test
    void aMissedInstallmentBreaksThePlanOnlyAfterTheGrace() {
        var t = terms("0.00", "2000.00", 4, 75);
        var schedule = PlanPolicy.schedule(t);
        assertThat(schedule.get(0).amount()).isEqualByComparingTo("2000.00");
        assertThat(PlanPolicy.broken(t.downPayment(), schedule, new BigDecimal("2000.00"), LocalDate.of(2025, 7, 12), 3)).isFalse();
        assertThat(PlanPolicy.broken(t.downPayment(), schedule, new BigDecimal("2000.00"), LocalDate.of(2025, 7, 14), 3)).isTrue();
        assertThat(PlanPolicy.broken(t.downPayment(), schedule, new BigDecimal("4000.00"), LocalDate.of(2025, 7, 14), 3)).isFalse();
    }
}
