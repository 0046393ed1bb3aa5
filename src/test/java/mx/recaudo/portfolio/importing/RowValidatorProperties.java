package mx.recaudo.portfolio.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class RowValidatorProperties {

    private static final CanonicalColumn[] COLUMNS = CanonicalColumn.values();

    private final RowValidator canonicalValidator = new RowValidator(RowValidatorTest.canonicalLayout());

    @Property
    void aRowOfRandomCellsIsEitherAcceptedOrRejectedWithAtLeastOneError(
            @ForAll("line") long line, @ForAll @Size(max = 30) List<@From("cell") String> cells) {
        assertWellFormed(canonicalValidator.validate(new SourceRow(line, cells)), line);
    }

    @Property
    void aMangledValidRowIsEitherAcceptedOrRejectedWithAtLeastOneError(
            @ForAll("line") long line, @ForAll @Size(max = 8) List<@From("mangling") Tuple2<Integer, String>> manglings) {
        List<String> cells = new ArrayList<>(fullValidRow().cells);
        for (Tuple2<Integer, String> mangling : manglings) cells.set(mangling.get1(), mangling.get2());

        ValidatedRow result = canonicalValidator.validate(new SourceRow(line, cells));

        Statistics.label("outcome").collect(result.getClass().getSimpleName());
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("Accepted").percentage(p -> p > 10);
            coverage.check("Rejected").percentage(p -> p > 10);
        });
        assertWellFormed(result, line);
    }

    @Property
    void anyColumnLayoutIsEitherAcceptedOrRejectedWithAtLeastOneError(
            @ForAll("layout") Map<CanonicalColumn, Integer> layout,
            @ForAll @Size(max = 25) List<@From("cell") String> cells) {
        assertWellFormed(new RowValidator(layout).validate(new SourceRow(2, cells)), 2);
    }

    private static void assertWellFormed(ValidatedRow result, long line) {
        assertThat(result.line()).isEqualTo(line);
        switch (result) {
            case ValidatedRow.Accepted accepted -> {
                assertThat(accepted.warnings()).allSatisfy(issue -> assertIssue(issue, Severity.WARNING, line));
                assertThat(accepted.customer().externalId()).isNotBlank().hasSizeLessThanOrEqualTo(100);
                assertThat(accepted.customer().name()).isNotBlank();
                assertThat(accepted.customer().customerType()).isIn("PERSON", "COMPANY");
                assertThat(accepted.obligation().externalId()).isNotBlank().hasSizeLessThanOrEqualTo(100);
                assertThat(accepted.obligation().kind()).isNotNull();
                assertThat(accepted.obligation().currency()).hasSize(3);
                assertThat(accepted.obligation().dueDate()).isNotNull();
                assertMoney(accepted.obligation().balance());
                if (accepted.obligation().originalAmount() != null) assertMoney(accepted.obligation().originalAmount());
            }
            case ValidatedRow.Rejected rejected -> {
                assertThat(rejected.errors()).isNotEmpty()
                        .allSatisfy(issue -> assertIssue(issue, Severity.ERROR, line));
                assertThat(rejected.warnings()).allSatisfy(issue -> assertIssue(issue, Severity.WARNING, line));
            }
        }
    }

    private static void assertIssue(ImportIssue issue, Severity severity, long line) {
        assertThat(issue.severity()).isEqualTo(severity);
        assertThat(issue.row()).isEqualTo(line);
        assertThat(CanonicalColumn.fromHeader(issue.column())).isPresent();
        assertThat(issue.value()).isNotNull();
        assertThat(issue.reasonEs()).isNotBlank();
        assertThat(issue.reasonEn()).isNotBlank();
    }

    private static void assertMoney(BigDecimal amount) {
        assertThat(amount.scale()).isEqualTo(2);
        assertThat(amount.signum()).isNotNegative();
    }

    @Provide
    Arbitrary<Long> line() {
        return Arbitraries.longs().between(2, 2_000_000);
    }

    /** Values seen in real files, values close to them, and plain noise, including nulls and huge values. */
    @Provide
    Arbitrary<String> cell() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", " ", "\t", "N/A", "-", "0", "MXN", "mxn", "usd", "XXX", "persona",
                        "MORAL", "alien", "factura", "Pagaré", "hipoteca", "CDMX", "Texas", "GODE561231GR8",
                        "ABC680524P76", "juan@gmail.com", "juan@gmail", "55 1234 5678; 123 / +1 212 555 0123",
                        "2025-12-31", "31/02/2025", "31/12/25", "1900-01-01", "$1,234.50", "(1,234.50)", "1,23,4",
                        "12.345", "0.125", "x".repeat(101), "\u0000", "\uD800", "\uFEFF5")),
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.just("9".repeat(100_000))),
                Tuple.of(3, Arbitraries.strings().withChars("0123456789.,-+$() /:;|@T").ofMaxLength(25)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(40)));
    }

    @Provide
    Arbitrary<Tuple2<Integer, String>> mangling() {
        return Arbitraries.integers().between(0, COLUMNS.length - 1).flatMap(index ->
                cell().map(value -> Tuple.of(index, value)));
    }

    /** Column positions as a mapping step might produce them, including absent, negative and out-of-row ones. */
    @Provide
    Arbitrary<Map<CanonicalColumn, Integer>> layout() {
        return Arbitraries.integers().between(-3, 40).list().ofSize(COLUMNS.length).map(indexes -> {
            Map<CanonicalColumn, Integer> layout = new EnumMap<>(CanonicalColumn.class);
            for (int i = 0; i < COLUMNS.length; i++) if (indexes.get(i) != -3) layout.put(COLUMNS[i], indexes.get(i));
            return layout;
        });
    }

    private static RowValidatorTest.Row fullValidRow() {
        return RowValidatorTest.validRow()
                .with(CanonicalColumn.CUSTOMER_TYPE, "FISICA")
                .with(CanonicalColumn.TAX_ID, "GODE561231GR8")
                .with(CanonicalColumn.CUSTOMER_SINCE, "01/01/2020")
                .with(CanonicalColumn.PHONE, "55 1234 5678")
                .with(CanonicalColumn.EMAIL, "juan@example.com")
                .with(CanonicalColumn.WHATSAPP, "5512345678")
                .with(CanonicalColumn.ADDRESS, "Av. Reforma 1")
                .with(CanonicalColumn.STATE, "Jalisco")
                .with(CanonicalColumn.POSTAL_CODE, "44100")
                .with(CanonicalColumn.OBLIGATION_KIND, "CREDITO")
                .with(CanonicalColumn.PRODUCT, "Nómina")
                .with(CanonicalColumn.ORIGINAL_AMOUNT, "10,000.00")
                .with(CanonicalColumn.ISSUE_DATE, "2025-01-01");
    }
}
