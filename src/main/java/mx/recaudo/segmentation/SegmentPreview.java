package mx.recaudo.segmentation;

import java.math.BigDecimal;
import java.util.Map;

/** How many owing customers and how much money per currency a segment would hold. */
public record SegmentPreview(String key, String name, Tone tone, int priority, long customers,
                             Map<String, BigDecimal> owed) {
}
