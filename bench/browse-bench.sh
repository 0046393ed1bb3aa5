#!/usr/bin/env bash
# Browse benchmark: latency of the portfolio list (search, filters, keyset pages) and the customer 360
# over the REST API, with the 1,000,000-row portfolio loaded, from a separate client process.
#
#   bench/browse-bench.sh
#
# Reuses database BENCH_DB (recaudo_bench) as bench/import-bench.sh left it; when it is missing or
# empty, runs bench/import-bench.sh BENCH_ROWS (1000000) first.
# Environment: JAVA, PGHOST/PGPORT/PGUSER, BENCH_DB, BENCH_PORT (18080), BENCH_ROWS,
# BENCH_WARMUP (200), BENCH_REQUESTS (1000), BENCH_MAX_SECONDS (120 per scenario), BENCH_VACUUM (1: VACUUM ANALYZE before serving),
# BENCH_SERVE_OPTS (-Xmx1g), BENCH_ONLY (comma-separated scenario names).
# Results: printed and kept in bench/out/browse-results.txt.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROWS="${BENCH_ROWS:-1000000}"
RESULTS="$OUT/browse-results.txt"
ensure_jar

loaded() {
  db_exists && [ "$(psql_val "select to_regclass('public.obligation') is not null")" = t ] \
    && [ "$(psql_val "select count(*) > 0 from obligation")" = t ]
}
if ! loaded; then
  log "$BENCH_DB has no portfolio; running bench/import-bench.sh $ROWS first"
  "$BENCH_DIR/import-bench.sh" "$ROWS"
fi
[ "$(psql_val "select count(*) from organization")" = 1 ] || die "$BENCH_DB should hold exactly one organization"
CUSTOMERS=$(psql_val "select count(*) from customer")
OBLIGATIONS=$(psql_val "select count(*) from obligation")
log "$BENCH_DB: $(fmt "$CUSTOMERS") customers, $(fmt "$OBLIGATIONS") obligations"

# autovacuum may be off (it is on the shared CI server): a production database would have vacuumed and
# analyzed the freshly loaded tables by the time people browse them. BENCH_VACUUM=0 measures without.
VACUUM_NOTE="not run (BENCH_VACUUM=0)"
if [ "${BENCH_VACUUM:-1}" = 1 ]; then
  log "VACUUM ANALYZE $BENCH_DB (what autovacuum would have done after the load)"
  t0=$(now_ns)
  psql_db -c "vacuum analyze"
  VACUUM_NOTE="VACUUM ANALYZE before serving ($(secs "$t0" "$(now_ns)") s)"
fi

# Request parameters, drawn from the data (the portfolio is deterministic; the random draws are not).
PARAMS="$OUT/browse-params.properties"
psql_val "select id from customer order by random() limit 3000" >"$OUT/browse-ids.txt"
psql_val "select left(tax_id, 4) from customer where tax_id is not null order by random() limit 1200" >"$OUT/browse-rfc-prefixes.txt"
PRODUCTS=$(psql_val "select product || '|' || count(distinct customer_id) from obligation
                      where product is not null and status in ('ACTIVE','DISPUTED','IN_ARRANGEMENT','LEGAL')
                      group by product order by count(distinct customer_id) desc")
log "open products by customers: $(echo "$PRODUCTS" | tr '\n' ' ')"
PRODUCT=$(echo "$PRODUCTS" | head -1 | cut -d'|' -f1)
RARE_PRODUCT=$(echo "$PRODUCTS" | tail -1 | cut -d'|' -f1)
# a balance floor that only ~30 customers reach: fewer matches than one page
SPARSE_MIN=$(psql_val "select coalesce(floor(min(balance) / 1000) * 1000, 0)::bigint from (select balance from customer_balance
                        where currency = 'MXN' order by balance desc limit 30) t")
{
  echo "ids=$OUT/browse-ids.txt"
  echo "rfcPrefixes=$OUT/browse-rfc-prefixes.txt"
  echo "surname=${BENCH_SURNAME:-Hernández}"
  echo "product=$PRODUCT"
  echo "rareProduct=$RARE_PRODUCT"
  echo "sparseMinBalance=$SPARSE_MIN"
  if [ -s "$DATA_DIR/admin-credentials.txt" ]; then
    echo "htmlUser=$(awk -F' / ' '{print $1; exit}' "$DATA_DIR/admin-credentials.txt")"
    echo "htmlPassword=$(awk -F' / ' '{print $2; exit}' "$DATA_DIR/admin-credentials.txt")"
  fi
} >"$PARAMS.utf8"
# java.util.Properties.load(Reader) reads UTF-8 as written.
mv "$PARAMS.utf8" "$PARAMS"

# A fresh API token per run, registered at start-up by RECAUDO_BOOTSTRAP_TOKEN, revoked at the end.
TOKEN="bench-token-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
revoke_token() {
  psql_db -c "update api_token set revoked_at = now() where token_hash = sha256(convert_to('$TOKEN', 'UTF8')) and revoked_at is null" || true
}
cleanup() { stop_serve; revoke_token; }
trap cleanup EXIT

log "starting serve on :$BENCH_PORT (${BENCH_SERVE_OPTS:--Xmx1g})"
start_serve "$OUT/browse-serve.log" RECAUDO_BOOTSTRAP_TOKEN="$TOKEN"

log "running bench/BrowseBench.java"
{
  echo "Recaudo browse benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine   $(machine_note)"
  echo "data      $BENCH_DB: $(fmt "$CUSTOMERS") customers, $(fmt "$OBLIGATIONS") obligations; $VACUUM_NOTE"
  echo "server    java ${BENCH_SERVE_OPTS:--Xmx1g} -jar target/recaudo.jar serve (pool ${RECAUDO_DB_POOL_SIZE:-10}); client: separate JVM"
  echo
  BENCH_TOKEN="$TOKEN" "$JAVA" "$BENCH_DIR/BrowseBench.java" --base "http://127.0.0.1:$BENCH_PORT" --params "$PARAMS" \
    --warmup "${BENCH_WARMUP:-200}" --requests "${BENCH_REQUESTS:-1000}" --max-seconds "${BENCH_MAX_SECONDS:-120}" ${BENCH_ONLY:+--only "$BENCH_ONLY"}
} | tee "$RESULTS"
log "results kept in $RESULTS"
