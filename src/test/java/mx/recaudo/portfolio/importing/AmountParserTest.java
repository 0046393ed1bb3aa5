package mx.recaudo.portfolio.importing;

import static mx.recaudo.portfolio.importing.ParseResultAssertions.invalid;
import static mx.recaudo.portfolio.importing.ParseResultAssertions.parsedValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountParserTest {

    @ParameterizedTest(name = "[{0}] = {1}")
    @CsvSource(delimiter = '|', value = {
            "1234.5           | 1234.5",
            "1234.50          | 1234.50",
            "$1,234.50        | 1234.50",
            "1.234,50         | 1234.50",
            "1,234            | 1234",
            "1.234            | 1234",
            "1234,5           | 1234.5",
            "1.234.567,89     | 1234567.89",
            "1,234,567.89     | 1234567.89",
            "1,234,567        | 1234567",
            "MX$ 1 234,50     | 1234.50",
            "'  $ 1234 '      | 1234",
            "1 234 567        | 1234567",
            "1 234,500        | 1234.500",
            "0.125            | 0.125",
            "0,50             | 0.50",
            ".5               | 0.5",
            "1234.567         | 1234.567",
            "12.3456          | 12.3456",
            "+5               | 5",
            "007              | 7",
            "1,234.50 MXN     | 1234.50",
            "$1,234.50 M.N.   | 1234.50",
            "mxn 10           | 10",
            "US$ 99.99        | 99.99",
            "0                | 0",
    })
    void parsesTheFormatsFoundInSpreadsheets(String text, BigDecimal expected) {
        assertThat(parsedValue(AmountParser.parse(text))).isEqualTo(expected);
    }

    @Test
    void keepsExactlyTheDecimalsWritten() {
        assertThat(parsedValue(AmountParser.parse("1234.5000")).scale()).isEqualTo(4);
        assertThat(parsedValue(AmountParser.parse("1234.5")).scale()).isEqualTo(1);
        assertThat(parsedValue(AmountParser.parse("1,234")).scale()).isZero();
    }

    @Test
    void acceptsNonBreakingSpacesAsBlanks() {
        assertThat(parsedValue(AmountParser.parse("\u00A0$\u00A01\u202F234,50\u00A0"))).isEqualTo(new BigDecimal("1234.50"));
    }

    @ParameterizedTest(name = "[{0}] = {1}")
    @CsvSource(delimiter = '|', value = {
            "-5              | -5",
            "(1,234.50)      | -1234.50",
            "( 1.234,50 )    | -1234.50",
            "-$1,234.50      | -1234.50",
            "$-1,234.50      | -1234.50",
            "$ - 20          | -20",
    })
    void readsMinusSignsAndAccountingParenthesesAsNegative(String text, BigDecimal expected) {
        assertThat(parsedValue(AmountParser.parse(text))).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void rejectsEmptyText(String text) {
        assertThat(invalid(AmountParser.parse(text)).reasonEn()).isEqualTo("it is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a", "abc", "1e5", "1.2E+5", "N/A", "diez"})
    void rejectsLetters(String text) {
        assertThat(invalid(AmountParser.parse(text)).reasonEn()).isEqualTo("it contains letters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--5", "+-5", "(-5)", "- $ -5"})
    void rejectsMoreThanOneSign(String text) {
        assertThat(invalid(AmountParser.parse(text)).reasonEn()).isEqualTo("it has more than one sign");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,23,4", "12,34,567", "1,2345,678", "1.234,567.89", "1 234.567,89", "1,234 567",
            "1234,567,890", "1.234.5", ",234,567"})
    void rejectsInconsistentGrouping(String text) {
        assertThat(invalid(AmountParser.parse(text)).reasonEn()).contains("inconsistent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5-", "1-000", "1+1"})
    void rejectsSignsAfterTheFirstDigit(String text) {
        assertThat(invalid(AmountParser.parse(text)).reasonEn()).isEqualTo("the sign must come before the number");
    }

    @Test
    void rejectsMoreThanFourDecimals() {
        assertThat(invalid(AmountParser.parse("1.23456")).reasonEn()).isEqualTo("it has more than 4 decimal places");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,,234", "1.,5", "1 ,5"})
    void rejectsConsecutiveSeparators(String text) {
        assertThat(invalid(AmountParser.parse(text)).reasonEn()).isEqualTo("it has consecutive separators");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234.", "1,234,", "1 234 ,"})
    void rejectsATrailingSeparator(String text) {
        assertThat(AmountParser.parse(text)).isInstanceOf(ParseResult.Invalid.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "MXN", "-", "()", "-(5)", "$ $ 5", "(5", "5%", "#5", "1_000", "١٢٣"})
    void rejectsTextThatIsNotASingleAmount(String text) {
        invalid(AmountParser.parse(text));
    }

    @Test
    void rejectsVeryLongTextWithoutParsingIt() {
        assertThat(invalid(AmountParser.parse("1".repeat(100_000))).reasonEn()).isEqualTo("it is too long");
    }

    @Test
    void explainsEveryRejectionInSpanishToo() {
        assertThat(invalid(AmountParser.parse("--5")).reasonEs()).isEqualTo("tiene más de un signo");
        assertThat(invalid(AmountParser.parse("12a")).reasonEs()).isEqualTo("contiene letras");
    }
}
