package mx.recaudo.strategy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A strategy: the segments it serves (empty = every segment), the fallback order of channels when
 * a customer cannot be reached on a step's channel, and its variants.
 */
public record Strategy(String key, String name, Set<String> segments, List<ActionType> fallback, List<Variant> variants) {
    public Strategy {
        segments = Set.copyOf(segments);
        fallback = List.copyOf(fallback);
        variants = List.copyOf(variants);
    }

    public boolean serves(String segmentKey) {
        return segments.isEmpty() || segments.contains(segmentKey);
    }

    /**
     * The customer's variant: stable, from a hash of the customer and the strategy key (FNV-1a, 64
     * bit), split by the variants' weights. The same customer always lands in the same variant
     * while the weights stay the same.
     */
    public Variant variantFor(long customerId) {
        int total = 0;
        for (Variant v : variants) total += v.weight();
        long bucket = Long.remainderUnsigned(hash(customerId, key), total);
        for (Variant v : variants) {
            bucket -= v.weight();
            if (bucket < 0) return v;
        }
        return variants.getLast();
    }

    static long hash(long customerId, String strategyKey) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (customerId + ":" + strategyKey).getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
