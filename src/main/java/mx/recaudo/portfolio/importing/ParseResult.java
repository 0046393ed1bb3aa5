package mx.recaudo.portfolio.importing;

/**
 * The outcome of parsing one cell: the parsed value, or why it could not be parsed.
 * Parsers return this instead of throwing, because a bad cell is an expected, per-row event.
 * <p>
 * Reasons are short lower-case clauses ("tiene más de un signo" / "it has more than one sign") meant to
 * follow a column-specific sentence such as "El saldo no es un importe válido: ".
 */
sealed interface ParseResult<T> {

    record Parsed<T>(T value) implements ParseResult<T> {}

    record Invalid<T>(String reasonEs, String reasonEn) implements ParseResult<T> {}

    static <T> ParseResult<T> parsed(T value) {
        return new Parsed<>(value);
    }

    static <T> ParseResult<T> invalid(String reasonEs, String reasonEn) {
        return new Invalid<>(reasonEs, reasonEn);
    }
}
