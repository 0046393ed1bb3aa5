package mx.recaudo.portfolio.importing;

/**
 * One finding about one cell (or a whole row, then {@code column} is empty) of an imported file.
 * {@code row} is the file line number (the header is line 1); for CFDI archives it is the ordinal
 * of the XML entry in the zip (first entry = 2, as if the archive had a header).
 */
public record ImportIssue(long row, String column, String value, Severity severity, String reasonEs, String reasonEn) {
    public static ImportIssue error(long row, String column, String value, String es, String en) {
        return new ImportIssue(row, column, value, Severity.ERROR, es, en);
    }

    public static ImportIssue warning(long row, String column, String value, String es, String en) {
        return new ImportIssue(row, column, value, Severity.WARNING, es, en);
    }
}
