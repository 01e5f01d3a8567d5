#!/usr/bin/env bash
# Reliability soak for the recording proxy and the replay server: SECONDS (60)
# of wrk load from a second process with misbehaving clients mixed in
# (chaos.py: malformed request lines, 1 MB heads, stalled and vanishing
# clients). Checks that every answer wrk got was right (no non-2xx), that the
# proxy recorded every exchange wrk completed, and samples memory (RSS). Then a
# slow reader through the recording proxy: every body whole and recorded, the
# proxy's memory flat (backpressure from the client to the upstream).
#
#   Benchmarks/serve/soak.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Benchmarks/serve/setup
seconds=${1:-60}
work=$(mktemp -d /tmp/tapedeck-soak.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; exit 1; }
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
# soak PID URL: wrk for $seconds with chaos.py alongside, sampling PID's memory.
soak() {
    local pid=$1 url=$2 port
    port=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlparse(sys.argv[1]).port)' "$url")
    local path=${url#http://127.0.0.1:$port}
    samples=("$(rss "$pid")")
    python3 Benchmarks/serve/chaos.py "$port" "$seconds" "$path" > "$work/chaos.out" & local chaos=$!
    wrk -t1 -c16 -d"${seconds}s" -s "$work/auth.lua" "$url" > "$work/wrk.out" & local load=$!
    while kill -0 "$load" 2>/dev/null; do sleep 5; samples+=("$(rss "$pid")"); done
    wait "$load"; chaos_status=0; wait "$chaos" || chaos_status=$?
    completed=$(grep -oE '^ +[0-9]+ requests in' "$work/wrk.out" | grep -oE '[0-9]+')
    non2xx=$(grep -oE 'Non-2xx or 3xx responses: [0-9]+' "$work/wrk.out" | grep -oE '[0-9]+$' || echo 0)
    errors=$(grep -oE 'Socket errors:.*' "$work/wrk.out" || echo "Socket errors: none")
    echo "  wrk: $completed requests completed, $non2xx non-2xx, $errors"
    echo "  $(cat "$work/chaos.out")"
    echo "  memory (MiB, every 5 s): ${samples[*]}"
}

# TAPEDECK_SCRATCH: the build folder (default .build), to keep a release build apart.
scratch=${TAPEDECK_SCRATCH:-.build}
swift build -c release --product tapedeck --scratch-path "$scratch" 2>&1 | tail -1
tapedeck=$scratch/release/tapedeck
token="t1.9euelZrSimulatorIamTokenOnlyForLoopbackUse0000000000000000000001"
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" > "$work/auth.lua"
page="/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks?pageSize=20"
sim_port=$(free_port); proxy_port=$(free_port); serve_port=$(free_port)
$tapedeck sim --port "$sim_port" > /dev/null & pids+=($!)
wait_port "$sim_port"

echo "== recording proxy, $seconds s"
$tapedeck record --upstream "http://127.0.0.1:$sim_port" --cassette "$work/soak.json" --port "$proxy_port" > "$work/record.log" 2>&1 & proxy=$!
wait_port "$proxy_port"
soak "$proxy" "http://127.0.0.1:$proxy_port$page"
proxy_completed=$completed; proxy_non2xx=$non2xx; proxy_chaos=$chaos_status
stop_started=$(date +%s.%N)
kill -INT "$proxy"; wait "$proxy"
stop_seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$stop_started" "$(date +%s.%N)")
# Each interaction has one "recordedAt" line in the pretty layout: counted without loading the file.
recorded=$(grep -c '"recordedAt": ' "$work/soak.json")
echo "  recorded: $recorded interactions for $proxy_completed completed requests (the rest were in flight when wrk stopped)"
echo "  cassette: $(( $(stat -c %s "$work/soak.json") / 1048576 )) MiB, redacted and written in $stop_seconds s after Ctrl-C"

proxy_growth=$(python3 -c "import sys; s=[int(x) for x in sys.argv[2:]]; print(f'{(s[-1] - s[1]) * 1024 / int(sys.argv[1]):.2f}')" "$proxy_completed" "${samples[@]}")

