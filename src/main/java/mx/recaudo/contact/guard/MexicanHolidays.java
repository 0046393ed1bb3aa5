package mx.recaudo.contact.guard;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mexico's mandatory rest days (Ley Federal del Trabajo, art. 74), computed for any year:
 * January 1; the first Monday of February (Constitution Day); the third Monday of March (Benito
 * Juárez); May 1; September 16; the third Monday of November (Revolution); December 25; and October 1
 * of every sixth year from 2024 (transmission of the federal executive power; before the 2014–2024
 * reform it was December 1, which this list does not model for past years).
 */
public final class MexicanHolidays {
    private MexicanHolidays() {}

    public static Set<LocalDate> of(int year) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(nthMonday(year, Month.FEBRUARY, 1));
        days.add(nthMonday(year, Month.MARCH, 3));
        days.add(LocalDate.of(year, Month.MAY, 1));
        days.add(LocalDate.of(year, Month.SEPTEMBER, 16));
        days.add(nthMonday(year, Month.NOVEMBER, 3));
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        if (year >= 2024 && (year - 2024) % 6 == 0) days.add(LocalDate.of(year, Month.OCTOBER, 1));
        return days;
    }

    public static boolean isHoliday(LocalDate date) {
        return of(date.getYear()).contains(date);
    }

    private static LocalDate nthMonday(int year, Month month, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }
}
