#!/usr/bin/env bash
# Rule evaluation benchmark (no database): bench/strategy/rules.sh [customers] [rounds]
# Our planner against an equivalent Drools rule base (drools-engine, resolved from bench/strategy/drools/pom.xml:
# a benchmark-only dependency, never on the application's classpath).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
mvn -B -q -f bench/strategy/drools/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-drools-classpath.txt" >/dev/null
JAVA=${RECAUDO_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}
CP="target/classes:$(cat target/bench-classpath.txt):$(cat target/bench-drools-classpath.txt)"
rm -rf target/bench-rules && mkdir -p target/bench-rules
"${JAVA%java}javac" -d target/bench-rules -cp "$CP" bench/strategy/src/mx/recaudo/strategy/*.java
exec "$JAVA" -Xmx1g -XX:+UseParallelGC -cp "target/bench-rules:$CP" mx.recaudo.strategy.RuleBenchmark "${1:-1000000}" "${2:-3}"
