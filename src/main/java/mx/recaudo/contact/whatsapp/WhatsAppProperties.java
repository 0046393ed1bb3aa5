package mx.recaudo.contact.whatsapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WhatsApp Business Cloud API account ({@code recaudo.contact.whatsapp.*}); the adapter is on
 * when {@code phoneNumberId} is set (route the channel to it with
 * {@code recaudo.contact.routes.whatsapp=whatsapp}).
 *
 * @param baseUrl      Graph API root (a local stub in tests)
 * @param version      Graph API version in the path
 * @param token        system-user access token (bearer)
 * @param appSecret    the app secret that signs webhooks ({@code X-Hub-Signature-256})
 * @param verifyToken  the token Meta echoes in the subscription handshake
 * @param concurrency  requests in flight at once per node
 */
@ConfigurationProperties("recaudo.contact.whatsapp")
public record WhatsAppProperties(@DefaultValue("https://graph.facebook.com") String baseUrl,
                                 @DefaultValue("v21.0") String version,
                                 String phoneNumberId, String token, String appSecret, String verifyToken,
                                 @DefaultValue("16") int concurrency) {
    String messagesUrl() {
        return baseUrl.replaceAll("/+$", "") + "/" + version + "/" + phoneNumberId + "/messages";
    }
}
