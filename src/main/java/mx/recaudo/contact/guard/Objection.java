package mx.recaudo.contact.guard;

import java.time.Instant;

/** One policy's objection: the reason, and the earliest moment it would lift ({@code null}: never). */
public record Objection(String policy, Reason reason, Instant liftsAt) {
    public static Objection never(String policy, Reason reason) {
        return new Objection(policy, reason, null);
    }

    public boolean permanent() {
        return liftsAt == null;
    }
}
