package mx.recaudo.contact.sms;

import mx.recaudo.contact.template.SmsEncoding;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipelined SMPP link against a real SMPP peer (jsmpp's server side) over a socket. */
class SmppLinkTests {
    static final int PORT = 41791;
    static SmppTestServer smsc;
    final DefaultComposer composer = new DefaultComposer();
    final ConcurrentLinkedQueue<DeliverSm> delivered = new ConcurrentLinkedQueue<>();
    final AtomicInteger closed = new AtomicInteger();
    volatile int answerDeliverWith = 0;
    SmppLink link;

    @BeforeAll
    static void startSmsc() throws Exception {
        smsc = new SmppTestServer(PORT);
    }

    @AfterAll
    static void stopSmsc() throws Exception {
        smsc.close();
    }

    @BeforeEach
    void bind() throws Exception {
        smsc.receipts = false;
        smsc.stall = null;
        smsc.refuse.clear();
        smsc.submitted.clear();
        link = SmppLink.bind("127.0.0.1", PORT, "link-test", "secreto", "", 16, 5_000, new SmppLink.Handler() {
            @Override
            public void deliverSm(DeliverSm deliverSm, SmppLink.Responder respond) {
                delivered.add(deliverSm);
                respond.status(answerDeliverWith);
            }

            @Override
            public void accepted(String messageId) {
            }

            @Override
            public void closed(SmppLink l) {
                closed.incrementAndGet();
            }
        });
    }

    @AfterEach
    void close() {
        CountDownLatch s = smsc.stall;
        if (s != null) s.countDown();
        link.close();
    }

    CompletableFuture<SmppLink.SubmitResponse> submit(String destination, String text) throws InterruptedException {
        return link.submit(seq -> composer.submitSm(seq, "", (byte) 5, (byte) 0, "RECAUDO", (byte) 1, (byte) 1, destination,
                (byte) 0, (byte) 0, (byte) 1, null, null, (byte) 1, (byte) 0, (byte) 0, (byte) 0, SmsEncoding.toGsm7(text)));
    }

    @Test
    void submitsFromManyThreadsAreAnsweredEachWithItsOwnMessageId() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<List<CompletableFuture<SmppLink.SubmitResponse>>>> parts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int part = t;
            parts.add(threads.submit(() -> {
                List<CompletableFuture<SmppLink.SubmitResponse>> mine = new ArrayList<>();
                for (int i = 0; i < 500; i++) mine.add(submit("52551" + part + String.format("%06d", i), "Aviso " + part + "-" + i));
                return mine;
            }));
        }
        Set<String> ids = new HashSet<>();
        for (var part : parts) {
            for (var f : part.get()) {
                SmppLink.SubmitResponse r = f.get(10, TimeUnit.SECONDS);
                assertThat(r.ok()).isTrue();
                ids.add(r.messageId());
            }
        }
        threads.shutdown();
        assertThat(ids).hasSize(2_000);
        assertThat(smsc.submitted).hasSize(2_000);
        assertThat(smsc.submitted).anySatisfy(s -> {
            assertThat(s.destination()).isEqualTo("525513000499");
            assertThat(s.text()).isEqualTo("Aviso 3-499");
        });
    }

    @Test
    void anSmscRefusalComesBackWithItsStatusAndTheOthersStillGoThrough() throws Exception {
        smsc.refuse.put("5200", 0x0B);
        smsc.refuse.put("5201", 0x58);
        var invalid = submit("5200", "x");
        var throttled = submit("5201", "x");
        var fine = submit("5202", "x");
        assertThat(invalid.get(5, TimeUnit.SECONDS)).isEqualTo(new SmppLink.SubmitResponse(0x0B, null));
        assertThat(throttled.get(5, TimeUnit.SECONDS).status()).isEqualTo(0x58);
        assertThat(fine.get(5, TimeUnit.SECONDS).ok()).isTrue();
    }

    @Test
    void inboundMessagesReachTheHandlerAndTheSmscGetsTheHandlersAnswer() throws Exception {
        smsc.sendMo("523312349999", "BAJA"); // returns once answered with status 0
        assertThat(delivered).singleElement().satisfies(d -> {
            assertThat(d.getSourceAddr()).isEqualTo("523312349999");
            assertThat(SmsEncoding.fromGsm7(d.getShortMessage())).isEqualTo("BAJA");
        });
        answerDeliverWith = 0x64; // not stored yet: the SMSC must hear it and keep the message
        assertThatThrownBy(() -> smsc.sendMo("523312349999", "otra vez"))
                .isInstanceOf(NegativeResponseException.class);
    }

    @Test
    void enquireLinkIsAnsweredAndCountsAsLifeOnTheLink() throws Exception {
        int before = smsc.enquireLinks.get();
        long heard = link.lastHeard();
        Thread.sleep(5);
        link.enquireLink();
        for (int i = 0; i < 100 && link.lastHeard() == heard; i++) Thread.sleep(20);
        assertThat(smsc.enquireLinks.get()).isGreaterThan(before);
        assertThat(link.lastHeard()).isGreaterThan(heard);
    }

    @Test
    void whenTheLinkDropsEverySubmitInFlightFailsAndTheHandlerHears() throws Exception {
        smsc.stall = new CountDownLatch(1);
        List<CompletableFuture<SmppLink.SubmitResponse>> inFlight = new ArrayList<>();
        int arrived = smsc.submitsArrived.get();
        for (int i = 0; i < 10; i++) inFlight.add(submit("5255" + i, "x"));
        for (int i = 0; i < 100 && smsc.submitsArrived.get() < arrived + 4; i++) Thread.sleep(20); // the SMSC is reading them
        smsc.dropLinks();
        for (var f : inFlight) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SmppLink.NoResponse.class);
        }
        // those the SMSC was reading were written to the socket before the drop: it may have them
        assertThat(inFlight.subList(0, 4)).allSatisfy(f -> assertThatThrownBy(f::join).cause()
                .isInstanceOfSatisfying(SmppLink.NoResponse.class, n -> assertThat(n.maybeReceived()).isTrue()));
        for (int i = 0; i < 100 && closed.get() == 0; i++) Thread.sleep(20);
        assertThat(closed.get()).isEqualTo(1);
        assertThat(link.isOpen()).isFalse();
        // the window is free again and a submit on the closed link fails at once instead of waiting
        assertThatThrownBy(() -> submit("5299", "x").get(1, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(SmppLink.NoResponse.class, n -> assertThat(n.maybeReceived()).isFalse());
        smsc.stall.countDown();
    }

    @Test
    void aSubmitGivenUpOnFreesItsPlaceInTheWindow() throws Exception {
        smsc.stall = new CountDownLatch(1);
        int arrived = smsc.submitsArrived.get();
        List<CompletableFuture<SmppLink.SubmitResponse>> stuck = new ArrayList<>();
        for (int i = 0; i < 16; i++) stuck.add(submit("5255" + i, "x")); // the whole window
        for (int i = 0; i < 100 && smsc.submitsArrived.get() < arrived + 4; i++) Thread.sleep(20); // the SMSC is reading them
        stuck.forEach(link::abandon);
        assertThat(stuck).allSatisfy(f -> assertThatThrownBy(f::join).hasCauseInstanceOf(SmppLink.NoResponse.class));
        // those the SMSC got were written: they may have been received
        assertThat(stuck.subList(0, 4)).allSatisfy(f -> assertThatThrownBy(f::join).cause()
                .isInstanceOfSatisfying(SmppLink.NoResponse.class, n -> assertThat(n.maybeReceived()).isTrue()));
        smsc.stall.countDown();
        assertThat(submit("5277", "x").get(5, TimeUnit.SECONDS).ok()).isTrue(); // would block forever without free places
    }

    @Test
    void aGarbledLengthFromThePeerClosesTheLinkInsteadOfAllocatingIt() throws Exception {
        try (java.net.ServerSocket peer = new java.net.ServerSocket(0)) {
            var accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    java.net.Socket s = peer.accept();
                    var in = new java.io.DataInputStream(s.getInputStream());
                    var reader = new org.jsmpp.DefaultPDUReader();
                    var bind = reader.readPDUHeader(in);
                    reader.readPDU(in, bind);
                    var out = s.getOutputStream();
                    out.write(composer.bindResp(org.jsmpp.SMPPConstant.CID_BIND_TRANSCEIVER_RESP, bind.getSequenceNumber(), "peer"));
                    // a header announcing a 100 MB PDU, and nothing after it: read as announced, the link would
                    // allocate it and wait for it forever
                    out.write(new byte[]{0x06, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1});
                    out.flush();
                    return s;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            AtomicInteger garbledClosed = new AtomicInteger();
            SmppLink garbled = SmppLink.bind("127.0.0.1", peer.getLocalPort(), "x", "y", "", 4, 5_000, new SmppLink.Handler() {
                @Override
                public void deliverSm(DeliverSm deliverSm, SmppLink.Responder respond) {
                    delivered.add(deliverSm);
                }

                @Override
                public void accepted(String messageId) {
                }

                @Override
                public void closed(SmppLink l) {
                    garbledClosed.incrementAndGet();
                }
            });
            for (int i = 0; i < 100 && garbled.isOpen(); i++) Thread.sleep(20);
            assertThat(garbled.isOpen()).isFalse();
            assertThat(garbledClosed.get()).isEqualTo(1);
            assertThat(delivered).isEmpty();
            accepted.get(5, TimeUnit.SECONDS).close();
        }
    }
}
