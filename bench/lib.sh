# Shared helpers for bench/*.sh (sourced, not run). Not part of the Maven build.
# Settings (environment): JAVA, PGHOST, PGPORT, PGUSER, BENCH_DB, BENCH_PORT.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/out"
JAR="$ROOT/target/recaudo.jar"
mkdir -p "$OUT"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
BENCH_DB="${BENCH_DB:-recaudo_bench}"
BENCH_PORT="${BENCH_PORT:-18080}"
# the application's data folder, one per database: the first start keeps the admin password there
DATA_DIR="$OUT/data-$BENCH_DB"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }

# The JDK 21+ that runs the application and the single-file clients (the machine's default java may be 17).
find_java() {
  local c v
  for c in "${JAVA:-}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v=$(java_major "$c" 2>/dev/null || echo 0); v=${v%%.*}
    if [ "${v:-0}" -ge 21 ]; then echo "$c"; return 0; fi
  done
  die "no Java 21+ found; set JAVA=/path/to/bin/java"
}
JAVA="$(find_java)"

psql_db() { psql -X -v ON_ERROR_STOP=1 -q -d "$BENCH_DB" "$@"; }
psql_val() { psql -X -v ON_ERROR_STOP=1 -qtA -d "$BENCH_DB" -c "$1"; }
db_exists() { [ "$(psql -X -qtA -d postgres -c "select 1 from pg_database where datname = '$BENCH_DB'")" = 1 ]; }

now_ns() { date +%s%N; }
# seconds with 3 decimals between two now_ns values
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
# a number rounded and with thousands separators: fmt 1234567.8 -> 1,234,568
fmt() { echo "$1" | awk '{ n = sprintf("%.0f", $1); s = ""; while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) } print n s }'; }

# Builds target/recaudo.jar when it is missing or older than the sources (benchmarks never run tests).
ensure_jar() {
  if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit 2>/dev/null)" ]; then
    log "building target/recaudo.jar (mvn -q -B -DskipTests package)"
    (cd "$ROOT" && mvn -q -B -DskipTests package) >&2 || die "build failed"
  fi
  # Run a copy: a build or test run in the same tree (mvn package) must not swap the jar under a running JVM.
  mkdir -p "$OUT"
  cp "$JAR" "$OUT/recaudo-run.jar"
  JAR="$OUT/recaudo-run.jar"
}

app_env() {
  export RECAUDO_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" RECAUDO_DB_USER="$PGUSER"
  export RECAUDO_DATA_DIR="$DATA_DIR"
}

SERVE_PID=""
# start_serve LOGFILE [extra env assignments...]: runs `serve` on BENCH_PORT until readiness is UP.
# Readiness (not /actuator/health) flips only after the start-up runners, so the default organization
# and the bootstrap token exist by then.
start_serve() {
  local logfile="$1"; shift
  if (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null; then
    die "port $BENCH_PORT is already in use; set BENCH_PORT to a free port"
  fi
  app_env
  env SERVER_PORT="$BENCH_PORT" "$@" "$JAVA" ${BENCH_SERVE_OPTS:--Xmx1g} -jar "$JAR" serve >"$logfile" 2>&1 &
  SERVE_PID=$!
  local i
  for i in $(seq 1 360); do
    kill -0 "$SERVE_PID" 2>/dev/null || { tail -30 "$logfile" >&2; SERVE_PID=""; die "serve exited during start-up (log: $logfile)"; }
    if curl -fs "http://127.0.0.1:$BENCH_PORT/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  stop_serve
  die "serve did not become ready in 180 s (log: $logfile)"
}

stop_serve() {
  if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
    kill "$SERVE_PID" 2>/dev/null || true
    wait "$SERVE_PID" 2>/dev/null || true
  fi
  SERVE_PID=""
}
trap stop_serve EXIT

machine_note() {
  local pgv cpu
  pgv=$(psql -X -qtA -d postgres -c "show server_version" 2>/dev/null || echo "?")
  cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)
  echo "$(nproc) cores (${cpu:-unknown CPU}), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, PostgreSQL $pgv, $("$JAVA" -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
