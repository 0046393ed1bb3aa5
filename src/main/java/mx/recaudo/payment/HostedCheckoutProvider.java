package mx.recaudo.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Adapter for a hosted-checkout provider with a Stripe/Conekta-like REST contract:
 * {@code POST {baseUrl}/v1/checkouts} (bearer API key) with {@code amount} in cents, {@code currency},
 * {@code reference} → {@code {"id", "url"}}; webhooks carry
 * {@code X-Signature: sha256=<hex HMAC-SHA256(webhookSecret, raw body)>} and a body
 * {@code {"type": "checkout.paid", "data": {"checkoutId", "amount" (cents), "currency", "paidAt"}}}.
 */
@Component
@EnableConfigurationProperties(HostedCheckoutProvider.Settings.class)
class HostedCheckoutProvider implements PaymentLinkProvider {
    private final Settings settings;
    private final ObjectMapper json;
    private final RestClient http;

    @ConfigurationProperties("recaudo.payments.links.hosted")
    record Settings(String baseUrl, String apiKey, String webhookSecret) {
        Settings {
            if (baseUrl == null || baseUrl.isBlank()) baseUrl = "http://localhost:9999";
            if (apiKey == null) apiKey = "";
            if (webhookSecret == null) webhookSecret = "";
        }
    }

    HostedCheckoutProvider(Settings settings, ObjectMapper json, RestClient.Builder http) {
        this.settings = settings;
        this.json = json;
        var requests = new org.springframework.http.client.SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(java.time.Duration.ofSeconds(5));
        requests.setReadTimeout(java.time.Duration.ofSeconds(15));
        this.http = http.baseUrl(settings.baseUrl()).requestFactory(requests).build();
    }

    @Override
    public String name() { return "hosted"; }

    @Override
    public boolean configured() { return !settings.apiKey().isBlank(); }

    @Override
    public Checkout createCheckout(CheckoutRequest request) {
        long cents = request.amount().movePointRight(2).longValueExact();
        JsonNode answer = http.post().uri("/v1/checkouts").header("Authorization", "Bearer " + settings.apiKey())
                .header("Idempotency-Key", request.linkId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", cents, "currency", request.currency().toLowerCase(Locale.ROOT),
                        "reference", request.linkId(), "description", request.description(),
                        "customer_name", request.customerName()))
                .retrieve().body(JsonNode.class);
        if (answer == null || !answer.hasNonNull("id") || !answer.hasNonNull("url")) {
            throw new IllegalStateException("The provider did not return a checkout");
        }
        return new Checkout(answer.get("id").asText(), answer.get("url").asText());
    }

    @Override
    public Optional<PaidCheckout> readWebhook(byte[] body, Map<String, String> headers) {
        String signature = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Signature"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        if (settings.webhookSecret().isEmpty() || !MessageDigest.isEqual(
                ("sha256=" + hmac(settings.webhookSecret(), body)).getBytes(StandardCharsets.US_ASCII),
                signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw new SecurityException("Bad webhook signature");
        }
        try {
            JsonNode event = json.readTree(body);
            if (!"checkout.paid".equals(event.path("type").asText())) return Optional.empty();
            JsonNode data = event.path("data");
            return Optional.of(new PaidCheckout(data.path("checkoutId").asText(),
                    new java.math.BigDecimal(data.path("amount").asText()).movePointLeft(2),
                    data.path("currency").asText().toUpperCase(Locale.ROOT),
                    data.hasNonNull("paidAt") ? Instant.parse(data.get("paidAt").asText()) : null));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Unreadable webhook", e);
        }
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
