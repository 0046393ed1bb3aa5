package mx.recaudo.segmentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The segmentation document (JSON) and its validation. Shape:
 * <pre>{"segments": [{"key", "name", "tone", "priority", "when": {conditions}}]}</pre>
 * Conditions (all optional, all must hold): {@code dpd {min,max}}, {@code amountOwed {currency,min,max}},
 * {@code tenureMonths {min,max}}, {@code products [..]}, {@code obligationKinds [..]}, {@code states [..]},
 * {@code reachableOn [PHONE|EMAIL|WHATSAPP|ADDRESS]}, {@code unreachable true}, {@code lateCount {min,max}},
 * {@code brokenPromises {min,max}}. The last segment must have no conditions (it catches everyone).
 */
public final class SegmentationDocuments {
    static final Set<String> ROOT = Set.of("segments");
    static final Set<String> SEGMENT = Set.of("key", "name", "tone", "priority", "when");
    static final Set<String> WHEN = Set.of("dpd", "amountOwed", "tenureMonths", "products", "obligationKinds", "states",
            "reachableOn", "unreachable", "lateCount", "brokenPromises");
    static final Set<String> RANGE = Set.of("min", "max");
    static final Set<String> MONEY_RANGE = Set.of("currency", "min", "max");
    static final Set<String> KINDS = Set.of("INVOICE", "LOAN_INSTALLMENT", "PROMISSORY_NOTE", "CARD", "SERVICE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SegmentationDocuments() {}

    /** Validates and compiles a document; throws with every problem when it is not valid. */
    public static SegmentationRules compile(JsonNode doc, int version) {
        DocumentReader r = new DocumentReader();
        List<Segment> segments = new ArrayList<>();
        if (r.object(doc, "$", ROOT) != null) {
            List<JsonNode> items = r.array(doc, "segments", "$", true, 1, 200);
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String path = "$.segments[" + i + "]";
                Segment s = segment(r, items.get(i), path);
                if (s == null) continue;
                if (!keys.add(s.key())) r.problem(path + ".key", "Clave repetida '" + s.key() + "'", "Duplicate key '" + s.key() + "'");
                segments.add(s);
                if (i == items.size() - 1 && !s.catchAll()) {
                    r.problem(path + ".when", "El último segmento no debe tener condiciones: recibe a todos los clientes restantes",
                            "The last segment must have no conditions: it takes every remaining customer");
                }
            }
        }
        if (!r.problems().isEmpty()) throw new InvalidDocumentException(r.problems());
        return new SegmentationRules(version, segments);
    }

    public static SegmentationRules compile(String json, int version) {
        return compile(parse(json), version);
    }

