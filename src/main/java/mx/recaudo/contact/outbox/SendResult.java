package mx.recaudo.contact.outbox;

/** What a provider said about one message. */
public sealed interface SendResult {
    /** Taken: SENT (or DELIVERED at once when the provider is the final recipient, like the sandbox). */
    record Accepted(String providerMessageId, boolean delivered) implements SendResult {}

    /** Refused for good (bad address, hard bounce): FAILED. */
    record Rejected(String error) implements SendResult {}

    /** A temporary problem (link down, throttled): retried with exponential backoff. */
    record Retry(String error) implements SendResult {}
}
