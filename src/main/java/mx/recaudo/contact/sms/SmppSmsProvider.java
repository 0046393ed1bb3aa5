package mx.recaudo.contact.sms;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactProperties;
import mx.recaudo.contact.InboundMessages;
import mx.recaudo.contact.outbox.ChannelProvider;
import mx.recaudo.contact.outbox.DeliveryReports;
import mx.recaudo.contact.outbox.OutboundMessage;
import mx.recaudo.contact.outbox.SendResult;
import mx.recaudo.contact.template.SmsEncoding;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.PDUComposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SMS over SMPP 3.4: one transceiver bind per node ({@link SmppLink}, PDUs encoded by jsmpp); submit_sm
 * pipelined with up to {@code window} requests awaiting their response; delivery receipts requested and
 * mapped to DELIVERED / FAILED; deliver_sm without the receipt flag is an inbound message (MO);
 * enquire_link keeps the link alive and finds a dead one; a dropped link is bound again in the
 * background and on the next send. Text that fits GSM-7 goes as GSM 03.38 septets (data_coding 0),
 * anything else as UCS-2 (data_coding 8); long texts travel in the message_payload TLV. An SMSC cannot
 * be asked by our key whether it got a message, so reconciliation after a crash answers UNKNOWN (the
 * message is not resent).
 */
