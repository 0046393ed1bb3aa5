#!/usr/bin/env bash
# POST /api/v1/payments under open-loop load from a separate process: RATE req/s for SECONDS s
# (default 200 for 60) against a fresh `serve`, then counts payments in the database: one per
# distinct Idempotency-Key, none twice.
#
#   bench/payments/api-load-bench.sh [RATE=200] [SECONDS=60] [CUSTOMERS=10000]
source "$(dirname "$0")/common.sh"
RATE="${1:-200}"; SECONDS_="${2:-60}"; CUSTOMERS="${3:-10000}"
build; fresh_db; serve; load_portfolio "$CUSTOMERS"
# warm-up, not measured: 20 s at half the rate, then BENCH_WARMUP_SECONDS (60) at the full rate by the
# measuring client itself, right before its measured window (so that neither the server's JIT nor the
# client's own start-up is measured). On 2 shared cores the JIT keeps compiling the request path for
# well over a minute (after a 30 s warm-up at half the rate the compiler threads still used 7 of the 17
# CPU-seconds of the measured window); the compiler time inside the measured window is printed below
# (jit_compile_seconds_in_window). LOAD_TRACE=file writes each measured request's offset and latency.
"$JAVA" "$HERE/PaymentLoad.java" "$BASE" "$TOKEN" "$CUSTOMERS" $((RATE / 2)) 20 >/dev/null
JSTAT="$(dirname "$(readlink -f "$JAVA")")/jstat"
jit_seconds() { "$JSTAT" -compiler "$SERVE_PID" 2>/dev/null | awk 'NR == 2 {print $4}' || echo 0; }
# CPU the server JVM and its PostgreSQL backends spend per request (jiffies from /proc): unlike the
# latency, this hardly depends on what else the machine runs, so it shows what a change saved.
cpu() {
  local p=0 b
  for b in $(pgrep -f "postgres: .*: $PGUSER $DB" || true); do p=$((p + $(awk '{print $14+$15}' "/proc/$b/stat" 2>/dev/null || echo 0))); done
  echo "$(awk '{print $14+$15}' "/proc/$SERVE_PID/stat") $p"
}
"$JAVA" "$HERE/PaymentLoad.java" "$BASE" "$TOKEN" "$CUSTOMERS" "$RATE" "$SECONDS_" "${BENCH_WARMUP_SECONDS:-60}" >"$OUT/api-load-$RATE-$SECONDS_.txt" &
LOAD_PID=$!
until grep -q '^measuring' "$OUT/api-load-$RATE-$SECONDS_.txt" 2>/dev/null || ! kill -0 "$LOAD_PID" 2>/dev/null; do sleep 0.2; done
read -r JVM0 PG0 < <(cpu)
JIT0=$(jit_seconds)
wait "$LOAD_PID"
grep -v '^measuring' "$OUT/api-load-$RATE-$SECONDS_.txt"
read -r JVM1 PG1 < <(cpu)
JIT1=$(jit_seconds)
echo "jit_compile_seconds_in_window=$(python3 -c "print(round(${JIT1:-0} - ${JIT0:-0}, 1))")" | tee -a "$OUT/api-load-$RATE-$SECONDS_.txt"
python3 -c "hz, n = $(getconf CLK_TCK), $RATE * $SECONDS_; print(f'cpu_ms_per_request server_jvm={($JVM1 - $JVM0) * 1000 / hz / n:.2f} postgres={($PG1 - $PG0) * 1000 / hz / n:.2f}')" \
  | tee -a "$OUT/api-load-$RATE-$SECONDS_.txt"
RUN=$(awk -F= '/^run=/ {print $2}' "$OUT/api-load-$RATE-$SECONDS_.txt")
psqlv "select 'payments_in_db=' || count(*) || ' distinct_keys_in_db=' || count(distinct idempotency_key) from payment where idempotency_key like '$RUN-%'" \
  | tee -a "$OUT/api-load-$RATE-$SECONDS_.txt"
