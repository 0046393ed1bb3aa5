package mx.recaudo.portfolio;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streaming read API over the portfolio for segmentation and the daily run: customers in id order,
 * by id range, so that a run can split the portfolio into chunks and never hold all of it.
 * Runs in the caller's transaction when there is one (the bound organization's rows only).
 */
@Service
public class PortfolioFacts {
    // Four range scans merged in Java by customer id: no per-customer lookups, and no join for the
    // planner to get wrong when statistics lag behind a bulk import.
    private static final String CUSTOMERS = """
            select id, external_id, customer_since, state, oldest_unpaid_due_date,
                   (address is not null and address <> '') as has_address
              from customer where id >= ? and id < ? and (? or oldest_unpaid_due_date is not null) order by id""";
    private static final String BALANCES = """
            select customer_id, currency, balance from customer_balance
             where customer_id >= ? and customer_id < ? order by customer_id, currency""";
    private static final String OBLIGATIONS = """
            select distinct customer_id, product, kind, status = 'DISPUTED' from obligation
             where customer_id >= ? and customer_id < ? and balance > 0
               and status in ('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL') order by customer_id""";
    private static final String CONTACTS = """
            select distinct customer_id, channel from contact_point
             where customer_id >= ? and customer_id < ? and consent and opted_out_at is null order by customer_id""";

    private final JdbcClient jdbc;

    PortfolioFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The first customer id of each chunk of about {@code chunkSize} customers, ascending. Chunk i
     * covers ids from boundary i (inclusive) to boundary i+1 (exclusive); the last one is open-ended.
     */
    public List<Long> chunkStarts(int chunkSize) {
        return jdbc.sql("""
                select id from (select id, row_number() over (order by id) as rn from customer) t
                 where (rn - 1) % ? = 0 order by id""").param(chunkSize).query(Long.class).list();
    }

    /** Customers with {@code fromId <= id < toId} who owe something, in id order. */
    public List<PortfolioFact> owingBetween(long fromId, long toIdExclusive) {
        return read(fromId, toIdExclusive, false);
    }

    public Optional<PortfolioFact> of(long customerId) {
        return read(customerId, customerId + 1, true).stream().findFirst();
    }

    private static final class Builder {
        final long id;
        final String externalId;
        final java.time.LocalDate since;
        final String state;
        final java.time.LocalDate oldest;
        final boolean address;
        final Map<String, BigDecimal> balances = new LinkedHashMap<>();
        final java.util.Set<String> products = new java.util.TreeSet<>();
        final java.util.Set<String> kinds = new java.util.TreeSet<>();
        boolean phone, email, whatsapp, disputed;

        Builder(ResultSet rs) throws SQLException {
            id = rs.getLong(1);
            externalId = rs.getString(2);
            since = rs.getObject(3, java.time.LocalDate.class);
            state = rs.getString(4);
            oldest = rs.getObject(5, java.time.LocalDate.class);
            address = rs.getBoolean(6);
        }

        PortfolioFact build() {
            return new PortfolioFact(id, externalId, since, state, oldest, balances, new ArrayList<>(products),
                    new ArrayList<>(kinds), phone, email, whatsapp, address, disputed);
        }
    }

    private List<PortfolioFact> read(long from, long to, boolean all) {
        Map<Long, Builder> byId = new LinkedHashMap<>();
        jdbc.sql(CUSTOMERS).params(from, to, all).query(rs -> {
            byId.put(rs.getLong(1), new Builder(rs));
        });
        if (byId.isEmpty()) return List.of();
        jdbc.sql(BALANCES).params(from, to).query(rs -> {
            Builder b = byId.get(rs.getLong(1));
            if (b != null) b.balances.put(rs.getString(2).strip(), rs.getBigDecimal(3));
        });
        jdbc.sql(OBLIGATIONS).params(from, to).query(rs -> {
            Builder b = byId.get(rs.getLong(1));
            if (b == null) return;
            if (rs.getString(2) != null) b.products.add(rs.getString(2));
            b.kinds.add(rs.getString(3));
            if (rs.getBoolean(4)) b.disputed = true;
        });
        jdbc.sql(CONTACTS).params(from, to).query(rs -> {
            Builder b = byId.get(rs.getLong(1));
            if (b == null) return;
            switch (rs.getString(2)) {
                case "PHONE" -> b.phone = true;
                case "EMAIL" -> b.email = true;
                case "WHATSAPP" -> b.whatsapp = true;
                default -> { }
            }
        });
        List<PortfolioFact> out = new ArrayList<>(byId.size());
        for (Builder b : byId.values()) out.add(b.build());
        return out;
    }

    private static String[] strings(Array array) throws SQLException {
        if (array == null) return new String[0];
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) if (v != null) out.add(v.toString());
        return out.toArray(String[]::new);
    }
}
