package mx.recaudo.portfolio.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds each canonical column in a file's header, through an optional mapping
 * (canonical header → file header). Columns the mapping does not name are looked up by their
 * canonical name. Header comparison ignores case, accents, spaces and underscores.
 */
final class ColumnResolver {
    private ColumnResolver() {}

    static Map<CanonicalColumn, Integer> resolve(List<String> header, Map<String, String> mapping) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < header.size(); i++) byKey.putIfAbsent(key(header.get(i)), i);
        Map<CanonicalColumn, Integer> indexes = new EnumMap<>(CanonicalColumn.class);
        List<String> missing = new ArrayList<>();
        List<String> badMapping = new ArrayList<>();
        for (CanonicalColumn column : CanonicalColumn.values()) {
            String mapped = mapping == null ? null : mapping.get(column.header());
            Integer index;
            if (mapped != null && !mapped.isBlank()) {
                index = byKey.get(key(mapped));
                if (index == null) badMapping.add(column.header() + " → \"" + mapped + "\"");
            } else {
                index = byKey.get(key(column.header()));
            }
            indexes.put(column, index == null ? -1 : index);
            if (index == null && column.required() && (mapped == null || mapped.isBlank())) missing.add(column.header());
        }
        if (!badMapping.isEmpty()) {
            throw new UnusableFileException(
                    "La asignación de columnas nombra columnas que el archivo no tiene: " + String.join(", ", badMapping),
                    "The column mapping names columns the file does not have: " + String.join(", ", badMapping));
        }
        if (!missing.isEmpty()) {
            throw new UnusableFileException(
                    "Faltan columnas obligatorias: " + String.join(", ", missing)
                            + ". Use el encabezado canónico o una asignación de columnas.",
                    "Required columns are missing: " + String.join(", ", missing)
                            + ". Use the canonical header or a column mapping.");
        }
        return indexes;
    }

    static int indexOf(List<String> header, String name) {
        String wanted = key(name);
        for (int i = 0; i < header.size(); i++) if (key(header.get(i)).equals(wanted)) return i;
        return -1;
    }

    static String key(String header) {
        if (header == null) return "";
        String plain = Normalizer.normalize(header.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]+", "");
    }
}
