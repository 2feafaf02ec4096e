#!/usr/bin/env bash
# Load test on loopback: publishes the service and the floor app (Floor/, a bare Minimal API that reads and parses a JSON
# body and answers as many bytes as the service's seed answer) in Release, starts the service (measuring start to ready)
# and the floor app, warms every target, then drives each with wrk (CONNECTIONS connections, 2 threads, DURATION seconds,
# a 30 s timeout so that slow answers are measured, not dropped), in this order: the service's GET /health/live, its
# POST /v1/recommendations with the seed example, the floor's GET /health/live, its POST /floor with the same body, and
# last the service with a large managed policy. Prints requests per second, p50, p99, the non-2xx count and the load
# average at each target's start, and the CPU the target's process used per request; then the seed's throughput as a
# ratio of the service's health and of the floor's POST.
# Usage: tests/RefineService.Benchmarks/load/run.sh
#   env: DURATION=20 WARMUP=10 PORT=18080 FLOOR_PORT=PORT+1 CONNECTIONS=32 STARTS=5 PUBLISH_ARGS= FLOOR=1 LARGE=1
#   FLOOR=0 leaves the floor app out, LARGE=0 the large policy, STARTS=0 the start-up timing.
# Every variable of this environment reaches the service, which is how settings are compared: DOTNET_* (e.g.
# DOTNET_gcServer=0) for the runtime, configuration keys such as Serilog__MinimumLevel__Default=Warning for the service.
# API_KEY=K sends K in X-Api-Key with every POST (give the service the key too: ApiKeys__Clients__load=K).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
duration=${DURATION:-20}
warmup=${WARMUP:-10}
port=${PORT:-18080}
floor_port=${FLOOR_PORT:-$((port + 1))}
connections=${CONNECTIONS:-32}
starts=${STARTS:-5}
with_floor=${FLOOR:-1}
with_large=${LARGE:-1}
base="http://127.0.0.1:$port"
floor_base="http://127.0.0.1:$floor_port"
seed_body="$root/src/RefineService.Api/Examples/recommendation-request.json"
large_body="$here/../Workloads/largest-ReadOnlyAccess.request.json"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else echo "wrk is missing: apt-get install wrk" >&2; exit 1; fi
fi

work=$(mktemp -d)
service=""
floor=""
stop() { if [ -n "$1" ]; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi; }
cleanup() { stop "$service"; stop "$floor"; rm -rf "$work"; }
trap cleanup EXIT

# PUBLISH_ARGS (e.g. -p:PublishReadyToRun=false) compares build settings; the floor app is published the same way.
dotnet publish "$root/src/RefineService.Api" -c Release -o "$work/app" -v quiet -nologo ${PUBLISH_ARGS:-} >/dev/null
if [ "$with_floor" != 0 ]; then
  dotnet publish "$here/../Floor" -c Release -o "$work/floor" -v quiet -nologo ${PUBLISH_ARGS:-} >/dev/null
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Waits until $1 answers 200 while process $2 runs (its log in $3).
await_ok() {
  local url=$1 pid=$2 log=$3 t0
  t0=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "$url: the process stopped:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.005
    [ $(( $(now_ms) - t0 )) -lt 30000 ] || { echo "$url: not ready after 30 s" >&2; exit 1; }
  done
}

# Starts the service and waits until /health/ready answers 200; sets ready_ms, the milliseconds from exec to ready.
ready_ms=0
start_service() {
  local t0
  t0=$(now_ms)
  # The production defaults: the per-client rate limit is off unless configured (RateLimiting__Enabled=true with a large
  # RateLimiting__PermitsPerSecond and RateLimiting__Burst measures its cost); the concurrency limit is on.
  ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$work/app/RefineService.Api.dll" >"$work/service.log" 2>&1 &
  service=$!
  await_ok "$base/health/ready" "$service" "$work/service.log"
  ready_ms=$(( $(now_ms) - t0 ))
}

stop_service() { stop "$service"; service=""; }

start_floor() {
  ASPNETCORE_URLS="$floor_base" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$work/floor/RefineService.Floor.dll" >"$work/floor.log" 2>&1 &
  floor=$!
  await_ok "$floor_base/health/live" "$floor" "$work/floor.log"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}'), $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); load: $(cut -d' ' -f1-3 /proc/loadavg); settings: $(env | grep -E '^(DOTNET_|ASPNETCORE_|[A-Za-z]+__)' | tr '\n' ' ')"

