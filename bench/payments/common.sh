# Shared helpers for bench/payments/*.sh (sourced). Not part of the Maven build.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/out"; mkdir -p "$OUT"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="${BENCH_DB:-recaudo_bench_payments}"
PORT="${BENCH_PORT:-18090}"
TOKEN="bench-payments-token-0123456789"
BASE="http://127.0.0.1:$PORT"
JAVA="${JAVA:-$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64/bin/java 2>/dev/null || command -v java)}"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
psqlv() { psql -X -qtA -d "$DB" -c "$1"; }

build() {
  if [ ! -f "$ROOT/target/recaudo.jar" ] || [ -n "$(find "$ROOT/src/main" -newer "$ROOT/target/recaudo.jar" -print -quit)" ]; then
    log "building target/recaudo.jar"; (cd "$ROOT" && mvn -q -B -o -DskipTests package) >&2
  fi
}

fresh_db() {
  psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB"
}

SERVE_PID=""
serve() {
  RECAUDO_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" RECAUDO_DB_USER="$PGUSER" RECAUDO_BOOTSTRAP_TOKEN="$TOKEN" \
  RECAUDO_DATA_DIR="$OUT/data" SERVER_PORT="$PORT" RECAUDO_DB_POOL_SIZE="${BENCH_POOL:-20}" \
    "$JAVA" ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$ROOT/target/recaudo.jar" serve >"$OUT/serve.log" 2>&1 &
  SERVE_PID=$!
  trap 'kill $SERVE_PID 2>/dev/null || true' EXIT
  for i in $(seq 1 120); do
    if curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  log "server did not start; see $OUT/serve.log"; exit 1
}

# Loads CUSTOMERS customers (external ids B0000001...), each with one obligation of 1,000,000.00 MXN.
load_portfolio() {
  local customers="$1" file="$OUT/portfolio-$1.csv"
  python3 - "$customers" "$file" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("customer_id,customer_name,customer_type,tax_id,customer_since,phone,email,whatsapp,address,state,postal_code,obligation_id,obligation_kind,product,currency,original_amount,balance,issue_date,due_date\n")
    for i in range(1, n + 1):
        f.write(f"B{i:07d},Cliente {i},PERSON,,,,,,,,,OB{i:07d},LOAN_INSTALLMENT,Crédito,MXN,1000000,1000000,2024-01-01,2025-01-{1 + i % 28:02d}\n")
PY
  local id status
  id=$(curl -fs -H "Authorization: Bearer $TOKEN" -F "file=@$file" -F mode=UPSERT "$BASE/api/v1/imports" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  while true; do
    status=$(curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/imports/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    [ "$status" = COMPLETED ] && break
    [ "$status" = FAILED ] && { log "portfolio import failed"; exit 1; }
    sleep 1
  done
  log "portfolio loaded: $customers customers"
}
