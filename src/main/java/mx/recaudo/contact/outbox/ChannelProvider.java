package mx.recaudo.contact.outbox;

import mx.recaudo.contact.Channel;

import java.util.List;
import java.util.Set;

/** One way out to customers (sandbox, SMTP, SMPP…). Every adapter implements this one interface. */
public interface ChannelProvider {
    /** The name used in routes and rate limits: sandbox, smtp, smpp. */
    String name();

    Set<Channel> channels();

    /** Sends a batch; one result per message, in order. Per-message problems are results, not exceptions. */
    List<SendResult> send(List<OutboundMessage> batch);

    /**
     * After a node died between claiming and recording: did the provider get the message with this
     * idempotency key? Providers that cannot tell answer {@link Reconciliation#unknown()}.
     */
    Reconciliation reconcile(OutboundMessage message);

    /**
     * The dispatcher has committed these accepted messages' provider ids (after {@link #send}):
     * status reports for them can now be applied. Providers that hold back early reports use it.
     */
    default void recorded(List<String> providerMessageIds) {
    }

    record Reconciliation(Outcome outcome, String providerMessageId) {
        public enum Outcome { RECEIVED, NOT_RECEIVED, UNKNOWN }

        public static Reconciliation received(String id) { return new Reconciliation(Outcome.RECEIVED, id); }

        public static Reconciliation notReceived() { return new Reconciliation(Outcome.NOT_RECEIVED, null); }

        public static Reconciliation unknown() { return new Reconciliation(Outcome.UNKNOWN, null); }
    }
}
