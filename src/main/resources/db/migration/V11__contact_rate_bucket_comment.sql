-- contact_rate_bucket deliberately has no org_id and no row-level security: a bucket is a provider
-- account's rate limit (one SMSC bind, one SMTP relay), configured per installation and shared by
-- every organization and every node. Only the dispatcher's owner connection reads or writes it.
comment on table contact_rate_bucket is
  'Per-installation token bucket per provider account (recaudo.contact.rates.<provider> messages/s), shared by all organizations and nodes; no org_id by design. Owner connection only.';
comment on column contact_rate_bucket.tokens is 'Tokens left at updated_at; refilled continuously at refill_per_second up to capacity (one second of traffic).';
