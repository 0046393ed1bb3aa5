package mx.recaudo.contact;

import mx.recaudo.contact.guard.ContactDecision;
import mx.recaudo.contact.guard.ContactGuard;
import mx.recaudo.contact.guard.ContactRequest;
import mx.recaudo.contact.guard.ContactSubject;
import mx.recaudo.contact.guard.Reason;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Asks the contact guard about one customer, channel and moment, without planning anything. */
@Service
public class ContactChecks {
    private final ContactSubjects subjects;
    private final ContactProfiles profiles;
    private final ContactGuard guard = ContactGuard.standard();

    ContactChecks(ContactSubjects subjects, ContactProfiles profiles) {
        this.subjects = subjects;
        this.profiles = profiles;
    }

    /** The guard's answer; {@code reasons} explain a refusal or a deferral; {@code nextAllowedAt} is null when never. */
    public record Check(boolean allowed, List<CheckReason> reasons, Instant nextAllowedAt) {}

    public record CheckReason(String code, String messageEs, String messageEn) {
        static CheckReason of(Reason r) {
            return new CheckReason(r.name(), r.es(), r.en());
        }
    }

    @Transactional(readOnly = true)
    public Optional<Check> check(long customerId, Channel channel, String address, Instant at) {
        if (subjects.customer(customerId).isEmpty()) return Optional.empty();
        String to = address != null ? address : subjects.defaultAddress(customerId, channel).orElse(null);
        if (to == null && channel != Channel.LETTER) {
            return Optional.of(new Check(false, List.of(CheckReason.of(Reason.NO_ADDRESS)), null));
        }
        ContactSubject subject = subjects.load(customerId, channel, to, at);
        ContactDecision d = guard.decide(new ContactRequest(channel, to, at), subject, profiles.current());
        return Optional.of(new Check(d.allowed(), d.reasons().stream().map(CheckReason::of).toList(),
                d.allowed() ? at : d.when()));
    }
}
