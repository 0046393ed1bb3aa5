package mx.recaudo.contact.webhook;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTests {
    static final byte[] BODY = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void metaSignatureIsTheHexHmacSha256OfTheRawBodyWithTheAppSecret() {
        // computed independently: printf '%s' BODY | openssl dgst -sha256 -hmac 'secreto-de-app'
        String expected = "sha256=1bf0386270183abc17f8598fda7ce90caac70d1bb9ca9859ae8424745ac65242";
        assertThat(Signatures.metaSignature(BODY, "secreto-de-app")).isEqualTo(expected);
        assertThat(Signatures.validMetaSignature(expected, BODY, "secreto-de-app")).isTrue();
        assertThat(Signatures.validMetaSignature(expected.toUpperCase().replace("SHA256=", "sha256="), BODY, "secreto-de-app")).isTrue();
    }

    @Test
    void aMetaSignatureForAnotherBodySecretOrFormatIsRefused() {
        String good = Signatures.metaSignature(BODY, "secreto-de-app");
        assertThat(Signatures.validMetaSignature(good, "{\"object\":\"x\"}".getBytes(StandardCharsets.UTF_8), "secreto-de-app")).isFalse();
        assertThat(Signatures.validMetaSignature(good, BODY, "otro")).isFalse();
        assertThat(Signatures.validMetaSignature(good.substring(7), BODY, "secreto-de-app")).isFalse();
        assertThat(Signatures.validMetaSignature(null, BODY, "secreto-de-app")).isFalse();
        assertThat(Signatures.validMetaSignature(good, BODY, null)).isFalse();
        assertThat(Signatures.validMetaSignature("sha256=", BODY, "secreto-de-app")).isFalse();
    }

    @Test
    void twilioSignatureIsAcceptedByTheProvidersOwnValidator() {
        Map<String, String> params = new HashMap<>();
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("Digits", "1");
        params.put("From", "+523312345678");
        params.put("To", "+525512345678");
        String url = "https://recaudo.example.mx/webhooks/voice/gather?m=42";
        String signature = Signatures.twilioSignature(url, params, "12345");
        assertThat(new RequestValidator("12345").validate(url, params, signature)).isTrue();
        assertThat(Signatures.validTwilioSignature(signature, url, params, "12345")).isTrue();
    }

    @Test
    void aTwilioSignatureOverAnotherUrlParameterOrTokenIsRefused() {
        Map<String, String> params = new HashMap<>(Map.of("CallSid", "CA1", "Digits", "1"));
        String url = "https://recaudo.example.mx/webhooks/voice/gather?m=42";
        String signature = Signatures.twilioSignature(url, params, "12345");
        assertThat(Signatures.validTwilioSignature(signature, url.replace("42", "43"), params, "12345")).isFalse();
        assertThat(Signatures.validTwilioSignature(signature, url, Map.of("CallSid", "CA1", "Digits", "2"), "12345")).isFalse();
        assertThat(Signatures.validTwilioSignature(signature, url, params, "54321")).isFalse();
        assertThat(Signatures.validTwilioSignature(null, url, params, "12345")).isFalse();
        assertThat(new RequestValidator("12345").validate(url, Map.of("CallSid", "CA1", "Digits", "2"), signature)).isFalse();
    }
}
