package mx.recaudo.contact.webhook;

import mx.recaudo.contact.outbox.DeliveryReports;
import mx.recaudo.platform.SystemDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Status callbacks of HTTP providers (WhatsApp statuses, voice call statuses). A callback can
 * overtake the recording of its send (the dispatcher records a batch after the provider answered):
 * then it is kept in contact_report_pending and applied by whichever node gets there first, for up
 * to a day. Kept in the database, not in memory, because the callback may reach any node.
 */
@Component
public class ProviderStatuses {
    private static final Logger log = LoggerFactory.getLogger(ProviderStatuses.class);
    private final DeliveryReports reports;
    private final JdbcClient system;
    private final TransactionTemplate systemTx;

    ProviderStatuses(DeliveryReports reports, @SystemDatabase JdbcClient system, @SystemDatabase TransactionTemplate systemTx) {
        this.reports = reports;
        this.system = system;
        this.systemTx = systemTx;
    }

    /** Applies a report now, or keeps it for later when its message is not known yet; true = applied now. */
    public boolean report(String provider, String providerMessageId, String status, String detail) {
        if (reports.report(provider, providerMessageId, status, detail)) return true;
        system.sql("""
                insert into contact_report_pending (provider, provider_message_id, status, detail) values (?, ?, ?, ?)
                on conflict do nothing""").params(provider, providerMessageId, status, detail).update();
        return false;
    }

    record Pending(long id, String provider, String providerMessageId, String status, String detail) {}

    /** Applies kept reports whose message is known by now; drops those older than a day. */
    @Scheduled(fixedDelayString = "${recaudo.contact.pending-reports-millis:2000}", initialDelay = 3000)
    public int applyPending() {
        try {
            Integer applied = systemTx.execute(s -> {
                system.sql("delete from contact_report_pending where received_at < now() - interval '1 day'").update();
                List<Pending> pending = system.sql("""
                        select id, provider, provider_message_id, status, detail from contact_report_pending
                         order by id limit 500 for update skip locked""")
                        .query((rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5))).list();
                int n = 0;
                for (Pending p : pending) {
                    if (reports.report(p.provider(), p.providerMessageId(), p.status(), p.detail())) {
                        system.sql("delete from contact_report_pending where id = ?").param(p.id()).update();
                        n++;
                    }
                }
                return n;
            });
            return applied == null ? 0 : applied;
        } catch (RuntimeException e) {
            log.warn("Pending provider reports not applied yet: {}", e.getMessage());
            return 0;
        }
    }
}
