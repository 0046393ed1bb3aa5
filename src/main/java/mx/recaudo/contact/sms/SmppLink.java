package mx.recaudo.contact.sms;

import org.jsmpp.DefaultPDUReader;
import org.jsmpp.InvalidCommandLengthException;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUComposer;
import org.jsmpp.util.PDUDecomposer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bound SMPP 3.4 transceiver link, pipelined: any thread hands it a submit_sm and gets a future;
 * up to {@code window} submits await their response at once; one writer thread writes whatever is
 * queued and flushes once per burst; one reader thread matches responses by sequence number and answers
 * the SMSC's requests. PDUs are encoded and decoded by jsmpp ({@link DefaultComposer},
 * {@link DefaultDecomposer}, {@link DefaultPDUReader}); what this class adds is the session around them.
 *
 * <p>Why not jsmpp's {@code SMPPSession}: it blocks one thread per request in flight, hands every
 * incoming PDU from its reader to a pool thread and writes every PDU with its own flush under one
 * session-wide lock. At thousands of messages per second on two cores those hand-offs and system calls
 * cost more CPU than the messages (the contact benchmark measures both).
 */
final class SmppLink implements AutoCloseable {
    /** What the SMSC sends us. */
    interface Handler {
        /**
         * A deliver_sm (receipt or inbound message). Answer with {@code respond} exactly once, with
         * status 0 once what the message says is safely stored, or an SMPP error status to have the SMSC
         * try again. Called on the reader thread: do slow work elsewhere and respond from there.
         */
        void deliverSm(DeliverSm deliverSm, Responder respond);

        /**
         * The SMSC accepted a submit under this id; called on the reader thread before anything else
         * read after that response (a receipt naming the id comes later on the same link).
         */
        void accepted(String messageId);

        /** The link is gone (dropped, unbound or closed). */
        void closed(SmppLink link);
    }

    @FunctionalInterface
    interface Responder {
        void status(int commandStatus);
    }

    /** The SMSC's answer to one submit_sm: status 0 with its message id, or an error status. */
    record SubmitResponse(int status, String messageId) {
        boolean ok() {
            return status == SMPPConstant.STAT_ESME_ROK;
        }
    }

    /**
     * A submit that got no answer: the link closed, or the response did not come in time. When the PDU
     * had already been written to the socket, the SMSC may have taken the message ({@link #maybeReceived}).
     */
    static final class NoResponse extends IOException {
        private final boolean maybeReceived;

        NoResponse(String message, boolean maybeReceived) {
            super(message);
            this.maybeReceived = maybeReceived;
        }

        boolean maybeReceived() {
            return maybeReceived;
        }
    }

    /** A submit awaiting its response; {@code written} once its PDU went to the socket. */
    private static final class Pending {
        final CompletableFuture<SubmitResponse> response = new CompletableFuture<>();
        volatile boolean written;
    }

    /** A PDU to write; {@code submit} is set for a submit_sm. */
    private record Outgoing(byte[] pdu, Pending submit) {}

    private static final Outgoing STOP = new Outgoing(new byte[0], null);
    /** Larger than any SMPP 3.4 PDU: a 64 KB message_payload plus every other field. */
    static final int MAX_PDU_LENGTH = 70_000;
    private final PDUComposer composer = new DefaultComposer();
    private final PDUDecomposer decomposer = new DefaultDecomposer();
    private final PDUReader reader = new DefaultPDUReader();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Handler handler;
    private final Semaphore window;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
    private volatile boolean open = true;
    private volatile long lastHeard = System.nanoTime();

