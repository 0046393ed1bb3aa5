package mx.recaudo.contact;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Contact settings ({@code recaudo.contact.*}); every value has a default, and the sandbox provider
 * takes every channel unless a route says otherwise.
 *
 * @param routes      channel (sms, whatsapp, email, voice, letter) → provider (sandbox, smpp, smtp)
 * @param rates       provider → messages per second, shared by all nodes (a token bucket in PostgreSQL)
 * @param sendingLease how long a claimed message may stay SENDING before it is reconciled
 */
@ConfigurationProperties("recaudo.contact")
public record ContactProperties(@DefaultValue("true") boolean dispatchEnabled,
                                @DefaultValue("250") long pollMillis,
                                @DefaultValue("500") int batchSize,
                                @DefaultValue("5") int maxAttempts,
                                @DefaultValue("PT30S") Duration firstRetry,
                                @DefaultValue("PT1H") Duration maxRetry,
                                @DefaultValue("PT2M") Duration sendingLease,
                                Map<String, String> routes,
                                Map<String, Double> rates,
                                @DefaultValue Smtp smtp,
                                @DefaultValue Smpp smpp) {
    public ContactProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        rates = rates == null ? Map.of() : Map.copyOf(rates);
    }

    public static ContactProperties defaults() {
        return new ContactProperties(true, 250, 500, 5, Duration.ofSeconds(30), Duration.ofHours(1),
                Duration.ofMinutes(2), Map.of(), Map.of(),
                new Smtp(null, 587, null, null, false, true, "cobranza@recaudo.local", "Recaudo", null, 993, "imaps", null, null),
                new Smpp(null, 2775, null, null, "", 10, 30_000, 5_000, "RECAUDO"));
    }

    public String providerFor(Channel channel) {
        return routes.getOrDefault(channel.name().toLowerCase(Locale.ROOT), "sandbox");
    }

    public double rateOf(String provider) {
        return rates.getOrDefault(provider, switch (provider) {
            case "smpp" -> 5_000.0;
            case "smtp" -> 1_000.0;
            default -> 10_000.0;
        });
    }

    /**
     * SMTP relay; enabled when {@code host} is set. Bounces (DSN reports) are read from the mailbox
     * at {@code bounceHost} (IMAP) when it is set.
     */
    public record Smtp(String host, @DefaultValue("587") int port, String username, String password,
                       @DefaultValue("false") boolean startTls, @DefaultValue("true") boolean auth,
                       @DefaultValue("cobranza@recaudo.local") String from,
                       @DefaultValue("Recaudo") String fromName,
                       String bounceHost, @DefaultValue("993") int bouncePort,
                       @DefaultValue("imaps") String bounceProtocol, String bounceUser, String bouncePassword) {}

    /** SMPP 3.4 SMSC account; enabled when {@code host} is set. */
    public record Smpp(String host, @DefaultValue("2775") int port, String systemId, String password,
                       @DefaultValue("") String systemType, @DefaultValue("10") int window,
                       @DefaultValue("30000") int enquireLinkMillis, @DefaultValue("5000") int reconnectMillis,
                       @DefaultValue("RECAUDO") String sourceAddress) {}
}
