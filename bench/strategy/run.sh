#!/usr/bin/env bash
# Daily-run benchmark: bench/strategy/run.sh [customers] [workers]
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth). Creates database recaudo_bench_strategy if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'recaudo_bench_strategy'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "create database recaudo_bench_strategy"
mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
JAVA=${RECAUDO_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
CP="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench
"${JAVA%java}javac" -d target/bench -cp "$CP" bench/strategy/RunBenchmark.java
RECAUDO_DB_URL=${RECAUDO_DB_URL:-jdbc:postgresql://127.0.0.1:5432/recaudo_bench_strategy} exec "$JAVA" ${BENCH_OPTS:-} -Xmx1g -XX:+UseParallelGC -cp "target/bench:$CP" RunBenchmark "${1:-1000000}" "${2:-2}"
