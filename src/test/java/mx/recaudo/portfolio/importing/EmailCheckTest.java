package mx.recaudo.portfolio.importing;

import static mx.recaudo.portfolio.importing.ParseResultAssertions.invalid;
import static mx.recaudo.portfolio.importing.ParseResultAssertions.parsedValue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"juan@example.com", "juan.perez@example.com.mx", "juan+cobranza@sub.example.mx",
            "o'brien@example.com", "a@b.co", "JUAN_123@mi-empresa.mx", "josé@dominio.mx", "user@xn--80ak6aa92e.xn--p1ai"})
    void acceptsPlausibleAddresses(String text) {
        assertThat(parsedValue(EmailCheck.check(text))).isEqualTo(text);
    }

    @Test
    void lowerCasesTheDomainButNotTheLocalPart() {
        assertThat(parsedValue(EmailCheck.check("Juan.Perez@GMAIL.Com"))).isEqualTo("Juan.Perez@gmail.com");
    }

    @Test
    void stripsSurroundingBlanks() {
        assertThat(parsedValue(EmailCheck.check("  juan@example.com\u00A0"))).isEqualTo("juan@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"juan", "juan.example.com"})
    void rejectsAddressesWithoutAt(String text) {
        assertThat(invalid(EmailCheck.check(text)).reasonEs()).isEqualTo("le falta la @");
    }

    @ParameterizedTest
    @ValueSource(strings = {"juan@@example.com", "juan@example@com.mx"})
    void rejectsAddressesWithMoreThanOneAt(String text) {
        assertThat(invalid(EmailCheck.check(text)).reasonEn()).isEqualTo("it has more than one @");
    }

    @ParameterizedTest
    @ValueSource(strings = {"juan perez@example.com", "juan@exa mple.com", "juan@example.com\tx"})
    void rejectsAddressesWithSpaces(String text) {
        assertThat(invalid(EmailCheck.check(text)).reasonEn()).isEqualTo("it contains spaces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"juan@gmail", "juan@gmail,com", "juan@.com", "juan@gmail..com", "juan@gmail.com.",
            "juan@-gmail.com", "juan@gmail.c", "juan@gmail.123", "juan@", "juan@[10.0.0.1]"})
    void rejectsDomainsThatCannotReceiveMail(String text) {
        assertThat(invalid(EmailCheck.check(text)).reasonEn()).startsWith("the domain after the @ is not valid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@example.com", ".juan@example.com", "juan.@example.com", "juan..perez@example.com",
            "\"juan\"@example.com", "juan(x)@example.com", "juan,perez@example.com"})
    void rejectsMalformedLocalParts(String text) {
        assertThat(invalid(EmailCheck.check(text)).reasonEn()).isEqualTo("the part before the @ is not valid");
    }

    @Test
    void rejectsAddressesLongerThan254Characters() {
        String address = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com";
        assertThat(address).hasSizeGreaterThan(254);
        assertThat(invalid(EmailCheck.check(address)).reasonEn()).isEqualTo("it is longer than 254 characters");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsEmptyText(String text) {
        assertThat(invalid(EmailCheck.check(text)).reasonEn()).isEqualTo("it is empty");
    }
}
