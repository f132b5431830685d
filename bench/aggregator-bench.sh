#!/usr/bin/env bash
# Aggregator benchmark: throughput of the Kafka Streams aggregator over pre-loaded simulated
# events (every series of the catalog, exactly-once, sinks on), then end-to-end freshness
# (event acknowledged by Kafka -> window visible in Redis and in PostgreSQL).
# Usage: bench/aggregator-bench.sh [events=1000000] [probes=100] [background events/s=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/find-jdk); export JAVA_HOME
./mvnw -B -q -DskipTests -Dspotless.check.skip=true install
./mvnw -B -q -pl stream-aggregator dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
cp=stream-aggregator/target/test-classes:stream-aggregator/target/classes:$(cat stream-aggregator/target/bench.classpath)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec "$JAVA_HOME/bin/java" -Xmx6g -cp "$cp" com.dce.analytics.aggregator.bench.AggregatorBenchmark "$@"
