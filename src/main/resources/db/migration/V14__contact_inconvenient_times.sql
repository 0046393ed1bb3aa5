-- US-01: times and days a customer asked not to be contacted, per channel (null = every channel),
-- in the customer's time zone. On each listed day the window starts at `starts` and ends at
-- `ends`; starts > ends runs past midnight; starts = ends lasts 24 hours (00:00-00:00: the whole day).
-- The set is replaced as a whole (API PUT, customer page); every change is audited.
create table contact_inconvenient_time (
  id          bigint generated always as identity primary key,
  org_id      uuid not null references organization(id),
  customer_id bigint not null references customer(id) on delete cascade,
  channel     text check (channel in ('SMS','WHATSAPP','EMAIL','VOICE')),
  days        text[] not null check (cardinality(days) between 1 and 7 and days <@ array['MONDAY','TUESDAY',
                'WEDNESDAY','THURSDAY','FRIDAY','SATURDAY','SUNDAY']),
  starts      time not null,
  ends        time not null,
  source      text not null,
  created_at  timestamptz not null default now()
);
-- the planner and the dispatcher read them for a whole batch of customers at once
create index contact_inconvenient_time_customer on contact_inconvenient_time(customer_id);

alter table contact_inconvenient_time enable row level security;
create policy tenant_isolation on contact_inconvenient_time using (org_id = recaudo_current_org())
  with check (org_id = recaudo_current_org());
grant select, insert, update, delete on contact_inconvenient_time to ${appRole};
grant usage, select on all sequences in schema ${flyway:defaultSchema} to ${appRole};
