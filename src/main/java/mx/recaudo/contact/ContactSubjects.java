package mx.recaudo.contact;

import mx.recaudo.contact.guard.ContactSubject;
import mx.recaudo.contact.guard.InconvenientTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
        return facts(List.of(customerId), at, at).subject(customerId, channel, address, at);
    }

    /** A contact point as the guard and the default-address rule see it. */
    record Point(String channel, String value, PartyRole role, boolean usable, long id) {}

    /** A contact counted by the caps: {@code notBefore} selects it, {@code at} is when it counts. */
    record Contact(Channel channel, Instant notBefore, Instant at) {}

    /**
     * What the guard needs about many customers, read with one query per kind of fact (the same
     * facts {@link #load} reads for one). Contacts planned after reading are added with {@link #planned}.
     */
    record Facts(Map<Long, Customer> customers, Map<Long, List<Point>> points, Set<Long> doNotContact,
                 Set<Long> disputed, Map<Long, List<ContactSubject.OptOut>> optOuts,
                 Map<Long, List<Contact>> contacts, Map<Long, List<Instant>> conversations,
                 Map<Long, List<InconvenientTime>> inconvenientTimes) {

        Optional<Customer> customer(long id) {
            return Optional.ofNullable(customers.get(id));
        }

        /** The first usable address of the channel: the debtor's own points first. */
        Optional<String> defaultAddress(long customerId, Channel channel) {
            if (channel.contactPointChannel() == null) return Optional.empty();
            return points.getOrDefault(customerId, List.of()).stream()
                    .filter(p -> p.channel().equals(channel.contactPointChannel()))
                    .min(Comparator.comparing((Point p) -> p.role() != PartyRole.DEBTOR)
                            .thenComparing(p -> !p.usable()).thenComparingLong(Point::id))
                    .map(Point::value);
        }

        ContactSubject subject(long customerId, Channel channel, String address, Instant at) {
            Customer c = customers.get(customerId);
            if (c == null) throw new java.util.NoSuchElementException("No such customer: " + customerId);
            List<Point> own = points.getOrDefault(customerId, List.of());
            PartyRole role = PartyRole.DEBTOR;
            if (address != null && channel.contactPointChannel() != null) {
                role = own.stream().filter(p -> p.channel().equals(channel.contactPointChannel()) && p.value().equals(address))
                        .map(Point::role).findFirst().orElse(PartyRole.DEBTOR);
            }
            Set<ContactSubject.OptOut> out = new HashSet<>(optOuts.getOrDefault(customerId, List.of()));
            for (Point p : own) {
                if (p.usable()) continue;
                for (Channel ch : Channel.values()) {
                    if (p.channel().equals(ch.contactPointChannel())) out.add(new ContactSubject.OptOut(ch, p.value()));
                }
            }
            Instant from = at.minus(LOOK);
            Instant to = at.plus(LOOK);
            List<ContactSubject.PastContact> past = contacts.getOrDefault(customerId, List.of()).stream()
                    .filter(k -> !k.notBefore().isBefore(from) && !k.notBefore().isAfter(to))
                    .map(k -> new ContactSubject.PastContact(k.channel(), k.at())).toList();
            List<Instant> talks = conversations.getOrDefault(customerId, List.of()).stream()
                    .filter(t -> t.isAfter(from)).toList();
            return new ContactSubject(zone(c.timeZone()), role, doNotContact.contains(customerId),
                    disputed.contains(customerId), out, past, talks, inconvenientTimes.getOrDefault(customerId, List.of()));
        }

        /** A message just planned counts against the caps of the next plans for the same customer. */
        void planned(long customerId, Channel channel, Instant notBefore) {
            contacts.computeIfAbsent(customerId, k -> new ArrayList<>()).add(new Contact(channel, notBefore, notBefore));
        }
    }

    /** The facts about these customers for contacts between {@code from} and {@code to}. */
    Facts facts(Collection<Long> customerIds, Instant from, Instant to) {
        Long[] ids = customerIds.stream().distinct().toArray(Long[]::new);
        Map<Long, Customer> customers = new HashMap<>();
        jdbc.sql("select id, external_id, name, time_zone, language from customer where id = any(?)").param(ids)
                .query(rs -> {
                    customers.put(rs.getLong(1), new Customer(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                });
        Map<Long, List<Point>> points = new HashMap<>();
        jdbc.sql("""
                select customer_id, channel, value, party_role, (opted_out_at is null and consent), id
                  from contact_point where customer_id = any(?)""").param(ids)
                .query(rs -> {
                    points.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Point(rs.getString(2),
                            rs.getString(3), PartyRole.valueOf(rs.getString(4)), rs.getBoolean(5), rs.getLong(6)));
                });
        Set<Long> dnc = new HashSet<>(jdbc.sql("select customer_id from contact_restriction where customer_id = any(?) and do_not_contact")
                .param(ids).query(Long.class).list());
        Set<Long> disputed = new HashSet<>(jdbc.sql("select distinct customer_id from obligation where customer_id = any(?) and status = 'DISPUTED'")
                .param(ids).query(Long.class).list());
        Map<Long, List<ContactSubject.OptOut>> optOuts = new HashMap<>();
        jdbc.sql("select customer_id, channel, address from contact_opt_out where customer_id = any(?)").param(ids)
                .query(rs -> {
                    String a = rs.getString(3);
                    optOuts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ContactSubject.OptOut(
                            Channel.parse(rs.getString(2)), a == null || a.isEmpty() ? null : a));
                });
        Map<Long, List<Contact>> contacts = new HashMap<>();
        jdbc.sql("""
                select customer_id, channel, not_before, coalesce(sent_at, not_before) from contact_message
                 where customer_id = any(?) and kind = 'COLLECTION'
                   and status in ('QUEUED','SENDING','SENT','DELIVERED','READ','ANSWERED')
                   and not_before between ? and ?""")
                .params(ids, Timestamp.from(from.minus(LOOK)), Timestamp.from(to.plus(LOOK)))
                .query(rs -> {
                    contacts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Contact(
                            Channel.parse(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
                });
        Map<Long, List<Instant>> conversations = new HashMap<>();
        jdbc.sql("select customer_id, at from contact_event where customer_id = any(?) and kind = 'CONVERSATION' and at > ?")
                .params(ids, Timestamp.from(from.minus(LOOK)))
                .query(rs -> {
                    conversations.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getTimestamp(2).toInstant());
                });
        return new Facts(customers, points, dnc, disputed, optOuts, contacts, conversations, inconvenientTimes(ids));
    }

    /** The times each of these customers asked not to be contacted: one query for all of them. */
    Map<Long, List<InconvenientTime>> inconvenientTimes(Long[] ids) {
        Map<Long, List<InconvenientTime>> times = new HashMap<>();
        jdbc.sql("select customer_id, channel, days, starts, ends from contact_inconvenient_time where customer_id = any(?) order by id")
                .param(ids)
                .query(rs -> {
                    times.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(InconvenientTime.of(rs.getString(2),
                            (String[]) rs.getArray(3).getArray(), rs.getObject(4, java.time.LocalTime.class),
                            rs.getObject(5, java.time.LocalTime.class)));
                });
        return times;
    }

    /** Serializes the decisions about these customers (in id order, so two batches never deadlock). */
    void lockAll(Collection<Long> customerIds) {
        Long[] ids = customerIds.stream().distinct().sorted().toArray(Long[]::new);
        jdbc.sql("""
                select count(pg_advisory_xact_lock(hashtextextended('contact:' || c, 0)))
                  from (select c from unnest(?::bigint[]) c order by c) s""").param(ids).query().singleValue();
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