@Component
@ConditionalOnProperty(name = "recaudo.contact.smpp.host")
public class SmppSmsProvider implements ChannelProvider, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SmppSmsProvider.class);
    private static final int RESPONSE_TIMEOUT_MILLIS = 10_000;
    private static final OptionalParameter[] NO_PARAMETERS = new OptionalParameter[0];
    private final ContactProperties.Smpp smpp;
    private final DeliveryReports reports;
    private final InboundMessages inbound;
    private final PDUComposer composer = new DefaultComposer();
    /**
     * Receipts are queued by the link's reader and applied in batches by one background thread,
     * so database work never slows the reading of submit responses.
     */
    private final BlockingQueue<DeliveryReports.Report> receipts = new LinkedBlockingQueue<>();
    /** Receipts whose submit is not recorded yet wait here (see {@link ReceiptHold}). */
    private final ReceiptHold hold = new ReceiptHold(receipts::add);
    /** Receipts that matched no message when applied (their submit unknown to this node), with the time they arrived. */
    private final Map<String, Object[]> earlyReceipts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService background =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("smpp-receipts").unstarted(r));
    /** Inbound messages are stored (opt-out, inbox) off the reader thread; the SMSC gets its answer after. */
    private final ExecutorService inboundWork = Executors.newVirtualThreadPerTaskExecutor();
    private volatile SmppLink link;
    /** A link existed and dropped: bind again in the background so that inbound messages keep coming. */
    private volatile boolean rebindWanted;
    private volatile long lastBindAttempt;
    private volatile boolean closing;

    SmppSmsProvider(ContactProperties properties, DeliveryReports reports, InboundMessages inbound) {
        this.smpp = properties.smpp();
        this.reports = reports;
        this.inbound = inbound;
        background.scheduleWithFixedDelay(this::applyReceipts, 200, 200, TimeUnit.MILLISECONDS);
        long keepAlive = Math.max(100, Math.min(smpp.enquireLinkMillis(), smpp.reconnectMillis()));
        background.scheduleWithFixedDelay(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "smpp";
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.SMS);
    }

    /** The bound link, binding (again) when there is none or it dropped. */
    synchronized SmppLink link() throws IOException {
        SmppLink l = link;
        if (l != null && l.isOpen()) return l;
        lastBindAttempt = System.nanoTime();
        SmppLink fresh = SmppLink.bind(smpp.host(), smpp.port(), smpp.systemId(), smpp.password(), smpp.systemType(),
                smpp.window(), RESPONSE_TIMEOUT_MILLIS, new Receiver());
        link = fresh;
        rebindWanted = false;
        log.info("SMPP transceiver bound to {}:{}", smpp.host(), smpp.port());
        return fresh;
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        SmppLink l;
        try {
            l = link();
        } catch (IOException e) {
            return batch.stream().<SendResult>map(m -> new SendResult.Retry("SMPP bind failed: " + e.getMessage())).toList();
        }
        List<CompletableFuture<SmppLink.SubmitResponse>> responses = new ArrayList<>(batch.size());
        for (OutboundMessage m : batch) {
            try {
                responses.add(l.submit(seq -> submitSm(seq, m)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                responses.add(CompletableFuture.failedFuture(new SmppLink.NoResponse("interrupted", false)));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESPONSE_TIMEOUT_MILLIS);
        List<SendResult> results = new ArrayList<>(responses.size());
        for (CompletableFuture<SmppLink.SubmitResponse> f : responses) {
            SendResult r = result(l, f, deadline);
            // the receipt came before the SENT is recorded: record DELIVERED at once (sent_at and delivered_at)
            if (r instanceof SendResult.Accepted a && hold.deliveredBeforeRecording(a.providerMessageId())) {
                r = new SendResult.Accepted(a.providerMessageId(), true);
            }
            results.add(r);
        }
        return results;
    }

    private static SendResult result(SmppLink l, CompletableFuture<SmppLink.SubmitResponse> f, long deadline) {
        try {
            SmppLink.SubmitResponse r = SmppLink.await(f, deadline);
            if (r.ok()) return new SendResult.Accepted(r.messageId(), false);
            int status = r.status();
            // 0x58 throttled, 0x14 queue full, 0x08 system error, 0x45 submit failed: temporary; the rest (invalid address…) permanent
            boolean temporary = status == SMPPConstant.STAT_ESME_RTHROTTLED || status == 0x14 || status == 0x08 || status == 0x45;
            String error = "SMPP status 0x" + Integer.toHexString(status);
            return temporary ? new SendResult.Retry(error) : new SendResult.Rejected(error);
        } catch (TimeoutException e) {
            l.abandon(f);
            return result(l, f, deadline); // now settled: NoResponse below
        } catch (ExecutionException e) {
            return switch (e.getCause()) {
                case org.jsmpp.PDUStringException p -> new SendResult.Rejected("SMPP: " + p.getMessage()); // e.g. an address too long for the PDU
                // the SMSC may have the message and cannot be asked by our key: sending it again could
                // deliver it twice, so it fails as uncertain, like a send interrupted by a crash
                case SmppLink.NoResponse n when n.maybeReceived() ->
                        new SendResult.Rejected("UNCERTAIN: " + n.getMessage() + "; not resent to avoid a duplicate");
                case Throwable t -> new SendResult.Retry("SMPP: " + t.getMessage());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry("interrupted");
        } catch (Exception e) {
            return new SendResult.Retry("SMPP: " + e.getMessage());
        }
    }

    private byte[] submitSm(int sequence, OutboundMessage m) throws org.jsmpp.PDUStringException {
        String text = m.body();
        boolean gsm = SmsEncoding.isGsm7(text);
        byte[] bytes = gsm ? SmsEncoding.toGsm7(text) : text.getBytes(StandardCharsets.UTF_16BE);
        boolean payload = bytes.length > (gsm ? 160 : 140);
        String destination = m.address().startsWith("+") ? m.address().substring(1) : m.address();
        return composer.submitSm(sequence, "", (byte) 0x05 /* alphanumeric */, (byte) 0x00, smpp.sourceAddress(),
                (byte) 0x01 /* international */, (byte) 0x01 /* ISDN */, destination, (byte) 0, (byte) 0, (byte) 1,
                null, null, (byte) 0x01 /* receipt on success and failure */, (byte) 0,
                (byte) (gsm ? 0x00 : 0x08), (byte) 0, payload ? new byte[0] : bytes,
                payload ? new OptionalParameter[]{new OptionalParameter.Message_payload(bytes)} : NO_PARAMETERS);
    }

    /**
     * Every tick: an enquire_link when the link has been quiet, closing it when the SMSC stopped
     * answering; binding again after a drop so that inbound messages and receipts keep coming.
     */
    private void keepAlive() {
        try {
            SmppLink l = link;
            long now = System.nanoTime();
            if (l != null && l.isOpen()) {
                long quiet = TimeUnit.NANOSECONDS.toMillis(now - l.lastHeard());
                if (quiet > smpp.enquireLinkMillis() + RESPONSE_TIMEOUT_MILLIS) {
                    log.warn("SMPP link to {}:{} silent for {} ms; closing it", smpp.host(), smpp.port(), quiet);
                    l.close();
                } else if (quiet >= smpp.enquireLinkMillis()) {
                    l.enquireLink();
                }
            } else if (rebindWanted && !closing
                    && TimeUnit.NANOSECONDS.toMillis(now - lastBindAttempt) >= smpp.reconnectMillis()) {
                link();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("SMPP bind again failed: {}", e.getMessage());
        }
    }

    /**
     * Applies the queued receipts in one statement every 200 ms. One that matches no message (a submit
     * this node does not know, recorded late or not yet) is tried again for up to ten minutes.
     */
    private void applyReceipts() {
        try {
            long now = System.currentTimeMillis();
            hold.expire(now, 60_000); // never recorded (the batch failed): let the retries sort it out
            List<DeliveryReports.Report> batch = new ArrayList<>();
            earlyReceipts.forEach((id, r) -> {
                if (now - (long) r[1] > 600_000) earlyReceipts.remove(id);
                else batch.add((DeliveryReports.Report) r[0]);
            });
            receipts.drainTo(batch, 5_000);
            if (batch.isEmpty()) return;
            Set<String> unknown = new HashSet<>(reports.reportAll("smpp", batch));
            for (DeliveryReports.Report r : batch) {
                if (!unknown.contains(r.providerMessageId())) earlyReceipts.remove(r.providerMessageId());
                else earlyReceipts.putIfAbsent(r.providerMessageId(), new Object[]{r, now});
            }
        } catch (RuntimeException e) {
            log.warn("SMPP receipts not applied yet: {}", e.getMessage());
        }
    }

    @Override
    public void recorded(List<String> providerMessageIds) {
        hold.recorded(providerMessageIds);
    }

    @Override
    public Reconciliation reconcile(OutboundMessage message) {
        return Reconciliation.unknown();
    }

    @Override
    public void destroy() {
        closing = true;
        SmppLink l = link;
        if (l != null) l.close();
        background.shutdownNow();
        inboundWork.shutdown();
    }

    /** Delivery receipts and inbound messages. */
    private final class Receiver implements SmppLink.Handler {
        @Override
        public void deliverSm(DeliverSm deliverSm, SmppLink.Responder respond) {
            if (MessageTypeCheck.isReceipt(deliverSm)) {
                ReceiptText receipt = ReceiptText.parse(deliverSm.getShortMessage());
                if (receipt == null) {
                    log.warn("Unreadable SMPP delivery receipt from {}", deliverSm.getSourceAddr());
                } else {
                    String status = receipt.state().equals("DELIVRD") ? "DELIVERED"
                            : receipt.state().equals("ENROUTE") || receipt.state().equals("ACCEPTD") ? null : "FAILED";
                    if (status != null) {
                        String detail = receipt.state() + (receipt.error() == null ? "" : " err " + receipt.error());
                        hold.receipt(new DeliveryReports.Report(receipt.id(), status, detail));
                    }
                }
                respond.status(SMPPConstant.STAT_ESME_ROK);
                return;
            }
            inboundWork.execute(() -> {
                try {
                    byte[] raw = deliverSm.getShortMessage();
                    if (raw == null || raw.length == 0) {
                        OptionalParameter p = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
                        raw = p instanceof OptionalParameter.OctetString o ? o.getValue() : new byte[0];
                    }
                    boolean ucs2 = (deliverSm.getDataCoding() & 0x0C) == 0x08;
                    String text = ucs2 ? new String(raw, StandardCharsets.UTF_16BE) : SmsEncoding.fromGsm7(raw);
                    inbound.receive(Channel.SMS, deliverSm.getSourceAddr(), text);
                    respond.status(SMPPConstant.STAT_ESME_ROK);
                } catch (RuntimeException e) {
                    // not stored: the SMSC keeps the message and delivers it again
                    log.warn("Inbound SMS from {} not stored yet: {}", deliverSm.getSourceAddr(), e.getMessage());
                    respond.status(SMPPConstant.STAT_ESME_RX_T_APPN);
                }
            });
        }

        @Override
        public void accepted(String messageId) {
            hold.accepted(messageId, System.currentTimeMillis());
        }

        @Override
        public void closed(SmppLink closed) {
            if (!closing) {
                log.warn("SMPP link to {}:{} closed; it is bound again in the background and on the next send",
                        smpp.host(), smpp.port());
                rebindWanted = true;
            }
        }
    }

    static final class MessageTypeCheck {
        static boolean isReceipt(DeliverSm d) {
            return (d.getEsmClass() & 0x3C) == 0x04;
        }
    }
}
