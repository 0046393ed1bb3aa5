package mx.recaudo.portfolio;

import java.math.BigDecimal;

/** What a customer owes in one currency, across their open obligations. */
public record Balance(String currency, BigDecimal amount, int openObligations) {
}
