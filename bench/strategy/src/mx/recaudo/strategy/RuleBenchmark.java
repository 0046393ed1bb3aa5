package mx.recaudo.strategy;

import mx.recaudo.segmentation.ContactChannel;
import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.SegmentationDocuments;
import mx.recaudo.segmentation.SegmentationRules;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Rule evaluation alone (segmentation + step choice) over N in-memory customers with the shipped
 * default segmentation and ladder, no database: our {@link DailyPlanner} against an equivalent
 * Drools rule base, in the same run, on the same customers. Prints both rates, the ratio, and how
 * many decisions differ (segment, step, action). Args: customers rounds.
 */
public final class RuleBenchmark {
    static final int DROOLS_BATCH = 20_000;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SegmentationRules seg = SegmentationDocuments.compile(SegmentationDocuments.defaultDocument(), 1);
        StrategySet strategies = StrategyDocuments.compile(StrategyDocuments.defaultDocument(), 1);
        DailyPlanner planner = new DailyPlanner(seg, strategies);
        Strategy strategy = strategies.strategies().getFirst();
        KieBase drools = DroolsRuleBase.build(DroolsRuleBase.drl(seg, strategies));

        Random random = new Random(42);
        String[] states = {"Jalisco", "Nuevo León", "Ciudad de México", "Puebla", "Yucatán"};
        CustomerFacts[] customers = new CustomerFacts[n];
        for (int i = 0; i < n; i++) {
            EnumSet<ContactChannel> reach = EnumSet.noneOf(ContactChannel.class);
            for (ContactChannel c : ContactChannel.values()) if (random.nextInt(10) < 7) reach.add(c);
            customers[i] = new CustomerFacts(i + 1, "C" + i, random.nextInt(411) - 10,
                    Map.of("MXN", BigDecimal.valueOf(random.nextInt(9_000_000), 2)), random.nextInt(120),
                    Set.of("Crédito personal"), Set.of("LOAN_INSTALLMENT"), states[i % states.length], reach, 0, 0);
        }
        LocalDate asOf = LocalDate.of(2026, 6, 1);
        String[] ourSegment = new String[n], ourStep = new String[n], ourAction = new String[n];
        double bestOurs = 0, bestDrools = 0;
        long mismatches = -1;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            long planned = 0;
            for (int i = 0; i < n; i++) {
                Decision d = planner.decide(customers[i], null, asOf, false);
                ourSegment[i] = d.segment().key();
                if (d.action() != null) {
                    planned++;
                    ourStep[i] = d.action().step().key();
                    ourAction[i] = d.action().type().name();
                } else {
                    ourStep[i] = null;
                    ourAction[i] = null;
                }
            }
            double ours = n / ((System.nanoTime() - t0) / 1e9);

            long t1 = System.nanoTime();
            DroolsCustomer[] facts = new DroolsCustomer[n];
            for (int from = 0; from < n; from += DROOLS_BATCH) {
                KieSession session = drools.newKieSession();
                int to = Math.min(n, from + DROOLS_BATCH);
                for (int i = from; i < to; i++) {
                    facts[i] = new DroolsCustomer(customers[i], strategy.variantFor(customers[i].customerId()).key());
                    session.insert(facts[i]);
                }
                session.fireAllRules();
                session.dispose();
            }
            double theirs = n / ((System.nanoTime() - t1) / 1e9);

            mismatches = 0;
            for (int i = 0; i < n; i++) {
                DroolsCustomer f = facts[i];
                if (!Objects.equals(ourSegment[i], f.getSegment()) || !Objects.equals(ourStep[i], f.getStepKey())
                        || !Objects.equals(ourAction[i], f.getAction())) {
                    if (mismatches++ < 5) System.out.printf("  mismatch %d: ours %s/%s/%s, Drools %s/%s/%s%n", i,
                            ourSegment[i], ourStep[i], ourAction[i], f.getSegment(), f.getStepKey(), f.getAction());
                }
            }
            bestOurs = Math.max(bestOurs, ours);
            bestDrools = Math.max(bestDrools, theirs);
            System.out.printf("round %d: ours %,.0f customers/s, Drools %,.0f customers/s, ratio %.1fx; %,d actions planned, %,d mismatches%n",
                    r + 1, ours, theirs, ours / theirs, planned, mismatches);
        }
        System.out.printf("best of %d rounds over %,d customers: ours %,.0f/s, Drools %,.0f/s, ratio %.1fx (target >= 3x); mismatches %d%n",
                rounds, n, bestOurs, bestDrools, bestOurs / bestDrools, mismatches);
    }
}
