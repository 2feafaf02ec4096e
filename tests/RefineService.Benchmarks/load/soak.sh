#!/usr/bin/env bash
# Soak test: keeps the service saturated on loopback for SOAK_SECONDS (default 70, at least 60), then checks that no
# request failed and that its memory at the end is within 10 % of its memory after the first 10 seconds.
#
#   tests/RefineService.Benchmarks/load/soak.sh            # needs wrk (Debian: apt-get install -y wrk)
#   SOAK_SECONDS=120 SOAK_CONNECTIONS=32 tests/RefineService.Benchmarks/load/soak.sh
#
# The service runs as in production, with the shipped defaults (Release, Production environment, request logs at
# Information, to a file; no per-client rate limit, the concurrency limit on, metrics collected). Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../../.."

seconds=${SOAK_SECONDS:-70}
connections=${SOAK_CONNECTIONS:-16}
threads=${SOAK_THREADS:-2}
if (( seconds < 60 || seconds > 600 )); then
  echo "SOAK_SECONDS must be between 60 and 600" >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2; exit 2; }

work=$(mktemp -d)
service_pid=""
cleanup() {
  if [[ -n $service_pid ]] && kill -0 "$service_pid" 2>/dev/null; then
    kill -TERM "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "soak: publishing the service (Release)" >&2
dotnet publish src/RefineService.Api -c Release -o "$work/app" --nologo -v quiet >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$work/app/RefineService.Api.dll" --urls "$base" >"$work/service.log" 2>&1 &
service_pid=$!

for _ in $(seq 1 300); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "$base/health/ready" >/dev/null || { echo "soak: the service did not become ready" >&2; tail -20 "$work/service.log" >&2; exit 1; }

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$service_pid/status"; }

echo "soak: $connections connections, $threads threads, $seconds s against $base" >&2
export SOAK_REQUESTS="/v1/recommendations=$PWD/src/RefineService.Api/Examples/recommendation-request.json /v1/actions/expand=$PWD/src/RefineService.Api/Examples/expand-request.json"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency -s tests/RefineService.Benchmarks/load/soak.lua "$base" >"$work/wrk.txt" 2>&1 &
wrk_pid=$!

# One memory sample a second while wrk runs; the 10th is the reference, the last the end.
: >"$work/rss.txt"
elapsed=0
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep 1
  elapsed=$((elapsed + 1))
  kill -0 "$wrk_pid" 2>/dev/null && echo "$elapsed $(rss_kib)" >>"$work/rss.txt"
done
wait "$wrk_pid"

cat "$work/wrk.txt"
ready=$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready")
kill -TERM "$service_pid"
exit_code=0
wait "$service_pid" || exit_code=$?
service_pid=""

requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
rate=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.txt")
non_2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk.txt")
socket_errors=$(awk -F'[ ,]+' '/Socket errors:/ { print $4 + $6 + $8 + $10 }' "$work/wrk.txt")
rss_10=$(awk '$1 == 10 { print $2 }' "$work/rss.txt")
rss_end=$(tail -1 "$work/rss.txt" | awk '{ print $2 }')
rss_max=$(awk 'max < $2 { max = $2 } END { print max }' "$work/rss.txt")
change=$(awk -v a="$rss_10" -v b="$rss_end" 'BEGIN { printf "%+.1f", (b - a) * 100 / a }')
failed=$(( ${non_2xx:-0} + ${socket_errors:-0} ))

echo
echo "soak: $requests requests in $seconds s ($rate/s), $failed failed (non-2xx ${non_2xx:-0}, socket errors ${socket_errors:-0})"
echo "soak: resident memory after 10 s $((rss_10 / 1024)) MiB, at the end $((rss_end / 1024)) MiB ($change %), highest $((rss_max / 1024)) MiB"
echo "soak: resident memory every 10 s (MiB): $(awk '$1 % 10 == 0 { printf "%s%d", sep, $2 / 1024; sep = " " }' "$work/rss.txt")"
echo "soak: readiness after the run $ready; exit code on SIGTERM $exit_code"

status=0
(( failed == 0 )) || { echo "soak: FAILED: requests failed" >&2; status=1; }
awk -v a="$rss_10" -v b="$rss_end" 'BEGIN { exit !(b <= a * 1.10 && b >= a * 0.90) }' || { echo "soak: FAILED: memory moved more than 10 %" >&2; status=1; }
[[ $ready == 200 && $exit_code == 0 ]] || { echo "soak: FAILED: not ready after the run, or a bad exit" >&2; status=1; }
exit $status
