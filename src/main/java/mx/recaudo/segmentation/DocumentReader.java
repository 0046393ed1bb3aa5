package mx.recaudo.segmentation;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a JSON configuration document field by field and collects every problem with its JSON
 * path, instead of stopping at the first. Used for segmentations and strategies.
 */
public final class DocumentReader {
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private final List<DocumentProblem> problems = new ArrayList<>();

    public List<DocumentProblem> problems() {
        return problems;
    }

    public void problem(String path, String es, String en) {
        problems.add(new DocumentProblem(path, es, en));
    }

    /** The node as an object with only the allowed fields; null (and a problem) when it is not an object. */
    public JsonNode object(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problem(path, "Debe ser un objeto JSON", "Must be a JSON object");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problem(path + "." + f, "Campo desconocido; se admiten: " + String.join(", ", allowed.stream().sorted().toList()),
                        "Unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return node;
    }

    public List<JsonNode> array(JsonNode parent, String field, String path, boolean required, int minSize, int maxSize) {
        JsonNode n = parent.get(field);
        String p = path + "." + field;
        if (n == null || n.isNull()) {
            if (required) problem(p, "Campo obligatorio", "Required field");
            return List.of();
        }
        if (!n.isArray()) {
            problem(p, "Debe ser una lista", "Must be an array");
            return List.of();
        }
        if (n.size() < minSize) problem(p, "Debe tener al menos " + minSize + " elemento(s)", "Needs at least " + minSize + " item(s)");
        if (n.size() > maxSize) problem(p, "Admite a lo más " + maxSize + " elementos", "Allows at most " + maxSize + " items");
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    public String text(JsonNode parent, String field, String path, boolean required, int maxLength) {
        JsonNode n = parent.get(field);
        String p = path + "." + field;
        if (n == null || n.isNull()) {
            if (required) problem(p, "Campo obligatorio", "Required field");
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            problem(p, "Debe ser un texto no vacío", "Must be a non-empty string");
            return null;
        }
        if (n.asText().length() > maxLength) {
            problem(p, "Admite a lo más " + maxLength + " caracteres", "Allows at most " + maxLength + " characters");
            return null;
        }
        return n.asText().strip();
    }

    public String key(JsonNode parent, String field, String path) {
        String k = text(parent, field, path, true, 40);
        if (k != null && !KEY.matcher(k).matches()) {
            problem(path + "." + field, "Use minúsculas, dígitos, '-' o '_' (máx. 40), empezando por letra o dígito",
                    "Use lower-case letters, digits, '-' or '_' (max 40), starting with a letter or digit");
            return null;
        }
        return k;
    }

    public Integer integer(JsonNode parent, String field, String path, boolean required, long min, long max) {
        JsonNode n = parent.get(field);
        String p = path + "." + field;
        if (n == null || n.isNull()) {
            if (required) problem(p, "Campo obligatorio", "Required field");
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            problem(p, "Debe ser un número entero", "Must be an integer");
            return null;
        }
        long v = n.asLong();
        if (v < min || v > max) {
            problem(p, "Debe estar entre " + min + " y " + max, "Must be between " + min + " and " + max);
            return null;
        }
        return (int) v;
    }

    public BigDecimal amount(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        String p = path + "." + field;
        if (n == null || n.isNull()) return null;
        BigDecimal v = null;
        if (n.isNumber()) v = n.decimalValue();
        else if (n.isTextual()) {
            try {
                v = new BigDecimal(n.asText().strip());
            } catch (NumberFormatException e) {
                v = null;
            }
        }
        if (v == null || v.signum() < 0 || v.scale() > 2) {
            problem(p, "Debe ser un importe no negativo con a lo más 2 decimales", "Must be a non-negative amount with at most 2 decimals");
            return null;
        }
        return v;
    }

    public Boolean bool(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) {
            problem(path + "." + field, "Debe ser true o false", "Must be true or false");
            return null;
        }
        return n.asBoolean();
    }

    public <E extends Enum<E>> E enumValue(JsonNode parent, String field, String path, boolean required, Class<E> type) {
        String v = text(parent, field, path, required, 40);
        return v == null ? null : enumOf(v, path + "." + field, type);
    }

    public <E extends Enum<E>> E enumOf(String value, String path, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
            problem(path, "Valor no válido '" + value + "'; se admiten: " + allowed,
                    "Invalid value '" + value + "'; allowed: " + allowed);
            return null;
        }
    }

    /** A list of non-empty strings (at least one). */
    public List<String> strings(JsonNode parent, String field, String path) {
        List<JsonNode> items = array(parent, field, path, true, 1, 500);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            if (!n.isTextual() || n.asText().isBlank()) {
                problem(path + "." + field + "[" + i + "]", "Debe ser un texto no vacío", "Must be a non-empty string");
            } else {
                out.add(n.asText().strip());
            }
        }
        return out;
    }

    /** Checks min ≤ max when both are present. */
    public <T extends Comparable<T>> void ordered(T min, T max, String path) {
        if (min != null && max != null && min.compareTo(max) > 0) {
            problem(path + ".max", "El máximo no puede ser menor que el mínimo", "max cannot be less than min");
        }
    }
}
