package mx.recaudo.contact;

import mx.recaudo.contact.guard.JurisdictionProfile;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/** Customers with contact points written straight into the test organization's tables. */
final class ContactFixtures {
    private ContactFixtures() {}

    /** A profile that allows every moment, so dispatch tests do not depend on the hour they run at. */
    static JurisdictionProfile anyTime() {
        return new JurisdictionProfile(JurisdictionProfile.MX_CONDUSEF, LocalTime.MIN, LocalTime.MAX,
                EnumSet.allOf(DayOfWeek.class), false, List.of(), 0, java.util.Set.of(), true);
    }

    static long customer(JdbcClient jdbc, UUID org, String externalId, String name, String timeZone, String phone,
                         String email) {
        return TenantContext.call(org, () -> {
            long id = jdbc.sql("""
                    insert into customer (org_id, external_id, name, customer_type, time_zone, state)
                    values (?, ?, ?, 'PERSON', ?, 'Jalisco') returning id""")
                    .params(org, externalId, name, timeZone).query(Long.class).single();
            if (phone != null) point(jdbc, org, id, "PHONE", phone, "DEBTOR");
            if (phone != null) point(jdbc, org, id, "WHATSAPP", phone, "DEBTOR");
            if (email != null) point(jdbc, org, id, "EMAIL", email, "DEBTOR");
            jdbc.sql("""
                    insert into obligation (org_id, customer_id, external_id, kind, currency, balance, due_date)
                    values (?, ?, ?, 'LOAN_INSTALLMENT', 'MXN', 1250.50, date '2025-01-15')""")
                    .params(org, id, externalId + "-1").update();
            jdbc.sql("""
                    insert into customer_balance (org_id, customer_id, currency, balance, open_obligations, oldest_unpaid_due_date)
                    values (?, ?, 'MXN', 1250.50, 1, date '2025-01-15')""").params(org, id).update();
            return id;
        });
    }

    static void point(JdbcClient jdbc, UUID org, long customer, String channel, String value, String role) {
        TenantContext.run(org, () -> jdbc.sql("""
                insert into contact_point (org_id, customer_id, channel, value, party_role) values (?, ?, ?, ?, ?)""")
                .params(org, customer, channel, value, role).update());
    }
}
