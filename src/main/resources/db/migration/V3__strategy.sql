-- Segmentation, strategies and the daily collection run.
-- Every table carries org_id under the same row-level-security policy as V1.

-- Published segmentations: immutable, numbered per organization.
create table segmentation_version (
  org_id       uuid not null references organization(id),
  version      int not null check (version > 0),
  document     jsonb not null,
  published_by text not null,
  published_at timestamptz not null default now(),
  primary key (org_id, version)
);

-- The one draft an organization edits before publishing (previewable).
create table segmentation_draft (
  org_id     uuid primary key references organization(id),
  document   jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now()
);

-- Published strategy sets (ladders, variants, fallback): immutable, numbered per organization.
create table strategy_version (
  org_id       uuid not null references organization(id),
  version      int not null check (version > 0),
  document     jsonb not null,
  published_by text not null,
  published_at timestamptz not null default now(),
  primary key (org_id, version)
);

create function recaudo_published_is_immutable() returns trigger language plpgsql as $$
begin
  raise exception '% rows are immutable once published', tg_table_name;
end $$;
create trigger segmentation_version_immutable before update or delete on segmentation_version
  for each row execute function recaudo_published_is_immutable();
create trigger strategy_version_immutable before update or delete on strategy_version
  for each row execute function recaudo_published_is_immutable();

-- Per-organization cost of one action, for dry-run estimates. Missing rows use the shipped defaults.
create table action_price (
  org_id      uuid not null references organization(id),
  action_type text not null,
  unit_cost   numeric(19,4) not null check (unit_cost >= 0),
  currency    char(3) not null,
  primary key (org_id, action_type)
);

create table collection_run (
  id                   uuid primary key,
  org_id               uuid not null references organization(id),
  as_of                date not null,
  dry_run              boolean not null,
  status               text not null check (status in ('RUNNING','COMPLETED','FAILED')),
  source               text not null,
  created_by           text not null,
  segmentation_version int not null,
  strategy_version     int not null,
  total_chunks         int not null,
  done_chunks          int not null default 0,
  customers            bigint not null default 0,
  actions              bigint not null default 0,
  agent_tasks          bigint not null default 0,
  paused               bigint not null default 0,
  unreachable          bigint not null default 0,
  created_at           timestamptz not null default now(),
  finished_at          timestamptz,
  failure              text
);
create index collection_run_org on collection_run(org_id, created_at desc);
-- The daily schedule starts one run per organization and date, whichever node gets there first.
create unique index collection_run_scheduled on collection_run(org_id, as_of) where source = 'SCHEDULE';

-- The hour (organization time zone) at which the daily run starts by itself; no row = not scheduled.
create table strategy_settings (
  org_id         uuid primary key references organization(id),
  daily_run_hour int not null check (daily_run_hour between 0 and 23),
  updated_by     text not null,
  updated_at     timestamptz not null default now()
);

-- The run's work, split by customer-id ranges; any node claims a chunk (FOR UPDATE SKIP LOCKED).
create table collection_run_chunk (
  run_id       uuid not null references collection_run(id) on delete cascade,
  chunk_no     int not null,
  org_id       uuid not null,
  from_id      bigint not null,
  to_id        bigint not null,
  status       text not null check (status in ('PENDING','RUNNING','DONE')),
  worker       text,
  heartbeat_at timestamptz,
  primary key (run_id, chunk_no)
);
create index collection_run_chunk_open on collection_run_chunk(status, heartbeat_at) where status <> 'DONE';

-- Counts by segment x action x channel (the dry-run report; kept for real runs too).
create table collection_run_tally (
  run_id      uuid not null references collection_run(id) on delete cascade,
  org_id      uuid not null,
  segment_key text not null,
  action_type text not null,
  channel     text not null,
  customers   bigint not null,
  primary key (run_id, segment_key, action_type, channel)
);

