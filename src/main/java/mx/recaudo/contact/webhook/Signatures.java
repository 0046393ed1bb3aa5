package mx.recaudo.contact.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Webhook signatures of the channel providers, compared in constant time. */
public final class Signatures {
    private Signatures() {}

    /**
     * Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body
     * with the app secret.
     */
    public static boolean validMetaSignature(String header, byte[] rawBody, String appSecret) {
        if (header == null || appSecret == null || appSecret.isEmpty() || !header.startsWith("sha256=")) return false;
        byte[] expected = HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, rawBody)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, header.substring(7).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    public static String metaSignature(byte[] rawBody, String appSecret) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, rawBody));
    }

    /**
     * Twilio's {@code X-Twilio-Signature}: Base64 of the HMAC-SHA1, keyed with the auth token, of
     * the full URL the provider called followed by every POST parameter, sorted by name, as name
     * and value concatenated.
     */
    public static String twilioSignature(String fullUrl, Map<String, String> postParams, String authToken) {
        StringBuilder data = new StringBuilder(fullUrl);
        new TreeMap<>(postParams).forEach((k, v) -> data.append(k).append(v == null ? "" : v));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean validTwilioSignature(String header, String fullUrl, Map<String, String> postParams, String authToken) {
        if (header == null || authToken == null || authToken.isEmpty()) return false;
        return MessageDigest.isEqual(twilioSignature(fullUrl, postParams, authToken).getBytes(StandardCharsets.US_ASCII),
                header.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
