#!/usr/bin/env bash
# Follow-up imports into the portfolio that bench/import-bench.sh ROWS left in BENCH_DB (run that first):
#   1. an incremental import of INCREMENTAL_ROWS new rows (new customers and obligations) into it;
#   2. a re-import of the same ROWS file, where every row is unchanged.
# Each is compared with PostgreSQL's COPY of the same file into an unindexed 19-text-column table, in the
# same database, right before it.
#
#   bench/import-incremental-bench.sh [ROWS] [INCREMENTAL_ROWS]     (defaults 1000000 and 20000)
#
# Environment as for import-bench.sh (BENCH_DB is NOT dropped here). Results: printed and kept in
# bench/out/import-incremental-results-ROWS.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${1:-1000000}"
INC_ROWS="${2:-20000}"
XMX="${BENCH_XMX:-512m}"
FILE="$OUT/portfolio-$ROWS.csv"
META="$OUT/portfolio-$ROWS.meta"
INC_FILE="$OUT/portfolio-increment-$INC_ROWS.csv"
RESULTS="$OUT/import-incremental-results-$ROWS.txt"

[ -s "$FILE" ] && [ -s "$META" ] || die "$FILE is missing: run bench/import-bench.sh $ROWS first"
db_exists || die "database $BENCH_DB does not exist: run bench/import-bench.sh $ROWS first"
DATA_ROWS=$(awk -F= '$1 == "rows" {print $2}' "$META")
LOADED=$(psql_val "select count(*) from obligation")
[ "$LOADED" -ge "$DATA_ROWS" ] || die "$BENCH_DB holds $LOADED obligations, expected the $DATA_ROWS of $FILE"
ensure_jar
RUN_JAR="$OUT/recaudo-import-bench.jar"
cp "$JAR" "$RUN_JAR"

# New customers and obligations only: the generator's rows with a different seed, every customer and
# obligation id prefixed with INC- so none of them exists yet.
if [ ! -s "$INC_FILE" ]; then
  CUSTOMERS=$(awk -v r="$INC_ROWS" 'BEGIN { printf "%d", r / 1.5458 + 0.5 }')
  "$JAVA" -cp "$ROOT/target/classes" mx.recaudo.demo.GeneratePortfolio --customers "$CUSTOMERS" \
      --out "$INC_FILE.gen" --seed 4242 --as-of 2026-11-23 --dirty-rate 0.01 >&2
  python3 - "$INC_FILE.gen" "$INC_FILE" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as src, open(sys.argv[2], 'w', newline='', encoding='utf-8') as dst:
    r = csv.reader(src); w = csv.writer(dst, lineterminator='\n')
    header = next(r); w.writerow(header)
    c, o = header.index('customer_id'), header.index('obligation_id')
    for row in r:
        if row[c]: row[c] = 'INC-' + row[c]
        if row[o]: row[o] = 'INC-' + row[o]
        w.writerow(row)
PY
  rm -f "$INC_FILE.gen"
fi
INC_DATA_ROWS=$(($(wc -l <"$INC_FILE") - 1))
STAGING_COLS=$(head -1 "$FILE" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//' | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s%s text", (i > 1 ? ", " : ""), $i }')

copy_run() {  # copy_run FILE ROWS -> seconds
  psql_db -c "drop table if exists staging" -c "create table staging ($STAGING_COLS)" -c "checkpoint"
  local t0 t1 out
  t0=$(now_ns)
  out=$(psql -X -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "\\copy staging from '$1' with (format csv, header true)")
  t1=$(now_ns)
  [ "$out" = "COPY $2" ] || die "COPY reported '$out', expected 'COPY $2'"
  psql_db -c "drop table staging"
  secs "$t0" "$t1"
}

app_env
import_run() {  # import_run FILE LABEL -> prints "elapsedMillis rowsPerSecond analyzes" and keeps the log
  local log="$OUT/import-$2.log"
  psql_db -c "checkpoint"
  "$JAVA" "-Xmx$XMX" -jar "$RUN_JAR" import --file "$1" >"$log" 2>&1 || { tail -30 "$log" >&2; die "import $2 failed"; }
  grep -qE '^import [0-9a-f-]+ .*: COMPLETED$' "$log" || { tail -30 "$log" >&2; die "import $2 did not complete"; }
  local speed analyzes
  speed=$(grep -E '^  elapsedMillis=' "$log")
  analyzes=$(grep -oE '[0-9]+ ANALYZE' "$log" | awk '{print $1}' | tail -1)
  echo "$(echo "$speed" | sed -E 's/.*elapsedMillis=([0-9]+).*/\1/') $(echo "$speed" | sed -E 's/.*rowsPerSecond=([0-9]+).*/\1/') ${analyzes:-?}"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

log "incremental: COPY of $INC_FILE ($INC_DATA_ROWS rows)"
INC_COPY=$(copy_run "$INC_FILE" "$INC_DATA_ROWS")
log "incremental: Recaudo import"
read -r INC_MS INC_RPS INC_ANALYZES <<<"$(import_run "$INC_FILE" "increment-$INC_ROWS")"
INC_COUNTS=$(grep -E '^  (rowsRead|customersCreated)=' "$OUT/import-increment-$INC_ROWS.log" | paste -sd' ' -)

log "re-import: COPY of $FILE ($DATA_ROWS rows)"
RE_COPY=$(copy_run "$FILE" "$DATA_ROWS")
log "re-import: Recaudo import of the same file"
read -r RE_MS RE_RPS RE_ANALYZES <<<"$(import_run "$FILE" "reimport-$ROWS")"
RE_COUNTS=$(grep -E '^  (rowsRead|customersCreated)=' "$OUT/import-reimport-$ROWS.log" | paste -sd' ' -)

INC_COPY_RPS=$(rate "$INC_DATA_ROWS" "$INC_COPY"); RE_COPY_RPS=$(rate "$DATA_ROWS" "$RE_COPY")
{
  echo "Recaudo follow-up imports benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine         $(machine_note)"
  echo "database        $BENCH_DB with the $(fmt "$LOADED") obligations of $FILE"
  echo "incremental     $(fmt "$INC_DATA_ROWS") new rows ($INC_FILE)"
  echo "                COPY: $INC_COPY s = $(fmt "$INC_COPY_RPS") rows/s; Recaudo: $INC_MS ms = $(fmt "$INC_RPS") rows/s; ratio $(ratio "$INC_RPS" "$INC_COPY_RPS"); ANALYZE runs: $INC_ANALYZES"
  echo "                $INC_COUNTS"
  echo "re-import       the same $(fmt "$DATA_ROWS") rows again (all unchanged)"
  echo "                COPY: $RE_COPY s = $(fmt "$RE_COPY_RPS") rows/s; Recaudo: $RE_MS ms = $(fmt "$RE_RPS") rows/s; ratio $(ratio "$RE_RPS" "$RE_COPY_RPS"); ANALYZE runs: $RE_ANALYZES"
  echo "                $RE_COUNTS"
} | tee "$RESULTS"
