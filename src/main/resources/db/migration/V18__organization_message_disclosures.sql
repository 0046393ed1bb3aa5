-- What the messages' {{complaintsUnit}} and {{settleConditions}} show for an organization (its complaints
-- unit, e.g. the UNE and how to reach it; the conditions to settle or agree a plan), next to its collector
-- identification ({{companyContact}}). Null = not configured: a real message never shows invented text,
-- so the daily run's handover skips a template that needs a value the organization has not set.
alter table organization
  add column complaints_unit   text,
  add column settle_conditions text;
