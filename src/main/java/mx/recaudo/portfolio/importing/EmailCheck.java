package mx.recaudo.portfolio.importing;

import java.util.Locale;

/**
 * Pragmatic e-mail syntax check: catches the typos found in real portfolios ({@code juan@gmail},
 * {@code juan@@gmail.com}, {@code juan perez@gmail.com}, {@code juan@gmail,com}) without trying to implement
 * RFC 5322. Quoted local parts and IP-literal domains are rejected; non-ASCII letters are accepted
 * (internationalized addresses). Never throws on bad input.
 * <p>
 * The address is returned with its domain in lower case; the local part is kept as written, since mail
 * servers may treat it as case-sensitive.
 */
final class EmailCheck {

    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_LABEL_LENGTH = 63;
    // Characters RFC 5322 allows unquoted in a local part besides letters, digits and dots.
    private static final String LOCAL_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private EmailCheck() {
    }

    static ParseResult<String> check(String text) {
        String s = Text.strip(text);
        if (s.isEmpty()) return ParseResult.invalid("está vacío", "it is empty");
        if (s.length() > MAX_LENGTH) {
            return ParseResult.invalid("tiene más de " + MAX_LENGTH + " caracteres",
                    "it is longer than " + MAX_LENGTH + " characters");
        }
        int at = s.indexOf('@');
        if (at < 0) return ParseResult.invalid("le falta la @", "it has no @");
        if (s.indexOf('@', at + 1) >= 0) return ParseResult.invalid("tiene más de una @", "it has more than one @");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Text.isBlank(c) || Character.isISOControl(c)) {
                return ParseResult.invalid("contiene espacios", "it contains spaces");
            }
        }

        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (!isValidLocalPart(local)) {
            return ParseResult.invalid("la parte antes de la @ no es válida", "the part before the @ is not valid");
        }
        if (!isValidDomain(domain)) {
            return ParseResult.invalid("el dominio después de la @ no es válido (p. ej., gmail.com)",
                    "the domain after the @ is not valid (e.g. gmail.com)");
        }
        return ParseResult.parsed(local + '@' + domain.toLowerCase(Locale.ROOT));
    }

    private static boolean isValidLocalPart(String local) {
        if (local.isEmpty() || local.length() > MAX_LOCAL_LENGTH) return false;
        if (local.charAt(0) == '.' || local.charAt(local.length() - 1) == '.' || local.contains("..")) return false;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '.' && LOCAL_SYMBOLS.indexOf(c) < 0) return false;
        }
        return true;
    }

    /** Dot-separated labels of letters, digits and inner hyphens; at least two labels; a letters-only (or punycode) TLD. */
    private static boolean isValidDomain(String domain) {
        int labels = 0;
        int labelStart = 0;
        for (int i = 0; i <= domain.length(); i++) {
            if (i < domain.length() && domain.charAt(i) != '.') continue;
            if (!isValidLabel(domain, labelStart, i)) return false;
            labels++;
            labelStart = i + 1;
        }
        return labels >= 2 && isValidTopLevelDomain(domain, domain.lastIndexOf('.') + 1);
    }

    private static boolean isValidLabel(String domain, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_LABEL_LENGTH) return false;
        if (domain.charAt(from) == '-' || domain.charAt(to - 1) == '-') return false;
        for (int i = from; i < to; i++) {
            char c = domain.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-') return false;
        }
        return true;
    }

    private static boolean isValidTopLevelDomain(String domain, int from) {
        if (domain.length() - from < 2) return false;
        if (domain.startsWith("xn--", from)) return true; // punycode TLD of an internationalized domain
        for (int i = from; i < domain.length(); i++) {
            if (!Character.isLetter(domain.charAt(i))) return false;
        }
        return true;
    }
}
