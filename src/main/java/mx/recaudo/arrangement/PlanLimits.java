package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Payment-plan limits as people edit them, in percent: the minimum down payment (share of what is
 * to be paid), the most installments, and the largest discount by days past due. A {@code null} limit
 * is not set here and comes from the level below (segment → organization → configuration).
 * {@link #problems} lists every fault, each under its field, in Spanish and English. Pure Java.
 */
public record PlanLimits(String segment, BigDecimal minDownPaymentPercent, Integer maxInstallments, List<Step> discounts) {
    /** The segment key of the organization's own defaults. */
    public static final String ORGANIZATION = "*";
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public PlanLimits {
        if (segment != null) segment = segment.strip();
        if (discounts != null) discounts = List.copyOf(discounts);
    }

    /** From {@code minDpd} days past due on, a discount of up to {@code maxPercent} % of the balance is within policy. */
    public record Step(Long minDpd, BigDecimal maxPercent) {}

    /** A change of an organization's limits: its defaults and the segments that differ (all stored rows are replaced). */
    public record Change(PlanLimits organization, List<PlanLimits> segments) {
        public Change {
            segments = segments == null ? List.of() : List.copyOf(segments);
        }

        /** Every fault of the change; {@code knownSegments} are the keys of the segmentation in force. */
        public List<Problem> problems(Set<String> knownSegments) {
            List<Problem> p = new ArrayList<>();
            if (organization != null) organization.check("organization", p);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < segments.size(); i++) {
                String at = "segments[" + i + "]";
                PlanLimits s = segments.get(i);
                if (s == null) {
                    p.add(new Problem(at, "Falta el segmento", "The segment is missing"));
                    continue;
                }
                if (s.segment() == null || s.segment().isEmpty()) {
                    p.add(new Problem(at + ".segment", "Falta la clave del segmento", "The segment key is missing"));
                } else if (ORGANIZATION.equals(s.segment()) || !knownSegments.contains(s.segment())) {
                    p.add(new Problem(at + ".segment", "No existe el segmento " + s.segment() + " en la segmentación vigente",
                            "There is no segment " + s.segment() + " in the segmentation in force"));
                } else if (!seen.add(s.segment())) {
                    p.add(new Problem(at + ".segment", "El segmento " + s.segment() + " aparece dos veces",
                            "Segment " + s.segment() + " appears twice"));
                }
                s.check(at, p);
            }
            return p;
        }
    }

    /** Nothing set: every limit comes from the level below. */
    public boolean empty() {
        return minDownPaymentPercent == null && maxInstallments == null && discounts == null;
    }

    private void check(String at, List<Problem> p) {
        if (minDownPaymentPercent != null && !percent(minDownPaymentPercent, true)) {
            p.add(new Problem(at + ".minDownPaymentPercent", "El pago inicial mínimo va de 0 a 100 % (hasta 4 decimales)",
                    "The minimum down payment goes from 0 to 100 % (up to 4 decimals)"));
        }
        if (maxInstallments != null && (maxInstallments < 1 || maxInstallments > ProposePlan.MOST_INSTALLMENTS)) {
            p.add(new Problem(at + ".maxInstallments", "Las parcialidades máximas van de 1 a " + ProposePlan.MOST_INSTALLMENTS,
                    "The most installments go from 1 to " + ProposePlan.MOST_INSTALLMENTS));
        }
        if (discounts == null) return;
        Set<Long> days = new HashSet<>();
        for (int j = 0; j < discounts.size(); j++) {
            String d = at + ".discounts[" + j + "]";
            Step s = discounts.get(j);
            if (s == null || s.minDpd() == null || s.minDpd() < 0 || s.minDpd() > 36_500) {
                p.add(new Problem(d + ".minDpd", "Los días de atraso van de 0 a 36500", "Days past due go from 0 to 36500"));
            } else if (!days.add(s.minDpd())) {
                p.add(new Problem(d + ".minDpd", "Ya hay un descuento desde " + s.minDpd() + " días",
                        "There is already a discount from " + s.minDpd() + " days"));
            }
            if (s == null || s.maxPercent() == null || !percent(s.maxPercent(), false)) {
                p.add(new Problem(d + ".maxPercent", "El descuento máximo va de 0 a menos de 100 % (hasta 4 decimales)",
                        "The largest discount goes from 0 to less than 100 % (up to 4 decimals)"));
            }
        }
    }

    private static boolean percent(BigDecimal v, boolean hundredAllowed) {
        int top = v.compareTo(HUNDRED);
        return v.signum() >= 0 && (hundredAllowed ? top <= 0 : top < 0) && v.stripTrailingZeros().scale() <= 4;
    }

    /** These limits as configured ones (shares of one). */
    ArrangementProperties.Limits toShares() {
        return new ArrangementProperties.Limits(minDownPaymentPercent == null ? null : minDownPaymentPercent.movePointLeft(2),
                maxInstallments, discounts == null ? null : discounts.stream()
                .map(s -> new PlanPolicy.DiscountStep(s.minDpd(), s.maxPercent().movePointLeft(2))).toList());
    }

    static PlanLimits ofShares(String segment, ArrangementProperties.Limits l) {
        return new PlanLimits(segment, percent(l.minDownPaymentShare()), l.maxInstallments(), l.discounts() == null ? null
                : l.discounts().stream().map(s -> new Step(s.minDpd(), percent(s.maxShare()))).toList());
    }

    private static BigDecimal percent(BigDecimal share) {
        if (share == null) return null;
        BigDecimal p = share.movePointRight(2).stripTrailingZeros();
        return p.scale() < 0 ? p.setScale(0) : p;
    }
}
