#!/usr/bin/env bash
# CI's bounded fuzz pass: every target for SECONDS (default 30) each, after
# replaying the inputs kept in regressions/. Fails on the first crash, trap or hang.
#   Benchmarks/fuzz/ci.sh [SECONDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-30}
for target in json cassette har contract scenario check profile draft; do
  echo "== fuzz $target for ${seconds}s" >&2
  "$here/run.sh" "$target" "$seconds" 2>&1 | grep -E '^(==|#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb|replaying|INFO: seed corpus)|ERROR|SUMMARY|Test unit written' >&2
done
