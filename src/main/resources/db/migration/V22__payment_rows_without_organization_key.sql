-- The installment counters follow payments and allocations (V20): no foreign key to organization. Each
-- posting's counter upsert took a KEY SHARE lock on the organization's row, so concurrent postings of one
-- organization all share-locked the same row (a multixact per overlap, on the hot path of
-- POST /api/v1/payments). Row-level security keeps the rows in their organization (WITH CHECK), and
-- organizations are never deleted.
alter table obligation_payment_count drop constraint if exists obligation_payment_count_org_id_fkey;
