-- Payments, allocations (with the CFDI payment-receipt data), references and virtual CLABEs,
-- bank statement files and their exceptions, promises to pay. Every table is a tenant table with
-- row-level security, like V1.

-- Balance components for allocation by component (fees -> interest -> principal). Principal is
-- what remains: balance - interest_balance - fees_balance. Existing obligations are all principal.
alter table obligation add column interest_balance numeric(19,2) not null default 0 check (interest_balance >= 0);
alter table obligation add column fees_balance numeric(19,2) not null default 0 check (fees_balance >= 0);

-- Per-organization overrides of the payment settings (the defaults live in code: PaymentProperties).
create table payment_settings (
  org_id            uuid primary key references organization(id),
  allocation_rule   text not null default 'OLDEST_DUE_FIRST'
                    check (allocation_rule in ('OLDEST_DUE_FIRST','FEES_INTEREST_PRINCIPAL')),
  reference_scheme  text not null default 'MOD10_LUHN',
  reference_prefix  text not null default '',
  clabe_bank        char(3),
  clabe_branch      char(3),
  updated_at        timestamptz not null default now()
);

create table payment (
  id               uuid primary key,
  org_id           uuid not null references organization(id),
  customer_id      bigint not null references customer(id),
  amount           numeric(19,2) not null check (amount > 0),
  currency         char(3) not null,
  applied          numeric(19,2) not null default 0 check (applied >= 0),
  unapplied        numeric(19,2) not null default 0 check (unapplied >= 0),
  reference        text,
  channel          text not null check (channel in ('API','WEB','BANK_FILE','LINK')),
  received_at      timestamptz not null,
  status           text not null check (status in ('POSTED','REVERSED')),
  idempotency_key  text not null,
  request_hash     text not null,
  allocation_rule  text not null,
  created_by       text not null,
  created_at       timestamptz not null default now(),
  reversed_at      timestamptz,
  reversed_by      text,
  reversal_reason  text,
  unique (org_id, idempotency_key),
  check (applied + unapplied = amount)
);
create index payment_customer on payment(customer_id, currency, received_at);

-- One row per obligation a payment touched: what a CFDI payment receipt (complemento de pagos) needs.
create table payment_allocation (
  id                     bigint generated always as identity primary key,
  org_id                 uuid not null references organization(id),
  payment_id             uuid not null references payment(id),
  obligation_id          bigint not null references obligation(id),
  obligation_external_id text not null,
  invoice_uuid           text,
  installment_no         int not null,
  previous_balance       numeric(19,2) not null,
  amount                 numeric(19,2) not null check (amount > 0),
  remaining_balance      numeric(19,2) not null check (remaining_balance >= 0),
  fees_paid              numeric(19,2) not null default 0,
  interest_paid          numeric(19,2) not null default 0,
  principal_paid         numeric(19,2) not null default 0,
  previous_status        text not null,
  check (previous_balance - amount = remaining_balance),
  check (fees_paid + interest_paid + principal_paid = amount)
);
create index payment_allocation_payment on payment_allocation(payment_id);
create index payment_allocation_obligation on payment_allocation(obligation_id);

-- The customer's deposit reference (with check digit) and virtual CLABE, for matching bank files.
create table payment_reference (
  org_id      uuid not null references organization(id),
  customer_id bigint not null references customer(id) on delete cascade,
  scheme      text not null,
  reference   text not null,
  created_at  timestamptz not null default now(),
  primary key (customer_id, scheme),
  unique (org_id, reference)
);

create table virtual_clabe (
  org_id      uuid not null references organization(id),
  customer_id bigint not null references customer(id) on delete cascade,
  clabe       char(18) not null,
  created_at  timestamptz not null default now(),
  primary key (customer_id),
  unique (org_id, clabe)
);

-- Bank statement files: saved CSV layouts, each run, and the lines that matched nobody.
create table bank_file_layout (
  id         uuid primary key,
  org_id     uuid not null references organization(id),
  name       text not null,
  definition jsonb not null,
  created_at timestamptz not null default now(),
  unique (org_id, name)
);

