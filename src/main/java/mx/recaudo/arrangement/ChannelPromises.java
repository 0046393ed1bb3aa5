package mx.recaudo.arrangement;

import mx.recaudo.contact.PromiseTaker;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Promises made on a contact channel go through the same policy and evaluation as an agent's. */
@Component
class ChannelPromises implements PromiseTaker {
    private final Promises promises;

    ChannelPromises(Promises promises) {
        this.promises = promises;
    }

    @Override
    public Taken take(long customerId, String customerExternalId, BigDecimal amount, String currency, LocalDate dueDate,
                      String channel, String idempotencyKey) {
        PromiseView made = promises.make(customerId, new MakePromise(customerExternalId, amount, currency, dueDate, channel,
                idempotencyKey));
        return new Taken(made.amount(), made.currency(), made.dueDate());
    }
}
