package mx.recaudo.portfolio.importing;

import java.util.Map;
import java.util.Optional;

/** The obligation kinds the platform stores, and the Spanish ways of writing them found in portfolios. */
final class ObligationKinds {

    static final String INVOICE = "INVOICE";
    static final String LOAN_INSTALLMENT = "LOAN_INSTALLMENT";
    static final String PROMISSORY_NOTE = "PROMISSORY_NOTE";
    static final String CARD = "CARD";
    static final String SERVICE = "SERVICE";

    /** What an obligation is when the file does not say. */
    static final String DEFAULT = INVOICE;

    // Keys as produced by Text.lookupKey: upper case, no accents, letters and digits only.
    private static final Map<String, String> BY_KEY = Map.ofEntries(
            Map.entry("INVOICE", INVOICE), Map.entry("FACTURA", INVOICE),
            Map.entry("LOANINSTALLMENT", LOAN_INSTALLMENT), Map.entry("CREDITO", LOAN_INSTALLMENT),
            Map.entry("PARCIALIDAD", LOAN_INSTALLMENT), Map.entry("PRESTAMO", LOAN_INSTALLMENT),
            Map.entry("PROMISSORYNOTE", PROMISSORY_NOTE), Map.entry("PAGARE", PROMISSORY_NOTE),
            Map.entry("CARD", CARD), Map.entry("TARJETA", CARD), Map.entry("TARJETADECREDITO", CARD),
            Map.entry("SERVICE", SERVICE), Map.entry("SERVICIO", SERVICE));

    private ObligationKinds() {
    }

    /** The stored kind for a written one, or empty when the text is not a known obligation kind. */
    static Optional<String> fromText(String text) {
        if (text == null) return Optional.empty();
        return Optional.ofNullable(BY_KEY.get(Text.lookupKey(text)));
    }
}
