#!/usr/bin/env bash
# Load test on loopback: publishes the service in Release, starts it (measuring start to ready), warms it, then drives
# GET /health/live, POST /v1/recommendations with the seed example and with a large managed policy, each with wrk
# (64 connections, 2 threads, DURATION seconds, a 30 s timeout so that slow answers are measured, not dropped), and prints requests per second, p50, p99 and the non-2xx count.
# Usage: tests/RefineService.Benchmarks/load/run.sh   (env: DURATION=20 WARMUP=10 PORT=18080 CONNECTIONS=64 STARTS=5 PUBLISH_ARGS=;
# any DOTNET_* variable, e.g. DOTNET_gcServer=0, reaches the service, which is how the tuning was compared)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
duration=${DURATION:-20}
warmup=${WARMUP:-10}
port=${PORT:-18080}
connections=${CONNECTIONS:-64}
starts=${STARTS:-5}
base="http://127.0.0.1:$port"
seed_body="$root/src/RefineService.Api/Examples/recommendation-request.json"
large_body="$here/../Workloads/largest-ReadOnlyAccess.request.json"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else echo "wrk is missing: apt-get install wrk" >&2; exit 1; fi
fi

work=$(mktemp -d)
service=""
cleanup() { if [ -n "$service" ]; then kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

# PUBLISH_ARGS (e.g. -p:PublishReadyToRun=false) compares build settings.
dotnet publish "$root/src/RefineService.Api" -c Release -o "$work/app" -v quiet -nologo ${PUBLISH_ARGS:-} >/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Starts the service and waits until /health/ready answers 200; sets ready_ms, the milliseconds from exec to ready.
ready_ms=0
start_service() {
  local t0
  t0=$(now_ms)
  # All load comes from one address: the per-client rate limit is off, so the figures are the service's own.
  ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production RateLimiting__Enabled=false \
    dotnet "$work/app/RefineService.Api.dll" >"$work/service.log" 2>&1 &
  service=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" || true)" = 200 ]; do
    kill -0 "$service" 2>/dev/null || { echo "the service stopped:" >&2; cat "$work/service.log" >&2; exit 1; }
    sleep 0.005
    [ $(( $(now_ms) - t0 )) -lt 30000 ] || { echo "not ready after 30 s" >&2; exit 1; }
  done
  ready_ms=$(( $(now_ms) - t0 ))
}

stop_service() { kill "$service"; wait "$service" 2>/dev/null || true; service=""; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}'), $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); load: $(cut -d' ' -f1-3 /proc/loadavg); settings: $(env | grep -E '^DOTNET_' | tr '\n' ' ')"

# Start-up: several cold starts, each from exec to the first 200 of /health/ready (catalog loaded, Kestrel listening).
times=()
for _ in $(seq "$starts"); do
  start_service
  times+=("$ready_ms")
  stop_service
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "start to ready: median ${median} ms of ${starts} starts (${sorted}ms)"

start_service
pid=$service

# wrk with one target; prints one table row.
drive() {
  local name=$1 seconds=$2 out; shift 2
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s --latency "$@")
  local rps p50 p99 non2xx errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {print $0}' <<<"$out" | sed 's/^ *Socket errors: *//'); errors=${errors:-none}
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$non2xx" "$errors"
}

echo "warm-up: ${warmup} s on each target"
drive warm "$warmup" "$base/health/live" >/dev/null
BODY_FILE="$seed_body" drive warm "$warmup" -s "$here/post.lua" "$base/v1/recommendations" >/dev/null
BODY_FILE="$large_body" drive warm "$warmup" -s "$here/post.lua" "$base/v1/recommendations" >/dev/null

echo "run: ${connections} connections, 2 wrk threads, ${duration} s each, loopback"
echo "| target | requests/s | p50 | p99 | non-2xx | socket errors |"
echo "| --- | --- | --- | --- | --- | --- |"
drive "GET /health/live" "$duration" "$base/health/live"
BODY_FILE="$seed_body" drive "POST /v1/recommendations (seed example, $(stat -c %s "$seed_body") B)" "$duration" -s "$here/post.lua" "$base/v1/recommendations"
BODY_FILE="$large_body" drive "POST /v1/recommendations (ReadOnlyAccess, a third unused, $(stat -c %s "$large_body") B)" "$duration" -s "$here/post.lua" "$base/v1/recommendations"
echo "service peak working set: $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status")"
