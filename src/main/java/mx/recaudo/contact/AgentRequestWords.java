package mx.recaudo.contact;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Recognizes a reply asking for a person: AGENTE, ASESOR, LLAMAME… in any case, with or without accents. */
final class AgentRequestWords {
    static final Set<String> WORDS = Set.of("AGENTE", "ASESOR", "LLAMAME", "LLAMENME", "AGENT", "OPERADOR");
    static final Set<String> PHRASES = Set.of("HABLAR CON UNA PERSONA", "HABLAR CON ALGUIEN", "HABLAR CON UN AGENTE",
            "QUIERO HABLAR CON", "CALL ME", "TALK TO A PERSON");

    private AgentRequestWords() {}

    static boolean match(String text) {
        if (text == null) return false;
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9 ]", " ").replaceAll("\\s+", " ").strip();
        if (folded.isEmpty()) return false;
        for (String w : folded.split(" ")) if (WORDS.contains(w)) return true;
        return PHRASES.stream().anyMatch(folded::contains);
    }
}
