-- Contact: contact-party roles, jurisdiction profile per organization, opt-outs, do-not-contact,
-- templates, the outbox (contact_message), the timeline (contact_event), the agent inbox, the
-- sandbox provider's capture, and the per-provider rate-limit buckets.

-- MX-07: who a contact point reaches. Imported points are the debtor's own.
alter table contact_point add column party_role text not null default 'DEBTOR'
  check (party_role in ('DEBTOR','COSIGNER','JOINT_OBLIGOR','REFERENCE','BENEFICIARY','MINOR'));

-- The jurisdiction profile an organization works under, with its editable values (SPEC §13).
create table contact_profile (
  org_id                   uuid primary key references organization(id),
  code                     text not null default 'MX-CONDUSEF' check (code in ('MX-CONDUSEF','MX-PROFECO','US-REGF')),
  earliest                 time not null,
  latest                   time not null,
  days                     text[] not null,
  mexican_holidays         boolean not null,
  caps                     jsonb not null,
  pause_after_conversation int not null default 0,
  opt_out_line             text[] not null,
  first_contact_disclosures boolean not null,
  updated_at               timestamptz not null default now()
);

-- Opt-outs per channel and address (address null = every address of the channel). Durable: never deleted by the app.
create table contact_opt_out (
  id          bigint generated always as identity primary key,
  org_id      uuid not null references organization(id),
  customer_id bigint not null references customer(id) on delete cascade,
  channel     text not null check (channel in ('SMS','WHATSAPP','EMAIL','VOICE','LETTER')),
  address     text not null default '',
  source      text not null,
  created_at  timestamptz not null default now(),
  unique (customer_id, channel, address)
);

-- Do-not-contact, per customer.
create table contact_restriction (
  org_id         uuid not null references organization(id),
  customer_id    bigint primary key references customer(id) on delete cascade,
  do_not_contact boolean not null default false,
  reason         text,
  updated_at     timestamptz not null default now()
);

create table contact_template (
  id            bigint generated always as identity primary key,
  org_id        uuid not null references organization(id),
  name          text not null,
  channel       text not null check (channel in ('SMS','WHATSAPP','EMAIL','VOICE','LETTER')),
  language      text not null default 'es',
  tone          text not null default 'FRIENDLY' check (tone in ('FRIENDLY','NEUTRAL','FIRM')),
  first_contact boolean not null default false,
  subject       text,
  body          text not null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  unique (org_id, name, channel, language, tone)
);

-- The outbox. Written in the transaction that decides the contact; dispatched by whichever node claims it.
create table contact_message (
  id                  bigint generated always as identity primary key,
  org_id              uuid not null references organization(id),
  customer_id         bigint not null references customer(id) on delete cascade,
  channel             text not null check (channel in ('SMS','WHATSAPP','EMAIL','VOICE','LETTER')),
  address             text,
  kind                text not null default 'COLLECTION' check (kind in ('COLLECTION','CONFIRMATION')),
  template_id         bigint references contact_template(id),
  subject             text,
  body                text not null,
  time_zone           text,
  status              text not null check (status in ('PLANNED','BLOCKED','QUEUED','SENDING','SENT','DELIVERED',
                                                      'FAILED','READ','ANSWERED')),
  reasons             jsonb not null default '[]'::jsonb,
  not_before          timestamptz not null,
  idempotency_key     uuid not null unique,
  provider            text not null,
  provider_message_id text,
  attempts            int not null default 0,
  claimed_by          text,
  claimed_at          timestamptz,
  last_error          text,
  created_at          timestamptz not null default now(),
  sent_at             timestamptz,
  delivered_at        timestamptz,
  updated_at          timestamptz not null default now()
);
create index contact_message_queue on contact_message(provider, not_before, id) where status = 'QUEUED';
create index contact_message_sending on contact_message(claimed_at) where status = 'SENDING';
create index contact_message_customer on contact_message(customer_id, not_before);
create index contact_message_org on contact_message(org_id, id desc);
create index contact_message_provider_id on contact_message(provider, provider_message_id) where provider_message_id is not null;

-- The timeline: every status change, inbound message, opt-out and conversation of a customer.
create table contact_event (
  id          bigint generated always as identity primary key,
  org_id      uuid not null references organization(id),
  customer_id bigint not null references customer(id) on delete cascade,
  message_id  bigint references contact_message(id) on delete cascade,
  kind        text not null check (kind in ('STATUS','INBOUND','OPT_OUT','CONVERSATION')),
  channel     text not null,
  status      text,
  detail      text,
  at          timestamptz not null default clock_timestamp()
);
create index contact_event_customer on contact_event(customer_id, at);

-- The agent inbox: inbound messages that are not opt-out keywords.
create table contact_inbox (
  id           bigint generated always as identity primary key,
  org_id       uuid not null references organization(id),
  customer_id  bigint not null references customer(id) on delete cascade,
  channel      text not null,
  from_address text not null,
  body         text not null,
  received_at  timestamptz not null default now(),
  handled_at   timestamptz,
  handled_by   text
);
create index contact_inbox_open on contact_inbox(org_id, received_at) where handled_at is null;

-- What the sandbox provider "received": one row per idempotency key; a second delivery of a key is
-- counted in duplicates (tests assert it stays 0) instead of being received again.
create table contact_sandbox_capture (
  idempotency_key uuid primary key,
  org_id          uuid not null references organization(id),
  message_id      bigint not null,
  duplicates      int not null default 0,
  received_at     timestamptz not null default clock_timestamp()
);

do $$
declare t text;
begin
  foreach t in array array['contact_profile','contact_opt_out','contact_restriction','contact_template',
                           'contact_message','contact_event','contact_inbox','contact_sandbox_capture']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (org_id = recaudo_current_org()) '
                   'with check (org_id = recaudo_current_org())', t);
    execute format('grant select, insert, update, delete on %I to ${appRole}', t);
  end loop;
end
$$;
revoke update, delete on contact_opt_out from ${appRole};
grant usage, select on all sequences in schema ${flyway:defaultSchema} to ${appRole};

-- Per-provider token buckets shared by every node (infrastructure, not tenant data: provider
-- accounts are configured per installation). Only the dispatcher's owner connection uses it;
-- the application role gets no grant.
create table contact_rate_bucket (
  provider          text primary key,
  tokens            double precision not null,
  capacity          double precision not null,
  refill_per_second double precision not null,
  updated_at        timestamptz not null default clock_timestamp()
);
