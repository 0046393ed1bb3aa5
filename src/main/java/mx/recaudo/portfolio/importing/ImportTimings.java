package mx.recaudo.portfolio.importing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where one import's time went, by phase (validation, each statement, ANALYZE, waiting), summed over its
 * batches and logged when it ends: the first thing to read when an import is slow.
 */
final class ImportTimings {
    private final Map<String, long[]> nanosByPhase = new LinkedHashMap<>();

    /** Adds the time since {@code startNanos} to {@code phase} and returns now, for chaining. */
    synchronized long add(String phase, long startNanos) {
        long now = System.nanoTime();
        nanosByPhase.computeIfAbsent(phase, p -> new long[1])[0] += now - startNanos;
        return now;
    }

    synchronized long millis(String phase) {
        long[] n = nanosByPhase.get(phase);
        return n == null ? 0 : n[0] / 1_000_000;
    }

    @Override
    public synchronized String toString() {
        StringJoiner out = new StringJoiner(", ");
        nanosByPhase.forEach((phase, n) -> out.add(phase + "=" + n[0] / 1_000_000 + "ms"));
        return out.toString();
    }
}
