package mx.recaudo.contact.sms;

import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactProperties;
import mx.recaudo.contact.InboundMessages;
import mx.recaudo.contact.outbox.ChannelProvider;
import mx.recaudo.contact.outbox.DeliveryReports;
import mx.recaudo.contact.outbox.OutboundMessage;
import mx.recaudo.contact.outbox.SendResult;
import mx.recaudo.contact.template.SmsEncoding;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * SMS over SMPP 3.4 with jsmpp: one transceiver bind per node; submit_sm windowed (up to
 * {@code window} requests awaiting their response); delivery receipts requested and mapped to
 * DELIVERED / FAILED; deliver_sm without the receipt flag is an inbound message (MO);
 * enquire_link keeps the link alive; a dropped link is bound again on the next send and by the
 * session listener. Text that fits GSM-7 goes as the default alphabet, anything else as UCS-2;
 * long texts travel in the message_payload TLV. An SMSC cannot be asked by our key whether it got a
 * message, so reconciliation after a crash answers UNKNOWN (the message is not resent).
 */
@Component
@ConditionalOnProperty(name = "recaudo.contact.smpp.host")
public class SmppSmsProvider implements ChannelProvider, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SmppSmsProvider.class);
    private final ContactProperties.Smpp smpp;
    private final DeliveryReports reports;
    private final InboundMessages inbound;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore window;
    /**
     * Receipts are queued by the session's reader and applied in batches by one background thread,
     * so database work never slows the reading of submit responses.
     */
    private final java.util.concurrent.BlockingQueue<DeliveryReports.Report> receipts = new java.util.concurrent.LinkedBlockingQueue<>();
    /** Receipts whose submit is not recorded yet wait here (see {@link ReceiptHold}). */
    private final ReceiptHold hold = new ReceiptHold(receipts::add);
    /** Receipts that matched no message when applied (their submit unknown to this node), with the time they arrived. */
    private final Map<String, Object[]> earlyReceipts = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService receiptRetries =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("smpp-receipts").unstarted(r));
    private volatile SMPPSession session;
    private volatile boolean closing;

    SmppSmsProvider(ContactProperties properties, DeliveryReports reports, InboundMessages inbound) {
        this.smpp = properties.smpp();
        this.reports = reports;
        this.inbound = inbound;
        this.window = new Semaphore(Math.max(1, smpp.window()));
        receiptRetries.scheduleWithFixedDelay(this::applyReceipts, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "smpp";
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.SMS);
    }

    /** The bound session, binding (again) when there is none or the link dropped. */
    synchronized SMPPSession session() throws IOException {
        SMPPSession s = session;
        if (s != null && s.getSessionState().isBound()) return s;
        if (s != null) s.unbindAndClose();
        SMPPSession fresh = new SMPPSession();
        fresh.setEnquireLinkTimer(smpp.enquireLinkMillis());
        fresh.setTransactionTimer(10_000);
        fresh.setMessageReceiverListener(new Receiver());
        fresh.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && !closing) {
                log.warn("SMPP link to {}:{} closed; it is bound again on the next send", smpp.host(), smpp.port());
            }
        });
        fresh.connectAndBind(smpp.host(), smpp.port(), new BindParameter(BindType.BIND_TRX, smpp.systemId(),
                smpp.password(), smpp.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
        session = fresh;
        log.info("SMPP transceiver bound to {}:{}", smpp.host(), smpp.port());
        return fresh;
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        SMPPSession s;
        try {
            s = session();
        } catch (IOException e) {
            return batch.stream().<SendResult>map(m -> new SendResult.Retry("SMPP bind failed: " + e.getMessage())).toList();
        }
        List<CompletableFuture<SendResult>> futures = new ArrayList<>(batch.size());
        for (OutboundMessage m : batch) {
            try {
                window.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.add(CompletableFuture.completedFuture(new SendResult.Retry("interrupted")));
                continue;
            }
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return submit(s, m);
                } finally {
                    window.release();
                }
            }, senders));
        }
        List<SendResult> results = new ArrayList<>(futures.size());
        for (CompletableFuture<SendResult> f : futures) {
            SendResult r = f.join();
            // the receipt came before the SENT is recorded: record DELIVERED at once (sent_at and delivered_at)
            if (r instanceof SendResult.Accepted a && hold.deliveredBeforeRecording(a.providerMessageId())) {
                r = new SendResult.Accepted(a.providerMessageId(), true);
            }
            results.add(r);
        }
        return results;
    }

    private SendResult submit(SMPPSession s, OutboundMessage m) {
        String text = m.body();
        boolean gsm = SmsEncoding.isGsm7(text);
        byte[] bytes = gsm ? SmsEncoding.toGsm7(text) : text.getBytes(StandardCharsets.UTF_16BE);
        DataCoding coding = new GeneralDataCoding(gsm ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2, MessageClass.CLASS1, false);
        boolean payload = bytes.length > (gsm ? 160 : 140);
        String destination = m.address().startsWith("+") ? m.address().substring(1) : m.address();
        try {
            var result = s.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    smpp.sourceAddress(), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination,
                    new ESMClass(), (byte) 0, (byte) 1, null, null,
                    new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, coding, (byte) 0,
                    payload ? new byte[0] : bytes,
                    payload ? new OptionalParameter[]{new OptionalParameter.Message_payload(bytes)}
                            : new OptionalParameter[0]);
            hold.accepted(result.getMessageId(), System.currentTimeMillis());
            return new SendResult.Accepted(result.getMessageId(), false);
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            // 0x58 throttled, 0x14 queue full, 0x08 system error: temporary; the rest (invalid address…) permanent
            boolean temporary = status == 0x58 || status == 0x14 || status == 0x08 || status == 0x45;
            return temporary ? new SendResult.Retry("SMPP status 0x" + Integer.toHexString(status))
                    : new SendResult.Rejected("SMPP status 0x" + Integer.toHexString(status));
        } catch (ResponseTimeoutException | IOException | InvalidResponseException | PDUException e) {
            return new SendResult.Retry("SMPP: " + e.getMessage());
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
            Set<String> unknown = new java.util.HashSet<>(reports.reportAll("smpp", batch));
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
        SMPPSession s = session;
        if (s != null) s.unbindAndClose();
        senders.shutdown();
        receiptRetries.shutdownNow();
    }

    /** Delivery receipts and inbound messages. */
    private final class Receiver implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (MessageTypeCheck.isReceipt(deliverSm)) {
                ReceiptText receipt = ReceiptText.parse(deliverSm.getShortMessage());
                if (receipt == null) {
                    log.warn("Unreadable SMPP delivery receipt from {}", deliverSm.getSourceAddr());
                    return;
                }
                String status = receipt.state().equals("DELIVRD") ? "DELIVERED"
                        : receipt.state().equals("ENROUTE") || receipt.state().equals("ACCEPTD") ? null : "FAILED";
                if (status == null) return;
                String detail = receipt.state() + (receipt.error() == null ? "" : " err " + receipt.error());
                hold.receipt(new DeliveryReports.Report(receipt.id(), status, detail));
            } else {
                byte[] raw = deliverSm.getShortMessage();
                if ((raw == null || raw.length == 0)) {
                    OptionalParameter p = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
                    raw = p instanceof OptionalParameter.OctetString o ? o.getValue() : new byte[0];
                }
                boolean ucs2 = (deliverSm.getDataCoding() & 0x0C) == 0x08;
                String text = ucs2 ? new String(raw, StandardCharsets.UTF_16BE) : SmsEncoding.fromGsm7(raw);
                inbound.receive(Channel.SMS, deliverSm.getSourceAddr(), text);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", 0x03);
        }
    }

    static final class MessageTypeCheck {
        static boolean isReceipt(DeliverSm d) {
            return (d.getEsmClass() & 0x3C) == 0x04;
        }
    }
}
