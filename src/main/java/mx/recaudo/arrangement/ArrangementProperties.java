package mx.recaudo.arrangement;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Defaults of the promise policy for organizations that have not set their own
 * ({@code recaudo.arrangements.promise.*}), the payment-plan limits ({@code recaudo.arrangements.plan.*},
 * with per-segment overrides under {@code plan.segments.<segment key>.*}), the grace after an
 * installment's date before a plan is broken, how often due promises and plans are evaluated, and
 * how many signing codes may be requested ({@code recaudo.arrangements.signature.*}). The plan limits
 * here are the defaults under each organization's own ({@link PlanPolicies}).
 */
@ConfigurationProperties("recaudo.arrangements")
public record ArrangementProperties(Promise promise, Plan plan, Long evaluateMillis, Signature signature) {
    public ArrangementProperties {
        if (promise == null) promise = new Promise(null, null, null, null, null);
        if (plan == null) plan = new Plan(null, null, null);
        if (signature == null) signature = new Signature(null, null);
        if (evaluateMillis == null || evaluateMillis <= 0) evaluateMillis = 30_000L;
    }

    public record Promise(Integer maxDaysAhead, BigDecimal minAmount, BigDecimal minShare, Integer maxOpen, Integer graceDays) {
        public Promise {
            if (maxDaysAhead == null) maxDaysAhead = 30;
            if (minShare == null && minAmount == null) minShare = new BigDecimal("0.10");
            if (maxOpen == null) maxOpen = 1;
            if (graceDays == null) graceDays = 2;
        }

        PromisePolicy policy() {
            return new PromisePolicy(maxDaysAhead, minAmount, minShare, maxOpen, graceDays);
        }
    }

    /** Plan limits: the defaults, and segments that differ (a segment's unset limits are the defaults'). */
    public record Plan(Limits defaults, Map<String, Limits> segments, Integer graceDays) {
        public Plan {
            Limits shipped = new Limits(new BigDecimal("0.10"), 6, List.of(new PlanPolicy.DiscountStep(60, new BigDecimal("0.10")),
                    new PlanPolicy.DiscountStep(180, new BigDecimal("0.30"))));
            defaults = defaults == null ? shipped : defaults.over(shipped);
            segments = segments == null ? Map.of() : Map.copyOf(segments);
            if (graceDays == null || graceDays < 0) graceDays = 3;
        }

        PlanPolicy policyFor(String segment) {
            Limits l = limitsFor(segment);
            return new PlanPolicy(segment, l.minDownPaymentShare(), l.maxInstallments(), l.discounts());
        }

        /** Every limit of a segment from configuration: its own where set, the defaults' otherwise. */
        Limits limitsFor(String segment) {
            return segments.containsKey(segment) ? segments.get(segment).over(defaults) : defaults;
        }
    }

    /**
     * Limits on one-time signing codes, kept in PostgreSQL so they hold across nodes: at most
     * {@code perPlanPerHour} codes for one plan in any hour, {@code perCustomerPerDay} for one customer
     * in any 24 hours.
     */
    public record Signature(Integer perPlanPerHour, Integer perCustomerPerDay) {
        public Signature {
            if (perPlanPerHour == null || perPlanPerHour < 1) perPlanPerHour = 3;
            if (perCustomerPerDay == null || perCustomerPerDay < 1) perCustomerPerDay = 10;
        }
    }

    /** Minimum down payment (share of what is to be paid), most installments, largest discount by days past due. */
    public record Limits(BigDecimal minDownPaymentShare, Integer maxInstallments, List<PlanPolicy.DiscountStep> discounts) {
        Limits over(Limits base) {
            return new Limits(minDownPaymentShare != null ? minDownPaymentShare : base.minDownPaymentShare(),
                    maxInstallments != null ? maxInstallments : base.maxInstallments(), discounts != null ? discounts : base.discounts());
        }
    }

}
