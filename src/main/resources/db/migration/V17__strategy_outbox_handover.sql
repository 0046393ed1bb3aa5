-- The handover of the daily run's channel actions (SMS, email, WhatsApp, voice blaster, letter) to the
-- contact outbox. A worker claims PLANNED channel actions (FOR UPDATE SKIP LOCKED) and, in the same
-- transaction as the outbox messages it plans for them, marks each DONE with its message id or SKIPPED
-- with the reason (Spanish and English). Agent work (AGENT_CALL, FIELD_VISIT, LEGAL_REFERRAL,
-- DIALER_CAMPAIGN) stays PLANNED: it is done through agent tasks.
alter table planned_action
  add column message_id       bigint,
  add column handover_reason  text,
  add column handover_reason_en text,
  add column handed_over_at   timestamptz;

-- Only the channel actions still waiting for the handover: small, so finding them stays cheap
-- however many actions the table holds.
create index planned_action_handover on planned_action (org_id, id)
  where status = 'PLANNED' and action_type in ('SMS','EMAIL','WHATSAPP','VOICE_BLASTER','LETTER');
