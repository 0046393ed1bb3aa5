package mx.recaudo.strategy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.recaudo.segmentation.DocumentProblem;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strategy editor's form, one strategy at a time: name, segments served, fallback order, and
 * its variants with their steps. Rows left blank are dropped, rows marked for deletion too; the
 * form becomes the strategies document (the same one the API takes) with the other strategies left
 * as they were, and the validator's JSON paths map back to the form's fields.
 */
final class StrategyForm {
    static final int FALLBACK_SLOTS = 4;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern STEP_PATH = Pattern.compile("^\\$\\.strategies\\[(\\d+)]\\.variants\\[(\\d+)]\\.steps\\[(\\d+)](?:\\.(\\w+))?");
    private static final Pattern VARIANT_PATH = Pattern.compile("^\\$\\.strategies\\[(\\d+)]\\.variants\\[(\\d+)](?:\\.(\\w+))?");
    private static final Pattern STRATEGY_PATH = Pattern.compile("^\\$\\.strategies\\[(\\d+)](?:\\.(\\w+))?");

    String key;
    String name;
    List<String> segments = new ArrayList<>();
    List<String> fallback = new ArrayList<>();
    List<VariantRow> variants = new ArrayList<>();
    /** Which form variant (and step) each document variant (step) came from, to put problems by the right field. */
    private final List<Integer> variantOrigin = new ArrayList<>();
    private final List<List<Integer>> stepOrigin = new ArrayList<>();

    static final class VariantRow {
        String key = "";
        String weight = "";
        boolean delete;
        List<StepRow> steps = new ArrayList<>();

        public String getKey() { return key; }
        public String getWeight() { return weight; }
        public List<StepRow> getSteps() { return steps; }
    }

    static final class StepRow {
        String key = "";
        String fromDpd = "";
        String toDpd = "";
        String action = "";
        String template = "";
        String tone = "";
        boolean settlementOffer;
        String repeatEveryDays = "";
        String noContactInDays = "";
        boolean delete;

        public String getKey() { return key; }
        public String getFromDpd() { return fromDpd; }
        public String getToDpd() { return toDpd; }
        public String getAction() { return action; }
        public String getTemplate() { return template; }
        public String getTone() { return tone; }
        public boolean isSettlementOffer() { return settlementOffer; }
        public String getRepeatEveryDays() { return repeatEveryDays; }
        public String getNoContactInDays() { return noContactInDays; }

        boolean blank() {
            return key.isBlank() && fromDpd.isBlank() && toDpd.isBlank() && template.isBlank();
        }

        StepRow copy() {
            StepRow s = new StepRow();
            s.key = key; s.fromDpd = fromDpd; s.toDpd = toDpd; s.action = action; s.template = template; s.tone = tone;
            s.settlementOffer = settlementOffer; s.repeatEveryDays = repeatEveryDays; s.noContactInDays = noContactInDays;
            return s;
        }
    }

    public String getKey() { return key; }
    public String getName() { return name; }
    public List<String> getSegments() { return segments; }
    public List<String> getFallback() { return fallback; }
    public List<VariantRow> getVariants() { return variants; }

    /** The form for one strategy of a document. */
    static StrategyForm of(JsonNode strategy) {
        StrategyForm f = new StrategyForm();
        f.key = strategy.path("key").asText();
        f.name = strategy.path("name").asText();
        strategy.path("segments").forEach(s -> f.segments.add(s.asText()));
        strategy.path("fallback").forEach(s -> f.fallback.add(s.asText()));
        for (JsonNode v : strategy.path("variants")) {
            VariantRow row = new VariantRow();
            row.key = v.path("key").asText();
            row.weight = v.path("weight").asText();
            for (JsonNode s : v.path("steps")) {
                StepRow step = new StepRow();
                step.key = s.path("key").asText();
                step.fromDpd = s.path("fromDpd").asText();
                step.toDpd = s.has("toDpd") && !s.get("toDpd").isNull() ? s.get("toDpd").asText() : "";
                step.action = s.path("action").asText();
                step.template = s.path("template").asText("");
                step.tone = s.path("tone").asText("");
                step.settlementOffer = s.path("settlementOffer").asBoolean(false);
                step.repeatEveryDays = s.has("repeatEveryDays") ? s.get("repeatEveryDays").asText() : "";
                step.noContactInDays = s.has("noContactInDays") ? s.get("noContactInDays").asText() : "";
                row.steps.add(step);
            }
            f.variants.add(row);
        }
        return f;
    }

    /** The submitted form (field names as the editor page writes them). */
    static StrategyForm of(MultiValueMap<String, String> form) {
        StrategyForm f = new StrategyForm();
        f.key = text(form, "key");
        f.name = text(form, "name");
        List<String> segs = form.get("segments");
        if (segs != null) segs.stream().filter(s -> !s.isBlank()).forEach(f.segments::add);
        for (int i = 0; i < FALLBACK_SLOTS; i++) {
            String a = text(form, "fallback" + i);
            if (!a.isBlank()) f.fallback.add(a);
        }
        for (int v = 0; form.containsKey("v" + v + "_key"); v++) {
            VariantRow row = new VariantRow();
            String p = "v" + v + "_";
            row.key = text(form, p + "key");
            row.weight = text(form, p + "weight");
            row.delete = form.containsKey(p + "delete");
            for (int s = 0; form.containsKey(p + "s" + s + "_key"); s++) {
                String q = p + "s" + s + "_";
                StepRow step = new StepRow();
                step.key = text(form, q + "key");
                step.fromDpd = text(form, q + "fromDpd");
                step.toDpd = text(form, q + "toDpd");
                step.action = text(form, q + "action");
                step.template = text(form, q + "template");
                step.tone = text(form, q + "tone");
                step.settlementOffer = form.containsKey(q + "settlementOffer");
                step.repeatEveryDays = text(form, q + "repeatEveryDays");
                step.noContactInDays = text(form, q + "noContactInDays");
                step.delete = form.containsKey(q + "delete");
                row.steps.add(step);
            }
            f.variants.add(row);
        }
        return f;
    }

