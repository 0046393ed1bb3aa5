#!/usr/bin/env bash
# POST /api/v1/payments under open-loop load from a separate process: RATE req/s for SECONDS s
# (default 200 for 60) against a fresh `serve`, then counts payments in the database: one per
# distinct Idempotency-Key, none twice.
#
#   bench/payments/api-load-bench.sh [RATE=200] [SECONDS=60] [CUSTOMERS=10000]
source "$(dirname "$0")/common.sh"
RATE="${1:-200}"; SECONDS_="${2:-60}"; CUSTOMERS="${3:-10000}"
build; fresh_db; serve; load_portfolio "$CUSTOMERS"
# warm-up: 10 s at a quarter of the rate (JIT, pool), not measured
"$JAVA" "$HERE/PaymentLoad.java" "$BASE" "$TOKEN" "$CUSTOMERS" $((RATE / 4)) 10 >/dev/null
"$JAVA" "$HERE/PaymentLoad.java" "$BASE" "$TOKEN" "$CUSTOMERS" "$RATE" "$SECONDS_" | tee "$OUT/api-load-$RATE-$SECONDS_.txt"
RUN=$(awk -F= '/^run=/ {print $2}' "$OUT/api-load-$RATE-$SECONDS_.txt")
psqlv "select 'payments_in_db=' || count(*) || ' distinct_keys_in_db=' || count(distinct idempotency_key) from payment where idempotency_key like '$RUN-%'" \
  | tee -a "$OUT/api-load-$RATE-$SECONDS_.txt"
