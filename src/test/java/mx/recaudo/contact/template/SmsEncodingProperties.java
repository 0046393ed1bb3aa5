package mx.recaudo.contact.template;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class SmsEncodingProperties {
    @Property(tries = 2000)
    void theQuickGsm7CheckAgreesWithTheFullCount(@ForAll("texts") String text) {
        assertThat(SmsEncoding.isGsm7(text)).isEqualTo(SmsEncoding.of(text).gsm7());
    }

    @Property
    void anyCharacterAtAll(@ForAll String text) {
        assertThat(SmsEncoding.isGsm7(text)).isEqualTo(SmsEncoding.of(text).gsm7());
    }

    @Property(tries = 2000)
    void gsm7TextComesBackFromItsSeptetsUnchanged(@ForAll("texts") String text) {
        net.jqwik.api.Assume.that(SmsEncoding.isGsm7(text) && text.indexOf('\u001B') < 0);
        byte[] septets = SmsEncoding.toGsm7(text);
        for (byte b : septets) assertThat(b & 0x80).isZero();
        assertThat(septets).hasSize(SmsEncoding.of(text).units());
        assertThat(SmsEncoding.fromGsm7(septets)).isEqualTo(text);
    }

    /** Mostly GSM-7 characters (both tables), with now and then one that is not (accents, emoji, U+20AD and above). */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> gsm = Arbitraries.of("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà^{}\\[~]|€\f"
                .chars().mapToObj(c -> (char) c).toList());
        Arbitrary<Character> other = Arbitraries.of('á', 'í', 'ó', 'ú', '¡', '`', '\u20AD', '\uFFFF', '\u0000', '\u00A0', '\uD83D');
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(30, gsm), net.jqwik.api.Tuple.of(1, other))
                .list().ofMaxSize(200).map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
    }
}
