-- The customers whose balance lies in a range, found through customer_balance_range when they are few.
--
-- Under row-level security numeric comparisons (not leakproof) cannot use customer_balance_range, so
-- the portfolio list used to test the range on each row of the name order: fast when many customers
-- match (a page fills at once), a full walk of the portfolio when only a handful do. This function runs
-- as the owner with the organization as an explicit condition, so the range is an index scan. It
-- answers the matching customer ids when there are at most `lim` of them, and null when there are
-- more (the caller then walks the name order, where dense matches are cheap).
create function recaudo_balance_candidates(cur text, min_balance numeric, max_balance numeric, lim int)
  returns bigint[]
  language plpgsql stable security definer set search_path = ${flyway:defaultSchema}
  as $$
  declare
    org uuid := recaudo_current_org();
    currencies text[];
    c text;
    found bigint[] := array[]::bigint[];
    part bigint[];
    range_condition text := '';
  begin
    if org is null then return array[]::bigint[]; end if;
    if min_balance is not null then range_condition := range_condition || format(' and balance >= %L::numeric', min_balance); end if;
    if max_balance is not null then range_condition := range_condition || format(' and balance <= %L::numeric', max_balance); end if;
    if cur is not null then
      currencies := array[upper(cur)];
    else
      -- A loose index scan: the few currencies of the organization, one index probe each, so that each
      -- range below is a scan of (org_id, currency, balance) and not of the whole organization.
      with recursive cs(code) as (
        select min(currency)::text from customer_balance where org_id = org
        union all
        select (select min(currency)::text from customer_balance where org_id = org and currency > cs.code)
          from cs where cs.code is not null)
      select coalesce(array_agg(code), array[]::text[]) into currencies from cs where code is not null;
    end if;
    foreach c in array currencies loop
      execute format('select array(select customer_id from customer_balance where org_id = %L and currency = %L%s limit %s)',
                     org, c, range_condition, lim + 1 - cardinality(found)) into part;
      found := found || part;
      if cardinality(found) > lim then return null; end if;
    end loop;
    return found;
  end
  $$;

-- The name search decides whether a name is common (walk the name order for one page) or rare (fetch
-- every match and sort them). It used to count up to 5,001 trigram matches to decide, ~30 ms for a
-- common surname on a million customers. A planner estimate far above the threshold now decides a
-- clearly common name for free; the others still pay for the count.
-- Volatile only because PostgreSQL allows EXPLAIN in volatile functions alone; it still writes nothing.
create or replace function recaudo_customer_search(q text, after_name text, after_id bigint, lim int)
  returns setof bigint
  language plpgsql volatile security definer set search_path = ${flyway:defaultSchema} rows 200
  as $$
  declare
    org uuid := recaudo_current_org();
    escaped text := replace(replace(replace(q, '\', '\\'), '%', '\%'), '_', '\_');
    candidates text;
    ids bigint[];
    plan json;
    estimate double precision;
    common boolean;
  begin
    if org is null or q is null or q = '' then return; end if;
    -- Runs as the owner with the organization as an explicit condition: under row-level security
    -- LIKE and trigram operators (not leakproof) cannot use their indexes. Literal patterns
    -- (EXECUTE) let the planner use the RFC prefix and name trigram indexes.
    candidates := format(
      'select id from customer where org_id = %L and external_id = %L
        union select id from customer where org_id = %L and tax_id like %L
        union select id from customer where org_id = %L and name ilike %L',
      org, q, org, upper(escaped) || '%', org, '%' || escaped || '%');
    if lim is null then
      return query execute candidates;
      return;
    end if;
    execute format('explain (format json) select id from customer where org_id = %L and name ilike %L',
                   org, '%' || escaped || '%') into plan;
    estimate := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
    -- Only a clearly common estimate is trusted: an underestimate (a frequent name missing from the
    -- statistics sample) would fetch and sort every match, while an estimate four times the threshold
    -- is at worst a name order walk through a name that is not quite that common.
    if estimate >= 20000 then
      common := true;
    else
      execute format('select array(select id from customer where org_id = %L and name ilike %L limit 5001)',
                     org, '%' || escaped || '%') into ids;
      common := cardinality(ids) > 5000;
    end if;
    if not common then
      return query execute candidates;
      return;
    end if;
    -- A common name: walking the name order finds a page of matches at once.
    return query execute format(
      'select id from customer where org_id = %L and name ilike %L
          and (%L::text is null or (name, id) > (%L::text, %L::bigint))
        order by name, id limit %s',
      org, '%' || escaped || '%', after_name, after_name, after_id, lim);
  end
  $$;
