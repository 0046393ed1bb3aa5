package mx.recaudo.strategy;

import mx.recaudo.segmentation.ContactChannel;
import mx.recaudo.segmentation.Segment;
import mx.recaudo.segmentation.SegmentCondition;
import mx.recaudo.segmentation.SegmentationRules;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The same segmentation and step choice as {@link DailyPlanner} for a first-seen customer, written
 * as a Drools rule base: one rule per segment, salience keeping the document's order (the first
 * rule to fire sets the segment, which drops the other segment activations of that fact), and one
 * rule per (step, reachable channel candidate): the step's own action first, then the strategy's
 * fallback order, again one firing per fact. Activation groups would be shorter, but they cancel
 * across every fact of a session, not per fact. The DRL is generated from the compiled documents,
 * so both sides read the same configuration.
 */
final class DroolsRuleBase {
    private DroolsRuleBase() {}

    static String drl(SegmentationRules segmentation, StrategySet strategies) {
        if (strategies.strategies().size() != 1 || !strategies.strategies().getFirst().segments().isEmpty()) {
            throw new IllegalArgumentException("The benchmark's rule base covers one strategy serving every segment");
        }
        StringBuilder drl = new StringBuilder("package mx.recaudo.bench.rules;\nimport mx.recaudo.strategy.DroolsCustomer;\n\n");
        List<Segment> segments = segmentation.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            List<String> constraints = new ArrayList<>();
            constraints.add("segment == null");
            for (SegmentCondition c : s.conditions()) constraints.add(constraint(c));
            drl.append("rule \"segment ").append(s.key()).append("\"\n  salience ").append(10_000 - i)
                    .append("\nwhen\n  $c : DroolsCustomer(")
                    .append(String.join(", ", constraints)).append(")\nthen\n  modify($c) { setSegment(\"").append(s.key())
                    .append("\") }\nend\n\n");
        }
        Strategy strategy = strategies.strategies().getFirst();
        for (Variant v : strategy.variants()) {
            List<Step> steps = v.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                List<ActionType> candidates = new ArrayList<>();
                candidates.add(step.action());
                List<ActionType> fallback = strategy.fallback();
                int at = fallback.indexOf(step.action());
                candidates.addAll(at >= 0 ? fallback.subList(at + 1, fallback.size()) : fallback);
                for (int j = 0; j < candidates.size(); j++) {
                    ActionType a = candidates.get(j);
                    List<String> constraints = new ArrayList<>();
                    constraints.add("stepKey == null");
                    constraints.add("variant == \"" + v.key() + "\"");
                    constraints.add("dpd >= " + step.fromDpd());
                    if (i + 1 < steps.size()) constraints.add("dpd < " + steps.get(i + 1).fromDpd());
                    if (a.requires() != null) constraints.add(field(a.requires()) + " == true");
                    drl.append("rule \"step ").append(v.key()).append(' ').append(step.key()).append(' ').append(a)
                            .append("\"\n  salience ").append(1_000 - j).append("\nwhen\n")
                            .append("  $c : DroolsCustomer(").append(String.join(", ", constraints)).append(")\nthen\n")
                            .append("  modify($c) { setStepKey(\"").append(step.key()).append("\"), setAction(\"").append(a.name()).append("\") }\nend\n\n");
                }
            }
        }
        return drl.toString();
    }

    static KieBase build(String drl) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem().write("src/main/resources/mx/recaudo/bench/rules/ladder.drl", drl);
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            throw new IllegalStateException("DRL does not compile: " + builder.getResults().getMessages());
        }
        return ks.newKieContainer(ks.getRepository().getDefaultReleaseId()).getKieBase();
    }

    private static String constraint(SegmentCondition c) {
        return switch (c) {
            case SegmentCondition.DpdBetween d -> range("dpd", d.min(), d.max(), "");
            case SegmentCondition.OwedBetween o -> range(owedField(o.currency()), o.min(), o.max(), "B");
            case SegmentCondition.TenureBetween t -> "tenure != null" + (t.min() == null && t.max() == null ? "" : ", " + range("tenure", t.min(), t.max(), ""));
            case SegmentCondition.ProductIn p -> anyOf("products", p.products());
            case SegmentCondition.KindIn k -> anyOf("kinds", k.kinds());
            case SegmentCondition.StateIn s -> "state in (" + quoted(s.states()) + ")";
            case SegmentCondition.ReachableOn r -> r.channels().stream().map(ch -> field(ch) + " == true").collect(Collectors.joining(", "));
            case SegmentCondition.Unreachable u -> "phone == false, email == false, whatsapp == false";
            case SegmentCondition.LateCountBetween l -> range("lateCount", l.min(), l.max(), "");
            case SegmentCondition.BrokenPromisesBetween b -> range("brokenPromises", b.min(), b.max(), "");
        };
    }

    private static String range(String field, Object min, Object max, String suffix) {
        List<String> parts = new ArrayList<>();
        if (min != null) parts.add(field + " >= " + literal(min) + suffix);
        if (max != null) parts.add(field + " <= " + literal(max) + suffix);
        return String.join(", ", parts);
    }

    private static String literal(Object n) {
        return n instanceof BigDecimal b ? b.toPlainString() : n.toString();
    }

    private static String owedField(String currency) {
        return switch (currency) {
            case "MXN" -> "owedMxn";
            case "USD" -> "owedUsd";
            default -> throw new IllegalArgumentException("The benchmark's fact has MXN and USD only: " + currency);
        };
    }

    private static String anyOf(String field, Set<String> values) {
        return "(" + values.stream().sorted().map(v -> field + " contains \"" + v + "\"").collect(Collectors.joining(" || ")) + ")";
    }

    private static String quoted(Set<String> values) {
        return values.stream().sorted().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
    }

    private static String field(ContactChannel channel) {
        return switch (channel) {
            case PHONE -> "phone";
            case EMAIL -> "email";
            case WHATSAPP -> "whatsapp";
            case ADDRESS -> "address";
        };
    }
}
