package mx.recaudo.strategy;

import mx.recaudo.contact.Channel;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What holds the ladder back for one customer beyond the segmentation facts: a disputed obligation
 * (the whole ladder waits until the dispute is resolved, as the contact guard does) and the
 * channels the customer opted out of (those actions are skipped for the fallback order). An opt-out
 * at one address blocks the channel for the ladder: the cautious reading.
 */
record CustomerHolds(boolean disputed, Set<ActionType> blocked) {
    static final CustomerHolds NONE = new CustomerHolds(false, Set.of());

    CustomerHolds {
        blocked = blocked.isEmpty() ? Set.of() : Set.copyOf(blocked);
    }

    static CustomerHolds of(boolean disputed, Collection<Channel> optedOut) {
        if (!disputed && (optedOut == null || optedOut.isEmpty())) return NONE;
        EnumSet<ActionType> blocked = EnumSet.noneOf(ActionType.class);
        if (optedOut != null) for (Channel c : optedOut) blocked.addAll(blockedBy(c));
        return new CustomerHolds(disputed, blocked);
    }

    /** The actions an opt-out of a contact channel forbids. A person's call is not a voice broadcast. */
    static Set<ActionType> blockedBy(Channel channel) {
        return switch (channel) {
            case SMS -> EnumSet.of(ActionType.SMS);
            case WHATSAPP -> EnumSet.of(ActionType.WHATSAPP);
            case EMAIL -> EnumSet.of(ActionType.EMAIL);
            case VOICE -> EnumSet.of(ActionType.VOICE_BLASTER, ActionType.DIALER_CAMPAIGN);
            case LETTER -> EnumSet.of(ActionType.LETTER);
        };
    }
}
