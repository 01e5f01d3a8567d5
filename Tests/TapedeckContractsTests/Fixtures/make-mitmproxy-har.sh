#!/usr/bin/env bash
# Regenerates mitmproxy-yandex-no-duplicates.har: a HAR written by another tool
# (mitmproxy's HAR export) that shows a planted contract violation.
#
# The bundled simulator serves Yandex Cloud Backup with 8 tasks and the
# no-duplicates drift switched on (each page after the first repeats the last
# item of the page before). mitmdump runs as a reverse proxy in front of it and
# dumps every flow as HAR; curl walks the listing in pages of 3 through the
# proxy, following nextPageToken until it comes back empty (3 pages).
#
# Needs: mitmproxy (pip install mitmproxy), curl, python3, and the tapedeck binary
# (built here with `swift build --product tapedeck`). Tests do not run this; they
# read the committed HAR. The only credential in the HAR is the simulator's fixed,
# fake loopback IAM token, which `tapedeck repro` redacts on import.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
out="$here/mitmproxy-yandex-no-duplicates.har"
work="$(mktemp -d)"
sim_pid=""
proxy_pid=""
cleanup() {
    [[ -n "$proxy_pid" ]] && kill "$proxy_pid" 2>/dev/null || true
    [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for_port() {
    for _ in $(seq 1 100); do
        if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}

(cd "$repo" && swift build --product tapedeck >/dev/null)
tapedeck="$(cd "$repo" && swift build --show-bin-path)/tapedeck"

sim_port="$(free_port)"
"$tapedeck" sim --port "$sim_port" --tasks 8 --drift no-duplicates >"$work/sim.log" 2>&1 &
sim_pid=$!
wait_for_port "$sim_port"

proxy_port="$(free_port)"
mitmdump --quiet --listen-host 127.0.0.1 --listen-port "$proxy_port" \
    --mode "reverse:http://127.0.0.1:$sim_port" --set hardump="$work/dump.har" &
proxy_pid=$!
wait_for_port "$proxy_port"

token="t1.9euelZrSimulatorIamTokenOnlyForLoopbackUse0000000000000000000001"
base="http://127.0.0.1:$proxy_port/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks"
url="$base?pageSize=3"
for _ in 1 2 3 4 5; do
    body="$(curl --silent --show-error --fail-with-body -H "Authorization: Bearer $token" "$url")"
    next="$(printf '%s' "$body" | python3 -c 'import json, sys; print(json.load(sys.stdin)["nextPageToken"])')"
    [[ -z "$next" ]] && break
    url="$base?pageSize=3&pageToken=$next"
done

# mitmdump writes the HAR when it shuts down.
kill -INT "$proxy_pid"
wait "$proxy_pid" || true
proxy_pid=""
python3 -m json.tool --indent 2 "$work/dump.har" >"$out"
echo "wrote $out ($(wc -c <"$out") bytes)"
