package mx.recaudo.portfolio.importing;

import static mx.recaudo.portfolio.importing.ParseResultAssertions.invalid;
import static mx.recaudo.portfolio.importing.ParseResultAssertions.parsedValue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormalizerTest {

    private final PhoneNormalizer normalizer = new PhoneNormalizer();

    @ParameterizedTest
    @ValueSource(strings = {"55 1234 5678", "(55) 1234-5678", "5512345678", "+52 55 1234 5678", "+525512345678",
            "52 55 1234 5678", "55.1234.5678", " 55-1234-5678 "})
    void normalizesMexicanNumbersWrittenWithoutCountryCodeToE164(String text) {
        assertThat(parsedValue(normalizer.normalize(text)).e164()).isEqualTo("+525512345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+52 1 55 1234 5678", "+5215512345678", "1 55 1234 5678", "044 55 1234 5678",
            "045 55 1234 5678", "01 55 1234 5678"})
    void dropsTheDialingPrefixesMexicoAbolishedIn2019(String text) {
        assertThat(parsedValue(normalizer.normalize(text)).e164()).isEqualTo("+525512345678");
    }

    @Test
    void reportsTheLibphonenumberTypeOfMexicanNumbers() {
        // Since 2019 Mexico does not distinguish mobile from fixed numbers by their digits.
        assertThat(parsedValue(normalizer.normalize("55 1234 5678")).type()).isEqualTo("FIXED_LINE_OR_MOBILE");
    }

    @Test
    void acceptsValidForeignNumbersWithTheirCountryCode() {
        PhoneNumberData us = parsedValue(normalizer.normalize("+1 212 555 0123"));
        assertThat(us.e164()).isEqualTo("+12125550123");
        assertThat(us.type()).isEqualTo("FIXED_LINE_OR_MOBILE");

        PhoneNumberData uk = parsedValue(normalizer.normalize("+44 20 7946 0958"));
        assertThat(uk.e164()).isEqualTo("+442079460958");
        assertThat(uk.type()).isEqualTo("FIXED_LINE");
    }

    @Test
    void ignoresAnExtension() {
        assertThat(parsedValue(normalizer.normalize("55 1234 5678 ext. 12")).e164()).isEqualTo("+525512345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "55 1234 567", "55 1234 56789", "0000000000", "+52 1 00 0000 0000"})
    void rejectsNumbersWithTheWrongLengthOrAreaCode(String text) {
        assertThat(invalid(normalizer.normalize(text)).reasonEn())
                .isEqualTo("it is not a valid number (check the area code and the number of digits)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "sin teléfono", "@", "+", "1 2"})
    void rejectsTextThatIsNotAPhoneNumber(String text) {
        assertThat(invalid(normalizer.normalize(text)).reasonEs()).isEqualTo("no parece un número telefónico");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsEmptyText(String text) {
        assertThat(invalid(normalizer.normalize(text)).reasonEn()).isEqualTo("it is empty");
    }

    @Test
    void rejectsVeryLongTextWithoutParsingIt() {
        invalid(normalizer.normalize("5".repeat(1_000_000)));
    }
}
