#!/usr/bin/env bash
# CPU profile of the service under load on loopback: publishes it in Release, starts it as load/run.sh does (Production,
# rate limit off) with the runtime writing a perf map, warms it with wrk, then records every CPU's stacks with
# `perf record -g` for PROFILE seconds in the middle of a wrk run and splits the service's samples into the components of
# a request (profile-components.py): share of the service's CPU and microseconds of CPU per request.
# Usage: tests/RefineService.Benchmarks/load/profile.sh
#   env: BODY=path of the body to post (default the seed example; TARGET=/health/live profiles the health probe instead)
#        PROFILE=15 WARMUP=30 PORT=18082 CONNECTIONS=32 HZ=999 OUT=directory to keep perf.data and the stacks in
#        DETAIL=1 also lists the innermost managed frames of each component
# Every other variable of this environment reaches the service (e.g. Serilog__MinimumLevel__Default=Warning).
# Needs root for perf (installs wrk and linux-perf from Debian's packages when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
profile=${PROFILE:-15}
warmup=${WARMUP:-30}
port=${PORT:-18082}
connections=${CONNECTIONS:-32}
hz=${HZ:-999}
target=${TARGET:-/v1/recommendations}
body=${BODY:-$root/src/RefineService.Api/Examples/recommendation-request.json}
base="http://127.0.0.1:$port"

install() {
  command -v "$1" >/dev/null && return
  [ "$(id -u)" = 0 ] || { echo "$1 is missing: apt-get install $2" >&2; exit 1; }
  apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
}
install wrk wrk
install perf linux-perf

work=$(mktemp -d)
out=${OUT:-$work}
mkdir -p "$out"
service=""
cleanup() {
  if [ -n "$service" ]; then kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; rm -f "/tmp/perf-$service.map" "/tmp/perfinfo-$service.map"; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish "$root/src/RefineService.Api" -c Release -o "$work/app" -v quiet -nologo >/dev/null

# PerfMapEnabled: the JIT names its code in /tmp/perf-PID.map for perf. ReadyToRun off: the framework's precompiled code
# would otherwise run unnamed (perf cannot read its images); after the warm-up the hot code is at tier 1 either way.
# W^X off: with it, code runs from a second mapping that the perf map does not describe.
ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production RateLimiting__Enabled="${RateLimiting__Enabled:-false}" \
  DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0 \
  dotnet "$work/app/RefineService.Api.dll" >"$work/service.log" 2>&1 &
service=$!
t0=$SECONDS
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready" || true)" = 200 ]; do
  kill -0 "$service" 2>/dev/null || { echo "the service stopped:" >&2; cat "$work/service.log" >&2; exit 1; }
  [ $((SECONDS - t0)) -lt 60 ] || { echo "not ready after 60 s" >&2; exit 1; }
  sleep 0.05
done

wrk_args=(-t2 -c"$connections" --timeout 30s)
if [ "$target" = /v1/recommendations ]; then wrk_args+=(-s "$here/post.lua"); fi
export BODY_FILE="$body"

echo "machine: $(nproc) cores; date: $(date -u +%Y-%m-%dT%H:%MZ); load: $(cut -d' ' -f1-3 /proc/loadavg); target: $target$([ "$target" = /v1/recommendations ] && echo " ($(basename "$body"))"); settings: $(env | grep -E '^(DOTNET_|[A-Za-z]+__)' | tr '\n' ' ')"
wrk "${wrk_args[@]}" -d"${warmup}s" "$base$target" >/dev/null

# wrk runs 2 s longer on each side of the recording; its rate is the rate during it.
echo "load at the recording's start: $(cut -d' ' -f1 /proc/loadavg)"
wrk "${wrk_args[@]}" -d"$((profile + 4))s" "$base$target" >"$work/wrk.txt" &
load=$!
sleep 2
perf record -F "$hz" -g -a -o "$out/perf.data" -- sleep "$profile" 2>"$work/perf-record.log" >/dev/null
wait "$load"
rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
echo "wrk: ${rps} requests/s, ${non2xx:-0} non-2xx, ${connections} connections"

perf script -i "$out/perf.data" -F comm,pid,tid,period,ip,sym,dso 2>/dev/null >"$out/stacks.txt"
echo "service process: $service"
python3 "$here/profile-components.py" "$out/stacks.txt" "$service" "$hz" "$profile" "$rps" ${DETAIL:+--detail}
