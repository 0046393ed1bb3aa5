package mx.recaudo.portfolio.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Unwraps parse results in tests, failing with the parser's own reason. */
final class ParseResultAssertions {

    private ParseResultAssertions() {
    }

    static <T> T parsedValue(ParseResult<T> result) {
        return switch (result) {
            case ParseResult.Parsed<T>(T value) -> value;
            case ParseResult.Invalid<T>(String es, String en) -> fail("expected a parsed value but got: " + en);
        };
    }

    static <T> ParseResult.Invalid<T> invalid(ParseResult<T> result) {
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        ParseResult.Invalid<T> invalid = (ParseResult.Invalid<T>) result;
        assertThat(invalid.reasonEs()).isNotBlank();
        assertThat(invalid.reasonEn()).isNotBlank();
        return invalid;
    }
}
