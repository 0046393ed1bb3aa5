package mx.recaudo.strategy;

import mx.recaudo.segmentation.ContactChannel;
import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.SegmentationDocuments;
import mx.recaudo.segmentation.SegmentationRules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Rule evaluation alone (segmentation + step choice) over N in-memory customers with the shipped
 * default segmentation and ladder, no database. Args: customers rounds.
 */
public final class RuleBenchmark {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SegmentationRules seg = SegmentationDocuments.compile(SegmentationDocuments.defaultDocument(), 1);
        StrategySet strategies = StrategyDocuments.compile(StrategyDocuments.defaultDocument(), 1);
        DailyPlanner planner = new DailyPlanner(seg, strategies);
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
        for (int r = 0; r < rounds; r++) {
            long planned = 0;
            long t0 = System.nanoTime();
            for (CustomerFacts c : customers) if (planner.decide(c, null, asOf, false).action() != null) planned++;
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %,d customers in %.3f s = %,.0f customers/s (%,d actions)%n", r + 1, n, s, n / s, planned);
        }
    }
}
