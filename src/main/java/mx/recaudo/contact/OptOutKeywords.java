package mx.recaudo.contact;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognizes an opt-out reply: BAJA, ALTO, STOP, CANCELAR in any case, with or without accents or
 * punctuation, as the first word of the message; and a few ways of saying the same (US-03: a stop
 * request is honoured even if worded differently).
 */
final class OptOutKeywords {
    static final Set<String> WORDS = Set.of("BAJA", "ALTO", "STOP", "CANCELAR", "UNSUBSCRIBE", "QUIT", "END", "STOPALL");
    static final Set<String> PHRASES = Set.of("NO ME ENVIEN MAS MENSAJES", "NO MAS MENSAJES", "YA NO ME ESCRIBAN",
            "DARME DE BAJA", "DAR DE BAJA", "NO QUIERO MAS MENSAJES");

    private OptOutKeywords() {}

    /** The keyword found, or empty when the message is something else. */
    static Optional<String> match(String text) {
        if (text == null) return Optional.empty();
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9 ]", " ").replaceAll("\\s+", " ").strip();
        if (folded.isEmpty()) return Optional.empty();
        String first = folded.split(" ")[0];
        if (WORDS.contains(first)) return Optional.of(first);
        return PHRASES.stream().filter(folded::contains).findFirst();
    }
}
