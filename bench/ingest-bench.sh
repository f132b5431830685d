#!/usr/bin/env bash
# Ingest benchmark: simulated exchange events posted to ingest-service over HTTP in batches, and,
# for reference, Kafka's own producer performance tool against the same in-process KRaft broker.
# Usage: bench/ingest-bench.sh [events=600000] [batch=1000] [concurrency=8] [json|ndjson]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(bin/find-jdk); export JAVA_HOME
./mvnw -B -q -DskipTests -Dspotless.check.skip=true install
./mvnw -B -q -pl platform-local dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
cp=platform-local/target/test-classes:platform-local/target/classes:$(cat platform-local/target/bench.classpath)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec "$JAVA_HOME/bin/java" -Xmx6g -cp "$cp" com.dce.analytics.local.bench.IngestBenchmark "$@"
