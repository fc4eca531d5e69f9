#!/usr/bin/env bash
# CPU time a server process spends per request under wrk: its user + system time (from
# /proc/<pid>/stat) over one wrk run, divided by the requests wrk completed. Steadier than req/s
# when the load generator shares the machine, and it says where the time goes (user or kernel).
# docs/performance.md ("Where a cached read's time goes") was measured with it.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: perf/wrk/cpu-per-request.sh PID URL [LUA_SCRIPT]

  PID         the server process (e.g. $(pgrep -f 'storefront-api.jar serve'))
  URL         what wrk requests (the Lua script, when given, picks the paths)
  LUA_SCRIPT  e.g. perf/wrk/pdp.lua

Environment: DURATION (10s), CONNECTIONS (64), THREADS (1), WRK_CPUS (a taskset CPU list for
wrk, e.g. 1 when the server is pinned to 0; unset: no pinning).
Prints: req/s, then CPU microseconds per request, total and split into user and system.
USAGE
}

(($# >= 2 && $# <= 3)) || { usage >&2; exit 2; }
PID=$1 URL=$2 SCRIPT=${3:-}
[[ -r /proc/$PID/stat ]] || { echo "cpu-per-request: no process $PID" >&2; exit 2; }
command -v wrk >/dev/null 2>&1 || { echo "cpu-per-request: wrk is not installed: apt-get install wrk" >&2; exit 2; }

args=(--threads "${THREADS:-1}" --connections "${CONNECTIONS:-64}" --duration "${DURATION:-10s}")
[[ -z $SCRIPT ]] || args+=(--script "$SCRIPT")
runner=()
[[ -z ${WRK_CPUS:-} ]] || runner=(taskset -c "$WRK_CPUS")

# Fields 14 and 15 of /proc/<pid>/stat: user and system time of all the process's threads, in ticks.
# (The command name in field 2 has no spaces for a java process.)
cpu_ticks() { awk '{print $14, $15}' "/proc/$PID/stat"; }

read -r user_before sys_before < <(cpu_ticks)
out=$("${runner[@]}" wrk "${args[@]}" "$URL")
read -r user_after sys_after < <(cpu_ticks)

requests=$(awk '/ requests in /{print $1}' <<<"$out")
rate=$(awk '/^Requests\/sec:/{print $2}' <<<"$out")
[[ ${requests:-0} -gt 0 ]] || { echo "cpu-per-request: wrk completed no request" >&2; echo "$out" >&2; exit 1; }
awk -v u=$((user_after - user_before)) -v s=$((sys_after - sys_before)) -v n="$requests" \
    -v hz="$(getconf CLK_TCK)" -v r="$rate" 'BEGIN {
  printf "%.0f req/s, CPU per request %.2f us (user %.2f, system %.2f)\n",
    r, (u + s) / hz / n * 1e6, u / hz / n * 1e6, s / hz / n * 1e6 }'