echo "  memory growth: $proxy_growth KiB per exchange recorded"

echo "== recording proxy, a slow reader, $seconds s"
# A client reading an 8 MiB body at 2 MiB/s, again and again, through the
# recording proxy: with backpressure the proxy reads the upstream at the
# client's pace, so its memory holds one body (for the recording), not a
# backlog of socket writes, and stays flat from one body to the next.
mkdir -p "$work/www"; head -c 8388608 /dev/zero | tr '\0' x > "$work/www/big"
big_port=$(free_port); slow_port=$(free_port)
python3 -m http.server "$big_port" --bind 127.0.0.1 --directory "$work/www" > /dev/null 2>&1 & pids+=($!)
wait_port "$big_port"
$tapedeck record --upstream "http://127.0.0.1:$big_port" --cassette "$work/slow.json" --port "$slow_port" > /dev/null 2>&1 & slow=$!
wait_port "$slow_port"
samples=("$(rss "$slow")")
python3 Benchmarks/serve/slow_reader.py "$slow_port" /big 8388608 "$seconds" 2097152 > "$work/slow.out" & reader=$!
while kill -0 "$reader" 2>/dev/null; do sleep 5; samples+=("$(rss "$slow")"); done
wait "$reader"
read -r slow_whole slow_short < "$work/slow.out"
kill -INT "$slow"; wait "$slow"
slow_recorded=$(grep -c '"recordedAt": ' "$work/slow.json" || echo 0)
echo "  $slow_whole bodies read whole, $slow_short short; $slow_recorded recorded"
echo "  memory (MiB, every 5 s): ${samples[*]}"
slow_growth=$(python3 -c "import sys; s=[int(x) for x in sys.argv[1:]]; print(max(s[2:]) - min(s[2:]) if len(s) > 3 else 0)" "${samples[@]}")
echo "  memory range after the first body: $slow_growth MiB"
rm -f "$work/slow.json"

echo "== replay server, $seconds s"
# The soak's own recording is gigabytes (a full-speed minute): the replay server
# soaks on a short recording of the same page instead, made through a fresh proxy.
short_port=$(free_port)
$tapedeck record --upstream "http://127.0.0.1:$sim_port" --cassette "$work/short.json" --port "$short_port" > /dev/null 2>&1 & short=$!
wait_port "$short_port"
for _ in $(seq 20); do curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$short_port$page" > /dev/null; done
kill -INT "$short"; wait "$short"
rm -f "$work/soak.json"
$tapedeck serve "$work/short.json" --repeats --port "$serve_port" > /dev/null 2>&1 & pids+=($!)
wait_port "$serve_port"
soak "${pids[-1]}" "http://127.0.0.1:$serve_port$page"
body=$(curl -sf "http://127.0.0.1:$serve_port$page" | head -c 40)
echo "  still answering after the soak: ${body}…"

echo
echo "== verdict"
ok=1
[ "$proxy_non2xx" = 0 ] && [ "$non2xx" = 0 ] || { echo "some answers were not 2xx"; ok=0; }
[ "$proxy_chaos" = 0 ] && [ "$chaos_status" = 0 ] || { echo "a misbehaving client got a wrong answer"; ok=0; }
[ "$recorded" -ge "$proxy_completed" ] || { echo "LOST: $((proxy_completed - recorded)) completed exchanges not recorded"; ok=0; }
[ -n "$body" ] || { echo "the server stopped answering"; ok=0; }
[ "$slow_short" = 0 ] && [ "$slow_recorded" -ge "$slow_whole" ] || { echo "the slow reader lost bodies: $slow_short short, $slow_recorded recorded of $slow_whole"; ok=0; }
[ "$slow_growth" -le 32 ] || { echo "the proxy's memory grew by $slow_growth MiB under a slow reader"; ok=0; }
[ "$ok" = 1 ] && echo "every answer right, nothing lost from the recording, the server still answering" || exit 1
