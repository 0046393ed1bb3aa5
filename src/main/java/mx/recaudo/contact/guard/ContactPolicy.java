package mx.recaudo.contact.guard;

import java.util.Optional;

/** One contact rule. Pure: the answer depends only on its arguments. */
public interface ContactPolicy {
    String name();

    Optional<Objection> evaluate(ContactRequest request, ContactSubject subject, JurisdictionProfile profile);
}
