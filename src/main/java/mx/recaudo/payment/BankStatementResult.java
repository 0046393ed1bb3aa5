package mx.recaudo.payment;

import java.math.BigDecimal;
import java.util.UUID;

/** What a bank statement file produced: lines read, payments posted, lines already posted before, exceptions. */
public record BankStatementResult(UUID id, String fileName, String status, long linesRead, long paymentsPosted,
                                  long duplicates, long exceptions, BigDecimal amountPosted, String failure) {}
