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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch allocator (one pass over many payments of one account) against the sequential rule applied
 * payment by payment, each over the balances the previous one left, as the database keeps them (raw
 * fees and interest, paid obligations dropped).
 */
class BatchAllocatorProperties {

    @Provide
    Arbitrary<List<Debt>> debts() {
        Arbitrary<BigDecimal> money = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000")).ofScale(2);
        Arbitrary<Debt> debt = Combinators.combine(Arbitraries.integers().between(0, 30), money, money, money)
                .as((days, balance, fees, interest) -> new Debt(0, LocalDate.of(2024, 1, 1).plusDays(days), balance, fees, interest));
        return debt.list().ofMaxSize(8).map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> new Debt(i + 1, list.get(i).dueDate(), list.get(i).balance(), list.get(i).fees(),
                        list.get(i).interest())).toList());
    }

    /** Fees and interest as stored, which may exceed the balance (the allocation clamps them). */
    @Provide
    Arbitrary<List<BigDecimal>> rawParts() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("3000")).ofScale(2).list().ofSize(16);
    }

    @Provide
    Arbitrary<List<BigDecimal>> payments() {
        return Arbitraries.oneOf(
                        Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("3000")).ofScale(2),
                        Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("5")).ofScale(2))
                .list().ofMinSize(1).ofMaxSize(15);
    }

    @Provide
    Arbitrary<AllocationRule> rules() {
        return Arbitraries.of(new AllocationRule.OldestDueFirst(), new AllocationRule.FeesInterestPrincipal());
    }

    /** One debt as the database holds it between payments. */
    private record Stored(long id, LocalDate due, BigDecimal balance, BigDecimal fees, BigDecimal interest) {}

    @Property
    void equalsTheSequentialRuleOverWhatEachPaymentLeft(@ForAll("debts") List<Debt> generated,
                                                       @ForAll("rawParts") List<BigDecimal> raw,
                                                       @ForAll("payments") List<BigDecimal> payments,
                                                       @ForAll("rules") AllocationRule rule) {
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            Debt d = generated.get(i);
            stored.add(new Stored(d.obligationId(), d.dueDate(), d.balance(), raw.get(2 * i), raw.get(2 * i + 1)));
        }
        List<Debt> opening = stored.stream().filter(s -> s.balance().signum() > 0)
                .map(s -> new Debt(s.id(), s.due(), s.balance(), s.fees(), s.interest())).toList();

        List<Allocation> batch = BatchAllocator.allocate(rule, opening, payments);

        Map<Long, Stored> state = new HashMap<>();
        stored.forEach(s -> state.put(s.id(), s));
        for (int p = 0; p < payments.size(); p++) {
            List<Debt> open = state.values().stream().filter(s -> s.balance().signum() > 0)
                    .map(s -> new Debt(s.id(), s.due(), s.balance(), s.fees(), s.interest())).toList();
            Allocation sequential = rule.allocate(payments.get(p), open);
            assertSame(batch.get(p), sequential);
            for (Share share : sequential.shares()) {
                Stored s = state.get(share.obligationId());
                state.put(s.id(), new Stored(s.id(), s.due(), s.balance().subtract(share.total()),
                        s.fees().subtract(share.fees()), s.interest().subtract(share.interest())));
            }
        }
    }

    @Property
    void moneyIsNeitherCreatedNorDestroyedAndNoBalanceGoesNegative(@ForAll("debts") List<Debt> debts,
                                                                  @ForAll("payments") List<BigDecimal> payments,
                                                                  @ForAll("rules") AllocationRule rule) {
        List<Allocation> batch = BatchAllocator.allocate(rule, debts, payments);
        Map<Long, BigDecimal> left = new HashMap<>();
        debts.forEach(d -> left.put(d.obligationId(), d.balance()));
        BigDecimal received = BigDecimal.ZERO;
        BigDecimal appliedAndCredit = BigDecimal.ZERO;
        for (int p = 0; p < payments.size(); p++) {
            Allocation a = batch.get(p);
            received = received.add(payments.get(p));
            appliedAndCredit = appliedAndCredit.add(a.applied()).add(a.unapplied());
            assertThat(a.applied().add(a.unapplied())).isEqualByComparingTo(payments.get(p));
            assertThat(a.unapplied().signum()).isGreaterThanOrEqualTo(0);
            for (Share s : a.shares()) {
                assertThat(s.total().signum()).isPositive();
                left.merge(s.obligationId(), s.total().negate(), BigDecimal::add);
                assertThat(left.get(s.obligationId()).signum()).isGreaterThanOrEqualTo(0);
            }
            // Credit only once everything is paid.
            if (a.unapplied().signum() > 0) {
                assertThat(left.values()).allSatisfy(v -> assertThat(v.signum()).isZero());
            }
        }
        assertThat(appliedAndCredit).isEqualByComparingTo(received);
    }

    private static void assertSame(Allocation batch, Allocation sequential) {
        assertThat(batch.unapplied()).isEqualByComparingTo(sequential.unapplied());
        assertThat(batch.shares()).hasSameSizeAs(sequential.shares());
        for (int i = 0; i < batch.shares().size(); i++) {
            Share b = batch.shares().get(i), s = sequential.shares().get(i);
            assertThat(b.obligationId()).isEqualTo(s.obligationId());
            assertThat(b.fees()).isEqualByComparingTo(s.fees());
            assertThat(b.interest()).isEqualByComparingTo(s.interest());
            assertThat(b.principal()).isEqualByComparingTo(s.principal());
        }
    }
}
