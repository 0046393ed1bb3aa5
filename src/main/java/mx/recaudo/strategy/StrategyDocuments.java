package mx.recaudo.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import mx.recaudo.segmentation.DocumentReader;
import mx.recaudo.segmentation.InvalidDocumentException;
import mx.recaudo.segmentation.SegmentationDocuments;
import mx.recaudo.segmentation.Tone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The strategies document (JSON) and its validation. Shape:
 * <pre>{"strategies": [{"key", "name", "segments": [..], "fallback": [ACTION..],
 *   "variants": [{"key", "weight", "steps": [{"key", "fromDpd", "toDpd", "action", "template", "tone",
 *   "settlementOffer", "repeatEveryDays", "noContactInDays"}]}]}]}</pre>
 * Steps are ordered by {@code fromDpd}, strictly ascending. The last strategy should serve every
 * segment ({@code "segments": []}) so that nobody is left without one.
 */
public final class StrategyDocuments {
    static final Set<String> ROOT = Set.of("strategies");
    static final Set<String> STRATEGY = Set.of("key", "name", "segments", "fallback", "variants");
    static final Set<String> VARIANT = Set.of("key", "weight", "steps");
    static final Set<String> STEP = Set.of("key", "fromDpd", "toDpd", "action", "template", "tone", "settlementOffer",
            "repeatEveryDays", "noContactInDays");

    private StrategyDocuments() {}

    public static StrategySet compile(String json, int version) {
        return compile(SegmentationDocuments.parse(json), version);
    }

    public static StrategySet compile(JsonNode doc, int version) {
        DocumentReader r = new DocumentReader();
        List<Strategy> strategies = new ArrayList<>();
        if (r.object(doc, "$", ROOT) != null) {
            List<JsonNode> items = r.array(doc, "strategies", "$", true, 1, 50);
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String path = "$.strategies[" + i + "]";
                Strategy s = strategy(r, items.get(i), path);
                if (s == null) continue;
                if (!keys.add(s.key())) r.problem(path + ".key", "Clave repetida '" + s.key() + "'", "Duplicate key '" + s.key() + "'");
                strategies.add(s);
            }
            if (!strategies.isEmpty() && !strategies.getLast().segments().isEmpty()) {
                r.problem("$.strategies[" + (items.size() - 1) + "].segments",
                        "La última estrategia debe atender a todos los segmentos (lista vacía)",
                        "The last strategy must serve every segment (empty list)");
            }
        }
        if (!r.problems().isEmpty()) throw new InvalidDocumentException(r.problems());
        return new StrategySet(version, strategies);
    }

    public static String defaultDocument() {
        try (InputStream in = StrategyDocuments.class.getResourceAsStream("/strategy/default-strategies.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Strategy strategy(DocumentReader r, JsonNode node, String path) {
        if (r.object(node, path, STRATEGY) == null) return null;
        String key = r.key(node, "key", path);
        String name = r.text(node, "name", path, true, 80);
        Set<String> segments = new LinkedHashSet<>();
        List<JsonNode> segs = r.array(node, "segments", path, false, 0, 200);
        for (int i = 0; i < segs.size(); i++) {
            if (!segs.get(i).isTextual() || segs.get(i).asText().isBlank()) {
                r.problem(path + ".segments[" + i + "]", "Debe ser la clave de un segmento", "Must be a segment key");
            } else segments.add(segs.get(i).asText().strip());
        }
        List<ActionType> fallback = new ArrayList<>();
        List<JsonNode> fb = r.array(node, "fallback", path, false, 0, 9);
        for (int i = 0; i < fb.size(); i++) {
            String p = path + ".fallback[" + i + "]";
            if (!fb.get(i).isTextual()) {
                r.problem(p, "Debe ser un tipo de acción", "Must be an action type");
                continue;
            }
            ActionType a = r.enumOf(fb.get(i).asText(), p, ActionType.class);
            if (a != null) {
                if (a.agentQueue() != null) r.problem(p, "El respaldo debe ser un canal automático", "A fallback must be an automated channel");
                else if (fallback.contains(a)) r.problem(p, "Canal repetido", "Repeated channel");
                else fallback.add(a);
            }
        }
        List<Variant> variants = new ArrayList<>();
        List<JsonNode> vs = r.array(node, "variants", path, true, 1, 10);
        Set<String> variantKeys = new HashSet<>();
        for (int i = 0; i < vs.size(); i++) {
            String p = path + ".variants[" + i + "]";
            Variant v = variant(r, vs.get(i), p);
            if (v == null) continue;
            if (!variantKeys.add(v.key())) r.problem(p + ".key", "Clave repetida '" + v.key() + "'", "Duplicate key '" + v.key() + "'");
            variants.add(v);
        }
        if (key == null || name == null || variants.size() != vs.size() || variants.isEmpty()) return null;
        return new Strategy(key, name, segments, fallback, variants);
    }

    private static Variant variant(DocumentReader r, JsonNode node, String path) {
        if (r.object(node, path, VARIANT) == null) return null;
        String key = r.key(node, "key", path);
        Integer weight = r.integer(node, "weight", path, true, 1, 1000);
        List<JsonNode> items = r.array(node, "steps", path, true, 1, 50);
        List<Step> steps = new ArrayList<>();
        Set<String> stepKeys = new HashSet<>();
        Integer previousFrom = null;
        for (int i = 0; i < items.size(); i++) {
            String p = path + ".steps[" + i + "]";
            Step s = step(r, items.get(i), p);
            if (s == null) continue;
            if (!stepKeys.add(s.key())) r.problem(p + ".key", "Clave repetida '" + s.key() + "'", "Duplicate key '" + s.key() + "'");
            if (previousFrom != null && s.fromDpd() <= previousFrom) {
                r.problem(p + ".fromDpd", "Los pasos deben ir en orden creciente de días de atraso",
                        "Steps must be in strictly ascending order of days past due");
            }
            previousFrom = s.fromDpd();
            steps.add(s);
        }
        for (int i = 0; i + 1 < steps.size(); i++) {
            Integer to = steps.get(i).toDpd();
            if (to != null && to >= steps.get(i + 1).fromDpd()) {
                r.problem(path + ".steps[" + i + "].toDpd", "Se traslapa con el paso siguiente", "Overlaps the next step");
            }
        }
        if (key == null || weight == null || steps.size() != items.size()) return null;
        return new Variant(key, weight, steps);
    }

    private static Step step(DocumentReader r, JsonNode node, String path) {
        if (r.object(node, path, STEP) == null) return null;
        String key = r.key(node, "key", path);
        Integer from = r.integer(node, "fromDpd", path, true, -365, 10_000);
        Integer to = r.integer(node, "toDpd", path, false, -365, 10_000);
        if (from != null && to != null && to < from) {
            r.problem(path + ".toDpd", "No puede ser menor que fromDpd", "Cannot be less than fromDpd");
        }
        ActionType action = r.enumValue(node, "action", path, true, ActionType.class);
        String template = r.text(node, "template", path, false, 80);
        Tone tone = r.enumValue(node, "tone", path, false, Tone.class);
        Boolean offer = r.bool(node, "settlementOffer", path);
        Integer repeat = r.integer(node, "repeatEveryDays", path, false, 1, 365);
        Integer quiet = r.integer(node, "noContactInDays", path, false, 1, 365);
        if (key == null || from == null || action == null) return null;
        return new Step(key, from, to, action, template, tone, Boolean.TRUE.equals(offer), repeat, quiet);
    }
}
