package mx.recaudo.portfolio.importing;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Parses calendar dates as they come out of Mexican spreadsheets. Never throws on bad input.
 * <p>
 * Accepted: {@code 2025-12-31}, {@code 2025/12/31}, {@code 31/12/2025}, {@code 31-12-2025}, with one- or
 * two-digit day and month. Year-first when the first group has four digits, otherwise day-first (the Mexican
 * convention; {@code 01/02/2025} is 1 February). A time part as spreadsheets export it is allowed and ignored:
 * {@code 2025-12-31 00:00:00}, {@code 2025-12-31T00:00:00}, {@code 31/12/2025 12:00:00 a. m.}.
 * <p>
 * Rejected: two-digit years ({@code 31/12/25}), impossible dates ({@code 31/02/2025}, month 13), years
 * outside {@value #MIN_YEAR}..{@value #MAX_YEAR}, and anything else.
 */
final class DateParser {

    static final int MIN_YEAR = 1900;
    static final int MAX_YEAR = 2100;

    private static final int MAX_LENGTH = 40;

    private static final String[] MONTHS_ES = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
            "agosto", "septiembre", "octubre", "noviembre", "diciembre"};

    private DateParser() {
    }

    static ParseResult<LocalDate> parse(String text) {
        String s = Text.strip(text);
        if (s.isEmpty()) return ParseResult.invalid("está vacía", "it is empty");
        if (s.length() > MAX_LENGTH) return unrecognized();

        Scanner in = new Scanner(s);
        int first = in.digits(4);
        int firstLength = in.lastLength;
        char separator = in.peek();
        if (firstLength == 0 || (separator != '-' && separator != '/')) return unrecognized();
        in.advance();
        int second = in.digits(2);
        if (in.lastLength == 0 || in.peek() != separator) return unrecognized();
        in.advance();
        int third = in.digits(4);
        int thirdLength = in.lastLength;
        if (thirdLength == 0 || !in.atEnd() && !acceptsTimeSuffix(s, in.position)) return unrecognized();

        int year;
        int day;
        if (firstLength == 4 && thirdLength <= 2) {
            year = first;
            day = third;
        } else if (firstLength <= 2 && thirdLength == 4) {
            day = first;
            year = third;
        } else if (firstLength <= 2 && thirdLength == 2) {
            return ParseResult.invalid("el año debe tener cuatro dígitos", "the year must have four digits");
        } else {
            return unrecognized();
        }
        return toDate(year, second, day);
    }

    private static ParseResult<LocalDate> toDate(int year, int month, int day) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            return ParseResult.invalid("el año " + year + " está fuera del rango " + MIN_YEAR + "–" + MAX_YEAR,
                    "year " + year + " is outside " + MIN_YEAR + "–" + MAX_YEAR);
        }
        if (month < 1 || month > 12) {
            return ParseResult.invalid("el mes " + month + " no existe", "month " + month + " does not exist");
        }
        int days = Month.of(month).length(Year.isLeap(year));
        if (day < 1 || day > days) {
            return ParseResult.invalid(MONTHS_ES[month - 1] + " de " + year + " no tiene día " + day,
                    Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                            + " " + year + " has no day " + day);
        }
        return ParseResult.parsed(LocalDate.of(year, month, day));
    }

    /** A spreadsheet time after the date: {@code [ |T]H:mm[:ss[.fff]]}, optionally followed by a.m./p.m. */
    private static boolean acceptsTimeSuffix(String s, int from) {
        char c = s.charAt(from);
        if (c != ' ' && c != 'T') return false;
        Scanner in = new Scanner(s);
        in.position = from + 1;
        int hour = in.digits(2);
        if (in.lastLength == 0 || hour > 23 || in.peek() != ':') return false;
        in.advance();
        int minute = in.digits(2);
        if (in.lastLength != 2 || minute > 59) return false;
        if (in.peek() == ':') {
            in.advance();
            int second = in.digits(2);
            if (in.lastLength != 2 || second > 59) return false;
            if (in.peek() == '.') {
                in.advance();
                in.digits(9);
                if (in.lastLength == 0) return false;
            }
        }
        if (in.atEnd()) return true;
        String meridiem = Text.lookupKey(s.substring(in.position));
        return hour <= 12 && (meridiem.equals("AM") || meridiem.equals("PM"));
    }

    private static ParseResult<LocalDate> unrecognized() {
        return ParseResult.invalid("no tiene un formato de fecha reconocido (use AAAA-MM-DD o DD/MM/AAAA)",
                "it is not in a recognized date format (use YYYY-MM-DD or DD/MM/YYYY)");
    }

    /** Reads runs of ASCII digits; {@code lastLength} is how many digits the last read consumed. */
    private static final class Scanner {
        private final String s;
        private int position;
        private int lastLength;

        Scanner(String s) {
            this.s = s;
        }

        int digits(int max) {
            int value = 0;
            int start = position;
            while (position < s.length() && position - start < max) {
                char c = s.charAt(position);
                if (c < '0' || c > '9') break;
                value = value * 10 + (c - '0');
                position++;
            }
            lastLength = position - start;
            return value;
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(position);
        }

        void advance() {
            position++;
        }

        boolean atEnd() {
            return position >= s.length();
        }
    }
}
