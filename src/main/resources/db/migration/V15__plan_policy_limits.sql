-- Payment-plan limits each organization edits (supervisors and admins): the organization's default
-- (segment '*') and overrides per segment key. A limit left empty (null) falls back to the organization's
-- default row, then to the configuration (recaudo.arrangements.plan.*). Tenant table with row-level security.
create table plan_policy_limit (
  org_id                  uuid not null references organization(id),
  segment                 text not null check (length(segment) between 1 and 100),
  min_down_payment_share  numeric(7,6) check (min_down_payment_share between 0 and 1),
  max_installments        int check (max_installments between 1 and 120),
  -- [{"minDpd": 60, "maxShare": 0.10}, ...]: from minDpd days past due on, a discount up to maxShare of the balance.
  discounts               jsonb,
  updated_by              text not null,
  updated_at              timestamptz not null,
  primary key (org_id, segment)
);

alter table plan_policy_limit enable row level security;
create policy tenant_isolation on plan_policy_limit using (org_id = recaudo_current_org())
  with check (org_id = recaudo_current_org());
grant select, insert, update, delete on plan_policy_limit to ${appRole};

-- Signing codes are rate limited by counting the requests already made: per plan in the last hour (the
-- existing (plan_id, created_at) index) and per customer in the last day (this one).
alter table payment_plan_signature_request add column customer_id bigint references customer(id);
update payment_plan_signature_request r set customer_id = p.customer_id from payment_plan p where p.id = r.plan_id;
alter table payment_plan_signature_request alter column customer_id set not null;
create index payment_plan_signature_request_customer on payment_plan_signature_request(customer_id, created_at);

-- Sign and pay in one step: the payment link made for the down payment when the customer signed.
alter table payment_plan add column down_payment_link_id uuid;
