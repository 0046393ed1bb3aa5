package mx.recaudo.contact;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.contact.guard.InconvenientTime;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A customer's contact preferences: the times and days they asked not to be contacted (US-01),
 * per channel or on every channel, in their time zone. The guard defers a contact that falls in
 * one to the window's end, both when it is planned and when it is about to be sent. The set is
 * replaced as a whole; a change is audited, the same set again changes nothing (idempotent).
 */
@Service
public class ContactPreferences {
    /** At most this many windows per customer. */
    public static final int MAX_WINDOWS = 20;
    private final JdbcClient jdbc;
    private final ContactSubjects subjects;
    private final AuditLog audit;

    ContactPreferences(JdbcClient jdbc, ContactSubjects subjects, AuditLog audit) {
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.audit = audit;
    }

    /** One stored window; {@code id} changes when the set is replaced. */
    public record Stored(long id, InconvenientTime time) {}

    @Transactional(readOnly = true)
    public List<Stored> inconvenientTimes(long customerId) {
        return jdbc.sql("select id, channel, days, starts, ends from contact_inconvenient_time where customer_id = ? order by id")
                .param(customerId)
                .query((rs, i) -> new Stored(rs.getLong(1), InconvenientTime.of(rs.getString(2),
                        (String[]) rs.getArray(3).getArray(), rs.getObject(4, LocalTime.class), rs.getObject(5, LocalTime.class))))
                .list();
    }

    /**
     * Replaces the customer's inconvenient times with {@code times} (duplicates count once). True
     * when something changed (then audited with the old and new sets); false when the set was already this.
     *
     * @throws java.util.NoSuchElementException when the bound organization has no such customer
     */
    @Transactional
    public boolean replace(long customerId, List<InconvenientTime> times, String source) {
        List<InconvenientTime> wanted = List.copyOf(new LinkedHashSet<>(times));
        if (wanted.size() > MAX_WINDOWS) throw new IllegalArgumentException("At most " + MAX_WINDOWS + " windows");
        if (subjects.customer(customerId).isEmpty()) throw new java.util.NoSuchElementException("No such customer: " + customerId);
        subjects.lock(customerId); // the same lock the planner takes: a plan sees the old set or the new one
        List<InconvenientTime> before = inconvenientTimes(customerId).stream().map(Stored::time).toList();
        if (new LinkedHashSet<>(before).equals(new LinkedHashSet<>(wanted))) return false;
        jdbc.sql("delete from contact_inconvenient_time where customer_id = ?").param(customerId).update();
        for (InconvenientTime t : wanted) {
            jdbc.sql("""
                    insert into contact_inconvenient_time (org_id, customer_id, channel, days, starts, ends, source)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(TenantContext.require(), customerId, t.channel() == null ? null : t.channel().name(),
                            t.dayNames(), t.from(), t.to(), source)
                    .update();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", describe(before));
        details.put("after", describe(wanted));
        details.put("source", source);
        audit.record("CONTACT_INCONVENIENT_TIMES_CHANGED", "customer", Long.toString(customerId), details);
        return true;
    }

    /** "VOICE MONDAY,TUESDAY 09:00-14:00", "* SUNDAY 00:00-00:00": for the audit trail. */
    static List<String> describe(List<InconvenientTime> times) {
        List<String> out = new ArrayList<>();
        for (InconvenientTime t : times) {
            out.add((t.channel() == null ? "*" : t.channel().name()) + " " + String.join(",", t.dayNames()) + " "
                    + t.from() + "-" + t.to());
        }
        return out;
    }
}
