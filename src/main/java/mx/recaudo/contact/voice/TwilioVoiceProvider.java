package mx.recaudo.contact.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.outbox.ChannelProvider;
import mx.recaudo.contact.outbox.ConcurrentSends;
import mx.recaudo.contact.outbox.OutboundMessage;
import mx.recaudo.contact.outbox.SendResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;




import java.util.stream.Collectors;

/**
 * Voice blaster through a Twilio-style API: one call per message,
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Calls.json} (form-encoded, basic auth) with
 * answering-machine detection ({@code MachineDetection=DetectMessageEnd}), the answer callback that
 * serves the personalized TwiML (or the voicemail, see {@link VoiceCallbacks}) and the status callback. The call's sid is the
 * provider message id. The API cannot be asked by our key whether it got a request, so
 * reconciliation after a crash answers UNKNOWN (nobody is called twice).
 */
@Component
@ConditionalOnProperty(name = "recaudo.contact.voice.account-sid")
class TwilioVoiceProvider implements ChannelProvider, DisposableBean {
    /** Provider error codes worth trying again: too many requests, queue full. */
    private static final Set<Integer> TEMPORARY = Set.of(20429, 20003, 21220);
    private final VoiceProperties properties;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ConcurrentSends sends;

    TwilioVoiceProvider(VoiceProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.sends = new ConcurrentSends(properties.concurrency());
    }

    @Override
    public String name() {
        return "voice";
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.VOICE);
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        return sends.each(batch, m -> call(m));
    }

    /** The form parameters of one call. */
    Map<String, String> form(OutboundMessage m) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", m.address());
        form.put("From", properties.from());
        // the script is served when the call is answered, so that a person gets it with the keypad menu and an
        // answering machine gets the voicemail (AnsweredBy=machine_end_*) instead
        form.put("Url", properties.callback("/webhooks/voice/answer?m=" + m.id()));
        form.put("Method", "POST");
        if (properties.machineDetection() != null && !properties.machineDetection().isBlank()) {
            form.put("MachineDetection", properties.machineDetection());
        }
        form.put("StatusCallback", properties.callback("/webhooks/voice/status"));
        form.put("StatusCallbackMethod", "POST");
        return form;
    }

    private SendResult call(OutboundMessage m) {
        if (m.address() == null || m.address().isBlank()) return new SendResult.Rejected("Voice: no phone number");
        String body = form(m).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String auth = Base64.getEncoder().encodeToString((properties.accountSid() + ":" + properties.authToken())
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(properties.callsUrl()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Basic " + auth)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return result(response.statusCode(), response.body());
        } catch (IOException e) {
            return new SendResult.Retry("Voice: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry("interrupted");
        }
    }

    /** {@code sid} on 201; provider error objects ({@code code}, {@code message}) otherwise. */
    SendResult result(int status, byte[] body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = json.createObjectNode();
        }
        if (status / 100 == 2) {
            String sid = answer.path("sid").asText(null);
            return sid == null ? new SendResult.Retry("Voice: answer without a call sid") : new SendResult.Accepted(sid, false);
        }
        int code = answer.path("code").asInt(-1);
        String text = "Voice " + status + " error " + code + ": " + answer.path("message").asText("");
        return status == 429 || status >= 500 || TEMPORARY.contains(code) ? new SendResult.Retry(text) : new SendResult.Rejected(text);
    }

    @Override
    public Reconciliation reconcile(OutboundMessage message) {
        return Reconciliation.unknown();
    }

    @Override
    public void destroy() {
        sends.close();
    }
}
