package mx.recaudo.contact.whatsapp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhatsAppNumbersTests {
    @Test
    void mexicanMobilesLoseTheOldMobilePrefixOtherNumbersJustGainThePlus() {
        assertThat(WhatsAppNumbers.toE164("5213312345678")).isEqualTo("+523312345678");
        assertThat(WhatsAppNumbers.toE164("523312345678")).isEqualTo("+523312345678");
        assertThat(WhatsAppNumbers.toE164("15551234567")).isEqualTo("+15551234567");
        assertThat(WhatsAppNumbers.toWhatsApp("+523312345678")).isEqualTo("523312345678");
    }
}
