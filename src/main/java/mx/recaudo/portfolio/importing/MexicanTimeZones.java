package mx.recaudo.portfolio.importing;

import java.util.Map;
import java.util.Optional;

/**
 * The time zone of a Mexican state (IANA id), for customers who did not give one. States split
 * between zones get the zone of most of their people (Chihuahua: the capital's, not Ciudad Juárez's;
 * Nayarit: Pacific, not Bahía de Banderas). Unknown states answer empty: contact rules then block
 * rather than guess.
 */
final class MexicanTimeZones {
    private static final String CENTRAL = "America/Mexico_City";
    private static final Map<String, String> BY_STATE = Map.of(
            "Baja California", "America/Tijuana",
            "Baja California Sur", "America/Mazatlan",
            "Sinaloa", "America/Mazatlan",
            "Nayarit", "America/Mazatlan",
            "Sonora", "America/Hermosillo",
            "Chihuahua", "America/Chihuahua",
            "Quintana Roo", "America/Cancun");

    private MexicanTimeZones() {}

    static Optional<String> forState(String state) {
        if (state == null || state.isBlank()) return Optional.empty();
        return MexicanStates.canonicalName(state).map(s -> BY_STATE.getOrDefault(s, CENTRAL));
    }
}
