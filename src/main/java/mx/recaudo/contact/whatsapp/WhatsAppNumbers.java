package mx.recaudo.contact.whatsapp;

/**
 * WhatsApp ids are international numbers without the plus. Mexican mobiles may still come with the
 * old mobile prefix 1 after the country code (521 + ten digits); our contact points hold E.164
 * without it (+52 + ten digits).
 */
final class WhatsAppNumbers {
    private WhatsAppNumbers() {}

    static String toE164(String waId) {
        if (waId == null) return null;
        String digits = waId.replaceAll("[^0-9]", "");
        if (digits.length() == 13 && digits.startsWith("521")) digits = "52" + digits.substring(3);
        return "+" + digits;
    }

    static String toWhatsApp(String e164) {
        return e164 == null ? null : e164.replaceAll("[^0-9]", "");
    }
}
