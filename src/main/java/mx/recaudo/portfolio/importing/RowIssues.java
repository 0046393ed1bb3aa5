package mx.recaudo.portfolio.importing;

import java.util.ArrayList;
import java.util.List;

/** The errors and warnings found so far in one row; lists are created only when something is found. */
final class RowIssues {

    private final long line;
    private List<ImportIssue> errors;
    private List<ImportIssue> warnings;

    RowIssues(long line) {
        this.line = line;
    }

    void error(CanonicalColumn column, String value, String reasonEs, String reasonEn) {
        if (errors == null) errors = new ArrayList<>(4);
        errors.add(ImportIssue.error(line, column.header(), Text.issueValue(value), reasonEs, reasonEn));
    }

    void warning(CanonicalColumn column, String value, String reasonEs, String reasonEn) {
        if (warnings == null) warnings = new ArrayList<>(2);
        warnings.add(ImportIssue.warning(line, column.header(), Text.issueValue(value), reasonEs, reasonEn));
    }

    boolean hasErrors() {
        return errors != null;
    }

    List<ImportIssue> errors() {
        return errors == null ? List.of() : List.copyOf(errors);
    }

    List<ImportIssue> warnings() {
        return warnings == null ? List.of() : List.copyOf(warnings);
    }
}
