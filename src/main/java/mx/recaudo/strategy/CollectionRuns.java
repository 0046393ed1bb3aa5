package mx.recaudo.strategy;

import mx.recaudo.platform.CopyRows;
import mx.recaudo.audit.AuditLog;
import mx.recaudo.contact.Channel;
import mx.recaudo.contact.ContactOptOuts;
import mx.recaudo.platform.SystemDatabase;
import mx.recaudo.portfolio.Portfolio;
import mx.recaudo.portfolio.PortfolioFact;
import mx.recaudo.portfolio.PortfolioFacts;
import mx.recaudo.segmentation.CustomerFacts;
import mx.recaudo.segmentation.SegmentationDocuments;
import mx.recaudo.segmentation.SegmentationRules;
import mx.recaudo.segmentation.Segmentations;
import mx.recaudo.shared.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daily collection run. Starting a run splits the organization's customers into id-range
 * chunks; any node's worker claims a chunk ({@code FOR UPDATE SKIP LOCKED}) and plans it in one
 * transaction: segment, strategy and variant, the due step, the planned actions and agent tasks,
 * the new ladder state and history, the tally and the chunk's completion all commit together. A
 * worker killed mid-chunk loses only that uncommitted chunk, which another worker claims again once
 * its heartbeat is stale. Per customer and date the ladder state is claimed with a compare-and-set
 * ({@code rev}), and planned actions are unique per (customer, step, as-of): two runs of the same
 * date, on any number of nodes, plan each action once.
 */
@Service
public class CollectionRuns {
    private static final Logger log = LoggerFactory.getLogger(CollectionRuns.class);
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JdbcClient system;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Segmentations segmentations;
    private final Strategies strategies;
    private final PortfolioFacts facts;
    private final Portfolio portfolio;
    private final PriceList prices;
    private final ContactOptOuts optOuts;
    private final int chunkSize;
    private final int staleSeconds;
    private final String workerName = "node-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, DailyPlanner> planners = new ConcurrentHashMap<>();

