package mx.recaudo.contact.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.InboundMessages;
import mx.recaudo.contact.webhook.ProviderStatuses;
import mx.recaudo.contact.webhook.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.Map;

/**
 * The WhatsApp webhook: {@code GET /webhooks/whatsapp} answers Meta's subscription handshake;
 * {@code POST /webhooks/whatsapp} takes notifications signed with {@code X-Hub-Signature-256}
 * (a bad or missing signature is 401 and changes nothing). Statuses move the outbox (delivered,
 * read, failed; "sent" is what the outbox already says); text messages go to the inbound logic
 * (opt-out keywords, else the agent inbox and the timeline), once per message id however often
 * Meta delivers the notification.
 */
@RestController
class WhatsAppWebhook {
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhook.class);
    private final WhatsAppProperties properties;
    private final ProviderStatuses statuses;
    private final InboundMessages inbound;
    private final ObjectMapper json;

    WhatsAppWebhook(WhatsAppProperties properties, ProviderStatuses statuses, InboundMessages inbound, ObjectMapper json) {
        this.properties = properties;
        this.statuses = statuses;
        this.inbound = inbound;
        this.json = json;
    }

    @GetMapping(value = "/webhooks/whatsapp", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
                                  @RequestParam(name = "hub.verify_token", required = false) String token,
                                  @RequestParam(name = "hub.challenge", required = false) String challenge) {
        String expected = properties.verifyToken();
        boolean ok = "subscribe".equals(mode) && expected != null && !expected.isEmpty() && token != null
                && java.security.MessageDigest.isEqual(expected.getBytes(), token.getBytes()) && challenge != null;
        return ok ? ResponseEntity.ok(challenge) : ResponseEntity.status(403).body("verification failed");
    }

    @PostMapping("/webhooks/whatsapp")
    ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body,
                                                @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!Signatures.validMetaSignature(signature, raw, properties.appSecret())) {
            return ResponseEntity.status(401).body(Map.of("error", "bad_signature"));
        }
        JsonNode root;
        try {
            root = json.readTree(raw);
        } catch (IOException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_json"));
        }
        int statusCount = 0, messageCount = 0;
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                for (JsonNode s : value.path("statuses")) {
                    String status = switch (s.path("status").asText()) {
                        case "delivered" -> "DELIVERED";
                        case "read" -> "READ";
                        case "failed" -> "FAILED";
                        default -> null;
                    };
                    if (status == null || !s.hasNonNull("id")) continue;
                    JsonNode error = s.path("errors").path(0);
                    String detail = error.isMissingNode() ? null
                            : "WhatsApp error " + error.path("code").asText() + ": " + error.path("title").asText()
                              + (error.path("error_data").hasNonNull("details") ? " (" + error.path("error_data").path("details").asText() + ")" : "");
                    statuses.report("whatsapp", s.get("id").asText(), status, detail);
                    statusCount++;
                }
                for (JsonNode m : value.path("messages")) {
                    String text = text(m);
                    if (!m.hasNonNull("id") || !m.hasNonNull("from")) continue;
                    var outcomes = inbound.receive(Channel.WHATSAPP, WhatsAppNumbers.toE164(m.get("from").asText()), text,
                            m.get("id").asText());
                    log.debug("WhatsApp message {}: {}", m.get("id").asText(), outcomes);
                    messageCount++;
                }
            }
        }
        return ResponseEntity.ok(Map.of("statuses", statusCount, "messages", messageCount));
    }

    /** The words of an inbound message: text, a quick-reply button, an interactive reply; else its type. */
    static String text(JsonNode m) {
        return switch (m.path("type").asText()) {
            case "text" -> m.path("text").path("body").asText("");
            case "button" -> m.path("button").path("text").asText("");
            case "interactive" -> m.path("interactive").path("button_reply").path("title")
                    .asText(m.path("interactive").path("list_reply").path("title").asText(""));
            default -> "[" + m.path("type").asText("message") + "]";
        };
    }
}
