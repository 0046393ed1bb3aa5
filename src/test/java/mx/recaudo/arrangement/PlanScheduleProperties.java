package mx.recaudo.arrangement;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PlanScheduleProperties {
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    @Property
    void installmentsAddUpToTheAgreedTotalInCentsAndNoneIsNegative(
            @ForAll @BigRange(min = "0", max = "5000") @Scale(2) BigDecimal down,
            @ForAll @BigRange(min = "0.01", max = "2000000") @Scale(2) BigDecimal financed,
            @ForAll @IntRange(min = 1, max = 120) int count) {
        PlanSchedule s = PlanSchedule.equalMonthly(down, TODAY, financed, count, TODAY.plusMonths(1));
        assertThat(s.total()).isEqualByComparingTo(down.add(financed));
        assertThat(s.lines()).allSatisfy(l -> {
            assertThat(l.amount().signum()).isGreaterThanOrEqualTo(0);
            assertThat(l.amount().scale()).isEqualTo(2);
        });
        assertThat(s.installments()).hasSize(count);
        var amounts = s.installments().stream().map(AgreementLetter.Installment::amount).toList();
        BigDecimal smallest = amounts.stream().min(BigDecimal::compareTo).orElseThrow();
        BigDecimal largest = amounts.stream().max(BigDecimal::compareTo).orElseThrow();
        assertThat(largest.subtract(smallest)).as("equal but for the rounding cents")
                .isLessThan(new BigDecimal("0.01").multiply(BigDecimal.valueOf(count)));
    }

    @Property
    void paymentsFillInstallmentsInOrderNeitherLosingNorCreatingMoney(
            @ForAll @BigRange(min = "0", max = "5000") @Scale(2) BigDecimal down,
            @ForAll @BigRange(min = "0.01", max = "100000") @Scale(2) BigDecimal financed,
            @ForAll @IntRange(min = 1, max = 24) int count,
            @ForAll @BigRange(min = "0", max = "200000") @Scale(2) BigDecimal received) {
        PlanSchedule s = PlanSchedule.equalMonthly(down, TODAY, financed, count, TODAY.plusMonths(1)).applying(received);
        assertThat(s.paid()).isEqualByComparingTo(received.min(s.total()));
        boolean gap = false;
        for (PlanSchedule.Line l : s.lines()) {
            assertThat(l.paid()).isBetween(BigDecimal.ZERO, l.amount());
            if (gap) assertThat(l.paid()).as("nothing is paid after an installment left short").isZero();
            if (!l.settled()) gap = true;
        }
        assertThat(s.settled()).isEqualTo(received.compareTo(s.total()) >= 0);
    }
}
