package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanScheduleTests {
    static final LocalDate D = LocalDate.of(2026, 3, 2);

    @Test
    void tenThousandInThreeIsTwoOfThreeThousandThreeHundredThirtyThreeThirtyThreeAndOneThatTakesTheCent() {
        PlanSchedule s = PlanSchedule.equalMonthly(new BigDecimal("1000.00"), D, new BigDecimal("10000.00"), 3, D.plusMonths(1));
        assertThat(s.lines()).extracting(PlanSchedule.Line::amount).containsExactly(new BigDecimal("1000.00"),
                new BigDecimal("3333.33"), new BigDecimal("3333.33"), new BigDecimal("3333.34"));
        assertThat(s.lines()).extracting(PlanSchedule.Line::dueDate).containsExactly(D, D.plusMonths(1), D.plusMonths(2), D.plusMonths(3));
    }

    @Test
    void anInstallmentIsMissedOnlyOnceItsGraceHasPassed() {
        PlanSchedule s = PlanSchedule.equalMonthly(new BigDecimal("500.00"), D, new BigDecimal("900.00"), 3, D.plusMonths(1))
                .applying(new BigDecimal("500.00"));
        LocalDate first = D.plusMonths(1);
        assertThat(s.missed(first.plusDays(3), 3)).isEmpty();
        assertThat(s.missed(first.plusDays(4), 3)).get().extracting(PlanSchedule.Line::number).isEqualTo(1);
        assertThat(s.applying(new BigDecimal("800.00")).missed(first.plusDays(4), 3)).isEmpty();
    }

    @Test
    void aScheduleGivenByHandMustAddUpAndGoForwardInTime() {
        List<AgreementLetter.Installment> given = List.of(new AgreementLetter.Installment(1, D.plusDays(30), new BigDecimal("400")),
                new AgreementLetter.Installment(2, D.plusDays(20), new BigDecimal("-1")),
                new AgreementLetter.Installment(3, D.plusDays(40), new BigDecimal("100.001")));
        assertThat(PlanSchedule.problems(given, new BigDecimal("600"), D)).extracting(Problem::field)
                .containsExactly("schedule[1].amount", "schedule[1].dueDate", "schedule[2].amount");
        List<AgreementLetter.Installment> short_ = List.of(new AgreementLetter.Installment(1, D.plusDays(30), new BigDecimal("400")));
        assertThat(PlanSchedule.problems(short_, new BigDecimal("600"), D)).singleElement()
                .satisfies(p -> assertThat(p.messageEn()).contains("400", "600"));
        assertThat(PlanSchedule.problems(List.of(new AgreementLetter.Installment(1, D.plusDays(30), new BigDecimal("600.00"))),
                new BigDecimal("600"), D)).isEmpty();
    }
}
