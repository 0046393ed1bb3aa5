package mx.recaudo.contact.template;

/**
 * How an SMS text travels: GSM 03.38 7-bit when every character is in the default alphabet or its
 * extension table (extension characters take two septets), otherwise UCS-2. Segments: GSM-7 holds
 * 160 septets in one message or 153 per part when concatenated; UCS-2 holds 70 or 67 UTF-16 units.
 */
public record SmsEncoding(boolean gsm7, int units, int segments, String nonGsm) {
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";

    public static SmsEncoding of(String text) {
        int septets = 0;
        StringBuilder outside = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) septets++;
            else if (EXTENSION.indexOf(c) >= 0) septets += 2;
            else if (outside.indexOf(String.valueOf(c)) < 0) outside.append(c);
        }
        if (outside.isEmpty()) {
            return new SmsEncoding(true, septets, septets <= 160 ? 1 : (septets + 152) / 153, "");
        }
        int units = text.length();
        return new SmsEncoding(false, units, units <= 70 ? 1 : (units + 66) / 67, outside.toString());
    }

    /** Characters of the basic alphabet or its extension, by code (all below U+20AD). */
    private static final boolean[] GSM = new boolean[0x20AD];

    static {
        for (char c : (BASIC + EXTENSION).toCharArray()) GSM[c] = true;
    }

    /** The same answer as {@code of(text).gsm7()} without counting or collecting (the SMPP adapter asks it per message). */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= GSM.length || !GSM[c]) return false;
        }
        return true;
    }
}