    private SmppLink(Socket socket, Handler handler, int window) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.handler = handler;
        this.window = new Semaphore(Math.max(1, window));
    }

    /** Connects and binds as a transceiver; the link reads and writes on its own threads from then on. */
    static SmppLink bind(String host, int port, String systemId, String password, String systemType,
                         int window, int timeoutMillis, Handler handler) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            SmppLink link = new SmppLink(socket, handler, window);
            link.bindTransceiver(systemId, password, systemType, System.nanoTime() + timeoutMillis * 1_000_000L);
            socket.setSoTimeout(0); // from now on silence is noticed by the enquire_link check, not by a read timeout
            Thread.ofPlatform().daemon().name("smpp-reader").start(link::readLoop);
            Thread.ofPlatform().daemon().name("smpp-writer").start(link::writeLoop);
            return link;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void bindTransceiver(String systemId, String password, String systemType, long deadlineNanos) throws IOException {
        int seq = nextSequence();
        try {
            out.write(composer.bind(SMPPConstant.CID_BIND_TRANSCEIVER, seq, systemId, password,
                    systemType == null ? "" : systemType, (byte) 0x34, (byte) 0, (byte) 0, null));
        } catch (PDUStringException e) {
            throw new IOException("SMPP bind parameters rejected: " + e.getMessage(), e);
        }
        out.flush();
        while (true) {
            if (System.nanoTime() > deadlineNanos) throw new IOException("SMPP: no bind response in time");
            Command header = readHeader();
            byte[] pdu = reader.readPDU(in, header);
            if (header.getCommandId() == SMPPConstant.CID_BIND_TRANSCEIVER_RESP && header.getSequenceNumber() == seq) {
                if (header.getCommandStatus() != SMPPConstant.STAT_ESME_ROK) {
                    throw new IOException("SMPP bind refused, status 0x" + Integer.toHexString(header.getCommandStatus()));
                }
                return;
            }
            if (header.getCommandId() == SMPPConstant.CID_GENERIC_NACK) {
                throw new IOException("SMPP bind answered with generic_nack 0x" + Integer.toHexString(header.getCommandStatus()));
            }
            // anything else before the bind response (an enquire_link) is read and left unanswered
            if (pdu.length < 16) throw new IOException("SMPP: malformed PDU while binding");
        }
    }

    boolean isOpen() {
        return open;
    }

    /** Nanos (System.nanoTime) of the last PDU read from the SMSC. */
    long lastHeard() {
        return lastHeard;
    }

    /**
     * Queues one submit_sm, waiting for a free place in the window first; the future completes with the
     * SMSC's response, or with {@link NoResponse} if the link closes before it comes.
     *
     * @param compose builds the PDU for the sequence number given
     */
    CompletableFuture<SubmitResponse> submit(PduForSequence compose) throws InterruptedException {
        window.acquire();
        Pending submit = new Pending();
        int seq = nextSequence();
        byte[] pdu;
        try {
            pdu = compose.pdu(seq);
        } catch (PDUStringException | RuntimeException e) {
            window.release();
            return CompletableFuture.failedFuture(e);
        }
        pending.put(seq, submit);
        if (!open) {
            settle(seq, null, "SMPP link closed");
        } else {
            outgoing.add(new Outgoing(pdu, submit));
        }
        return submit.response;
    }

    @FunctionalInterface
    interface PduForSequence {
        byte[] pdu(int sequenceNumber) throws PDUStringException;
    }

    /** Gives up on a submit still awaiting its response (the caller's timeout). */
    void abandon(CompletableFuture<SubmitResponse> response) {
        pending.forEach((seq, p) -> {
            if (p.response == response) settle(seq, null, "no SMPP response in time");
        });
    }

    /** Sends an enquire_link; the reader notes the answer as life on the link. */
    void enquireLink() {
        if (open) send(composer.enquireLink(nextSequence()));
    }

    /** Unbinds politely (best effort) and closes. */
    @Override
    public void close() {
        if (!open) return;
        send(composer.unbind(nextSequence()));
        outgoing.add(STOP);
        try {
            // give the writer a moment to put the unbind on the wire
            for (int i = 0; i < 20 && !outgoing.isEmpty(); i++) Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutDown();
    }

    private void send(byte[] pdu) {
        outgoing.add(new Outgoing(pdu, null));
    }

    private int nextSequence() {
        // SMPP sequence numbers run from 1 to 0x7FFFFFFF
        return sequence.updateAndGet(s -> s >= 0x7FFFFFFF ? 1 : s + 1);
    }

    private Command readHeader() throws IOException {
        Command header;
        try {
            header = reader.readPDUHeader(in);
        } catch (InvalidCommandLengthException e) {
            throw new IOException("SMPP: invalid command length from the SMSC", e);
        }
        // jsmpp checks only the lower bound; a garbled length would have us allocate up to 2 GB
        if (header.getCommandLength() > MAX_PDU_LENGTH) {
            throw new IOException("SMPP: command length " + header.getCommandLength() + " from the SMSC is too large");
        }
        return header;
    }

    private void writeLoop() {
        try {
            while (open) {
                Outgoing next = outgoing.take();
                do {
                    if (next == STOP) {
                        out.flush();
                        return;
                    }
                    if (next.submit() != null) next.submit().written = true; // from here on the SMSC may get it
                    out.write(next.pdu());
                } while ((next = outgoing.poll()) != null);
                out.flush(); // once per burst: many PDUs per system call when busy
            }
        } catch (IOException e) {
            shutDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutDown();
        }
    }

    private void readLoop() {
        try {
            while (open) {
                Command header = readHeader();
                byte[] pdu = reader.readPDU(in, header);
                lastHeard = System.nanoTime();
                handle(header, pdu);
            }
        } catch (IOException | RuntimeException e) {
            // the link dropped, or the SMSC sent something unreadable: either way this link is done
        } finally {
            shutDown();
        }
    }

    private void handle(Command header, byte[] pdu) throws IOException {
        int seq = header.getSequenceNumber();
        switch (header.getCommandId()) {
            case SMPPConstant.CID_SUBMIT_SM_RESP -> {
                int status = header.getCommandStatus();
                String id = null;
                if (status == SMPPConstant.STAT_ESME_ROK) {
                    try {
                        id = decomposer.submitSmResp(pdu).getMessageId();
                        handler.accepted(id);
                    } catch (PDUStringException e) {
                        status = SMPPConstant.STAT_ESME_RINVMSGID;
                    }
                }
                settle(seq, new SubmitResponse(status, id), null);
            }
            case SMPPConstant.CID_GENERIC_NACK -> settle(seq, new SubmitResponse(header.getCommandStatus(), null), null);
            case SMPPConstant.CID_DELIVER_SM -> {
                DeliverSm deliverSm;
                try {
                    deliverSm = decomposer.deliverSm(pdu);
                } catch (PDUStringException e) {
                    send(composer.deliverSmResp(SMPPConstant.STAT_ESME_RX_P_APPN, seq, ""));
                    return;
                }
                AtomicInteger answered = new AtomicInteger();
                try {
                    handler.deliverSm(deliverSm, status -> {
                        if (answered.getAndIncrement() == 0 && open) send(composer.deliverSmResp(status, seq, ""));
                    });
                } catch (RuntimeException e) {
                    if (answered.getAndIncrement() == 0) send(composer.deliverSmResp(SMPPConstant.STAT_ESME_RX_T_APPN, seq, ""));
                }
            }
            case SMPPConstant.CID_ENQUIRE_LINK -> send(composer.enquireLinkResp(seq));
            case SMPPConstant.CID_UNBIND -> {
                send(composer.unbindResp(SMPPConstant.STAT_ESME_ROK, seq));
                outgoing.add(STOP);
                throw new IOException("unbound by the SMSC");
            }
            case SMPPConstant.CID_UNBIND_RESP -> throw new IOException("unbound");
            case SMPPConstant.CID_ENQUIRE_LINK_RESP, SMPPConstant.CID_ALERT_NOTIFICATION -> {
                // life on the link (lastHeard), nothing to answer
            }
            default -> {
                // a request we do not serve (data_sm, query…) gets generic_nack; a stray response is dropped
                if ((header.getCommandId() & SMPPConstant.MASK_CID_RESP) == 0) {
                    send(composer.genericNack(SMPPConstant.STAT_ESME_RINVCMDID, seq));
                }
            }
        }
    }

    /** Completes a pending submit once (with the response, else with why there is none), giving its window place back. */
    private void settle(int seq, SubmitResponse response, String noResponse) {
        Pending p = pending.remove(seq);
        if (p == null) return;
        window.release();
        if (response != null) p.response.complete(response);
        else p.response.completeExceptionally(new NoResponse(noResponse, p.written));
    }

    private void shutDown() {
        boolean wasOpen = open;
        open = false;
        outgoing.add(STOP);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        pending.keySet().forEach(seq -> settle(seq, null, "SMPP link closed before the response"));
        if (wasOpen) handler.closed(this);
    }

    /** Waits for a response, at most {@code timeoutMillis}. */
    static SubmitResponse await(CompletableFuture<SubmitResponse> f, long deadlineNanos) throws Exception {
        long left = deadlineNanos - System.nanoTime();
        return f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    }
}
