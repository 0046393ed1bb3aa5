package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan's installments: number 0 is the down payment, then 1..N. Either computed (equal monthly
 * amounts in cents, the last one taking the rounding remainder) or given by the agent and checked
 * (dates in order, amounts in cents, nothing negative, the sum equal to what is financed). Payments
 * are applied in order, oldest installment first. Pure Java.
 */
public record PlanSchedule(List<Line> lines) {
    public PlanSchedule {
        lines = List.copyOf(lines);
    }

    public record Line(int number, LocalDate dueDate, BigDecimal amount, BigDecimal paid) {
        public Line {
            if (amount.signum() < 0) throw new IllegalArgumentException("Negative installment " + number);
            if (paid == null) paid = BigDecimal.ZERO.setScale(2);
        }

        public BigDecimal unpaid() { return amount.subtract(paid); }

        public boolean settled() { return paid.compareTo(amount) >= 0; }
    }

    /** Down payment (if any) on {@code downPaymentDate}, then {@code count} equal monthly installments from {@code first}. */
    public static PlanSchedule equalMonthly(BigDecimal downPayment, LocalDate downPaymentDate, BigDecimal financed, int count,
                                            LocalDate first) {
        List<Line> lines = new ArrayList<>();
        if (downPayment.signum() > 0) lines.add(new Line(0, downPaymentDate, cents(downPayment), null));
        if (count > 0) {
            BigDecimal each = financed.divide(BigDecimal.valueOf(count), 2, RoundingMode.DOWN);
            BigDecimal last = cents(financed).subtract(each.multiply(BigDecimal.valueOf(count - 1)));
            for (int i = 1; i <= count; i++) {
                lines.add(new Line(i, first.plusMonths(i - 1), i == count ? last : each, null));
            }
        }
        return new PlanSchedule(lines);
    }

    /** The agent's own installments, after {@link #problems} found none. */
    public static PlanSchedule given(BigDecimal downPayment, LocalDate downPaymentDate, List<AgreementLetter.Installment> given) {
        List<Line> lines = new ArrayList<>();
        if (downPayment.signum() > 0) lines.add(new Line(0, downPaymentDate, cents(downPayment), null));
        int n = 1;
        for (AgreementLetter.Installment i : given) lines.add(new Line(n++, i.dueDate(), cents(i.amount()), null));
        return new PlanSchedule(lines);
    }

    /** What is wrong with installments given by hand, for the amount {@code financed} after the down payment. */
    public static List<Problem> problems(List<AgreementLetter.Installment> given, BigDecimal financed, LocalDate downPaymentDate) {
        List<Problem> p = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        LocalDate previous = downPaymentDate;
        for (int k = 0; k < given.size(); k++) {
            AgreementLetter.Installment i = given.get(k);
            String field = "schedule[" + k + "]";
            if (i.amount() == null || i.amount().signum() <= 0) {
                p.add(new Problem(field + ".amount", "El importe de la parcialidad debe ser mayor que cero",
                        "The installment amount must be greater than zero"));
            } else if (i.amount().stripTrailingZeros().scale() > 2) {
                p.add(new Problem(field + ".amount", "El importe admite a lo más dos decimales", "The amount takes two decimals at most"));
            } else {
                sum = sum.add(i.amount());
            }
            if (i.dueDate() == null) {
                p.add(new Problem(field + ".dueDate", "Falta la fecha de la parcialidad", "The installment date is missing"));
            } else {
                if (previous != null && !i.dueDate().isAfter(previous)) {
                    p.add(new Problem(field + ".dueDate", "Las fechas deben ir en orden, después del pago inicial",
                            "Dates must be in order, after the down payment"));
                }
                previous = i.dueDate();
            }
        }
        if (p.isEmpty() && sum.compareTo(financed) != 0) {
            p.add(new Problem("schedule", "Las parcialidades suman " + sum.toPlainString() + " y deben sumar "
                    + financed.toPlainString(), "The installments add up to " + sum.toPlainString() + " and must add up to "
                    + financed.toPlainString()));
        }
        return p;
    }

    public BigDecimal total() {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal paid() {
        return lines.stream().map(Line::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The schedule with {@code received} (everything paid toward the plan so far) applied oldest installment first. */
    public PlanSchedule applying(BigDecimal received) {
        BigDecimal left = received.max(BigDecimal.ZERO);
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            BigDecimal paid = left.min(l.amount());
            left = left.subtract(paid);
            out.add(new Line(l.number(), l.dueDate(), l.amount(), paid));
        }
        return new PlanSchedule(out);
    }

    /** The first installment still unpaid {@code graceDays} after its date, as of {@code today}. */
    public Optional<Line> missed(LocalDate today, int graceDays) {
        return lines.stream().filter(l -> !l.settled() && today.isAfter(l.dueDate().plusDays(graceDays))).findFirst();
    }

    public boolean settled() {
        return lines.stream().allMatch(Line::settled);
    }

    /** The installments after the down payment, as the agreement letter lists them. */
    public List<AgreementLetter.Installment> installments() {
        return lines.stream().filter(l -> l.number() > 0)
                .map(l -> new AgreementLetter.Installment(l.number(), l.dueDate(), l.amount())).toList();
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
