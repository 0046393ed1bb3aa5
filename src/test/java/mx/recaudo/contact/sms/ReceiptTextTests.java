package mx.recaudo.contact.sms;

import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptTextTests {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsWhatJsmppWritesForEveryState() {
        for (DeliveryReceiptState state : DeliveryReceiptState.values()) {
            String text = new DeliveryReceipt("1763890123000042", 1, 1, new Date(), new Date(), state, "000", "Hola").toString();
            ReceiptText r = ReceiptText.parse(bytes(text));
            assertThat(r).as(text).isEqualTo(new ReceiptText("1763890123000042", state.name(), "000"));
        }
    }

    @Test
    void readsTheSpecificationsExampleInAnyCaseAndIgnoresTheFreeText() {
        assertThat(ReceiptText.parse(bytes("id:0123456789 sub:001 dlvrd:001 submit date:0610191018 done date:0610191018 stat:DELIVRD err:000 Text:stat:UNDELIV id:x")))
                .isEqualTo(new ReceiptText("0123456789", "DELIVRD", "000"));
        assertThat(ReceiptText.parse(bytes("ID:ab12 SUB:001 DLVRD:000 SUBMIT DATE:2511230940 DONE DATE:2511230941 STAT:undeliv ERR:034 TEXT:")))
                .isEqualTo(new ReceiptText("ab12", "UNDELIV", "034"));
    }

    @Test
    void fieldsAreFoundOnlyAtTheStartOfAWord() {
        // "msgid:" is not "id:"; "substat:" is not "stat:"
        assertThat(ReceiptText.parse(bytes("msgid:9 id:42 substat:DELIVRD stat:EXPIRED"))).isEqualTo(new ReceiptText("42", "EXPIRED", null));
    }

    @Test
    void withoutAnIdOrAKnownStateItIsUnreadable() {
        assertThat(ReceiptText.parse(bytes("sub:001 dlvrd:001 stat:DELIVRD err:000 text:"))).isNull();
        assertThat(ReceiptText.parse(bytes("id: stat:DELIVRD"))).isNull();
        assertThat(ReceiptText.parse(bytes("id:7 stat:DONE err:000"))).isNull();
        assertThat(ReceiptText.parse(bytes("id:7 err:000 text:stat:DELIVRD"))).isNull();
        assertThat(ReceiptText.parse(bytes(""))).isNull();
        assertThat(ReceiptText.parse(null)).isNull();
    }
}
