package mx.recaudo.arrangement;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanPolicyProperties {
    @Property
    void theScheduleAddsUpToExactlyWhatIsFinancedAndNoInstallmentIsNegative(
            @ForAll @BigRange(min = "1.00", max = "1000000") @Scale(2) BigDecimal balance,
            @ForAll @IntRange(min = 1, max = 60) int installments,
            @ForAll @IntRange(min = 0, max = 50) int discountPct, @ForAll @IntRange(min = 0, max = 100) int downPct) {
        BigDecimal discount = balance.multiply(BigDecimal.valueOf(discountPct)).movePointLeft(2).setScale(2, java.math.RoundingMode.DOWN);
        if (discount.compareTo(balance) >= 0) discount = BigDecimal.ZERO;
        BigDecimal toPay = balance.subtract(discount);
        BigDecimal down = toPay.multiply(BigDecimal.valueOf(downPct)).movePointLeft(2).setScale(2, java.math.RoundingMode.DOWN);
        var terms = new PlanPolicy.Terms(balance, discount, down, installments, LocalDate.of(2025, 1, 31), 100);
        assertThat(PlanPolicy.invalid(terms)).isEmpty();
        List<AgreementLetter.Installment> schedule = PlanPolicy.schedule(terms);
        assertThat(schedule).hasSize(installments);
        BigDecimal sum = schedule.stream().map(AgreementLetter.Installment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum.add(down).add(discount)).isEqualByComparingTo(balance);
        assertThat(schedule).allSatisfy(i -> assertThat(i.amount().signum()).isGreaterThanOrEqualTo(0));
    }
}
