package mx.recaudo.portfolio.importing;

/**
 * When an import should refresh the planner's statistics of a table it grows: once the rows it created
 * since the table was last analyzed exceed {@code growth} times the rows the statistics know of
 * ({@code pg_class.reltuples}), and at least {@code minimumRows}. A first load into an empty table is
 * analyzed; an incremental import into a large portfolio never is.
 */
record AnalyzePolicy(double growth, long minimumRows) {
    /**
     * Between batches: only when a table has grown five-fold. The import's own statements do not depend on the
     * statistics (they are driven from the staging tables through unique indexes), so this only keeps
     * the picture of other sessions from drifting far during a long first load.
     */
    static final AnalyzePolicy DURING_IMPORT = new AnalyzePolicy(4.0, 10_000);
    /** When the import ends: a table grown by more than a fifth, as autovacuum's default would. */
    static final AnalyzePolicy AT_END = new AnalyzePolicy(0.2, 1_000);

    AnalyzePolicy {
        if (!(growth > 0) || minimumRows < 0) throw new IllegalArgumentException("growth > 0 and minimumRows >= 0");
    }

    /** @param reltuples the statistics' row count; negative when the table was never analyzed */
    boolean due(double reltuples, long rowsCreatedSinceAnalyze) {
        return rowsCreatedSinceAnalyze >= minimumRows && rowsCreatedSinceAnalyze > growth * Math.max(reltuples, 0);
    }

    /**
     * Half-way to {@link #due}: analyzed along with a table that is due, so that tables growing together
     * (customers, their obligations, contact points, balances) are analyzed in one go, not one by one.
     */
    boolean halfDue(double reltuples, long rowsCreatedSinceAnalyze) {
        return rowsCreatedSinceAnalyze >= minimumRows && rowsCreatedSinceAnalyze > growth / 2 * Math.max(reltuples, 0);
    }
}
