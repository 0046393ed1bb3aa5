package mx.recaudo.strategy;

import java.util.List;

/** A champion or challenger ladder with its share of the traffic (weights are relative). */
public record Variant(String key, int weight, List<Step> steps) {
    public Variant {
        steps = List.copyOf(steps);
    }

    /** The stage for a DPD: the last step whose fromDpd is reached, or -1 before the first. */
    public int stageFor(long dpd) {
        int stage = -1;
        for (int i = 0; i < steps.size(); i++) if (dpd >= steps.get(i).fromDpd()) stage = i;
        return stage;
    }
}
