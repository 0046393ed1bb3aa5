package mx.recaudo.arrangement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.payment.Problem;
import mx.recaudo.segmentation.Segment;
import mx.recaudo.segmentation.Segmentations;
import mx.recaudo.shared.TenantContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bound organization's payment-plan limits: its own defaults and per-segment overrides, stored
 * in PostgreSQL and edited by supervisors and admins; every limit not set falls back, one at a time,
 * from the segment to the organization's defaults to the configuration
 * ({@code recaudo.arrangements.plan.*}). {@link #policyFor} is what a proposed plan is checked against.
 */
@Service
public class PlanPolicies {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Segmentations segmentations;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final ArrangementProperties properties;

    PlanPolicies(JdbcClient jdbc, TransactionTemplate tx, Segmentations segmentations, AuditLog audit, ObjectMapper json,
                 Clock clock, ArrangementProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.segmentations = segmentations;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * What the editor shows and the API answers: the configuration's defaults, the organization's own
     * defaults and segment overrides as stored (unset limits are null), and the limits in effect for
     * the organization and each segment of the segmentation in force.
     */
    public record Settings(PlanLimits configuration, PlanLimits organization, List<PlanLimits> segments,
                           List<PlanLimits> effective, String updatedBy, Instant updatedAt) {}

    private record Row(PlanLimits limits, String updatedBy, Instant updatedAt) {}

    /** The limits a plan of a customer in {@code segment} is checked against. */
    public PlanPolicy policyFor(String segment) {
        Map<String, PlanLimits> rows = new LinkedHashMap<>();
        jdbc.sql("select * from plan_policy_limit where segment in (?, ?)").params(PlanLimits.ORGANIZATION, segment)
                .query((rs, i) -> row(rs)).list().forEach(r -> rows.put(r.limits().segment(), r.limits()));
        ArrangementProperties.Limits l = resolve(segment, rows.get(PlanLimits.ORGANIZATION), rows.get(segment));
        return new PlanPolicy(segment, l.minDownPaymentShare(), l.maxInstallments(), l.discounts());
    }

    private ArrangementProperties.Limits resolve(String segment, PlanLimits organization, PlanLimits own) {
        ArrangementProperties.Limits l = properties.plan().limitsFor(segment);
        if (organization != null) l = organization.toShares().over(l);
        if (own != null && !PlanLimits.ORGANIZATION.equals(segment)) l = own.toShares().over(l);
        return l;
    }

    public Settings settings() {
        List<Row> rows = jdbc.sql("select * from plan_policy_limit order by segment").query((rs, i) -> row(rs)).list();
        PlanLimits organization = null;
        Map<String, PlanLimits> segments = new LinkedHashMap<>();
        String by = null;
        Instant at = null;
        for (Row r : rows) {
            if (PlanLimits.ORGANIZATION.equals(r.limits().segment())) organization = r.limits();
            else segments.put(r.limits().segment(), r.limits());
            if (at == null || r.updatedAt().isAfter(at)) {
                at = r.updatedAt();
                by = r.updatedBy();
            }
        }
        List<PlanLimits> effective = new ArrayList<>();
        effective.add(PlanLimits.ofShares(PlanLimits.ORGANIZATION, resolve(PlanLimits.ORGANIZATION, organization, null)));
        Set<String> keys = new LinkedHashSet<>(knownSegments());
        keys.addAll(segments.keySet());
        for (String key : keys) effective.add(PlanLimits.ofShares(key, resolve(key, organization, segments.get(key))));
        return new Settings(PlanLimits.ofShares(PlanLimits.ORGANIZATION, properties.plan().defaults()),
                organization == null ? new PlanLimits(PlanLimits.ORGANIZATION, null, null, null) : organization,
                List.copyOf(segments.values()), effective, by, at);
    }

    /** The keys of the segmentation in force, in its order. */
    public List<String> knownSegments() {
        return segmentations.active().segments().stream().map(Segment::key).toList();
    }

    /**
     * Replaces the organization's limits with {@code change}, all or nothing: every fault is reported
     * under its field (422) and nothing is stored; a segment left with no limit set is removed. Audited
     * with the limits before and after.
     */
    public Settings change(PlanLimits.Change change, String actor) {
        List<Problem> problems = change.problems(Set.copyOf(knownSegments()));
        if (!problems.isEmpty()) throw new Problem.Rejected("plan_policy_invalid", 422, problems);
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            // One editor at a time per organization, so two saves cannot interleave their rows.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('plan-policy:' || ?))").param(TenantContext.require().toString())
                    .query().singleValue();
            List<PlanLimits> before = jdbc.sql("select * from plan_policy_limit order by segment").query((rs, i) -> row(rs).limits()).list();
            jdbc.sql("delete from plan_policy_limit").update();
            List<PlanLimits> after = new ArrayList<>();
            PlanLimits org = change.organization();
            if (org != null && !org.empty()) after.add(new PlanLimits(PlanLimits.ORGANIZATION, org.minDownPaymentPercent(),
                    org.maxInstallments(), org.discounts()));
            change.segments().stream().filter(l -> !l.empty()).forEach(after::add);
            for (PlanLimits l : after) {
                ArrangementProperties.Limits shares = l.toShares();
                jdbc.sql("""
                        insert into plan_policy_limit (org_id, segment, min_down_payment_share, max_installments, discounts,
                                                       updated_by, updated_at)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?)""")
                        .params(TenantContext.require(), l.segment(), shares.minDownPaymentShare(), shares.maxInstallments(),
                                shares.discounts() == null ? null : toJson(shares.discounts()), actor, Timestamp.from(now))
                        .update();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("before", before);
            d.put("after", after);
            audit.record(actor, "PLAN_POLICY_CHANGED", "plan_policy", TenantContext.require().toString(), d);
        });
        return settings();
    }

    private Row row(ResultSet rs) throws SQLException {
        String discounts = rs.getString("discounts");
        List<PlanPolicy.DiscountStep> steps = null;
        if (discounts != null) {
            try {
                steps = json.readValue(discounts, new TypeReference<List<PlanPolicy.DiscountStep>>() {});
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        PlanLimits limits = PlanLimits.ofShares(rs.getString("segment"), new ArrangementProperties.Limits(
                rs.getBigDecimal("min_down_payment_share"), rs.getObject("max_installments", Integer.class), steps));
        return new Row(limits, rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
