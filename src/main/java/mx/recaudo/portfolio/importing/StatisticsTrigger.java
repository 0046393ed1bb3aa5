package mx.recaudo.portfolio.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the rows an import creates per table and analyzes a table when {@link AnalyzePolicy} says its
 * statistics have fallen behind: {@link AnalyzePolicy#DURING_IMPORT} after each batch,
 * {@link AnalyzePolicy#AT_END} once the import is done. Used by one thread at a time.
 */
final class StatisticsTrigger {
    static final List<String> TABLES = List.of("customer", "contact_point", "obligation", "customer_balance");

    private final PlannerStatistics statistics;
    private final AnalyzePolicy during;
    private final AnalyzePolicy atEnd;
    private final Map<String, Double> estimates = new LinkedHashMap<>();
    private final Map<String, Long> createdSinceAnalyze = new LinkedHashMap<>();
    private int analyzes;

    StatisticsTrigger(PlannerStatistics statistics) {
        this(statistics, AnalyzePolicy.DURING_IMPORT, AnalyzePolicy.AT_END);
    }

    StatisticsTrigger(PlannerStatistics statistics, AnalyzePolicy during, AnalyzePolicy atEnd) {
        this.statistics = statistics;
        this.during = during;
        this.atEnd = atEnd;
        for (String table : TABLES) createdSinceAnalyze.put(table, 0L);
    }

    /** Records what one committed batch created and analyzes the tables that are due. */
    void created(PortfolioBatchWriter.BatchResult batch) {
        createdSinceAnalyze.merge("customer", batch.customersCreated(), Long::sum);
        createdSinceAnalyze.merge("contact_point", batch.contactPointsCreated(), Long::sum);
        createdSinceAnalyze.merge("obligation", batch.obligationsCreated(), Long::sum);
        createdSinceAnalyze.merge("customer_balance", batch.balancesWritten(), Long::sum);
        analyzeDue(during);
    }

    /** The import is done: analyzes the tables it grew by more than {@link AnalyzePolicy#AT_END} allows. */
    void finished() {
        analyzeDue(atEnd);
    }

    private void analyzeDue(AnalyzePolicy policy) {
        if (createdSinceAnalyze.values().stream().noneMatch(n -> n >= policy.minimumRows())) return;
        if (estimates.isEmpty()) estimates.putAll(statistics.rowEstimates(TABLES));
        boolean anyDue = createdSinceAnalyze.entrySet().stream()
                .anyMatch(e -> policy.due(estimates.getOrDefault(e.getKey(), -1.0), e.getValue()));
        if (!anyDue) return;
        List<String> due = new ArrayList<>();
        createdSinceAnalyze.forEach((table, created) -> {
            if (policy.halfDue(estimates.getOrDefault(table, -1.0), created)) due.add(table);
        });
        statistics.analyze(due);
        analyzes++;
        estimates.putAll(statistics.rowEstimates(due));
        for (String table : due) createdSinceAnalyze.put(table, 0L);
    }

    /** How many times this import ran ANALYZE. */
    int analyzes() { return analyzes; }
}