    /** Parses JSON text; a syntax error is a problem at {@code $}. */
    public static JsonNode parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || n.isMissingNode()) throw new IOException("empty document");
            return n;
        } catch (IOException e) {
            throw new InvalidDocumentException(List.of(new DocumentProblem("$",
                    "No es JSON válido: " + e.getMessage().lines().findFirst().orElse(""),
                    "Not valid JSON: " + e.getMessage().lines().findFirst().orElse(""))));
        }
    }

    /** The shipped default segmentation document. */
    public static String defaultDocument() {
        try (InputStream in = SegmentationDocuments.class.getResourceAsStream("/segmentation/default-segmentation.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Segment segment(DocumentReader r, JsonNode node, String path) {
        if (r.object(node, path, SEGMENT) == null) return null;
        String key = r.key(node, "key", path);
        String name = r.text(node, "name", path, true, 80);
        Tone tone = r.enumValue(node, "tone", path, true, Tone.class);
        Integer priority = r.integer(node, "priority", path, true, 0, 100);
        List<SegmentCondition> conditions = new ArrayList<>();
        JsonNode when = node.get("when");
        if (when != null && !when.isNull()) conditions = conditions(r, when, path + ".when");
        if (key == null || name == null || tone == null || priority == null) return null;
        return new Segment(key, name, tone, priority, conditions);
    }

    private static List<SegmentCondition> conditions(DocumentReader r, JsonNode when, String path) {
        List<SegmentCondition> out = new ArrayList<>();
        if (r.object(when, path, WHEN) == null) return out;
        if (when.has("dpd")) {
            String p = path + ".dpd";
            JsonNode n = r.object(when.get("dpd"), p, RANGE);
            if (n != null) {
                Integer min = r.integer(n, "min", p, false, -100_000, 100_000);
                Integer max = r.integer(n, "max", p, false, -100_000, 100_000);
                r.ordered(min, max, p);
                requireBound(r, n, p);
                out.add(new SegmentCondition.DpdBetween(min == null ? null : (long) min, max == null ? null : (long) max));
            }
        }
        if (when.has("amountOwed")) {
            String p = path + ".amountOwed";
            JsonNode n = r.object(when.get("amountOwed"), p, MONEY_RANGE);
            if (n != null) {
                String currency = r.text(n, "currency", p, true, 3);
                if (currency != null) {
                    try {
                        Currency.getInstance(currency);
                    } catch (IllegalArgumentException e) {
                        r.problem(p + ".currency", "Moneda ISO 4217 desconocida", "Unknown ISO 4217 currency");
                    }
                }
                BigDecimal min = r.amount(n, "min", p);
                BigDecimal max = r.amount(n, "max", p);
                r.ordered(min, max, p);
                requireBound(r, n, p);
                out.add(new SegmentCondition.OwedBetween(currency, min, max));
            }
        }
        if (when.has("tenureMonths")) {
            String p = path + ".tenureMonths";
            JsonNode n = r.object(when.get("tenureMonths"), p, RANGE);
            if (n != null) {
                Integer min = r.integer(n, "min", p, false, 0, 1200);
                Integer max = r.integer(n, "max", p, false, 0, 1200);
                r.ordered(min, max, p);
                requireBound(r, n, p);
                out.add(new SegmentCondition.TenureBetween(min, max));
            }
        }
        if (when.has("products")) out.add(new SegmentCondition.ProductIn(Set.copyOf(r.strings(when, "products", path))));
        if (when.has("obligationKinds")) {
            List<String> kinds = r.strings(when, "obligationKinds", path);
            for (int i = 0; i < kinds.size(); i++) {
                if (!KINDS.contains(kinds.get(i))) {
                    r.problem(path + ".obligationKinds[" + i + "]", "Tipo desconocido; se admiten: " + String.join(", ", KINDS.stream().sorted().toList()),
                            "Unknown kind; allowed: " + String.join(", ", KINDS.stream().sorted().toList()));
                }
            }
            out.add(new SegmentCondition.KindIn(Set.copyOf(kinds)));
        }
        if (when.has("states")) out.add(new SegmentCondition.StateIn(Set.copyOf(r.strings(when, "states", path))));
        if (when.has("reachableOn")) {
            List<String> names = r.strings(when, "reachableOn", path);
            Set<ContactChannel> channels = EnumSet.noneOf(ContactChannel.class);
            for (int i = 0; i < names.size(); i++) {
                ContactChannel c = r.enumOf(names.get(i), path + ".reachableOn[" + i + "]", ContactChannel.class);
                if (c != null) channels.add(c);
            }
            out.add(new SegmentCondition.ReachableOn(channels));
        }
        if (when.has("unreachable")) {
            Boolean b = r.bool(when, "unreachable", path);
            if (Boolean.TRUE.equals(b)) out.add(new SegmentCondition.Unreachable());
            else if (Boolean.FALSE.equals(b)) r.problem(path + ".unreachable", "Solo admite true (omítalo si no aplica)", "Only true is allowed (omit it otherwise)");
        }
        for (String f : List.of("lateCount", "brokenPromises")) {
            if (!when.has(f)) continue;
            String p = path + "." + f;
            JsonNode n = r.object(when.get(f), p, RANGE);
            if (n == null) continue;
            Integer min = r.integer(n, "min", p, false, 0, 10_000);
            Integer max = r.integer(n, "max", p, false, 0, 10_000);
            r.ordered(min, max, p);
            requireBound(r, n, p);
            out.add(f.equals("lateCount") ? new SegmentCondition.LateCountBetween(min, max)
                    : new SegmentCondition.BrokenPromisesBetween(min, max));
        }
        return out;
    }

    private static void requireBound(DocumentReader r, JsonNode n, String path) {
        if (!n.has("min") && !n.has("max")) r.problem(path, "Indique min, max o ambos", "Give min, max or both");
    }

    static Set<String> sorted(Set<String> s) {
        return new LinkedHashSet<>(s.stream().sorted().toList());
    }
}
