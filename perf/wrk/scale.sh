#!/usr/bin/env bash
# The browse mix (perf/wrk/browse.lua) against a catalog of each size, each from a cold start: a new
# API process (empty L1) over an emptied Redis database (empty L2). For each size: a 20 s cold run,
# then a 20 s warm run. Per run: the hit rate (L1 or Redis) and the L1's share of lookups, from the
# cache_requests counters, and the L1's size at the end (cache_l1_bytes).
#
# Usage: perf/wrk/scale.sh SCHEMA:PRODUCTS ...   e.g. perf/wrk/scale.sh s10k:10000 s100k:100000
# Environment: the API's settings (DATABASE_URL, REDIS_URL with a database of its own, which is
# FLUSHED, JWT_PRIVATE_KEY, ...), JAR (api/target/storefront-api.jar), CONNECTIONS (32),
# DURATION (20s), API_CPUS / WRK_CPUS (taskset lists, default 0 and 1). Each schema must be
# migrated and seeded with its size (java -jar $JAR seed --products N). Raw output: perf/target/scale/.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-api/target/storefront-api.jar}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20s}
API_CPUS=${API_CPUS:-0}
WRK_CPUS=${WRK_CPUS:-1}
HTTP_PORT=${HTTP_PORT:-8080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-9090}
OUT=perf/target/scale
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "scale: wrk is needed (apt-get install wrk)" >&2; exit 2; }

hits() { # hits, of which in the L1, and lookups that were not hits, of all caches, from /metrics
  curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/metrics" | awk '
    /^cache_requests_total\{/ && /result="hit"/ { h += $NF; if (/tier="l1"/) l += $NF }
    /^cache_requests_total\{/ && !/result="hit"/ { m += $NF }
    /^cache_l1_bytes\{/ { b += $NF }
    END { printf "%d %d %d %d\n", h, l, m, b }'
}

summary() { # req/s p50 p99 errors of a wrk output file
  awk '/Requests\/sec/ { rps = $2 }
       /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
       /Non-2xx|Socket errors/ { err = err $0 }
       END { printf "%10s %8s %8s %s\n", rps, p50, p99, (err == "" ? "0" : err) }' "$1"
}

printf "%-8s %8s %-5s %10s %8s %8s %s %s %s %s\n" schema products run "req/s" p50 p99 errors "hit-rate" "L1-share" "L1-MB"
for spec in "$@"; do
  schema=${spec%%:*}; products=${spec##*:}
  redis-cli -u "$REDIS_URL" flushdb >/dev/null
  DATABASE_SCHEMA=$schema taskset -c "$API_CPUS" java -jar "$JAR" serve >"$OUT/$schema-serve.log" 2>&1 &
  api=$!
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/health/ready" >/dev/null && break; sleep 1; done
  for run in cold warm; do
    read -r h0 l0 m0 _ < <(hits)
    PRODUCTS=$products taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency \
      -s perf/wrk/browse.lua "http://127.0.0.1:$HTTP_PORT" >"$OUT/$schema-$run.txt"
    sleep 1.1 # scrapes within a second share one rendering
    read -r h1 l1 m1 b1 < <(hits)
    rate=$(awk -v h=$((h1 - h0)) -v l=$((l1 - l0)) -v m=$((m1 - m0)) -v b="$b1" \
      'BEGIN { n = h + m; printf "%.1f%% %.1f%% %.0f", n ? 100 * h / n : 0, n ? 100 * l / n : 0, b / 1048576 }')
    printf "%-8s %8s %-5s %s %s\n" "$schema" "$products" "$run" "$(summary "$OUT/$schema-$run.txt")" "$rate"
  done
  kill "$api"; wait "$api" 2>/dev/null || true
done
