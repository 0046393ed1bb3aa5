package mx.recaudo.strategy;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.segmentation.SegmentationDocuments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strategy module's API for the bound organization: the strategies in force (published
 * versions, immutable; the shipped default ladder until one is published) and each customer's
 * course (segment, strategy, variant and stage history) for the customer 360 page.
 */
@Service
public class Strategies {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    Strategies(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    public record PublishedStrategies(int version, String document, String publishedBy, java.time.Instant publishedAt) {}

    public Optional<PublishedStrategies> published() {
        return jdbc.sql("select version, document::text, published_by, published_at from strategy_version order by version desc limit 1")
                .query((rs, i) -> new PublishedStrategies(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).optional();
    }

    /** The strategies in force: the latest published version, or the shipped default as version 0. */
    public StrategySet active() {
        return published().map(p -> StrategyDocuments.compile(p.document(), p.version()))
                .orElseGet(() -> StrategyDocuments.compile(StrategyDocuments.defaultDocument(), 0));
    }

    public StrategySet version(int version) {
        if (version == 0) return StrategyDocuments.compile(StrategyDocuments.defaultDocument(), 0);
        return StrategyDocuments.compile(jdbc.sql("select document::text from strategy_version where version = ?")
                .param(version).query(String.class).single(), version);
    }

    /** The document in force as JSON text. */
    public String activeDocument() {
        return published().map(PublishedStrategies::document).orElseGet(StrategyDocuments::defaultDocument);
    }

    StrategySet activePublishing(String actor) {
        if (published().isEmpty()) {
            tx.executeWithoutResult(s -> {
                int inserted = jdbc.sql("""
                        insert into strategy_version (org_id, version, document, published_by)
                        values (recaudo_current_org(), 1, ?::jsonb, ?) on conflict do nothing""")
                        .params(StrategyDocuments.defaultDocument(), actor).update();
                if (inserted == 1) audit.record(actor, "STRATEGIES_PUBLISHED", "strategy", "1", Map.of("source", "shipped default"));
            });
        }
        return active();
    }

    /** Validates and publishes a strategies document as the next version; throws with every problem when invalid. */
    public int publish(String json, String actor) {
        StrategySet set = StrategyDocuments.compile(json, 0);
        String normalized = SegmentationDocuments.parse(json).toString();
        return tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('strategy:' || recaudo_current_org()::text))").query().singleValue();
            int next = jdbc.sql("select coalesce(max(version), 0) + 1 from strategy_version").query(Integer.class).single();
            jdbc.sql("insert into strategy_version (org_id, version, document, published_by) values (recaudo_current_org(), ?, ?::jsonb, ?)")
                    .params(next, normalized, actor).update();
            audit.record(actor, "STRATEGIES_PUBLISHED", "strategy", Integer.toString(next),
                    Map.of("strategies", set.strategies().stream().map(Strategy::key).toList()));
            return next;
        });
    }

    /** The customer's segment, strategy, variant and stage changes, newest first (for the 360 page). */
    public List<LadderHistoryEntry> historyOf(long customerId) {
        return jdbc.sql("""
                select as_of, segment_key, segmentation_version, strategy_key, variant_key, stage_key, dpd, reason
                  from customer_ladder_history where customer_id = ? order by id desc limit 200""")
                .param(customerId)
                .query((rs, i) -> new LadderHistoryEntry(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8))).list();
    }

    /** Where the customer stands now, if any run has seen them. */
    public Optional<LadderPosition> positionOf(long customerId) {
        return jdbc.sql("select * from customer_ladder where customer_id = ?").param(customerId)
                .query((rs, i) -> new LadderPosition(rs.getObject("as_of", LocalDate.class), rs.getString("segment_key"),
                        rs.getInt("segmentation_version"), rs.getString("strategy_key"), rs.getString("variant_key"),
                        rs.getString("stage_key"), rs.getObject("stage_since", LocalDate.class),
                        rs.getObject("last_action_on", LocalDate.class), rs.getObject("paused_until", LocalDate.class),
                        rs.getObject("stopped_on", LocalDate.class))).optional();
    }

    /** The customer's planned actions, newest first. */
    public List<PlannedActionView> plannedActionsOf(long customerId, int limit) {
        return jdbc.sql("""
                select p.*, c.external_id from planned_action p join customer c on c.id = p.customer_id
                 where p.customer_id = ? order by p.as_of desc, p.id desc limit ?""").params(customerId, limit)
                .query((rs, i) -> action(rs)).list();
    }

    static PlannedActionView action(ResultSet rs) throws SQLException {
        return new PlannedActionView(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("external_id"),
                rs.getObject("as_of", LocalDate.class), rs.getString("step_key"), rs.getString("action_type"),
                rs.getString("channel"), rs.getString("template_ref"), rs.getString("tone"), rs.getString("segment_key"),
                rs.getInt("segmentation_version"), rs.getString("strategy_key"), rs.getString("variant_key"),
                rs.getInt("dpd"), rs.getInt("queue_priority"), rs.getBoolean("settlement_offer"), rs.getString("reason"),
                rs.getString("status"));
    }
}
