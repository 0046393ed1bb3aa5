package mx.recaudo.contact.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a contact may happen: every policy is asked; a permanent objection refuses the
 * contact; otherwise the guard moves to the latest moment any objection lifts and asks again, until
 * every policy agrees (the next allowed moment) or the search passes {@link #HORIZON}.
 */
public final class ContactGuard {
    /** How far ahead the next allowed moment is searched. */
    public static final Duration HORIZON = Duration.ofDays(60);
    private final List<ContactPolicy> policies;

    public ContactGuard(List<ContactPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public static ContactGuard standard() {
        return new ContactGuard(Policies.all());
    }

    public List<Objection> objections(ContactRequest request, ContactSubject subject, JurisdictionProfile profile) {
        List<Objection> found = new ArrayList<>();
        for (ContactPolicy policy : policies) {
            policy.evaluate(request, subject, profile).ifPresent(found::add);
        }
        return found;
    }

    public ContactDecision decide(ContactRequest request, ContactSubject subject, JurisdictionProfile profile) {
        List<Objection> first = objections(request, subject, profile);
        if (first.isEmpty()) return new ContactDecision.Allowed(request.at());
        if (first.stream().anyMatch(Objection::permanent)) return new ContactDecision.Refused(first);
        Instant limit = request.at().plus(HORIZON);
        Instant t = latestLift(first);
        for (int i = 0; i < 1000 && !t.isAfter(limit); i++) {
            List<Objection> now = objections(request.at(t), subject, profile);
            if (now.isEmpty()) return new ContactDecision.Deferred(first, t);
            if (now.stream().anyMatch(Objection::permanent)) return new ContactDecision.Refused(first);
            Instant next = latestLift(now);
            t = next.isAfter(t) ? next : t.plusSeconds(60);
        }
        List<Objection> refused = new ArrayList<>(first);
        refused.add(Objection.never("horizon", Reason.NO_ALLOWED_MOMENT));
        return new ContactDecision.Refused(refused);
    }

    private static Instant latestLift(List<Objection> objections) {
        Optional<Instant> max = objections.stream().map(Objection::liftsAt).max(Instant::compareTo);
        return max.orElseThrow();
    }
}
