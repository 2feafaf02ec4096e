#!/usr/bin/env bash
# Puts each deliberate bug of this folder into the engine in turn and checks that at least one property test and one
# example test catch it, then takes it out again. Prints a table; exits non-zero when a bug goes uncaught by either kind.
# Usage: tests/deliberate-bugs/run.sh [PATCH...]   (default: every *.patch here)
set -uo pipefail
cd "$(dirname "$0")/../.."
if ! git diff --quiet -- src; then
  echo "src/ has uncommitted changes; commit or stash them first" >&2
  exit 2
fi

patches=("$@")
[ ${#patches[@]} -gt 0 ] || patches=(tests/deliberate-bugs/*.patch)
projects=(tests/RefineService.Core.Tests tests/RefineService.Api.Tests)
uncaught=0
printf '| deliberate bug | property tests failing | example tests failing |\n|---|---|---|\n'
for patch in "${patches[@]}"; do
  git apply "$patch" || { echo "$patch no longer applies" >&2; uncaught=1; continue; }
  failing() {
    for project in "${projects[@]}"; do
      dotnet test "$project" -c Release --filter "$1" 2>&1 | grep -E '^\s+Failed [A-Za-z]' | sed -E 's/^\s+Failed ([^ ]+).*/\1/'
    done
  }
  property=$(failing 'FullyQualifiedName~PropertyTests' | sort -u)
  example=$(failing 'FullyQualifiedName!~PropertyTests&FullyQualifiedName!~Hardening' | sort -u)
  git apply -R "$patch"
  # How many tests failed, and the first two by class and name.
  names() {
    if [ -z "$1" ]; then echo "**none**"; return; fi
    echo "$(echo "$1" | wc -l): $(echo "$1" | sed -E 's/\(.*//; s/.*\.([^.]+\.[^.]+)$/\1/' | sort -u | head -2 | paste -sd ',' | sed 's/,/, /g')"
  }
  printf '| %s | %s | %s |\n' "$(basename "$patch" .patch)" "$(names "$property")" "$(names "$example")"
  if [ -z "$property" ] || [ -z "$example" ]; then
    uncaught=1
  fi
done
exit "$uncaught"
