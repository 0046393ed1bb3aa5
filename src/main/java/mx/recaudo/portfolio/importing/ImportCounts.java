package mx.recaudo.portfolio.importing;

/** Running totals of one import; all counts are of file rows except the customer/obligation ones. */
public record ImportCounts(long bytesRead, long rowsRead, long rowsImported, long rowsRejected, long warnings,
                           long customersCreated, long customersUpdated, long obligationsCreated,
                           long obligationsUpdated, long obligationsClosed, long unchanged) {
    static final ImportCounts ZERO = new ImportCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
