#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the queries behind the browse benchmark's scenarios, run the way the
# application runs them: as the application role (row-level security applies) with the organization
# bound, and, for comparison, as the owner with an explicit org_id filter (no row-level security).
#
#   bench/explain-browse.sh [RFC_PREFIX]        (default: the prefix of a random customer's RFC)
#
# The SQL is copied from src/main/java/mx/recaudo/portfolio/Portfolio.java (search, products); keep
# it in step when that changes. Needs the database left by bench/import-bench.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

db_exists || die "database $BENCH_DB does not exist; run bench/import-bench.sh first"
PREFIX="${1:-$(psql_val "select left(tax_id, 4) from customer where tax_id is not null order by random() limit 1")}"
[[ "$PREFIX" =~ ^[A-Z0-9Ñ\&]+$ ]] || die "RFC prefix should be letters/digits: $PREFIX"
ORG=$(psql_val "select id from organization limit 1")
AS_OF=$(psql_val "select (now() at time zone time_zone)::date from organization limit 1")
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

Q_RFC="(c.external_id = '$PREFIX' or c.tax_id like '$PREFIX%' or c.name ilike '%$PREFIX%')"
Q_SURNAME="(c.external_id = 'Hernández' or c.tax_id like 'HERNÁNDEZ%' or c.name ilike '%Hernández%')"
BAL="exists (select 1 from customer_balance b where b.customer_id = c.id and b.currency = 'MXN' and b.balance >= 10000 and b.balance <= 50000)"
ORDER="order by c.name, c.id limit 51"

plan "list, first page" app "select $SELECT_LIST from customer c where true $ORDER"
plan "q=Hernández" app "select $SELECT_LIST from customer c where true and $Q_SURNAME $ORDER"
plan "q=$PREFIX (RFC prefix)" app "select $SELECT_LIST from customer c where true and $Q_RFC $ORDER"
plan "q=$PREFIX (RFC prefix)" owner "select $SELECT_LIST from customer c where c.org_id = '$ORG' and $Q_RFC $ORDER"
plan "currency=MXN&minBalance=10000&maxBalance=50000" app "select $SELECT_LIST from customer c where true and $BAL $ORDER"
BAL_OWNER="exists (select 1 from customer_balance b where b.customer_id = c.id and b.org_id = '$ORG' and b.currency = 'MXN' and b.balance >= 10000 and b.balance <= 50000)"
plan "currency=MXN&minBalance=10000&maxBalance=50000" owner "select $SELECT_LIST from customer c where c.org_id = '$ORG' and $BAL_OWNER $ORDER"
plan "products() for the HTML list's filter" app "select distinct product from obligation where product is not null and status in ('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL') order by product limit 200"
