package mx.recaudo.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.shared.TenantContext;
import mx.recaudo.platform.CopyRows;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bank statement files: each line is a deposit; it is matched to a customer by deposit reference,
 * by virtual CLABE, or by amount (exactly one customer owes exactly that), and posted as a payment
 * whose idempotency key is the file's SHA-256 and the line number, so loading a file twice posts
 * nothing twice. Lines that match nobody go to the exceptions queue. The file is read as a stream
 * and posted in batches, each batch one transaction.
 */
@Service
public class BankStatements {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Payments payments;
    private final PaymentReferences references;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final PaymentProperties properties;
    private final JdbcTemplate jdbcTemplate;
    private final BatchPosting posting;
    private final PaymentSettingsStore settings;
    private final Clock clock;
    private volatile ExecutorService partitionPool;

    BankStatements(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx, Payments payments,
                   PaymentReferences references, AuditLog audit, ObjectMapper json, PaymentProperties properties,
                   BatchPosting posting, PaymentSettingsStore settings, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.posting = posting;
        this.settings = settings;
        this.clock = clock;
        this.tx = tx;
        this.payments = payments;
        this.references = references;
        this.audit = audit;
        this.json = json;
        this.properties = properties;
    }

    /** Imports a statement file from disk (it is read twice: once for its SHA-256, once to post). */
    public BankStatementResult importFile(Path file, String fileName, BankFileLayout layout) throws IOException {
        String sha;
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(in, fileName, sha, layout);
        }
    }

    /** Imports a statement from a stream whose SHA-256 is known. */
    public BankStatementResult importStream(InputStream content, String fileName, String fileSha256, BankFileLayout layout) {
        return importStream(content, fileName, fileSha256, layout, properties.bankFileBatchSize(), properties.bankFilePartitions());
    }

    /** As above, with {@code batchSize} lines per batch, each batch posted on up to {@code partitions} connections at once. */
    BankStatementResult importStream(InputStream content, String fileName, String fileSha256, BankFileLayout layout,
                                     int batchSize, int partitions) {
        UUID org = TenantContext.require();
        UUID id = UUID.randomUUID();
        String actor = Payments.actor();
        ZoneId zone = ZoneId.of(jdbc.sql("select time_zone from organization where id = recaudo_current_org()")
                .query(String.class).single());
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into bank_statement (id, org_id, file_name, file_sha256, layout, status, created_by)
                    values (?, ?, ?, ?, ?::jsonb, 'RUNNING', ?)""")
                    .params(id, org, fileName, fileSha256, toJson(layout), actor).update();
            audit.record(actor, "BANK_STATEMENT_STARTED", "bank_statement", id.toString(),
                    Map.of("file", fileName, "sha256", fileSha256, "layout", layout.name()));
        });
        Counts counts = new Counts();
        Map<BatchPosting.Account, PaymentPosted> events = new LinkedHashMap<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(layout.delimiter()).quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE).skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE).missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowExtraCharsAfterClosingQuote(true)
                .ofCsvRecord(new InputStreamReader(stripBom(content), StandardCharsets.UTF_8))) {
            Iterator<CsvRecord> records = reader.iterator();
            List<String> header = null;
            if (layout.header()) {
                if (!records.hasNext()) throw new IllegalArgumentException("The file is empty");
                header = records.next().getFields();
            }
            BankFileLayout.Columns columns = layout.resolve(header);
            List<CsvRecord> batch = new ArrayList<>(batchSize);
            while (records.hasNext()) {
                batch.add(records.next());
                if (batch.size() == batchSize) {
                    postBatch(id, fileSha256, batch, columns, layout, zone, actor, partitions, counts, events);
                    batch.clear();
                }
            }
            postBatch(id, fileSha256, batch, columns, layout, zone, actor, partitions, counts, events);
            finish(id, counts, "COMPLETED", null);
        } catch (IOException | RuntimeException e) {
            finish(id, counts, "FAILED", e.getMessage());
            if (e instanceof RuntimeException r && !(e instanceof IllegalArgumentException)) throw r;
        } finally {
            // After the batches committed: one event per account (customer and currency), its last payment in
            // the file, whose remaining balance is the account's. Listeners react to the account's state
            // (pending promises, balance at zero), so once per account is what once per payment would give.
            events.values().forEach(payments::publishAfterCommit);
        }
        return find(id).orElseThrow();
    }

    private static final class Counts {
        long lines;
        long posted;
        long duplicates;
        long exceptions;
        BigDecimal amount = BigDecimal.ZERO;

        void add(Counts other) {
            lines += other.lines;
            posted += other.posted;
            duplicates += other.duplicates;
            exceptions += other.exceptions;
            amount = amount.add(other.amount);
        }
    }

    /** One statement line as read, with the customer its reference or CLABE names (when its check digits are right). */
    private record Read(long line, String key, BigDecimal amount, LocalDate date, boolean unreadable, String currency,
                        boolean knownCurrency, String reference, String clabe, String concept, Long referenceCandidate,
                        String clabeValue, Long clabeCandidate) {}

    /**
     * Posts one batch of lines, set-based: the lines are staged with COPY and matched by reference and
     * CLABE in one query; the matched payments are posted together ({@link BatchPosting}). When no line
     * needs a match by amount, the batch's accounts are split by customer into disjoint partitions, each
     * posted in its own transaction on its own connection at the same time ({@link #postPartitioned});
     * otherwise the batch is one transaction, where a line matched by amount sees the balances the lines
     * before it left (they are posted first; then it is matched and joins the next group). Retried when
     * another load of the same file posted some of these lines at the same moment (they are then duplicates).
     */
    private void postBatch(UUID statementId, String sha, List<CsvRecord> batch, BankFileLayout.Columns columns,
                           BankFileLayout layout, ZoneId zone, String actor, int partitions, Counts counts,
                           Map<BatchPosting.Account, PaymentPosted> events) {
        if (batch.isEmpty()) return;
        PaymentSettings current = settings.current();
        List<Read> lines = batch.stream().map(r -> read(r, sha, columns, layout, current)).toList();
        // Only a load of the same file can have posted these lines before (the keys carry the file's SHA-256):
        // the first load of a file skips looking for them. A load that starts at the same moment is caught by
        // the insert (nothing inserted twice) and the retry, which looks.
        boolean loadedBefore = jdbc.sql("select exists (select 1 from bank_statement where file_sha256 = ? and id <> ?)")
                .params(sha, statementId).query(Boolean.class).single();
        if (partitions > 1 && postPartitioned(statementId, lines, layout, zone, actor, current, partitions, loadedBefore,
                counts, events)) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            boolean probe = loadedBefore || attempt > 1;
            try {
                Counts delta = new Counts();
                Map<BatchPosting.Account, PaymentPosted> posted = new LinkedHashMap<>();
                tx.executeWithoutResult(s -> postLines(statementId, lines, layout, zone, actor, current, probe, delta, posted));
                counts.add(delta);
                posted.forEach((account, event) -> {
                    events.remove(account); // keeps the map in the order of each account's last payment
                    events.put(account, event);
                });
                return;
            } catch (BatchPosting.ConcurrentPosting e) {
                if (attempt == 3) throw e;
            }
        }
    }

    private Read read(CsvRecord r, String sha, BankFileLayout.Columns columns, BankFileLayout layout, PaymentSettings s) {
        long line = r.getStartingLineNumber();
        String reference = field(r, columns.reference());
        String clabe = field(r, columns.clabe());
        String currency = Optional.ofNullable(field(r, columns.currency())).map(String::toUpperCase)
                .orElse(layout.defaultCurrency());
        Optional<BigDecimal> amount = layout.amount(field(r, columns.amount()));
        Optional<LocalDate> date = columns.date() < 0 ? Optional.empty() : layout.date(field(r, columns.date()));
        boolean unreadable = amount.isEmpty() || (columns.date() >= 0 && date.isEmpty());
        Long referenceCandidate = reference == null ? null : s.referenceScheme().body(reference)
                .filter(body -> body.startsWith(s.referencePrefix()) && body.length() == s.referencePrefix().length() + 10)
                .map(body -> Long.parseLong(body.substring(s.referencePrefix().length()))).orElse(null);
        Optional<Clabe> parsed = Clabe.parse(clabe);
        Long clabeCandidate = parsed.filter(c -> s.issuesClabes() && c.bank().equals(s.clabeBank())
                && c.branch().equals(s.clabeBranch())).map(Clabe::account).orElse(null);
        return new Read(line, "bank:" + sha + ":" + line, amount.orElse(null), date.orElse(null), unreadable, currency,
                PostPayment.validCurrency(currency), reference, clabe, field(r, columns.concept()), referenceCandidate,
                parsed.map(Clabe::value).orElse(null), clabeCandidate);
    }

    private record Match(boolean duplicate, Long customerId) {}

    private void postLines(UUID statementId, List<Read> lines, BankFileLayout layout, ZoneId zone, String actor,
                           PaymentSettings settings, boolean probe, Counts counts,
                           Map<BatchPosting.Account, PaymentPosted> events) {
        UUID org = TenantContext.require();
        // Bulk statements look expensive to the planner; compiling them (JIT) costs seconds and saves nothing here.
        jdbcTemplate.execute("set local jit = off");
        Map<Long, Match> matches = match(lines, probe);
        List<BatchPosting.Line> pending = new ArrayList<>();
        List<Object[]> exceptions = new ArrayList<>();
        for (Read l : lines) {
            counts.lines++;
            Match m = matches.get(l.line());
            if (m.duplicate()) {
                counts.duplicates++;
                continue;
            }
            if (l.unreadable() || !l.knownCurrency()) {
                exceptions.add(unmatched(org, statementId, l));
                counts.exceptions++;
                continue;
            }
            Long customer = m.customerId();
            String reason = "NO_MATCH";
            if (customer == null && layout.matchByAmount()) {
                flush(pending, settings, actor, counts, events);
                List<Long> owing = jdbc.sql("select customer_id from customer_balance where currency = ? and balance = ? limit 2")
                        .params(l.currency(), l.amount()).query(Long.class).list();
                if (owing.size() == 1) customer = owing.getFirst();
                else if (owing.size() > 1) reason = "AMBIGUOUS_AMOUNT";
            }
            if (customer == null) {
                exceptions.add(new Object[]{org, statementId, l.line(), l.date(), l.amount(), l.currency(), l.reference(),
                        l.clabe(), l.concept(), reason});
                counts.exceptions++;
                continue;
            }
            pending.add(line(l, customer, zone));
        }
        flush(pending, settings, actor, counts, events);
        insertExceptions(exceptions);
        progress(statementId, actor, lines.getFirst().line(), lines.getLast().line(), null, counts);
    }

    /** The exceptions-queue row of a line that cannot be posted for want of a readable amount or a known currency. */
    private static Object[] unmatched(UUID org, UUID statementId, Read l) {
        return new Object[]{org, statementId, l.line(), l.date(), l.amount(), l.unreadable() ? l.currency() : null,
                l.reference(), l.clabe(), l.concept(), l.unreadable() ? "UNREADABLE" : "UNKNOWN_CURRENCY"};
    }

    private BatchPosting.Line line(Read l, long customer, ZoneId zone) {
        String paymentReference = l.reference() != null ? l.reference() : l.clabe() != null ? l.clabe() : l.concept();
        Instant receivedAt = l.date() == null ? null : l.date().atTime(12, 0).atZone(zone).toInstant();
        PostPayment command = new PostPayment(String.valueOf(customer), l.amount(), l.currency(),
                paymentReference == null ? null : truncate(paymentReference, 100), receivedAt, l.key(),
                PostPayment.Channel.BANK_FILE);
        return new BatchPosting.Line(customer, command,
                receivedAt != null ? receivedAt : clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private void insertExceptions(List<Object[]> exceptions) {
        if (exceptions.isEmpty()) return;
        jdbcTemplate.batchUpdate("""
                insert into payment_exception (org_id, statement_id, line_no, received_on, amount, currency, reference,
                                               clabe, concept, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", exceptions);
    }

    /**
     * Adds a transaction's lines to the statement's counts and audits them; the last statements of the
     * transaction, because the statement's row (and its audit chain) is shared by the partitions of a batch.
     */
    private void progress(UUID statementId, String actor, long firstLine, long lastLine, Integer partition, Counts counts) {
        jdbc.sql("""
                update bank_statement set lines_read = lines_read + ?, payments_posted = payments_posted + ?,
                       duplicates = duplicates + ?, exceptions = exceptions + ?, amount_posted = amount_posted + ?
                 where id = ?""")
                .params(counts.lines, counts.posted, counts.duplicates, counts.exceptions, counts.amount, statementId)
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("firstLine", firstLine);
        details.put("lastLine", lastLine);
        if (partition != null) details.put("partition", partition);
        details.put("posted", counts.posted);
        details.put("duplicates", counts.duplicates);
        details.put("exceptions", counts.exceptions);
        details.put("amount", counts.amount.toPlainString());
        audit.record(actor, "BANK_STATEMENT_LINES_POSTED", "bank_statement", statementId.toString(), details);
    }

    private void flush(List<BatchPosting.Line> pending, PaymentSettings settings, String actor, Counts counts,
                       Map<BatchPosting.Account, PaymentPosted> events) {
        if (pending.isEmpty()) return;
        BatchPosting.Result result = posting.post(pending, settings, actor);
        counts.posted += result.posted();
        counts.amount = counts.amount.add(result.amount());
        result.lastEvents().forEach((account, event) -> {
            events.remove(account);
            events.put(account, event);
        });
        pending.clear();
    }

    /** The lines of one partition of a batch, and the exceptions (of no account) it writes. */
    private record Partition(int index, List<Read> lines, List<BatchPosting.Line> posts, List<Object[]> exceptions,
                             long duplicates) {}

    /**
     * Posts a batch whose lines all match by reference or CLABE (or not at all) as disjoint partitions of
     * customers, each in its own transaction, all at once. A customer's lines (every currency) stay in one
     * partition, in file order, so each account sees what posting the lines one by one would give; the
     * partitions share no obligation, counter or balance, so they neither wait for nor deadlock each other.
     * Each partition is all or nothing; if one fails the others may have committed, and loading the file
     * again posts what is missing (the lines posted are duplicates). Answers false, posting nothing, when a
     * line needs a match by amount (it must see every line before it posted: the serial path).
     */
    private boolean postPartitioned(UUID statementId, List<Read> lines, BankFileLayout layout, ZoneId zone, String actor,
                                    PaymentSettings current, int partitions, boolean loadedBefore, Counts counts,
                                    Map<BatchPosting.Account, PaymentPosted> events) {
        UUID org = TenantContext.require();
        Map<Long, Match> matches = tx.execute(s -> {
            jdbcTemplate.execute("set local jit = off");
            return match(lines, loadedBefore);
        });
        List<List<BatchPosting.Line>> posts = new ArrayList<>();
        List<List<Read>> reads = new ArrayList<>();
        for (int k = 0; k < partitions; k++) {
            posts.add(new ArrayList<>());
            reads.add(new ArrayList<>());
        }
        List<Object[]> exceptions = new ArrayList<>();
        long duplicates = 0;
        for (Read l : lines) {
            Match m = matches.get(l.line());
            if (m.duplicate()) {
                duplicates++;
            } else if (l.unreadable() || !l.knownCurrency()) {
                exceptions.add(unmatched(org, statementId, l));
            } else if (m.customerId() == null && layout.matchByAmount()) {
                return false;
            } else if (m.customerId() == null) {
                exceptions.add(new Object[]{org, statementId, l.line(), l.date(), l.amount(), l.currency(), l.reference(),
                        l.clabe(), l.concept(), "NO_MATCH"});
            } else {
                int k = (int) Math.floorMod(m.customerId(), (long) partitions);
                posts.get(k).add(line(l, m.customerId(), zone));
                reads.get(k).add(l);
            }
        }
        List<Partition> work = new ArrayList<>();
        for (int k = 0; k < partitions; k++) {
            // The first partition also writes the exceptions and counts the duplicates (they have no account).
            if (k == 0 || !posts.get(k).isEmpty()) {
                work.add(new Partition(k, reads.get(k), posts.get(k), k == 0 ? exceptions : List.of(), k == 0 ? duplicates : 0));
            }
        }
        List<Future<Map<BatchPosting.Account, PaymentPosted>>> running = new ArrayList<>();
        List<Counts> deltas = new ArrayList<>();
        for (Partition p : work.subList(1, work.size())) {
            Counts delta = new Counts();
            deltas.add(delta);
            running.add(partitionPool().submit(() -> TenantContext.call(org,
                    () -> postPartition(statementId, lines, p, current, actor, delta))));
        }
        RuntimeException failure = null;
        Counts firstDelta = new Counts();
        Map<BatchPosting.Account, PaymentPosted> posted = new HashMap<>();
        try {
            posted.putAll(postPartition(statementId, lines, work.getFirst(), current, actor, firstDelta));
            counts.add(firstDelta);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int i = 0; i < running.size(); i++) {
            try {
                posted.putAll(running.get(i).get());
                counts.add(deltas.get(i));
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) failure = cause; else failure.addSuppressed(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = new IllegalStateException("Interrupted while posting a statement", e);
            }
        }
        // Events in the order the serial posting gives: each account where its first line of the batch is.
        for (Read l : lines) {
            Match m = matches.get(l.line());
            if (m.customerId() == null) continue;
            BatchPosting.Account account = new BatchPosting.Account(m.customerId(), l.currency());
            PaymentPosted event = posted.remove(account);
            if (event != null) {
                events.remove(account);
                events.put(account, event);
            }
        }
        if (failure != null) throw failure;
        return true;
    }

    /**
     * One partition in one transaction. Retried (up to 3 attempts) when another load of the same file posted
     * some of its lines at the same moment: the retry finds them posted and counts them as duplicates.
     */
    private Map<BatchPosting.Account, PaymentPosted> postPartition(UUID statementId, List<Read> batch, Partition p,
                                                                   PaymentSettings current, String actor, Counts result) {
        for (int attempt = 1; ; attempt++) {
            boolean probe = attempt > 1;
            try {
                Counts delta = new Counts();
                Map<BatchPosting.Account, PaymentPosted> events = new LinkedHashMap<>();
                tx.executeWithoutResult(s -> {
                    jdbcTemplate.execute("set local jit = off");
                    List<BatchPosting.Line> posts = p.posts();
                    delta.lines = p.lines().size() + p.exceptions().size() + p.duplicates();
                    delta.duplicates = p.duplicates();
                    delta.exceptions = p.exceptions().size();
                    if (probe) {
                        Set<String> done = posted(posts.stream().map(l -> l.command().idempotencyKey()).toList());
                        posts = posts.stream().filter(l -> !done.contains(l.command().idempotencyKey())).toList();
                        delta.duplicates += done.size();
                    }
                    if (!posts.isEmpty()) {
                        BatchPosting.Result r = posting.post(posts, current, actor);
                        delta.posted = r.posted();
                        delta.amount = r.amount();
                        events.putAll(r.lastEvents());
                    }
                    insertExceptions(p.exceptions());
                    progress(statementId, actor, batch.getFirst().line(), batch.getLast().line(), p.index(), delta);
                });
                result.add(delta);
                return events;
            } catch (BatchPosting.ConcurrentPosting e) {
                if (attempt == 3) throw e;
            }
        }
    }

    private ExecutorService partitionPool() {
        ExecutorService pool = partitionPool;
        if (pool == null) {
            synchronized (this) {
                if (partitionPool == null) {
                    AtomicInteger n = new AtomicInteger();
                    partitionPool = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "bank-statement-partition-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
                pool = partitionPool;
            }
        }
        return pool;
    }

    @PreDestroy
    void stop() {
        if (partitionPool != null) partitionPool.shutdownNow();
    }

    /** The keys among these that a payment of the organization already carries. */
    private Set<String> posted(List<String> keys) {
        // Probing the unique key index once per line stays proportional to the batch; a join would let the
        // planner hash every payment the organization ever received.
        return new HashSet<>(jdbc.sql("select idempotency_key from payment where idempotency_key = any(?)")
                .param(keys.toArray(String[]::new)).query(String.class).list());
    }

    /**
     * Per line: whether an earlier load of the file posted it (a duplicate whatever it would match today;
     * only looked for when {@code probe}), and the customer its reference names (handed out, or with right
     * check digits and prefix), else its virtual CLABE. Staged with COPY and answered by one query.
     */
    private Map<Long, Match> match(List<Read> lines, boolean probe) {
        CopyRows staged = new CopyRows();
        for (Read l : lines) {
            staged.add(l.line()).add(l.key()).add(l.reference()).add(l.referenceCandidate()).add(l.clabeValue())
                    .add(l.clabeCandidate()).endRow();
        }
        jdbcTemplate.execute("""
                create temp table if not exists stg_bank_line (line_no bigint, key text, reference text,
                  reference_candidate bigint, clabe char(18), clabe_candidate bigint) on commit drop;
                truncate stg_bank_line""");
        jdbcTemplate.execute((ConnectionCallback<Long>) c -> staged.copyInto(c, "copy stg_bank_line from stdin"));
        Set<String> posted = probe ? posted(lines.stream().map(Read::key).toList()) : Set.of();
        Map<Long, Match> matches = new HashMap<>();
        jdbc.sql("""
                select l.line_no, l.key,
                       coalesce((select r.customer_id from payment_reference r where r.reference = l.reference),
                                (select c.id from customer c where c.id = l.reference_candidate),
                                (select v.customer_id from virtual_clabe v where v.clabe = l.clabe),
                                (select c.id from customer c where c.id = l.clabe_candidate))
                  from stg_bank_line l""")
                .query(rs -> {
                    matches.put(rs.getLong(1), new Match(posted.contains(rs.getString(2)), (Long) rs.getObject(3)));
                });
        return matches;
    }

    private void finish(UUID id, Counts counts, String status, String failure) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    update bank_statement set status = ?, failure = ?, finished_at = now(), lines_read = ?,
                           payments_posted = ?, duplicates = ?, exceptions = ?, amount_posted = ? where id = ?""")
                    .params(status, failure, counts.lines, counts.posted, counts.duplicates, counts.exceptions,
                            counts.amount, id).update();
            audit.record("BANK_STATEMENT_" + status, "bank_statement", id.toString(), Map.of("lines", counts.lines,
                    "posted", counts.posted, "duplicates", counts.duplicates, "exceptions", counts.exceptions,
                    "amount", counts.amount.toPlainString()));
        });
    }

    public Optional<BankStatementResult> find(UUID id) {
        return jdbc.sql("select * from bank_statement where id = ?").param(id).query((rs, i) -> new BankStatementResult(
                rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("status"), rs.getLong("lines_read"),
                rs.getLong("payments_posted"), rs.getLong("duplicates"), rs.getLong("exceptions"),
                rs.getBigDecimal("amount_posted"), rs.getString("failure"))).optional();
    }

    public List<BankStatementResult> recent() {
        return jdbc.sql("select * from bank_statement order by created_at desc limit 50").query((rs, i) -> new BankStatementResult(
                rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("status"), rs.getLong("lines_read"),
                rs.getLong("payments_posted"), rs.getLong("duplicates"), rs.getLong("exceptions"),
                rs.getBigDecimal("amount_posted"), rs.getString("failure"))).list();
    }

    /** A line of a statement that matched no customer, waiting for someone to assign or dismiss it. */
    public record PaymentException(long id, UUID statementId, Long lineNo, LocalDate receivedOn, BigDecimal amount,
                                   String currency, String reference, String clabe, String concept, String reason,
                                   String status, UUID paymentId) {}

    public List<PaymentException> openExceptions(int limit) {
        return jdbc.sql("select * from payment_exception where status = 'OPEN' order by id limit ?").param(limit)
                .query((rs, i) -> mapException(rs)).list();
    }

    /** Posts an exception's deposit to the given customer (by external id), or dismisses it when customer is null. */
    public void resolve(long exceptionId, String customerExternalId) {
        String actor = Payments.actor();
        PaymentException e = jdbc.sql("select * from payment_exception where id = ? and status = 'OPEN'").param(exceptionId)
                .query((rs, i) -> mapException(rs)).optional().orElseThrow(() -> new Problem.Rejected("not_found", 404,
                        List.of(new Problem("id", "No hay una excepción abierta con ese id", "No open exception with that id"))));
        if (customerExternalId == null || customerExternalId.isBlank()) {
            tx.executeWithoutResult(s -> {
                jdbc.sql("update payment_exception set status = 'DISMISSED', resolved_by = ?, resolved_at = now() where id = ?")
                        .params(actor, exceptionId).update();
                audit.record(actor, "PAYMENT_EXCEPTION_DISMISSED", "payment_exception", String.valueOf(exceptionId), Map.of());
            });
            return;
        }
        if (e.amount() == null || e.currency() == null) {
            throw new Problem.Rejected(List.of(new Problem("id", "Esta línea no tiene importe o moneda legibles",
                    "This line has no readable amount or currency")));
        }
        Payments.Posted posted = payments.post(new PostPayment(customerExternalId, e.amount(), e.currency(),
                e.reference() != null ? e.reference() : e.concept(),
                e.receivedOn() == null ? null : e.receivedOn().atTime(12, 0).atZone(ZoneId.of("America/Mexico_City")).toInstant(),
                "exception:" + exceptionId, PostPayment.Channel.BANK_FILE));
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    update payment_exception set status = 'RESOLVED', payment_id = ?, resolved_by = ?, resolved_at = now()
                     where id = ?""").params(posted.payment().id(), actor, exceptionId).update();
            audit.record(actor, "PAYMENT_EXCEPTION_RESOLVED", "payment_exception", String.valueOf(exceptionId),
                    Map.of("payment", posted.payment().id().toString(), "customer", customerExternalId));
        });
    }

    private static PaymentException mapException(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PaymentException(rs.getLong("id"), rs.getObject("statement_id", UUID.class),
                (Long) rs.getObject("line_no"), rs.getObject("received_on", LocalDate.class), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("reference"), rs.getString("clabe"), rs.getString("concept"),
                rs.getString("reason"), rs.getString("status"), rs.getObject("payment_id", UUID.class));
    }

    private static String field(CsvRecord r, int index) {
        if (index < 0 || index >= r.getFieldCount()) return null;
        String v = r.getField(index).strip();
        return v.isEmpty() ? null : v;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    private static InputStream stripBom(InputStream in) {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        try {
            b.mark(3);
            byte[] head = b.readNBytes(3);
            if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) b.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b;
    }

    private String toJson(BankFileLayout layout) {
        try {
            return json.writeValueAsString(layout);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
