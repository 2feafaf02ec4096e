#!/usr/bin/env bash
# Mutation testing of RefineService.Core with Stryker.NET (pinned in the tool manifest dotnet-tools.json). Each mutant is judged by
# the Core tests, the oracle's property tests among them, on their fixed seeds (through the Microsoft Testing Platform
# runner: xunit v3 gives VSTest no per-test coverage); PROPERTY_ITERATIONS (default 100 here)
# trades time for strength. Reports go to tests/mutation/out/<date>/reports (html, json, markdown).
# Usage: tests/mutation/run.sh [extra dotnet-stryker options, e.g. --mutate "**/Catalog/*.cs"]
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
export PROPERTY_ITERATIONS="${PROPERTY_ITERATIONS:-100}"
exec dotnet stryker --config-file stryker-config.json --output out/"$(date -u +%Y%m%dT%H%M%SZ)" --skip-version-check "$@"
