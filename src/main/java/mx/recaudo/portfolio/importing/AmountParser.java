package mx.recaudo.portfolio.importing;

import java.math.BigDecimal;

/**
 * Parses money as people type it in spreadsheets ({@code $1,234.50}, {@code 1.234,50}, {@code MX$ 1 234,50},
 * {@code (1,234.50)}) into an exact {@link BigDecimal}. Never throws on bad input.
 *
 * <h2>What is accepted</h2>
 * <ul>
 *   <li>Surrounding blanks (including non-breaking spaces).</li>
 *   <li>A currency marker before the number ({@code $}, {@code MX$}, {@code US$}, {@code MXN}, {@code USD}),
 *       after it ({@code MXN}, {@code USD}, {@code M.N.}), or both ({@code $1,234.50 M.N.}); case-insensitive.
 *       The marker is not checked against the currency column.</li>
 *   <li>One sign, {@code -} or {@code +}, before the digits (before or after the marker), or accounting
 *       parentheses {@code (1,234.50)}, which mean negative. Negative amounts are returned as negative so that
 *       the caller can reject them with a precise reason.</li>
 *   <li>Up to {@value #MAX_FRACTION_DIGITS} decimals; the value keeps exactly the decimals written
 *       ({@code 1234.5} has scale 1, {@code 1234.5000} scale 4). Rounding is the caller's decision.</li>
 * </ul>
 *
 * <h2>Which separator is the decimal one</h2>
 * Spreadsheets from Mexico, the US and Europe mix {@code .} and {@code ,}, so the meaning is inferred:
 * <ol>
 *   <li>When both {@code .} and {@code ,} appear, the last one is the decimal separator and must appear once
 *       ({@code 1.234.567,89} = 1234567.89, {@code 1,234,567.89} = 1234567.89).</li>
 *   <li>When only one of them appears more than once, it groups thousands ({@code 1,234,567} = 1234567).</li>
 *   <li>When only one of them appears once, it groups thousands if it is followed by exactly three digits and
 *       preceded by one to three digits that are not all zeros ({@code 1,234} = {@code 1.234} = 1234);
 *       otherwise it is the decimal separator ({@code 1234,5} = 1234.5, {@code 0.125} = 0.125,
 *       {@code 1234.567} = 1234.567).</li>
 *   <li>Blanks may group thousands ({@code 1 234 567}); with blank grouping, a single {@code .} or {@code ,}
 *       is always the decimal separator ({@code 1 234,500} = 1234.5).</li>
 * </ol>
 * Grouping must be consistent: one grouping character, a first group of one to three digits, then groups of
 * exactly three ({@code 1,23,4} and {@code 1 234.567,89} are rejected).
 */
final class AmountParser {

    static final int MAX_FRACTION_DIGITS = 4;

    // Longer than any real amount; keeps pathological cells (a pasted paragraph) cheap to reject.
    private static final int MAX_LENGTH = 64;

    // Longest first, so that "MX$" is not read as "M" + "X$".
    private static final String[] PREFIX_MARKERS = {"MX$", "US$", "MXN", "USD", "$"};
    private static final String[] SUFFIX_MARKERS = {"M.N.", "MXN", "USD"};

    private static final char BLANK = ' ';

    private static final int NO_DECIMAL = -1;
    private static final int INCONSISTENT = -2;

    private AmountParser() {
    }

    static ParseResult<BigDecimal> parse(String text) {
        if (text == null) return empty();
        String s = Text.strip(text);
        if (s.isEmpty()) return empty();
        if (s.length() > MAX_LENGTH) {
            return ParseResult.invalid("es demasiado largo", "it is too long");
        }

        int signs = 0;
        boolean negative = false;
        if (s.charAt(0) == '(') {
            if (s.charAt(s.length() - 1) != ')') {
                return ParseResult.invalid("tiene un paréntesis sin cerrar", "it has an unclosed parenthesis");
            }
            signs++;
            negative = true;
            s = Text.strip(s.substring(1, s.length() - 1));
        }

        int start = 0;
        int end = s.length();
        int prefixMarkers = 0;
        while (true) {
            start = skipBlanks(s, start, end);
            if (start >= end) break;
            char c = s.charAt(start);
            if (c == '-' || c == '+') {
                signs++;
                negative |= c == '-';
                start++;
                continue;
            }
            String marker = markerAt(s, start, end, PREFIX_MARKERS);
            if (marker == null) break;
            prefixMarkers++;
            start += marker.length();
        }
        end = skipTrailingBlanks(s, start, end);
        String suffix = markerEndingAt(s, start, end);
        if (suffix != null) {
            end = skipTrailingBlanks(s, start, end - suffix.length());
        }

        if (signs > 1) return ParseResult.invalid("tiene más de un signo", "it has more than one sign");
        if (prefixMarkers > 1) {
            return ParseResult.invalid("tiene más de un símbolo de moneda", "it has more than one currency symbol");
        }
        if (start >= end) return ParseResult.invalid("no contiene dígitos", "it has no digits");

        ParseResult<BigDecimal> magnitude = parseNumber(s, start, end);
        if (negative && magnitude instanceof ParseResult.Parsed<BigDecimal>(BigDecimal value)) {
            return ParseResult.parsed(value.negate());
        }
        return magnitude;
    }

