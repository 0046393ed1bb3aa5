package mx.recaudo.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * A request to post a payment for a customer (by external id). The idempotency key names the request:
 * posting it again answers the payment already made. Validates itself; {@link #problems()} lists
 * every fault at once.
 */
public record PostPayment(String customer, BigDecimal amount, String currency, String reference, Instant receivedAt,
                          String idempotencyKey, Channel channel) {
    public enum Channel { API, WEB, BANK_FILE, LINK }

    public PostPayment {
        if (customer != null) customer = customer.strip();
        if (currency != null) currency = currency.strip().toUpperCase(Locale.ROOT);
        if (reference != null) reference = reference.strip().isEmpty() ? null : reference.strip();
        if (idempotencyKey != null) idempotencyKey = idempotencyKey.strip();
        if (channel == null) channel = Channel.API;
    }

    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (customer == null || customer.isEmpty()) {
            problems.add(new Problem("customer", "Falta el cliente (id externo)", "The customer (external id) is missing"));
        }
        if (amount == null) {
            problems.add(new Problem("amount", "Falta el importe", "The amount is missing"));
        } else if (amount.signum() <= 0) {
            problems.add(new Problem("amount", "El importe debe ser mayor que cero", "The amount must be greater than zero"));
        } else if (amount.stripTrailingZeros().scale() > 2) {
            problems.add(new Problem("amount", "El importe admite a lo más dos decimales", "The amount takes two decimals at most"));
        } else if (amount.compareTo(new BigDecimal("99999999999999999.99")) > 0) {
            problems.add(new Problem("amount", "El importe es demasiado grande", "The amount is too large"));
        }
        if (currency == null || currency.isEmpty()) {
            problems.add(new Problem("currency", "Falta la moneda", "The currency is missing"));
        } else if (!validCurrency(currency)) {
            problems.add(new Problem("currency", "Moneda desconocida: " + currency + " (use ISO 4217, p. ej. MXN)",
                    "Unknown currency: " + currency + " (use ISO 4217, e.g. MXN)"));
        }
        if (reference != null && reference.length() > 100) {
            problems.add(new Problem("reference", "La referencia admite 100 caracteres", "The reference takes 100 characters at most"));
        }
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            problems.add(new Problem("Idempotency-Key", "Falta la clave de idempotencia (encabezado Idempotency-Key)",
                    "The idempotency key is missing (Idempotency-Key header)"));
        } else if (idempotencyKey.length() > 200) {
            problems.add(new Problem("Idempotency-Key", "La clave de idempotencia admite 200 caracteres",
                    "The idempotency key takes 200 characters at most"));
        }
        return problems;
    }

    /** The fingerprint of what was asked (not of the key): the same key with another body is refused. */
    String fingerprint() {
        return String.join("|", customer, amount.stripTrailingZeros().toPlainString(), currency,
                reference == null ? "" : reference, receivedAt == null ? "" : receivedAt.toString());
    }

    static boolean validCurrency(String code) {
        try {
            Currency.getInstance(code);
            return code.matches("[A-Z]{3}");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
