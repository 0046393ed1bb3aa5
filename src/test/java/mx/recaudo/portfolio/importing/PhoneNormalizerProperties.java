package mx.recaudo.portfolio.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

class PhoneNormalizerProperties {

    private final PhoneNormalizer normalizer = new PhoneNormalizer();
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    @Property
    void normalizingTheE164OutputAgainGivesTheSameNumberAndType(@ForAll("phoneLikeText") String text) {
        ParseResult<PhoneNumberData> first = normalizer.normalize(text);
        Statistics.label("valid").collect(first instanceof ParseResult.Parsed);
        Statistics.label("valid").coverage(coverage -> coverage.check(true).percentage(p -> p > 30));

        if (first instanceof ParseResult.Parsed<PhoneNumberData>(PhoneNumberData phone)) {
            assertThat(normalizer.normalize(phone.e164())).isEqualTo(first);
        }
    }

    @Property
    void separatorsAndOldDialingPrefixesDoNotChangeTheOutcomeForAMexicanNumber(
            @ForAll("mexicanTenDigits") String digits, @ForAll("decorations") String decoration) {
        String decorated = decorate(digits, decoration);

        assertThat(normalizer.normalize(decorated)).as(decorated).isEqualTo(normalizer.normalize(digits));
    }

    @Property
    void agreesWithLibphonenumberParseOnNumbersWithoutOldDialingPrefixes(@ForAll("punctuatedNumbers") String text) {
        // libphonenumber reads letters as keypad digits ("x" between digits is a 9), so a sample can grow an
        // eleventh digit and turn into the old "1" mobile prefix that the normalizer deliberately accepts.
        Assume.that(!hasOldDialingPrefix(text));
        Optional<PhoneNumberData> expected = libphonenumberAlone(text);
        Statistics.label("valid").collect(expected.isPresent());

        ParseResult<PhoneNumberData> actual = normalizer.normalize(text);

        assertThat(actual instanceof ParseResult.Parsed<PhoneNumberData>(PhoneNumberData phone)
                ? Optional.of(phone) : Optional.empty()).as(text).isEqualTo(expected);
    }

    @Property
    void neverThrowsOnArbitraryText(@ForAll String text) {
        assertThat(normalizer.normalize(text)).isNotNull();
    }

    @Provide
    Arbitrary<String> phoneLikeText() {
        Arbitrary<String> mexican = Combinators.combine(mexicanTenDigits(), decorations()).as(this::decorate);
        Arbitrary<String> foreign = Combinators.combine(
                Arbitraries.of("+1 212 555 ", "+44 20 7946 ", "+34 91 ", "+57 1 ", "+1 (646) 555-"),
                Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(7)).as(String::concat);
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789 +-()./").ofMaxLength(20);
        return Arbitraries.frequencyOf(
                Tuple.of(5, mexican), Tuple.of(2, foreign), Tuple.of(3, noise));
    }

    /** Ten digits, sometimes after a country code, with any of the punctuation people put between them. */
    @Provide
    Arbitrary<String> punctuatedNumbers() {
        Arbitrary<String> punctuatedDigit = Combinators.combine(
                Arbitraries.of("", "", "", " ", "-", ".", "(", ")", "/", "x"),
                Arbitraries.strings().numeric().ofLength(1)).as(String::concat);
        return Combinators.combine(
                Arbitraries.of("", "", "+52", "+52 ", "+1 ", "+44 ", "52", "+"),
                Combinators.combine(Arbitraries.of("2", "3", "4", "5", "6", "7", "8", "9", "0", "1"),
                        punctuatedDigit.list().ofSize(9).map(digits -> String.join("", digits))).as(String::concat))
                .as(String::concat);
    }

    private boolean hasOldDialingPrefix(String text) {
        try {
            String national = util.getNationalSignificantNumber(util.parse(text, "MX"));
            return national.length() == 11 && national.startsWith("1")
                    || national.length() == 12 && national.startsWith("01")
                    || national.length() == 13 && (national.startsWith("044") || national.startsWith("045"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private Optional<PhoneNumberData> libphonenumberAlone(String text) {
        try {
            PhoneNumber number = util.parse(text, "MX");
            if (!util.isValidNumber(number)) return Optional.empty();
            return Optional.of(new PhoneNumberData(util.format(number, PhoneNumberFormat.E164),
                    util.getNumberType(number).name()));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<String> mexicanTenDigits() {
        return Combinators.combine(
                Arbitraries.of("55", "33", "81", "222", "442", "998", "664", "999", "477"),
                Arbitraries.strings().numeric().ofLength(8)).as((area, rest) -> (area + rest).substring(0, 10));
    }

    /** How to dress a ten-digit number: a prefix, then the separator to put between digit groups. */
    @Provide
    Arbitrary<String> decorations() {
        return Combinators.combine(
                Arbitraries.of("", "+52 ", "+52", "52 ", "+52 1 ", "+521", "1 ", "044 ", "045 ", "01 "),
                Arbitraries.of("", " ", "-", ".", " - ")).as((prefix, separator) -> prefix + "|" + separator);
    }

    private String decorate(String digits, String decoration) {
        int bar = decoration.indexOf('|');
        String prefix = decoration.substring(0, bar);
        String separator = decoration.substring(bar + 1);
        return prefix + "(" + digits.substring(0, 2) + ")" + separator + digits.substring(2, 6) + separator
                + digits.substring(6);
    }
}
