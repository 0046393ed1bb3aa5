package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;

import java.time.Instant;
import java.util.Objects;

/** A contact someone wants to make: channel, address (phone E.164, email) and moment. */
public record ContactRequest(Channel channel, String address, Instant at) {
    public ContactRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
    }

    public ContactRequest at(Instant other) {
        return new ContactRequest(channel, address, other);
    }
}
