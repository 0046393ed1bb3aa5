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
    private static final String FACTS = """
            select c.id, c.external_id, c.customer_since, c.state, c.oldest_unpaid_due_date,
                   (c.address is not null and c.address <> '') as has_address,
                   b.currencies, b.balances, o.products, o.kinds,
                   coalesce(cp.phone, false) as phone, coalesce(cp.email, false) as email,
                   coalesce(cp.whatsapp, false) as whatsapp
              from customer c
              left join lateral (select array_agg(currency order by currency) as currencies,
                                        array_agg(balance order by currency) as balances
                                   from customer_balance where customer_id = c.id) b on true
              left join lateral (select array_agg(distinct product) filter (where product is not null) as products,
                                        array_agg(distinct kind) as kinds
                                   from obligation where customer_id = c.id and balance > 0
                                    and status in ('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL')) o on true
              left join lateral (select bool_or(channel = 'PHONE') as phone, bool_or(channel = 'EMAIL') as email,
                                        bool_or(channel = 'WHATSAPP') as whatsapp
                                   from contact_point where customer_id = c.id and consent and opted_out_at is null) cp
                     on true
            """;
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
        return jdbc.sql(FACTS + " where c.id >= ? and c.id < ? and c.oldest_unpaid_due_date is not null order by c.id")
                .params(fromId, toIdExclusive).query((rs, i) -> map(rs)).list();
    }

    public Optional<PortfolioFact> of(long customerId) {
        return jdbc.sql(FACTS + " where c.id = ?").param(customerId).query((rs, i) -> map(rs)).optional();
    }

    private static PortfolioFact map(ResultSet rs) throws SQLException {
        String[] currencies = strings(rs.getArray("currencies"));
        Map<String, BigDecimal> balances = new LinkedHashMap<>();
        Array amounts = rs.getArray("balances");
        if (amounts != null) {
            Object[] values = (Object[]) amounts.getArray();
            for (int i = 0; i < currencies.length; i++) balances.put(currencies[i].strip(), (BigDecimal) values[i]);
        }
        return new PortfolioFact(rs.getLong("id"), rs.getString("external_id"),
                rs.getObject("customer_since", java.time.LocalDate.class), rs.getString("state"),
                rs.getObject("oldest_unpaid_due_date", java.time.LocalDate.class), balances,
                Arrays.asList(strings(rs.getArray("products"))), Arrays.asList(strings(rs.getArray("kinds"))),
                rs.getBoolean("phone"), rs.getBoolean("email"), rs.getBoolean("whatsapp"),
                rs.getBoolean("has_address"));
    }

    private static String[] strings(Array array) throws SQLException {
        if (array == null) return new String[0];
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) if (v != null) out.add(v.toString());
        return out.toArray(String[]::new);
    }
}
