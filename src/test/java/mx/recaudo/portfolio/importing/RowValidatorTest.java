package mx.recaudo.portfolio.importing;

import static mx.recaudo.portfolio.importing.CanonicalColumn.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowValidatorTest {

    private static final long LINE = 7;

    private final RowValidator validator = new RowValidator(canonicalLayout());

    @Test
    void acceptsACompleteRowAndNormalizesEveryField() {
        ValidatedRow.Accepted accepted = accepted(validRow()
                .with(CUSTOMER_TYPE, "persona física")
                .with(TAX_ID, "gode-561231-gr8")
                .with(CUSTOMER_SINCE, "15/03/2020")
                .with(PHONE, "(55) 1234-5678; +52 1 33 1234 5678")
                .with(EMAIL, "Juan.Perez@GMAIL.com")
                .with(WHATSAPP, "+52 1 55 1234 5678")
                .with(ADDRESS, "  Av. Reforma 1  ")
                .with(STATE, "cdmx")
                .with(POSTAL_CODE, "06600")
                .with(OBLIGATION_KIND, "Pagaré")
                .with(PRODUCT, "Crédito simple")
                .with(CURRENCY, "mxn")
                .with(ORIGINAL_AMOUNT, "$10,000.00")
                .with(BALANCE, "1.234,5")
                .with(ISSUE_DATE, "2025-01-15 00:00:00")
                .with(DUE_DATE, "15/02/2025"));

        assertThat(accepted.line()).isEqualTo(LINE);
        assertThat(accepted.warnings()).isEmpty();
        assertThat(accepted.customer()).isEqualTo(new CustomerData("C-1", "Juan Pérez", "PERSON", "GODE561231GR8",
                LocalDate.of(2020, 3, 15),
                List.of(new PhoneNumberData("+525512345678", "FIXED_LINE_OR_MOBILE"),
                        new PhoneNumberData("+523312345678", "FIXED_LINE_OR_MOBILE")),
                "Juan.Perez@gmail.com", "+525512345678", "Av. Reforma 1", "Ciudad de México", "06600"));
        assertThat(accepted.obligation()).isEqualTo(new ObligationData("F-1", "PROMISSORY_NOTE", "Crédito simple",
                "MXN", new BigDecimal("10000.00"), new BigDecimal("1234.50"), LocalDate.of(2025, 1, 15),
                LocalDate.of(2025, 2, 15), null));
    }

    @Test
    void acceptsAFileWithOnlyTheRequiredColumnsAndFillsDefaults() {
        Map<CanonicalColumn, Integer> requiredOnly = new EnumMap<>(CanonicalColumn.class);
        List<String> cells = new ArrayList<>();
        for (CanonicalColumn column : CanonicalColumn.values()) {
            if (!column.required()) continue;
            requiredOnly.put(column, cells.size());
            cells.add(validRow().cells.get(column.ordinal()));
        }

        ValidatedRow result = new RowValidator(requiredOnly).validate(new SourceRow(LINE, cells));

        ValidatedRow.Accepted accepted = (ValidatedRow.Accepted) result;
        assertThat(accepted.customer().customerType()).isEqualTo("PERSON");
        assertThat(accepted.customer().phones()).isEmpty();
        assertThat(accepted.obligation().kind()).isEqualTo("INVOICE");
        assertThat(accepted.obligation().originalAmount()).isNull();
        assertThat(accepted.obligation().balance()).isEqualTo(new BigDecimal("1500.00"));
    }

    @Test
    void describesEachIssueWithLineColumnOriginalValueSeverityAndReasonsInBothLanguages() {
        ValidatedRow.Rejected rejected = rejected(validRow().with(BALANCE, " 12abc "));

        assertThat(rejected.errors()).singleElement().isEqualTo(new ImportIssue(LINE, "balance", " 12abc ",
                Severity.ERROR, "El saldo no es un importe válido: contiene letras",
                "Balance is not a valid amount: it contains letters"));
    }

    @Test
    void rejectsARowWithEveryReasonNotJustTheFirst() {
        ValidatedRow.Rejected rejected = rejected(new Row()
                .with(CUSTOMER_TYPE, "alien")
                .with(OBLIGATION_KIND, "hipoteca")
                .with(CURRENCY, "pesos")
                .with(ORIGINAL_AMOUNT, "-5")
                .with(BALANCE, "12.3456")
                .with(ISSUE_DATE, "31/02/2025")
                .with(CUSTOMER_SINCE, "ayer")
                .with(DUE_DATE, "2025-13-01")
                .with(EMAIL, "no-es-correo"));

        assertThat(rejected.errors()).extracting(ImportIssue::column).containsExactlyInAnyOrder(
                "customer_id", "customer_name", "customer_type", "customer_since", "obligation_id",
                "obligation_kind", "currency", "original_amount", "balance", "issue_date", "due_date");
        assertThat(rejected.errors()).allSatisfy(issue -> {
            assertThat(issue.severity()).isEqualTo(Severity.ERROR);
            assertThat(issue.row()).isEqualTo(LINE);
        });
        assertThat(rejected.warnings()).extracting(ImportIssue::column).containsExactly("email");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CUSTOMER_ID     | Falta el ID del cliente        | Customer ID is missing",
            "CUSTOMER_NAME   | Falta el nombre del cliente    | Customer name is missing",
            "OBLIGATION_ID   | Falta el ID de la obligación   | Obligation ID is missing",
            "BALANCE         | Falta el saldo                 | Balance is missing",
            "CURRENCY        | Falta la moneda                | Currency is missing",
            "DUE_DATE        | Falta la fecha de vencimiento  | Due date is missing",
    })
    void rejectsARowMissingARequiredValue(CanonicalColumn column, String es, String en) {
        for (String absent : Arrays.asList(null, "", "   ", "\u00A0\t")) {
            ValidatedRow.Rejected rejected = rejected(validRow().with(column, absent));
            assertThat(rejected.errors()).extracting(ImportIssue::column, ImportIssue::reasonEs, ImportIssue::reasonEn)
                    .containsExactly(tuple(column.header(), es, en));
        }
    }

    @Test
    void rejectsIdentifiersLongerThan100Characters() {
        assertThat(accepted(validRow().with(CUSTOMER_ID, "x".repeat(100))).customer().externalId()).hasSize(100);
        ValidatedRow.Rejected rejected = rejected(validRow().with(CUSTOMER_ID, "x".repeat(101))
                .with(OBLIGATION_ID, "y".repeat(101)));
        assertThat(rejected.errors()).extracting(ImportIssue::reasonEn).containsExactly(
                "Customer ID is longer than 100 characters", "Obligation ID is longer than 100 characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc      | El saldo no es un importe válido: contiene letras",
            "-1       | El saldo no puede ser negativo",
            "(100.00) | El saldo no puede ser negativo",
            "1234.505 | El saldo tiene más de dos decimales",
            "0.125    | El saldo tiene más de dos decimales",
            "1,23,4   | El saldo no es un importe válido: los separadores de miles o decimales no son consistentes",
    })
    void rejectsABalanceThatIsNotAUsableAmount(String balance, String reasonEs) {
        assertThat(rejected(validRow().with(BALANCE, balance)).errors())
                .extracting(ImportIssue::column, ImportIssue::reasonEs).containsExactly(tuple("balance", reasonEs));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc   | Original amount is not a valid amount: it contains letters",
            "-0.01 | Original amount cannot be negative",
            "1999.999 | Original amount has more than two decimal places",
            "123456789012345678 | Original amount is too large (more than 17 integer digits)",
    })
    void rejectsAnOriginalAmountThatIsNotAUsableAmount(String amount, String reasonEn) {
        assertThat(rejected(validRow().with(ORIGINAL_AMOUNT, amount)).errors())
                .extracting(ImportIssue::column, ImportIssue::reasonEn)
                .containsExactly(tuple("original_amount", reasonEn));
    }

    @Test
    void storesAmountsWithTwoDecimalsIgnoringTrailingZeros() {
        ObligationData obligation = accepted(validRow().with(BALANCE, "1234.5000").with(ORIGINAL_AMOUNT, "2000"))
                .obligation();
        assertThat(obligation.balance()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(obligation.originalAmount()).isEqualTo(new BigDecimal("2000.00"));
    }

    @Test
    void readsASingleSeparatorFollowedByThreeDigitsAsThousandsAsAmountParserDocuments() {
        assertThat(accepted(validRow().with(BALANCE, "1.999")).obligation().balance())
                .isEqualTo(new BigDecimal("1999.00"));
    }

    @Test
    void acceptsTheLargestAmountTheDatabaseHolds() {
        assertThat(accepted(validRow().with(BALANCE, "99999999999999999.99").with(ORIGINAL_AMOUNT, "99999999999999999.99"))
                .obligation().balance()).isEqualTo(new BigDecimal("99999999999999999.99"));
    }

    @Test
    void acceptsAZeroBalance() {
        assertThat(accepted(validRow().with(BALANCE, "0")).obligation().balance()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void warnsButKeepsABalanceGreaterThanTheOriginalAmount() {
        ValidatedRow.Accepted accepted = accepted(validRow().with(ORIGINAL_AMOUNT, "1000").with(BALANCE, "1200.50"));
        assertThat(accepted.obligation().balance()).isEqualTo(new BigDecimal("1200.50"));
        assertThat(accepted.warnings()).extracting(ImportIssue::column, ImportIssue::value, ImportIssue::severity)
                .containsExactly(tuple("balance", "1200.50", Severity.WARNING));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXN", "mxn", " usd ", "Eur"})
    void acceptsIso4217CurrencyCodesInAnyCase(String currency) {
        assertThat(accepted(validRow().with(CURRENCY, currency)).obligation().currency())
                .isEqualTo(currency.strip().toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PESOS", "MX", "$", "MXNN", "ABC"})
    void rejectsCurrenciesThatAreNotIso4217Codes(String currency) {
        assertThat(rejected(validRow().with(CURRENCY, currency)).errors()).extracting(ImportIssue::reasonEn)
                .containsExactly("Currency is not a valid ISO 4217 code (e.g. MXN or USD)");
    }

    @Test
    void rejectsUnparsableDatesNamingTheColumnAndTheCause() {
        ValidatedRow.Rejected rejected = rejected(validRow().with(DUE_DATE, "31/02/2025")
                .with(ISSUE_DATE, "31/12/25").with(CUSTOMER_SINCE, "ayer"));
        assertThat(rejected.errors()).extracting(ImportIssue::reasonEs).containsExactlyInAnyOrder(
                "La fecha de vencimiento no es una fecha válida: febrero de 2025 no tiene día 31",
                "La fecha de emisión no es una fecha válida: el año debe tener cuatro dígitos",
                "La fecha de alta del cliente no es una fecha válida: no tiene un formato de fecha reconocido "
                        + "(use AAAA-MM-DD o DD/MM/AAAA)");
    }

    @Test
    void rejectsADueDateBeforeTheIssueDate() {
        assertThat(rejected(validRow().with(ISSUE_DATE, "2025-03-01").with(DUE_DATE, "28/02/2025")).errors())
                .extracting(ImportIssue::column, ImportIssue::reasonEn)
                .containsExactly(tuple("due_date", "Due date is before the issue date"));
        accepted(validRow().with(ISSUE_DATE, "2025-03-01").with(DUE_DATE, "01/03/2025"));
    }

    @ParameterizedTest
    @CsvSource({"PERSON, PERSON", "persona, PERSON", "Física, PERSON", "FISICA, PERSON", "Persona Física, PERSON",
            "COMPANY, COMPANY", "moral, COMPANY", "Persona moral, COMPANY", "EMPRESA, COMPANY"})
    void acceptsCustomerTypesInEnglishOrSpanish(String written, String stored) {
        assertThat(accepted(validRow().with(CUSTOMER_TYPE, written)).customer().customerType()).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NONE", value = {"NONE, PERSON", "GODE561231GR8, PERSON", "ABC680524P76, COMPANY",
            "ABC-680524-P76, COMPANY"})
    void infersTheCustomerTypeFromTheRfcLengthWhenNotGiven(String taxId, String type) {
        assertThat(accepted(validRow().with(TAX_ID, taxId)).customer().customerType()).isEqualTo(type);
    }

    @Test
    void rejectsAnUnknownCustomerType() {
        assertThat(rejected(validRow().with(CUSTOMER_TYPE, "gobierno")).errors()).extracting(ImportIssue::reasonEn)
                .containsExactly("Customer type is not valid; use PERSON or COMPANY");
    }

    @ParameterizedTest
    @CsvSource({"INVOICE, INVOICE", "factura, INVOICE", "LOAN_INSTALLMENT, LOAN_INSTALLMENT",
            "crédito, LOAN_INSTALLMENT", "CREDITO, LOAN_INSTALLMENT", "Parcialidad, LOAN_INSTALLMENT",
            "PROMISSORY_NOTE, PROMISSORY_NOTE", "pagare, PROMISSORY_NOTE", "PAGARÉ, PROMISSORY_NOTE",
            "card, CARD", "Tarjeta, CARD", "SERVICE, SERVICE", "servicio, SERVICE"})
    void acceptsObligationKindsInEnglishOrSpanish(String written, String stored) {
        assertThat(accepted(validRow().with(OBLIGATION_KIND, written)).obligation().kind()).isEqualTo(stored);
    }

    @Test
    void rejectsAnUnknownObligationKind() {
        assertThat(rejected(validRow().with(OBLIGATION_KIND, "hipoteca")).errors())
                .extracting(ImportIssue::column).containsExactly("obligation_kind");
    }

    @Test
    void validatesEachOfSeveralPhonesAndDropsOnlyTheInvalidOnes() {
        ValidatedRow.Accepted accepted = accepted(validRow()
                .with(PHONE, "55 1234 5678 / 123 | +1 212 555 0123; 5512345678;;"));
        assertThat(accepted.customer().phones()).extracting(PhoneNumberData::e164)
                .containsExactly("+525512345678", "+12125550123");
        assertThat(accepted.warnings()).extracting(ImportIssue::column, ImportIssue::value, ImportIssue::reasonEn)
                .containsExactly(tuple("phone", "123",
                        "Phone number is not valid and was dropped: it is not a valid number "
                                + "(check the area code and the number of digits)"));
    }

    @Test
    void keepsOnlyTheFirstTenPhonesOfACell() {
        String phones = String.join(";", Collections.nCopies(50_000, "55 1234 5678"));
        ValidatedRow.Accepted accepted = accepted(validRow().with(PHONE, phones));
        assertThat(accepted.customer().phones()).hasSize(1);
        assertThat(accepted.warnings()).extracting(ImportIssue::reasonEn)
                .containsExactly("There are more than 10 phone numbers; only the first 10 were kept");
        assertThat(accepted.warnings().getFirst().value()).hasSizeLessThan(300);
    }

    @Test
    void dropsInvalidWhatsappAndEmailWithAWarning() {
        ValidatedRow.Accepted accepted = accepted(validRow().with(WHATSAPP, "12345").with(EMAIL, "juan@gmail"));
        assertThat(accepted.customer().whatsapp()).isNull();
        assertThat(accepted.customer().email()).isNull();
        assertThat(accepted.warnings()).extracting(ImportIssue::column, ImportIssue::severity).containsExactly(
                tuple("email", Severity.WARNING), tuple("whatsapp", Severity.WARNING));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ123", "GODE561231", "GODE5612319R8X", "1234567890123"})
    void warnsButKeepsATaxIdThatDoesNotLookLikeAnRfc(String taxId) {
        ValidatedRow.Accepted accepted = accepted(validRow().with(TAX_ID, " " + taxId));
        assertThat(accepted.customer().taxId()).isEqualTo(taxId);
        assertThat(accepted.warnings()).extracting(ImportIssue::column).containsExactly("tax_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GODE561231GR8", "gode561231gr8", "GODE 561231 GR8", "ÑAÑO800101AB1", "&AB800101XY9",
            "XAXX010101000"})
    void acceptsRfcsOfPeopleAndCompaniesInUpperCase(String taxId) {
        ValidatedRow.Accepted accepted = accepted(validRow().with(TAX_ID, taxId));
        assertThat(accepted.warnings()).isEmpty();
        assertThat(accepted.customer().taxId()).isEqualTo(taxId.toUpperCase().replace(" ", ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CDMX | Ciudad de México", "Ciudad de Mexico | Ciudad de México", "D.F. | Ciudad de México",
            "EDOMEX | Estado de México", "Edo. Méx. | Estado de México", "México | Estado de México",
            "NL | Nuevo León", "nuevo leon | Nuevo León", "N.L. | Nuevo León", "Q. Roo | Quintana Roo",
            "QRO | Querétaro", "queretaro | Querétaro", "Yucatan | Yucatán", "SLP | San Luis Potosí",
            "Veracruz de Ignacio de la Llave | Veracruz", "Coahuila de Zaragoza | Coahuila",
            "Michoacan | Michoacán", "MX-JAL | Jalisco", "jalisco | Jalisco", "BCS | Baja California Sur",
            "Baja California | Baja California", "CHIS | Chiapas", "CHIH | Chihuahua",
    })
    void normalizesMexicanStatesToTheirCanonicalName(String written, String canonical) {
        ValidatedRow.Accepted accepted = accepted(validRow().with(STATE, written));
        assertThat(accepted.customer().state()).isEqualTo(canonical);
        assertThat(accepted.warnings()).isEmpty();
    }

    @Test
    void recognizesAll32States() {
        List<String> states = List.of("Aguascalientes", "Baja California", "Baja California Sur", "Campeche",
                "Chiapas", "Chihuahua", "Ciudad de México", "Coahuila", "Colima", "Durango", "Guanajuato", "Guerrero",
                "Hidalgo", "Jalisco", "Estado de México", "Michoacán", "Morelos", "Nayarit", "Nuevo León", "Oaxaca",
                "Puebla", "Querétaro", "Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco",
                "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas");
        assertThat(states).hasSize(32).allSatisfy(state ->
                assertThat(MexicanStates.canonicalName(state.toUpperCase())).contains(state));
    }

    @Test
    void warnsButKeepsAStateThatIsNotMexican() {
        ValidatedRow.Accepted accepted = accepted(validRow().with(STATE, " Texas "));
        assertThat(accepted.customer().state()).isEqualTo("Texas");
        assertThat(accepted.warnings()).extracting(ImportIssue::column, ImportIssue::value)
                .containsExactly(tuple("state", " Texas "));
    }

    @Test
    void keepsWarningsOnARejectedRow() {
        ValidatedRow.Rejected rejected = rejected(validRow().with(BALANCE, "-1").with(EMAIL, "x"));
        assertThat(rejected.errors()).extracting(ImportIssue::column).containsExactly("balance");
        assertThat(rejected.warnings()).extracting(ImportIssue::column).containsExactly("email");
    }

    @Test
    void treatsCellsBeyondAShortRowAsAbsent() {
        List<String> cells = validRow().cells.subList(0, OBLIGATION_ID.ordinal());
        ValidatedRow.Rejected rejected = (ValidatedRow.Rejected) validator.validate(new SourceRow(LINE, cells));
        assertThat(rejected.errors()).extracting(ImportIssue::column)
                .containsExactly("obligation_id", "currency", "balance", "due_date");
    }

    @Test
    void ignoresExtraCellsInALongRow() {
        List<String> cells = new ArrayList<>(validRow().cells);
        cells.addAll(List.of("extra", "more"));
        assertThat(validator.validate(new SourceRow(LINE, cells))).isInstanceOf(ValidatedRow.Accepted.class);
    }

    @Test
    void rejectsWithoutThrowingWhenTheRowOrItsCellsAreNull() {
        assertThat(validator.validate(null)).isInstanceOf(ValidatedRow.Rejected.class);
        assertThat(validator.validate(new SourceRow(LINE, null))).isInstanceOf(ValidatedRow.Rejected.class);
        assertThat(validator.validate(new SourceRow(LINE, Arrays.asList(new String[40]))))
                .isInstanceOf(ValidatedRow.Rejected.class);
        assertThat(new RowValidator(null).validate(new SourceRow(LINE, List.of("x"))))
                .isInstanceOf(ValidatedRow.Rejected.class);
    }

    @ParameterizedTest
    @EnumSource(CanonicalColumn.class)
    void survivesHugeAndControlCharacterValuesInAnyColumn(CanonicalColumn column) {
        for (String value : List.of("9".repeat(2_000_000), "\u0000\u0001\u001F", "\uD800", "1\u0000234")) {
            ValidatedRow result = validator.validate(validRow().with(column, value).toSourceRow());
            assertThat(result.line()).isEqualTo(LINE);
            if (result instanceof ValidatedRow.Rejected rejected) {
                assertThat(rejected.errors()).isNotEmpty().allSatisfy(issue ->
                        assertThat(issue.value()).hasSizeLessThan(Text.MAX_ISSUE_VALUE_LENGTH + 20));
            }
        }
    }

    private ValidatedRow.Accepted accepted(Row row) {
        ValidatedRow result = validator.validate(row.toSourceRow());
        assertThat(result).as("%s", result).isInstanceOf(ValidatedRow.Accepted.class);
        return (ValidatedRow.Accepted) result;
    }

    private ValidatedRow.Rejected rejected(Row row) {
        ValidatedRow result = validator.validate(row.toSourceRow());
        assertThat(result).as("%s", result).isInstanceOf(ValidatedRow.Rejected.class);
        return (ValidatedRow.Rejected) result;
    }

    /** Every canonical column at the position of its enum ordinal, as in a canonical CSV. */
    static Map<CanonicalColumn, Integer> canonicalLayout() {
        Map<CanonicalColumn, Integer> layout = new EnumMap<>(CanonicalColumn.class);
        for (CanonicalColumn column : CanonicalColumn.values()) layout.put(column, column.ordinal());
        return layout;
    }

    /** A row with only the required values, all valid. */
    static Row validRow() {
        return new Row()
                .with(CUSTOMER_ID, "C-1")
                .with(CUSTOMER_NAME, "Juan Pérez")
                .with(OBLIGATION_ID, "F-1")
                .with(CURRENCY, "MXN")
                .with(BALANCE, "1500")
                .with(DUE_DATE, "2025-12-31");
    }

    /** A row in the canonical layout, built cell by cell. */
    static final class Row {
        final List<String> cells = new ArrayList<>(Collections.nCopies(CanonicalColumn.values().length, ""));

        Row with(CanonicalColumn column, String value) {
            cells.set(column.ordinal(), value);
            return this;
        }

        SourceRow toSourceRow() {
            return new SourceRow(LINE, cells);
        }
    }
}
