#!/usr/bin/env bash
# Import benchmark: `recaudo import` of the canonical CSV vs PostgreSQL's own COPY of the same file
# into an unindexed 19-text-column table, in the same freshly created database, in the same run.
#
#   bench/import-bench.sh [ROWS]        (default 1000000)
#
# Environment: JAVA (Java 21+, default temurin 25), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres),
# BENCH_DB (recaudo_bench, DROPPED and re-created), BENCH_PORT (18080, for the one-off `serve`),
# BENCH_XMX (512m). Results: printed and kept in bench/out/import-results-ROWS.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${1:-1000000}"
[[ "$ROWS" =~ ^[0-9]+$ ]] && [ "$ROWS" -gt 0 ] || die "usage: bench/import-bench.sh [ROWS]"
XMX="${BENCH_XMX:-512m}"
FILE="$OUT/portfolio-$ROWS.csv"
META="$OUT/portfolio-$ROWS.meta"
RESULTS="$OUT/import-results-$ROWS.txt"

ensure_jar
# Run a copy: a build in this worktree during the run (mvn verify repackages the jar) would pull the
# classes out from under the running import.
RUN_JAR="$OUT/recaudo-import-bench.jar"
cp "$JAR" "$RUN_JAR"

# 1. The canonical CSV, made by the project's generator (deterministic: seed 42, as of 2026-11-23).
#    It writes ~1.5458 data lines per customer (10,000 customers -> 15,458 lines), so N is chosen
#    from that; the exact row count is what the generator reports.
if [ -s "$FILE" ] && [ -s "$META" ]; then
  log "reusing $FILE"
else
  CUSTOMERS=$(awk -v r="$ROWS" 'BEGIN { printf "%d", r / 1.5458 + 0.5 }')
  log "generating $FILE ($CUSTOMERS customers)"
  summary=$("$JAVA" -cp "$ROOT/target/classes" mx.recaudo.demo.GeneratePortfolio --customers "$CUSTOMERS" \
      --out "$FILE.tmp" --seed 42 --as-of 2026-11-23 --dirty-rate 0.01)
  echo "$summary" >&2
  printf 'customers=%s\nrows=%s\n' "$CUSTOMERS" "$(echo "$summary" | awk '{print $1; exit}')" >"$META"
  mv "$FILE.tmp" "$FILE"
fi
CUSTOMERS=$(awk -F= '$1 == "customers" {print $2}' "$META")
DATA_ROWS=$(awk -F= '$1 == "rows" {print $2}' "$META")
[ "$DATA_ROWS" -eq "$(($(wc -l <"$FILE") - 1))" ] || die "$FILE does not hold $DATA_ROWS data lines; delete it and re-run"
FILE_MB=$(awk -v b="$(stat -c %s "$FILE")" 'BEGIN { printf "%.0f", b / 1048576 }')

# 2. A fresh database, so that every run starts from the same state.
log "dropping and creating database $BENCH_DB"
psql -X -v ON_ERROR_STOP=1 -q -d postgres -c "drop database if exists $BENCH_DB with (force)" -c "create database $BENCH_DB"

# 3. Schema (Flyway) and the default organization: only `serve`/`demo` start-up creates an organization,
#    and `import` needs one. Start `serve` once until ready, then stop it.
rm -rf "$DATA_DIR"
log "starting serve once on :$BENCH_PORT to apply the schema and create the organization"
start_serve "$OUT/import-serve.log"
stop_serve
[ "$(psql_val "select count(*) from organization")" = 1 ] || die "no organization was created (see $OUT/import-serve.log)"