# Start-up: several cold starts, each from exec to the first 200 of /health/ready (catalog loaded, Kestrel listening).
if [ "$starts" -gt 0 ]; then
  times=()
  for _ in $(seq "$starts"); do
    start_service
    times+=("$ready_ms")
    stop_service
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "start to ready: median ${median} ms of ${starts} starts (${sorted}ms)"
fi

start_service
pid=$service
if [ "$with_floor" != 0 ]; then start_floor; fi

# CPU time a process has used so far, in clock ticks (user + system, all its threads).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_second=$(getconf CLK_TCK)

# wrk with one target of process $1; prints one table row and leaves its requests per second in rps. The CPU the
# process used per request counts every thread of it (the collector's and the logger's too) and, unlike the rate,
# hardly moves when other work shares the machine.
rps=0
cpu_us=0
drive() {
  local process=$1 name=$2 seconds=$3 out load before after; shift 3
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(cpu_ticks "$process")
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s --latency "$@")
  after=$(cpu_ticks "$process")
  local p50 p99 non2xx errors requests cpu
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(awk -v t=$((after - before)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { if (n > 0) printf "%.0f", t / hz / n * 1e6; else print "n/a" }')
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {print $0}' <<<"$out" | sed 's/^ *Socket errors: *//'); errors=${errors:-none}
  cpu_us=$cpu
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$non2xx" "$errors" "$cpu" "$load"
}

echo "warm-up: ${warmup} s on each target"
drive "$service" warm "$warmup" "$base/health/live" >/dev/null
BODY_FILE="$seed_body" drive "$service" warm "$warmup" -s "$here/post.lua" "$base/v1/recommendations" >/dev/null
if [ "$with_large" != 0 ]; then
  BODY_FILE="$large_body" drive "$service" warm "$warmup" -s "$here/post.lua" "$base/v1/recommendations" >/dev/null
fi
if [ "$with_floor" != 0 ]; then
  drive "$floor" warm "$warmup" "$floor_base/health/live" >/dev/null
  BODY_FILE="$seed_body" drive "$floor" warm "$warmup" -s "$here/post.lua" "$floor_base/floor" >/dev/null
fi

echo "run: ${connections} connections, 2 wrk threads, ${duration} s each, loopback"
echo "| target | requests/s | p50 | p99 | non-2xx | socket errors | CPU µs per request | load (1 min) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
drive "$service" "GET /health/live" "$duration" "$base/health/live"
health_rps=$rps
health_cpu=$cpu_us
BODY_FILE="$seed_body" drive "$service" "POST /v1/recommendations (seed example, $(stat -c %s "$seed_body") B)" "$duration" -s "$here/post.lua" "$base/v1/recommendations"
seed_rps=$rps
seed_cpu=$cpu_us
if [ "$with_floor" != 0 ]; then
  drive "$floor" "floor: GET /health/live" "$duration" "$floor_base/health/live"
  floor_health_rps=$rps
  floor_health_cpu=$cpu_us
  BODY_FILE="$seed_body" drive "$floor" "floor: POST /floor (seed example, $(stat -c %s "$seed_body") B)" "$duration" -s "$here/post.lua" "$floor_base/floor"
  floor_rps=$rps
  floor_cpu=$cpu_us
fi
if [ "$with_large" != 0 ]; then
  BODY_FILE="$large_body" drive "$service" "POST /v1/recommendations (ReadOnlyAccess, a third unused, $(stat -c %s "$large_body") B)" "$duration" -s "$here/post.lua" "$base/v1/recommendations"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
echo "seed / service health: $(ratio "$seed_rps" "$health_rps") (CPU per request: seed $seed_cpu µs, health $health_cpu µs)"
if [ "$with_floor" != 0 ]; then
  echo "seed / floor POST: $(ratio "$seed_rps" "$floor_rps") (CPU per request: floor POST $floor_cpu µs, $(ratio "$seed_cpu" "$floor_cpu") times as much for the seed)"
  echo "floor POST / floor health: $(ratio "$floor_rps" "$floor_health_rps") (CPU per request: floor health $floor_health_cpu µs)"
  echo "floor health / service health: $(ratio "$floor_health_rps" "$health_rps")"
fi
echo "service peak working set: $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status")"
