package mx.recaudo.portfolio.importing;

import java.util.Locale;
import java.util.Optional;

/** The canonical import columns; a file with this header needs no mapping. */
public enum CanonicalColumn {
    CUSTOMER_ID(true), CUSTOMER_NAME(true), CUSTOMER_TYPE(false), TAX_ID(false), CUSTOMER_SINCE(false),
    PHONE(false), EMAIL(false), WHATSAPP(false), ADDRESS(false), STATE(false), POSTAL_CODE(false),
    OBLIGATION_ID(true), OBLIGATION_KIND(false), PRODUCT(false), CURRENCY(true), ORIGINAL_AMOUNT(false),
    BALANCE(true), ISSUE_DATE(false), DUE_DATE(true);

    private final boolean required;

    CanonicalColumn(boolean required) { this.required = required; }

    public boolean required() { return required; }

    /** The header name as written in a canonical CSV, e.g. {@code customer_id}. */
    public String header() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<CanonicalColumn> fromHeader(String header) {
        if (header == null) return Optional.empty();
        String h = header.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        for (CanonicalColumn c : values()) if (c.header().equals(h)) return Optional.of(c);
        return Optional.empty();
    }
}
