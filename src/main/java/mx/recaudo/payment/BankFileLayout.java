package mx.recaudo.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a bank's statement CSV is laid out. Each column is named by its header text or by its 1-based
 * position ("3"); only amount is required, and at least one of reference, CLABE (of the account
 * paid into) or amount matching identifies the customer. Amounts may be written {@code 1,234.50}
 * (default) or {@code 1.234,50} ({@code decimalComma}); dates in {@code dateFormat}.
 */
public record BankFileLayout(String name, Character delimiter, Boolean header, String dateColumn, String amountColumn,
                             String referenceColumn, String clabeColumn, String conceptColumn, String currencyColumn,
                             String dateFormat, Boolean decimalComma, String defaultCurrency, Boolean matchByAmount) {
    public BankFileLayout {
        if (name == null || name.isBlank()) name = "default";
        if (delimiter == null) delimiter = ',';
        if (header == null) header = true;
        if (amountColumn == null || amountColumn.isBlank()) amountColumn = "amount";
        if (dateFormat == null || dateFormat.isBlank()) dateFormat = "yyyy-MM-dd";
        if (decimalComma == null) decimalComma = false;
        if (defaultCurrency == null || defaultCurrency.isBlank()) defaultCurrency = "MXN";
        if (matchByAmount == null) matchByAmount = true;
        DateTimeFormatter.ofPattern(dateFormat); // refuses a bad pattern now, not on line 1
    }

    /** The canonical layout: header {@code date,amount,currency,reference,clabe,concept}. */
    public static BankFileLayout standard() {
        return new BankFileLayout("standard", ',', true, "date", "amount", "reference", "clabe", "concept", "currency",
                null, false, "MXN", true);
    }

    /** Column positions (0-based, -1 = absent) resolved against a header (or positions). */
    record Columns(int date, int amount, int reference, int clabe, int concept, int currency) {}

    Columns resolve(List<String> headerCells) {
        return new Columns(index(dateColumn, headerCells), requireIndex(amountColumn, headerCells),
                index(referenceColumn, headerCells), index(clabeColumn, headerCells), index(conceptColumn, headerCells),
                index(currencyColumn, headerCells));
    }

    private int requireIndex(String column, List<String> headerCells) {
        int i = index(column, headerCells);
        if (i < 0) throw new IllegalArgumentException("The file has no column '" + column + "'");
        return i;
    }

    private int index(String column, List<String> headerCells) {
        if (column == null || column.isBlank()) return -1;
        String c = column.strip();
        if (c.matches("\\d{1,3}")) return Integer.parseInt(c) - 1;
        if (headerCells == null) return -1;
        for (int i = 0; i < headerCells.size(); i++) {
            if (headerCells.get(i).strip().equalsIgnoreCase(c)) return i;
        }
        return -1;
    }

    Optional<BigDecimal> amount(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip().replace("$", "").replace(" ", "");
        t = decimalComma ? t.replace(".", "").replace(',', '.') : t.replace(",", "");
        try {
            BigDecimal v = new BigDecimal(t);
            return v.signum() > 0 && v.stripTrailingZeros().scale() <= 2 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(text.strip(), DateTimeFormatter.ofPattern(dateFormat, Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
