package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** A request to register a promise to pay; {@link #problems()} lists every fault of the request itself. */
public record MakePromise(String customer, BigDecimal amount, String currency, LocalDate dueDate, String channel,
                          String idempotencyKey) {
    public MakePromise {
        if (customer != null) customer = customer.strip();
        if (currency != null) currency = currency.strip().toUpperCase(Locale.ROOT);
        if (channel == null || channel.isBlank()) channel = "API";
        if (idempotencyKey != null && idempotencyKey.isBlank()) idempotencyKey = null;
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
        }
        if (currency == null || !currency.matches("[A-Z]{3}") || !known(currency)) {
            problems.add(new Problem("currency", "Moneda desconocida o faltante (use ISO 4217, p. ej. MXN)",
                    "Unknown or missing currency (use ISO 4217, e.g. MXN)"));
        }
        if (dueDate == null) {
            problems.add(new Problem("dueDate", "Falta la fecha prometida (AAAA-MM-DD)", "The promised date is missing (YYYY-MM-DD)"));
        }
        return problems;
    }

    private static boolean known(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
