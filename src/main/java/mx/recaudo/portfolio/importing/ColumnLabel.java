package mx.recaudo.portfolio.importing;

import java.util.EnumMap;
import java.util.Map;

/**
 * How a column is named in user-facing reasons: Spanish with its article, so that sentences agree in gender
 * ("Falta la moneda", "El saldo no es…"), and English.
 */
record ColumnLabel(String es, String en) {

    private static final Map<CanonicalColumn, ColumnLabel> LABELS = new EnumMap<>(CanonicalColumn.class);

    static {
        LABELS.put(CanonicalColumn.CUSTOMER_ID, new ColumnLabel("el ID del cliente", "customer ID"));
        LABELS.put(CanonicalColumn.CUSTOMER_NAME, new ColumnLabel("el nombre del cliente", "customer name"));
        LABELS.put(CanonicalColumn.CUSTOMER_TYPE, new ColumnLabel("el tipo de cliente", "customer type"));
        LABELS.put(CanonicalColumn.TAX_ID, new ColumnLabel("el RFC", "tax ID (RFC)"));
        LABELS.put(CanonicalColumn.CUSTOMER_SINCE, new ColumnLabel("la fecha de alta del cliente", "customer-since date"));
        LABELS.put(CanonicalColumn.PHONE, new ColumnLabel("el teléfono", "phone number"));
        LABELS.put(CanonicalColumn.EMAIL, new ColumnLabel("el correo electrónico", "email"));
        LABELS.put(CanonicalColumn.WHATSAPP, new ColumnLabel("el número de WhatsApp", "WhatsApp number"));
        LABELS.put(CanonicalColumn.ADDRESS, new ColumnLabel("la dirección", "address"));
        LABELS.put(CanonicalColumn.STATE, new ColumnLabel("el estado", "state"));
        LABELS.put(CanonicalColumn.POSTAL_CODE, new ColumnLabel("el código postal", "postal code"));
        LABELS.put(CanonicalColumn.OBLIGATION_ID, new ColumnLabel("el ID de la obligación", "obligation ID"));
        LABELS.put(CanonicalColumn.OBLIGATION_KIND, new ColumnLabel("el tipo de obligación", "obligation kind"));
        LABELS.put(CanonicalColumn.PRODUCT, new ColumnLabel("el producto", "product"));
        LABELS.put(CanonicalColumn.CURRENCY, new ColumnLabel("la moneda", "currency"));
        LABELS.put(CanonicalColumn.ORIGINAL_AMOUNT, new ColumnLabel("el importe original", "original amount"));
        LABELS.put(CanonicalColumn.BALANCE, new ColumnLabel("el saldo", "balance"));
        LABELS.put(CanonicalColumn.ISSUE_DATE, new ColumnLabel("la fecha de emisión", "issue date"));
        LABELS.put(CanonicalColumn.DUE_DATE, new ColumnLabel("la fecha de vencimiento", "due date"));
    }

    static ColumnLabel of(CanonicalColumn column) {
        return LABELS.get(column);
    }

    /** The Spanish label at the start of a sentence: "El saldo". */
    String esSubject() {
        return capitalize(es);
    }

    /** The English label at the start of a sentence: "Balance". */
    String enSubject() {
        return capitalize(en);
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
