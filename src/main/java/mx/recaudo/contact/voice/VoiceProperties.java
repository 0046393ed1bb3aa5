package mx.recaudo.contact.voice;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The voice provider account ({@code recaudo.contact.voice.*}), a Twilio-style REST API; the
 * adapter is on when {@code accountSid} is set (route the channel with
 * {@code recaudo.contact.routes.voice=voice}).
 *
 * @param baseUrl       API root (a local stub in tests)
 * @param from          the caller id: one of the organization's registered numbers (MX-06)
 * @param publicBaseUrl where the provider reaches this application's callbacks (https://…), also
 *                      the URL that callback signatures are computed over
 * @param agentNumber   when set, keypad 1 connects the call to this number as well as queueing a callback
 * @param voice         the text-to-speech voice (provider name, e.g. Polly.Mia); empty = provider default
 * @param machineDetection answering-machine detection asked for each call ({@code DetectMessageEnd}: the
 *                      provider waits for the greeting's end, so a voicemail is left after the beep);
 *                      empty = none (every answer gets the keypad script)
 * @param voicemailNumber the number a voicemail asks the customer to call back; empty = {@code agentNumber},
 *                      else {@code from}
 */
@ConfigurationProperties("recaudo.contact.voice")
public record VoiceProperties(@DefaultValue("https://api.twilio.com") String baseUrl,
                              String accountSid, String authToken, String from, String publicBaseUrl,
                              String agentNumber, @DefaultValue("") String voice,
                              @DefaultValue("8") int concurrency,
                              @DefaultValue("DetectMessageEnd") String machineDetection,
                              @DefaultValue("") String voicemailNumber) {
    /** The number a voicemail asks to call back. */
    String callBackNumber() {
        if (voicemailNumber != null && !voicemailNumber.isBlank()) return voicemailNumber;
        return agentNumber != null && !agentNumber.isBlank() ? agentNumber : from;
    }

    String callsUrl() {
        return baseUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/" + accountSid + "/Calls.json";
    }

    String callback(String path) {
        return (publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "")) + path;
    }
}
