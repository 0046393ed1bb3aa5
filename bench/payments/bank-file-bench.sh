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

t0=$(now)
curl -fs -H "Authorization: Bearer $TOKEN" -F "file=@$FILE" "$BASE/api/v1/bank-statements" >"$OUT/statement-result.json"
t1=$(now)
cat "$OUT/statement-result.json" >&2; echo >&2

psqlv "create unlogged table copy_target (date text, amount text, reference text)" >/dev/null
t2=$(now)
psql -X -q -d "$DB" -c "\\copy copy_target from '$FILE' with (format csv, header true)"
t3=$(now)

python3 - "$LINES" "$t0" "$t1" "$t2" "$t3" <<'PY' | tee "$OUT/bank-file-results-$LINES.txt"
import sys
n, t0, t1, t2, t3 = int(sys.argv[1]), *map(float, sys.argv[2:])
imp, cp = t1 - t0, t3 - t2
print(f"lines={n} importer_s={imp:.1f} importer_rate={n/imp:,.0f}/s copy_s={cp:.2f} copy_rate={n/cp:,.0f}/s ratio={cp/imp:.4f}")
PY
psqlv "select count(*) as payments, count(distinct idempotency_key) as keys, sum(amount) from payment" >&2
