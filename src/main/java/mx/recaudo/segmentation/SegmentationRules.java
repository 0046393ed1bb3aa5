package mx.recaudo.segmentation;

import java.util.List;

/**
 * A segmentation ready to evaluate: ordered segments, first match wins. Version 0 is the shipped
 * default that has not been published in the organization yet (dry runs, previews).
 */
public record SegmentationRules(int version, List<Segment> segments) {
    public SegmentationRules {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) throw new IllegalArgumentException("A segmentation needs at least one segment");
    }

    /** The first segment whose conditions all hold; the last segment catches everyone (validated). */
    public Segment assign(CustomerFacts facts) {
        for (Segment s : segments) if (s.matches(facts)) return s;
        return segments.getLast();
    }

    public Segment segment(String key) {
        for (Segment s : segments) if (s.key().equals(key)) return s;
        return null;
    }
}
