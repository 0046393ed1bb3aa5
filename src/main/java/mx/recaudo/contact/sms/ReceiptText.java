package mx.recaudo.contact.sms;

import java.util.Set;

/**
 * The text of an SMPP delivery receipt (SMPP 3.4 appendix B: {@code id:… sub:… dlvrd:… submit date:…
 * done date:… stat:DELIVRD err:000 text:…}), read for the three fields we use. jsmpp's
 * {@code DeliveryReceipt} also parses both dates with a new {@code SimpleDateFormat} per receipt,
 * which was a visible share of the receipt path's CPU; we never use the dates.
 *
 * @param id    the SMSC's message id, as it answered the submit_sm
 * @param state the final state (DELIVRD, UNDELIV, ENROUTE…)
 * @param error the err field, or null
 */
record ReceiptText(String id, String state, String error) {
    private static final Set<String> STATES =
            Set.of("ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD");

    /** The receipt in these bytes (ASCII/Latin-1), or null when it has no id or no known state. */
    static ReceiptText parse(byte[] shortMessage) {
        if (shortMessage == null || shortMessage.length == 0) return null;
        String s = new String(shortMessage, 0, shortMessage.length, java.nio.charset.StandardCharsets.ISO_8859_1);
        // the free "text:" part may contain anything: look for the fields before it only
        int text = field(s, "text", s.length());
        int end = text < 0 ? s.length() : text - "text:".length();
        String id = value(s, field(s, "id", end), end);
        String state = value(s, field(s, "stat", end), end);
        if (id == null || id.isEmpty() || state == null || !STATES.contains(state.toUpperCase(java.util.Locale.ROOT))) return null;
        return new ReceiptText(id, state.toUpperCase(java.util.Locale.ROOT), value(s, field(s, "err", end), end));
    }

    /** Where the value of {@code name:} starts (the name at the start or after a space, any case), or -1. */
    private static int field(String s, String name, int limit) {
        int n = name.length();
        for (int i = 0; i + n < limit; i++) {
            if ((i == 0 || s.charAt(i - 1) == ' ') && s.charAt(i + n) == ':' && s.regionMatches(true, i, name, 0, n)) {
                return i + n + 1;
            }
        }
        return -1;
    }

    private static String value(String s, int from, int limit) {
        if (from < 0) return null;
        int to = from;
        while (to < limit && s.charAt(to) != ' ') to++;
        return s.substring(from, to);
    }
}
