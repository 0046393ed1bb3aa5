package mx.recaudo.contact.guard;

import mx.recaudo.contact.Channel;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A time the customer asked not to be contacted (US-01 "consumer-designated inconvenient times";
 * also honoured in Mexico), read in the customer's time zone. On each of {@code days} it starts at
 * {@code from} and lasts until {@code to}: {@code from < to} is a window within the day ("no me
 * llamen entre 9:00 y 14:00"); {@code from > to} runs past midnight into the next day (20:00–09:00);
 * {@code from == to} is 24 hours from {@code from} (00:00–00:00 = the whole day: "no los domingos").
 *
 * @param channel null = every channel
 */
public record InconvenientTime(Channel channel, Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public InconvenientTime {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (days.isEmpty()) throw new IllegalArgumentException("at least one day");
        if (channel == Channel.LETTER) throw new IllegalArgumentException("letters have no time of contact");
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** The whole of each of these days, for one channel or (null) all. */
    public static InconvenientTime wholeDays(Channel channel, Set<DayOfWeek> days) {
        return new InconvenientTime(channel, days, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    }

    /** As stored: channel name or null, day names, start and end. */
    public static InconvenientTime of(String channel, String[] days, LocalTime from, LocalTime to) {
        Set<DayOfWeek> d = EnumSet.noneOf(DayOfWeek.class);
        for (String day : days) d.add(DayOfWeek.valueOf(day));
        return new InconvenientTime(channel == null ? null : Channel.parse(channel), d, from, to);
    }

    /** The day names in week order, as stored. */
    public String[] dayNames() {
        return days.stream().sorted().map(Enum::name).toArray(String[]::new);
    }

    public boolean wholeDay() {
        return from.equals(LocalTime.MIDNIGHT) && to.equals(LocalTime.MIDNIGHT);
    }

    public boolean appliesTo(Channel c) {
        return channel == null || channel == c;
    }

    /** The local moment the window containing {@code local} ends, or empty when {@code local} is outside it. */
    public Optional<LocalDateTime> endOf(LocalDateTime local) {
        LocalTime t = local.toLocalTime();
        boolean withinDay = from.isBefore(to);
        if (days.contains(local.getDayOfWeek()) && !t.isBefore(from)) {
            if (withinDay) return t.isBefore(to) ? Optional.of(local.toLocalDate().atTime(to)) : Optional.empty();
            return Optional.of(local.toLocalDate().plusDays(1).atTime(to));
        }
        // a window that started the day before and runs past midnight
        if (!withinDay && days.contains(local.getDayOfWeek().minus(1)) && t.isBefore(to)) {
            return Optional.of(local.toLocalDate().atTime(to));
        }
        return Optional.empty();
    }
}
