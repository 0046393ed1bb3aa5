package mx.recaudo.contact.sms;

import mx.recaudo.contact.outbox.DeliveryReports;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Delivery receipts against the recording of their SENT. A receipt can arrive before the dispatcher
 * has committed the provider id it names: it waits here instead of being tried against the database
 * too early. When a DELIVERED receipt is already here once the batch is sent, the dispatcher records
 * the message DELIVERED (sent_at and delivered_at) in the same statement as its SENT, and the receipt
 * is not applied a second time: one row version fewer and no receipt statement for that message.
 * If that recording never happens (the batch failed), the receipt is applied like any other.
 */
final class ReceiptHold {
    /** Ids the SMSC gave us whose SENT is not committed yet, with the time of the response. */
    private final Map<String, Long> unrecorded = new ConcurrentHashMap<>();
    private final Map<String, DeliveryReports.Report> held = new ConcurrentHashMap<>();
    /** Ids whose receipt the dispatcher was told about ({@link #deliveredBeforeRecording}). */
    private final Set<String> folded = ConcurrentHashMap.newKeySet();
    private final Consumer<DeliveryReports.Report> ready;

    /** @param ready takes the receipts to apply to the database */
    ReceiptHold(Consumer<DeliveryReports.Report> ready) {
        this.ready = ready;
    }

    /** The SMSC accepted a submit and answered this id; its SENT is not recorded yet. */
    void accepted(String providerMessageId, long now) {
        unrecorded.put(providerMessageId, now);
    }

    /** A receipt arrived: held while its submit is unrecorded, else ready to apply. */
    void receipt(DeliveryReports.Report report) {
        String id = report.providerMessageId();
        if (!unrecorded.containsKey(id)) {
            ready.accept(report);
            return;
        }
        held.put(id, report);
        if (!unrecorded.containsKey(id)) release(id, false); // recorded meanwhile
    }

    /**
     * True when this message's DELIVERED receipt is already here: the caller records DELIVERED with
     * the SENT and must then call {@link #recorded} for it (the receipt is dropped there).
     */
    boolean deliveredBeforeRecording(String providerMessageId) {
        DeliveryReports.Report r = held.get(providerMessageId);
        if (r == null || !"DELIVERED".equals(r.status())) return false;
        folded.add(providerMessageId);
        return true;
    }

    /** The SENT (or DELIVERED) of these ids is committed. */
    void recorded(Collection<String> providerMessageIds) {
        providerMessageIds.forEach(id -> release(id, true));
    }

    /** Submits never recorded after {@code maxAgeMillis} (their batch failed): their receipts are applied as they come. */
    void expire(long now, long maxAgeMillis) {
        unrecorded.forEach((id, since) -> {
            if (now - since > maxAgeMillis) release(id, false);
        });
    }

    /** Receipts held, for tests and monitoring. */
    int held() {
        return held.size();
    }

    private void release(String id, boolean recorded) {
        unrecorded.remove(id);
        boolean wasFolded = folded.remove(id);
        DeliveryReports.Report r = held.remove(id);
        if (r != null && !(recorded && wasFolded)) ready.accept(r);
    }
}
