package mx.recaudo.arrangement.web;

import mx.recaudo.arrangement.PlanLimits;
import mx.recaudo.arrangement.PlanPolicies;
import mx.recaudo.payment.Problem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The editor of the organization's payment-plan limits ({@code /payment-plans/policy}, supervisors
 * and admins): one row for the organization's defaults and one per segment of the segmentation in
 * force; a blank box inherits (segment → organization → configuration), shown as the placeholder.
 * Discounts are written {@code days:percent} pairs, e.g. {@code 60:10; 180:30}. Saving replaces every
 * limit at once or, with any fault, nothing.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
class PlanPolicyPages {
    private static final Pattern SEGMENT_FIELD = Pattern.compile("^segments\\[(\\d+)]");
    private final PlanPolicies policies;

    PlanPolicyPages(PlanPolicies policies) {
        this.policies = policies;
    }

    /** One row of the editor: what is stored (the boxes), what is in effect (the placeholders). */
    record Row(int index, String segment, String down, String max, String discounts, PlanLimits effective) {
        public String effectiveDiscounts() {
            return PlanPolicyPages.discounts(effective.discounts());
        }
    }

    /** A fault shown next to the row it belongs to. */
    record Shown(String segment, String messageEs, String messageEn) {}

    @GetMapping("/payment-plans/policy")
    String page(Model model) {
        PlanPolicies.Settings settings = policies.settings();
        Map<String, PlanLimits> effective = settings.effective().stream()
                .collect(Collectors.toMap(PlanLimits::segment, l -> l, (a, b) -> a, LinkedHashMap::new));
        Map<String, PlanLimits> stored = new LinkedHashMap<>();
        stored.put(PlanLimits.ORGANIZATION, settings.organization());
        settings.segments().forEach(s -> stored.put(s.segment(), s));
        @SuppressWarnings("unchecked")
        Map<String, String> form = (Map<String, String>) model.getAttribute("form");
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, PlanLimits> e : effective.entrySet()) {
            PlanLimits s = stored.get(e.getKey());
            if (form != null) {
                rows.add(new Row(i, e.getKey(), form.get("down_" + i), form.get("max_" + i), form.get("disc_" + i), e.getValue()));
            } else {
                rows.add(new Row(i, e.getKey(), s == null || s.minDownPaymentPercent() == null ? "" : s.minDownPaymentPercent().toPlainString(),
                        s == null || s.maxInstallments() == null ? "" : String.valueOf(s.maxInstallments()),
                        s == null || s.discounts() == null ? "" : discounts(s.discounts()), e.getValue()));
            }
            i++;
        }
        model.addAttribute("rows", rows);
        model.addAttribute("configuration", settings.configuration());
        model.addAttribute("configurationDiscounts", discounts(settings.configuration().discounts()));
        model.addAttribute("settings", settings);
        return "arrangement/policy";
    }

    @PostMapping("/payment-plans/policy")
    String save(@RequestParam Map<String, String> form, Model model) {
        List<Problem> problems = new ArrayList<>();
        PlanLimits organization = null;
        List<PlanLimits> segments = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Integer> rows = form.keySet().stream().filter(k -> k.matches("key_\\d{1,4}"))
                .map(k -> Integer.valueOf(k.substring(4))).sorted().toList();
        for (int i : rows) {
            String key = form.get("key_" + i);
            if (i != 0) keys.add(key);
            String at = i == 0 ? "organization" : "segments[" + segments.size() + "]";
            PlanLimits limits = new PlanLimits(i == 0 ? PlanLimits.ORGANIZATION : key,
                    decimal(form.get("down_" + i), at + ".minDownPaymentPercent", problems),
                    integer(form.get("max_" + i), at + ".maxInstallments", problems),
                    steps(form.get("disc_" + i), at + ".discounts", problems));
            if (i == 0) organization = limits;
            else segments.add(limits);
        }
        try {
            if (!problems.isEmpty()) throw new Problem.Rejected("plan_policy_invalid", 422, problems);
            policies.change(new PlanLimits.Change(organization, segments), PlanUser.name());
            model.addAttribute("saved", true);
        } catch (Problem.Rejected e) {
            model.addAttribute("problems", e.problems().stream().map(p -> new Shown(where(p.field(), keys), p.messageEs(), p.messageEn())).toList());
            model.addAttribute("form", form);
        }
        return page(model);
    }

    /** The row a fault belongs to: {@code *} for the organization, else the segment key. */
    private static String where(String field, List<String> segmentKeys) {
        if (field == null) return "";
        if (field.startsWith("organization")) return PlanLimits.ORGANIZATION;
        Matcher m = SEGMENT_FIELD.matcher(field);
        if (m.find()) {
            int k = Integer.parseInt(m.group(1));
            return k < segmentKeys.size() ? segmentKeys.get(k) : field;
        }
        return field;
    }

    static String discounts(List<PlanLimits.Step> steps) {
        if (steps == null) return "";
        return steps.stream().map(s -> s.minDpd() + ":" + s.maxPercent().toPlainString()).collect(Collectors.joining("; "));
    }

    private static BigDecimal decimal(String text, String field, List<Problem> problems) {
        if (text == null || text.isBlank()) return null;
        try {
            return new BigDecimal(text.strip().replace("%", "").strip());
        } catch (NumberFormatException e) {
            problems.add(new Problem(field, "No es un porcentaje: " + text, "Not a percentage: " + text));
            return null;
        }
    }

    private static Integer integer(String text, String field, List<Problem> problems) {
        if (text == null || text.isBlank()) return null;
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new Problem(field, "No es un número entero: " + text, "Not a whole number: " + text));
            return null;
        }
    }

    /** {@code 60:10; 180:30} → steps; blank → not set here. */
    private static List<PlanLimits.Step> steps(String text, String field, List<Problem> problems) {
        if (text == null || text.isBlank()) return null;
        List<PlanLimits.Step> steps = new ArrayList<>();
        for (String pair : text.split("[;\\n]")) {
            if (pair.isBlank()) continue;
            String[] parts = pair.split(":");
            try {
                if (parts.length != 2) throw new NumberFormatException();
                steps.add(new PlanLimits.Step(Long.valueOf(parts[0].strip()), new BigDecimal(parts[1].replace("%", "").strip())));
            } catch (NumberFormatException e) {
                problems.add(new Problem(field, "Escriba pares días:porcentaje separados por «;», p. ej. 60:10; 180:30 (no «" + pair.strip() + "»)",
                        "Write days:percent pairs separated by ';', e.g. 60:10; 180:30 (not '" + pair.strip() + "')"));
                return null;
            }
        }
        return steps;
    }
}