create table bank_statement (
  id             uuid primary key,
  org_id         uuid not null references organization(id),
  file_name      text not null,
  file_sha256    text not null,
  layout         jsonb not null,
  status         text not null check (status in ('RUNNING','COMPLETED','FAILED')),
  lines_read     bigint not null default 0,
  payments_posted bigint not null default 0,
  duplicates     bigint not null default 0,
  exceptions     bigint not null default 0,
  amount_posted  numeric(19,2) not null default 0,
  failure        text,
  created_by     text not null,
  created_at     timestamptz not null default now(),
  finished_at    timestamptz
);

create table payment_exception (
  id            bigint generated always as identity primary key,
  org_id        uuid not null references organization(id),
  statement_id  uuid references bank_statement(id),
  line_no       bigint,
  received_on   date,
  amount        numeric(19,2),
  currency      char(3),
  reference     text,
  clabe         text,
  concept       text,
  reason        text not null check (reason in ('NO_MATCH','AMBIGUOUS_AMOUNT','UNREADABLE','UNKNOWN_CURRENCY')),
  status        text not null default 'OPEN' check (status in ('OPEN','RESOLVED','DISMISSED')),
  payment_id    uuid references payment(id),
  resolved_by   text,
  resolved_at   timestamptz,
  created_at    timestamptz not null default now()
);
create index payment_exception_open on payment_exception(org_id, status, id);

-- Promises to pay.
create table promise_policy (
  org_id            uuid primary key references organization(id),
  max_days_ahead    int not null,
  min_amount        numeric(19,2),
  min_share         numeric(5,4),
  max_open          int not null,
  grace_days        int not null,
  updated_at        timestamptz not null default now()
);

create table promise (
  id              uuid primary key,
  org_id          uuid not null references organization(id),
  customer_id     bigint not null references customer(id),
  amount          numeric(19,2) not null check (amount > 0),
  currency        char(3) not null,
  due_date        date not null,
  grace_until     date not null,
  status          text not null check (status in ('PENDING','KEPT','PARTIALLY_KEPT','BROKEN','CANCELLED')),
  paid            numeric(19,2) not null default 0,
  channel         text not null default 'API',
  idempotency_key text,
  created_by      text not null,
  created_at      timestamptz not null default now(),
  decided_at      timestamptz,
  claimed_by      text,
  claimed_at      timestamptz,
  unique (org_id, idempotency_key)
);
create index promise_customer on promise(customer_id, status);
create index promise_due on promise(grace_until) where status = 'PENDING';

do $$
declare t text;
begin
  foreach t in array array['payment_settings','payment','payment_allocation','payment_reference','virtual_clabe',
                           'bank_file_layout','bank_statement','payment_exception','promise_policy','promise']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (org_id = recaudo_current_org()) '
                   'with check (org_id = recaudo_current_org())', t);
    execute format('grant select, insert, update, delete on %I to ${appRole}', t);
  end loop;
end
$$;
grant usage, select on all sequences in schema ${flyway:defaultSchema} to ${appRole};

-- Payment links: a hosted checkout at a payment provider; its signed webhook posts the payment once.
create table payment_link (
  id                  uuid primary key,
  org_id              uuid not null references organization(id),
  customer_id         bigint not null references customer(id),
  amount              numeric(19,2) not null check (amount > 0),
  currency            char(3) not null,
  provider            text not null,
  provider_checkout_id text not null,
  url                 text not null,
  status              text not null check (status in ('OPEN','PAID','EXPIRED')),
  payment_id          uuid references payment(id),
  created_by          text not null,
  created_at          timestamptz not null default now(),
  paid_at             timestamptz,
  unique (provider, provider_checkout_id)
);
alter table payment_link enable row level security;
create policy tenant_isolation on payment_link using (org_id = recaudo_current_org()) with check (org_id = recaudo_current_org());
grant select, insert, update, delete on payment_link to ${appRole};
