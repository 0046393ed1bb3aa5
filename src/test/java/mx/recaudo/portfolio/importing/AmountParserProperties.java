package mx.recaudo.portfolio.importing;

import static mx.recaudo.portfolio.importing.ParseResultAssertions.parsedValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AmountParserProperties {

    /** The ways amounts are written in the spreadsheets we import. */
    enum Style {
        PLAIN_DOT("", "", '.', ""),
        PLAIN_COMMA("", "", ',', ""),
        US("", ",", '.', ""),
        EUROPEAN("", ".", ',', ""),
        BLANK_GROUPED_COMMA("", " ", ',', ""),
        BLANK_GROUPED_DOT("", " ", '.', ""),
        NBSP_GROUPED_COMMA("", "\u00A0", ',', ""),
        DOLLAR_US("$", ",", '.', ""),
        MX_DOLLAR_BLANK_GROUPED("MX$ ", " ", ',', ""),
        US_WITH_CODE_SUFFIX("$", ",", '.', " MXN"),
        PADDED("  $ ", "", '.', " ");

        final String prefix;
        final String grouping;
        final char decimal;
        final String suffix;

        Style(String prefix, String grouping, char decimal, String suffix) {
            this.prefix = prefix;
            this.grouping = grouping;
            this.decimal = decimal;
            this.suffix = suffix;
        }

        String format(BigDecimal amount, boolean parenthesesForNegative) {
            String plain = amount.abs().toPlainString();
            int point = plain.indexOf('.');
            String integer = point < 0 ? plain : plain.substring(0, point);
            String body = prefix + group(integer) + (point < 0 ? "" : decimal + plain.substring(point + 1)) + suffix;
            if (amount.signum() >= 0) return body;
            return parenthesesForNegative ? "(" + body + ")" : "-" + body;
        }

        private String group(String integer) {
            if (grouping.isEmpty()) return integer;
            StringBuilder grouped = new StringBuilder(integer);
            for (int i = integer.length() - 3; i > 0; i -= 3) grouped.insert(i, grouping);
            return grouped.toString();
        }
    }

    @Property
    void anAmountFormattedInAnySupportedStyleParsesBackToTheSameValueAndScale(
            @ForAll("amounts") BigDecimal amount, @ForAll Style style, @ForAll boolean parenthesesForNegative) {
        Assume.that(!isReadAsThousandsByDesign(amount));
        String text = style.format(amount, parenthesesForNegative);

        assertThat(parsedValue(AmountParser.parse(text))).as(text).isEqualTo(amount);
    }

    @Property
    void aLoneSeparatorAfterOneToThreeDigitsAndBeforeExactlyThreeIsReadAsThousands(
            @ForAll @IntRange(min = 1, max = 999) int thousands, @ForAll @IntRange(min = 0, max = 999) int units,
            @ForAll boolean comma) {
        String text = thousands + (comma ? "," : ".") + String.format("%03d", units);

        assertThat(parsedValue(AmountParser.parse(text))).isEqualTo(BigDecimal.valueOf(thousands * 1000L + units));
    }

    @Property
    void neverThrowsOnArbitraryText(@ForAll String text) {
        assertThat(AmountParser.parse(text)).isNotNull();
    }

    @Property
    void neverThrowsOnAmountLikeTextAndNeverKeepsMoreThanFourDecimals(@ForAll("amountLikeText") String text) {
        if (AmountParser.parse(text) instanceof ParseResult.Parsed<BigDecimal>(BigDecimal value)) {
            assertThat(value.scale()).isBetween(0, AmountParser.MAX_FRACTION_DIGITS);
        }
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.integers().between(0, AmountParser.MAX_FRACTION_DIGITS).flatMap(scale ->
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("-1000000000000000"), new BigDecimal("1000000000000000"))
                        .ofScale(scale));
    }

    @Provide
    Arbitrary<String> amountLikeText() {
        return Arbitraries.strings().withChars("0123456789.,., -+$()MXNUSD\u00A0").ofMaxLength(30);
    }

    /** {@code 12.345}: a single separator followed by three digits, which AmountParser reads as thousands. */
    private static boolean isReadAsThousandsByDesign(BigDecimal amount) {
        BigDecimal integer = amount.abs().setScale(0, java.math.RoundingMode.DOWN);
        return amount.scale() == 3 && integer.signum() > 0 && integer.compareTo(BigDecimal.valueOf(1000)) < 0;
    }
}
