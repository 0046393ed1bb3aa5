package mx.recaudo.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            List<CsvRecord> batch = new ArrayList<>(properties.bankFileBatchSize());
            while (records.hasNext()) {
                batch.add(records.next());
                if (batch.size() == properties.bankFileBatchSize()) {
                    postBatch(id, fileSha256, batch, columns, layout, zone, actor, counts, events);
                    batch.clear();
                }
            }
            postBatch(id, fileSha256, batch, columns, layout, zone, actor, counts, events);
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
     * Posts one batch of lines in one transaction, set-based: the lines are staged with COPY and matched
     * by reference and CLABE in one query; the matched payments are posted together ({@link BatchPosting}).
     * A line matched by amount must see the balances the lines before it left, so the lines before it
     * are posted first; then it is matched and joins the next group. Retried when another load of the
     * same file posted some of these lines at the same moment (they are then duplicates).
     */
    private void postBatch(UUID statementId, String sha, List<CsvRecord> batch, BankFileLayout.Columns columns,
                           BankFileLayout layout, ZoneId zone, String actor, Counts counts,
                           Map<BatchPosting.Account, PaymentPosted> events) {
        if (batch.isEmpty()) return;
        PaymentSettings current = settings.current();
        List<Read> lines = batch.stream().map(r -> read(r, sha, columns, layout, current)).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                Counts delta = new Counts();
                Map<BatchPosting.Account, PaymentPosted> posted = new LinkedHashMap<>();
                tx.executeWithoutResult(s -> postLines(statementId, lines, layout, zone, actor, current, counts, delta, posted));
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
                           PaymentSettings settings, Counts before, Counts counts,
                           Map<BatchPosting.Account, PaymentPosted> events) {
        UUID org = TenantContext.require();
        // Bulk statements look expensive to the planner; compiling them (JIT) costs seconds and saves nothing here.
        jdbcTemplate.execute("set local jit = off");
        Map<Long, Match> matches = match(lines);
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
                exceptions.add(new Object[]{org, statementId, l.line(), l.date(), l.amount(),
                        l.unreadable() ? l.currency() : null, l.reference(), l.clabe(), l.concept(),
                        l.unreadable() ? "UNREADABLE" : "UNKNOWN_CURRENCY"});
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
            String paymentReference = l.reference() != null ? l.reference() : l.clabe() != null ? l.clabe() : l.concept();
            Instant receivedAt = l.date() == null ? null : l.date().atTime(12, 0).atZone(zone).toInstant();
            PostPayment command = new PostPayment(String.valueOf(customer), l.amount(), l.currency(),
                    paymentReference == null ? null : truncate(paymentReference, 100), receivedAt, l.key(),
                    PostPayment.Channel.BANK_FILE);
            pending.add(new BatchPosting.Line(customer, command,
                    receivedAt != null ? receivedAt : clock.instant().truncatedTo(ChronoUnit.MICROS)));
        }
        flush(pending, settings, actor, counts, events);
        if (!exceptions.isEmpty()) {
            jdbcTemplate.batchUpdate("""
                    insert into payment_exception (org_id, statement_id, line_no, received_on, amount, currency, reference,
                                                   clabe, concept, reason)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", exceptions);
        }
        jdbc.sql("""
                update bank_statement set lines_read = ?, payments_posted = ?, duplicates = ?, exceptions = ?,
                       amount_posted = ? where id = ?""")
                .params(before.lines + counts.lines, before.posted + counts.posted, before.duplicates + counts.duplicates,
                        before.exceptions + counts.exceptions, before.amount.add(counts.amount), statementId)
                .update();
        audit.record(actor, "BANK_STATEMENT_LINES_POSTED", "bank_statement", statementId.toString(), Map.of(
                "firstLine", lines.getFirst().line(), "lastLine", lines.getLast().line(), "posted", counts.posted,
                "duplicates", counts.duplicates, "exceptions", counts.exceptions, "amount", counts.amount.toPlainString()));
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

    /**
     * Per line: whether an earlier load of the file posted it (a duplicate whatever it would match today),
     * and the customer its reference names (handed out, or with right check digits and prefix), else its
     * virtual CLABE. Staged with COPY and answered by one query.
     */
    private Map<Long, Match> match(List<Read> lines) {
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
        // Probing the unique key index once per line stays proportional to the batch; a join would let the
        // planner hash every payment the organization ever received.
        Set<String> posted = new HashSet<>(jdbc.sql("select idempotency_key from payment where idempotency_key = any(?)")
                .param(lines.stream().map(Read::key).toArray(String[]::new)).query(String.class).list());
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
