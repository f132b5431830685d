#!/usr/bin/env bash
# Starts query-api on embedded PostgreSQL and Redis with seeded demo data and live traffic
# (query-api's test classpath), on port ${PORT:-8080}. Prints ADMIN_KEY=, VIEWER_KEY= and READY.
# Usage: query-api/bench/run-dev-server.sh [-Dsmall=true] [-DcallsPerSecond=2]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -f "$here/target/test-classpath.txt" ] || [ ! -d "$here/target/test-classes" ]; then
  (cd "$root" && bin/mvn-locked -B -q -o -pl query-api test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test)
fi
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC -Dport="${PORT:-8080}" "$@" \
  -cp "$here/target/test-classes:$here/target/classes:$(cat "$here/target/test-classpath.txt")" \
  com.dce.analytics.query.support.DevServer