-- Where each customer stands on the ladder; the next run and the event listeners read and move it.
create table customer_ladder (
  customer_id          bigint primary key references customer(id) on delete cascade,
  org_id               uuid not null,
  as_of                date not null,
  segment_key          text not null,
  segmentation_version int not null,
  strategy_key         text not null,
  variant_key          text not null,
  stage_no             int not null,
  stage_key            text,
  prev_stage_no        int not null default -1,
  stage_since          date,
  last_action_on       date,
  floor_stage          int not null default -1,
  paused_until         date,
  stopped_on           date,
  rev                  bigint not null default 0,
  updated_at           timestamptz not null default now()
);
create index customer_ladder_org on customer_ladder(org_id);

-- What put the customer where: one row per change of segment, version, strategy, variant or stage.
create table customer_ladder_history (
  id                   bigint generated always as identity primary key,
  org_id               uuid not null,
  customer_id          bigint not null references customer(id) on delete cascade,
  as_of                date not null,
  segment_key          text not null,
  segmentation_version int not null,
  strategy_key         text not null,
  variant_key          text not null,
  stage_key            text,
  dpd                  int not null,
  reason               text not null
);
create index customer_ladder_history_customer on customer_ladder_history(customer_id, id);

-- Planned contacts and actions: the contact module consumes the PLANNED rows.
create table planned_action (
  id                   bigint generated always as identity primary key,
  org_id               uuid not null references organization(id),
  run_id               uuid,
  customer_id          bigint not null references customer(id) on delete cascade,
  as_of                date not null,
  step_key             text not null,
  action_type          text not null check (action_type in ('SMS','EMAIL','WHATSAPP','VOICE_BLASTER','LETTER',
                         'AGENT_CALL','DIALER_CAMPAIGN','FIELD_VISIT','LEGAL_REFERRAL')),
  channel              text not null,
  template_ref         text,
  tone                 text not null,
  segment_key          text not null,
  segmentation_version int not null,
  strategy_key         text not null,
  variant_key          text not null,
  dpd                  int not null,
  queue_priority       int not null,
  settlement_offer     boolean not null default false,
  reason               text not null,
  status               text not null default 'PLANNED'
                       check (status in ('PLANNED','CANCELLED','IN_PROGRESS','DONE','FAILED','SKIPPED')),
  created_at           timestamptz not null default now(),
  unique (org_id, customer_id, step_key, as_of)
);
create index planned_action_pending on planned_action(org_id, as_of, status);
create index planned_action_customer on planned_action(customer_id, as_of);

-- Work for people: agent calls, field visits and legal referrals planned by the run.
create table agent_task (
  id                bigint generated always as identity primary key,
  org_id            uuid not null references organization(id),
  planned_action_id bigint not null unique references planned_action(id) on delete cascade,
  customer_id       bigint not null references customer(id) on delete cascade,
  queue             text not null check (queue in ('CALLS','FIELD','LEGAL')),
  priority          int not null,
  as_of             date not null,
  settlement_offer  boolean not null default false,
  status            text not null default 'OPEN' check (status in ('OPEN','ASSIGNED','DONE','CANCELLED')),
  created_at        timestamptz not null default now()
);
create index agent_task_queue on agent_task(org_id, queue, status, priority desc);

do $$
declare t text;
begin
  foreach t in array array['segmentation_version','segmentation_draft','strategy_version','action_price','strategy_settings',
                           'collection_run','collection_run_chunk','collection_run_tally','customer_ladder',
                           'customer_ladder_history','planned_action','agent_task']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (org_id = recaudo_current_org()) '
                   'with check (org_id = recaudo_current_org())', t);
  end loop;
end
$$;

grant select, insert, update, delete on segmentation_draft, action_price, strategy_settings, collection_run, collection_run_chunk,
  collection_run_tally, customer_ladder, customer_ladder_history, planned_action, agent_task to ${appRole};
grant select, insert on segmentation_version, strategy_version to ${appRole};
grant usage, select on all sequences in schema ${flyway:defaultSchema} to ${appRole};
grant execute on all functions in schema ${flyway:defaultSchema} to ${appRole};
