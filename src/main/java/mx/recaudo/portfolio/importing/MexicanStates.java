package mx.recaudo.portfolio.importing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recognizes the 32 Mexican federal entities however they are written: with or without accents, official
 * long names ({@code Veracruz de Ignacio de la Llave}), common abbreviations ({@code CDMX}, {@code EDOMEX},
 * {@code NL}, {@code Q. Roo}), ISO 3166-2 codes ({@code JAL}, {@code MX-JAL}) and the old {@code D.F.}.
 * Answers the canonical name in its common form ({@code Coahuila}, {@code Estado de México}).
 */
final class MexicanStates {

    private static final Map<String, String> CANONICAL_BY_KEY = new HashMap<>();

    static {
        // canonical name, ISO 3166-2 code, then other spellings in use
        state("Aguascalientes", "AGU", "AGS", "AGS.");
        state("Baja California", "BCN", "BC", "B.C.", "Baja California Norte");
        state("Baja California Sur", "BCS", "B.C.S.");
        state("Campeche", "CAM", "CAMP");
        state("Chiapas", "CHP", "CHIS");
        state("Chihuahua", "CHH", "CHIH");
        state("Ciudad de México", "CMX", "CDMX", "CD MX", "Cd. de México", "D.F.", "DF", "Distrito Federal",
                "México D.F.", "México, D.F.", "CDMX, México");
        state("Coahuila", "COA", "COAH", "Coahuila de Zaragoza");
        state("Colima", "COL");
        state("Durango", "DUR", "DGO");
        state("Guanajuato", "GUA", "GTO");
        state("Guerrero", "GRO");
        state("Hidalgo", "HID", "HGO");
        state("Jalisco", "JAL");
        state("Estado de México", "MEX", "México", "EDOMEX", "Edo. Méx.", "Edo. de México", "Edo. de Méx.",
                "Estado de Méx.", "EDO MEX");
        state("Michoacán", "MIC", "MICH", "Michoacán de Ocampo");
        state("Morelos", "MOR");
        state("Nayarit", "NAY");
        state("Nuevo León", "NLE", "NL", "N.L.");
        state("Oaxaca", "OAX");
        state("Puebla", "PUE");
        state("Querétaro", "QUE", "QRO", "Querétaro de Arteaga");
        state("Quintana Roo", "ROO", "QROO", "Q. Roo", "Q.R.");
        state("San Luis Potosí", "SLP", "S.L.P.");
        state("Sinaloa", "SIN");
        state("Sonora", "SON");
        state("Tabasco", "TAB");
        state("Tamaulipas", "TAM", "TAMPS");
        state("Tlaxcala", "TLA", "TLAX");
        state("Veracruz", "VER", "Veracruz de Ignacio de la Llave", "Veracruz-Llave");
        state("Yucatán", "YUC");
        state("Zacatecas", "ZAC");
    }

    private MexicanStates() {
    }

    /** The canonical state name, or empty when the text names no Mexican state. */
    static Optional<String> canonicalName(String text) {
        if (text == null) return Optional.empty();
        return Optional.ofNullable(CANONICAL_BY_KEY.get(Text.lookupKey(text)));
    }

    private static void state(String canonical, String isoCode, String... spellings) {
        register(canonical, canonical);
        register(isoCode, canonical);
        register("MX-" + isoCode, canonical);
        for (String spelling : spellings) register(spelling, canonical);
    }

    private static void register(String spelling, String canonical) {
        String previous = CANONICAL_BY_KEY.put(Text.lookupKey(spelling), canonical);
        if (previous != null && !previous.equals(canonical)) {
            throw new IllegalStateException(spelling + " names both " + previous + " and " + canonical);
        }
    }
}
