#!/usr/bin/env bash
# An independent scanner nobody here wrote (Yelp's detect-secrets, from PyPI)
# over the committed cassettes and over the planted-secret corpus as each of
# the recording paths (import, in-process, proxy; the generated and vendor
# corpus also through the forward HTTPS proxy) redacted it. Fails on
# any finding. Three things are not secrets and are excluded by pattern: a value
# that is a placeholder as a whole (REDACTED-<kind>-<n>, also inside a JSON text's
# escaped quotes); a base64 value that
# holds an encoded placeholder at any of the three alignments (a document
# Tapedeck decoded, redacted and encoded back, which detect-secrets sees only as
# entropy); and the providers' 32-hex-digit resource ids ("id": "…"), which are
# random by design.
#   .ci/detect-secrets.sh            runs the corpus tests to write the redacted outputs, then scans
#   .ci/detect-secrets.sh --written  scans the outputs a test run already wrote to out/corpus
#                                    (.ci/run's suite sets TAPEDECK_CORPUS_OUT=out/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."

out=out/corpus
if [ "${1:-}" != "--written" ]; then
    rm -rf "$out"
    mkdir -p out
    TAPEDECK_CORPUS_OUT="$out" swift test --filter 'PlantedSecret(Corpus|Generative)Tests' > out/corpus-tests.log 2>&1 \
        || { tail -40 out/corpus-tests.log; echo "the planted-secret corpus tests failed"; exit 1; }
fi
for path in import in-process proxy generated-import generated-in-process generated-proxy generated-forward; do
    [ -f "$out/$path.json" ] || { echo "$out/$path.json was not written"; exit 1; }
done

.venv/bin/detect-secrets scan Cassettes "$out" --all-files \
    --exclude-secrets '^\\?REDACTED-[a-z0-9-]+-[0-9]+\\?$|UkVEQUNURUQt|REFDVEVEL|RURBQ1RFRC' \
    --exclude-lines '^\s*"id": "[0-9a-f]{32}",?$' > out/detect-secrets.json
python3 - <<'PY'
import json, sys
results = json.load(open("out/detect-secrets.json"))["results"]
count = sum(len(found) for found in results.values())
for file, found in sorted(results.items()):
    for finding in found:
        # The type and the line, never the value.
        print(f"{file}:{finding['line_number']}: {finding['type']}")
if count:
    print(f"detect-secrets: {count} findings; redact them (docs/redaction.md) and re-record")
    sys.exit(1)
print("detect-secrets: no findings in Cassettes/ and the redacted corpora (import, in-process, proxy, forward)")
PY
