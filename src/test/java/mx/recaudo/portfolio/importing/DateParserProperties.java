package mx.recaudo.portfolio.importing;

import static mx.recaudo.portfolio.importing.ParseResultAssertions.parsedValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.constraints.DateRange;

class DateParserProperties {

    private static final List<DateTimeFormatter> SUPPORTED_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd"),
            DateTimeFormatter.ofPattern("dd/MM/uuuu"),
            DateTimeFormatter.ofPattern("dd-MM-uuuu"),
            DateTimeFormatter.ofPattern("uuuu/MM/dd"),
            DateTimeFormatter.ofPattern("d/M/uuuu"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd' 00:00:00'"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T00:00:00'"));

    @Example
    void everyDateFrom1900To2100RoundTripsInIsoAndMexicanFormat() {
        DateTimeFormatter iso = DateTimeFormatter.ISO_LOCAL_DATE;
        DateTimeFormatter mexican = DateTimeFormatter.ofPattern("dd/MM/uuuu");
        for (LocalDate date = LocalDate.of(1900, 1, 1); !date.isAfter(LocalDate.of(2100, 12, 31));
             date = date.plusDays(1)) {
            assertThat(parsedValue(DateParser.parse(date.format(iso)))).isEqualTo(date);
            assertThat(parsedValue(DateParser.parse(date.format(mexican)))).isEqualTo(date);
        }
    }

    @Property
    void aDateFormattedInAnySupportedFormatRoundTrips(
            @ForAll @DateRange(min = "1900-01-01", max = "2100-12-31") LocalDate date,
            @ForAll("supportedFormats") DateTimeFormatter format) {
        assertThat(parsedValue(DateParser.parse(date.format(format)))).isEqualTo(date);
    }

    @Property
    void yearsOutside1900To2100AreRejected(@ForAll("yearsOutsideTheRange") int year,
                                           @ForAll @IntRange(min = 1, max = 12) int month) {
        String text = String.format("%04d-%02d-01", year, month);

        assertThat(DateParser.parse(text)).isInstanceOf(ParseResult.Invalid.class);
    }

    @Property
    void neverThrowsOnArbitraryText(@ForAll String text) {
        assertThat(DateParser.parse(text)).isNotNull();
    }

    @Property
    void neverThrowsOnDateLikeTextAndOnlyAnswersDatesInTheSupportedRange(@ForAll("dateLikeText") String text) {
        if (DateParser.parse(text) instanceof ParseResult.Parsed<LocalDate>(LocalDate date)) {
            assertThat(date.getYear()).isBetween(DateParser.MIN_YEAR, DateParser.MAX_YEAR);
        }
    }

    @Provide
    Arbitrary<DateTimeFormatter> supportedFormats() {
        return Arbitraries.of(SUPPORTED_FORMATS);
    }

    @Provide
    Arbitrary<Integer> yearsOutsideTheRange() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 1899), Arbitraries.integers().between(2101, 9999));
    }

    @Provide
    Arbitrary<String> dateLikeText() {
        return Arbitraries.strings().withChars("0123456789-/: T.apm").ofMaxLength(25);
    }
}
