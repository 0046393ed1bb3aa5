package mx.recaudo.portfolio.importing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzePolicyTests {
    final AnalyzePolicy policy = AnalyzePolicy.AT_END;

    @Test
    void betweenBatchesOnlyATableGrownFiveFoldIsAnalyzed() {
        assertThat(AnalyzePolicy.DURING_IMPORT.due(100_000, 400_000)).isFalse();
        assertThat(AnalyzePolicy.DURING_IMPORT.due(100_000, 400_001)).isTrue();
        assertThat(AnalyzePolicy.DURING_IMPORT.due(-1, 9_999)).isFalse();
    }

    @Test
    void aFirstLoadIntoATableNeverAnalyzedIsAnalyzedOnceItHoldsEnoughRows() {
        assertThat(policy.due(-1, 999)).isFalse();
        assertThat(policy.due(-1, 1_000)).isTrue();
        assertThat(policy.due(0, 50_000)).isTrue();
    }

    @Test
    void anIncrementalImportIntoALargePortfolioIsNotAnalyzed() {
        assertThat(policy.due(1_000_000, 20_000)).isFalse();
        assertThat(policy.due(1_000_000, 200_000)).isFalse();
    }

    @Test
    void aTableGrownByMoreThanAFifthSinceItsLastAnalyzeIsAnalyzed() {
        assertThat(policy.due(1_000_000, 200_001)).isTrue();
        assertThat(policy.due(10_000, 2_001)).isTrue();
    }

    @Property
    void moreRowsCreatedNeverMakesAnAnalyzeLessDue(@ForAll @LongRange(min = -1, max = 10_000_000) long reltuples,
                                                   @ForAll @LongRange(max = 10_000_000) long created,
                                                   @ForAll @LongRange(max = 1_000_000) long more) {
        if (policy.due(reltuples, created)) assertThat(policy.due(reltuples, created + more)).isTrue();
    }

    @Test
    void aFirstMillionRowLoadAnalyzesAFewTimesAndAnIncrementalOneNever() {
        FakeStatistics tables = new FakeStatistics();
        StatisticsTrigger first = new StatisticsTrigger(tables);
        for (int batch = 0; batch < 20; batch++) {
            tables.grow(32_500, 50_000);
            // obligations one batch ahead of their due point relative to customers: still analyzed together
            first.created(new PortfolioBatchWriter.BatchResult(32_500, 0, batch == 0 ? 50_000 : 50_001, 0, 0, 0));
        }
        first.finished();
        // once the table is five times what the statistics knew (at 32,500 and 195,000 customers), then
        // once at the end (650,000); customers and obligations always together
        assertThat(first.analyzes()).isEqualTo(3);
        assertThat(tables.analyzed).containsExactly("customer", "obligation", "customer", "obligation", "customer",
                "obligation");
        assertThat(tables.reltuples).containsEntry("customer", 650_000.0).containsEntry("obligation", 1_000_000.0);

        tables.analyzed.clear();
        StatisticsTrigger incremental = new StatisticsTrigger(tables);
        tables.grow(13_000, 20_000);
        incremental.created(new PortfolioBatchWriter.BatchResult(13_000, 0, 20_000, 0, 0, 0));
        incremental.finished();
        assertThat(incremental.analyzes()).isZero();
        assertThat(tables.analyzed).isEmpty();
    }

    /** Tables whose statistics catch up with their real size only when analyzed, as in PostgreSQL. */
    static final class FakeStatistics implements PlannerStatistics {
        final Map<String, Double> rows = new HashMap<>(Map.of("customer", 0.0, "obligation", 0.0));
        final Map<String, Double> reltuples = new HashMap<>(Map.of("customer", -1.0, "obligation", -1.0));
        final List<String> analyzed = new ArrayList<>();

        void grow(double customers, double obligations) {
            rows.merge("customer", customers, Double::sum);
            rows.merge("obligation", obligations, Double::sum);
        }

        @Override
        public Map<String, Double> rowEstimates(Collection<String> tables) {
            Map<String, Double> out = new HashMap<>();
            for (String t : tables) out.put(t, reltuples.getOrDefault(t, -1.0));
            return out;
        }

        @Override
        public void analyze(Collection<String> tables) {
            for (String t : tables) {
                analyzed.add(t);
                reltuples.put(t, rows.getOrDefault(t, 0.0));
            }
        }
    }
}
