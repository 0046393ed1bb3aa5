package mx.recaudo.arrangement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The rules of the one-time code a customer signs an agreement with: six digits from a secure
 * random source, kept only as a salted SHA-256, valid for ten minutes, five attempts, used once.
 * Pure Java; {@link #check} decides, the caller records the outcome.
 */
public final class OneTimeCode {
    public static final Duration VALIDITY = Duration.ofMinutes(10);
    public static final int MAX_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeCode() {}

    /** Six digits, leading zeros kept. */
    public static String generate() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** The stored form: SHA-256 of the request id (the salt) and the code. */
    public static String hash(UUID requestId, String code) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((requestId + ":" + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A code as sent, as stored. */
    public record Issued(UUID requestId, String codeHash, Instant expiresAt, int attempts, Instant usedAt) {}

    /** What a typed code amounts to. */
    public sealed interface Outcome {
        record Accepted() implements Outcome {}

        record Wrong(int attemptsLeft) implements Outcome {}

        record Expired() implements Outcome {}

        record TooManyAttempts() implements Outcome {}

        record AlreadyUsed() implements Outcome {}
    }

    /**
     * Checks a typed code. An expired, used-up or already used code refuses even the right digits;
     * a wrong code costs one attempt (the caller stores {@code attempts + 1}).
     */
    public static Outcome check(Issued issued, String typed, Instant now) {
        if (issued.usedAt() != null) return new Outcome.AlreadyUsed();
        if (issued.attempts() >= MAX_ATTEMPTS) return new Outcome.TooManyAttempts();
        if (!now.isBefore(issued.expiresAt())) return new Outcome.Expired();
        String clean = typed == null ? "" : typed.strip();
        boolean right = clean.matches("\\d{6}") && MessageDigest.isEqual(
                hash(issued.requestId(), clean).getBytes(StandardCharsets.US_ASCII),
                issued.codeHash().getBytes(StandardCharsets.US_ASCII));
        if (right) return new Outcome.Accepted();
        return new Outcome.Wrong(MAX_ATTEMPTS - issued.attempts() - 1);
    }

    /** How an address is shown in evidence and on screen: only the last characters of a phone, the first letter and domain of an email. */
    public static String mask(String address) {
        if (address == null || address.isBlank()) return "—";
        int at = address.indexOf('@');
        if (at > 0) return address.charAt(0) + "***" + address.substring(at);
        String digits = address.replaceAll("\\D", "");
        return "***" + (digits.length() >= 4 ? digits.substring(digits.length() - 4) : digits);
    }
}
