package mx.recaudo.payment;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClabeTests {
    @Test
    void theSpecVectorsAreValid() {
        assertThat(Clabe.isValid("032180000118359719")).isTrue();
        assertThat(Clabe.isValid("012180026050783858")).isTrue();
        assertThat(Clabe.checkDigit("03218000011835971")).isEqualTo(9);
        assertThat(Clabe.checkDigit("01218002605078385")).isEqualTo(8);
    }

    @Test
    void aWrongCheckDigitOrLengthOrLetterIsInvalid() {
        assertThat(Clabe.isValid("032180000118359710")).isFalse();
        assertThat(Clabe.isValid("03218000011835971")).isFalse();
        assertThat(Clabe.isValid("03218000011835971A")).isFalse();
        assertThat(Clabe.isValid(null)).isFalse();
        assertThat(Clabe.parse("0321 8000 0118 3597 19")).map(Clabe::value).hasValue("032180000118359719");
    }

    @Test
    void aVirtualClabeCarriesBankBranchAndAccount() {
        Clabe c = Clabe.of("646", "180", 12345);
        assertThat(c.value()).startsWith("64618000000012345").hasSize(18);
        assertThat(Clabe.isValid(c.value())).isTrue();
        assertThat(c.bank()).isEqualTo("646");
        assertThat(c.branch()).isEqualTo("180");
        assertThat(c.account()).isEqualTo(12345);
        assertThatThrownBy(() -> Clabe.of("64", "180", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void everyGeneratedClabeIsValid(@ForAll @LongRange(min = 0, max = 99_999_999_999L) long account) {
        assertThat(Clabe.isValid(Clabe.of("012", "180", account).value())).isTrue();
    }

    @Property
    void changingAnyOneDigitBreaksTheCheck(@ForAll @StringLength(17) @NumericChars String first17,
                                           @ForAll @IntRange(min = 0, max = 17) int position,
                                           @ForAll @IntRange(min = 1, max = 9) int delta) {
        String clabe = first17 + Clabe.checkDigit(first17);
        char[] digits = clabe.toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + delta) % 10);
        assertThat(Clabe.isValid(new String(digits))).isFalse();
    }
}
