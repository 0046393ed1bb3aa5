package mx.recaudo.segmentation;

import mx.recaudo.audit.AuditLog;
import mx.recaudo.portfolio.PortfolioFact;
import mx.recaudo.portfolio.PortfolioFacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The segmentation module's API for the bound organization: the draft, the published versions
 * (immutable), preview and publishing. Until an organization publishes its own, the shipped
 * default applies (published as version 1 by the first real run).
 */
@Service
public class Segmentations {
    static final int PREVIEW_CHUNK = 10_000;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final PortfolioFacts facts;

    Segmentations(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, PortfolioFacts facts) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.facts = facts;
    }

    public Optional<PublishedSegmentation> published() {
        return jdbc.sql("""
                select version, document::text, published_by, published_at from segmentation_version
                 order by version desc limit 1""")
                .query((rs, i) -> new PublishedSegmentation(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).optional();
    }

    public Optional<PublishedSegmentation> version(int version) {
        return jdbc.sql("select version, document::text, published_by, published_at from segmentation_version where version = ?")
                .param(version).query((rs, i) -> new PublishedSegmentation(rs.getInt(1), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant())).optional();
    }

    public List<PublishedSegmentation> versions() {
        return jdbc.sql("select version, document::text, published_by, published_at from segmentation_version order by version desc")
                .query((rs, i) -> new PublishedSegmentation(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).list();
    }

    /** The rules in force: the latest published version, or the shipped default as version 0. */
    public SegmentationRules active() {
        return published().map(p -> SegmentationDocuments.compile(p.document(), p.version()))
                .orElseGet(() -> SegmentationDocuments.compile(SegmentationDocuments.defaultDocument(), 0));
    }

    /** The rules in force, publishing the shipped default as version 1 when the organization has none. */
    public SegmentationRules activePublishing(String actor) {
        if (published().isEmpty()) {
            tx.executeWithoutResult(s -> {
                int inserted = jdbc.sql("""
                        insert into segmentation_version (org_id, version, document, published_by)
                        values (recaudo_current_org(), 1, ?::jsonb, ?) on conflict do nothing""")
                        .params(SegmentationDocuments.defaultDocument(), actor).update();
                if (inserted == 1) {
                    audit.record(actor, "SEGMENTATION_PUBLISHED", "segmentation", "1", Map.of("source", "shipped default"));
                }
            });
        }
        return active();
    }

    /** The document being edited: the draft, else the latest published, else the shipped default. */
    public String draftDocument() {
        return jdbc.sql("select document::text from segmentation_draft").query(String.class).optional()
                .or(() -> published().map(PublishedSegmentation::document))
                .orElseGet(SegmentationDocuments::defaultDocument);
    }

    public boolean hasDraft() {
        return jdbc.sql("select exists (select 1 from segmentation_draft)").query(Boolean.class).single();
    }

    /** Validates and saves the draft; throws {@link InvalidDocumentException} (nothing saved) when invalid. */
    public void saveDraft(String json, String actor) {
        SegmentationDocuments.compile(json, 0);
        String normalized = SegmentationDocuments.parse(json).toString();
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into segmentation_draft (org_id, document, updated_by) values (recaudo_current_org(), ?::jsonb, ?)
                    on conflict (org_id) do update set document = excluded.document, updated_by = excluded.updated_by,
                           updated_at = now()""").params(normalized, actor).update();
            audit.record(actor, "SEGMENTATION_DRAFT_SAVED", "segmentation", "draft", Map.of());
        });
    }

    /** Drops the draft; the editor shows the published version again. */
    public void discardDraft(String actor) {
        tx.executeWithoutResult(s -> {
            if (jdbc.sql("delete from segmentation_draft").update() > 0) {
                audit.record(actor, "SEGMENTATION_DRAFT_DISCARDED", "segmentation", "draft", Map.of());
            }
        });
    }

    /** Publishes the draft as the next version; returns the version. The draft is consumed. */
    public int publishDraft(String actor) {
        return publish(draftDocument(), actor);
    }

    /** Validates and publishes a document as the next version (immutable from then on). */
    public int publish(String json, String actor) {
        SegmentationRules rules = SegmentationDocuments.compile(json, 0);
        String normalized = SegmentationDocuments.parse(json).toString();
        Integer version = tx.execute(s -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('segmentation:' || recaudo_current_org()::text))")
                    .query().singleValue();
            int next = jdbc.sql("select coalesce(max(version), 0) + 1 from segmentation_version").query(Integer.class).single();
            jdbc.sql("insert into segmentation_version (org_id, version, document, published_by) values (recaudo_current_org(), ?, ?::jsonb, ?)")
                    .params(next, normalized, actor).update();
            jdbc.sql("delete from segmentation_draft").update();
            audit.record(actor, "SEGMENTATION_PUBLISHED", "segmentation", Integer.toString(next),
                    Map.of("segments", rules.segments().stream().map(Segment::key).toList()));
            return next;
        });
        return version;
    }

    /** Customers who owe and the money they owe, per segment, under the given document's rules. */
    public List<SegmentPreview> preview(String json, LocalDate asOf) {
        SegmentationRules rules = SegmentationDocuments.compile(json, 0);
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Map<String, BigDecimal>> money = new LinkedHashMap<>();
        for (Segment s : rules.segments()) {
            counts.put(s.key(), new long[1]);
            money.put(s.key(), new TreeMap<>());
        }
        List<Long> starts = facts.chunkStarts(PREVIEW_CHUNK);
        for (int i = 0; i < starts.size(); i++) {
            long to = i + 1 < starts.size() ? starts.get(i + 1) : Long.MAX_VALUE;
            for (PortfolioFact f : facts.owingBetween(starts.get(i), to)) {
                Segment s = rules.assign(CustomerFacts.of(f, asOf));
                counts.get(s.key())[0]++;
                Map<String, BigDecimal> m = money.get(s.key());
                f.balances().forEach((cur, amount) -> m.merge(cur, amount, BigDecimal::add));
            }
        }
        List<SegmentPreview> out = new ArrayList<>();
        for (Segment s : rules.segments()) {
            out.add(new SegmentPreview(s.key(), s.name(), s.tone(), s.priority(), counts.get(s.key())[0], money.get(s.key())));
        }
        return out;
    }
}
