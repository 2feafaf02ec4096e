#!/usr/bin/env bash
# Runs every BenchmarkDotNet benchmark in Release (or those matching FILTER) and the catalog heap measurement,
# and prints the machine they ran on. Results (Markdown, CSV) land in ARTIFACTS (default: a temporary folder).
# Usage: tests/RefineService.Benchmarks/scripts/run-benchmarks.sh ['*Refine*']
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
filter=${1:-*}
artifacts=${ARTIFACTS:-$(mktemp -d)}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); load: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build "$project" -c Release -v quiet -nologo >/dev/null
dotnet run -c Release --no-build --project "$project" -- catalog-heap
# 10 to 25 measured iterations per case: enough for a stable median on this machine, short enough to run in minutes.
dotnet run -c Release --no-build --project "$project" -- --filter "$filter" --minIterationCount 10 --maxIterationCount 25 \
  --artifacts "$artifacts" --exporters markdown csv
echo "results: $artifacts/results"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