    /** Parses unsigned digits with separators in {@code s[start, end)}; see the class comment for the rules. */
    private static ParseResult<BigDecimal> parseNumber(String s, int start, int end) {
        int length = end - start;
        // runStart/runEnd: the digit runs; separators[i] sits between run i-1 and run i (separators[0] unused).
        int[] runStart = new int[length + 1];
        int[] runEnd = new int[length + 1];
        char[] separators = new char[length + 1];
        int runs = 0;
        int dots = 0;
        int commas = 0;
        boolean blanks = false;

        int i = start;
        while (true) {
            int runFrom = i;
            while (i < end && isAsciiDigit(s.charAt(i))) i++;
            runStart[runs] = runFrom;
            runEnd[runs] = i;
            runs++;
            if (i == end) break;

            char c = s.charAt(i);
            char separator;
            if (c == '.' || c == ',') separator = c;
            else if (Text.isBlank(c)) separator = BLANK;
            else return invalidCharacter(c);
            if (runFrom == i && runs > 1) {
                return ParseResult.invalid("tiene separadores seguidos", "it has consecutive separators");
            }
            if (separator == '.') dots++;
            else if (separator == ',') commas++;
            else blanks = true;
            separators[runs] = separator;
            i++;
            if (i == end) {
                return ParseResult.invalid("termina en un separador", "it ends with a separator");
            }
        }

        int decimalRun = decimalRun(s, runs, separators, runStart, runEnd, dots, commas, blanks);
        if (decimalRun == INCONSISTENT) return inconsistentGrouping();

        int integerRuns = decimalRun < 0 ? runs : decimalRun;
        if (integerRuns > 1) {
            char grouping = separators[1];
            int firstGroup = runEnd[0] - runStart[0];
            if (firstGroup < 1 || firstGroup > 3) return inconsistentGrouping();
            for (int r = 1; r < integerRuns; r++) {
                if (separators[r] != grouping || runEnd[r] - runStart[r] != 3) return inconsistentGrouping();
            }
        }

        StringBuilder digits = new StringBuilder(length + 1);
        for (int r = 0; r < integerRuns; r++) digits.append(s, runStart[r], runEnd[r]);
        if (digits.isEmpty()) digits.append('0');
        if (decimalRun >= 0) {
            int fractionDigits = runEnd[decimalRun] - runStart[decimalRun];
            if (fractionDigits > MAX_FRACTION_DIGITS) {
                return ParseResult.invalid("tiene más de " + MAX_FRACTION_DIGITS + " decimales",
                        "it has more than " + MAX_FRACTION_DIGITS + " decimal places");
            }
            digits.append('.').append(s, runStart[decimalRun], runEnd[decimalRun]);
        }
        return ParseResult.parsed(new BigDecimal(digits.toString()));
    }

    /** Index of the digit run after the decimal separator, {@link #NO_DECIMAL} or {@link #INCONSISTENT}. */
    private static int decimalRun(String s, int runs, char[] separators, int[] runStart, int[] runEnd,
                                  int dots, int commas, boolean blanks) {
        int last = runs - 1;
        if (last == 0) return NO_DECIMAL;
        char lastSeparator = separators[last];
        if (dots > 0 && commas > 0) {
            if (lastSeparator == BLANK) return INCONSISTENT;
            int lastKindCount = lastSeparator == '.' ? dots : commas;
            return lastKindCount == 1 ? last : INCONSISTENT;
        }
        if (dots + commas != 1) return NO_DECIMAL; // none, or one kind repeated: grouping
        if (lastSeparator == BLANK) return INCONSISTENT; // "1,234 567": a decimal separator followed by grouping
        if (blanks) return last;
        int before = runEnd[last - 1] - runStart[last - 1];
        int after = runEnd[last] - runStart[last];
        boolean looksLikeThousands = last == 1 && after == 3 && before >= 1 && before <= 3
                && !allZeros(s, runStart[0], runEnd[0]);
        return looksLikeThousands ? NO_DECIMAL : last;
    }

    private static boolean allZeros(String s, int from, int to) {
        for (int i = from; i < to; i++) if (s.charAt(i) != '0') return false;
        return true;
    }

    private static String markerAt(String s, int start, int end, String[] markers) {
        for (String marker : markers) {
            if (end - start >= marker.length() && s.regionMatches(true, start, marker, 0, marker.length())) {
                return marker;
            }
        }
        return null;
    }

    private static String markerEndingAt(String s, int start, int end) {
        for (String marker : SUFFIX_MARKERS) {
            int from = end - marker.length();
            if (from >= start && s.regionMatches(true, from, marker, 0, marker.length())) return marker;
        }
        return null;
    }

    private static int skipBlanks(String s, int from, int end) {
        while (from < end && Text.isBlank(s.charAt(from))) from++;
        return from;
    }

    private static int skipTrailingBlanks(String s, int start, int end) {
        while (end > start && Text.isBlank(s.charAt(end - 1))) end--;
        return end;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static ParseResult<BigDecimal> invalidCharacter(char c) {
        if (Character.isLetter(c)) return ParseResult.invalid("contiene letras", "it contains letters");
        if (c == '-' || c == '+') {
            return ParseResult.invalid("el signo debe ir antes del número", "the sign must come before the number");
        }
        return ParseResult.invalid("contiene caracteres no permitidos", "it contains characters that are not allowed");
    }

    private static ParseResult<BigDecimal> inconsistentGrouping() {
        return ParseResult.invalid("los separadores de miles o decimales no son consistentes",
                "its thousands or decimal separators are inconsistent");
    }

    private static ParseResult<BigDecimal> empty() {
        return ParseResult.invalid("está vacío", "it is empty");
    }
}
