#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the queries behind the browse benchmark's scenarios, run the way the
# application runs them: as the application role (row-level security applies) with the organization
# bound. With --rls-demo it also shows why the text search needs the owner-side function: the plain
# LIKE/ILIKE condition under row-level security, and the same as the owner.
#
#   bench/explain-browse.sh [RFC_PREFIX] [--rls-demo]    (default: the prefix of a random customer's RFC)
#
# The SQL is copied from src/main/java/mx/recaudo/portfolio/Portfolio.java (search, products); keep
# it in step when that changes. Needs the database left by bench/import-bench.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RLS_DEMO=0
ARGS=()
for a in "$@"; do
  if [ "$a" = --rls-demo ]; then RLS_DEMO=1; else ARGS+=("$a"); fi
done
db_exists || die "database $BENCH_DB does not exist; run bench/import-bench.sh first"
PREFIX="${ARGS[0]:-$(psql_val "select left(tax_id, 4) from customer where tax_id is not null order by random() limit 1")}"
[[ "$PREFIX" =~ ^[A-Z0-9Ñ\&]+$ ]] || die "RFC prefix should be letters/digits: $PREFIX"
ORG=$(psql_val "select id from organization limit 1")
AS_OF=$(psql_val "select (now() at time zone time_zone)::date from organization limit 1")
DUE_FROM=$(psql_val "select date '$AS_OF' - 60")
DUE_TO=$(psql_val "select date '$AS_OF' - 31")
log "organization $ORG, as of $AS_OF, RFC prefix $PREFIX"

SELECT_LIST="c.id, c.external_id, c.name, c.tax_id, c.state, c.oldest_unpaid_due_date"
plan() {
  local title="$1" role="$2" sql="$3"
  echo "=== $title — $role"
  if [ "$role" = app ]; then
    psql -X -v ON_ERROR_STOP=1 -q -d "$BENCH_DB" \
      -c "select set_config('recaudo.org_id', '$ORG', false)" -c "set role recaudo_app" \
      -c "explain (analyze, buffers, costs on) $sql" | sed -n '/QUERY PLAN/,$p'
  else
    psql -X -v ON_ERROR_STOP=1 -q -d "$BENCH_DB" -c "explain (analyze, buffers, costs on) $sql" | sed -n '/QUERY PLAN/,$p'
  fi
}

# Portfolio.search: the text search alone pages inside recaudo_customer_search (limit = page + 1).
search() { echo "c.id = any (array(select recaudo_customer_search('$1'::text, null::text, null::bigint, 51::int)))"; }
BAL="(select true from customer_balance b where b.customer_id = c.id and b.currency = 'MXN' and b.balance >= 10000 and b.balance <= 50000 limit 1)"
PRODUCT="exists (select 1 from obligation o where o.customer_id = c.id and o.product = 'Crédito PyME' and o.status in ('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL'))"
ORDER="order by c.name, c.id limit 51"

plan "list, first page" app "select $SELECT_LIST from customer c where true $ORDER"
plan "q=Hernández" app "select $SELECT_LIST from customer c where true and $(search Hernández) $ORDER"
plan "q=$PREFIX (RFC prefix)" app "select $SELECT_LIST from customer c where true and $(search "$PREFIX") $ORDER"
plan "bucket=D31_60" app "select $SELECT_LIST from customer c where true and c.oldest_unpaid_due_date between '$DUE_FROM' and '$DUE_TO' $ORDER"
plan "product=Crédito PyME" app "select $SELECT_LIST from customer c where true and $PRODUCT $ORDER"
plan "currency=MXN&minBalance=10000&maxBalance=50000" app "select $SELECT_LIST from customer c where true and $BAL $ORDER"
SPARSE_MIN=$(psql_val "select coalesce(floor(min(balance) / 1000) * 1000, 0)::bigint from (select balance from customer_balance
                        where currency = 'MXN' order by balance desc limit 30) t")
plan "currency=MXN&minBalance=$SPARSE_MIN (~30 matches)" app "select $SELECT_LIST from customer c where true and (select true from customer_balance b where b.customer_id = c.id and b.currency = 'MXN' and b.balance >= $SPARSE_MIN limit 1) $ORDER"
plan "currency=MXN&minBalance=$SPARSE_MIN (~30 matches)" owner "select $SELECT_LIST from customer c where c.org_id = '$ORG' and exists (select 1 from customer_balance b where b.customer_id = c.id and b.org_id = '$ORG' and b.currency = 'MXN' and b.balance >= $SPARSE_MIN) $ORDER"
plan "products() for the HTML list's filter" app "select name from product_catalog order by name limit 500"

if [ "$RLS_DEMO" = 1 ]; then
  # LIKE and ILIKE are not LEAKPROOF: under row-level security they are neither index conditions nor
  # estimated from statistics. This is the query the search used before recaudo_customer_search.
  Q_RFC="(c.external_id = '$PREFIX' or c.tax_id like '$PREFIX%' or c.name ilike '%$PREFIX%')"
  plan "q=$PREFIX as plain LIKE/ILIKE" app "select $SELECT_LIST from customer c where true and $Q_RFC $ORDER"
  plan "q=$PREFIX as plain LIKE/ILIKE" owner "select $SELECT_LIST from customer c where c.org_id = '$ORG' and $Q_RFC $ORDER"
fi
