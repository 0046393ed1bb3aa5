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

    private static final char ESCAPE = 0x1B;
    /** The codes, after the escape, of {@link #EXTENSION}'s characters in order. */
    private static final byte[] EXTENSION_CODES = {0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65, 0x0A};


    /**
     * The text in the GSM 03.38 default alphabet, one septet per byte (SMPP data_coding 0): 'ñ' is 0x7D,
     * '€' is 0x1B 0x65. Only for text {@link #isGsm7}; anything else must go as UCS-2.
     */
    public static byte[] toGsm7(String text) {
        byte[] out = new byte[text.length() * 2];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int code = c < SEPTETS.length ? SEPTETS[c] : -1;
            if (code < 0) throw new IllegalArgumentException("Not in the GSM 03.38 alphabet: " + c);
            if (code > 0xFF) out[n++] = ESCAPE;
            out[n++] = (byte) code;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Per character: its septet, 0x100 + its code after an escape (extension table), or -1. */
    private static final short[] SEPTETS = new short[0x20AD];

    static {
        java.util.Arrays.fill(SEPTETS, (short) -1);
        for (int i = 0; i < BASIC.length(); i++) SEPTETS[BASIC.charAt(i)] = (short) i;
        SEPTETS[ESCAPE] = ' '; // a bare escape would swallow the next character
        for (int i = 0; i < EXTENSION.length(); i++) SEPTETS[EXTENSION.charAt(i)] = (short) (0x100 | EXTENSION_CODES[i]);
    }

    /**
     * Reads SMPP data_coding 0 text. Septets (every byte below 0x80) are GSM 03.38; an SMSC that sends
     * bytes of 0x80 and above uses Latin-1 as its default alphabet, and is read so.
     */
    public static String fromGsm7(byte[] bytes) {
        for (byte b : bytes) {
            if ((b & 0x80) != 0) return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        StringBuilder text = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i];
            if (b == ESCAPE && i + 1 < bytes.length) {
                int ext = indexOf(EXTENSION_CODES, bytes[++i]);
                text.append(ext >= 0 ? EXTENSION.charAt(ext) : BASIC.charAt(bytes[i])); // unknown: the basic character
            } else {
                text.append(b == ESCAPE ? ' ' : BASIC.charAt(b));
            }
        }
        return text.toString();
    }

    private static int indexOf(byte[] codes, byte code) {
        for (int i = 0; i < codes.length; i++) if (codes[i] == code) return i;
        return -1;
    }
}
