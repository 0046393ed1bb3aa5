package mx.recaudo.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Records who did what, in the caller's transaction, for the organization bound to the thread.
 * Once committed, each event is sealed into its chain by {@link AuditSealer} (about a second later): it
 * then carries its position in the chain and the SHA-256 of its predecessor (an organization has
 * {@value #CHAINS} chains; an entity's events share one), so a removed or edited event breaks its chain
 * ({@link #verifyChain()}).
 */
@Service
public class AuditLog {
    private static final String GENESIS = "0".repeat(64);
    static final int CHAINS = 16;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final AuditSealer sealer;

    AuditLog(JdbcClient jdbc, ObjectMapper json, AuditSealer sealer) {
        this.jdbc = jdbc;
        this.json = json;
        this.sealer = sealer;
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String action, String entityType, String entityId, Map<String, ?> details) {
        record(currentActor(), action, entityType, entityId, details);
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String actor, String action, String entityType, String entityId, Map<String, ?> details) {
        // A plain insert, no lock: AuditSealer links the event into its chain once it has committed.
        jdbc.sql("""
                insert into audit_event (org_id, chain, actor, action, entity_type, entity_id, details)
                values (?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(TenantContext.require(), chainOf(entityType, entityId), actor, action, entityType,
                        entityId, toJson(details))
                .update();
    }

    /**
     * The chain an entity's events go to: one of {@value #CHAINS} per organization, so that writers of
     * different entities do not queue behind one lock held until each commits; one entity's events
     * stay in one chain, in order.
     */
    static int chainOf(String entityType, String entityId) {
        return Math.floorMod(Objects.hash(entityType, entityId), CHAINS);
    }

    /** The hash of an event: SHA-256 over its predecessor's hash and its own content, computed by PostgreSQL. */
    private static final String HASH_SQL = """
            encode(sha256(convert_to({prev} || '|' || {org} || '|' ||
                to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' || {actor} || '|' ||
                {action} || '|' || {type} || '|' || {id} || '|' || e.details::text, 'UTF8')), 'hex')
            """;

    /**
     * Seals every committed event first, then recomputes the chains of the bound organization; returns the
     * id of the first broken event (edited, or with a predecessor missing), or -1. Events of transactions
     * still open are not looked at.
     */
    public long verifyChain() {
        sealer.sealAll();
        return verifySealed();
    }

    private long verifySealed() {
        String sql = """
                select id, seq, prev_hash, hash,
                       lag(hash, 1, '%s') over (partition by chain order by seq) as expected_prev,
                       row_number() over (partition by chain order by seq) as expected_seq,
                       %s as expected_hash
                  from audit_event e where seq is not null order by chain, seq""".formatted(GENESIS, HASH_SQL
                .replace("{prev}", "e.prev_hash").replace("{org}", "coalesce(e.org_id::text, '')")
                .replace("{actor}", "e.actor").replace("{action}", "e.action")
                .replace("{type}", "e.entity_type").replace("{id}", "coalesce(e.entity_id, '')"));
        long[] broken = {-1};
        jdbc.sql(sql).query(rs -> {
            if (broken[0] >= 0) return;
            if (!rs.getString("hash").equals(rs.getString("expected_hash"))
                    || !rs.getString("prev_hash").equals(rs.getString("expected_prev"))
                    || rs.getLong("seq") != rs.getLong("expected_seq")) {
                broken[0] = rs.getLong("id");
            }
        });
        return broken[0];
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details are not serializable", e);
        }
    }

    static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }
}
