package mx.recaudo.demo;

import java.util.Set;

/**
 * Builds Mexican RFCs (Registro Federal de Contribuyentes) the way the SAT does, close enough for
 * demo data: the letters from the name, the date, a random two-character homoclave and the real
 * check digit.
 *
 * <p>Check digit (SAT): pad the first 11 (company) or 12 (person) characters on the left with a
 * space to 12, give each character its index in {@value #ALPHABET} (so '0'..'9' = 0..9, 'A' = 10,
 * '&' = 24, ' ' = 37, 'Ñ' = 38), multiply by weights 13 down to 2, sum; {@code r = 11 - sum % 11};
 * 11 gives '0', 10 gives 'A', anything else that digit.
 */
final class Rfc {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";
    /** Homoclave characters: digits and letters without 0 and O, which the SAT avoids. */
    static final String HOMOCLAVE = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ";

    /** Words dropped from surnames, names and company names before taking letters. */
    private static final Set<String> PARTICLES = Set.of("DE", "DEL", "LA", "LAS", "LOS", "EL", "Y", "E", "MC", "MAC",
        "VON", "VAN", "EN", "CON", "PARA", "POR", "AL", "SU", "SUS", "A");
    /** The SAT's inconvenient words: when the four letters spell one, the last becomes 'X'. */
    private static final Set<String> FORBIDDEN = Set.of("BUEI", "BUEY", "CACA", "CACO", "CAGA", "CAGO", "CAKA", "CAKO",
        "COGE", "COJA", "COJE", "COJI", "COJO", "CULO", "FETO", "GUEY", "JOTO", "KACA", "KACO", "KAGA", "KAGO", "KOGE",
        "KOJO", "KAKA", "KULO", "MAME", "MAMO", "MEAR", "MEAS", "MEON", "MION", "MOCO", "MULA", "PEDA", "PEDO",
        "PENE", "PUTA", "PUTO", "QULO", "RATA", "RUIN");

    private Rfc() {}

    /** The check digit for the first 11 (company) or 12 (person) characters of an RFC. */
    static char checkDigit(CharSequence base) {
        int n = base.length();
        if (n != 11 && n != 12) throw new IllegalArgumentException("RFC base must be 11 or 12 characters: " + base);
        int sum = n == 11 ? 37 * 13 : 0; // the leading space of a company RFC
        int weight = n == 11 ? 12 : 13;
        for (int i = 0; i < n; i++, weight--) {
            int v = ALPHABET.indexOf(base.charAt(i));
            if (v < 0) throw new IllegalArgumentException("Not an RFC character: " + base.charAt(i));
            sum += v * weight;
        }
        int r = 11 - sum % 11;
        return r == 11 ? '0' : r == 10 ? 'A' : (char) ('0' + r);
    }

    static boolean isValid(String rfc) {
        if (rfc == null || !rfc.matches("[A-ZÑ&]{3,4}\\d{6}[A-Z0-9]{3}")) return false;
        return checkDigit(rfc.substring(0, rfc.length() - 1)) == rfc.charAt(rfc.length() - 1);
    }

    /** The four letters of a person: paternal initial and first inner vowel, maternal initial, first-name initial. */
    static String personLetters(String firstNames, String paternal, String maternal) {
        return personLetters(paternalLetters(paternal), initial(maternal), givenInitial(firstNames));
    }

    /** Combines the precomputed parts of {@link #personLetters(String, String, String)}, replacing an inconvenient word. */
    static String personLetters(String paternalLetters, char maternalInitial, char givenInitial) {
        String letters = paternalLetters + maternalInitial + givenInitial;
        return FORBIDDEN.contains(letters) ? letters.substring(0, 3) + 'X' : letters;
    }

    /** First letter and first inner vowel of a paternal surname, particles skipped ("de la Cruz" gives "CU"). */
    static String paternalLetters(String paternal) {
        String p = significant(upperFold(paternal));
        if (p.isEmpty()) return "XX";
        char vowel = 'X';
        for (int i = 1; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U') { vowel = c; break; }
        }
        return "" + p.charAt(0) + vowel;
    }

    /** First letter of a surname, particles skipped; 'X' when there is none. */
    static char initial(String surname) {
        String m = significant(upperFold(surname));
        return m.isEmpty() ? 'X' : m.charAt(0);
    }

    /** Initial of the given name; for a compound name starting with José or María, of the second name. */
    static char givenInitial(String firstNames) {
        String given = null;
        for (String name : upperFold(firstNames).split(" ")) {
            if (name.isEmpty() || PARTICLES.contains(name)) continue;
            if (given == null) given = name;
            else if (given.equals("JOSE") || given.equals("MARIA") || given.equals("MA") || given.equals("J")) {
                given = name;
                break;
            } else break;
        }
        return given == null ? 'X' : given.charAt(0);
    }

    /**
     * The three letters of a company from its name without the legal form: initials of the first three
     * significant words; with two words the initial of the first and the first two letters of the second;
     * with one word its first three letters.
     */
    static String companyLetters(String nameWithoutLegalForm) {
        String[] words = upperFold(nameWithoutLegalForm).split(" ");
        StringBuilder initials = new StringBuilder(3);
        String first = null, second = null;
        int count = 0;
        for (String w : words) {
            if (w.isEmpty() || PARTICLES.contains(w)) continue;
            if (count == 0) first = w; else if (count == 1) second = w;
            if (count < 3) initials.append(w.charAt(0));
            count++;
        }
        if (count >= 3) return initials.toString();
        if (count == 2) return "" + first.charAt(0) + (second + "XX").substring(0, 2);
        if (count == 1) return (first + "XXX").substring(0, 3);
        return "XXX";
    }

    private static String significant(String surname) {
        for (String w : surname.split(" ")) if (!w.isEmpty() && !PARTICLES.contains(w)) return w;
        return surname.strip();
    }

    /** Upper case, accents removed (Ñ kept, as in the SAT alphabet), anything not a letter, digit or '&' a space. */
    static String upperFold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toUpperCase(s.charAt(i));
            switch (c) {
                case 'Á', 'À', 'Ä' -> c = 'A';
                case 'É', 'È', 'Ë' -> c = 'E';
                case 'Í', 'Ì', 'Ï' -> c = 'I';
                case 'Ó', 'Ò', 'Ö' -> c = 'O';
                case 'Ú', 'Ù', 'Ü' -> c = 'U';
                default -> { }
            }
            sb.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == 'Ñ' || c == '&' ? c : ' ');
        }
        return sb.toString();
    }
}
