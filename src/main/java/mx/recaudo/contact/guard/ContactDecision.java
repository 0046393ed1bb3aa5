package mx.recaudo.contact.guard;

import java.time.Instant;
import java.util.List;

/** The guard's answer: allowed now, deferred to the next allowed moment, or refused for good. */
public sealed interface ContactDecision {
    List<Objection> objections();

    default boolean allowed() {
        return this instanceof Allowed;
    }

    default List<Reason> reasons() {
        return objections().stream().map(Objection::reason).distinct().toList();
    }

    /** When the contact may happen: the requested moment, a later one, or null when never. */
    Instant when();

    record Allowed(Instant when) implements ContactDecision {
        public List<Objection> objections() { return List.of(); }
    }

    record Deferred(List<Objection> objections, Instant when) implements ContactDecision {}

    record Refused(List<Objection> objections) implements ContactDecision {
        public Instant when() { return null; }
    }
}
