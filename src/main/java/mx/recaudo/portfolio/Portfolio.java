package mx.recaudo.portfolio;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The portfolio module's read API: the list with search and filters, and the customer 360. */
@Service
@Transactional(readOnly = true)
public class Portfolio {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final int FEW_IN_RANGE = 5_000;
    private final JdbcClient jdbc;
    private final Clock clock;

    Portfolio(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Today in the bound organization's time zone: the default as-of date. */
    public LocalDate today() {
        String zone = jdbc.sql("select time_zone from organization where id = recaudo_current_org()")
                .query(String.class).optional().orElse("America/Mexico_City");
        return LocalDate.now(clock.withZone(ZoneId.of(zone)));
    }

    public CustomerPage search(CustomerSearch s) {
        LocalDate asOf = today();
        StringBuilder sql = new StringBuilder("""
                select c.id, c.external_id, c.name, c.tax_id, c.state, c.oldest_unpaid_due_date
                  from customer c where true""");
        Map<String, Object> p = new HashMap<>();
        if (s.query() != null) {
            String q = s.query().strip();
            Optional<String> phone = asPhone(q);
            if (phone.isPresent()) {
                sql.append(" and c.id in (select customer_id from contact_point where org_id = recaudo_current_org()"
                        + " and channel in ('PHONE','WHATSAPP') and value = :phone)");
                p.put("phone", phone.get());
            } else {
                // The database function finds the candidates through the indexes that row-level security
                // would otherwise keep from LIKE and trigram matching; alone (no other filter) it also
                // pages, so a common name costs one page of the name order, not every match.
                boolean alone = s.bucket() == null && s.product() == null && s.currency() == null
                        && s.minBalance() == null && s.maxBalance() == null;
                sql.append(" and c.id = any (array(select recaudo_customer_search(:q::text, :searchAfterName::text, :searchAfterId::bigint, :searchLimit::int)))");
                p.put("searchAfterName", alone ? s.afterName() : null);
                p.put("searchAfterId", alone ? s.afterId() : null);
                p.put("searchLimit", alone ? s.pageSize() + 1 : null);
                p.put("q", q);
            }
        }
        if (s.bucket() != null) {
            if (s.bucket() == AgingBucket.CURRENT) {
                sql.append(" and (c.oldest_unpaid_due_date is null or c.oldest_unpaid_due_date >= :asOf)");
                p.put("asOf", asOf);
            } else {
                sql.append(" and c.oldest_unpaid_due_date between :dueFrom and :dueTo");
                p.put("dueFrom", s.bucket().maxDpd() == Long.MAX_VALUE ? LocalDate.of(1900, 1, 1)
                        : asOf.minusDays(s.bucket().maxDpd()));
                p.put("dueTo", asOf.minusDays(s.bucket().minDpd()));
            }
        }
        if (s.product() != null) {
            sql.append(" and exists (select 1 from obligation o where o.customer_id = c.id and o.product = :product"
                    + " and o.status in ('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL'))");
            p.put("product", s.product());
        }
        if (s.minBalance() != null || s.maxBalance() != null || s.currency() != null) {
            String currency = s.currency() == null ? null : s.currency().toUpperCase(Locale.ROOT);
            Optional<Long[]> few = fewInBalanceRange(currency, s.minBalance(), s.maxBalance());
            if (few.isPresent()) {
                // Few customers in the range: fetch them by id and sort those, instead of walking the name order.
                sql.append(" and c.id = any (:balanceIds)");
                p.put("balanceIds", few.get());
            } else {
                // Many in the range: a correlated test per row of the name-ordered scan stops at the page's
                // 50th match instead of gathering every customer in the range and sorting them all by name.
                sql.append(" and (select true from customer_balance b where b.customer_id = c.id");
                if (currency != null) {
                    sql.append(" and b.currency = :currency");
                    p.put("currency", currency);
                }
                if (s.minBalance() != null) {
                    sql.append(" and b.balance >= :minBalance");
                    p.put("minBalance", s.minBalance());
                }
                if (s.maxBalance() != null) {
                    sql.append(" and b.balance <= :maxBalance");
                    p.put("maxBalance", s.maxBalance());
                }
                sql.append(" limit 1)");
            }
        }
        if (s.afterName() != null && s.afterId() != null) {
            sql.append(" and (c.name, c.id) > (:afterName, :afterId)");
            p.put("afterName", s.afterName());
            p.put("afterId", s.afterId());
        }
        sql.append(" order by c.name, c.id limit :limit");
        p.put("limit", s.pageSize() + 1);
        List<CustomerSummary> rows = new ArrayList<>(jdbc.sql(sql.toString()).params(p).query((rs, i) -> {
            LocalDate oldest = rs.getObject("oldest_unpaid_due_date", LocalDate.class);
            long dpd = oldest == null ? 0 : AgingBucket.daysPastDue(oldest, asOf);
            return new CustomerSummary(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"),
                    rs.getString("tax_id"), rs.getString("state"), oldest, dpd, AgingBucket.of(dpd), List.of());
        }).list());
        boolean hasNext = rows.size() > s.pageSize();
        if (hasNext) rows.removeLast();
        Map<Long, List<Balance>> balances = balancesOf(rows.stream().map(CustomerSummary::id).toList());
        List<CustomerSummary> items = rows.stream().map(r -> new CustomerSummary(r.id(), r.externalId(), r.name(),
                r.taxId(), r.state(), r.oldestUnpaidDueDate(), r.daysPastDue(), r.bucket(),
                balances.getOrDefault(r.id(), List.of()))).toList();
        return new CustomerPage(items, hasNext, asOf);
    }

    /**
     * The ids of the customers with a balance in the range when there are at most
     * {@value #FEW_IN_RANGE} of them; empty when there are more.
     */
    private Optional<Long[]> fewInBalanceRange(String currency, java.math.BigDecimal min, java.math.BigDecimal max) {
        java.sql.Array ids = jdbc.sql("select recaudo_balance_candidates(:currency, :min, :max, :limit)")
                .param("currency", currency).param("min", min).param("max", max).param("limit", FEW_IN_RANGE)
                .query((rs, i) -> rs.getArray(1)).list().getFirst();
        if (ids == null) return Optional.empty();
        try {
            return Optional.of((Long[]) ids.getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Long> findIdByExternalId(String externalId) {
        return jdbc.sql("select id from customer where external_id = ?").param(externalId).query(Long.class).optional();
    }

    /** The products the organization's obligations name, for the list's filter. */
    public List<String> products() {
        return jdbc.sql("select name from product_catalog order by name limit 500").query(String.class).list();
    }

    public Optional<CustomerView> customer(long id) {
        LocalDate asOf = today();
        boolean exists = jdbc.sql("select exists (select 1 from customer where id = ?)").param(id)
                .query(Boolean.class).single();
        return exists ? Optional.of(loadCustomer(id, asOf)) : Optional.empty();
    }

    private CustomerView loadCustomer(long id, LocalDate asOf) {
        List<CustomerView.ContactPoint> contacts = jdbc.sql("""
                select channel, value, phone_type, consent, opted_out_at from contact_point
                 where customer_id = ? order by channel, id""").param(id)
                .query((rs, i) -> new CustomerView.ContactPoint(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), instant(rs.getTimestamp(5)))).list();
        List<CustomerView.Obligation> obligations = jdbc.sql("""
                select * from obligation where customer_id = ?
                 order by (status in ('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL') and balance > 0) desc, due_date, id""")
                .param(id).query((rs, i) -> {
                    LocalDate due = rs.getObject("due_date", LocalDate.class);
                    boolean open = isOpen(rs.getString("status")) && rs.getBigDecimal("balance").signum() > 0;
                    long dpd = open ? AgingBucket.daysPastDue(due, asOf) : 0;
                    return new CustomerView.Obligation(rs.getLong("id"), rs.getString("external_id"),
                            rs.getString("kind"), rs.getString("product"), rs.getString("currency"),
                            rs.getBigDecimal("original_amount"), rs.getBigDecimal("balance"),
                            rs.getObject("issue_date", LocalDate.class), due, rs.getString("status"),
                            rs.getString("payment_method"), dpd, AgingBucket.of(dpd));
                }).list();
        long customerDpd = obligations.stream().filter(o -> isOpen(o.status()) && o.balance().signum() > 0)
                .mapToLong(CustomerView.Obligation::daysPastDue).max().orElse(0);
        List<Balance> balances = balancesOf(List.of(id)).getOrDefault(id, List.of());
        return jdbc.sql("select * from customer where id = ?").param(id).query((rs, i) -> new CustomerView(
                rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), rs.getString("customer_type"),
                rs.getString("tax_id"), rs.getObject("customer_since", LocalDate.class), rs.getString("language"),
                rs.getString("time_zone"), rs.getString("address"), rs.getString("state"),
                rs.getString("postal_code"), asOf, customerDpd, AgingBucket.of(customerDpd), contacts, obligations,
                balances, instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")))).single();
    }

    private Map<Long, List<Balance>> balancesOf(List<Long> customerIds) {
        Map<Long, List<Balance>> result = new HashMap<>();
        if (customerIds.isEmpty()) return result;
        jdbc.sql("""
                select customer_id, currency, balance, open_obligations from customer_balance
                 where customer_id = any(?) order by customer_id, currency""")
                .param(customerIds.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Balance(rs.getString(2), rs.getBigDecimal(3), rs.getInt(4)));
                });
        return result;
    }

    static boolean isOpen(String status) {
        return switch (status) {
            case "ACTIVE", "DISPUTED", "IN_ARRANGEMENT", "LEGAL" -> true;
            default -> false;
        };
    }

    private static Optional<String> asPhone(String q) {
        String digits = q.replaceAll("[\\s()\\-.]", "");
        if (!digits.matches("\\+?\\d{8,15}")) return Optional.empty();
        try {
            var number = PHONES.parse(digits, "MX");
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
