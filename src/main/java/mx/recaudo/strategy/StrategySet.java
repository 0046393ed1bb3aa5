package mx.recaudo.strategy;

import java.util.List;

/** The strategies of a published version (0 = the shipped default not yet published); the first that serves a segment applies. */
public record StrategySet(int version, List<Strategy> strategies) {
    public StrategySet {
        strategies = List.copyOf(strategies);
    }

    public Strategy forSegment(String segmentKey) {
        for (Strategy s : strategies) if (s.serves(segmentKey)) return s;
        return null;
    }
}
