-- Channels: WhatsApp Business Cloud API, the Twilio-style voice blaster, printed letters; and the
-- keypad answers of voice calls in the timeline.

-- The approved WhatsApp template a contact template maps to (null: sent as a session text message).
alter table contact_template add column whatsapp_name text;
alter table contact_template add column whatsapp_language text;

-- What a channel needs beyond subject and body, fixed when the message is planned: for a WhatsApp
-- template message its name, language and the ordered body parameters.
alter table contact_message add column payload jsonb;

-- Keypad answers of a voice call (1: agent, 2: promise) are timeline entries too.
alter table contact_event drop constraint contact_event_kind_check;
alter table contact_event add constraint contact_event_kind_check
  check (kind in ('STATUS','INBOUND','OPT_OUT','CONVERSATION','KEYPAD'));

-- Webhook redelivery: an inbound event (a WhatsApp message id, a call's keypad step) is applied once
-- per organization; the receipt is written in the transaction that applies it.
create table contact_inbound_receipt (
  org_id      uuid not null references organization(id),
  provider    text not null,
  event_id    text not null,
  received_at timestamptz not null default now(),
  primary key (org_id, provider, event_id)
);

-- Provider status reports that arrived before the send they report on was recorded; any node
-- applies them later (FOR UPDATE SKIP LOCKED). Infrastructure: the report names no organization.
create table contact_report_pending (
  id                  bigint generated always as identity primary key,
  provider            text not null,
  provider_message_id text not null,
  status              text not null,
  detail              text,
  received_at         timestamptz not null default now(),
  unique (provider, provider_message_id, status)
);

-- The letterhead of an organization's letters (name and RFC come from the organization).
create table contact_letterhead (
  org_id          uuid primary key references organization(id),
  address         text not null,
  city            text not null,
  phone           text,
  email           text,
  website         text,
  signatory_name  text not null,
  signatory_title text not null,
  bank_name       text,
  clabe           text,
  complaints_unit text,
  updated_at      timestamptz not null default now()
);

-- A print batch: the PDF of letters produced together, in postal order. Its letters are SENT.
create table contact_letter_batch (
  id          bigint generated always as identity primary key,
  org_id      uuid not null references organization(id),
  letter_date date not null,
  letters     int not null,
  pdf         bytea not null,
  created_at  timestamptz not null default now()
);
create index contact_letter_batch_date on contact_letter_batch(org_id, letter_date);

create table contact_letter (
  message_id  bigint primary key references contact_message(id) on delete cascade,
  org_id      uuid not null references organization(id),
  batch_id    bigint not null references contact_letter_batch(id) on delete cascade,
  position    int not null
);
create index contact_letter_batch_items on contact_letter(batch_id, position);

do $$
declare t text;
begin
  foreach t in array array['contact_inbound_receipt','contact_letterhead','contact_letter_batch','contact_letter']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (org_id = recaudo_current_org()) '
                   'with check (org_id = recaudo_current_org())', t);
    execute format('grant select, insert, update, delete on %I to ${appRole}', t);
  end loop;
end
$$;
grant usage, select on all sequences in schema ${flyway:defaultSchema} to ${appRole};
