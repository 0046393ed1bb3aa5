package mx.recaudo.portfolio;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Aging buckets (tramos de mora) by days past due, as the product defines them. */
public enum AgingBucket {
    CURRENT(Long.MIN_VALUE, 0, "Al corriente", "Current"),
    D1_30(1, 30, "1–30", "1–30"),
    D31_60(31, 60, "31–60", "31–60"),
    D61_90(61, 90, "61–90", "61–90"),
    D91_120(91, 120, "91–120", "91–120"),
    D121_180(121, 180, "121–180", "121–180"),
    D180_PLUS(181, Long.MAX_VALUE, "180+", "180+");

    private final long minDpd;
    private final long maxDpd;
    private final String labelEs;
    private final String labelEn;

    AgingBucket(long minDpd, long maxDpd, String labelEs, String labelEn) {
        this.minDpd = minDpd;
        this.maxDpd = maxDpd;
        this.labelEs = labelEs;
        this.labelEn = labelEn;
    }

    public static AgingBucket of(long dpd) {
        for (AgingBucket b : values()) if (dpd >= b.minDpd && dpd <= b.maxDpd) return b;
        throw new IllegalStateException("unreachable");
    }

    /** Days past due as of a date: positive when late, zero or negative before the due date. */
    public static long daysPastDue(LocalDate dueDate, LocalDate asOf) {
        return ChronoUnit.DAYS.between(dueDate, asOf);
    }

    public long minDpd() { return minDpd; }

    public long maxDpd() { return maxDpd; }

    public String label(String language) {
        return "en".equals(language) ? labelEn : labelEs;
    }
}
