-- Recaudo foundation schema: organizations, identity, portfolio, imports, audit.
-- Tenant tables carry org_id and are protected by row-level security. The large portfolio tables
-- (customer, contact_point, obligation, customer_balance) have no foreign key to organization: a
-- per-row trigger on every import row costs more than it protects, organizations are never deleted,
-- and the policies already refuse rows of another organization. The application works
-- through the role ${appRole} (SET ROLE on every connection checkout), which is not the owner of
-- the tables, so the policies always apply to it; only Flyway and a few system lookups
-- (log-in, API token, job claiming) run as the owner.

create extension if not exists pg_trgm;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = '${appRole}') then
    create role ${appRole} nologin;
  end if;
end
$$;
grant ${appRole} to current_user;
grant usage on schema ${flyway:defaultSchema} to ${appRole};

create function recaudo_current_org() returns uuid
  language sql stable
  as $$ select nullif(current_setting('recaudo.org_id', true), '')::uuid $$;

create table organization (
  id               uuid primary key,
  slug             text not null unique,
  name             text not null,
  legal_name       text not null,
  tax_id           text,
  country          char(2) not null default 'MX',
  default_currency char(3) not null default 'MXN',
  time_zone        text not null default 'America/Mexico_City',
  locale           text not null default 'es-MX',
  collector_identification text,
  created_at       timestamptz not null default now()
);

create table app_user (
  id            uuid primary key,
  org_id        uuid not null references organization(id),
  username      text not null unique,
  display_name  text not null,
  password_hash text not null,
  role          text not null check (role in ('ADMIN','SUPERVISOR','AGENT','AUDITOR','API_CLIENT')),
  locale        text not null default 'es-MX',
  enabled       boolean not null default true,
  created_at    timestamptz not null default now()
);
create index app_user_org on app_user(org_id);

