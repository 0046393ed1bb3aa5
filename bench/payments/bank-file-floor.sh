#!/usr/bin/env bash
# The floor under any bank-file importer: what PostgreSQL alone spends storing the payments and
# allocation rows that `bank-file-bench.sh` posted, with no matching, allocation, balances, counters,
# audit or JVM, held against the benchmark's COPY baseline (the statement file into an unindexed
# 3-column table). Run after bank-file-bench.sh, on its database:
#
#   BENCH_DB=... bench/payments/bank-file-floor.sh [LINES=1000000]
#
# The exported rows go back with binary COPY into empty copies of payment and payment_allocation that
# carry the real tables' indexes and foreign keys (to customer, obligation and the copied payments).
# A lower bound: no row-level security, no balance or counter updates, one session. Dropped at the end.
source "$(dirname "$0")/common.sh"
LINES="${1:-1000000}"
FILE="$OUT/statement-$LINES.csv"
[ -s "$FILE" ] || { log "no $FILE: run bench/payments/bank-file-bench.sh $LINES first"; exit 1; }
[ "$(psqlv "select count(*) >= $LINES from payment")" = t ] || { log "$DB holds fewer than $LINES payments"; exit 1; }

baseline() {
  psql -X -q -d "$DB" -c "drop table if exists floor_staging" -c "create table floor_staging (date text, amount text, reference text)" -c "checkpoint"
  local t0; t0=$(now)
  psql -X -q -d "$DB" -c "\\copy floor_staging from '$FILE' with (format csv, header true)"
  python3 -c "print(round($(now) - $t0, 3))"
  psql -X -q -d "$DB" -c "drop table floor_staging"
}
index_sql() {
  psqlv "select string_agg(replace(replace(indexdef, 'INDEX ' || indexname, 'INDEX floor_' || indexname),
           ' ON public.' || tablename || ' ', ' ON public.floor_' || tablename || ' ') || ';', ' ')
           from pg_indexes where schemaname = 'public' and tablename in ('payment', 'payment_allocation')"
}
fk_sql() {
  psqlv "select string_agg(format('alter table floor_%s add constraint floor_%s %s;', conrelid::regclass, conname,
           replace(pg_get_constraintdef(oid), 'REFERENCES payment(', 'REFERENCES floor_payment(')), ' ')
           from pg_constraint where contype = 'f' and conrelid::regclass::text in ('payment', 'payment_allocation')"
}

log "exporting payment and payment_allocation (binary COPY)"
for t in payment payment_allocation; do
  psql -X -q -d "$DB" -c "\\copy (select * from $t) to '$OUT/floor-$t.bin' with (format binary)"
done
PAYMENTS=$(psqlv "select count(*) from payment"); ALLOCATIONS=$(psqlv "select count(*) from payment_allocation")
IDX=$(index_sql); FKS=$(fk_sql)
C1=$(baseline)
psql -X -q -d "$DB" -c "drop table if exists floor_payment_allocation, floor_payment" \
  -c "create table floor_payment (like payment including defaults including constraints)" \
  -c "create table floor_payment_allocation (like payment_allocation including defaults including constraints)" \
  -c "$IDX" -c "$FKS" -c "checkpoint"
t0=$(now)
psql -X -q -d "$DB" -c "\\copy floor_payment from '$OUT/floor-payment.bin' with (format binary)"
psql -X -q -d "$DB" -c "\\copy floor_payment_allocation from '$OUT/floor-payment_allocation.bin' with (format binary)"
FLOOR=$(python3 -c "print(round($(now) - $t0, 3))")
psql -X -q -d "$DB" -c "drop table floor_payment_allocation, floor_payment"
rm -f "$OUT"/floor-payment*.bin
C2=$(baseline)
python3 - "$C1" "$C2" "$FLOOR" "$PAYMENTS" "$ALLOCATIONS" "$LINES" <<'PY' | tee "$OUT/bank-file-floor-$LINES.txt"
import sys
c1, c2, floor, payments, allocations, lines = map(float, sys.argv[1:])
fast = min(c1, c2)
print(f"COPY baseline (statement into an unindexed 3-column table): run 1 {c1:.3f} s, run 2 {c2:.3f} s")
print(f"floor: {int(payments):,} payments + {int(allocations):,} allocation rows by COPY into indexed copies: {floor:.3f} s "
      f"= {lines / floor:,.0f} lines/s, ratio to the faster COPY run {fast / floor:.3f} (to the mean {(c1 + c2) / 2 / floor:.3f})")
PY