STAGING_COLS=$(head -1 "$FILE" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//' | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s%s text", (i > 1 ? ", " : ""), $i }')
[ "$(head -1 "$FILE" | awk -F, '{print NF}')" = 19 ] || die "unexpected header in $FILE"

# 4. Baseline: COPY through psql's \copy into an unindexed staging table of 19 text columns.
copy_run() {
  psql_db -c "drop table if exists staging" -c "create table staging ($STAGING_COLS)" -c "checkpoint"
  local t0 t1 out
  t0=$(now_ns)
  out=$(psql -X -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "\\copy staging from '$FILE' with (format csv, header true)")
  t1=$(now_ns)
  [ "$out" = "COPY $DATA_ROWS" ] || die "COPY reported '$out', expected 'COPY $DATA_ROWS'"
  psql_db -c "drop table staging"
  secs "$t0" "$t1"
}
log "COPY baseline, run 1"
COPY1=$(copy_run)
log "COPY run 1: ${COPY1} s"

# 5. Recaudo: the `import` command, -Xmx512m. Its own line (elapsedMillis, from the job's start to its
#    end) excludes JVM start-up, Spring and Flyway; the wall clock includes them.
psql_db -c "checkpoint"
app_env
IMPORT_LOG="$OUT/import-$ROWS.log"
GC_LOG="$OUT/import-$ROWS-gc.log"
log "Recaudo import (-Xmx$XMX); output in $IMPORT_LOG"
rm -f "$GC_LOG" "$GC_LOG".*
t0=$(now_ns)
set +e
"$JAVA" "-Xmx$XMX" "-Xlog:gc,gc+init:file=$GC_LOG" -jar "$RUN_JAR" import --file "$FILE" >"$IMPORT_LOG" 2>&1
IMPORT_EXIT=$?
set -e
t1=$(now_ns)
WALL=$(secs "$t0" "$t1")
STATUS_LINE=$(grep -E '^import [0-9a-f-]+ .*: [A-Z]+$' "$IMPORT_LOG" || true)
COUNTS1=$(grep -E '^  rowsRead=' "$IMPORT_LOG" || true)
COUNTS2=$(grep -E '^  customersCreated=' "$IMPORT_LOG" || true)
SPEED_LINE=$(grep -E '^  elapsedMillis=' "$IMPORT_LOG" || true)
if [ "$IMPORT_EXIT" -ne 0 ] || [[ "$STATUS_LINE" != *": COMPLETED" ]]; then
  tail -40 "$IMPORT_LOG" >&2
  die "the import did not complete (exit $IMPORT_EXIT)"
fi
ELAPSED_MS=$(echo "$SPEED_LINE" | sed -E 's/.*elapsedMillis=([0-9]+).*/\1/')
OWN_RPS=$(echo "$SPEED_LINE" | sed -E 's/.*rowsPerSecond=([0-9]+).*/\1/')
OOM=$(grep -c OutOfMemoryError "$IMPORT_LOG" || true)
HEAP_MAX=$(grep -oE 'Heap Max Capacity: [0-9]+[KMG]' "$GC_LOG" | awk '{print $4}' | head -1)
HEAP_PEAK=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$GC_LOG" | sed -E 's/M->.*//' | sort -n | tail -1)
FULL_GCS=$(grep -c 'Pause Full' "$GC_LOG" || true)
EVAC_FAILURES=$(grep -c 'Evacuation Failure' "$GC_LOG" || true)
# Heap left after each full GC (that is the live data); none when no full GC happened.
AFTER_FULL=$(grep 'Pause Full' "$GC_LOG" | grep -oE '[0-9]+M->[0-9]+M' | sed -E 's/.*->//' | paste -sd, - || true)
GC_MAX_PAUSE=$(grep -E 'GC\([0-9]+\) Pause' "$GC_LOG" | awk '{print $NF}' | sed 's/ms$//' | sort -n | tail -1)
GCS=$(grep -cE 'GC\([0-9]+\) Pause' "$GC_LOG" || true)
log "Recaudo import: ${ELAPSED_MS} ms (own), ${WALL} s wall"

# 6. Baseline again, after the import, to bracket it (the machine is shared and noisy).
log "COPY baseline, run 2"
COPY2=$(copy_run)
log "COPY run 2: ${COPY2} s"

BEST_COPY=$(awk -v a="$COPY1" -v b="$COPY2" 'BEGIN { print (a < b ? a : b) }')
rate() { awk -v n="$DATA_ROWS" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
COPY1_RPS=$(rate "$COPY1"); COPY2_RPS=$(rate "$COPY2"); BEST_RPS=$(rate "$BEST_COPY")
WALL_RPS=$(rate "$WALL")
RATIO=$(awk -v r="$OWN_RPS" -v c="$BEST_RPS" 'BEGIN { printf "%.3f", r / c }')
RATIO_WALL=$(awk -v r="$WALL_RPS" -v c="$BEST_RPS" 'BEGIN { printf "%.3f", r / c }')
RATIO_MEAN=$(awk -v r="$OWN_RPS" -v a="$COPY1_RPS" -v b="$COPY2_RPS" 'BEGIN { printf "%.3f", r / ((a + b) / 2) }')
VERDICT=$(awk -v r="$RATIO" 'BEGIN { print (r >= 0.5 ? "meets the target (>= 0.5)" : "BELOW the target of 0.5") }')

{
  echo "Recaudo import benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine         $(machine_note)"
  echo "file            $FILE ($(fmt "$DATA_ROWS") data rows, $(fmt "$CUSTOMERS") customers, $FILE_MB MB)"
  echo "database        $BENCH_DB (fresh: dropped and created by this run)"
  echo "COPY baseline   run 1 (before): $COPY1 s = $(fmt "$COPY1_RPS") rows/s"
  echo "                run 2 (after):  $COPY2 s = $(fmt "$COPY2_RPS") rows/s"
  echo "Recaudo import  own line: $(awk -v m="$ELAPSED_MS" 'BEGIN { printf "%.3f", m / 1000 }') s = $(fmt "$OWN_RPS") rows/s (elapsedMillis=$ELAPSED_MS)"
  echo "                wall clock: $WALL s = $(fmt "$WALL_RPS") rows/s (includes JVM start-up, Spring, Flyway validation)"
  echo "ratio           Recaudo/COPY = $RATIO (own rows/s ÷ faster COPY run) — $VERDICT"
  echo "                wall-clock ratio $RATIO_WALL; vs the mean of both COPY runs $RATIO_MEAN"
  echo "heap            -Xmx$XMX: exit $IMPORT_EXIT, $STATUS_LINE"
  echo "                heap max capacity ${HEAP_MAX:-?}, highest occupancy before a GC ${HEAP_PEAK:-?}M; $GCS GC pauses, longest ${GC_MAX_PAUSE:-?} ms"
  echo "                full GCs: $FULL_GCS${AFTER_FULL:+ (heap after: $AFTER_FULL)}, evacuation failures: $EVAC_FAILURES, OutOfMemoryError lines: $OOM"
  echo "counts          ${COUNTS1#  }"
  echo "                ${COUNTS2#  }"
  echo "                ${SPEED_LINE#  }"
} | tee "$RESULTS"
log "results kept in $RESULTS"
