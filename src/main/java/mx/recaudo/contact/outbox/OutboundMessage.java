package mx.recaudo.contact.outbox;

import mx.recaudo.contact.Channel;

import java.util.UUID;

/** A claimed message on its way to a provider; {@code idempotencyKey} identifies it to the provider for good. */
public record OutboundMessage(long id, UUID orgId, long customerId, Channel channel, String address, String subject,
                              String body, UUID idempotencyKey, int attempts, String kind, String timeZone) {}