create table api_token (
  id           uuid primary key,
  org_id       uuid not null references organization(id),
  user_id      uuid not null references app_user(id),
  name         text not null,
  token_hash   bytea not null unique,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

create table customer (
  id                     bigint generated always as identity primary key,
  org_id                 uuid not null,
  external_id            text not null,
  name                   text not null,
  customer_type          text not null check (customer_type in ('PERSON','COMPANY')),
  tax_id                 text,
  customer_since         date,
  language               text not null default 'es-MX',
  time_zone              text,
  address                text,
  state                  text,
  postal_code            text,
  oldest_unpaid_due_date date,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  unique (org_id, external_id)
);
create index customer_org_name on customer(org_id, name, id);
create index customer_org_oldest_due on customer(org_id, oldest_unpaid_due_date);
create index customer_org_tax on customer(org_id, tax_id text_pattern_ops);
create index customer_name_trgm on customer using gin (name gin_trgm_ops);

create table contact_point (
  id           bigint generated always as identity primary key,
  org_id       uuid not null,
  customer_id  bigint not null references customer(id) on delete cascade,
  channel      text not null check (channel in ('PHONE','EMAIL','WHATSAPP')),
  value        text not null,
  phone_type   text,
  consent      boolean not null default true,
  opted_out_at timestamptz,
  source       text not null default 'IMPORT',
  created_at   timestamptz not null default now(),
  unique (customer_id, channel, value)
);
create index contact_point_lookup on contact_point(org_id, channel, value);

create table obligation (
  id              bigint generated always as identity primary key,
  org_id          uuid not null,
  customer_id     bigint not null references customer(id),
  external_id     text not null,
  kind            text not null check (kind in ('INVOICE','LOAN_INSTALLMENT','PROMISSORY_NOTE','CARD','SERVICE')),
  product         text,
  currency        char(3) not null,
  original_amount numeric(19,2),
  balance         numeric(19,2) not null check (balance >= 0),
  issue_date      date,
  due_date        date not null,
  payment_method  text,
  status          text not null default 'ACTIVE'
                  check (status in ('ACTIVE','IN_ARRANGEMENT','DISPUTED','PAID','WRITTEN_OFF','LEGAL','CLOSED_EXTERNALLY')),
  closed_at       timestamptz,
  last_import_id  uuid,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  unique (org_id, external_id)
);
create index obligation_customer on obligation(customer_id);

-- Per customer and currency: what is owed and since when (kept current by every write to obligations).
create table customer_balance (
  org_id                 uuid not null,
  customer_id            bigint not null references customer(id) on delete cascade,
  currency               char(3) not null,
  balance                numeric(19,2) not null,
  open_obligations       int not null,
  oldest_unpaid_due_date date,
  primary key (customer_id, currency)
);
create index customer_balance_range on customer_balance(org_id, currency, balance);

create table column_mapping (
  id         uuid primary key,
  org_id     uuid not null references organization(id),
  name       text not null,
  mapping    jsonb not null,
  created_at timestamptz not null default now(),
  unique (org_id, name)
);

create table import_job (
  id                  uuid primary key,
  org_id              uuid not null references organization(id),
  created_by          text not null,
  file_name           text not null,
  file_size           bigint not null default 0,
  file_sha256         text,
  source              text not null check (source in ('WEB','API','CLI','DEMO')),
  mode                text not null check (mode in ('UPSERT','SNAPSHOT')),
  mapping             jsonb,
  status              text not null check (status in ('DRAFT','QUEUED','RUNNING','COMPLETED','FAILED')),
  bytes_read          bigint not null default 0,
  rows_read           bigint not null default 0,
  rows_imported       bigint not null default 0,
  rows_rejected       bigint not null default 0,
  warnings            bigint not null default 0,
  customers_created   bigint not null default 0,
  customers_updated   bigint not null default 0,
  obligations_created bigint not null default 0,
  obligations_updated bigint not null default 0,
  obligations_closed  bigint not null default 0,
  unchanged           bigint not null default 0,
  failure_es          text,
  failure_en          text,
  worker              text,
  heartbeat_at        timestamptz,
  created_at          timestamptz not null default now(),
  started_at          timestamptz,
  finished_at         timestamptz
);
create index import_job_queue on import_job(status, created_at) where status in ('QUEUED','RUNNING');
create index import_job_org on import_job(org_id, created_at desc);

-- Uploaded files live in the database so that any node can run the import.
create table import_file_chunk (
  import_id uuid not null references import_job(id) on delete cascade,
  seq       int not null,
  org_id    uuid not null,
  data      bytea not null,
  primary key (import_id, seq)
);

create table import_issue (
  id         bigint generated always as identity primary key,
  import_id  uuid not null references import_job(id) on delete cascade,
  org_id     uuid not null,
  row_no     bigint not null,
  column_name text,
  value      text,
  severity   text not null check (severity in ('ERROR','WARNING')),
  reason_es  text not null,
  reason_en  text not null
);
create index import_issue_job on import_issue(import_id, row_no);

create table audit_event (
  id          bigint generated always as identity primary key,
  org_id      uuid,
  at          timestamptz not null default clock_timestamp(),
  actor       text not null,
  action      text not null,
  entity_type text not null,
  entity_id   text,
  details     jsonb not null default '{}'::jsonb,
  prev_hash   text not null,
  hash        text not null
);
create index audit_event_org on audit_event(org_id, id);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_is_append_only();

-- Row-level security: the application role sees only its organization's rows.
do $$
declare t text;
begin
  foreach t in array array['app_user','api_token','customer','contact_point','obligation','customer_balance',
                           'column_mapping','import_job','import_file_chunk','import_issue','audit_event']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (org_id = recaudo_current_org()) '
                   'with check (org_id = recaudo_current_org())', t);
  end loop;
end
$$;
alter table organization enable row level security;
create policy tenant_isolation on organization using (id = recaudo_current_org());

grant select, insert, update, delete on all tables in schema ${flyway:defaultSchema} to ${appRole};
revoke update, delete on audit_event from ${appRole};
grant usage, select on all sequences in schema ${flyway:defaultSchema} to ${appRole};
grant execute on all functions in schema ${flyway:defaultSchema} to ${appRole};
