#!/usr/bin/env bash
# Benchmarks a running query-api with wrk (HTTP) and LiveLoadClient (WebSocket).
#
#   bench/query-bench.sh                 # starts a seeded dev server on :8090 itself
#   BASE_URL=http://host:8080 API_KEY=… REDIS_URL=redis://host:6379 bench/query-bench.sh
#
# Scenarios (DURATION, default 20s each; CONNECTIONS, default 64):
#   1. identical GetMetric (calls_per_minute, last hour): the dashboard-refresh case, served by
#      the coalescing cache
#   2. distinct GetMetric queries (random absolute range per request): every request computes
#   3. GetDashboardData for the operations dashboard (10 widgets)
#   4. 1,000 WebSocket subscribers, update lag after a change is published (LiveLoadClient)
# Needs wrk (apt-get install -y wrk). The WebSocket client and the dev server run from query-api's
# test classpath (query-api/bench/run-dev-server.sh builds it on first use).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module=$root/query-api
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SUBSCRIBERS=${SUBSCRIBERS:-1000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT
if [ -z "${BASE_URL:-}" ]; then
  log=$(mktemp)
  PORT=8090 "$module/bench/run-dev-server.sh" > "$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do grep -q READY "$log" && break; sleep 1; done
  grep -q READY "$log" || { cat "$log"; exit 1; }
  BASE_URL=http://127.0.0.1:8090
  API_KEY=$(sed -n 's/^VIEWER_KEY=//p' "$log")
  REDIS_URL=$(sed -n 's/^REDIS_URL=//p' "$log")
  echo "started dev server (pid $server_pid): $(grep seeded "$log")"
fi

report=$(mktemp)
cat > "$report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests/s=%.0f p50=%.2fms p95=%.2fms p99=%.2fms errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA
cat > "$report-distinct.lua" <<LUA
counter = 0
request = function()
  counter = counter + 1
  local to = 1000 * (os.time() - math.random(0, 3000))
  local path = "/api/v1/metrics/calls_by_state?group_by=state&step=1m&from=" .. (to - 3600000) .. "&to=" .. (to + counter % 997)
  return wrk.format("GET", path, { ["X-API-Key"] = "$API_KEY" })
end
$(cat "$report.lua")
LUA

run() {
  local name=$1; shift
  echo "== $name"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" | tee -a "$report" | grep -E 'RESULT|Non-2xx' || true
}
# warm up the JVM
wrk -t2 -c16 -d5s -H "X-API-Key: $API_KEY" "$BASE_URL/api/v1/metrics/calls_per_minute?from=now-1h&step=1m" > /dev/null
run "1. identical GetMetric (cached/coalesced)" -s "$report.lua" -H "X-API-Key: $API_KEY" \
  "$BASE_URL/api/v1/metrics/calls_per_minute?from=now-1h&step=1m"
run "2. distinct GetMetric (computed per request)" -s "$report-distinct.lua" "$BASE_URL"
CONNECTIONS=32 run "3. GetDashboardData operations" -s "$report.lua" -H "X-API-Key: $API_KEY" \
  "$BASE_URL/api/v1/dashboards/operations"
[ -f "$module/target/test-classpath.txt" ] || (cd "$root" && bin/mvn-locked -B -q -o -pl query-api test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test)
echo "== 4. live push: $SUBSCRIBERS WebSocket subscribers"
"$JAVA_HOME/bin/java" -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")" \
  com.dce.analytics.query.support.LiveLoadClient "$BASE_URL" "$API_KEY" "$REDIS_URL" "$SUBSCRIBERS" 10
