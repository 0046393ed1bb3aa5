import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import mx.recaudo.RecaudoApplication;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactOutbox;
import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.contact.outbox.OutboxDispatcher;
import mx.recaudo.contact.sms.SmppTestServer;
import mx.recaudo.identity.IdentityManagement;
import mx.recaudo.shared.TenantContext;
import org.jsmpp.bean.*;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Contact benchmarks (not part of the Maven suite; see README.md):
 * 1. N SMS planned through the guard into the outbox, then dispatched over SMPP to an in-process
 *    jsmpp SMSC with status persistence; 2. the same N sent by a bare jsmpp client with the same
 *    window to the same SMSC; 3. M emails dispatched to GreenMail.
 */
public class ContactBenchmark {
    static final int SMPP_PORT = 41775, SMTP_PORT = 41725, WINDOW = 32, PLAN_CHUNK = 1000,
            WARM_UP = Integer.getInteger("bench.warmup", 50_000), ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final String SMS_TEXT = "Hola, tu pago vence pronto. Paga en https://pagos.recaudo.mx/r/123. Responde BAJA para no recibir mas.";

    /**
     * Waits (at most 60 s) until the JIT compilers have been idle for a second, so that compilations
     * queued by the warm-up (slow on a busy machine) do not run inside the next measured window.
     */
    static void settleJit() throws InterruptedException {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime(), last = jit.getTotalCompilationTime();
        while (System.nanoTime() - start < 60_000_000_000L) {
            Thread.sleep(1000);
            long now = jit.getTotalCompilationTime();
            if (now - last < 20) break;
            last = now;
        }
        System.out.printf("JIT settled after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int emails = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        SmppTestServer smsc = new SmppTestServer(SMPP_PORT);
        smsc.keepSubmitted = false; // what the SMSC got is not checked here, and keeping it filled the heap (GC in both windows)
        GreenMail greenMail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        greenMail.start();
        ConfigurableApplicationContext app;
        try {
            app = new SpringApplicationBuilder(RecaudoApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.profiles.active=test", "recaudo.contact.dispatch-enabled=false",
                        "recaudo.contact.routes.sms=smpp", "recaudo.contact.routes.email=smtp",
                        "recaudo.contact.smpp.host=127.0.0.1", "recaudo.contact.smpp.port=" + SMPP_PORT,
                        "recaudo.contact.smpp.system-id=bench", "recaudo.contact.smpp.password=bench",
                        "recaudo.contact.smpp.window=" + WINDOW, "recaudo.contact.batch-size=1000",
                        "recaudo.contact.rates.smpp=1000000", "recaudo.contact.rates.smtp=1000000",
                        "recaudo.contact.smtp.host=127.0.0.1", "recaudo.contact.smtp.port=" + SMTP_PORT,
                        "recaudo.contact.smtp.auth=false", "recaudo.import.poll-millis=3600000")
                .run();
        } catch (RuntimeException e) { // e.g. no such database: stop the servers, or their threads keep the JVM alive
            smsc.close();
            greenMail.stop();
            throw e;
        }
        try {
            IdentityManagement identity = app.getBean(IdentityManagement.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            ContactOutbox outbox = app.getBean(ContactOutbox.class);
            ContactProfiles profiles = app.getBean(ContactProfiles.class);
            OutboxDispatcher dispatcher = app.getBean(OutboxDispatcher.class);
            String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            UUID org = identity.createOrganization(slug, slug, slug, null, "MXN", "America/Mexico_City").id();
            TenantContext.run(org, () -> {
                profiles.save(new JurisdictionProfile(JurisdictionProfile.MX_CONDUSEF, LocalTime.MIN, LocalTime.MAX,
                        EnumSet.allOf(DayOfWeek.class), false, List.of(), 0, Set.of(), true));
                jdbc.sql("""
                        insert into customer (org_id, external_id, name, customer_type, time_zone)
                        select ?, 'B-' || g, 'Cliente ' || g, 'PERSON', 'America/Mexico_City' from generate_series(1, ?) g""")
                        .params(org, Math.max(n, emails)).update();
                jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) select org_id, id, 'PHONE', '+5255' || (10000000 + id) from customer").update();
                jdbc.sql("insert into contact_point (org_id, customer_id, channel, value) select org_id, id, 'EMAIL', 'c' || id || '@example.mx' from customer").update();
            });
            List<Long> customers = TenantContext.call(org, () -> jdbc.sql("select id from customer order by id").query(Long.class).list());

            // warm-up (JIT, connections, SMPP bind) of both paths, so that neither run pays for it. Two rounds: in
            // the first, the C2 compiler's queue is still long with the start-up's methods and HotSpot raises its
            // thresholds with that queue (JIT log: the SMSC's and the adapter's per-message methods were still
            // at tier 3 after 50,000 messages and reached tier 4 only inside the measured window); the second,
            // after the JIT has settled, gets them compiled.
            // The bare client's session stays bound from its warm-up to its measured run: closing it in between
            // sent the SMSC's reader into a path it had never taken and threw away its compiled code (JIT log).
            int warm = Math.min(n, WARM_UP);
            SMPPSession bareSession = bareSession();
            long delivered0 = 0;
            for (int round = 0; round < 2; round++) {
                int w = round == 0 ? warm : Math.min(n, Math.max(1_000, warm / 5));
                plan(org, outbox, customers.subList(0, w), Channel.SMS, SMS_TEXT);
                while (dispatcher.drain("smpp", Duration.ofMinutes(10)) > 0) { }
                bare(smsc, bareSession, w, new String[1]);
                long expected = delivered0 + w;
                awaitReceipts(smsc, () -> TenantContext.call(org, () -> jdbc.sql("select count(*) from contact_message where status = 'DELIVERED'").query(Long.class).single()), expected);
                delivered0 = expected;
                settleJit();
            }
            // Measured rounds: each plans n messages, dispatches them through the outbox, then sends n with the
            // bare client. This machine's run-to-run spread is ±20 %, so the ratio is printed for every round and
            // the median of the rounds is the figure.
            List<double[]> rounds = new java.util.ArrayList<>(); // {planSecs, dispatchSecs, receiptSecs, bareSecs, sent, delivered}
            StringBuilder cpuReports = new StringBuilder();
            for (int round = 1; round <= ROUNDS; round++) {
                long before = TenantContext.call(org, () -> jdbc.sql("select coalesce(max(id), 0) from contact_message").query(Long.class).single());
                long t0 = System.nanoTime();
                plan(org, outbox, customers.subList(0, n), Channel.SMS, SMS_TEXT);
                double planSecs = (System.nanoTime() - t0) / 1e9;
                settleJit();
                long t1 = System.nanoTime();
                CpuSnapshot dispatchCpu = CpuSnapshot.take();
                java.time.Instant dispatchStart = java.time.Instant.now();
                long dispatchUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                while (dispatcher.drain("smpp", Duration.ofMinutes(10)) > 0) { }
                double dispatchSecs = (System.nanoTime() - t1) / 1e9;
                System.out.printf("round %d dispatch window (for CPU monitors): %s .. %s (JVM uptime %d .. %d ms)%n", round, dispatchStart,
                        java.time.Instant.now(), dispatchUptime, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
                Callable<Long> deliveredNow = () -> TenantContext.call(org, () -> jdbc.sql("select count(*) from contact_message where channel = 'SMS' and status = 'DELIVERED' and id > ?").param(before).query(Long.class).single());
                awaitReceipts(smsc, deliveredNow, n);
                double receiptSecs = (System.nanoTime() - t1) / 1e9;
                cpuReports.append("round ").append(round).append(": ").append(dispatchCpu.report("outbox dispatch until every receipt applied", n));
                long delivered = deliveredNow.call();
                long sent = TenantContext.call(org, () -> jdbc.sql("select count(*) from contact_message where channel = 'SMS' and status in ('SENT','DELIVERED') and id > ?").param(before).query(Long.class).single());
                settleJit();
                String[] bareCpuReport = new String[1];
                double bareSecs = bare(smsc, bareSession, n, bareCpuReport);
                cpuReports.append("round ").append(round).append(": ").append(bareCpuReport[0]);
                rounds.add(new double[]{planSecs, dispatchSecs, receiptSecs, bareSecs, sent, delivered});
                System.out.printf("round %d: outbox %.0f msg/s, bare %.0f msg/s, ratio %.2f%n", round, n / dispatchSecs, n / bareSecs, bareSecs / dispatchSecs);
                settleJit();
            }
            bareSession.unbindAndClose();

            plan(org, outbox, customers.subList(0, emails), Channel.EMAIL, "Hola, te ayudamos con tu pago. Responde BAJA para no recibir más.");
            long t2 = System.nanoTime();
            while (dispatcher.drain("smtp", Duration.ofMinutes(10)) > 0) { }
            double emailSecs = (System.nanoTime() - t2) / 1e9;
            int received = greenMail.getReceivedMessages().length;

            System.out.println();
            for (int i = 0; i < rounds.size(); i++) {
                double[] r = rounds.get(i);
                System.out.printf("Round %d: SMS planned through the guard %d in %.1f s (%.0f/s); dispatched over SMPP with status persistence %.0f sent of %d in %.1f s = %.0f msg/s (all %.0f DELIVERED after %.1f s); bare jsmpp client (window %d) %.1f s = %.0f msg/s; ratio %.2f%n",
                        i + 1, n, r[0], n / r[0], r[4], n, r[1], n / r[1], r[5], r[2], WINDOW, r[3], n / r[3], r[3] / r[1]);
            }
            double[] ratios = rounds.stream().mapToDouble(r -> r[3] / r[1]).sorted().toArray();
            double[] outboxRates = rounds.stream().mapToDouble(r -> n / r[1]).sorted().toArray();
            double[] bareRates = rounds.stream().mapToDouble(r -> n / r[3]).sorted().toArray();
            System.out.printf("SMS dispatched over SMPP with status persistence, median of %d rounds: %.0f msg/s%n", rounds.size(), median(outboxRates));
            System.out.printf("SMS sent by a bare jsmpp client, median of %d rounds: %.0f msg/s%n", rounds.size(), median(bareRates));
            System.out.printf("Ratio outbox / bare: median %.2f (rounds: %s)%n", median(ratios),
                    rounds.stream().map(r -> String.format("%.2f", r[3] / r[1])).collect(java.util.stream.Collectors.joining(", ")));
            System.out.print(cpuReports);
            System.out.printf("Email to GreenMail: %d received of %d in %.1f s = %.0f msg/s%n", received, emails, emailSecs, emails / emailSecs);
        } finally {
            app.close();
            smsc.close();
            greenMail.stop();
        }
    }

    /**
     * CPU used in a window: the JVM's threads grouped by name (digits dropped), and the PostgreSQL
     * backends of the benchmark database plus the WAL writer (read from /proc).
     */
    record CpuSnapshot(long wallNanos, Map<Long, Long> threadNanos, Map<Long, String> names, long jvmTicks, long pgTicks) {
        static CpuSnapshot take() {
            // every native thread of this process (JIT compilers and GC included), by tid, from /proc
            Map<Long, Long> cpu = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                for (var t : tasks.toList()) {
                    try {
                        long tid = Long.parseLong(t.getFileName().toString());
                        String name = java.nio.file.Files.readString(t.resolve("comm")).strip();
                        names.put(tid, name);
                        cpu.put(tid, ticks("self/task/" + tid) * 10_000_000L);
                    } catch (Exception e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                // no /proc: no figures
            }
            return new CpuSnapshot(System.nanoTime(), cpu, names, ticks("self"), postgresTicks());
        }

        String report(String what, long messages) {
            CpuSnapshot end = take();
            Map<String, Long> groups = new TreeMap<>();
            end.threadNanos.forEach((id, c) -> groups.merge(end.names.get(id).replaceAll("[0-9]+", "#"),
                    c - threadNanos.getOrDefault(id, 0L), Long::sum));
            StringBuilder b = new StringBuilder(String.format("CPU in window '%s' (%.1f s wall): JVM process %.1f CPU-s (%.0f us/msg), PostgreSQL %.1f CPU-s (%.0f us/msg); threads (by /proc name, digits as #):%n",
                    what, (end.wallNanos - wallNanos) / 1e9, (end.jvmTicks - jvmTicks) / 100.0, (end.jvmTicks - jvmTicks) * 1e4 / messages,
                    (end.pgTicks - pgTicks) / 100.0, (end.pgTicks - pgTicks) * 1e4 / messages));
            groups.entrySet().stream().filter(e -> e.getValue() > 50_000_000L)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> b.append(String.format("    %-40s %6.2f CPU-s%n", e.getKey(), e.getValue() / 1e9)));
            return b.toString();
        }

        /** utime + stime of a process, in clock ticks (1/100 s). */
        static long ticks(String proc) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + proc + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                return 0;
            }
        }

        /** The backends of the benchmark's database and the WAL writer (other databases' backends are other people's work). */
        static long postgresTicks() {
            String url = System.getenv().getOrDefault("RECAUDO_TEST_DB_URL", "/recaudo_test");
            String db = " " + url.substring(url.lastIndexOf('/') + 1).replaceAll("[?].*", "") + " ";
            return ProcessHandle.allProcesses().filter(p -> {
                try {
                    String cmd = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + p.pid() + "/cmdline")));
                    return cmd.startsWith("postgres:") && (cmd.contains(db) || cmd.contains("walwriter"));
                } catch (Exception e) {
                    return false;
                }
            }).mapToLong(p -> ticks(Long.toString(p.pid()))).sum();
        }
    }

    static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** Waits until the SMSC has no receipt outstanding and the database shows them applied (at most a minute). */
    static void awaitReceipts(SmppTestServer smsc, Callable<Long> delivered, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline && (smsc.pendingReceipts() > 0 || delivered.call() < expected)) Thread.sleep(250); // each check counts the table: not too often
    }

    static void plan(UUID org, ContactOutbox outbox, List<Long> customers, Channel channel, String body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new java.util.ArrayList<>();
        int slice = (customers.size() + 3) / 4;
        for (int i = 0; i < customers.size(); i += slice) {
            List<Long> part = customers.subList(i, Math.min(customers.size(), i + slice));
            fs.add(pool.submit(() -> TenantContext.run(org, () -> {
                for (int j = 0; j < part.size(); j += PLAN_CHUNK) {
                    outbox.planAll(part.subList(j, Math.min(part.size(), j + PLAN_CHUNK)).stream()
                            .map(c -> new ContactOutbox.Plan(c, channel, null, null, channel == Channel.EMAIL ? "Aviso" : null, body, null))
                            .toList());
                }
            })));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
    }

    /** The bare client's rate; {@code cpu[0]} gets the CPU report of its window (taken before its session's threads end). */
    static SMPPSession bareSession() throws Exception {
        SMPPSession session = new SMPPSession();
        session.connectAndBind("127.0.0.1", SMPP_PORT, new BindParameter(BindType.BIND_TRX, "bare", "bare", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        session.setMessageReceiverListener(new org.jsmpp.session.MessageReceiverListener() {
            public void onAcceptDeliverSm(DeliverSm d) { }
            public void onAcceptAlertNotification(AlertNotification a) { }
            public org.jsmpp.session.DataSmResult onAcceptDataSm(DataSm d, org.jsmpp.session.Session s) { return null; }
        });
        return session;
    }

    static double bare(SmppTestServer smsc, SMPPSession session, int n, String[] cpu) throws Exception {
        CpuSnapshot start = CpuSnapshot.take();
        byte[] text = SMS_TEXT.getBytes(StandardCharsets.ISO_8859_1);
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong ok = new AtomicLong();
        CountDownLatch done = new CountDownLatch(n);
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String to = "5255" + (20000000 + i);
            window.acquire();
            senders.submit(() -> {
                try {
                    session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "RECAUDO",
                            TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 1,
                            null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                            new GeneralDataCoding(Alphabet.ALPHA_DEFAULT, MessageClass.CLASS1, false), (byte) 0, text);
                    ok.incrementAndGet();
                } catch (Exception e) {
                    // counted as not sent
                } finally {
                    window.release();
                    done.countDown();
                }
            });
        }
        done.await();
        double secs = (System.nanoTime() - t) / 1e9;
        awaitReceipts(smsc, () -> 0L, 0); // unbinding with receipts in flight would only log errors
        cpu[0] = start.report("bare client until every receipt answered", n);
        senders.shutdown();
        if (ok.get() != n) System.out.printf("bare client: only %d of %d accepted%n", ok.get(), n);
        return secs;
    }
}
