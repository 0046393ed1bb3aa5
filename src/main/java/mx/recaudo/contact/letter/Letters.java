package mx.recaudo.contact.letter;

import mx.recaudo.contact.ContactProfiles;
import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.payment.Clabe;
import mx.recaudo.payment.PaymentReferences;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bound organization's letters: its letterhead, a customer's letter as a PDF, the print
 * batches the letter provider produced, and every letter planned for a day as one PDF.
 */
@Service
public class Letters {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PaymentReferences references;
    private final ContactProfiles profiles;
    private final Clock clock;

    Letters(JdbcClient jdbc, TransactionTemplate tx, PaymentReferences references, ContactProfiles profiles, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.references = references;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** The letterhead's editable part. */
    public record LetterheadSettings(String address, String city, String phone, String email, String website,
                                     String signatoryName, String signatoryTitle, String bankName, String clabe,
                                     String complaintsUnit) {}

    public record Batch(long id, LocalDate letterDate, int letters, Instant createdAt) {}

    public void saveLetterhead(LetterheadSettings s) {
        jdbc.sql("""
                insert into contact_letterhead (org_id, address, city, phone, email, website, signatory_name, signatory_title,
                                                bank_name, clabe, complaints_unit)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (org_id) do update set address = excluded.address, city = excluded.city, phone = excluded.phone,
                  email = excluded.email, website = excluded.website, signatory_name = excluded.signatory_name,
                  signatory_title = excluded.signatory_title, bank_name = excluded.bank_name, clabe = excluded.clabe,
                  complaints_unit = excluded.complaints_unit, updated_at = now()""")
                .params(TenantContext.require(), s.address(), s.city(), s.phone(), s.email(), s.website(), s.signatoryName(),
                        s.signatoryTitle(), s.bankName(), s.clabe(), s.complaintsUnit()).update();
    }

    /** The letterhead; an organization that has not set one gets its name and RFC with placeholders to fill in. */
    public LetterDocument.Letterhead letterhead() {
        return jdbc.sql("""
                select o.name, o.legal_name, o.tax_id, l.address, l.city, l.phone, l.email, l.website, l.signatory_name,
                       l.signatory_title, l.bank_name, l.clabe, l.complaints_unit
                  from organization o left join contact_letterhead l on l.org_id = o.id where o.id = ?""")
                .param(TenantContext.require())
                .query((rs, i) -> new LetterDocument.Letterhead(rs.getString(1), rs.getString(2), rs.getString(3),
                        or(rs.getString(4), "Domicilio por registrar"), or(rs.getString(5), "Ciudad de México"),
                        rs.getString(6), rs.getString(7), rs.getString(8), or(rs.getString(9), "Área de Cobranza"),
                        or(rs.getString(10), "Gerencia de Cobranza"), rs.getString(11), rs.getString(12), rs.getString(13)))
                .single();
    }

    /** One customer's letter (an outbox message on the LETTER channel) as a PDF. */
    public Optional<byte[]> letterOf(long messageId) {
        List<LetterDocument.Letter> letters = letters("m.id = ?", messageId);
        return letters.isEmpty() ? Optional.empty() : Optional.of(LetterDocument.pdf(letters));
    }

    /** Every letter planned for the day (the organization's time zone), blocked and failed ones aside, in postal order. */
    public Optional<byte[]> plannedFor(LocalDate day) {
        ZoneId zone = zone();
        List<LetterDocument.Letter> letters = letters("""
                m.status not in ('BLOCKED','FAILED') and m.not_before >= ? and m.not_before < ?""",
                Timestamp.from(day.atStartOfDay(zone).toInstant()), Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
        return letters.isEmpty() ? Optional.empty() : Optional.of(LetterDocument.pdf(letters));
    }

    /**
     * Produces a print batch of these messages (those not in a batch yet), in postal order, and
     * records which letters it holds; answers the batch id, or empty when every message was already
     * in one. Runs in one transaction: the batch exists with all its letters or not at all.
     */
    public Optional<Long> produceBatch(List<Long> messageIds) {
        return Optional.ofNullable(tx.execute(s -> {
            List<LetterDocument.Letter> letters = letters("""
                    m.id = any(?) and not exists (select 1 from contact_letter l where l.message_id = m.id)""",
                    (Object) messageIds.toArray(Long[]::new));
            if (letters.isEmpty()) return null;
            LocalDate today = LocalDate.now(clock.withZone(zone()));
            long batch = jdbc.sql("""
                    insert into contact_letter_batch (org_id, letter_date, letters, pdf) values (?, ?, ?, ?) returning id""")
                    .params(TenantContext.require(), today, letters.size(), LetterDocument.pdf(letters))
                    .query(Long.class).single();
            for (int i = 0; i < letters.size(); i++) {
                jdbc.sql("insert into contact_letter (message_id, org_id, batch_id, position) values (?, ?, ?, ?)")
                        .params(letters.get(i).messageId(), TenantContext.require(), batch, i + 1).update();
            }
            return batch;
        }));
    }

    /** The batch a message was printed in. */
    public Optional<Long> batchOf(long messageId) {
        return jdbc.sql("select batch_id from contact_letter where message_id = ?").param(messageId).query(Long.class).optional();
    }

    public List<Batch> batches(LocalDate day) {
        return jdbc.sql("""
                select id, letter_date, letters, created_at from contact_letter_batch
                 where (?::date is null or letter_date = ?) order by id desc limit 200""")
                .params(day, day)
                .query((rs, i) -> new Batch(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                        rs.getTimestamp(4).toInstant())).list();
    }

    public Optional<byte[]> batchPdf(long batchId) {
        return jdbc.sql("select pdf from contact_letter_batch where id = ?").param(batchId).query(byte[].class).optional();
    }

    private List<LetterDocument.Letter> letters(String where, Object... params) {
        LetterDocument.Letterhead head = letterhead();
        boolean condusef = JurisdictionProfile.MX_CONDUSEF.equals(profiles.current().code());
        ZoneId zone = zone();
        List<Object[]> rows = jdbc.sql("""
                select m.id, m.customer_id, m.subject, m.body, m.not_before, c.name, c.external_id, c.address, c.state, c.postal_code
                  from contact_message m join customer c on c.id = m.customer_id
                 where m.channel = 'LETTER' and """ + " " + where)
                .params(params)
                .query((rs, i) -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), new LetterDocument.Addressee(rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10))})
                .list();
        List<LetterDocument.Letter> letters = new ArrayList<>();
        for (Object[] r : rows) {
            long customer = (Long) r[1];
            LocalDate date = LocalDate.ofInstant((Instant) r[4], zone);
            LocalDate today = LocalDate.now(clock.withZone(zone));
            letters.add(new LetterDocument.Letter((Long) r[0], head, (LetterDocument.Addressee) r[5],
                    date.isBefore(today) ? today : date, (String) r[2], (String) r[3], references.referenceFor(customer),
                    references.clabeFor(customer).map(Clabe::value).orElse(null), condusef));
        }
        letters.sort(LetterDocument.POSTAL_ORDER);
        return letters;
    }

    private ZoneId zone() {
        String zone = jdbc.sql("select time_zone from organization where id = ?").param(TenantContext.require())
                .query(String.class).optional().orElse("America/Mexico_City");
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneId.of("America/Mexico_City");
        }
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
