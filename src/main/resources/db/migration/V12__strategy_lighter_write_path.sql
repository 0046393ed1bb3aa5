-- The daily run writes about one planned action, one agent task, one ladder row and one history row
-- per customer; each foreign key costs a lookup and a row lock in the parent per written row
-- (measured: two keys make a 20,000-row insert of planned_action 3x slower). These keys check
-- nothing the tables do not already guarantee:
--   * org_id: row-level security's WITH CHECK pins every row to the session's organization, which
--     exists (the session is bound from it) and organizations are never deleted;
--   * agent_task.customer_id: always copied from its planned action, whose customer key (with
--     ON DELETE CASCADE, as the task's planned_action_id) still holds.
alter table planned_action drop constraint if exists planned_action_org_id_fkey;
alter table agent_task drop constraint if exists agent_task_org_id_fkey;
alter table agent_task drop constraint if exists agent_task_customer_id_fkey;
