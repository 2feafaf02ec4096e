#!/usr/bin/env bash
# What metrics cost: two instances of the same published service side by side, one with metrics off
# (Telemetry__PrometheusEnabled=false), one with them on and /metrics scraped every SCRAPE seconds (default 5, three to
# six times as often as a usual scrape interval), both driven at once with the seed's POST by two wrk processes. Run at
# the same time, both share whatever else the machine does, so the ratio of their rates holds on a busy machine where
# two runs one after the other would not. Each round swaps their ports; prints one row per instance and round, then the
# ratio of the summed rates and of the CPU each used per request.
# Usage: tests/RefineService.Benchmarks/load/metrics-overhead.sh
#   env: DURATION=20 WARMUP=10 ROUNDS=3 CONNECTIONS=16 SCRAPE=5 PORT=18090 (and PORT+1)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
duration=${DURATION:-20}
warmup=${WARMUP:-10}
rounds=${ROUNDS:-3}
connections=${CONNECTIONS:-16}
scrape=${SCRAPE:-5}
port=${PORT:-18090}
body="$root/src/RefineService.Api/Examples/recommendation-request.json"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
dotnet publish "$root/src/RefineService.Api" -c Release -o "$work/app" -v quiet -nologo >/dev/null

start() { # metrics port
  ASPNETCORE_URLS="http://127.0.0.1:$2" ASPNETCORE_ENVIRONMENT=Production Telemetry__PrometheusEnabled="$1" \
    dotnet "$work/app/RefineService.Api.dll" >"$work/service-$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$2/health/ready" && return; sleep 0.1; done
  echo "the service on $2 did not start" >&2; cat "$work/service-$2.log" >&2; exit 1
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "machine: $(nproc) cores; date: $(date -u +%Y-%m-%dT%H:%MZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "seed POST /v1/recommendations to both instances at once, ${connections} connections each, ${duration} s a round after ${warmup} s of warm-up; /metrics scraped every ${scrape} s"
echo "| round | metrics | requests/s | p50 | p99 | non-2xx | CPU µs per request |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for round in $(seq "$rounds"); do
  pids=()
  if (( round % 2 )); then off_port=$port; on_port=$((port + 1)); else off_port=$((port + 1)); on_port=$port; fi
  start false "$off_port"; off_pid=${pids[-1]}
  start true "$on_port"; on_pid=${pids[-1]}
  ( while sleep "$scrape"; do curl -fs -o /dev/null "http://127.0.0.1:$on_port/metrics" || true; done ) &
  pids+=($!)
  warming=()
  for p in "$off_port" "$on_port"; do
    BODY_FILE="$body" wrk -t1 -c"$connections" -d"${warmup}s" -s "$here/post.lua" "http://127.0.0.1:$p/v1/recommendations" >/dev/null &
    warming+=($!)
  done
  wait "${warming[@]}"
  off_before=$(ticks "$off_pid"); on_before=$(ticks "$on_pid")
  BODY_FILE="$body" wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$here/post.lua" "http://127.0.0.1:$off_port/v1/recommendations" >"$work/off.txt" &
  w1=$!
  BODY_FILE="$body" wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$here/post.lua" "http://127.0.0.1:$on_port/v1/recommendations" >"$work/on.txt" &
  w2=$!
  wait "$w1" "$w2"
  off_after=$(ticks "$off_pid"); on_after=$(ticks "$on_pid")
  for side in off on; do
    out=$(cat "$work/$side.txt")
    if [ "$side" = off ]; then t=$((off_after - off_before)); else t=$((on_after - on_before)); fi
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    cpu=$(awk -v t="$t" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t / hz / n * 1e6 }')
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$side" "$rps" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
      "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$non2xx" "$cpu"
    echo "$side $rps $requests $t" >>"$work/sums"
  done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=()
done
awk -v hz="$(getconf CLK_TCK)" '{ r[$1] += $2; n[$1] += $3; t[$1] += $4 }
  END { printf "summed requests/s: off %.1f, on %.1f; on / off %.3f\n", r["off"], r["on"], r["on"] / r["off"];
        printf "CPU per request: off %.0f µs, on %.0f µs; on / off %.3f\n", t["off"] / hz / n["off"] * 1e6, t["on"] / hz / n["on"] * 1e6, (t["on"] / n["on"]) / (t["off"] / n["off"]) }' "$work/sums"
