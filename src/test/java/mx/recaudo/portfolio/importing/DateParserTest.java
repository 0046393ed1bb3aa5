package mx.recaudo.portfolio.importing;

import static mx.recaudo.portfolio.importing.ParseResultAssertions.invalid;
import static mx.recaudo.portfolio.importing.ParseResultAssertions.parsedValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DateParserTest {

    private static final LocalDate NEW_YEARS_EVE = LocalDate.of(2025, 12, 31);

    @ParameterizedTest
    @ValueSource(strings = {"2025-12-31", "31/12/2025", "31-12-2025", "2025/12/31", "  2025-12-31  ",
            "2025-12-31 00:00:00", "2025-12-31T00:00:00", "2025-12-31T13:45:10.123", "2025-12-31 13:45",
            "31/12/2025 12:00:00 a. m.", "31/12/2025 11:59:59 PM"})
    void parsesTheFormatsFoundInSpreadsheets(String text) {
        assertThat(parsedValue(DateParser.parse(text))).isEqualTo(NEW_YEARS_EVE);
    }

    @ParameterizedTest(name = "[{0}] = {1}")
    @CsvSource({"01/02/2025, 2025-02-01", "1/2/2025, 2025-02-01", "2025-2-1, 2025-02-01", "12/01/2025, 2025-01-12"})
    void readsSlashedDatesDayFirstAsInMexico(String text, LocalDate expected) {
        assertThat(parsedValue(DateParser.parse(text))).isEqualTo(expected);
    }

    @Test
    void acceptsTheTwentyNinthOfFebruaryOnlyInLeapYears() {
        assertThat(parsedValue(DateParser.parse("29/02/2024"))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(invalid(DateParser.parse("29/02/2025")).reasonEs()).isEqualTo("febrero de 2025 no tiene día 29");
        assertThat(invalid(DateParser.parse("29/02/1900")).reasonEn()).isEqualTo("February 1900 has no day 29");
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/02/2025", "31/04/2025", "00/01/2025", "2025-06-31", "2025-01-00"})
    void rejectsDaysThatDoNotExist(String text) {
        assertThat(invalid(DateParser.parse(text)).reasonEn()).contains("has no day");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01/13/2025", "2025-13-01", "2025-00-10"})
    void rejectsMonthsThatDoNotExist(String text) {
        assertThat(invalid(DateParser.parse(text)).reasonEn()).startsWith("month").endsWith("does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/12/25", "1/1/99"})
    void rejectsTwoDigitYears(String text) {
        assertThat(invalid(DateParser.parse(text)).reasonEn()).isEqualTo("the year must have four digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/12/1899", "1899-12-31", "2101-01-01", "0000-01-01", "9999-12-31"})
    void rejectsYearsOutside1900To2100(String text) {
        assertThat(invalid(DateParser.parse(text)).reasonEn()).contains("is outside 1900–2100");
    }

    @Test
    void acceptsTheFirstAndLastDayOfTheSupportedRange() {
        assertThat(parsedValue(DateParser.parse("1900-01-01"))).isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(parsedValue(DateParser.parse("31/12/2100"))).isEqualTo(LocalDate.of(2100, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025.12.31", "31.12.2025", "2025-12/31", "20251231", "31 dic 2025", "Dec 31, 2025",
            "2025-12-31 25:00", "2025-12-31 10:61", "2025-12-31X", "2025-12-31 00:00:00 +06:00", "12345-01-01",
            "2025-123-01", "45657", "31/12/2025 13:00 p. m.", "mañana"})
    void rejectsOtherFormats(String text) {
        assertThat(invalid(DateParser.parse(text)).reasonEn()).startsWith("it is not in a recognized date format");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u00A0"})
    void rejectsEmptyText(String text) {
        assertThat(invalid(DateParser.parse(text)).reasonEs()).isEqualTo("está vacía");
    }
}
