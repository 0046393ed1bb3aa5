import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Browse benchmark client (JDK 21+ single-file program; run by bench/browse-bench.sh):
 *
 * <pre>
 * BENCH_TOKEN=... java bench/BrowseBench.java --base http://127.0.0.1:18080 --params bench/out/browse-params.properties
 *     [--warmup 200] [--requests 1000] [--max-seconds 120] [--only name,name]
 * </pre>
 *
 * One client thread, one keep-alive HTTP/1.1 connection, requests strictly one after another. Per
 * scenario: a warm-up (not measured; at most 30 s), then the measured requests (at most --max-seconds,
 * so that a slow scenario reports fewer samples instead of running for an hour); the latency is from
 * sending the request to having read the whole response body. Prints n, items per response, p50, p95,
 * p99, max.
 */
public class BrowseBench {
    static final double TARGET_P95_MS = 100;

    record Scenario(String name, String what, IntFunction<String> path, boolean html) {}

    record Result(String name, String what, String sample, int n, double itemsPerResponse, double p50, double p95,
                  double p99, double max, String note) {}

    final HttpClient http;
    final String base;
    final String token;
    boolean htmlLoggedIn;

    BrowseBench(String base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        String token = System.getenv("BENCH_TOKEN");
        if (token == null || token.isBlank() || !opt.containsKey("params")) {
            System.err.println("usage: BENCH_TOKEN=... java bench/BrowseBench.java --base URL --params FILE "
                    + "[--warmup 200] [--requests 1000] [--max-seconds 120] [--only a,b]");
            System.exit(64);
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(Path.of(opt.get("params")), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "200"));
        int requests = Integer.parseInt(opt.getOrDefault("requests", "1000"));
        double maxSeconds = Double.parseDouble(opt.getOrDefault("max-seconds", "120"));
        List<String> only = opt.containsKey("only") ? Arrays.asList(opt.get("only").split(",")) : List.of();

        BrowseBench bench = new BrowseBench(opt.getOrDefault("base", "http://127.0.0.1:18080"), token);
        List<Long> ids = Files.readAllLines(Path.of(p.getProperty("ids"))).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
        List<String> rfcPrefixes = Files.readAllLines(Path.of(p.getProperty("rfcPrefixes"))).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        String surname = p.getProperty("surname");
        String product = p.getProperty("product");
        String rareProduct = p.getProperty("rareProduct");

        List<Scenario> scenarios = new ArrayList<>();
        String list = "/api/v1/customers";
        scenarios.add(new Scenario("list-first-page", "GET " + list + " (first page, 50 rows)", i -> list, false));
        scenarios.add(new Scenario("q-surname", "q=" + surname + " (common surname)",
                i -> list + "?q=" + enc(surname), false));
        scenarios.add(new Scenario("q-rfc-prefix", "q=<4-char RFC prefix>, " + rfcPrefixes.size() + " prefixes in turn",
                i -> list + "?q=" + enc(rfcPrefixes.get(i % rfcPrefixes.size())), false));
        scenarios.add(new Scenario("bucket-D31_60", "bucket=D31_60", i -> list + "?bucket=D31_60", false));
        scenarios.add(new Scenario("product", "product=" + product + " (most common open product)",
                i -> list + "?product=" + enc(product), false));
        if (rareProduct != null && !rareProduct.equals(product)) {
            scenarios.add(new Scenario("product-rare", "product=" + rareProduct + " (least common open product)",
                    i -> list + "?product=" + enc(rareProduct), false));
        }
        scenarios.add(new Scenario("currency-balance", "currency=MXN&minBalance=10000&maxBalance=50000",
                i -> list + "?currency=MXN&minBalance=10000&maxBalance=50000", false));
        String sparseMin = p.getProperty("sparseMinBalance");
        if (sparseMin != null) {
            scenarios.add(new Scenario("balance-sparse", "currency=MXN&minBalance=" + sparseMin
                    + " (the ~30 largest debts: fewer matches than a page)",
                    i -> list + "?currency=MXN&minBalance=" + sparseMin, false));
        }
        scenarios.add(new Scenario("keyset-deep", "pages 2..21: from the first page, follow next 20 times", null, false));
        scenarios.add(new Scenario("customer-360", "GET " + list + "/{id}, " + ids.size() + " random ids in turn",
                i -> list + "/" + ids.get(i % ids.size()), false));
        if (p.getProperty("htmlUser") != null) {
            scenarios.add(new Scenario("html-list", "GET /customers (HTML page, session log-in)", i -> "/customers", true));
            scenarios.add(new Scenario("html-360", "GET /customers/{id} (HTML page), random ids in turn",
                    i -> "/customers/" + ids.get((ids.size() / 2 + i) % ids.size()), true));
        }

        System.out.printf("Browse benchmark against %s: %d warm-up + %d measured requests per scenario, "
                + "one client thread, sequential (cap %.0f s per scenario)%n%n", bench.base, warmup, requests, maxSeconds);
        List<Result> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (!only.isEmpty() && !only.contains(s.name())) continue;
            if (s.html() && !bench.htmlLoggedIn) {
                String why = bench.logIn(p.getProperty("htmlUser"), p.getProperty("htmlPassword"));
                if (why != null) {
                    results.add(new Result(s.name(), s.what(), "", 0, 0, 0, 0, 0, 0, "skipped: " + why));
                    continue;
                }
            }
            Result r = s.path() == null ? bench.runKeyset(s, warmup, requests, maxSeconds)
                    : bench.run(s, warmup, requests, maxSeconds);
            results.add(r);
            System.out.printf("  %-17s done: n=%d p50=%.1f ms p95=%.1f ms%s%n", r.name(), r.n(), r.p50(), r.p95(),
                    r.note().isEmpty() ? "" : " (" + r.note() + ")");
        }
        print(results);
    }

    Result run(Scenario s, int warmup, int requests, double maxSeconds) throws Exception {
        long warmupEnd = System.nanoTime() + (long) (Math.min(30, maxSeconds / 4) * 1e9);
        for (int i = 0; i < warmup && System.nanoTime() < warmupEnd; i++) call(s.path().apply(i), s.html());
        double[] ms = new double[requests];
        long items = 0;
        int n = 0;
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        for (int i = 0; i < requests; i++) {
            String path = s.path().apply(warmup + i);
            long t0 = System.nanoTime();
            String body = call(path, s.html());
            ms[n++] = (System.nanoTime() - t0) / 1e6;
            items += s.html() ? 0 : countItems(body);
            if (System.nanoTime() > deadline) break;
        }
        return result(s, s.path().apply(warmup), Arrays.copyOf(ms, n), s.html() ? -1 : (double) items / n,
                n < requests ? "stopped after " + (int) maxSeconds + " s" : "");
    }

    /** Keyset paging: chains that start at the first page and follow {@code next} 20 times; pages 2..21 are measured. */
    Result runKeyset(Scenario s, int warmup, int requests, double maxSeconds) throws Exception {
        final int depth = 20;
        String first = "/api/v1/customers";
        long warmupEnd = System.nanoTime() + (long) (Math.min(30, maxSeconds / 4) * 1e9);
        for (int i = 0; i < Math.max(1, warmup / depth) && System.nanoTime() < warmupEnd; i++) followChain(first, depth, null);
        double[] ms = new double[requests];
        int[] n = {0};
        long[] items = {0};
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        String sample = null;
        while (n[0] < requests && System.nanoTime() < deadline) {
            String last = followChain(first, Math.min(depth, requests - n[0]), (latency, count) -> {
                ms[n[0]++] = latency;
                items[0] += count;
            });
            if (sample == null) sample = last;
        }
        return result(s, sample, Arrays.copyOf(ms, n[0]), (double) items[0] / n[0],
                n[0] < requests ? "stopped after " + (int) maxSeconds + " s" : "");
    }

    interface Sink { void record(double ms, long items); }

    /** Loads the first page (not measured), then follows next {@code depth} times; returns the deepest path. */
    String followChain(String first, int depth, Sink sink) throws Exception {
        String body = call(first, false);
        String path = first;
        for (int d = 0; d < depth; d++) {
            Object next = ((Map<?, ?>) Json.parse(body)).get("next");
            if (!(next instanceof Map<?, ?> cursor)) throw new IllegalStateException("no next page after " + path);
            path = first + "?afterName=" + enc(String.valueOf(cursor.get("afterName")))
                    + "&afterId=" + ((Number) cursor.get("afterId")).longValue();
            long t0 = System.nanoTime();
            body = call(path, false);
            double latency = (System.nanoTime() - t0) / 1e6;
            if (sink != null) sink.record(latency, countItems(body));
        }
        return path;
    }

    String call(String path, boolean html) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (html) b.header("Accept", "text/html");
        else b.header("Authorization", "Bearer " + token).header("Accept", "application/json");
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " "
                    + r.headers().firstValue("Location").orElse("") + " "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return r.body();
    }

    /** Form log-in for the HTML pages; returns null when logged in, else why not. */
    String logIn(String user, String password) throws IOException, InterruptedException {
        if (user == null || password == null) return "no web credentials";
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"")
                .matcher(page.body());
        String csrf = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
        String form = "username=" + enc(user) + "&password=" + enc(password) + (csrf == null ? "" : "&_csrf=" + enc(csrf));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) return "log-in failed (" + r.statusCode() + " " + location + ")";
        htmlLoggedIn = true;
        return null;
    }

    static long countItems(String body) {
        Object items = ((Map<?, ?>) Json.parse(body)).get("items");
        return items instanceof List<?> l ? l.size() : 1;
    }

    static Result result(Scenario s, String sample, double[] ms, double itemsPerResponse, String note) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Result(s.name(), s.what(), sample, sorted.length, itemsPerResponse, pct(sorted, 0.50),
                pct(sorted, 0.95), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1], note);
    }

    /** Nearest-rank percentile. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static void print(List<Result> results) {
        System.out.println();
        System.out.printf("%-17s %5s %6s %8s %8s %8s %8s  %s%n", "scenario", "n", "items", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "p95 < 100 ms?");
        for (Result r : results) {
            if (r.n() == 0) {
                System.out.printf("%-17s %5s %6s %8s %8s %8s %8s  %s%n", r.name(), "-", "-", "-", "-", "-", "-", r.note());
                continue;
            }
            System.out.printf(Locale.ROOT, "%-17s %5d %6s %8.1f %8.1f %8.1f %8.1f  %s%s%n", r.name(), r.n(),
                    r.itemsPerResponse() < 0 ? "html" : String.format(Locale.ROOT, "%.1f", r.itemsPerResponse()),
                    r.p50(), r.p95(), r.p99(), r.max(), r.p95() < TARGET_P95_MS ? "yes" : "NO",
                    r.note().isEmpty() ? "" : " (" + r.note() + ")");
        }
        System.out.println();
        System.out.println("items = rows returned per response (page size 50); what each scenario requests:");
        for (Result r : results) System.out.printf("  %-17s %s%n", r.name(), r.what());
        System.out.println("sample requests:");
        for (Result r : results) if (r.sample() != null && !r.sample().isEmpty()) System.out.printf("  %-17s %s%n", r.name(), r.sample());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Just enough JSON for the API's responses: objects, arrays, strings, numbers, true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) { this.s = s; }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.ws();
            if (j.i != j.s.length()) throw new IllegalArgumentException("trailing data at " + j.i);
            return v;
        }

        private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    ws();
                    if (s.charAt(i) == '}') { i++; return m; }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect('}');
                        return m;
                    }
                }
                case '[' -> {
                    List<Object> l = new ArrayList<>();
                    i++;
                    ws();
                    if (s.charAt(i) == ']') { i++; return l; }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') { i++; continue; }
                        expect(']');
                        return l;
                    }
                }
                case '"' -> { return string(); }
                case 't' -> { i += 4; return Boolean.TRUE; }
                case 'f' -> { i += 5; return Boolean.FALSE; }
                case 'n' -> { i += 4; return null; }
                default -> {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    String num = s.substring(start, i);
                    return num.matches("-?\\d+") ? (Object) Long.valueOf(num) : (Object) Double.valueOf(num);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) throw new IllegalArgumentException("expected " + c + " at " + i);
            i++;
        }
    }
}
