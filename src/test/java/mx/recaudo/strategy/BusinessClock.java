package mx.recaudo.strategy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move from business day to business day (noon in Mexico City). */
final class BusinessClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-01T18:00:00Z");

    void setDate(LocalDate date) {
        now = date.atTime(12, 0).atZone(ZoneId.of("America/Mexico_City")).toInstant();
    }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) {
        BusinessClock outer = this;
        return new Clock() {
            @Override public ZoneId getZone() { return zone; }
            @Override public Clock withZone(ZoneId z) { return outer.withZone(z); }
            @Override public Instant instant() { return outer.instant(); }
        };
    }

    @Override
    public Instant instant() { return now; }
}
