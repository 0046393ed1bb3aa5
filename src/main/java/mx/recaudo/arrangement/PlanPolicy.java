package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment's limits for payment plans: minimum down payment (share of what is to be paid), most
 * installments, and the largest discount (share of the balance) by days past due. A plan within
 * every limit is approved at once; {@link #check} lists each limit a plan goes beyond, which makes it
 * an approval request for a supervisor. Pure Java.
 */
public record PlanPolicy(String segment, BigDecimal minDownPaymentShare, int maxInstallments, List<DiscountStep> discounts) {
    public PlanPolicy {
        if (minDownPaymentShare == null || minDownPaymentShare.signum() < 0 || minDownPaymentShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("minDownPaymentShare goes from 0 to 1");
        }
        if (maxInstallments < 1) throw new IllegalArgumentException("maxInstallments must be 1 or more");
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
    }

    /** From {@code minDpd} days past due on, a discount of up to {@code maxShare} of the balance is within policy. */
    public record DiscountStep(long minDpd, BigDecimal maxShare) {}

    /** What a plan proposes. */
    public record Terms(BigDecimal balance, BigDecimal discount, BigDecimal downPayment, int installments,
                        LocalDate firstDueDate, long daysPastDue) {
        public BigDecimal toPay() { return balance.subtract(discount); }

        public BigDecimal financed() { return toPay().subtract(downPayment); }
    }

    public BigDecimal maxDiscountShare(long dpd) {
        return discounts.stream().filter(s -> dpd >= s.minDpd()).map(DiscountStep::maxShare)
                .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
    }

    /** Faults that make the plan impossible (always refused). */
    public static List<Problem> invalid(Terms t) {
        List<Problem> p = new ArrayList<>();
        if (t.balance().signum() <= 0) p.add(new Problem("balance", "No hay saldo que convenir", "There is no balance to arrange"));
        if (t.discount().signum() < 0 || t.discount().compareTo(t.balance()) >= 0) {
            p.add(new Problem("discount", "El descuento debe ser de cero a menos que el saldo", "The discount goes from zero to less than the balance"));
        }
        if (t.downPayment().signum() < 0 || t.downPayment().compareTo(t.toPay()) > 0) {
            p.add(new Problem("downPayment", "El pago inicial debe ser de cero al importe a pagar", "The down payment goes from zero to the amount to pay"));
        }
        if (t.installments() < 0 || (t.installments() == 0 && t.financed().signum() > 0)) {
            p.add(new Problem("installments", "Faltan parcialidades para el resto", "Installments are needed for the rest"));
        }
        return p;
    }

    /** Each limit of this policy the plan goes beyond; empty means it is approved at once. */
    public List<Problem> check(Terms t) {
        List<Problem> p = new ArrayList<>();
        BigDecimal minDown = t.toPay().multiply(minDownPaymentShare).setScale(2, RoundingMode.UP);
        if (t.downPayment().compareTo(minDown) < 0) {
            p.add(new Problem("downPayment", "El pago inicial mínimo del segmento " + segment + " es " + amount(minDown),
                    "The minimum down payment of segment " + segment + " is " + amount(minDown)));
        }
        if (t.installments() > maxInstallments) {
            p.add(new Problem("installments", "El segmento " + segment + " admite hasta " + maxInstallments + " parcialidades",
                    "Segment " + segment + " allows up to " + maxInstallments + " installments"));
        }
        BigDecimal maxDiscount = t.balance().multiply(maxDiscountShare(t.daysPastDue())).setScale(2, RoundingMode.DOWN);
        if (t.discount().compareTo(maxDiscount) > 0) {
            p.add(new Problem("discount", "Con " + t.daysPastDue() + " días de atraso el descuento máximo es " + amount(maxDiscount),
                    "At " + t.daysPastDue() + " days past due the largest discount is " + amount(maxDiscount)));
        }
        return p;
    }

    /** The installments: equal amounts a month apart, the last one absorbing the cents. */
    public static List<AgreementLetter.Installment> schedule(Terms t) {
        List<AgreementLetter.Installment> list = new ArrayList<>();
        if (t.installments() == 0) return list;
        BigDecimal each = t.financed().divide(BigDecimal.valueOf(t.installments()), 2, RoundingMode.DOWN);
        BigDecimal last = t.financed().subtract(each.multiply(BigDecimal.valueOf(t.installments() - 1)));
        for (int i = 1; i <= t.installments(); i++) {
            list.add(new AgreementLetter.Installment(i, t.firstDueDate().plusMonths(i - 1), i == t.installments() ? last : each));
        }
        return list;
    }

    /** Broken when, {@code graceDays} after an installment's date, less than the plan's dues to that date was paid. */
    public static boolean broken(BigDecimal downPayment, List<AgreementLetter.Installment> schedule, BigDecimal paid,
                                 LocalDate today, int graceDays) {
        BigDecimal due = downPayment;
        for (AgreementLetter.Installment i : schedule) {
            if (!today.isAfter(i.dueDate().plusDays(graceDays))) break;
            due = due.add(i.amount());
        }
        return paid.compareTo(due) < 0;
    }

    /** An amount as people read it in both languages: 1,645.00 (the currency is the plan's, shown beside it). */
    private static String amount(BigDecimal value) {
        return String.format(java.util.Locale.ROOT, "%,.2f", value);
    }
}