    CollectionRuns(DataSource dataSource, JdbcClient jdbc, @SystemDatabase JdbcClient system, TransactionTemplate tx,
                   AuditLog audit, Segmentations segmentations, Strategies strategies, PortfolioFacts facts,
                   Portfolio portfolio, PriceList prices, ContactOptOuts optOuts,
                   @Value("${recaudo.strategy.chunk-size:5000}") int chunkSize,
                   @Value("${recaudo.strategy.chunk-timeout-seconds:120}") int staleSeconds) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.system = system;
        this.tx = tx;
        this.audit = audit;
        this.segmentations = segmentations;
        this.strategies = strategies;
        this.facts = facts;
        this.portfolio = portfolio;
        this.prices = prices;
        this.optOuts = optOuts;
        this.chunkSize = chunkSize;
        this.staleSeconds = staleSeconds;
    }

    /** Today in the bound organization's time zone: the default as-of date. */
    public LocalDate today() {
        return portfolio.today();
    }

    /**
     * Starts a run for the bound organization. A real run for a date that is already running is not
     * started twice: its id is returned. Returns the run id; workers on any node do the work.
     */
    public UUID start(LocalDate asOf, boolean dryRun, String source, String actor) {
        if (!dryRun) {
            Optional<UUID> running = jdbc.sql("select id from collection_run where as_of = ? and not dry_run and status = 'RUNNING' limit 1")
                    .param(asOf).query(UUID.class).optional();
            if (running.isPresent()) return running.get();
        }
        return startNew(asOf, dryRun, source, actor);
    }

    UUID startNew(LocalDate asOf, boolean dryRun, String source, String actor) {
        return startNew(asOf, dryRun, source, actor, chunkSize);
    }

    UUID startNew(LocalDate asOf, boolean dryRun, String source, String actor, int chunkSize) {
        SegmentationRules seg = dryRun ? segmentations.active() : segmentations.activePublishing(actor);
        StrategySet strat = dryRun ? strategies.active() : strategies.activePublishing(actor);
        List<Long> starts = facts.chunkStarts(chunkSize);
        UUID id = UUID.randomUUID();
        boolean inserted = Boolean.TRUE.equals(tx.execute(s -> {
            int n = jdbc.sql("""
                    insert into collection_run (id, org_id, as_of, dry_run, status, source, created_by, segmentation_version,
                                                strategy_version, total_chunks)
                    values (?, recaudo_current_org(), ?, ?, 'RUNNING', ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(id, asOf, dryRun, source, actor, seg.version(), strat.version(), starts.size()).update();
            if (n == 0) return false;
            for (int i = 0; i < starts.size(); i++) {
                long to = i + 1 < starts.size() ? starts.get(i + 1) : Long.MAX_VALUE;
                jdbc.sql("insert into collection_run_chunk (run_id, chunk_no, org_id, from_id, to_id, status) values (?, ?, recaudo_current_org(), ?, ?, 'PENDING')")
                        .params(id, i, starts.get(i), to).update();
            }
            audit.record(actor, dryRun ? "DRY_RUN_STARTED" : "RUN_STARTED", "collection_run", id.toString(),
                    Map.of("asOf", asOf.toString(), "segmentationVersion", seg.version(),
                            "strategyVersion", strat.version(), "chunks", starts.size(), "source", source));
            if (starts.isEmpty()) complete(id, actor);
            return true;
        }));
        if (!inserted) {
            return jdbc.sql("select id from collection_run where as_of = ? and source = ?").params(asOf, source)
                    .query(UUID.class).single();
        }
        return id;
    }

    /** The hour (organization time zone) the daily run starts by itself, if scheduled. */
    public Optional<Integer> dailyRunHour() {
        return jdbc.sql("select daily_run_hour from strategy_settings").query(Integer.class).optional();
    }

    /** Schedules the daily run at an hour of the organization's day (0–23), or unschedules it (null). */
    public void scheduleDaily(Integer hour, String actor) {
        if (hour != null && (hour < 0 || hour > 23)) throw new IllegalArgumentException("hour must be 0-23");
        tx.executeWithoutResult(s -> {
            if (hour == null) jdbc.sql("delete from strategy_settings").update();
            else jdbc.sql("""
                    insert into strategy_settings (org_id, daily_run_hour, updated_by) values (recaudo_current_org(), ?, ?)
                    on conflict (org_id) do update set daily_run_hour = excluded.daily_run_hour,
                           updated_by = excluded.updated_by, updated_at = now()""").params(hour, actor).update();
            audit.record(actor, "DAILY_RUN_SCHEDULED", "strategy_settings", null,
                    Map.of("hour", hour == null ? "none" : hour.toString()));
        });
    }

    public Optional<RunView> find(UUID id) {
        return jdbc.sql("select * from collection_run where id = ?").param(id).query((rs, i) -> view(rs)).optional();
    }

    public List<RunView> recent(int limit) {
        return jdbc.sql("select * from collection_run order by created_at desc limit ?").param(limit)
                .query((rs, i) -> view(rs)).list();
    }

    /** Counts by segment × action × channel and their estimated cost by the organization's price list. */
    public List<TallyRow> report(UUID id) {
        Map<ActionType, PriceList.Price> priceList = prices.prices();
        return jdbc.sql("""
                select segment_key, action_type, channel, customers from collection_run_tally where run_id = ?
                 order by segment_key, action_type = 'NONE', action_type, channel""").param(id)
                .query((rs, i) -> {
                    String action = rs.getString(2);
                    long n = rs.getLong(4);
                    PriceList.Price p = "NONE".equals(action) ? null : priceList.get(ActionType.valueOf(action));
                    BigDecimal unit = p == null ? BigDecimal.ZERO : p.unitCost();
                    return new TallyRow(rs.getString(1), action, rs.getString(3), n, unit,
                            p == null ? PriceList.DEFAULT_CURRENCY : p.currency(),
                            unit.multiply(BigDecimal.valueOf(n)).setScale(2, java.math.RoundingMode.HALF_UP));
                }).list();
    }

    /** A run's channel actions by handover status to the contact outbox (PLANNED, DONE, SKIPPED, FAILED, CANCELLED). */
    public Map<String, Long> handoverCounts(UUID runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select p.status, count(*) from planned_action p join collection_run r on r.id = p.run_id and r.as_of = p.as_of
                 where r.id = ? and p.action_type in %s group by p.status order by p.status""".formatted(OutboxHandover.CHANNEL_ACTIONS))
                .param(runId).query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** Estimated cost of a run's planned actions per currency. */
    public Map<String, BigDecimal> estimatedCost(UUID id) {
        Map<String, BigDecimal> total = new LinkedHashMap<>();
        for (TallyRow r : report(id)) if (!"NONE".equals(r.actionType())) total.merge(r.currency(), r.cost(), BigDecimal::add);
        return total;
    }

    /**
     * A customer's planned actions for a run's date. For a dry run nothing was written: the actions
     * are decided again for that customer, the same way the run did (status DRY_RUN).
     */
    public List<PlannedActionView> actions(UUID runId, String customerExternalId) {
        RunView run = find(runId).orElseThrow();
        Optional<Long> customer = portfolio.findIdByExternalId(customerExternalId);
        if (customer.isEmpty()) return List.of();
        if (!run.dryRun()) {
            return jdbc.sql("""
                    select p.*, c.external_id from planned_action p join customer c on c.id = p.customer_id
                     where p.customer_id = ? and p.as_of = ? order by p.id""").params(customer.get(), run.asOf())
                    .query((rs, i) -> Strategies.action(rs)).list();
        }
        Optional<PortfolioFact> fact = facts.of(customer.get());
        if (fact.isEmpty() || !fact.get().owes()) return List.of();
        DailyPlanner planner = planner(TenantContext.require(), run.segmentationVersion(), run.strategyVersion());
        Decision d = planner.decide(CustomerFacts.of(fact.get(), run.asOf()), holdsOf(fact.get()),
                LadderStore.load(jdbc, customer.get()).orElse(null), run.asOf(), true);
        if (d.action() == null) return List.of();
        Decision.Planned p = d.action();
        return List.of(new PlannedActionView(0, customer.get(), customerExternalId, run.asOf(), p.step().key(),
                p.type().name(), p.type().channel(), p.step().template(), p.tone().name(), d.segment().key(),
                run.segmentationVersion(), d.strategy().key(), d.variant().key(), (int) d.facts().dpd(),
                p.queuePriority(), p.step().settlementOffer(), p.reason().name(), "DRY_RUN"));
    }

    /** Claims one pending chunk of any organization's run (or one whose worker died) and plans it. */
    public boolean workOnce() {
        return workOnce(staleSeconds);
    }

    /** Like {@link #workOnce()}, taking over chunks whose worker has been silent for {@code staleSeconds}. */
    boolean workOnce(int staleSeconds) {
        record Claim(UUID runId, int chunkNo, UUID org, long from, long to) {}
        Optional<Claim> claim = system.sql("""
                update collection_run_chunk k set status = 'RUNNING', worker = ?, heartbeat_at = now()
                 where (k.run_id, k.chunk_no) = (
                       select c.run_id, c.chunk_no from collection_run_chunk c join collection_run r on r.id = c.run_id
                        where r.status = 'RUNNING'
                          and (c.status = 'PENDING'
                               or (c.status = 'RUNNING' and c.heartbeat_at < now() - make_interval(secs => ?)))
                        order by r.created_at, c.chunk_no
                        for update of c skip locked limit 1)
                returning k.run_id, k.chunk_no, k.org_id, k.from_id, k.to_id""")
                .params(workerName, staleSeconds)
                .query((rs, i) -> new Claim(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, UUID.class),
                        rs.getLong(4), rs.getLong(5))).optional();
        if (claim.isEmpty()) return false;
        Claim c = claim.get();
        TenantContext.run(c.org(), () -> {
            try {
                processChunk(c.runId(), c.chunkNo(), c.from(), c.to());
            } catch (RuntimeException e) {
                log.error("Run {} chunk {} failed", c.runId(), c.chunkNo(), e);
                fail(c.runId(), e);
            }
        });
        return true;
    }

    /** Works until no chunk is left to claim (command line, tests). */
    public void workUntilIdle() {
        workUntilIdle(staleSeconds);
    }

    void workUntilIdle(int staleSeconds) {
        while (workOnce(staleSeconds)) {
            // keep going
        }
    }

    private record RunHeader(LocalDate asOf, boolean dryRun, int segVersion, int stratVersion, String createdBy) {}

    private void processChunk(UUID runId, int chunkNo, long from, long to) {
        UUID org = TenantContext.require();
        tx.executeWithoutResult(status -> {
            RunHeader run = jdbc.sql("select as_of, dry_run, segmentation_version, strategy_version, created_by from collection_run where id = ?")
                    .param(runId).query((rs, i) -> new RunHeader(rs.getObject(1, LocalDate.class), rs.getBoolean(2),
                            rs.getInt(3), rs.getInt(4), rs.getString(5))).single();
            DailyPlanner planner = planner(org, run.segVersion(), run.stratVersion());
            long t0 = System.nanoTime();
            Map<Long, LadderStore.Stored> states = LadderStore.loadRange(jdbc, from, to);
            long t1 = System.nanoTime();
            List<PortfolioFact> chunkFacts = facts.owingBetween(from, to);
            Map<Long, Set<Channel>> optedOut = optOuts.optedOutChannels(from, to);
            long t2 = System.nanoTime();
            CopyRows rows = new CopyRows();
            for (PortfolioFact f : chunkFacts) {
                LadderStore.Stored stored = states.get(f.customerId());
                LadderState state = stored == null ? null : stored.state();
                if (!run.dryRun() && state != null && !state.asOf().isBefore(run.asOf())) continue;
                Decision d = planner.decide(CustomerFacts.of(f, run.asOf()),
                        CustomerHolds.of(f.disputed(), optedOut.get(f.customerId())), state, run.asOf(), run.dryRun());
                stage(rows, d, stored == null ? null : stored.rev());
            }
            Connection c = DataSourceUtils.getConnection(dataSource);
            try {
                long t3 = System.nanoTime();
                long[] counts = write(c, org, runId, run, rows);
                if (log.isDebugEnabled()) {
                    log.debug("chunk {}: states {} ms, facts {} ms, plan {} ms, write {} ms", chunkNo, (t1 - t0) / 1_000_000,
                            (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
                }
                int done = jdbc.sql("update collection_run_chunk set status = 'DONE', heartbeat_at = now() where run_id = ? and chunk_no = ? and status = 'RUNNING' and worker = ?")
                        .params(runId, chunkNo, workerName).update();
                if (done != 1) {
                    status.setRollbackOnly(); // another worker took this chunk over; its result counts
                    return;
                }
                Boolean finished = jdbc.sql("""
                        update collection_run set done_chunks = done_chunks + 1, customers = customers + ?,
                               actions = actions + ?, agent_tasks = agent_tasks + ?
                         where id = ? returning done_chunks >= total_chunks""")
                        .params(counts[0], counts[1], counts[2], runId).query(Boolean.class).single();
                if (finished) complete(runId, run.createdBy());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not write run " + runId + " chunk " + chunkNo, e);
            }
        });
    }

    private static void stage(CopyRows rows, Decision d, Long rev) {
        LadderState s = d.state();
        Decision.Planned p = d.action();
        rows.add(d.facts().customerId()).add(rev).add(d.segment().key()).add(s == null ? null : s.segmentationVersion())
                .add(d.strategy() == null ? null : d.strategy().key()).add(d.variant() == null ? null : d.variant().key())
                .add(s == null ? null : s.stageNo()).add(s == null ? null : s.stageKey())
                .add(s == null ? null : s.prevStageNo()).add(s == null ? null : s.stageSince())
                .add(s == null ? null : s.lastActionOn()).add(s == null ? null : s.floorStage())
                .add(s == null ? null : s.pausedUntil()).add((int) Math.max(Integer.MIN_VALUE, d.facts().dpd()))
                .add(d.historyReason())
                .add(p == null ? null : p.type().name()).add(p == null ? null : p.type().channel())
                .add(p == null ? null : p.step().key()).add(p == null ? null : p.step().template())
                .add(p == null ? null : p.tone().name()).add(p == null ? null : p.queuePriority())
                .add(p == null ? null : p.step().settlementOffer()).add(p == null ? null : p.reason().name())
                .add(d.tallyAction()).add(d.tallyChannel())
                .endRow();
    }

    /** Writes a staged chunk; returns customers, actions and agent tasks written. */
    private long[] write(Connection c, UUID org, UUID runId, RunHeader run, CopyRows rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    create temp table if not exists stg_decision (
                      customer_id bigint, rev bigint, segment_key text, segmentation_version int, strategy_key text,
                      variant_key text, stage_no int, stage_key text, prev_stage_no int, stage_since date,
                      last_action_on date, floor_stage int, paused_until date, dpd int, history_reason text,
                      action_type text, channel text, step_key text, template_ref text, tone text, queue_priority int,
                      settlement_offer boolean, reason text, tally_action text, tally_channel text
                    ) on commit delete rows""");
            st.execute("create temp table if not exists stg_claimed (customer_id bigint primary key) on commit delete rows");
        }
        long staged = rows.rows();
        long w0 = System.nanoTime();
        rows.copyInto(c, "copy stg_decision from stdin");
        long w1 = System.nanoTime();
        long customers;
        long actions = 0;
        long tasks = 0;
        if (run.dryRun()) {
            customers = staged;
        } else {
            try (PreparedStatement ps = c.prepareStatement("""
                    with up as (
                      insert into customer_ladder as l (customer_id, org_id, as_of, segment_key, segmentation_version,
                             strategy_key, variant_key, stage_no, stage_key, prev_stage_no, stage_since, last_action_on,
                             floor_stage, paused_until, stopped_on, rev, updated_at)
                      select customer_id, ?, ?, segment_key, segmentation_version, strategy_key, variant_key, stage_no,
                             stage_key, prev_stage_no, stage_since, last_action_on, floor_stage, paused_until, null,
                             coalesce(rev, 0), now()
                        from stg_decision where strategy_key is not null order by customer_id
                      on conflict (customer_id) do update
                         set as_of = excluded.as_of, segment_key = excluded.segment_key,
                             segmentation_version = excluded.segmentation_version, strategy_key = excluded.strategy_key,
                             variant_key = excluded.variant_key, stage_no = excluded.stage_no,
                             stage_key = excluded.stage_key, prev_stage_no = excluded.prev_stage_no,
                             stage_since = excluded.stage_since, last_action_on = excluded.last_action_on,
                             floor_stage = excluded.floor_stage, paused_until = excluded.paused_until,
                             stopped_on = null, rev = l.rev + 1, updated_at = now()
                       where l.as_of < excluded.as_of and l.rev = excluded.rev
                      returning customer_id)
                    insert into stg_claimed select customer_id from up""")) {
                ps.setObject(1, org);
                ps.setObject(2, run.asOf());
                customers = ps.executeUpdate();
            }
            long w2 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("""
                    with ins as (
                      insert into planned_action (org_id, run_id, customer_id, as_of, step_key, action_type, channel,
                             template_ref, tone, segment_key, segmentation_version, strategy_key, variant_key, dpd,
                             queue_priority, settlement_offer, reason)
                      select ?, ?, d.customer_id, ?, d.step_key, d.action_type, d.channel, d.template_ref, d.tone,
                             d.segment_key, d.segmentation_version, d.strategy_key, d.variant_key, d.dpd,
                             d.queue_priority, d.settlement_offer, d.reason
                        from stg_decision d join stg_claimed k on k.customer_id = d.customer_id
                       where d.action_type is not null order by d.customer_id
                      on conflict (org_id, customer_id, step_key, as_of) do nothing
                      returning id, customer_id, action_type, queue_priority, settlement_offer
                    ), tasks as (
                      insert into agent_task (org_id, planned_action_id, customer_id, queue, priority, as_of, settlement_offer)
                      select ?, id, customer_id, case action_type when 'AGENT_CALL' then 'CALLS'
                             when 'FIELD_VISIT' then 'FIELD' else 'LEGAL' end, queue_priority, ?, settlement_offer
                        from ins where action_type in ('AGENT_CALL', 'FIELD_VISIT', 'LEGAL_REFERRAL')
                      returning 1
                    )
                    select (select count(*) from ins), (select count(*) from tasks)""")) {
                ps.setObject(1, org);
                ps.setObject(2, runId);
                ps.setObject(3, run.asOf());
                ps.setObject(4, org);
                ps.setObject(5, run.asOf());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    actions = rs.getLong(1);
                    tasks = rs.getLong(2);
                }
            }
            long w3 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into customer_ladder_history (org_id, customer_id, as_of, segment_key, segmentation_version,
                           strategy_key, variant_key, stage_key, dpd, reason)
                    select ?, d.customer_id, ?, d.segment_key, d.segmentation_version, d.strategy_key, d.variant_key,
                           d.stage_key, d.dpd, d.history_reason
                      from stg_decision d join stg_claimed k on k.customer_id = d.customer_id
                     where d.history_reason is not null order by d.customer_id""")) {
                ps.setObject(1, org);
                ps.setObject(2, run.asOf());
                ps.executeUpdate();
            }
            if (log.isDebugEnabled()) {
                log.debug("copy {} ms, ladder upsert {} ms, actions and tasks {} ms, history {} ms", (w1 - w0) / 1_000_000,
                        (w2 - w1) / 1_000_000, (w3 - w2) / 1_000_000, (System.nanoTime() - w3) / 1_000_000);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into collection_run_tally (run_id, org_id, segment_key, action_type, channel, customers)
                select ?, ?, d.segment_key, d.tally_action, d.tally_channel, count(*) from stg_decision d
                 where ? or d.strategy_key is null or exists (select 1 from stg_claimed k where k.customer_id = d.customer_id)
                 group by d.segment_key, d.tally_action, d.tally_channel
                 order by 3, 4, 5
                on conflict (run_id, segment_key, action_type, channel)
                   do update set customers = collection_run_tally.customers + excluded.customers""")) {
            ps.setObject(1, runId);
            ps.setObject(2, org);
            ps.setBoolean(3, run.dryRun());
            ps.executeUpdate();
        }
        return new long[]{customers, actions, tasks};
    }

    private void complete(UUID runId, String actor) {
        jdbc.sql("update collection_run set status = 'COMPLETED', finished_at = now() where id = ? and status = 'RUNNING'")
                .param(runId).update();
        RunView run = find(runId).orElseThrow();
        audit.record(actor, run.dryRun() ? "DRY_RUN_COMPLETED" : "RUN_COMPLETED", "collection_run", runId.toString(),
                Map.of("asOf", run.asOf().toString(), "customers", run.customers(), "actions", run.actions(),
                        "agentTasks", run.agentTasks()));
    }

    private void fail(UUID runId, RuntimeException e) {
        tx.executeWithoutResult(s -> {
            int n = jdbc.sql("update collection_run set status = 'FAILED', finished_at = now(), failure = ? where id = ? and status = 'RUNNING'")
                    .params(String.valueOf(e.getMessage()), runId).update();
            if (n == 1) audit.record("system", "RUN_FAILED", "collection_run", runId.toString(),
                    Map.of("failure", String.valueOf(e.getMessage())));
        });
    }

    /** The dispute and opt-out holds of one customer (event handlers, single-customer views). */
    CustomerHolds holdsOf(PortfolioFact fact) {
        return CustomerHolds.of(fact.disputed(), optOuts.optedOutChannels(fact.customerId(), fact.customerId() + 1)
                .get(fact.customerId()));
    }

    DailyPlanner planner(UUID org, int segVersion, int stratVersion) {
        return planners.computeIfAbsent(org + ":" + segVersion + ":" + stratVersion, k -> {
            SegmentationRules seg = segVersion == 0
                    ? SegmentationDocuments.compile(SegmentationDocuments.defaultDocument(), 0)
                    : segmentations.version(segVersion).map(p -> SegmentationDocuments.compile(p.document(), p.version())).orElseThrow();
            return new DailyPlanner(seg, strategies.version(stratVersion));
        });
    }

    private static RunView view(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new RunView(rs.getObject("id", UUID.class), rs.getObject("as_of", LocalDate.class), rs.getBoolean("dry_run"),
                rs.getString("status"), rs.getString("source"), rs.getString("created_by"),
                rs.getInt("segmentation_version"), rs.getInt("strategy_version"), rs.getInt("total_chunks"),
                rs.getInt("done_chunks"), rs.getLong("customers"), rs.getLong("actions"), rs.getLong("agent_tasks"),
                rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getString("failure"));
    }
}
