package mx.recaudo.contact.outbox;

import mx.recaudo.contact.ContactProperties;
import mx.recaudo.platform.SystemDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-provider rate limits that hold across nodes: one token bucket row per provider in PostgreSQL
 * (capacity = one second of traffic, refilled continuously). A worker takes up to a batch of tokens
 * in one locked update before claiming, and gives back what it could not use.
 */
@Component
class RateLimits {
    private final JdbcClient system;
    private final ContactProperties properties;
    private final Set<String> configured = ConcurrentHashMap.newKeySet();

    private final TransactionTemplate systemTx;

    RateLimits(@SystemDatabase JdbcClient system, @SystemDatabase TransactionTemplate systemTx, ContactProperties properties) {
        this.system = system;
        this.systemTx = systemTx;
        this.properties = properties;
    }

    int take(String provider, int wanted) {
        if (configured.add(provider)) {
            double rate = properties.rateOf(provider);
            system.sql("""
                    insert into contact_rate_bucket (provider, tokens, capacity, refill_per_second) values (?, ?, ?, ?)
                    on conflict (provider) do update set capacity = excluded.capacity,
                      refill_per_second = excluded.refill_per_second""")
                    .params(provider, rate, rate, rate).update();
        }
        // Every worker of every node goes through this one row: its commit does not wait for the WAL
        // flush, so the row lock is held for the statement only. A crash may forget the last tokens
        // taken (at most a moment of extra rate); nothing else depends on this row.
        return systemTx.execute(st -> {
            system.sql("set local synchronous_commit = off").update();
            return system.sql("""
                update contact_rate_bucket b set tokens = t.avail - least(floor(t.avail), ?), updated_at = clock_timestamp()
                  from (select provider, least(capacity, tokens + extract(epoch from clock_timestamp() - updated_at)
                                                   * refill_per_second) as avail
                          from contact_rate_bucket where provider = ? for update) t
                 where b.provider = t.provider
                returning least(floor(t.avail), ?)::int""")
                .params(wanted, provider, wanted).query(Integer.class).optional().orElse(0);
        });
    }

    void giveBack(String provider, int unused) {
        if (unused <= 0) return;
        systemTx.executeWithoutResult(st -> {
            system.sql("set local synchronous_commit = off").update();
            system.sql("update contact_rate_bucket set tokens = least(capacity, tokens + ?) where provider = ?")
                    .params(unused, provider).update();
        });
    }
}
