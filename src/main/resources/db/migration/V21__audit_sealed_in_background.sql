-- Audit events are written by the transaction that does the work (a plain insert, no lock) and sealed
-- into their hash chain in the background, in commit order, by recaudo_audit_seal. Before this, every
-- writer took its chain's advisory lock and held it until it committed: under load the writers of a
-- chain queued behind each other's commit (75 % of the statement time of POST /api/v1/payments at
-- 100 requests/s was that wait). An event is unsealed for about a second; verification seals first.
--
-- seq is the event's position in its chain (1, 2, 3, … without gaps); prev_hash and hash are unchanged:
-- SHA-256 over the predecessor's hash and the event's content (AuditLog.HASH_SQL).

alter table audit_event add column seq bigint;

alter table audit_event disable trigger audit_event_no_update;
update audit_event e set seq = n.seq
  from (select id, row_number() over (partition by org_id, chain order by id) as seq from audit_event) n
 where n.id = e.id;
alter table audit_event enable trigger audit_event_no_update;

alter table audit_event alter column prev_hash drop not null,
                        alter column hash drop not null,
                        add constraint audit_event_sealed_whole
                          check ((seq is null) = (hash is null) and (hash is null) = (prev_hash is null));

drop index audit_event_chain;
create unique index audit_event_chain_seq on audit_event(org_id, chain, seq);
create index audit_event_unsealed on audit_event(id) where hash is null;

-- Content stays immutable; the only change ever allowed is the one sealing of an unsealed event.
create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.hash is null and new.hash is not null
     and (new.id, new.org_id, new.at, new.actor, new.action, new.entity_type, new.entity_id, new.details, new.chain)
         is not distinct from
         (old.id, old.org_id, old.at, old.actor, old.action, old.entity_type, old.entity_id, old.details, old.chain) then
    return new;
  end if;
  raise exception 'audit_event is append-only';
end $$;

-- Seals up to p_limit unsealed events (committed ones: the others are invisible here), chain by chain in
-- id order, and answers how many; the hashes are computed in the loop, the rows written by one update.
-- One sealer at a time across all nodes: with p_wait false a call that finds another sealer at work
-- returns 0 at once; with p_wait true it waits for it.
create function recaudo_audit_seal(p_limit int, p_wait boolean) returns int language plpgsql as $$
declare
  r record; prev text; pos bigint; next_hash text; last_org uuid; last_chain smallint; first boolean := true;
  ids bigint[] := '{}'; prevs text[] := '{}'; hashes text[] := '{}'; seqs bigint[] := '{}';
begin
  if p_wait then perform pg_advisory_xact_lock(hashtext('audit:sealer'));
  elsif not pg_try_advisory_xact_lock(hashtext('audit:sealer')) then return 0; end if;
  for r in select e.id, e.org_id, e.chain, e.at, e.actor, e.action, e.entity_type, e.entity_id, e.details
             from audit_event e
            where e.id in (select u.id from audit_event u where u.hash is null order by u.id limit p_limit)
            order by e.org_id, e.chain, e.id
  loop
    if first or r.org_id is distinct from last_org or r.chain <> last_chain then
      select s.hash, s.seq into prev, pos from audit_event s
       where s.org_id = r.org_id and s.chain = r.chain and s.seq is not null
       order by s.seq desc limit 1;
      prev := coalesce(prev, repeat('0', 64)); pos := coalesce(pos, 0);
      last_org := r.org_id; last_chain := r.chain; first := false;
    end if;
    pos := pos + 1;
    next_hash := encode(sha256(convert_to(prev || '|' || coalesce(r.org_id::text, '') || '|' ||
        to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' || r.actor || '|' ||
        r.action || '|' || r.entity_type || '|' || coalesce(r.entity_id, '') || '|' || r.details::text, 'UTF8')), 'hex');
    ids := ids || r.id; prevs := prevs || prev; hashes := hashes || next_hash; seqs := seqs || pos;
    prev := next_hash;
  end loop;
  update audit_event e set prev_hash = v.prev, hash = v.hash, seq = v.seq
    from unnest(ids, prevs, hashes, seqs) as v(id, prev, hash, seq) where e.id = v.id;
  return coalesce(array_length(ids, 1), 0);
end $$;

-- The appending function of V8 is no longer used (AuditLog inserts); dropped so nothing takes the old locks.
drop function recaudo_audit_append(uuid, smallint, text, text, text, text, jsonb);
