-- Every payment, allocation row and installment counter took a KEY SHARE lock on its organization's row
-- (the foreign key check), so concurrent postings of one organization all share-locked the same row:
-- PostgreSQL then builds a multixact per overlap, on the hot path of POST /api/v1/payments and of bank
-- files. As for the portfolio tables (V1), the row-level security policies already refuse rows of
-- another organization (WITH CHECK org_id = the bound organization) and organizations are never deleted.
alter table payment drop constraint if exists payment_org_id_fkey;
alter table payment_allocation drop constraint if exists payment_allocation_org_id_fkey;
alter table obligation_payment_count drop constraint if exists obligation_payment_count_org_id_fkey;
