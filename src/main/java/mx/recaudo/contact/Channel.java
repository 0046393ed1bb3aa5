package mx.recaudo.contact;

import java.util.Locale;

/** How a message reaches a customer. SMS and voice use the customer's PHONE contact points. */
public enum Channel {
    SMS("PHONE"), WHATSAPP("WHATSAPP"), EMAIL("EMAIL"), VOICE("PHONE"), LETTER(null);

    private final String contactPointChannel;

    Channel(String contactPointChannel) {
        this.contactPointChannel = contactPointChannel;
    }

    /** The contact_point.channel that holds this channel's addresses (null for letters: the postal address). */
    public String contactPointChannel() {
        return contactPointChannel;
    }

    public static Channel parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }
}
