package mx.recaudo.portfolio.importing;

import java.util.List;

/** The outcome of validating one row: accepted (maybe with warnings) or rejected whole with every reason. */
sealed interface ValidatedRow {
    long line();

    record Accepted(long line, CustomerData customer, ObligationData obligation, List<ImportIssue> warnings)
            implements ValidatedRow {}

    record Rejected(long line, List<ImportIssue> errors, List<ImportIssue> warnings) implements ValidatedRow {}
}
