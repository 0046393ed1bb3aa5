package mx.recaudo.payment;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceSchemeTests {
    final ReferenceScheme luhn = ReferenceScheme.named("MOD10_LUHN");

    @Test
    void theDocumentedVectorsHold() {
        assertThat(luhn.reference("7992739871")).isEqualTo("79927398713");
        assertThat(luhn.reference("0000000001")).isEqualTo("00000000018");
        assertThat(luhn.reference("123456789")).isEqualTo("1234567897");
        assertThat(luhn.body("79927398713")).hasValue("7992739871");
        assertThat(luhn.body("79927398710")).isEmpty();
        assertThat(luhn.body("ABC")).isEmpty();
    }

    @Property
    void aReferenceReadsBackToItsBody(@ForAll @StringLength(min = 1, max = 20) @NumericChars String body) {
        assertThat(luhn.body(luhn.reference(body))).hasValue(body);
    }

    @Property
    void anyOneDigitTypoIsCaught(@ForAll @StringLength(min = 2, max = 20) @NumericChars String body,
                                 @ForAll @IntRange(min = 0, max = 40) int at, @ForAll @IntRange(min = 1, max = 9) int delta) {
        char[] ref = luhn.reference(body).toCharArray();
        int i = at % ref.length;
        ref[i] = (char) ('0' + (ref[i] - '0' + delta) % 10);
        assertThat(luhn.body(new String(ref))).isEmpty();
    }
}
