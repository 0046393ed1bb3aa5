package mx.recaudo.contact;

import java.util.UUID;

/** A customer opted out of a channel (at one address, or every address when {@code address} is null). */
public record ContactOptedOut(UUID orgId, long customerId, Channel channel, String address, String source) {
}
