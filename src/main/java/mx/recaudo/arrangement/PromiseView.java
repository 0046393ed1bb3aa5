package mx.recaudo.arrangement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A promise to pay as read back. {@code paid} counts payments received since it was made, up to the end of its grace. */
public record PromiseView(UUID id, long customerId, BigDecimal amount, String currency, LocalDate dueDate,
                          LocalDate graceUntil, PromiseStatus status, BigDecimal paid, String channel, String createdBy,
                          Instant createdAt, Instant decidedAt) {}
