package mx.recaudo.contact.web;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactPreferences;
import mx.recaudo.contact.guard.InconvenientTime;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads inconvenient times as the API and the customer page send them, with every problem found
 * named by field, in Spanish and English; nothing is saved unless there is none.
 */
final class InconvenientTimeForms {
    private InconvenientTimeForms() {}

    /** One window as sent: channel (null, "" or "ALL" = every channel), day names, optional HH:MM times. */
    record Input(String channel, List<String> days, String from, String to) {}

    record Output(String channel, List<String> days, String from, String to, boolean wholeDay) {
        static Output of(InconvenientTime t) {
            return new Output(t.channel() == null ? "ALL" : t.channel().name(), List.of(t.dayNames()), t.from().toString(),
                    t.to().toString(), t.wholeDay());
        }
    }

    private static final Map<String, DayOfWeek> SPANISH = Map.of("lunes", DayOfWeek.MONDAY, "martes", DayOfWeek.TUESDAY,
            "miercoles", DayOfWeek.WEDNESDAY, "jueves", DayOfWeek.THURSDAY, "viernes", DayOfWeek.FRIDAY,
            "sabado", DayOfWeek.SATURDAY, "domingo", DayOfWeek.SUNDAY);
    private static final Set<Channel> TIMED = EnumSet.of(Channel.SMS, Channel.WHATSAPP, Channel.EMAIL, Channel.VOICE);

    /** The windows, or the problems (then the list of windows is meaningless). */
    static List<InconvenientTime> parse(List<Input> inputs, List<ApiError.FieldProblem> problems) {
        List<InconvenientTime> out = new ArrayList<>();
        if (inputs == null) {
            problems.add(new ApiError.FieldProblem("inconvenientTimes",
                    "Falta la lista de horarios (una lista vacía los borra todos)",
                    "The list of times is required (an empty list removes them all)"));
            return out;
        }
        if (inputs.size() > ContactPreferences.MAX_WINDOWS) {
            problems.add(new ApiError.FieldProblem("inconvenientTimes",
                    "Como máximo " + ContactPreferences.MAX_WINDOWS + " horarios por cliente",
                    "At most " + ContactPreferences.MAX_WINDOWS + " times per customer"));
            return out;
        }
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            String f = "inconvenientTimes[" + i + "].";
            if (in == null) {
                problems.add(new ApiError.FieldProblem("inconvenientTimes[" + i + "]", "Horario vacío", "Empty time"));
                continue;
            }
            int before = problems.size();
            Channel channel = channel(in.channel(), f + "channel", problems);
            Set<DayOfWeek> days = days(in.days(), f + "days", problems);
            LocalTime from = time(in.from(), f + "from", problems);
            LocalTime to = time(in.to(), f + "to", problems);
            boolean noFrom = blank(in.from()), noTo = blank(in.to());
            if (noFrom != noTo) {
                problems.add(new ApiError.FieldProblem(f + (noFrom ? "from" : "to"),
                        "Indique la hora de inicio y la de fin, o ninguna para todo el día",
                        "Give both the start and the end time, or neither for the whole day"));
            } else if (noFrom) {
                from = LocalTime.MIDNIGHT;
                to = LocalTime.MIDNIGHT;
            } else if (from != null && to != null && from.equals(to) && !from.equals(LocalTime.MIDNIGHT)) {
                problems.add(new ApiError.FieldProblem(f + "to", "La hora de fin debe ser distinta de la de inicio",
                        "The end time must differ from the start time"));
            }
            if (problems.size() == before) out.add(new InconvenientTime(channel, days, from, to));
        }
        return out;
    }

    private static Channel channel(String value, String field, List<ApiError.FieldProblem> problems) {
        if (blank(value) || value.strip().equalsIgnoreCase("ALL")) return null;
        try {
            Channel c = Channel.parse(value);
            if (TIMED.contains(c)) return c;
        } catch (RuntimeException e) {
            // reported below
        }
        problems.add(new ApiError.FieldProblem(field, "Canal: SMS, WHATSAPP, EMAIL, VOICE o ALL (todos); las cartas no tienen horario",
                "Channel: SMS, WHATSAPP, EMAIL, VOICE or ALL (every channel); letters have no time of contact"));
        return null;
    }

    private static Set<DayOfWeek> days(List<String> values, String field, List<ApiError.FieldProblem> problems) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (values == null || values.isEmpty()) {
            problems.add(new ApiError.FieldProblem(field, "Indique al menos un día", "Give at least one day"));
            return days;
        }
        for (String v : values) {
            DayOfWeek d = day(v);
            if (d == null) {
                problems.add(new ApiError.FieldProblem(field, "Día desconocido: «" + v + "» (MONDAY…SUNDAY o lunes…domingo)",
                        "Unknown day: \"" + v + "\" (MONDAY…SUNDAY or lunes…domingo)"));
            } else {
                days.add(d);
            }
        }
        return days;
    }

    static DayOfWeek day(String value) {
        if (blank(value)) return null;
        String v = Normalizer.normalize(value.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        if (SPANISH.containsKey(v)) return SPANISH.get(v);
        try {
            return DayOfWeek.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalTime time(String value, String field, List<ApiError.FieldProblem> problems) {
        if (blank(value)) return null;
        try {
            String v = value.strip();
            return v.length() <= 5 ? LocalTime.parse(v, java.time.format.DateTimeFormatter.ofPattern("H:mm")) : LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            problems.add(new ApiError.FieldProblem(field, "Hora no válida: use HH:MM de 24 horas, p. ej. 09:00",
                    "Invalid time: use 24-hour HH:MM, e.g. 09:00"));
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
