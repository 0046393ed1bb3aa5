package mx.recaudo.portfolio.importing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalizes phone numbers to E.164 with libphonenumber, reading numbers without a country code as Mexican.
 * Never throws on bad input. Thread-safe; create one and reuse it.
 * <p>
 * Mexico dropped its dialing prefixes in August 2019 and libphonenumber's metadata no longer knows them, so
 * it rejects numbers still written the old way. They are common in older portfolios, so they are handled
 * here: {@code +52 1 55 1234 5678} (mobile "1"), {@code 044 55…}/{@code 045 55…} (mobile from a landline)
 * and {@code 01 55…} (long distance) become {@code +525512345678} when the remaining ten digits are valid.
 */
final class PhoneNormalizer {

    static final String DEFAULT_REGION = "MX";

    private static final int MEXICO = 52;
    private static final int MEXICO_OLD_MOBILE = 521;
    private static final long TEN_DIGITS = 10_000_000_000L;
    // libphonenumber refuses longer input anyway; checking first avoids building an exception per huge cell.
    private static final int MAX_LENGTH = 64;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    ParseResult<PhoneNumberData> normalize(String text) {
        String s = Text.strip(text);
        if (s.isEmpty()) return ParseResult.invalid("está vacío", "it is empty");
        if (s.length() > MAX_LENGTH) return notAPhoneNumber();

        PhoneNumber number = plainMexicanNumber(s);
        if (number == null) {
            try {
                number = util.parse(s, DEFAULT_REGION);
            } catch (NumberParseException e) {
                return notAPhoneNumber();
            }
        }
        if (!util.isValidNumber(number)) {
            number = withoutLegacyMexicanPrefix(number);
            if (number == null) {
                return ParseResult.invalid("no es un número válido (revise la lada y la cantidad de dígitos)",
                        "it is not a valid number (check the area code and the number of digits)");
            }
        }
        return ParseResult.parsed(new PhoneNumberData(util.format(number, PhoneNumberFormat.E164),
                util.getNumberType(number).name()));
    }

    /**
     * Reads the bulk of a Mexican portfolio without {@link PhoneNumberUtil#parse}, which costs several times
     * more than validating: ten digits, optionally after {@code +52} or the old {@code +52 1} (which WhatsApp
     * still shows), separated only by blanks, hyphens, dots or parentheses, and not starting with 0 or 1
     * (prefixes libphonenumber would strip). Answers what {@code parse} plus the legacy-prefix rule would,
     * or {@code null} to let {@code parse} decide.
     */
    private static PhoneNumber plainMexicanNumber(String s) {
        boolean international = s.charAt(0) == '+';
        long digits = 0;
        int count = 0;
        for (int i = international ? 1 : 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++count > 13) return null;
                digits = digits * 10 + (c - '0');
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return null;
            }
        }
        long national;
        if (international && count == 12 && digits / TEN_DIGITS == MEXICO) national = digits % TEN_DIGITS;
        else if (international && count == 13 && digits / TEN_DIGITS == MEXICO_OLD_MOBILE) national = digits % TEN_DIGITS;
        else if (!international && count == 10) national = digits;
        else return null;
        if (national < 2_000_000_000L) return null;
        return new PhoneNumber().setCountryCode(MEXICO).setNationalNumber(national);
    }

    /** The valid ten-digit Mexican number hidden behind a pre-2019 prefix, or {@code null}. */
    private PhoneNumber withoutLegacyMexicanPrefix(PhoneNumber number) {
        if (number.getCountryCode() != MEXICO) return null;
        String national = util.getNationalSignificantNumber(number);
        String tenDigits;
        if (national.length() == 11 && national.startsWith("1")) tenDigits = national.substring(1);
        else if (national.length() == 13 && (national.startsWith("044") || national.startsWith("045"))) {
            tenDigits = national.substring(3);
        } else if (national.length() == 12 && national.startsWith("01")) tenDigits = national.substring(2);
        else return null;

        PhoneNumber candidate = new PhoneNumber().setCountryCode(MEXICO).setNationalNumber(Long.parseLong(tenDigits));
        if (number.hasExtension()) candidate.setExtension(number.getExtension());
        return util.isValidNumber(candidate) ? candidate : null;
    }

    private static ParseResult<PhoneNumberData> notAPhoneNumber() {
        return ParseResult.invalid("no parece un número telefónico", "it does not look like a phone number");
    }
}
