#!/usr/bin/env bash
# POST /api/v1/payments under open-loop load from a separate process: RATE req/s for SECONDS s
# (default 200 for 60) against a fresh `serve`, then counts payments in the database: one per
# distinct Idempotency-Key, none twice.
#
#   bench/payments/api-load-bench.sh [RATE=200] [SECONDS=60] [CUSTOMERS=10000]
source "$(dirname "$0")/common.sh"
RATE="${1:-200}"; SECONDS_="${2:-60}"; CUSTOMERS="${3:-10000}"
build; fresh_db; serve; load_portfolio "$CUSTOMERS"
# warm-up, not measured: 30 s at half the rate. The JIT compiles the request path for well over 10 s
# on 2 cores (C2 still took 2 of every 15 CPU-seconds after a 10 s warm-up), so a shorter warm-up
# measures compilation, not the steady state a running node is in.
"$JAVA" "$HERE/PaymentLoad.java" "$BASE" "$TOKEN" "$CUSTOMERS" $((RATE / 2)) "${BENCH_WARMUP_SECONDS:-30}" >/dev/null
# CPU the server JVM and its PostgreSQL backends spend per request (jiffies from /proc): unlike the
# latency, this hardly depends on what else the machine runs, so it shows what a change saved.
cpu() {
  local p=0 b
  for b in $(pgrep -f "postgres: .*: $PGUSER $DB" || true); do p=$((p + $(awk '{print $14+$15}' "/proc/$b/stat" 2>/dev/null || echo 0))); done
  echo "$(awk '{print $14+$15}' "/proc/$SERVE_PID/stat") $p"
}
read -r JVM0 PG0 < <(cpu)
"$JAVA" "$HERE/PaymentLoad.java" "$BASE" "$TOKEN" "$CUSTOMERS" "$RATE" "$SECONDS_" | tee "$OUT/api-load-$RATE-$SECONDS_.txt"
read -r JVM1 PG1 < <(cpu)
python3 -c "hz, n = $(getconf CLK_TCK), $RATE * $SECONDS_; print(f'cpu_ms_per_request server_jvm={($JVM1 - $JVM0) * 1000 / hz / n:.2f} postgres={($PG1 - $PG0) * 1000 / hz / n:.2f}')" \
  | tee -a "$OUT/api-load-$RATE-$SECONDS_.txt"
RUN=$(awk -F= '/^run=/ {print $2}' "$OUT/api-load-$RATE-$SECONDS_.txt")
psqlv "select 'payments_in_db=' || count(*) || ' distinct_keys_in_db=' || count(distinct idempotency_key) from payment where idempotency_key like '$RUN-%'" \
  | tee -a "$OUT/api-load-$RATE-$SECONDS_.txt"
