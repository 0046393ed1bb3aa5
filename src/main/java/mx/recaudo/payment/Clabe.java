package mx.recaudo.payment;

import java.util.Optional;

/**
 * CLABE, the 18-digit Mexican interbank account number: bank (3) + branch/plaza (3) + account (11) +
 * check digit (1). The check digit weighs the first 17 digits by 3, 7, 1 (repeated), sums
 * {@code (digit × weight) mod 10}, and is {@code (10 − sum mod 10) mod 10} (SPEC §14).
 */
public record Clabe(String value) {
    private static final int[] WEIGHTS = {3, 7, 1};

    public Clabe {
        if (!isValid(value)) throw new IllegalArgumentException("Not a valid CLABE: " + value);
    }

    public static boolean isValid(String clabe) {
        return clabe != null && clabe.matches("\\d{18}")
                && checkDigit(clabe.substring(0, 17)) == clabe.charAt(17) - '0';
    }

    public static Optional<Clabe> parse(String text) {
        if (text == null) return Optional.empty();
        String digits = text.replaceAll("[\\s-]", "");
        return isValid(digits) ? Optional.of(new Clabe(digits)) : Optional.empty();
    }

    /** The check digit of the first 17 digits. */
    public static int checkDigit(String first17) {
        if (first17 == null || !first17.matches("\\d{17}")) throw new IllegalArgumentException("Need 17 digits");
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += ((first17.charAt(i) - '0') * WEIGHTS[i % 3]) % 10;
        return (10 - sum % 10) % 10;
    }

    /** Builds a CLABE from a bank code, a branch (plaza) code and an account number of up to 11 digits. */
    public static Clabe of(String bank, String branch, long account) {
        if (bank == null || !bank.matches("\\d{3}") || branch == null || !branch.matches("\\d{3}")) {
            throw new IllegalArgumentException("Bank and branch are 3 digits each");
        }
        if (account < 0 || account > 99_999_999_999L) throw new IllegalArgumentException("Account has 11 digits at most");
        String first17 = bank + branch + String.format("%011d", account);
        return new Clabe(first17 + checkDigit(first17));
    }

    public String bank() { return value.substring(0, 3); }

    public String branch() { return value.substring(3, 6); }

    public long account() { return Long.parseLong(value.substring(6, 17)); }

    @Override
    public String toString() { return value; }
}
