package mx.recaudo.segmentation;

/** Where a customer can be reached: a valid contact point with consent and no opt-out, or a postal address. */
public enum ContactChannel {
    PHONE, EMAIL, WHATSAPP, ADDRESS
}
