#!/usr/bin/env bash
# Fuzzes one loader with libFuzzer for a bounded time:
#   Benchmarks/fuzz/run.sh TARGET SECONDS        TARGET: json cassette har contract scenario check profile draft
# Builds the package's libraries instrumented for coverage (-sanitize=fuzzer) in
# .build-fuzz (unoptimised: a third of the optimised build's time, which CI's
# budget needs more than the executions per second), links every target in Targets/ into one binary against them
# (FuzzEntry.swift runs TARGET), replays the kept regression inputs
# (regressions/TARGET), then fuzzes from the seed corpus (the
# repository's own cassettes, HAR fixtures, contracts and scenarios). A crash,
# a trap or a hang (10 s) is written to regressions/TARGET and fails the run.
set -euo pipefail

target=${1:?usage: run.sh TARGET SECONDS}
seconds=${2:?usage: run.sh TARGET SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/.build-fuzz
source_file=$here/Targets/$target.swift
cd "$root"
[[ -f $source_file ]] || { echo "no fuzz target $target (known: $(ls "$here/Targets" | sed 's/\.swift$//' | tr '\n' ' '))" >&2; exit 2; }

case $target in
  json) seeds=("$root/Cassettes" "$root/Tests/TapedeckContractsTests/Fixtures") ;;
  cassette | check | draft) seeds=("$root/Cassettes") ;;
  profile) seeds=("$root/Sources/TapedeckProviders/BuiltIn" "$here/seeds/profile") ;;
  har) seeds=("$root/Tests/TapedeckContractsTests/Fixtures" "$here/seeds/har") ;;
  contract) seeds=("$root/Sources/TapedeckProviders/BuiltIn") ;;
  scenario) seeds=("$root/Scenarios") ;;
esac

config=debug
swift build -c "$config" --build-path "$build" --target TapedeckContracts -Xswiftc -sanitize=fuzzer >&2
binary=$build/fuzz
# The objects of the sources each Swift module has now (its output-file-map.json), so that
# objects of files since moved or deleted are not linked twice; every object of a C module.
objects=$(python3 - "$build/$config" <<'PY'
import json, pathlib, sys
for module in sorted(pathlib.Path(sys.argv[1]).glob("*.build")):
    mapping = module / "output-file-map.json"
    if mapping.exists():
        entries = json.loads(mapping.read_text()).values()
        paths = {pathlib.Path(entry["object"]).name for entry in entries if "object" in entry}
        found = [path for path in module.glob("*.o") if path.name in paths]
    else:
        found = module.rglob("*.o")
    for path in sorted(found):
        print(path)
PY
)
# The C modules the libraries import: zlib's and Brotli's shims, libyaml.
module_maps=("$root/Sources/CZlib/module.modulemap" "$root/Sources/CBrotli/module.modulemap" "$build/checkouts/Yams/Sources/CYaml/include/module.modulemap")
module_flags=()
for map in "${module_maps[@]}"; do module_flags+=(-Xcc "-fmodule-map-file=$map"); done
# The targets use the loaders' `package` API: they join the package SwiftPM built the
# modules in, whose name is the checkout folder's (lowercased, other characters as _).
package_name=$(basename "$root" | tr '[:upper:]' '[:lower:]' | sed 's/[^a-z0-9_]/_/g')
grep -q "\"-package-name\",\"$package_name\"" "$build/$config.yaml" \
  || { echo "the modules were not built as package $package_name (see $build/$config.yaml)" >&2; exit 2; }
# One binary holds every target (FuzzEntry.swift picks one by TAPEDECK_FUZZ_TARGET), so the
# package's objects are linked once for all eight.
sources=("$here/FuzzEntry.swift" "$here"/Targets/*.swift)
if [[ ! -x $binary || -n $(find "${sources[@]}" -newer "$binary" -print -quit) || -n $(find "$build/$config" -name '*.o' -newer "$binary" -print -quit) ]]; then
  # shellcheck disable=SC2086
  swiftc -O -sanitize=fuzzer -parse-as-library "${sources[@]}" -module-name Fuzz -package-name "$package_name" \
    -I "$build/$config/Modules" "${module_flags[@]}" \
    $objects -lz -o "$binary" >&2
fi
export TAPEDECK_FUZZ_TARGET=$target

# Swift's own backtracer would take the trap before libFuzzer could save the input that caused it.
export SWIFT_BACKTRACE=enable=no
regressions=$here/regressions/$target
mkdir -p "$regressions" "$build/corpus/$target"
if compgen -G "$regressions/*" > /dev/null; then
  echo "replaying $(ls "$regressions" | wc -l) kept regression input(s)" >&2
  "$binary" -runs=1 "$regressions"/* >&2
fi
existing=()
for seed in "${seeds[@]}"; do [[ -d $seed ]] && existing+=("$seed"); done
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=262144 -print_final_stats=1 \
  -artifact_prefix="$regressions/" "$build/corpus/$target" "${existing[@]}"