    /** This strategy as a document node; blank and deleted rows are left out. */
    ObjectNode toNode() {
        variantOrigin.clear();
        stepOrigin.clear();
        ObjectNode s = NODES.objectNode();
        s.put("key", key);
        s.put("name", name);
        ArrayNode segs = s.putArray("segments");
        segments.forEach(segs::add);
        ArrayNode fb = s.putArray("fallback");
        fallback.forEach(fb::add);
        ArrayNode vs = s.putArray("variants");
        for (int v = 0; v < variants.size(); v++) {
            VariantRow row = variants.get(v);
            if (row.delete || (row.key.isBlank() && row.weight.isBlank())) continue;
            ObjectNode vn = vs.addObject();
            vn.put("key", row.key);
            number(vn, "weight", row.weight);
            ArrayNode steps = vn.putArray("steps");
            List<Integer> origins = new ArrayList<>();
            for (int i = 0; i < row.steps.size(); i++) {
                StepRow step = row.steps.get(i);
                if (step.delete || step.blank()) continue;
                ObjectNode sn = steps.addObject();
                sn.put("key", step.key);
                number(sn, "fromDpd", step.fromDpd);
                if (!step.toDpd.isBlank()) number(sn, "toDpd", step.toDpd);
                sn.put("action", step.action);
                if (!step.template.isBlank()) sn.put("template", step.template);
                if (!step.tone.isBlank()) sn.put("tone", step.tone);
                if (step.settlementOffer) sn.put("settlementOffer", true);
                if (!step.repeatEveryDays.isBlank()) number(sn, "repeatEveryDays", step.repeatEveryDays);
                if (!step.noContactInDays.isBlank()) number(sn, "noContactInDays", step.noContactInDays);
                origins.add(i);
            }
            variantOrigin.add(v);
            stepOrigin.add(origins);
        }
        return s;
    }

    /** The document with this strategy in place of the one at {@code index} (or appended). */
    JsonNode into(JsonNode document, int index) {
        ObjectNode doc = document.deepCopy();
        ArrayNode strategies = (ArrayNode) doc.get("strategies");
        if (index < strategies.size()) strategies.set(index, toNode());
        else strategies.add(toNode());
        return doc;
    }

    /**
     * The validator's problems by form field name ({@code name}, {@code fallback},
     * {@code v0_weight}, {@code v0_s2_fromDpd}…); problems of other strategies go under {@code other}.
     */
    Map<String, List<DocumentProblem>> problemsByField(List<DocumentProblem> problems, int index) {
        Map<String, List<DocumentProblem>> out = new LinkedHashMap<>();
        for (DocumentProblem p : problems) out.computeIfAbsent(field(p.path(), index), k -> new ArrayList<>()).add(p);
        return out;
    }

    private String field(String path, int index) {
        Matcher m = STEP_PATH.matcher(path);
        if (m.find() && Integer.parseInt(m.group(1)) == index) {
            int v = Integer.parseInt(m.group(2));
            int s = Integer.parseInt(m.group(3));
            if (v < variantOrigin.size() && s < stepOrigin.get(v).size()) {
                return "v" + variantOrigin.get(v) + "_s" + stepOrigin.get(v).get(s) + "_" + (m.group(4) == null ? "key" : m.group(4));
            }
        }
        m = VARIANT_PATH.matcher(path);
        if (m.find() && Integer.parseInt(m.group(1)) == index) {
            int v = Integer.parseInt(m.group(2));
            if (v < variantOrigin.size()) return "v" + variantOrigin.get(v) + "_" + (m.group(3) == null ? "key" : m.group(3));
        }
        m = STRATEGY_PATH.matcher(path);
        if (m.find() && Integer.parseInt(m.group(1)) == index) {
            String f = m.group(2);
            return f == null ? "name" : f;
        }
        return "other";
    }

    /** A blank step at the end of every variant, and a new variant pre-filled with the first one's steps. */
    StrategyForm withBlankRows() {
        for (VariantRow v : variants) v.steps.add(new StepRow());
        VariantRow challenger = new VariantRow();
        if (!variants.isEmpty()) {
            for (StepRow s : variants.getFirst().steps) if (!s.blank()) challenger.steps.add(s.copy());
        }
        challenger.steps.add(new StepRow());
        variants.add(challenger);
        return this;
    }

    private static void number(ObjectNode node, String field, String value) {
        try {
            node.put(field, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            node.put(field, value); // the validator reports it at this field
        }
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String v = form.getFirst(field);
        return v == null ? "" : v.strip();
    }
}
