import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load on POST /api/v1/payments: RATE requests per second for SECONDS seconds, each sent on
 * schedule whether or not earlier ones answered (so latency includes queueing). Every 20th request
 * repeats an earlier request's Idempotency-Key and body (a client retry): it must answer the same
 * payment (200), never make a second one. Latency is measured from the scheduled send time.
 * With WARMUP_SECONDS, the same client first sends WARMUP_SECONDS at the same rate, not measured: a
 * load generator that starts cold (its own JIT, its connections) adds its start-up to the first
 * seconds' latency (all requests of the first 3 s of a cold client were over 50 ms).
 *
 *   java PaymentLoad.java BASE_URL TOKEN CUSTOMERS RATE SECONDS [WARMUP_SECONDS]
 */
public class PaymentLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0], token = args[1];
        int customers = Integer.parseInt(args[2]), rate = Integer.parseInt(args[3]), seconds = Integer.parseInt(args[4]);
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(5)).build();
        if (warmup > 0) load(http, base, token, customers, rate, warmup, Long.toString(System.currentTimeMillis(), 36) + "w", false);
        System.out.println("measuring");
        System.out.flush();
        load(http, base, token, customers, rate, seconds, Long.toString(System.currentTimeMillis(), 36), true);
    }

    static void load(HttpClient http, String base, String token, int customers, int rate, int seconds, String run,
                     boolean report) throws Exception {
        int total = rate * seconds;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
        List<String> trace = Collections.synchronizedList(new ArrayList<>(total));
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        Map<String, String> idByKey = new ConcurrentHashMap<>();
        AtomicInteger mismatched = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 200_000_000L;
        long intervalNs = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            final int n = i;
            long at = start + n * intervalNs;
            clock.schedule(() -> {
                int logical = (n % 20 == 19) ? n - 10 : n;           // a retry of request n-10
                long sentLag = System.nanoTime() - at;
                String key = run + "-" + logical;
                String customer = String.format("B%07d", 1 + logical % customers);
                String body = "{\"customer\":\"" + customer + "\",\"amount\":\"" + (1 + logical % 500) + ".25\",\"currency\":\"MXN\",\"reference\":\"load " + logical + "\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/payments"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((res, err) -> {
                    latencies.add(System.nanoTime() - at);
                    trace.add((at - start) / 1_000_000 + " " + (System.nanoTime() - at) / 1_000_000 + " " + sentLag / 1_000_000);
                    if (err != null) {
                        errors.incrementAndGet();
                    } else {
                        statuses.computeIfAbsent(res.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (res.statusCode() == 200 || res.statusCode() == 201) {
                            String id = res.body().replaceAll("(?s)^\\{\"id\":\"([^\"]+)\".*", "$1");
                            String earlier = idByKey.putIfAbsent(key, id);
                            if (earlier != null && !earlier.equals(id)) mismatched.incrementAndGet();
                        }
                    }
                    done.countDown();
                });
            }, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        clock.shutdown();
        if (!report) return;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double ms = 1e6;
        System.out.printf("requests=%d statuses=%s transport_errors=%d distinct_keys=%d retries_answering_another_payment=%d%n",
                sorted.size(), statuses, errors.get(), idByKey.size(), mismatched.get());
        System.out.printf("latency_ms p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", pct(sorted, 50) / ms, pct(sorted, 90) / ms,
                pct(sorted, 99) / ms, sorted.isEmpty() ? 0 : sorted.getLast() / ms);
        System.out.println("run=" + run);
        String traceFile = System.getenv("LOAD_TRACE"); // "scheduled-offset-ms latency-ms send-lag-ms" per request, to find when slow ones happen
        if (traceFile != null && !traceFile.isBlank()) java.nio.file.Files.write(java.nio.file.Path.of(traceFile), trace);
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) return 0;
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1));
    }
}
