package mx.recaudo.portfolio.importing;

import static mx.recaudo.portfolio.importing.CanonicalColumn.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one source row into validated customer and obligation data, or rejects it with every reason found.
 * <p>
 * ERROR rejects the row; WARNING keeps it (a bad contact point is dropped, a doubtful value kept as given).
 * Cells are stripped, and empty cells count as absent. Never throws, whatever the row holds. Thread-safe and
 * meant to be created once per file: it precomputes everything it can.
 */
final class RowValidator {

    static final int MAX_ID_LENGTH = 100;
    static final int AMOUNT_SCALE = 2;
    /** The columns are numeric(19,2): 17 digits before the decimal point. */
    static final int MAX_AMOUNT_INTEGER_DIGITS = 17;

    private static final Set<String> CURRENCY_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private final int[] indexByColumn = new int[CanonicalColumn.values().length];
    private final ContactValidator contacts;

    /** @param columnIndexes where each canonical column is in the source row; absent or negative = not in the file */
    RowValidator(Map<CanonicalColumn, Integer> columnIndexes) {
        this(columnIndexes, new PhoneNormalizer());
    }

    RowValidator(Map<CanonicalColumn, Integer> columnIndexes, PhoneNormalizer phoneNormalizer) {
        Arrays.fill(indexByColumn, -1);
        if (columnIndexes != null) {
            columnIndexes.forEach((column, index) -> {
                if (column != null && index != null) indexByColumn[column.ordinal()] = index;
            });
        }
        this.contacts = new ContactValidator(phoneNormalizer);
    }

    ValidatedRow validate(SourceRow row) {
        if (row == null) {
            return new ValidatedRow.Rejected(0, List.of(ImportIssue.error(0, "", "",
                    "No hay fila que validar", "There is no row to validate")), List.of());
        }
        Cells cells = new Cells(row);
        RowIssues issues = new RowIssues(row.line());
        CustomerData customer = customer(cells, issues);
        ObligationData obligation = obligation(cells, issues);
        if (issues.hasErrors()) return new ValidatedRow.Rejected(row.line(), issues.errors(), issues.warnings());
        return new ValidatedRow.Accepted(row.line(), customer, obligation, issues.warnings());
    }

    private CustomerData customer(Cells cells, RowIssues issues) {
        String id = identifier(cells, CUSTOMER_ID, issues);
        String name = required(cells, CUSTOMER_NAME, issues);
        String taxId = taxId(cells, issues);
        String type = customerType(cells, taxId, issues);
        LocalDate since = date(cells, CUSTOMER_SINCE, false, issues);
        return new CustomerData(id, name, type, taxId, since,
                contacts.phones(cells.raw(PHONE), issues),
                contacts.email(cells.raw(EMAIL), issues),
                contacts.whatsapp(cells.raw(WHATSAPP), issues),
                cells.text(ADDRESS),
                contacts.state(cells.raw(STATE), issues),
                cells.text(POSTAL_CODE));
    }

    private ObligationData obligation(Cells cells, RowIssues issues) {
        String id = identifier(cells, OBLIGATION_ID, issues);
        String kind = obligationKind(cells, issues);
        String currency = currency(cells, issues);
        BigDecimal originalAmount = amount(cells, ORIGINAL_AMOUNT, false, issues);
        BigDecimal balance = amount(cells, BALANCE, true, issues);
        if (balance != null && originalAmount != null && balance.compareTo(originalAmount) > 0) {
            issues.warning(BALANCE, cells.raw(BALANCE),
                    "El saldo es mayor que el importe original (p. ej., por intereses o comisiones)",
                    "Balance is greater than the original amount (e.g. accrued interest or fees)");
        }
        LocalDate issueDate = date(cells, ISSUE_DATE, false, issues);
        LocalDate dueDate = date(cells, DUE_DATE, true, issues);
        if (issueDate != null && dueDate != null && dueDate.isBefore(issueDate)) {
            issues.error(DUE_DATE, cells.raw(DUE_DATE), "La fecha de vencimiento es anterior a la fecha de emisión",
                    "Due date is before the issue date");
        }
        // The canonical layout has no payment-method column yet.
        return new ObligationData(id, kind, cells.text(PRODUCT), currency, originalAmount, balance, issueDate,
                dueDate, null);
    }

    private static String required(Cells cells, CanonicalColumn column, RowIssues issues) {
        String text = cells.text(column);
        if (text == null) missing(column, issues);
        return text;
    }

    private static String identifier(Cells cells, CanonicalColumn column, RowIssues issues) {
        String id = required(cells, column, issues);
        if (id != null && id.length() > MAX_ID_LENGTH) {
            ColumnLabel label = ColumnLabel.of(column);
            issues.error(column, cells.raw(column), label.esSubject() + " tiene más de " + MAX_ID_LENGTH + " caracteres",
                    label.enSubject() + " is longer than " + MAX_ID_LENGTH + " characters");
            return null;
        }
        return id;
    }

    /** The RFC normalized when it looks valid; otherwise kept as given, with a warning. */
    private static String taxId(Cells cells, RowIssues issues) {
        String text = cells.text(TAX_ID);
        if (text == null) return null;
        String rfc = Rfc.normalize(text);
        if (Rfc.looksValid(rfc)) return rfc;
        issues.warning(TAX_ID, cells.raw(TAX_ID),
                "El RFC no tiene un formato válido (p. ej., GODE561231GR8); se conserva tal como viene",
                "Tax ID does not look like a Mexican RFC (e.g. GODE561231GR8); it was kept as given");
        return text;
    }

