package mx.recaudo.contact.voice;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.Example;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class VoiceScriptProperties {
    @Property
    void anAmountAsWrittenBecomesPesosAndCentavosAsSaid(@ForAll @LongRange(min = 0, max = 999_999_999) long pesos,
                                                       @ForAll @IntRange(min = 0, max = 99) int cents) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMinimumFractionDigits(2);
        String written = "Su saldo es de $" + f.format(new BigDecimal(pesos).add(BigDecimal.valueOf(cents, 2))) + " hoy.";
        String said = VoiceScript.speakable(written);
        assertThat(said).doesNotContain("$");
        assertThat(said).startsWith("Su saldo es de " + pesos + (pesos == 1 ? " peso" : " pesos")).endsWith(" hoy.");
        assertThat(said.contains(" con " + cents + (cents == 1 ? " centavo" : " centavos"))).isEqualTo(cents > 0);
    }

    @Property
    void aWrittenDateIsSaidWithTheMonthsName(@ForAll @IntRange(min = 0, max = 20_000) int days) {
        LocalDate date = LocalDate.of(2000, 1, 1).plusDays(days);
        String written = String.format("vence el %02d/%02d/%d.", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
        assertThat(VoiceScript.speakable(written)).isEqualTo("vence el " + VoiceScript.spokenDate(date) + ".");
    }

    @Property
    void theKeyedDayIsTheNextDateWithThatDayOfTheMonth(@ForAll @IntRange(min = 1, max = 31) int day,
                                                      @ForAll @IntRange(min = 0, max = 5000) int offset) {
        LocalDate today = LocalDate.of(2024, 1, 1).plusDays(offset);
        LocalDate d = VoiceScript.nextDay(String.format("%02d", day), today).orElseThrow();
        assertThat(d).isAfter(today);
        assertThat(d.getDayOfMonth()).isEqualTo(day);
        for (LocalDate between = today.plusDays(1); between.isBefore(d); between = between.plusDays(1)) {
            assertThat(between.getDayOfMonth()).isNotEqualTo(day);
        }
    }

    @Example
    void examples() {
        assertThat(VoiceScript.speakable("Hola María, debes $1,250.50 desde el 15/01/2025."))
                .isEqualTo("Hola María, debes 1250 pesos con 50 centavos desde el 15 de enero de 2025.");
        assertThat(VoiceScript.speakable("$300.00 USD")).isEqualTo("300 dólares");
        assertThat(VoiceScript.nextDay("00", LocalDate.of(2025, 1, 1))).isEmpty();
        assertThat(VoiceScript.nextDay("32", LocalDate.of(2025, 1, 1))).isEmpty();
        assertThat(VoiceScript.nextDay("*", LocalDate.of(2025, 1, 1))).isEmpty();
    }

    @Example
    void theCallSaysTheScriptInMexicanSpanishThenOffersTheMenu() {
        String twiml = VoiceScript.call("Hola Ana <3 & $10.00", "https://x.mx/webhooks/voice/gather?m=1&z=2", "Polly.Mia");
        assertThat(twiml).contains("<Say language=\"es-MX\" voice=\"Polly.Mia\">Hola Ana &lt;3 &amp; 10 pesos</Say>")
                .contains("<Gather input=\"dtmf\" numDigits=\"1\"").contains("action=\"https://x.mx/webhooks/voice/gather?m=1&amp;z=2\"")
                .contains("marque 1").contains("marque 2");
    }
}
