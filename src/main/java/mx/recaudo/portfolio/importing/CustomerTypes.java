package mx.recaudo.portfolio.importing;

import java.util.Map;
import java.util.Optional;

/** The customer types the platform stores, and the Spanish ways of writing them found in portfolios. */
final class CustomerTypes {

    static final String PERSON = "PERSON";
    static final String COMPANY = "COMPANY";

    // Keys as produced by Text.lookupKey: upper case, no accents, letters and digits only.
    private static final Map<String, String> BY_KEY = Map.ofEntries(
            Map.entry("PERSON", PERSON), Map.entry("PERSONA", PERSON), Map.entry("FISICA", PERSON),
            Map.entry("PERSONAFISICA", PERSON), Map.entry("PF", PERSON),
            Map.entry("COMPANY", COMPANY), Map.entry("MORAL", COMPANY), Map.entry("PERSONAMORAL", COMPANY),
            Map.entry("EMPRESA", COMPANY), Map.entry("PM", COMPANY));

    private CustomerTypes() {
    }

    /** PERSON or COMPANY for a written type, or empty when the text is not a known customer type. */
    static Optional<String> fromText(String text) {
        if (text == null) return Optional.empty();
        return Optional.ofNullable(BY_KEY.get(Text.lookupKey(text)));
    }

    /**
     * The type to assume when the file does not say: a 12-character RFC belongs to a company (persona moral);
     * anything else, including no RFC, is taken as a person, the common case in consumer collections.
     */
    static String inferredFromTaxId(String taxId) {
        return taxId != null && taxId.length() == Rfc.COMPANY_LENGTH ? COMPANY : PERSON;
    }
}
