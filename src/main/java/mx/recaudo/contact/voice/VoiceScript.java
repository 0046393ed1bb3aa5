package mx.recaudo.contact.voice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the voice says, as TwiML. A script written for reading ("$1,250.50", "15/01/2025") is made
 * speakable for es-MX text-to-speech ("1250 pesos con 50 centavos", "15 de enero de 2025"); then
 * the menu: 1 to reach an agent, 2 to promise a payment.
 */
public final class VoiceScript {
    private static final Locale ES_MX = Locale.forLanguageTag("es-MX");
    private static final Pattern MONEY = Pattern.compile("\\$\\s?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?(?:\\s?(MXN|USD|pesos))?");
    private static final Pattern DATE = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b");
    private static final DateTimeFormatter SPOKEN_DATE = DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", ES_MX);

    private VoiceScript() {}

    static final String MENU = "Para hablar con un asesor, marque 1. Para prometer un pago, marque 2.";
    static final String NO_ANSWER = "No recibimos su respuesta. Gracias por su atención. Hasta luego.";
    static final String ASK_DAY = "Marque con dos dígitos el día en que hará su pago. Por ejemplo, cero, cinco, para el día cinco.";

    /** Amounts and dates as a person would say them; the rest unchanged. */
    public static String speakable(String text) {
        if (text == null) return "";
        Matcher m = MONEY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(amount(new BigDecimal(m.group(1).replace(",", "")
                    + (m.group(2) == null ? "" : "." + m.group(2))), "USD".equals(m.group(3)) ? "USD" : "MXN")));
        }
        m.appendTail(out);
        Matcher d = DATE.matcher(out.toString());
        StringBuilder dated = new StringBuilder();
        while (d.find()) {
            String replacement;
            try {
                replacement = LocalDate.of(Integer.parseInt(d.group(3)), Integer.parseInt(d.group(2)), Integer.parseInt(d.group(1)))
                        .format(SPOKEN_DATE);
            } catch (java.time.DateTimeException e) {
                replacement = d.group();
            }
            d.appendReplacement(dated, Matcher.quoteReplacement(replacement));
        }
        d.appendTail(dated);
        return dated.toString();
    }

    /** "1250 pesos con 50 centavos", "1 peso", "300 dólares". */
    public static String amount(BigDecimal value, String currency) {
        BigDecimal v = value.setScale(2, java.math.RoundingMode.HALF_UP);
        long units = v.longValue();
        int cents = v.remainder(BigDecimal.ONE).movePointRight(2).abs().intValue();
        boolean usd = "USD".equals(currency);
        String unit = usd ? (units == 1 ? "dólar" : "dólares") : (units == 1 ? "peso" : "pesos");
        return units + " " + unit + (cents == 0 ? "" : " con " + cents + " " + (cents == 1 ? "centavo" : "centavos"));
    }

    public static String spokenDate(LocalDate date) {
        return date.format(SPOKEN_DATE);
    }

    /** The call: the personalized script, then the menu in a one-digit Gather that posts to {@code gatherUrl}. */
    static String call(String script, String gatherUrl, String voice) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + say(speakable(script), voice)
                + "<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\"" + xml(gatherUrl) + "\">"
                + say(MENU, voice) + "</Gather>" + say(NO_ANSWER, voice) + "</Response>";
    }

    /**
     * What is left on an answering machine: who calls and the number to call back, twice, and
     * nothing else. No amount, no due date, no keypad menu: whoever plays the voicemail may not be
     * the customer (MX-08; under Regulation F this is the limited-content message).
     */
    static String voicemail(String firstName, String company, String callBackNumber, String voice) {
        String who = firstName == null || firstName.isBlank() ? "" : " para " + firstName.strip();
        String text = "Buen día. Este es un mensaje" + who + " de parte de " + company
                + ". Le pedimos que nos devuelva la llamada al " + spokenPhone(callBackNumber) + ".";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + say(text, voice)
                + say("Repetimos el número: " + spokenPhone(callBackNumber) + ". Gracias.", voice) + "<Hangup/></Response>";
    }

    /** A Mexican number digit by digit, in its usual groups: "+523312345678" → "3 3, 1 2 3 4, 5 6 7 8". */
    static String spokenPhone(String number) {
        if (number == null) return "";
        String digits = number.replaceAll("\\D", "");
        if (number.strip().startsWith("+52") && digits.length() == 12) digits = digits.substring(2);
        if (digits.length() != 10) return String.join(" ", digits.split(""));
        boolean bigCity = digits.startsWith("55") || digits.startsWith("33") || digits.startsWith("81");
        String[] groups = bigCity ? new String[]{digits.substring(0, 2), digits.substring(2, 6), digits.substring(6)}
                : new String[]{digits.substring(0, 3), digits.substring(3, 6), digits.substring(6)};
        StringBuilder out = new StringBuilder();
        for (String g : groups) {
            if (!out.isEmpty()) out.append(", ");
            out.append(String.join(" ", g.split("")));
        }
        return out.toString();
    }

    /** Nothing to say (a fax answered): end the call. */
    static String hangUp() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>";
    }

    /** A reply to a keypad answer: what to say, then optionally another Gather or a dial. */
    static String reply(String text, String voice) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + say(text, voice) + "<Hangup/></Response>";
    }

    static String askDay(String actionUrl, String voice) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Gather input=\"dtmf\" numDigits=\"2\" timeout=\"10\" method=\"POST\" action=\"" + xml(actionUrl) + "\">"
                + say(ASK_DAY, voice) + "</Gather>" + say(NO_ANSWER, voice) + "</Response>";
    }

    static String menuAgain(String gatherUrl, String voice) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\"" + xml(gatherUrl) + "\">"
                + say("Opción no válida. " + MENU, voice) + "</Gather>" + say(NO_ANSWER, voice) + "</Response>";
    }

    static String dial(String text, String number, String callerId, String voice) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + say(text, voice)
                + "<Dial callerId=\"" + xml(callerId) + "\">" + xml(number) + "</Dial></Response>";
    }

    static String say(String text, String voice) {
        return "<Say language=\"es-MX\"" + (voice == null || voice.isBlank() ? "" : " voice=\"" + xml(voice) + "\"") + ">"
                + xml(text) + "</Say>";
    }

    static String xml(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    /** The payment day the customer keyed: the next date with that day of the month after {@code today}. */
    static java.util.Optional<LocalDate> nextDay(String digits, LocalDate today) {
        if (digits == null || !digits.matches("\\d{1,2}")) return java.util.Optional.empty();
        int day = Integer.parseInt(digits);
        if (day < 1 || day > 31) return java.util.Optional.empty();
        for (int i = 1; i <= 62; i++) {
            LocalDate d = today.plusDays(i);
            if (d.getDayOfMonth() == day) return java.util.Optional.of(d);
        }
        return java.util.Optional.empty();
    }
}
