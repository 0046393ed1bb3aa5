-- Bank-file posting throughput (issue #5).

-- A statement batch updates every obligation and payment counter of its customers once. With full pages
-- each new row version goes to another page (not HOT): every index of the table gets a new entry per
-- update, and the foreign-key checks and locks of the next batches walk the ever longer version chains.
-- Free room in each page keeps these updates HOT (pruned on the page, no new index entries). Applies to
-- pages written from now on: the rows move to such pages with their next update.
alter table obligation set (fillfactor = 80);
alter table obligation_payment_count set (fillfactor = 70);

-- Payments and allocation rows get no foreign key to organization, like the portfolio tables (V1): the
-- per-row check cost about a tenth of posting a statement line, organizations are never deleted, and the
-- row-level-security policies already refuse rows of any organization but the connection's own.
alter table payment drop constraint payment_org_id_fkey;
alter table payment_allocation drop constraint payment_allocation_org_id_fkey;
