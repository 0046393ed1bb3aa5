package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;

import java.time.Duration;

/** At most {@code max} contacts over {@code channel} in any window of length {@code window} (half-open). */
public record FrequencyCap(Channel channel, int max, Duration window) {
    public FrequencyCap {
        if (max < 1) throw new IllegalArgumentException("max must be at least 1");
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
    }
}