    private static String customerType(Cells cells, String taxId, RowIssues issues) {
        String text = cells.text(CUSTOMER_TYPE);
        if (text == null) return CustomerTypes.inferredFromTaxId(taxId == null ? null : Rfc.normalize(taxId));
        return CustomerTypes.fromText(text).orElseGet(() -> {
            issues.error(CUSTOMER_TYPE, cells.raw(CUSTOMER_TYPE),
                    "El tipo de cliente no es válido; use PERSONA (física) o EMPRESA (moral)",
                    "Customer type is not valid; use PERSON or COMPANY");
            return null;
        });
    }

    private static String obligationKind(Cells cells, RowIssues issues) {
        String text = cells.text(OBLIGATION_KIND);
        if (text == null) return ObligationKinds.DEFAULT;
        return ObligationKinds.fromText(text).orElseGet(() -> {
            issues.error(OBLIGATION_KIND, cells.raw(OBLIGATION_KIND),
                    "El tipo de obligación no es válido; use FACTURA, CRÉDITO, PAGARÉ, TARJETA o SERVICIO",
                    "Obligation kind is not valid; use INVOICE, LOAN_INSTALLMENT, PROMISSORY_NOTE, CARD or SERVICE");
            return null;
        });
    }

    private static String currency(Cells cells, RowIssues issues) {
        String text = required(cells, CURRENCY, issues);
        if (text == null) return null;
        String code = text.toUpperCase(Locale.ROOT);
        if (CURRENCY_CODES.contains(code)) return code;
        issues.error(CURRENCY, cells.raw(CURRENCY), "La moneda no es un código ISO 4217 válido (p. ej., MXN o USD)",
                "Currency is not a valid ISO 4217 code (e.g. MXN or USD)");
        return null;
    }

    /** A non-negative amount with scale 2, or {@code null} (with an error when present but unusable). */
    private static BigDecimal amount(Cells cells, CanonicalColumn column, boolean required, RowIssues issues) {
        String text = cells.text(column);
        if (text == null) {
            if (required) missing(column, issues);
            return null;
        }
        ColumnLabel label = ColumnLabel.of(column);
        switch (AmountParser.parse(text)) {
            case ParseResult.Invalid<BigDecimal>(String es, String en) -> {
                issues.error(column, cells.raw(column), label.esSubject() + " no es un importe válido: " + es,
                        label.enSubject() + " is not a valid amount: " + en);
                return null;
            }
            case ParseResult.Parsed<BigDecimal>(BigDecimal value) -> {
                if (value.signum() < 0) {
                    issues.error(column, cells.raw(column), label.esSubject() + " no puede ser negativo",
                            label.enSubject() + " cannot be negative");
                    return null;
                }
                // Trailing zeros are not real decimals: 1234.5000 is 1234.50.
                if (value.stripTrailingZeros().scale() > AMOUNT_SCALE) {
                    issues.error(column, cells.raw(column), label.esSubject() + " tiene más de dos decimales",
                            label.enSubject() + " has more than two decimal places");
                    return null;
                }
                if (value.precision() - value.scale() > MAX_AMOUNT_INTEGER_DIGITS) {
                    issues.error(column, cells.raw(column), label.esSubject() + " es demasiado grande (más de "
                                    + MAX_AMOUNT_INTEGER_DIGITS + " dígitos enteros)",
                            label.enSubject() + " is too large (more than " + MAX_AMOUNT_INTEGER_DIGITS
                                    + " integer digits)");
                    return null;
                }
                return value.setScale(AMOUNT_SCALE);
            }
        }
    }

    /** The date, or {@code null} (with an error when required and absent, or present but unusable). */
    private static LocalDate date(Cells cells, CanonicalColumn column, boolean required, RowIssues issues) {
        String text = cells.text(column);
        if (text == null) {
            if (required) missing(column, issues);
            return null;
        }
        return switch (DateParser.parse(text)) {
            case ParseResult.Parsed<LocalDate>(LocalDate date) -> date;
            case ParseResult.Invalid<LocalDate>(String es, String en) -> {
                ColumnLabel label = ColumnLabel.of(column);
                issues.error(column, cells.raw(column), label.esSubject() + " no es una fecha válida: " + es,
                        label.enSubject() + " is not a valid date: " + en);
                yield null;
            }
        };
    }

    private static void missing(CanonicalColumn column, RowIssues issues) {
        ColumnLabel label = ColumnLabel.of(column);
        issues.error(column, "", "Falta " + label.es(), label.enSubject() + " is missing");
    }

    /** The cells of one row by canonical column. */
    private final class Cells {
        private final List<String> values;

        Cells(SourceRow row) {
            this.values = row.values() == null ? List.of() : row.values();
        }

        /** The cell exactly as read, or {@code null} when the column is not in the file or the row is short. */
        String raw(CanonicalColumn column) {
            int index = indexByColumn[column.ordinal()];
            return index >= 0 && index < values.size() ? values.get(index) : null;
        }

        /** The stripped cell, or {@code null} when absent or empty. */
        String text(CanonicalColumn column) {
            return Text.stripToNull(raw(column));
        }
    }
}
