#!/usr/bin/env bash
# Where an import's insert time goes, per index and foreign key (diagnosis, not a benchmark figure).
# In the portfolio that bench/import-bench.sh left in BENCH_DB, inserts N new customers (copies of
# existing ones under new external ids) with their contact points and obligations, once as is and once
# with each secondary index or foreign key dropped, and in the importer's order, each inside a transaction that is rolled back
# (DDL is transactional: nothing changes). Runs as the owner, so without row-level security.
#
#   bench/import-costs.sh [N]       (default 30000)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
N="${1:-30000}"
db_exists || die "database $BENCH_DB does not exist: run bench/import-bench.sh first"

run() {  # run LABEL TABLE "DDL or empty" [ORDER BY list]
  local ddl="$3" sql
  case "$2" in
    customer) sql="insert into customer (org_id, external_id, name, customer_type, tax_id, customer_since, address, state, postal_code, time_zone, oldest_unpaid_due_date)
                   select org_id, 'X' || external_id, name, customer_type, tax_id, customer_since, address, state, postal_code, time_zone, oldest_unpaid_due_date from src_customer order by ${4:-external_id}" ;;
    contact_point) sql="insert into contact_point (org_id, customer_id, channel, value, phone_type)
                   select org_id, customer_id, channel, value || 'x', phone_type from src_contact order by ${4:-customer_id, channel, value}" ;;
    obligation) sql="insert into obligation (org_id, customer_id, external_id, kind, product, currency, original_amount, balance, issue_date, due_date, status)
                   select org_id, customer_id, 'X' || external_id, kind, product, currency, original_amount, balance, issue_date, due_date, status from src_obligation order by customer_id" ;;
  esac
  local out ms
  out=$(psql -X -v ON_ERROR_STOP=1 -qtA -d "$BENCH_DB" <<SQL
begin;
create temp table src_customer as select * from customer order by id desc limit $N;
create temp table src_contact as select p.* from contact_point p join src_customer c on c.id = p.customer_id;
create temp table src_obligation as select o.* from obligation o join src_customer c on c.id = o.customer_id;
$ddl
\\timing on
$sql;
rollback;
SQL
)
  ms=$(echo "$out" | grep -oE 'Time: [0-9.]+ ms' | head -1 | awk '{print $2}')
  printf '%-16s %-44s %10s ms\n' "$2" "$1" "$ms"
}

log "checkpoint, then $N customers per run"
psql_db -c checkpoint
run "as is" customer ""
run "without customer_name_trgm (GIN)" customer "drop index customer_name_trgm;"
run "without customer_org_name" customer "drop index customer_org_name;"
run "without customer_org_tax" customer "drop index customer_org_tax;"
run "without customer_org_oldest_due" customer "drop index customer_org_oldest_due;"
run "without any secondary index" customer "drop index customer_name_trgm, customer_org_name, customer_org_tax, customer_org_oldest_due;"
run "GIN pending list 64MB" customer "set local gin_pending_list_limit = '64MB'; set local work_mem = '64MB';"
run "in name order (what the importer does)" customer "" "name"
run "as is" contact_point ""
run "without contact_point_lookup" contact_point "drop index contact_point_lookup;"
run "in value order (what the importer does)" contact_point "" "channel, value, customer_id"
run "without the foreign key" contact_point "alter table contact_point drop constraint contact_point_customer_id_fkey;"
run "as is" obligation ""
run "without the foreign key" obligation "alter table obligation drop constraint obligation_customer_id_fkey;"
run "without obligation_customer" obligation "drop index obligation_customer;"
