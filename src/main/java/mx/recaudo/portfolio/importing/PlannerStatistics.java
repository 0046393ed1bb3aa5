package mx.recaudo.portfolio.importing;

import java.util.Collection;
import java.util.Map;

/** The planner's statistics of the portfolio tables: what they know of each table's size, and ANALYZE. */
interface PlannerStatistics {
    /** {@code pg_class.reltuples} by table name (negative: never analyzed). */
    Map<String, Double> rowEstimates(Collection<String> tables);

    void analyze(Collection<String> tables);
}
