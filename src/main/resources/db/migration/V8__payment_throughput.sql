-- Payments throughput (issue #5): what posting a payment needs without counting or chaining row by row.

-- How many posted (not reversed) payments each obligation has received: the next payment's CFDI
-- installment number is posted + 1. Kept by the payment module in the posting's transaction (a
-- reversal takes one off), instead of counting allocation rows every time.
create table obligation_payment_count (
  org_id        uuid not null references organization(id),
  obligation_id bigint primary key references obligation(id) on delete cascade,
  posted        int not null check (posted >= 0)
);
insert into obligation_payment_count (org_id, obligation_id, posted)
select a.org_id, a.obligation_id, count(*)
  from payment_allocation a join payment p on p.id = a.payment_id
 where p.status = 'POSTED'
 group by a.org_id, a.obligation_id;

alter table obligation_payment_count enable row level security;
create policy tenant_isolation on obligation_payment_count using (org_id = recaudo_current_org())
  with check (org_id = recaudo_current_org());
grant select, insert, update, delete on obligation_payment_count to ${appRole};

-- The audit log of an organization is kept as 16 hash chains instead of one: an event goes to the chain
-- of its entity (AuditLog picks it), so writers of different entities no longer wait for each other's
-- commit (each chain's lock is held until the writer commits). Every event still names its predecessor
-- in its chain; existing events form chain 0, whose lock key is the one used before.
alter table audit_event add column chain smallint not null default 0 check (chain between 0 and 15);
create index audit_event_chain on audit_event(org_id, chain, id);

-- Appends one event to a chain in one round trip: the chain's lock, the predecessor's hash and the insert
-- happen inside the database (the hash formula is the one AuditLog verifies). Runs with the caller's
-- rights, so row-level security still applies.
create function recaudo_audit_append(p_org uuid, p_chain smallint, p_actor text, p_action text, p_type text,
                                     p_id text, p_details jsonb)
  returns void language plpgsql as $$
declare
  prev text;
  at_  timestamptz;
begin
  perform pg_advisory_xact_lock(hashtext('audit:' || p_org::text || case when p_chain = 0 then '' else ':' || p_chain end));
  select hash into prev from audit_event where org_id = p_org and chain = p_chain order by id desc limit 1;
  prev := coalesce(prev, repeat('0', 64));
  at_ := clock_timestamp();
  insert into audit_event (org_id, chain, at, actor, action, entity_type, entity_id, details, prev_hash, hash)
  values (p_org, p_chain, at_, p_actor, p_action, p_type, p_id, p_details, prev,
          encode(sha256(convert_to(prev || '|' || p_org::text || '|' ||
              to_char(at_ at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' || p_actor || '|' ||
              p_action || '|' || p_type || '|' || coalesce(p_id, '') || '|' || p_details::text, 'UTF8')), 'hex'));
end
$$;
grant execute on function recaudo_audit_append(uuid, smallint, text, text, text, text, jsonb) to ${appRole};
