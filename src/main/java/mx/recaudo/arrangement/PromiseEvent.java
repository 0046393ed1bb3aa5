package mx.recaudo.arrangement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** What happened to a promise to pay; the strategy pauses, resumes or escalates on these. */
public sealed interface PromiseEvent {
    UUID orgId();

    UUID promiseId();

    long customerId();

    record PromiseMade(UUID orgId, UUID promiseId, long customerId, BigDecimal amount, String currency,
                       LocalDate dueDate, LocalDate graceUntil) implements PromiseEvent {}

    record PromiseKept(UUID orgId, UUID promiseId, long customerId) implements PromiseEvent {}

    record PromisePartiallyKept(UUID orgId, UUID promiseId, long customerId, BigDecimal paid) implements PromiseEvent {}

    record PromiseBroken(UUID orgId, UUID promiseId, long customerId) implements PromiseEvent {}
}
