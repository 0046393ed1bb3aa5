package mx.recaudo.portfolio.importing;

import java.util.List;

/** One data row as read from a source file, before mapping and validation. {@code line} as in {@link ImportIssue#row()}. */
record SourceRow(long line, List<String> values) {
    String value(int index) {
        return index >= 0 && index < values.size() ? values.get(index) : null;
    }
}
