#!/usr/bin/env bash
# Contact benchmarks: ./bench/contact/run.sh [sms-count=100000] [email-count=5000]
# Needs PostgreSQL like the tests (RECAUDO_TEST_DB_URL, default jdbc:postgresql://127.0.0.1:5432/recaudo_test).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)
JAVA=${RECAUDO_JAVA:-${JAVA:-java}}
exec "$JAVA" ${BENCH_JAVA_OPTS:-} -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" bench/contact/ContactBenchmark.java "$@"
