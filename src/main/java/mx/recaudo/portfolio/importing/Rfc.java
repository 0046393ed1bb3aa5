package mx.recaudo.portfolio.importing;

import java.util.Locale;

/** Shape checks for the Mexican tax id (RFC). Only the shape: the check digit and the date are not verified. */
final class Rfc {

    static final int PERSON_LENGTH = 13;
    static final int COMPANY_LENGTH = 12;

    private Rfc() {
    }

    /** Upper case, without the blanks and hyphens people type inside RFCs ({@code GODE-561231-GR8}). */
    static String normalize(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        StringBuilder rfc = new StringBuilder(upper.length());
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c != '-' && !Text.isBlank(c)) rfc.append(c);
        }
        return rfc.toString();
    }

    /** Whether a normalized RFC matches {@code ^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$}. */
    static boolean looksValid(String rfc) {
        int length = rfc.length();
        if (length != PERSON_LENGTH && length != COMPANY_LENGTH) return false;
        int letters = length - 9;
        for (int i = 0; i < letters; i++) {
            char c = rfc.charAt(i);
            if (!isAsciiUpper(c) && c != 'Ñ' && c != '&') return false;
        }
        for (int i = letters; i < letters + 6; i++) {
            if (!isAsciiDigit(rfc.charAt(i))) return false;
        }
        for (int i = letters + 6; i < length; i++) {
            char c = rfc.charAt(i);
            if (!isAsciiUpper(c) && !isAsciiDigit(c)) return false;
        }
        return true;
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
