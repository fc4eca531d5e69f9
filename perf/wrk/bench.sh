#!/usr/bin/env bash
# Throughput of the cached read paths relative to a bare Vert.x plaintext route, measured with wrk
# in the same run on the same machine (docs/workload-and-targets.md): PDP >= 0.70x, PLP >= 0.60x,
# PDP revalidation (If-None-Match -> 304) >= 0.80x, PDP with Accept-Encoding: gzip >= 0.60x.
#
# Each target gets a discarded warm-up run (JIT, connection pools, caches) and then a measured run.
# Targets must be loopback addresses. Raw wrk output goes to perf/target/wrk/.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: perf/wrk/bench.sh [options]

Options (each also read from the environment variable shown):
  --base-url URL        BASE_URL       API under test        (http://127.0.0.1:8080)
  --plaintext-url URL   PLAINTEXT_URL  baseline route        (http://127.0.0.1:8081/plaintext)
  --connections N       CONNECTIONS    open connections      (64)
  --threads N           THREADS        wrk threads           (2)
  --duration D          DURATION       measured run, wrk     (15s)
  --warmup D            WARMUP         discarded run, wrk    (5s)
  --jar PATH            JAR            started as the plaintext server if none is listening
                                       (api/target/storefront-api.jar, relative to the repo root)
  --rounds N            ROUNDS         measure the five targets N times over (1); with more than
                                       one, each round's ratios use that round's plaintext and
                                       the summary adds the median ratio of every target
  WRK_SEED (env only) seeds the random ids and pages (42).

Prints req/s, p50, p99, errors and the ratio to plaintext for plaintext, PDP, PDP revalidation
(304), PDP gzip and PLP. The 304 run sends each product's current ETag, fetched with one curl
before it. Exits 0 after the summary, 1 if a target cannot be reached (or a revalidation answers
anything but 304), 2 on bad arguments or without wrk or curl.
USAGE
}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)

BASE_URL=${BASE_URL:-http://127.0.0.1:8080}
PLAINTEXT_URL=${PLAINTEXT_URL:-http://127.0.0.1:8081/plaintext}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
JAR=${JAR:-api/target/storefront-api.jar}
ROUNDS=${ROUNDS:-1}

PDP_TARGET=0.70
PLP_TARGET=0.60
PDP_304_TARGET=0.80
PDP_GZIP_TARGET=0.60
PRODUCTS=10000

die() { echo "bench: $*" >&2; exit "${EXIT_CODE:-1}"; }
usage_error() { EXIT_CODE=2 die "$*"; }

while (($# > 0)); do
  case $1 in
    -h | --help) usage; exit 0 ;;
    --base-url | --plaintext-url | --connections | --threads | --duration | --warmup | --jar | --rounds)
      (($# >= 2)) || usage_error "$1 needs a value"
      case $1 in
        --base-url) BASE_URL=$2 ;;
        --plaintext-url) PLAINTEXT_URL=$2 ;;
        --connections) CONNECTIONS=$2 ;;
        --threads) THREADS=$2 ;;
        --duration) DURATION=$2 ;;
        --warmup) WARMUP=$2 ;;
        --jar) JAR=$2 ;;
        --rounds) ROUNDS=$2 ;;
      esac
      shift 2 ;;
    *) usage >&2; usage_error "unknown argument: $1" ;;
  esac
done

command -v wrk >/dev/null 2>&1 || { echo "bench: wrk is not installed: apt-get install wrk" >&2; exit 2; }
command -v curl >/dev/null 2>&1 || { echo "bench: curl is not installed: apt-get install curl" >&2; exit 2; }

