package mx.recaudo.contact.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.outbox.ChannelProvider;
import mx.recaudo.contact.outbox.ConcurrentSends;
import mx.recaudo.contact.outbox.OutboundMessage;
import mx.recaudo.contact.outbox.SendResult;
import mx.recaudo.platform.SystemDatabase;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;





/**
 * WhatsApp Business Cloud API: {@code POST /{version}/{phone-number-id}/messages} with the bearer
 * token. A message planned from a template mapped to an approved WhatsApp template goes as a
 * template message (its parameters were fixed when it was planned, in contact_message.payload);
 * anything else goes as a session text message, which WhatsApp only delivers within 24 hours of
 * the customer's last message (error 131047 otherwise: FAILED, not retried). The message's
 * idempotency key travels as {@code biz_opaque_callback_data} and comes back in status webhooks.
 * The Cloud API cannot be asked whether it got a message, so reconciliation after a crash answers
 * UNKNOWN (the message is not sent again).
 */
@Component
@ConditionalOnProperty(name = "recaudo.contact.whatsapp.phone-number-id")
class WhatsAppCloudProvider implements ChannelProvider, org.springframework.beans.factory.DisposableBean {
    /** Graph API error codes that are worth trying again later (rate limits, temporary outages). */
    private static final Set<Integer> TEMPORARY = Set.of(1, 2, 4, 17, 80007, 130429, 131000, 131016, 131048, 131056, 133004);
    private final WhatsAppProperties properties;
    private final JdbcClient system;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ConcurrentSends sends;

    WhatsAppCloudProvider(WhatsAppProperties properties, @SystemDatabase JdbcClient system, ObjectMapper json) {
        this.properties = properties;
        this.system = system;
        this.json = json;
        this.sends = new ConcurrentSends(properties.concurrency());
    }

    @Override
    public String name() {
        return "whatsapp";
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.WHATSAPP);
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        Map<Long, String> payloads = new HashMap<>();
        system.sql("select id, payload::text from contact_message where id = any(?) and payload is not null")
                .param(batch.stream().map(OutboundMessage::id).toArray(Long[]::new))
                .query(rs -> { payloads.put(rs.getLong(1), rs.getString(2)); });
        return sends.each(batch, m -> sendOne(m, payloads.get(m.id())));
    }

    SendResult sendOne(OutboundMessage m, String payload) {
        if (m.address() == null || m.address().isBlank()) return new SendResult.Rejected("WhatsApp: no address");
        try {
            byte[] body = json.writeValueAsBytes(request(m, payload == null ? null : json.readTree(payload)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(properties.messagesUrl()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + properties.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return result(response.statusCode(), response.body());
        } catch (IOException e) {
            return new SendResult.Retry("WhatsApp: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry("interrupted");
        }
    }

    /** The Cloud API request: a template message when the payload names one, else a text message. */
    ObjectNode request(OutboundMessage m, JsonNode payload) {
        ObjectNode r = json.createObjectNode();
        r.put("messaging_product", "whatsapp");
        r.put("recipient_type", "individual");
        r.put("to", WhatsAppNumbers.toWhatsApp(m.address()));
        if (payload != null && payload.hasNonNull("template")) {
            r.put("type", "template");
            ObjectNode template = r.putObject("template");
            template.put("name", payload.get("template").asText());
            template.putObject("language").put("code", payload.path("language").asText("es_MX"));
            ArrayNode parameters = json.createArrayNode();
            payload.path("parameters").forEach(p -> parameters.addObject().put("type", "text").put("text", p.asText()));
            if (!parameters.isEmpty()) {
                ObjectNode component = template.putArray("components").addObject();
                component.put("type", "body");
                component.set("parameters", parameters);
            }
        } else {
            r.put("type", "text");
            r.putObject("text").put("preview_url", false).put("body", m.body());
        }
        r.put("biz_opaque_callback_data", m.idempotencyKey().toString());
        return r;
    }

    /** {@code messages[0].id} on success; Graph API error objects otherwise. */
    SendResult result(int status, byte[] body) {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (IOException e) {
            answer = json.createObjectNode();
        }
        if (status / 100 == 2) {
            String id = answer.path("messages").path(0).path("id").asText(null);
            return id == null ? new SendResult.Retry("WhatsApp: answer without a message id")
                    : new SendResult.Accepted(id, false);
        }
        JsonNode error = answer.path("error");
        int code = error.path("code").asInt(-1);
        String text = "WhatsApp " + status + " error " + code + ": " + error.path("message").asText("")
                + (error.path("error_data").hasNonNull("details") ? " (" + error.path("error_data").path("details").asText() + ")" : "");
        boolean temporary = status == 429 || status >= 500 || TEMPORARY.contains(code) || error.path("is_transient").asBoolean(false);
        return temporary ? new SendResult.Retry(text) : new SendResult.Rejected(text);
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
