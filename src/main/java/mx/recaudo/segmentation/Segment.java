package mx.recaudo.segmentation;

import java.util.List;

/** A segment of a published (or draft) segmentation: who is in it is decided by its conditions, all of which must hold. */
public record Segment(String key, String name, Tone tone, int priority, List<SegmentCondition> conditions) {
    public Segment {
        conditions = List.copyOf(conditions);
    }

    public boolean matches(CustomerFacts facts) {
        for (SegmentCondition c : conditions) if (!c.test(facts)) return false;
        return true;
    }

    public boolean catchAll() {
        return conditions.isEmpty();
    }
}
