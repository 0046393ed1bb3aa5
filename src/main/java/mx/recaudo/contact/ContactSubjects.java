package mx.recaudo.contact;

import mx.recaudo.contact.guard.ContactSubject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Loads what the guard needs to know about a customer, from the bound organization's rows. */
@Component
class ContactSubjects {
    /** How far back (and ahead) contacts are read for the caps: longer than any cap window. */
    static final Duration LOOK = Duration.ofDays(31);
    private final JdbcClient jdbc;

    ContactSubjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Customer(long id, String externalId, String name, String timeZone, String language) {}

    Optional<Customer> customer(long id) {
        return jdbc.sql("select id, external_id, name, time_zone, language from customer where id = ?").param(id)
                .query((rs, i) -> new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).optional();
    }

    /** Serializes the decisions about one customer (across nodes) until the transaction ends, so caps hold. */
    void lock(long customerId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('contact:' || ?, 0))").param(customerId)
                .query().singleValue();
    }

    /** The first usable address of the channel: the debtor's own points first. */
    Optional<String> defaultAddress(long customerId, Channel channel) {
        if (channel.contactPointChannel() == null) return Optional.empty();
        return jdbc.sql("""
                select value from contact_point where customer_id = ? and channel = ?
                 order by (party_role = 'DEBTOR') desc, (opted_out_at is null and consent) desc, id limit 1""")
                .params(customerId, channel.contactPointChannel()).query(String.class).optional();
    }

    ContactSubject load(long customerId, Channel channel, String address, Instant at) {
        Customer c = customer(customerId).orElseThrow();
        ZoneId zone = zone(c.timeZone());
        mx.recaudo.contact.PartyRole role = PartyRole.DEBTOR;
        if (address != null && channel.contactPointChannel() != null) {
            role = jdbc.sql("select party_role from contact_point where customer_id = ? and channel = ? and value = ?")
                    .params(customerId, channel.contactPointChannel(), address).query(String.class).optional()
                    .map(PartyRole::valueOf).orElse(PartyRole.DEBTOR);
        }
        boolean dnc = jdbc.sql("select coalesce(bool_or(do_not_contact), false) from contact_restriction where customer_id = ?")
                .param(customerId).query(Boolean.class).single();
        boolean disputed = jdbc.sql("select exists (select 1 from obligation where customer_id = ? and status = 'DISPUTED')")
                .param(customerId).query(Boolean.class).single();
        Set<ContactSubject.OptOut> optOuts = new HashSet<>();
        jdbc.sql("select channel, address from contact_opt_out where customer_id = ?").param(customerId)
                .query(rs -> {
                    String a = rs.getString(2);
                    optOuts.add(new ContactSubject.OptOut(Channel.parse(rs.getString(1)), a == null || a.isEmpty() ? null : a));
                });
        jdbc.sql("select channel, value from contact_point where customer_id = ? and (opted_out_at is not null or not consent)")
                .param(customerId).query(rs -> {
                    for (Channel ch : Channel.values()) {
                        if (rs.getString(1).equals(ch.contactPointChannel())) {
                            optOuts.add(new ContactSubject.OptOut(ch, rs.getString(2)));
                        }
                    }
                });
        List<ContactSubject.PastContact> contacts = jdbc.sql("""
                select channel, coalesce(sent_at, not_before) from contact_message
                 where customer_id = ? and kind = 'COLLECTION'
                   and status in ('QUEUED','SENDING','SENT','DELIVERED','READ','ANSWERED')
                   and not_before between ? and ?""")
                .params(customerId, Timestamp.from(at.minus(LOOK)), Timestamp.from(at.plus(LOOK)))
                .query((rs, i) -> new ContactSubject.PastContact(Channel.parse(rs.getString(1)), rs.getTimestamp(2).toInstant()))
                .list();
        List<Instant> conversations = jdbc.sql("""
                select at from contact_event where customer_id = ? and kind = 'CONVERSATION' and at > ?""")
                .params(customerId, Timestamp.from(at.minus(LOOK))).query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
        return new ContactSubject(zone, role, dnc, disputed, optOuts, contacts, conversations);
    }

    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) return null;
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String normalizeAddress(Channel channel, String address) {
        if (address == null) return null;
        String a = address.strip();
        return channel == Channel.EMAIL ? a.toLowerCase(Locale.ROOT) : a;
    }
}
