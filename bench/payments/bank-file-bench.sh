#!/usr/bin/env bash
# Bank statement benchmark: N deposit lines (date,amount,reference; every line matched by a Luhn
# deposit reference) through POST /api/v1/bank-statements, versus PostgreSQL COPY of the same file
# into an unindexed 3-column table. Ratio = COPY time / importer time (target >= 0.3).
#
#   bench/payments/bank-file-bench.sh [LINES=1000000] [CUSTOMERS=10000]
#
# Drops and re-creates database $BENCH_DB (recaudo_bench_payments). Results in bench/payments/out/.
source "$(dirname "$0")/common.sh"
LINES="${1:-1000000}"; CUSTOMERS="${2:-10000}"
build; fresh_db; serve; load_portfolio "$CUSTOMERS"

FILE="$OUT/statement-$LINES.csv"
psqlv "select id from customer order by id" >"$OUT/customer-ids.txt"
python3 - "$LINES" "$FILE" "$OUT/customer-ids.txt" <<'PY'
import sys, random
n, path, ids = int(sys.argv[1]), sys.argv[2], [int(x) for x in open(sys.argv[3]).read().split()]
def luhn(body):
    s, dbl = 0, True
    for ch in reversed(body):
        d = int(ch)
        if dbl:
            d *= 2
            if d > 9: d -= 9
        s += d; dbl = not dbl
    return body + str((10 - s % 10) % 10)
rnd = random.Random(42)
with open(path, "w") as f:
    f.write("date,amount,reference\n")
    for i in range(n):
        c = ids[i % len(ids)]
        f.write(f"2025-03-{1 + i % 28:02d},{rnd.randint(100, 99999) / 100:.2f},{luhn(f'{c:010d}')}\n")
PY
log "statement file: $LINES lines, $(du -h "$FILE" | cut -f1)"

# CPU the server JVM and its PostgreSQL backends spend (jiffies from /proc): hardly depends on the machine's load.
cpu() {
  local p=0 b
  for b in $(pgrep -f "postgres: .*: $PGUSER $DB" || true); do p=$((p + $(awk '{print $14+$15}' "/proc/$b/stat" 2>/dev/null || echo 0))); done
  echo "$(awk '{print $14+$15}' "/proc/$SERVE_PID/stat") $p"
}
if [ -n "${BENCH_PGSS:-}" ]; then # per-statement figures (needs pg_stat_statements in shared_preload_libraries)
  psql -X -q -d "$DB" -c "create extension if not exists pg_stat_statements" \
    -c "select pg_stat_statements_reset(0, (select oid from pg_database where datname = current_database()), 0)" >/dev/null
fi
LOAD0=$(cut -d' ' -f1 /proc/loadavg)
read -r JVM0 PG0 < <(cpu)
t0=$(now)
curl -fs -H "Authorization: Bearer $TOKEN" -F "file=@$FILE" "$BASE/api/v1/bank-statements" >"$OUT/statement-result.json"
t1=$(now)
read -r JVM1 PG1 < <(cpu)
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
cat "$OUT/statement-result.json" >&2; echo >&2

psqlv "create unlogged table copy_target (date text, amount text, reference text)" >/dev/null
t2=$(now)
psql -X -q -d "$DB" -c "\\copy copy_target from '$FILE' with (format csv, header true)"
t3=$(now)

python3 - "$LINES" "$t0" "$t1" "$t2" "$t3" "$(getconf CLK_TCK)" "$JVM0" "$JVM1" "$PG0" "$PG1" "$LOAD0" "$LOAD1" <<'PY' | tee "$OUT/bank-file-results-$LINES.txt"
import sys
n, t0, t1, t2, t3, hz, j0, j1, p0, p1 = int(sys.argv[1]), *map(float, sys.argv[2:11])
imp, cp = t1 - t0, t3 - t2
print(f"lines={n} importer_s={imp:.1f} importer_rate={n/imp:,.0f}/s copy_s={cp:.2f} copy_rate={n/cp:,.0f}/s ratio={cp/imp:.4f}")
print(f"cpu_us_per_line server_jvm={(j1 - j0) / hz * 1e6 / n:.1f} postgres={(p1 - p0) / hz * 1e6 / n:.1f} load_average={sys.argv[11]}->{sys.argv[12]}")
PY
# Seconds per batch over the run, from the audit event each batch's transaction writes.
psqlv "select string_agg(round(extract(epoch from d)::numeric, 2)::text, ' ' order by at) from (
         select at, at - lag(at) over (order by at) as d from audit_event
          where action in ('BANK_STATEMENT_STARTED', 'BANK_STATEMENT_LINES_POSTED')) x where d is not null" \
  | sed 's/^/batch_seconds=/' | tee -a "$OUT/bank-file-results-$LINES.txt"
if [ -n "${BENCH_PGSS:-}" ]; then
  psql -X -d "$DB" -c "select calls, round(total_exec_time::numeric / 1000, 2) as total_s,
         round((total_exec_time / calls)::numeric, 2) as mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110) as query
    from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
   order by total_exec_time desc limit 25" | tee "$OUT/bank-file-statements-$LINES.txt"
fi
psqlv "select count(*) as payments, count(distinct idempotency_key) as keys, sum(amount) from payment" >&2
