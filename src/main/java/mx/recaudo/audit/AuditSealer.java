package mx.recaudo.audit;

import mx.recaudo.platform.SystemDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Links committed audit events into their hash chains (V21 {@code recaudo_audit_seal}), off the writers'
 * path: a writer only inserts its event, so writers never queue behind each other's commit. Runs on every
 * node every second; one node seals at a time (the others find the sealer's lock taken and skip).
 */
@Component
class AuditSealer {
    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    static final int BATCH = 10_000;
    private final JdbcClient system;

    AuditSealer(@SystemDatabase JdbcClient system) {
        this.system = system;
    }

    @Scheduled(fixedDelayString = "${recaudo.audit.seal-millis:1000}", initialDelay = 1_000)
    void sealInBackground() {
        try {
            while (seal(false) == BATCH) {
                // a backlog (a large import, a node that was down): keep going until it is gone
            }
        } catch (RuntimeException e) {
            log.warn("Sealing audit events failed; it runs again shortly", e);
        }
    }

    /** Seals every event committed so far, waiting for a sealer at work on another node; answers how many. */
    long sealAll() {
        long total = 0;
        int sealed;
        do {
            sealed = seal(true);
            total += sealed;
        } while (sealed == BATCH);
        return total;
    }

    private int seal(boolean wait) {
        return system.sql("select recaudo_audit_seal(?, ?)").params(BATCH, wait).query(Integer.class).single();
    }
}
