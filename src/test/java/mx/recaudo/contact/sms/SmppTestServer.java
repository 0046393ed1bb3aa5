package mx.recaudo.contact.sms;

import org.jsmpp.PDUStringException;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small SMSC built on jsmpp's server side: accepts binds, answers submit_sm with message ids,
 * sends delivery receipts (from a bounded pool, retried when the client throttles), can send MO
 * messages, counts enquire_links and can drop every link.
 */
public class SmppTestServer implements ServerMessageReceiverListener, AutoCloseable {
    public record Submitted(String messageId, String destination, String text, boolean ucs2, byte[] raw) {}

    private final SMPPServerSessionListener listener;
    static final int RECEIPT_WINDOW = 8;
    static final long RECEIPT_DELAY_MILLIS = 20;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService receiptTimer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService receiptSenders = Executors.newFixedThreadPool(RECEIPT_WINDOW);
    private final AtomicInteger pendingReceipts = new AtomicInteger();
    public final AtomicLong receiptsSent = new AtomicLong();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    public final Queue<Submitted> submitted = new ConcurrentLinkedQueue<>();
    public final AtomicInteger binds = new AtomicInteger();
    public final AtomicInteger enquireLinks = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);
    public volatile boolean receipts = true;
    /** Whether {@link #submitted} keeps what arrives (the benchmark turns it off: millions of messages). */
    public volatile boolean keepSubmitted = true;
    /** Destinations the SMSC refuses, with the command status of its answer (0x0B invalid address, 0x58 throttled…). */
    public final java.util.Map<String, Integer> refuse = new java.util.concurrent.ConcurrentHashMap<>();
    /** When set, submits wait for it before being answered (requests in flight for as long as a test needs). */
    public volatile java.util.concurrent.CountDownLatch stall;
    /** Submits read off the wire (counted before any stall). */
    public final AtomicInteger submitsArrived = new AtomicInteger();
    private volatile boolean running = true;

    public SmppTestServer(int port) throws IOException {
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(this);
        listener.setPduProcessorDegree(4);
        executor.submit(this::acceptLoop);
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                executor.submit(() -> {
                    try {
                        BindRequest bind = session.waitForBind(5000);
                        bind.accept("test-smsc");
                        session.setTransactionTimer(1000);
                        sessions.add(session);
                        binds.incrementAndGet();
                    } catch (Exception e) {
                        session.close();
                    }
                });
            } catch (IOException e) {
                if (!running) return;
            }
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        submitsArrived.incrementAndGet();
        java.util.concurrent.CountDownLatch wait = stall;
        if (wait != null) {
            try {
                wait.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer refused = refuse.get(submitSm.getDestAddress());
        if (refused != null) throw new ProcessRequestException("refused", refused);
        byte[] raw = submitSm.getShortMessage();
        if (raw == null || raw.length == 0) {
            OptionalParameter p = submitSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            raw = p instanceof OptionalParameter.OctetString o ? o.getValue() : new byte[0];
        }
        boolean ucs2 = (submitSm.getDataCoding() & 0x0C) == 0x08;
        String text = ucs2 ? new String(raw, StandardCharsets.UTF_16BE) : mx.recaudo.contact.template.SmsEncoding.fromGsm7(raw);
        String id = Long.toString(ids.incrementAndGet());
        if (keepSubmitted) submitted.add(new Submitted(id, submitSm.getDestAddress(), text, ucs2, raw));
        if (receipts) {
            pendingReceipts.incrementAndGet();
            receiptTimer.schedule(() -> receiptSenders.execute(() -> sendReceipt(source, submitSm, id, 1)),
                    RECEIPT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException(e.getMessage(), 0x08);
        }
    }

    /**
     * Receipts go out from a small fixed pool, so at most {@value #RECEIPT_WINDOW} deliver_sm await
     * their response (a client's PDU queue is never flooded). When the client answers "throttled"
     * (jsmpp then fails decoding the header-only deliver_sm_resp and the request times out) or
     * does not answer, the receipt is tried again later, as an SMSC would.
     */
    private void sendReceipt(SMPPServerSession source, SubmitSm submitSm, String id, int attempt) {
        try {
            DeliveryReceipt receipt = new DeliveryReceipt(id, 1, 1, new Date(), new Date(),
                    DeliveryReceiptState.DELIVRD, "000", "");
            source.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    submitSm.getDestAddress(), TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    submitSm.getSourceAddr(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT,
                            GSMSpecificFeature.DEFAULT), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                    new GeneralDataCoding(Alphabet.ALPHA_DEFAULT, MessageClass.CLASS1, false),
                    receipt.toString().getBytes(StandardCharsets.ISO_8859_1));
            receiptsSent.incrementAndGet();
            pendingReceipts.decrementAndGet();
        } catch (Exception e) {
            if (running && attempt < 5 && source.getSessionState().isBound()) {
                receiptTimer.schedule(() -> receiptSenders.execute(() -> sendReceipt(source, submitSm, id, attempt + 1)),
                        200L * attempt, TimeUnit.MILLISECONDS);
            } else {
                pendingReceipts.decrementAndGet(); // the link dropped: the receipt is lost, as with a real SMSC
            }
        }
    }

    /** Receipts scheduled but not yet answered by the client. */
    public int pendingReceipts() {
        return pendingReceipts.get();
    }

    /** An inbound message (MO) from a handset to us. */
    public void sendMo(String from, String text) throws Exception {
        SMPPServerSession session = sessions.stream().filter(s -> s.getSessionState().isBound()).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no bound session"));
        boolean gsm = mx.recaudo.contact.template.SmsEncoding.isGsm7(text);
        session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from,
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "RECAUDO", new ESMClass(), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), new GeneralDataCoding(gsm ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2,
                        MessageClass.CLASS1, false),
                gsm ? mx.recaudo.contact.template.SmsEncoding.toGsm7(text) : text.getBytes(StandardCharsets.UTF_16BE));
    }

    /** Cuts every link, as a network failure would. */
    public void dropLinks() {
        sessions.forEach(SMPPServerSession::close);
        sessions.clear();
    }

    @Override
    public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
        enquireLinks.incrementAndGet();
    }

    @Override
    public void close() throws IOException {
        running = false;
        dropLinks();
        listener.close();
        executor.shutdownNow();
        receiptTimer.shutdownNow();
        receiptSenders.shutdownNow();
    }

    @Override public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("unsupported", 0x03); }
    @Override public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("unsupported", 0x03); }
    @Override public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("unsupported", 0x03); }
    @Override public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("unsupported", 0x03); }
    @Override public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("unsupported", 0x03); }
    @Override public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("unsupported", 0x03); }
    @Override public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("unsupported", 0x03); }
    @Override public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException { throw new ProcessRequestException("unsupported", 0x03); }
}
