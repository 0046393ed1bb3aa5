package mx.recaudo.payment;

import mx.recaudo.payment.AllocationRule.Allocation;
import mx.recaudo.payment.AllocationRule.Debt;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationRuleTests {
    static BigDecimal m(String s) { return new BigDecimal(s); }

    final List<Debt> debts = List.of(
            new Debt(2, LocalDate.of(2025, 3, 1), m("1000.00"), m("50.00"), m("100.00")),
            new Debt(1, LocalDate.of(2025, 1, 1), m("500.00"), m("20.00"), m("30.00")));

    @Test
    void oldestDueFirstSettlesTheOldestObligationBeforeTouchingTheNext() {
        Allocation a = new AllocationRule.OldestDueFirst().allocate(m("600.00"), debts);
        assertThat(a.shares()).hasSize(2);
        assertThat(a.shares().get(0).obligationId()).isEqualTo(1);
        assertThat(a.shares().get(0).total()).isEqualByComparingTo("500.00");
        assertThat(a.shares().get(1).obligationId()).isEqualTo(2);
        assertThat(a.shares().get(1).fees()).isEqualByComparingTo("50.00");
        assertThat(a.shares().get(1).interest()).isEqualByComparingTo("50.00");
        assertThat(a.shares().get(1).principal()).isEqualByComparingTo("0");
        assertThat(a.unapplied()).isEqualByComparingTo("0");
    }

    @Test
    void feesInterestPrincipalPaysEveryFeeThenEveryInterestBeforeAnyPrincipal() {
        Allocation a = new AllocationRule.FeesInterestPrincipal().allocate(m("250.00"), debts);
        // fees 20 + 50, interest 30 + 100 = 200, then principal of the oldest: 50
        var first = a.shares().stream().filter(s -> s.obligationId() == 1).findFirst().orElseThrow();
        var second = a.shares().stream().filter(s -> s.obligationId() == 2).findFirst().orElseThrow();
        assertThat(first.fees()).isEqualByComparingTo("20.00");
        assertThat(first.interest()).isEqualByComparingTo("30.00");
        assertThat(first.principal()).isEqualByComparingTo("50.00");
        assertThat(second.fees()).isEqualByComparingTo("50.00");
        assertThat(second.interest()).isEqualByComparingTo("100.00");
        assertThat(second.principal()).isEqualByComparingTo("0");
    }

    @Test
    void moneyBeyondEverythingOwedStaysAsUnappliedCredit() {
        Allocation a = AllocationRule.named("OLDEST_DUE_FIRST").allocate(m("1600.00"), debts);
        assertThat(a.applied()).isEqualByComparingTo("1500.00");
        assertThat(a.unapplied()).isEqualByComparingTo("100.00");
        assertThat(AllocationRule.named("FEES_INTEREST_PRINCIPAL").allocate(m("5.00"), List.of()).unapplied())
                .isEqualByComparingTo("5.00");
    }
}
