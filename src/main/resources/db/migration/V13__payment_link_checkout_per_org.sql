-- A provider's checkout id was unique across every organization; two organizations with their own
-- accounts at the same provider may see the same id. Unique per organization instead (webhooks are
-- resolved inside the organization of their URL).
alter table payment_link drop constraint payment_link_provider_provider_checkout_id_key;
alter table payment_link add constraint payment_link_checkout_per_org unique (org_id, provider, provider_checkout_id);
