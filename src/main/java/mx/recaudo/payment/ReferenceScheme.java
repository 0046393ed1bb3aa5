package mx.recaudo.payment;

import java.util.Locale;
import java.util.Optional;

/**
 * How a bank builds and checks the deposit reference of a customer. Banks differ (each publishes its
 * own check-digit algorithm), so a scheme is chosen per organization; add one per bank with that
 * bank's test vectors.
 */
public sealed interface ReferenceScheme {
    String name();

    /** The reference for a numeric body (digits only): the body followed by its check digit(s). */
    String reference(String body);

    /** The body of a reference whose check digit is right, or empty. */
    Optional<String> body(String reference);

    static ReferenceScheme named(String name) {
        return switch (name == null ? "" : name.strip().toUpperCase(Locale.ROOT)) {
            case "", "MOD10_LUHN" -> new Mod10Luhn();
            default -> throw new IllegalArgumentException("Unknown reference scheme " + name);
        };
    }

    /**
     * Módulo 10 (Luhn, ISO/IEC 7812-1): from the rightmost digit of the body leftwards, double every
     * other digit starting with the rightmost, subtract 9 from results above 9, sum everything; the
     * check digit is {@code (10 − sum mod 10) mod 10}. Catches every single-digit error and most
     * adjacent transpositions. Vectors: body {@code 7992739871} → {@code 79927398713};
     * {@code 0000000001} → {@code 00000000018}; {@code 123456789} → {@code 1234567897}.
     */
    record Mod10Luhn() implements ReferenceScheme {
        @Override
        public String name() { return "MOD10_LUHN"; }

        @Override
        public String reference(String body) {
            if (body == null || !body.matches("\\d{1,40}")) throw new IllegalArgumentException("Body must be digits");
            return body + checkDigit(body);
        }

        @Override
        public Optional<String> body(String reference) {
            if (reference == null) return Optional.empty();
            String r = reference.strip();
            if (!r.matches("\\d{2,41}")) return Optional.empty();
            String body = r.substring(0, r.length() - 1);
            return checkDigit(body) == r.charAt(r.length() - 1) - '0' ? Optional.of(body) : Optional.empty();
        }

        static int checkDigit(String body) {
            int sum = 0;
            boolean doubleIt = true;
            for (int i = body.length() - 1; i >= 0; i--) {
                int d = body.charAt(i) - '0';
                if (doubleIt) {
                    d *= 2;
                    if (d > 9) d -= 9;
                }
                sum += d;
                doubleIt = !doubleIt;
            }
            return (10 - sum % 10) % 10;
        }
    }
}
