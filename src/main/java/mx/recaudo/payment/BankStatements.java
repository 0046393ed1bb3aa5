package mx.recaudo.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.shared.TenantContext;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
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

    BankStatements(JdbcClient jdbc, TransactionTemplate tx, Payments payments, PaymentReferences references,
                   AuditLog audit, ObjectMapper json, PaymentProperties properties) {
        this.jdbc = jdbc;
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
                    postBatch(id, fileSha256, batch, columns, layout, zone, actor, counts);
                    batch.clear();
                }
            }
            postBatch(id, fileSha256, batch, columns, layout, zone, actor, counts);
            finish(id, counts, "COMPLETED", null);
        } catch (IOException | RuntimeException e) {
            finish(id, counts, "FAILED", e.getMessage());
            if (e instanceof RuntimeException r && !(e instanceof IllegalArgumentException)) throw r;
        }
        return find(id).orElseThrow();
    }

    private static final class Counts {
        long lines;
        long posted;
        long duplicates;
        long exceptions;
        BigDecimal amount = BigDecimal.ZERO;
    }

    private void postBatch(UUID statementId, String sha, List<CsvRecord> batch, BankFileLayout.Columns columns,
                           BankFileLayout layout, ZoneId zone, String actor, Counts counts) {
        if (batch.isEmpty()) return;
        UUID org = TenantContext.require();
        List<PaymentPosted> events = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            for (CsvRecord r : batch) {
                long line = r.getStartingLineNumber();
                String key = "bank:" + sha + ":" + line;
                // A line posted by an earlier load of this file is a duplicate, whatever it would match today.
                if (jdbc.sql("select exists (select 1 from payment where idempotency_key = ?)").param(key)
                        .query(Boolean.class).single()) {
                    counts.lines++;
                    counts.duplicates++;
                    continue;
                }
                counts.lines++;
                String amountText = field(r, columns.amount());
                String reference = field(r, columns.reference());
                String clabe = field(r, columns.clabe());
                String concept = field(r, columns.concept());
                String currency = Optional.ofNullable(field(r, columns.currency())).map(String::toUpperCase)
                        .orElse(layout.defaultCurrency());
                Optional<BigDecimal> amount = layout.amount(amountText);
                Optional<LocalDate> date = columns.date() < 0 ? Optional.empty() : layout.date(field(r, columns.date()));
                if (amount.isEmpty() || (columns.date() >= 0 && date.isEmpty())) {
                    exception(org, statementId, line, date.orElse(null), amount.orElse(null), currency, reference, clabe,
                            concept, "UNREADABLE");
                    counts.exceptions++;
                    continue;
                }
                if (!PostPayment.validCurrency(currency)) {
                    exception(org, statementId, line, date.orElse(null), amount.get(), null, reference, clabe, concept,
                            "UNKNOWN_CURRENCY");
                    counts.exceptions++;
                    continue;
                }
                Optional<Long> customer = references.customerByReference(reference);
                if (customer.isEmpty()) customer = references.customerByClabe(clabe);
                String reason = "NO_MATCH";
                if (customer.isEmpty() && layout.matchByAmount()) {
                    List<Long> owing = jdbc.sql("select customer_id from customer_balance where currency = ? and balance = ? limit 2")
                            .params(currency, amount.get()).query(Long.class).list();
                    if (owing.size() == 1) customer = Optional.of(owing.getFirst());
                    else if (owing.size() > 1) reason = "AMBIGUOUS_AMOUNT";
                }
                if (customer.isEmpty()) {
                    exception(org, statementId, line, date.orElse(null), amount.get(), currency, reference, clabe, concept, reason);
                    counts.exceptions++;
                    continue;
                }
                String paymentReference = reference != null ? reference : clabe != null ? clabe : concept;
                PostPayment command = new PostPayment(String.valueOf(customer.get()), amount.get(), currency,
                        paymentReference == null ? null : truncate(paymentReference, 100),
                        date.map(d -> d.atTime(12, 0).atZone(zone).toInstant()).orElse(null),
                        key, PostPayment.Channel.BANK_FILE);
                Payments.Outcome outcome = payments.postInTransaction(customer.get(), command, actor);
                if (outcome.posted().replayed()) {
                    counts.duplicates++;
                } else {
                    counts.posted++;
                    counts.amount = counts.amount.add(amount.get());
                    events.add(outcome.event());
                }
            }
            jdbc.sql("""
                    update bank_statement set lines_read = ?, payments_posted = ?, duplicates = ?, exceptions = ?,
                           amount_posted = ? where id = ?""")
                    .params(counts.lines, counts.posted, counts.duplicates, counts.exceptions, counts.amount, statementId)
                    .update();
        });
        events.forEach(payments::publishAfterCommit);
    }

    private void exception(UUID org, UUID statementId, long line, LocalDate date, BigDecimal amount, String currency,
                           String reference, String clabe, String concept, String reason) {
        jdbc.sql("""
                insert into payment_exception (org_id, statement_id, line_no, received_on, amount, currency, reference,
                                               clabe, concept, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(org, statementId, line, date, amount, currency, reference, clabe, concept, reason).update();
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
