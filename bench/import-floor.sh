#!/usr/bin/env bash
# The floor under any importer on this machine: what PostgreSQL alone spends storing the portfolio that
# `import-bench.sh` imported, with no parsing, validation, matching or JVM at all, held against the
# same COPY baseline (the CSV into an unindexed all-text staging table). Run after import-bench.sh, on
# its database:
#
#   bench/import-floor.sh [ROWS=1000000]
#
# It exports the imported rows of customer, contact_point, obligation and customer_balance (binary
# COPY) and loads them back into empty copies of those tables in two ways:
#   A. "maintained": the copies carry every index, check and foreign key of the real tables; COPY then
#      maintains them row by row, as any import into a live, multi-tenant table must.
#   B. "built after": the copies start bare; COPY, then every index and foreign key is built once over
#      the loaded data (what a first load into an empty per-organization partition could do at best).
# Both are lower bounds: no row-level security, no upsert matching, no audit, no progress, one session.
# Everything is dropped at the end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${1:-1000000}"
FILE="$OUT/portfolio-$ROWS.csv"
[ -s "$FILE" ] || die "no $FILE: run bench/import-bench.sh $ROWS first"
db_exists || die "no database $BENCH_DB: run bench/import-bench.sh $ROWS first"
[ "$(psql_val "select count(*) > 0 from customer")" = t ] || die "$BENCH_DB holds no imported portfolio"
TABLES=(customer contact_point obligation customer_balance)
DATA_ROWS=$(($(wc -l <"$FILE") - 1))
STAGING_COLS=$(head -1 "$FILE" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//' | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s%s text", (i > 1 ? ", " : ""), $i }')

copy_baseline() {
  psql_db -c "drop table if exists staging" -c "create table staging ($STAGING_COLS)" -c "checkpoint"
  local t0 t1
  t0=$(now_ns)
  psql -X -v ON_ERROR_STOP=1 -q -d "$BENCH_DB" -c "\\copy staging from '$FILE' with (format csv, header true)"
  t1=$(now_ns)
  psql_db -c "drop table staging"
  secs "$t0" "$t1"
}

drop_copies() {
  for t in "${TABLES[@]}"; do psql_db -c "drop table if exists floor_$t cascade"; done
}

# Foreign keys among the four tables, re-pointed at the copies (customer -> floor_customer).
foreign_keys_sql() {
  psql_val "select string_agg(format('alter table floor_%s add constraint floor_%s %s;', conrelid::regclass,
              conname, replace(pg_get_constraintdef(oid), 'REFERENCES ', 'REFERENCES floor_')), ' ')
              from pg_constraint where contype = 'f' and conrelid::regclass::text in ('contact_point', 'obligation', 'customer_balance')
               and confrelid::regclass::text in ('customer', 'contact_point', 'obligation', 'customer_balance')"
}

# Indexes and primary/unique keys of the real tables, re-created on the copies.
indexes_sql() {
  psql_val "select string_agg(replace(replace(indexdef, 'INDEX ' || indexname, 'INDEX floor_' || indexname),
              ' ON public.' || tablename, ' ON public.floor_' || tablename) || ';', ' ')
              from pg_indexes where schemaname = 'public' and tablename in ('customer', 'contact_point', 'obligation', 'customer_balance')"
}

load_copies() {
  for t in "${TABLES[@]}"; do
    psql -X -v ON_ERROR_STOP=1 -q -d "$BENCH_DB" -c "\\copy floor_$t from '$OUT/floor-$t.bin' with (format binary)"
  done
}

log "exporting the imported tables (binary COPY)"
declare -A COUNT
for t in "${TABLES[@]}"; do
  psql -X -v ON_ERROR_STOP=1 -q -d "$BENCH_DB" -c "\\copy (select * from $t) to '$OUT/floor-$t.bin' with (format binary)"
  COUNT[$t]=$(psql_val "select count(*) from $t")
done
FKS=$(foreign_keys_sql)
IDX=$(indexes_sql)

log "COPY baseline, run 1"
COPY1=$(copy_baseline)

log "A: COPY into copies that carry every index and foreign key"
drop_copies
for t in "${TABLES[@]}"; do psql_db -c "create table floor_$t (like $t including defaults including constraints)"; done
psql_db -c "$IDX" -c "$FKS" -c "checkpoint"
t0=$(now_ns); load_copies; t1=$(now_ns)
MAINTAINED=$(secs "$t0" "$t1")

log "B: COPY into bare copies, then build every index and foreign key"
drop_copies
for t in "${TABLES[@]}"; do psql_db -c "create table floor_$t (like $t including defaults including constraints)"; done
psql_db -c "checkpoint"
t0=$(now_ns); load_copies; t1=$(now_ns)
psql_db -c "$IDX" -c "$FKS"
t2=$(now_ns)
BARE_LOAD=$(secs "$t0" "$t1"); BUILT_AFTER=$(secs "$t0" "$t2")
drop_copies
rm -f "$OUT"/floor-*.bin

log "COPY baseline, run 2"
COPY2=$(copy_baseline)

RESULTS="$OUT/import-floor-$ROWS.txt"
{
  echo "rows in the file: $DATA_ROWS; stored: customer ${COUNT[customer]}, contact_point ${COUNT[contact_point]}, obligation ${COUNT[obligation]}, customer_balance ${COUNT[customer_balance]}"
  echo "COPY baseline (CSV into unindexed staging): run 1 ${COPY1} s, run 2 ${COPY2} s"
  awk -v c1="$COPY1" -v c2="$COPY2" -v a="$MAINTAINED" -v bl="$BARE_LOAD" -v b="$BUILT_AFTER" -v n="$DATA_ROWS" 'BEGIN {
    f = (c1 < c2 ? c1 : c2); m = (c1 + c2) / 2
    printf "A maintained indexes: %.3f s = %.0f rows/s, ratio to the faster COPY run %.3f (to the mean %.3f)\n", a, n / a, f / a, m / a
    printf "B built after load:   %.3f s (bare COPY %.3f s + indexes and keys %.3f s) = %.0f rows/s, ratio to the faster COPY run %.3f (to the mean %.3f)\n", b, bl, b - bl, n / b, f / b, m / b
  }'
  if [ -s "$OUT/import-results-$ROWS.txt" ]; then echo "the importer, from import-bench.sh:"; grep -i "ratio\|rows/s" "$OUT/import-results-$ROWS.txt" | head -4; fi
} | tee "$RESULTS"
