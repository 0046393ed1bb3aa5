package mx.recaudo.contact.guard;

/** Why the guard objects to a contact, in Spanish and English. */
public enum Reason {
    TIME_ZONE_UNKNOWN("Zona horaria del cliente desconocida: no se adivina", "Customer's time zone unknown: not guessed"),
    OUTSIDE_HOURS("Fuera del horario permitido en la zona del cliente", "Outside the allowed hours in the customer's time zone"),
    NOT_A_CONTACT_DAY("Día no permitido para contactar", "Not an allowed contact day"),
    CONSUMER_INCONVENIENT_TIME("El cliente pidió no ser contactado en este horario o día",
            "The customer asked not to be contacted at this time or day"),
    HOLIDAY("Día feriado oficial", "Official holiday"),
    FREQUENCY_CAP("Se alcanzó el límite de contactos del periodo", "Contact limit for the period reached"),
    AFTER_CONVERSATION("Dentro de los 7 días posteriores a una conversación telefónica", "Within 7 days after a telephone conversation"),
    OPTED_OUT("El cliente pidió no recibir mensajes por este canal y dirección", "Customer opted out of this channel and address"),
    DO_NOT_CONTACT("Cliente marcado como no contactar", "Customer is marked do-not-contact"),
    DISPUTED("Adeudo en disputa", "Obligation under dispute"),
    THIRD_PARTY("Referencias, beneficiarios y menores nunca reciben mensajes de cobranza (MX-07)",
            "References, beneficiaries and minors never receive collection messages (MX-07)"),
    NO_ADDRESS("El cliente no tiene dirección para este canal", "Customer has no address for this channel"),
    NO_ALLOWED_MOMENT("No hay un momento permitido en los próximos días", "No allowed moment in the coming days");

    private final String es;
    private final String en;

    Reason(String es, String en) {
        this.es = es;
        this.en = en;
    }

    public String es() { return es; }

    public String en() { return en; }
}
