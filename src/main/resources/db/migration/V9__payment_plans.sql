-- Payment plans (convenios): terms and installments, supervisor approvals with signature evidence,
-- customer signatures by one-time code, the organization's sealing certificate, settlement letters.
-- Every table is a tenant table with row-level security, like V1.

create table payment_plan (
  id                uuid primary key,
  org_id            uuid not null references organization(id),
  customer_id       bigint not null references customer(id),
  currency          char(3) not null,
  status            text not null check (status in ('PENDING_APPROVAL','PROPOSED','APPROVED','REJECTED',
                                                    'AWAITING_SIGNATURE','ACTIVE','COMPLETED','BROKEN','CANCELLED')),
  segment           text not null,
  days_past_due     int not null,
  balance           numeric(19,2) not null check (balance > 0),
  principal         numeric(19,2) not null,
  interest          numeric(19,2) not null,
  fees              numeric(19,2) not null,
  discount          numeric(19,2) not null check (discount >= 0),
  discount_on       text not null check (discount_on in ('INTEREST','PRINCIPAL')),
  down_payment      numeric(19,2) not null check (down_payment >= 0),
  to_pay            numeric(19,2) not null check (to_pay > 0),
  paid              numeric(19,2) not null default 0,
  grace_days        int not null,
  within_policy     boolean not null,
  violations        jsonb not null default '[]'::jsonb,
  idempotency_key   text,
  request_hash      text not null,
  created_by        text not null,
  created_at        timestamptz not null,
  agreement_pdf     bytea not null,
  agreement_sha256  text not null,
  sealed_pdf        bytea,
  settlement_pdf    bytea,
  settlement_at     timestamptz,
  activated_at      timestamptz,
  closed_at         timestamptz,
  claimed_by        text,
  claimed_at        timestamptz,
  unique (org_id, idempotency_key),
  check (to_pay = balance - discount)
);
create index payment_plan_customer on payment_plan(customer_id, currency, status);
create index payment_plan_pending on payment_plan(org_id, created_at) where status = 'PENDING_APPROVAL';
create index payment_plan_active on payment_plan(status) where status = 'ACTIVE';

-- The obligations a plan covers, with their balances when it was proposed.
create table payment_plan_obligation (
  org_id         uuid not null references organization(id),
  plan_id        uuid not null references payment_plan(id),
  obligation_id  bigint not null references obligation(id),
  external_id    text not null,
  balance        numeric(19,2) not null,
  primary key (plan_id, obligation_id)
);

-- Number 0 is the down payment. Paid amounts are recomputed from the payments received since the plan was proposed.
create table payment_plan_installment (
  org_id     uuid not null references organization(id),
  plan_id    uuid not null references payment_plan(id),
  number     int not null check (number >= 0),
  due_date   date not null,
  amount     numeric(19,2) not null check (amount >= 0),
  paid       numeric(19,2) not null default 0 check (paid >= 0),
  paid_at    timestamptz,
  primary key (plan_id, number),
  check (paid <= amount)
);
create index payment_plan_installment_due on payment_plan_installment(due_date) where paid < amount;

-- A supervisor's decision, signed: re-authenticated, with the SHA-256 of the document decided on.
create table payment_plan_approval (
  plan_id          uuid primary key references payment_plan(id),
  org_id           uuid not null references organization(id),
  decision         text not null check (decision in ('APPROVED','REJECTED')),
  approver         text not null,
  approver_role    text not null,
  document_sha256  text not null,
  note             text,
  ip               text,
  user_agent       text,
  decided_at       timestamptz not null
);

-- One-time codes sent to the customer to sign the agreement. Only the hash of the code is kept.
create table payment_plan_signature_request (
  id               uuid primary key,
  org_id           uuid not null references organization(id),
  plan_id          uuid not null references payment_plan(id),
  channel          text not null check (channel in ('SMS','EMAIL')),
  masked_address   text not null,
  message_id       bigint not null,
  code_hash        text not null,
  document_sha256  text not null,
  attempts         int not null default 0,
  expires_at       timestamptz not null,
  used_at          timestamptz,
  superseded_at    timestamptz,
  requested_by     text not null,
  created_at       timestamptz not null
);
create index payment_plan_signature_request_plan on payment_plan_signature_request(plan_id, created_at);

-- The customer's signature evidence.
create table payment_plan_signature (
  plan_id          uuid primary key references payment_plan(id),
  org_id           uuid not null references organization(id),
  request_id       uuid not null references payment_plan_signature_request(id),
  channel          text not null,
  masked_address   text not null,
  document_sha256  text not null,
  ip               text,
  user_agent       text,
  signed_at        timestamptz not null
);

-- The organization's sealing key and certificate (the demo makes its own, self-signed, on first use).
create table organization_seal (
  org_id       uuid primary key references organization(id),
  private_key  bytea not null,
  certificate  bytea not null,
  created_at   timestamptz not null default now()
);

do $$
declare t text;
begin
  foreach t in array array['payment_plan','payment_plan_obligation','payment_plan_installment','payment_plan_approval',
                           'payment_plan_signature_request','payment_plan_signature','organization_seal']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('create policy tenant_isolation on %I using (org_id = recaudo_current_org()) '
                   'with check (org_id = recaudo_current_org())', t);
    execute format('grant select, insert, update, delete on %I to ${appRole}', t);
  end loop;
end
$$;

-- A message the customer asked for (a one-time code) is transactional, not collection: the contact guard's
-- collection rules (hours, caps) do not hold it back, but it only goes to the customer's own address.
alter table contact_message drop constraint contact_message_kind_check;
alter table contact_message add constraint contact_message_kind_check
  check (kind in ('COLLECTION','CONFIRMATION','TRANSACTIONAL'));
