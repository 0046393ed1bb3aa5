package mx.recaudo.contact.template;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsEncodingTests {
    @Test
    void spanishTextGoesOutInTheGsm0338AlphabetNotInLatin1() {
        assertThat(SmsEncoding.toGsm7("Peña ¿$5?")).containsExactly('P', 'e', 0x7D, 'a', ' ', 0x60, 0x02, '5', '?');
        assertThat(SmsEncoding.toGsm7("É@è_")).containsExactly(0x1F, 0x00, 0x04, 0x11);
    }

    @Test
    void extensionCharactersTakeAnEscapeAndTheirCode() {
        assertThat(SmsEncoding.toGsm7("€{}[]~|^\\")).containsExactly(
                0x1B, 0x65, 0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x3C, 0x1B, 0x3E, 0x1B, 0x3D, 0x1B, 0x40, 0x1B, 0x14, 0x1B, 0x2F);
        assertThat(SmsEncoding.fromGsm7(new byte[]{'1', '0', ' ', 0x1B, 0x65})).isEqualTo("10 €");
    }

    @Test
    void anUnknownExtensionCodeReadsAsItsBasicCharacterAndABareEscapeAsASpace() {
        assertThat(SmsEncoding.fromGsm7(new byte[]{0x1B, 'A'})).isEqualTo("A");
        assertThat(SmsEncoding.fromGsm7(new byte[]{'A', 0x1B})).isEqualTo("A ");
    }

    @Test
    void anSmscThatSendsLatin1AsItsDefaultAlphabetIsReadAsLatin1() {
        assertThat(SmsEncoding.fromGsm7("Pagué mañana".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("Pagué mañana");
    }

    @Test
    void textOutsideTheAlphabetIsRefused() {
        assertThatThrownBy(() -> SmsEncoding.toGsm7("está")).isInstanceOf(IllegalArgumentException.class);
    }
}
