package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromisePolicyTests {
    static final LocalDate TODAY = LocalDate.of(2025, 6, 10);
    final PromisePolicy policy = new PromisePolicy(15, new BigDecimal("200"), new BigDecimal("0.25"), 1, 3);

    @Test
    void aPromiseWithinEveryRuleHasNoProblems() {
        assertThat(policy.check(new BigDecimal("300"), "MXN", TODAY.plusDays(15),
                new PromisePolicy.Situation(TODAY, new BigDecimal("1000"), 0))).isEmpty();
        assertThat(policy.graceUntil(TODAY)).isEqualTo(TODAY.plusDays(3));
    }

    @Test
    void everyBrokenRuleIsExplainedInBothLanguages() {
        List<Problem> problems = policy.check(new BigDecimal("100"), "MXN", TODAY.plusDays(40),
                new PromisePolicy.Situation(TODAY, new BigDecimal("1000"), 1));
        assertThat(problems).extracting(Problem::field).containsExactly("dueDate", "amount", "amount", "customer");
        assertThat(problems.get(0).messageEs()).contains("2025-06-25");
        assertThat(problems.get(1).messageEn()).contains("minimum amount").contains("200");
        assertThat(problems.get(2).messageEs()).contains("25 %").contains("250.00");
        assertThat(problems.get(3).messageEn()).contains("maximum is 1");
        assertThat(problems).allSatisfy(p -> assertThat(p.messageEs()).isNotBlank());
    }

    @Test
    void aPastDateOrMoreThanIsOwedOrNothingOwedIsRefused() {
        assertThat(policy.check(new BigDecimal("300"), "MXN", TODAY.minusDays(1),
                new PromisePolicy.Situation(TODAY, new BigDecimal("1000"), 0))).extracting(Problem::field).containsExactly("dueDate");
        assertThat(policy.check(new BigDecimal("1300"), "MXN", TODAY,
                new PromisePolicy.Situation(TODAY, new BigDecimal("1000"), 0)).getFirst().messageEn()).contains("exceeds");
        assertThat(policy.check(new BigDecimal("300"), "USD", TODAY,
                new PromisePolicy.Situation(TODAY, BigDecimal.ZERO, 0)).getFirst().messageEn()).contains("no open balance");
    }

    @Test
    void theMinimumAmountNeverExceedsWhatIsOwed() {
        assertThat(policy.check(new BigDecimal("150"), "MXN", TODAY,
                new PromisePolicy.Situation(TODAY, new BigDecimal("150"), 0))).isEmpty();
    }

    @Test
    void keptPartiallyKeptBrokenOrStillPending() {
        BigDecimal promised = new BigDecimal("500");
        assertThat(PromiseStatus.decide(promised, new BigDecimal("500"), false)).isEqualTo(PromiseStatus.KEPT);
        assertThat(PromiseStatus.decide(promised, new BigDecimal("600"), true)).isEqualTo(PromiseStatus.KEPT);
        assertThat(PromiseStatus.decide(promised, new BigDecimal("200"), false)).isEqualTo(PromiseStatus.PENDING);
        assertThat(PromiseStatus.decide(promised, new BigDecimal("200"), true)).isEqualTo(PromiseStatus.PARTIALLY_KEPT);
        assertThat(PromiseStatus.decide(promised, BigDecimal.ZERO, true)).isEqualTo(PromiseStatus.BROKEN);
    }
}
