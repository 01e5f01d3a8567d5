#!/usr/bin/env bash
# Loads and checks a large recursive OpenAPI description against openapi-core
# (from PyPI) in the same run: wall time and peak memory of each, and the ratio.
#
#   Benchmarks/openapi/run.sh [SCHEMAS] [PAGES] [ITEMS]
#
# Uses the release build in .build-release (built if missing), or TAPEDECK=path.
# SKIP_BASELINE=1 measures tapedeck alone: openapi-core takes over 16 minutes on
# the default 10 MB description, so its ratio comes from a smaller run (300 20).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
schemas="${1:-3600}"
pages="${2:-200}"
items="${3:-50}"
tapedeck="${TAPEDECK:-$root/.build-release/release/tapedeck}"
if [[ ! -x "$tapedeck" ]]; then
  (cd "$root" && swift build -c release --product tapedeck --scratch-path .build-release)
fi
python="$root/.venv/bin/python"
[[ -x "$python" ]] || { python3 -m venv "$root/.venv"; }
"$python" -c "import openapi_core" 2>/dev/null || "$python" -m pip install -q --disable-pip-version-check "openapi-core==0.19.5"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$python" "$root/Benchmarks/openapi/generate.py" "$work" --schemas "$schemas" --pages "$pages" --items "$items"
echo "description: $(du -h "$work/spec.json" | cut -f1), recording: $(du -h "$work/cassette.json" | cut -f1) ($pages pages of $items nodes)"

# Runs a command under /usr/bin/time -v; prints "SECONDS KIB".
measure() {
  local log="$work/time.log"
  /usr/bin/time -v "$@" > "$work/out.log" 2> "$log" || { cat "$work/out.log" "$log" >&2; exit 2; }
  local elapsed rss
  elapsed="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
  echo "$elapsed $rss"
}

read -r tapedeck_seconds tapedeck_kib < <(measure "$tapedeck" check "$work/cassette.json" --contracts "$work/spec.json" --format markdown)
if [[ "${SKIP_BASELINE:-0}" == 1 ]]; then
  awk -v t="$tapedeck_seconds" -v tk="$tapedeck_kib" 'BEGIN {
    printf "tapedeck check:  %8.2f s  %7.1f MiB peak (target: at most 300 MiB); openapi-core not run (SKIP_BASELINE=1)\n", t, tk / 1024
  }'
  exit 0
fi
read -r core_seconds core_kib < <(measure "$python" "$root/Benchmarks/openapi/openapi_core_baseline.py" "$work/spec.json" "$work/cassette.json")
# Both must have checked a clean recording: tapedeck exits 1 on a violation (measure stops there).
tail -1 "$work/out.log"

awk -v t="$tapedeck_seconds" -v tk="$tapedeck_kib" -v c="$core_seconds" -v ck="$core_kib" 'BEGIN {
  printf "tapedeck check:  %8.2f s  %7.1f MiB peak\n", t, tk / 1024
  printf "openapi-core:    %8.2f s  %7.1f MiB peak\n", c, ck / 1024
  printf "tapedeck / openapi-core time: %.2fx (target: at most 1.0x); peak memory %.1f MiB (target: at most 300 MiB)\n", t / c, tk / 1024
}'
