package mx.recaudo.contact.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Sends a batch one message per request, at most {@code concurrency} requests in flight, for providers
 * whose API takes one message per call (WhatsApp Cloud API, Twilio-style voice). Answers the results
 * in the batch's order; a send interrupted while waiting for its turn is retried later.
 */
public final class ConcurrentSends implements AutoCloseable {
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight;

    public ConcurrentSends(int concurrency) {
        this.inFlight = new Semaphore(Math.max(1, concurrency));
    }

    public List<SendResult> each(List<OutboundMessage> batch, Function<OutboundMessage, SendResult> send) {
        List<CompletableFuture<SendResult>> results = batch.stream().map(m -> CompletableFuture.supplyAsync(() -> {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return (SendResult) new SendResult.Retry("interrupted");
            }
            try {
                return send.apply(m);
            } finally {
                inFlight.release();
            }
        }, senders)).toList();
        return results.stream().map(CompletableFuture::join).toList();
    }

    /** Lets the sends in flight finish and takes no more. */
    @Override
    public void close() {
        senders.shutdown();
    }
}
