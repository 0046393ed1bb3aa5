-- Contact dispatch write path (issue #4): every SMS used to write three non-HOT versions of the wide
-- contact_message row (status and provider_message_id sit in index predicates, so every status change
-- inserted into all its indexes) and three contact_event rows with three foreign-key checks each.
--
-- Now:
--  * contact_dispatch_queue is the narrow work queue: one row per QUEUED message. A worker claims
--    due rows with FOR UPDATE SKIP LOCKED and, in the same committed statement before any provider
--    call, deletes them, marks their messages SENDING and writes one contact_dispatch_claim row
--    listing the batch; the recording deletes that row. A retry or a deferral puts the message back
--    in the queue. The reconciler takes over claims older than the lease. contact_message.status
--    stays the truth: a queue row whose message is no longer QUEUED when claimed (an opt-out blocked
--    it) is simply dropped.
--  * contact_provider_message maps a provider's message id to our message (receipts, webhooks),
--    insert-only, written when the send is recorded.
--  * contact_message keeps no index on status, claimed_at or provider_message_id, and leaves room on
--    its pages (fillfactor 50), so QUEUED -> SENDING -> SENT -> DELIVERED are HOT updates.
--  * SENT and DELIVERED timeline entries are read from contact_message.sent_at / delivered_at
--    (ContactTimeline) instead of extra contact_event rows; an explicit contact_event row for the
--    same message and status (older data, a send reconciled after a crash) takes their place.

create table contact_dispatch_queue (
  message_id  bigint primary key,             -- contact_message.id (no foreign key: the claim joins the message and drops orphans)
  org_id      uuid not null,
  provider    text not null,
  not_before  timestamptz not null
) with (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
        autovacuum_analyze_scale_factor = 0.02);
create index contact_dispatch_queue_due on contact_dispatch_queue(provider, not_before, message_id);

insert into contact_dispatch_queue (message_id, org_id, provider, not_before)
select id, org_id, provider, not_before from contact_message where status = 'QUEUED';

-- Batches in flight (their messages are SENDING): one row per claim; infrastructure, owner connection only.
create table contact_dispatch_claim (
  id          bigint generated always as identity primary key,
  provider    text not null,
  claimed_by  text not null,
  claimed_at  timestamptz not null,
  message_ids bigint[] not null
) with (autovacuum_vacuum_scale_factor = 0.01);
create index contact_dispatch_claim_at on contact_dispatch_claim(claimed_at);

insert into contact_dispatch_claim (provider, claimed_by, claimed_at, message_ids)
select provider, coalesce(claimed_by, 'migrated'), min(coalesce(claimed_at, now())), array_agg(id order by id)
  from contact_message where status = 'SENDING' group by provider, coalesce(claimed_by, 'migrated');

alter table contact_dispatch_queue enable row level security;
create policy tenant_isolation on contact_dispatch_queue using (org_id = recaudo_current_org())
  with check (org_id = recaudo_current_org());
-- planning (application role) inserts the queue rows of what it queues; only the dispatcher's owner connection claims
grant select, insert on contact_dispatch_queue to ${appRole};

-- Provider message ids; infrastructure like contact_report_pending (a report names no organization):
-- only the dispatcher's owner connection uses it. Insert-only, one index (its key). No foreign key
-- (it cost a lookup and a row lock per send): a lookup joins contact_message by id, so a row whose
-- message is gone matches nothing.
create table contact_provider_message (
  provider            text not null,
  provider_message_id text not null,
  message_id          bigint not null,
  sent_at             timestamptz not null,
  primary key (provider, provider_message_id, message_id)
) with (autovacuum_vacuum_insert_scale_factor = 0.05);

insert into contact_provider_message (provider, provider_message_id, message_id, sent_at)
select provider, provider_message_id, id, coalesce(sent_at, updated_at)
  from contact_message where provider_message_id is not null;

drop index contact_message_queue;
drop index contact_message_sending;
drop index contact_message_provider_id;
alter table contact_message set (fillfactor = 50);

-- As V12 for the strategy tables: row-level security's WITH CHECK already pins org_id to the
-- session's organization (which exists and is never deleted); the key only cost a lookup and a row
-- lock in organization per written row.
alter table contact_message drop constraint if exists contact_message_org_id_fkey;
alter table contact_event drop constraint if exists contact_event_org_id_fkey;
