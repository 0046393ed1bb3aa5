#!/usr/bin/env bash
# Rule evaluation benchmark (no database): bench/strategy/rules.sh [customers] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
JAVA=${RECAUDO_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
CP="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-rules
"${JAVA%java}javac" -d target/bench-rules -cp "$CP" bench/strategy/src/mx/recaudo/strategy/RuleBenchmark.java
exec "$JAVA" -Xmx1g -cp "target/bench-rules:$CP" mx.recaudo.strategy.RuleBenchmark "${1:-1000000}" "${2:-5}"
