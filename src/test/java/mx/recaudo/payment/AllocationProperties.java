package mx.recaudo.payment;

import mx.recaudo.payment.AllocationRule.Allocation;
import mx.recaudo.payment.AllocationRule.Debt;
import mx.recaudo.payment.AllocationRule.Share;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Money properties of allocation: no money made or lost, no balance below zero, reversals restore exactly. */
class AllocationProperties {

    @Provide
    Arbitrary<List<Debt>> debts() {
        Arbitrary<BigDecimal> money = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("50000"))
                .ofScale(2);
        Arbitrary<Debt> debt = Combinators.combine(Arbitraries.integers().between(0, 2000), money, money, money)
                .as((days, balance, fees, interest) -> new Debt(0, LocalDate.of(2024, 1, 1).plusDays(days), balance, fees, interest));
        return debt.list().ofMinSize(0).ofMaxSize(12).map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> new Debt(i + 1, list.get(i).dueDate(), list.get(i).balance(), list.get(i).fees(),
                        list.get(i).interest())).toList());
    }

    @Provide
    Arbitrary<BigDecimal> payments() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("200000")).ofScale(2);
    }

    @Provide
    Arbitrary<AllocationRule> rules() {
        return Arbitraries.of(new AllocationRule.OldestDueFirst(), new AllocationRule.FeesInterestPrincipal());
    }

    @Property
    void allocationNeitherCreatesNorDestroysMoney(@ForAll("payments") BigDecimal amount, @ForAll("debts") List<Debt> debts,
                                                  @ForAll("rules") AllocationRule rule) {
        Allocation a = rule.allocate(amount, debts);
        assertThat(a.applied().add(a.unapplied())).isEqualByComparingTo(amount);
        assertThat(a.unapplied().signum()).isGreaterThanOrEqualTo(0);
        BigDecimal owed = debts.stream().map(Debt::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(a.applied()).isEqualByComparingTo(amount.min(owed));
    }

    @Property
    void noBalanceOrComponentGoesNegative(@ForAll("payments") BigDecimal amount, @ForAll("debts") List<Debt> debts,
                                         @ForAll("rules") AllocationRule rule) {
        Map<Long, Debt> byId = new HashMap<>();
        debts.forEach(d -> byId.put(d.obligationId(), d));
        for (Share s : rule.allocate(amount, debts).shares()) {
            Debt d = byId.get(s.obligationId());
            assertThat(s.total().signum()).isPositive();
            assertThat(d.balance().subtract(s.total()).signum()).isGreaterThanOrEqualTo(0);
            assertThat(d.fees().subtract(s.fees()).signum()).isGreaterThanOrEqualTo(0);
            assertThat(d.interest().subtract(s.interest()).signum()).isGreaterThanOrEqualTo(0);
            assertThat(d.principal().subtract(s.principal()).signum()).isGreaterThanOrEqualTo(0);
            assertThat(s.fees().signum()).isGreaterThanOrEqualTo(0);
            assertThat(s.interest().signum()).isGreaterThanOrEqualTo(0);
            assertThat(s.principal().signum()).isGreaterThanOrEqualTo(0);
        }
    }

    @Property
    void aReversalRestoresThePriorStateExactly(@ForAll("payments") BigDecimal amount, @ForAll("debts") List<Debt> debts,
                                               @ForAll("rules") AllocationRule rule) {
        Map<Long, Debt> after = new HashMap<>();
        debts.forEach(d -> after.put(d.obligationId(), d));
        Allocation a = rule.allocate(amount, debts);
        for (Share s : a.shares()) {
            Debt d = after.get(s.obligationId());
            after.put(d.obligationId(), new Debt(d.obligationId(), d.dueDate(), d.balance().subtract(s.total()),
                    d.fees().subtract(s.fees()), d.interest().subtract(s.interest())));
        }
        // Reversal: give every share back, component by component.
        for (Share s : a.shares()) {
            Debt d = after.get(s.obligationId());
            after.put(d.obligationId(), new Debt(d.obligationId(), d.dueDate(), d.balance().add(s.total()),
                    d.fees().add(s.fees()), d.interest().add(s.interest())));
        }
        for (Debt original : debts) {
            Debt restored = after.get(original.obligationId());
            assertThat(restored.balance()).isEqualByComparingTo(original.balance());
            assertThat(restored.fees()).isEqualByComparingTo(original.fees());
            assertThat(restored.interest()).isEqualByComparingTo(original.interest());
        }
    }

    @Property
    void oldestDueDateIsPaidFirst(@ForAll("payments") BigDecimal amount, @ForAll("debts") List<Debt> debts) {
        Allocation a = new AllocationRule.OldestDueFirst().allocate(amount, debts);
        Map<Long, BigDecimal> paid = new HashMap<>();
        a.shares().forEach(s -> paid.put(s.obligationId(), s.total()));
        // A later obligation only receives money once every earlier one is paid in full.
        for (Debt later : debts) {
            if (paid.getOrDefault(later.obligationId(), BigDecimal.ZERO).signum() == 0) continue;
            for (Debt earlier : debts) {
                boolean before = earlier.dueDate().isBefore(later.dueDate())
                        || (earlier.dueDate().equals(later.dueDate()) && earlier.obligationId() < later.obligationId());
                if (before) {
                    assertThat(paid.getOrDefault(earlier.obligationId(), BigDecimal.ZERO))
                            .isEqualByComparingTo(earlier.balance());
                }
            }
        }
    }
}
