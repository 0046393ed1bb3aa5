package mx.recaudo.segmentation.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.util.MultiValueMap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One segment as the form builder edits it: plain text fields, turned into the JSON document (and
 * back). Empty fields are left out; what does not parse is passed on as text so that the
 * document's validation reports it with its path.
 */
public final class SegmentRow {
    public String key = "", name = "", tone = "FRIENDLY", priority = "", dpdMin = "", dpdMax = "", currency = "MXN",
            owedMin = "", owedMax = "", tenureMin = "", tenureMax = "", products = "", states = "";
    public List<String> kinds = new ArrayList<>();
    public List<String> reachableOn = new ArrayList<>();
    public boolean unreachable;
    int order;

    public String getKey() { return key; }
    public String getName() { return name; }
    public String getTone() { return tone; }
    public String getPriority() { return priority; }
    public String getDpdMin() { return dpdMin; }
    public String getDpdMax() { return dpdMax; }
    public String getCurrency() { return currency; }
    public String getOwedMin() { return owedMin; }
    public String getOwedMax() { return owedMax; }
    public String getTenureMin() { return tenureMin; }
    public String getTenureMax() { return tenureMax; }
    public String getProducts() { return products; }
    public String getStates() { return states; }
    public List<String> getKinds() { return kinds; }
    public List<String> getReachableOn() { return reachableOn; }
    public boolean isUnreachable() { return unreachable; }

    static List<SegmentRow> fromDocument(JsonNode doc) {
        List<SegmentRow> rows = new ArrayList<>();
        for (JsonNode s : doc.path("segments")) {
            SegmentRow r = new SegmentRow();
            r.key = s.path("key").asText("");
            r.name = s.path("name").asText("");
            r.tone = s.path("tone").asText("FRIENDLY");
            r.priority = s.path("priority").asText("");
            JsonNode w = s.path("when");
            r.dpdMin = w.path("dpd").path("min").asText("");
            r.dpdMax = w.path("dpd").path("max").asText("");
            if (w.has("amountOwed")) r.currency = w.path("amountOwed").path("currency").asText("MXN");
            r.owedMin = w.path("amountOwed").path("min").asText("");
            r.owedMax = w.path("amountOwed").path("max").asText("");
            r.tenureMin = w.path("tenureMonths").path("min").asText("");
            r.tenureMax = w.path("tenureMonths").path("max").asText("");
            r.products = join(w.path("products"));
            r.states = join(w.path("states"));
            w.path("obligationKinds").forEach(k -> r.kinds.add(k.asText()));
            w.path("reachableOn").forEach(k -> r.reachableOn.add(k.asText()));
            r.unreachable = w.path("unreachable").asBoolean(false);
            rows.add(r);
        }
        return rows;
    }

    /** Reads rows {@code s0_key, s0_name, …} from the submitted form; rows marked for deletion or left blank are dropped. */
    static List<SegmentRow> fromForm(MultiValueMap<String, String> form) {
        List<SegmentRow> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String p = "s" + i + "_";
            if (!form.containsKey(p + "key")) continue;
            if (form.containsKey(p + "delete")) continue;
            SegmentRow r = new SegmentRow();
            r.key = v(form, p + "key");
            r.name = v(form, p + "name");
            if (r.key.isEmpty() && r.name.isEmpty()) continue;
            r.tone = v(form, p + "tone");
            r.priority = v(form, p + "priority");
            r.dpdMin = v(form, p + "dpdMin");
            r.dpdMax = v(form, p + "dpdMax");
            r.currency = v(form, p + "currency");
            r.owedMin = v(form, p + "owedMin");
            r.owedMax = v(form, p + "owedMax");
            r.tenureMin = v(form, p + "tenureMin");
            r.tenureMax = v(form, p + "tenureMax");
            r.products = v(form, p + "products");
            r.states = v(form, p + "states");
            r.kinds = new ArrayList<>(form.getOrDefault(p + "kinds", List.of()));
            r.reachableOn = new ArrayList<>(form.getOrDefault(p + "reachableOn", List.of()));
            r.unreachable = form.containsKey(p + "unreachable");
            String order = v(form, p + "order");
            try {
                r.order = order.isEmpty() ? i * 10 : Integer.parseInt(order);
            } catch (NumberFormatException e) {
                r.order = i * 10;
            }
            rows.add(r);
        }
        rows.sort(Comparator.comparingInt(r -> r.order));
        return rows;
    }

    static ObjectNode toDocument(List<SegmentRow> rows) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        ArrayNode segments = doc.putArray("segments");
        for (SegmentRow r : rows) {
            ObjectNode s = segments.addObject();
            s.put("key", r.key);
            s.put("name", r.name);
            s.put("tone", r.tone);
            number(s, "priority", r.priority);
            ObjectNode when = f.objectNode();
            range(when, "dpd", r.dpdMin, r.dpdMax, null);
            range(when, "amountOwed", r.owedMin, r.owedMax, r.currency);
            range(when, "tenureMonths", r.tenureMin, r.tenureMax, null);
            list(when, "products", split(r.products));
            list(when, "obligationKinds", r.kinds);
            list(when, "states", split(r.states));
            list(when, "reachableOn", r.reachableOn);
            if (r.unreachable) when.put("unreachable", true);
            if (!when.isEmpty()) s.set("when", when);
        }
        return doc;
    }

    private static void range(ObjectNode when, String field, String min, String max, String currency) {
        if (min.isEmpty() && max.isEmpty()) return;
        ObjectNode n = when.putObject(field);
        if (currency != null) n.put("currency", currency);
        number(n, "min", min);
        number(n, "max", max);
    }

    private static void number(ObjectNode n, String field, String text) {
        if (text == null || text.isBlank()) return;
        String t = text.strip().replace(",", "");
        try {
            BigDecimal d = new BigDecimal(t);
            if (d.scale() <= 0) n.put(field, d.longValueExact());
            else n.put(field, d);
        } catch (NumberFormatException | ArithmeticException e) {
            n.put(field, text.strip());
        }
    }

    private static void list(ObjectNode when, String field, List<String> values) {
        if (values.isEmpty()) return;
        ArrayNode a = when.putArray(field);
        values.forEach(a::add);
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return String.join(", ", out);
    }

    private static String v(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    static final Set<String> KINDS = Set.of("INVOICE", "LOAN_INSTALLMENT", "PROMISSORY_NOTE", "CARD", "SERVICE");
}
