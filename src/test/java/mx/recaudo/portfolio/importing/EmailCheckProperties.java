package mx.recaudo.portfolio.importing;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.web.api.Web;

class EmailCheckProperties {

    @Property
    void neverThrowsOnArbitraryText(@ForAll String text) {
        assertThat(EmailCheck.check(text)).isNotNull();
    }

    @Property
    void acceptsTheUnquotedAddressesWithDomainNamesThatJqwikGenerates(@ForAll("rfcAddresses") String address) {
        assertThat(EmailCheck.check(address)).isInstanceOf(ParseResult.Parsed.class);
    }

    @Property
    void checkingAnAcceptedAddressAgainGivesTheSameAddress(@ForAll("emailLikeText") String text) {
        Statistics.label("accepted").collect(EmailCheck.check(text) instanceof ParseResult.Parsed);
        Statistics.label("accepted").coverage(coverage -> coverage.check(true).percentage(p -> p > 10));
        if (EmailCheck.check(text) instanceof ParseResult.Parsed<String>(String email)) {
            assertThat(EmailCheck.check(email)).isEqualTo(ParseResult.parsed(email));
            assertThat(email).hasSizeLessThanOrEqualTo(EmailCheck.MAX_LENGTH).containsOnlyOnce("@");
        }
    }

    /**
     * RFC-valid addresses, minus two kinds EmailCheck rejects on purpose: longer than 254 characters (the
     * limit of an SMTP path), and with a top-level domain that is not alphabetic ({@code a@a.a0}), which in
     * real files is a typo ({@code juan@gmail.c0m}).
     */
    @Provide
    Arbitrary<String> rfcAddresses() {
        return Web.emails().filter(address -> address.length() <= EmailCheck.MAX_LENGTH
                && hasAlphabeticTopLevelDomain(address));
    }

    private static boolean hasAlphabeticTopLevelDomain(String address) {
        String tld = address.substring(address.lastIndexOf('.') + 1);
        return tld.length() >= 2 && tld.chars().allMatch(Character::isLetter);
    }

    /** Mostly address-shaped text, with the typos found in real files. */
    @Provide
    Arbitrary<String> emailLikeText() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcXYZ09.-_+ ,ñ").ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> domain = Combinators.combine(word, Arbitraries.of(".com", ".MX", ".com.mx", "", ".c", ".."))
                .as(String::concat);
        Arbitrary<String> cleanWord = Arbitraries.strings().withChars("abcXYZñ").ofMinLength(1).ofMaxLength(8);
        return Arbitraries.oneOf(
                Combinators.combine(cleanWord, cleanWord, Arbitraries.of(".com", ".MX", ".com.mx"))
                        .as((local, host, tld) -> local + "@" + host + tld),
                Combinators.combine(word, Arbitraries.of("@", "@@", ""), domain).as((l, at, d) -> l + at + d),
                Arbitraries.strings().withChars("abcXYZ09.-_+@ ,ñ").ofMaxLength(20));
    }
}
