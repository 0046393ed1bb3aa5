package mx.recaudo.arrangement;

import mx.recaudo.payment.Problem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An organization's rules for promises to pay: the latest date allowed (days ahead of today), a
 * minimum amount and/or a minimum share of the open balance, how many promises may be open at once,
 * and the grace days after the date during which payments still count. {@link #check} explains every
 * rule a promise breaks, in Spanish and English. Pure Java.
 */
public record PromisePolicy(int maxDaysAhead, BigDecimal minAmount, BigDecimal minShare, int maxOpen, int graceDays) {
    public PromisePolicy {
        if (maxDaysAhead < 0) throw new IllegalArgumentException("maxDaysAhead must be 0 or more");
        if (maxOpen < 1) throw new IllegalArgumentException("maxOpen must be 1 or more");
        if (graceDays < 0) throw new IllegalArgumentException("graceDays must be 0 or more");
        if (minAmount != null && minAmount.signum() < 0) throw new IllegalArgumentException("minAmount must not be negative");
        if (minShare != null && (minShare.signum() < 0 || minShare.compareTo(BigDecimal.ONE) > 0)) {
            throw new IllegalArgumentException("minShare goes from 0 to 1");
        }
    }

    /** What a new promise is checked against, besides the request itself. */
    public record Situation(LocalDate today, BigDecimal openBalance, int openPromises) {}

    public LocalDate graceUntil(LocalDate dueDate) {
        return dueDate.plusDays(graceDays);
    }

    public List<Problem> check(BigDecimal amount, String currency, LocalDate dueDate, Situation s) {
        List<Problem> problems = new ArrayList<>();
        if (dueDate.isBefore(s.today())) {
            problems.add(new Problem("dueDate", "La fecha prometida ya pasó (" + dueDate + ")",
                    "The promised date has passed (" + dueDate + ")"));
        } else if (ChronoUnit.DAYS.between(s.today(), dueDate) > maxDaysAhead) {
            LocalDate latest = s.today().plusDays(maxDaysAhead);
            problems.add(new Problem("dueDate", "La fecha más lejana permitida es " + latest + " (" + maxDaysAhead + " días)",
                    "The latest date allowed is " + latest + " (" + maxDaysAhead + " days)"));
        }
        if (s.openBalance().signum() <= 0) {
            problems.add(new Problem("amount", "El cliente no tiene saldo abierto en " + currency,
                    "The customer has no open balance in " + currency));
        } else {
            if (amount.compareTo(s.openBalance()) > 0) {
                problems.add(new Problem("amount", "El importe excede el saldo abierto (" + s.openBalance().toPlainString() + " " + currency + ")",
                        "The amount exceeds the open balance (" + s.openBalance().toPlainString() + " " + currency + ")"));
            }
            if (minAmount != null) {
                BigDecimal floor = minAmount.min(s.openBalance());
                if (amount.compareTo(floor) < 0) {
                    problems.add(new Problem("amount", "El importe mínimo de una promesa es " + floor.toPlainString() + " " + currency,
                            "The minimum amount of a promise is " + floor.toPlainString() + " " + currency));
                }
            }
            if (minShare != null) {
                BigDecimal floor = s.openBalance().multiply(minShare).setScale(2, RoundingMode.UP);
                if (amount.compareTo(floor) < 0) {
                    String pct = minShare.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
                    problems.add(new Problem("amount", "La promesa debe cubrir al menos el " + pct + " del saldo (" + floor.toPlainString() + " " + currency + ")",
                            "The promise must cover at least " + pct + " of the balance (" + floor.toPlainString() + " " + currency + ")"));
                }
            }
        }
        if (s.openPromises() >= maxOpen) {
            problems.add(new Problem("customer", "El cliente ya tiene " + s.openPromises() + " promesa(s) abierta(s); el máximo es " + maxOpen,
                    "The customer already has " + s.openPromises() + " open promise(s); the maximum is " + maxOpen));
        }
        return problems;
    }
}