[[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || usage_error "connections must be a positive integer: $CONNECTIONS"
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || usage_error "threads must be a positive integer: $THREADS"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || usage_error "rounds must be a positive integer: $ROUNDS"
((CONNECTIONS >= THREADS)) || usage_error "connections ($CONNECTIONS) must be >= threads ($THREADS)"
for d in "$DURATION" "$WARMUP"; do
  [[ $d =~ ^[1-9][0-9]*[smh]?$ ]] || usage_error "durations look like 15s, 2m or 30: $d"
done

# parse_url URL -> sets URL_HOST (brackets stripped), URL_PORT, URL_PATH; loopback only.
parse_url() {
  local url=$1 re='^(https?)://(\[[0-9A-Fa-f:.]+\]|[^/:?#]+)(:([0-9]+))?([/?].*)?$'
  [[ $url =~ $re ]] || usage_error "not an http(s) URL: $url"
  local scheme=${BASH_REMATCH[1]}
  URL_HOST=${BASH_REMATCH[2]}
  URL_PORT=${BASH_REMATCH[4]}
  URL_PATH=${BASH_REMATCH[5]:-/}
  URL_HOST=${URL_HOST#[}
  URL_HOST=${URL_HOST%]}
  if [[ -z $URL_PORT ]]; then
    if [[ $scheme == https ]]; then URL_PORT=443; else URL_PORT=80; fi
  fi
  case $URL_HOST in
    localhost | ::1) ;;
    *) [[ $URL_HOST =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] \
         || usage_error "only loopback targets are allowed (127.0.0.0/8, ::1, localhost): $url" ;;
  esac
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# http_status HOST PORT PATH -> prints the status code of one GET (000 if none).
http_status() {
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf "GET %s HTTP/1.1\r\nHost: %s\r\nAccept: application/json\r\nConnection: close\r\n\r\n" "$3" "$1" >&3
    read -r _ code _ <&3
    echo "$code"' _ "$@" 2>/dev/null || echo 000
}

require_200() { # NAME URL-for-host PATH
  parse_url "$2"
  local code
  code=$(http_status "$URL_HOST" "$URL_PORT" "$3")
  [[ $code == 200 ]] || die "$1: GET $3 on $URL_HOST:$URL_PORT answered ${code:-nothing}, expected 200"
}

# --- plaintext baseline: reuse a running one, or start it from the jar -------------------------
PLAINTEXT_PID=""
cleanup() {
  if [[ -n $PLAINTEXT_PID ]] && kill -0 "$PLAINTEXT_PID" 2>/dev/null; then
    kill "$PLAINTEXT_PID" 2>/dev/null || true
    wait "$PLAINTEXT_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

RESULTS_DIR="$REPO_ROOT/perf/target/wrk"
mkdir -p "$RESULTS_DIR"

parse_url "$PLAINTEXT_URL"
if ! port_open "$URL_HOST" "$URL_PORT"; then
  [[ $JAR == /* ]] || JAR="$REPO_ROOT/$JAR"
  [[ -f $JAR ]] || die "no plaintext server on $URL_HOST:$URL_PORT and no jar at $JAR (build it: mvn -B -pl api -am package -DskipTests)"
  command -v java >/dev/null 2>&1 || die "java is needed to start the plaintext server"
  echo "starting plaintext server: java -jar $JAR plaintext --port $URL_PORT"
  java -jar "$JAR" plaintext --port "$URL_PORT" >"$RESULTS_DIR/plaintext-server.log" 2>&1 &
  PLAINTEXT_PID=$!
  for _ in $(seq 1 60); do
    port_open "$URL_HOST" "$URL_PORT" && break
    kill -0 "$PLAINTEXT_PID" 2>/dev/null || die "plaintext server exited, see $RESULTS_DIR/plaintext-server.log"
    sleep 0.5
  done
  port_open "$URL_HOST" "$URL_PORT" || die "plaintext server did not listen on port $URL_PORT within 30 s"
fi

# --- pre-flight: every target answers 200 before we spend time measuring -------------------------
parse_url "$PLAINTEXT_URL"
require_200 plaintext "$PLAINTEXT_URL" "$URL_PATH"
parse_url "$BASE_URL"
[[ $URL_PATH == / ]] || usage_error "BASE_URL must not have a path (the lua scripts send /api/v1/...): $BASE_URL"
port_open "$URL_HOST" "$URL_PORT" \
  || die "API not reachable at $BASE_URL (start it: mvn -B compile exec:java, see perf/README.md)"
require_200 PDP "$BASE_URL" "/api/v1/products/1"
require_200 PLP "$BASE_URL" "/api/v1/products?category=1&sort=popularity&page=1&size=20"

# The ETag of every product, line N for id N, for the revalidation run: one curl, one connection.
ETAGS="$RESULTS_DIR/etags.txt"
curl -sS --max-time 120 -o /dev/null -H 'Accept: application/json' -w '%header{etag}\n' \
  "$BASE_URL/api/v1/products/[1-$PRODUCTS]" >"$ETAGS" || die "could not fetch the ETags of products 1..$PRODUCTS"
[[ $(grep -c '^"' "$ETAGS") == "$PRODUCTS" ]] \
  || die "products 1..$PRODUCTS did not all answer with an ETag (see $ETAGS; is the standard data set loaded?)"
first_etag=$(head -n 1 "$ETAGS")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $first_etag" "$BASE_URL/api/v1/products/1")
[[ $code == 304 ]] || die "revalidation: GET /api/v1/products/1 with its ETag answered $code, expected 304"

# --- measurement --------------------------------------------------------------------------------
run_wrk() { # DURATION URL [LUA] -> wrk output on stdout
  local args=(--threads "$THREADS" --connections "$CONNECTIONS" --duration "$1" --latency)
  [[ -z ${3:-} ]] || args+=(--script "$3")
  wrk "${args[@]}" "$2"
}

measure() { # NAME URL [LUA]
  local name=$1 out="$RESULTS_DIR/$1.txt"
  echo "$name: warm-up $WARMUP (discarded), then $DURATION measured" >&2
  run_wrk "$WARMUP" "$2" "${3:-}" >/dev/null || die "$name: wrk warm-up failed"
  run_wrk "$DURATION" "$2" "${3:-}" >"$out" || die "$name: wrk failed, see $out"
}

# parse NAME -> "req_s p50_ms p99_ms errors" from the saved wrk output.
parse() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2)
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
      return v
    }
    /^Requests\/sec:/                 { rps = $2 }
    /^ +50% /                         { p50 = ms($2) }
    /^ +99% /                         { p99 = ms($2) }
    /^ +Non-2xx or 3xx responses:/    { errors += $NF }
    /^ +Socket errors:/               { errors += $4 + $6 + $8 + $10 }
    END { printf "%s %s %s %d\n", rps, p50, p99, errors }
  ' "$RESULTS_DIR/$1.txt"
}

# row NAME REQ_S P50 P99 ERRORS TARGET BASE_REQ_S
row() {
  awk -v name="$1" -v rps="$2" -v p50="$3" -v p99="$4" -v err="$5" -v target="$6" -v base="$7" '
    function num(v) {  # wrk abbreviates large rates, e.g. 91.23k
      if (v ~ /k$/) return substr(v, 1, length(v) - 1) * 1e3
      if (v ~ /M$/) return substr(v, 1, length(v) - 1) * 1e6
      return v + 0
    }
    BEGIN {
      ratio = num(rps) / num(base)
      if (target == "-") verdict = "baseline"
      else verdict = (ratio >= target ? "ok" : "below")
      if (err > 0) verdict = "invalid: " err " errors"
      printf "%-10s %12.1f %9.2f %9.2f %8d %8.2fx %9s  %s\n",
        name, num(rps), p50, p99, err, ratio, (target == "-" ? "-" : ">= " target), verdict
    }'
}

TARGETS=(PDP PDP-304 PDP-gzip PLP)
declare -A FILE=([PDP]=pdp [PDP-304]=pdp-304 [PDP-gzip]=pdp-gzip [PLP]=plp)
declare -A TARGET=([PDP]=$PDP_TARGET [PDP-304]=$PDP_304_TARGET [PDP-gzip]=$PDP_GZIP_TARGET [PLP]=$PLP_TARGET)
declare -A RATIOS=()
: >"$RESULTS_DIR/summary.txt"

for ((round = 1; round <= ROUNDS; round++)); do
  suffix=""
  ((ROUNDS == 1)) || suffix="-r$round"
  measure "plaintext$suffix" "$PLAINTEXT_URL"
  measure "pdp$suffix" "$BASE_URL" "$SCRIPT_DIR/pdp.lua"
  PDP_ETAGS=$ETAGS measure "pdp-304$suffix" "$BASE_URL" "$SCRIPT_DIR/pdp.lua"
  PDP_ACCEPT_ENCODING=gzip measure "pdp-gzip$suffix" "$BASE_URL" "$SCRIPT_DIR/pdp.lua"
  measure "plp$suffix" "$BASE_URL" "$SCRIPT_DIR/plp.lua"

  read -r PT_RPS PT_P50 PT_P99 PT_ERR < <(parse "plaintext$suffix")
  [[ $PT_RPS =~ ^[0-9.]+[kMG]?$ ]] || die "could not read Requests/sec from $RESULTS_DIR/plaintext$suffix.txt"
  {
    echo
    echo "wrk: $THREADS threads, $CONNECTIONS connections, $DURATION measured after $WARMUP warm-up${suffix:+, round $round of $ROUNDS}"
    echo "  plaintext $PLAINTEXT_URL | API $BASE_URL | raw output in $RESULTS_DIR"
    printf "%-10s %12s %9s %9s %8s %9s %9s  %s\n" target req/s p50_ms p99_ms errors ratio target verdict
    row plaintext "$PT_RPS" "$PT_P50" "$PT_P99" "$PT_ERR" - "$PT_RPS"
    for name in "${TARGETS[@]}"; do
      read -r RPS P50 P99 ERR < <(parse "${FILE[$name]}$suffix")
      row "$name" "$RPS" "$P50" "$P99" "$ERR" "${TARGET[$name]}" "$PT_RPS"
    done
  } | tee -a "$RESULTS_DIR/summary.txt"
  # The pipe above runs in a subshell: read the ratios back from the file it wrote.
  for name in "${TARGETS[@]}"; do
    RATIOS[$name]+="$(awk -v n="$name" '$1 == n {r = $6} END {sub(/x$/, "", r); print r}' "$RESULTS_DIR/summary.txt") "
  done
done

if ((ROUNDS > 1)); then
  {
    echo
    echo "median ratio to plaintext over $ROUNDS rounds (each round against its own plaintext run)"
    for name in "${TARGETS[@]}"; do
      tr ' ' '\n' <<<"${RATIOS[$name]}" | grep . | sort -g | awk -v name="$name" -v target="${TARGET[$name]}" '
        { r[NR] = $1 }
        END {
          m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
          printf "%-10s %8.2fx  (%.2f-%.2f)  >= %s  %s\n", name, m, r[1], r[NR], target, (m >= target ? "ok" : "below")
        }'
    done
  } | tee -a "$RESULTS_DIR/summary.txt"
fi
