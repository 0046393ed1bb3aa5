package mx.recaudo.portfolio.importing;

/** Small, allocation-light text helpers shared by the importer's parsers and validator. */
final class Text {

    /** Issue values longer than this are shortened, so that one pasted paragraph does not bloat a report. */
    static final int MAX_ISSUE_VALUE_LENGTH = 200;

    private Text() {
    }

    /** A blank between words or digit groups: ASCII whitespace, tabs, and Unicode spaces such as NBSP. */
    static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /**
     * Removes leading and trailing blanks and invisible characters (control characters, BOM, zero-width
     * space) that spreadsheets and copy-paste leave around values. Returns {@code ""} for {@code null}.
     */
    static String strip(String s) {
        if (s == null) return "";
        int start = 0;
        int end = s.length();
        while (start < end && isInvisibleOrBlank(s.charAt(start))) start++;
        while (end > start && isInvisibleOrBlank(s.charAt(end - 1))) end--;
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** {@link #strip} that answers {@code null} for values that are absent or empty after stripping. */
    static String stripToNull(String s) {
        String stripped = strip(s);
        return stripped.isEmpty() ? null : stripped;
    }

    /**
     * A lookup key for vocabularies written by hand: upper case, Spanish accents folded, and everything that
     * is not a letter or a digit removed. {@code "Nuevo León"}, {@code "NUEVO LEON"} and {@code "nuevo-leon"}
     * all give {@code "NUEVOLEON"}; {@code "Edo. Méx."} gives {@code "EDOMEX"}.
     */
    static String lookupKey(String s) {
        StringBuilder key = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = foldAccent(Character.toUpperCase(s.charAt(i)));
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '&') key.append(c);
        }
        return key.toString();
    }

    /** The value to put in an {@link ImportIssue}: as given, but shortened when it is very long. */
    static String issueValue(String s) {
        if (s == null) return "";
        if (s.length() <= MAX_ISSUE_VALUE_LENGTH) return s;
        return s.substring(0, MAX_ISSUE_VALUE_LENGTH) + "… (" + s.length() + ")";
    }

    private static boolean isInvisibleOrBlank(char c) {
        return isBlank(c) || Character.isISOControl(c) || c == '\uFEFF' || c == '\u200B';
    }

    private static char foldAccent(char c) {
        return switch (c) {
            case 'Á', 'À', 'Ä', 'Â', 'Ã' -> 'A';
            case 'É', 'È', 'Ë', 'Ê' -> 'E';
            case 'Í', 'Ì', 'Ï', 'Î' -> 'I';
            case 'Ó', 'Ò', 'Ö', 'Ô', 'Õ' -> 'O';
            case 'Ú', 'Ù', 'Ü', 'Û' -> 'U';
            case 'Ñ' -> 'N';
            default -> c;
        };
    }
}
