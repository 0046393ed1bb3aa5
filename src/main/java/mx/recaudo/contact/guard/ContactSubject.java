package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.PartyRole;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the guard knows about the person to be contacted: time zone ({@code null} when unknown),
 * the role of the contact point, flags, opt-outs, past and planned contacts, telephone conversations
 * and the times the customer asked not to be contacted.
 */
public record ContactSubject(ZoneId zone, PartyRole role, boolean doNotContact, boolean disputed,
                             Set<OptOut> optOuts, List<PastContact> contacts, List<Instant> conversations,
                             List<InconvenientTime> inconvenientTimes) {
    public ContactSubject {
        role = role == null ? PartyRole.DEBTOR : role;
        optOuts = optOuts == null ? Set.of() : Set.copyOf(optOuts);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        conversations = conversations == null ? List.of() : List.copyOf(conversations);
        inconvenientTimes = inconvenientTimes == null ? List.of() : List.copyOf(inconvenientTimes);
    }

    /** A subject who named no inconvenient times. */
    public ContactSubject(ZoneId zone, PartyRole role, boolean doNotContact, boolean disputed,
                          Set<OptOut> optOuts, List<PastContact> contacts, List<Instant> conversations) {
        this(zone, role, doNotContact, disputed, optOuts, contacts, conversations, List.of());
    }

    public static ContactSubject debtorIn(ZoneId zone) {
        return new ContactSubject(zone, PartyRole.DEBTOR, false, false, Set.of(), List.of(), List.of());
    }

    public ContactSubject withContacts(List<PastContact> more) {
        return new ContactSubject(zone, role, doNotContact, disputed, optOuts, more, conversations, inconvenientTimes);
    }

    public ContactSubject withInconvenientTimes(List<InconvenientTime> times) {
        return new ContactSubject(zone, role, doNotContact, disputed, optOuts, contacts, conversations, times);
    }

    /** An opt-out of one channel at one address; a {@code null} address covers every address of the channel. */
    public record OptOut(Channel channel, String address) {
        public OptOut {
            address = normalize(address);
        }

        public boolean covers(Channel c, String a) {
            return channel == c && (address == null || address.equals(normalize(a)));
        }

        static String normalize(String address) {
            return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
        }
    }

    /** A contact already made or planned: it counts against the frequency caps. */
    public record PastContact(Channel channel, Instant at) {}
}
