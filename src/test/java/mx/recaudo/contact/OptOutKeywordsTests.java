package mx.recaudo.contact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OptOutKeywordsTests {
    @Test
    void theFourKeywordsInAnyCaseWithOrWithoutAccentsOrPunctuation() {
        for (String text : new String[]{"BAJA", "baja", "Bája", " alto ", "Stop!", "STOP por favor", "cancelar", "CANCELÁR", "¡Baja!"}) {
            assertThat(OptOutKeywords.match(text)).as(text).isPresent();
        }
    }

    @Test
    void otherWordingsOfAStopRequestAreHonoured() {
        assertThat(OptOutKeywords.match("Ya no me escriban")).isPresent();
        assertThat(OptOutKeywords.match("Unsubscribe")).isPresent();
        assertThat(OptOutKeywords.match("no me envíen más mensajes, gracias")).isPresent();
    }

    @Test
    void ordinaryRepliesAreNotOptOuts() {
        for (String text : new String[]{"Ya pagué", "¿Cuánto debo?", "Bajará el saldo?", "altos intereses", "", "   "}) {
            assertThat(OptOutKeywords.match(text)).as(text).isEmpty();
        }
    }
}
