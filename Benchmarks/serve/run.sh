#!/usr/bin/env bash
# Replay-server benchmark: `tapedeck serve` answering one recorded page of 100
# tasks, against nginx serving the same bytes as a static file (the practical
# limit) and mitmproxy's server-side replay of the same exchange, all driven by
# wrk on loopback in the same run. Then the latency the recording proxy
# (`tapedeck record`) adds over calling the simulator directly (beside nginx's
# proxy_pass on the same hop, for reference), and the latency
# the forward proxy (`tapedeck record --forward`) adds to HTTPS over calling the
# same TLS server (nginx) directly, with the cost of opening a connection apart.
#
#   Benchmarks/serve/run.sh [SECONDS] [CONNECTIONS]
#
# Drives wrk, against nginx and mitmproxy: Benchmarks/serve/setup installs
# whichever is missing (a comparison that still cannot run is skipped with a
# note). Release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Benchmarks/serve/setup
seconds=${1:-10}
connections=${2:-64}
work=$(mktemp -d /tmp/tapedeck-serve-bench.XXXXXX)
chmod 755 "$work"  # nginx workers run as another user
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1; }
# wrk's requests/s and its 50% and 99% latency lines, in microseconds.
# measure URL CONNECTIONS [SECONDS] [THREADS] [LUA SCRIPT]
measure() {
    wrk -t"${4:-2}" -c"$2" -d"${3:-$seconds}s" --latency ${5:+-s "$5"} "$1" > "$work/wrk.out"
    python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def micros(label):
    m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 1, "ms": 1e3, "s": 1e6}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{rps:.0f} {micros('50'):.0f} {micros('99'):.0f} {errors.group(1) if errors else 0}")
PY
}

# nginx_conf NAME WORKERS "SERVER DIRECTIVES" ["HTTP DIRECTIVES"]: an nginx serving $work/www on loopback.
nginx_conf() {
    cat <<CONF
worker_processes $2;
error_log $work/nginx/error-$1.log;
pid $work/nginx/nginx-$1.pid;
events { worker_connections 1024; }
http {
    access_log off;
    default_type application/json;
    client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
    keepalive_requests 1000000;
    ${4:-}
    server { $3 root $work/www; }
}
CONF
}

echo "== build (release)"
# TAPEDECK_SCRATCH: the build folder (default .build), to keep a release build apart.
scratch=${TAPEDECK_SCRATCH:-.build}
swift build -c release --product tapedeck --scratch-path "$scratch" 2>&1 | tail -1
tapedeck=$scratch/release/tapedeck

echo "== record one page of 100 tasks from the simulator through the recording proxy"
sim_port=$(free_port); proxy_port=$(free_port)
$tapedeck sim --port "$sim_port" --tasks 300 > "$work/sim.log" & pids+=($!)
wait_port "$sim_port"
$tapedeck record --upstream "http://127.0.0.1:$sim_port" --cassette "$work/page.json" --port "$proxy_port" > "$work/record.log" & record_pid=$!
wait_port "$proxy_port"
# The simulator's fixed loopback-only test token (ProviderCredentials.simulator).
token="t1.9euelZrSimulatorIamTokenOnlyForLoopbackUse0000000000000000000001"
page="/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks?pageSize=100"
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$proxy_port$page" > "$work/page.body"
kill -INT "$record_pid"; wait "$record_pid"
echo "page: $(wc -c < "$work/page.body") bytes, $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['tasks']))" "$work/page.body") tasks"

serve_port=$(free_port)
$tapedeck serve "$work/page.json" --repeats --port "$serve_port" > "$work/serve.log" 2>&1 & pids+=($!)
wait_port "$serve_port"
cmp -s <(curl -sf "http://127.0.0.1:$serve_port$page") "$work/page.body" || { echo "tapedeck serve answered different bytes" >&2; exit 1; }

nginx_port=""
if command -v nginx >/dev/null; then
    nginx_port=$(free_port)
    mkdir -p "$work/www/yandex-backup/backup/v1/resources/fhm0tapedeck00000001" "$work/nginx"
    cp "$work/page.body" "$work/www/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks"
    nginx_conf plain auto "listen 127.0.0.1:$nginx_port;" > "$work/nginx.conf"
    nginx -c "$work/nginx.conf" -g 'daemon off;' & pids+=($!)
    wait_port "$nginx_port"
    cmp -s <(curl -sf "http://127.0.0.1:$nginx_port$page") "$work/page.body" || { echo "nginx answered different bytes" >&2; exit 1; }
else
    echo "nginx not installed: skipped (apt-get install nginx)"
fi

# Four rounds of tapedeck serve and nginx (the same bytes as a static file),
# taking turns at going first, so that a noisy moment of the shared machine is
# not all on one side; the means count.
t_all=(); n_all=()
serve_round() {
    read -r rps p50 p99 err < <(measure "http://127.0.0.1:$serve_port$page" "$connections")
    echo "tapedeck serve: $rps req/s, p50 ${p50} us, p99 ${p99} us, non-2xx $err"
    t_all+=("$rps $p99")
}
nginx_round() {
    [ -n "$nginx_port" ] || return 0
    read -r rps p50 p99 err < <(measure "http://127.0.0.1:$nginx_port$page" "$connections")
    echo "nginx:          $rps req/s, p50 ${p50} us, p99 ${p99} us, non-2xx $err"
    n_all+=("$rps $p99")
}
for round in 1 2 3 4; do
    echo "== round $round"
    if (( round % 2 )); then serve_round; nginx_round; else nginx_round; serve_round; fi
done
mean() { awk -v f="$1" '{ s += $f; n++ } END { if (n) printf "%.0f", s / n; else print 0 }'; }
t_rps=$(printf '%s\n' "${t_all[@]}" | mean 1); t_p99=$(printf '%s\n' "${t_all[@]}" | mean 2)
n_rps=$( [ ${#n_all[@]} -gt 0 ] && printf '%s\n' "${n_all[@]}" | mean 1 || echo 0)
# The tail at 8 connections: three measures, the median p99 counts (one stall of
# the shared host in a run is a p99 of its own).
q_all=()
for round in 1 2 3; do
    read -r q_rps q_p50 q_p99 q_err < <(measure "http://127.0.0.1:$serve_port$page" 8)
    echo "tapedeck serve, 8 connections: $q_rps req/s, p50 ${q_p50} us, p99 ${q_p99} us, non-2xx $q_err"
    q_all+=("$q_p99")
done
q_p99=$(printf '%s\n' "${q_all[@]}" | sort -n | sed -n 2p)

echo "== the provider simulator answering the same page (signed requests)"
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" > "$work/page-auth.lua"
read -r s_rps s_p50 s_p99 s_err < <(measure "http://127.0.0.1:$sim_port$page" "$connections" "$seconds" 2 "$work/page-auth.lua")
echo "simulator:      $s_rps req/s, p50 ${s_p50} us, p99 ${s_p99} us, non-2xx $s_err"

m_rps=""
if command -v mitmdump >/dev/null; then
    echo "== mitmdump --server-replay, the same exchange"
    rec_port=$(free_port); mitm_port=$(free_port)
    mitmdump -q --mode "reverse:http://127.0.0.1:$sim_port" --listen-host 127.0.0.1 -p "$rec_port" -w "$work/flows" & mitm_rec=$!
    wait_port "$rec_port"
    curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$rec_port$page" > /dev/null
    kill -INT "$mitm_rec"; wait "$mitm_rec" || true
    mitmdump -q --mode "reverse:http://127.0.0.1:$sim_port" --listen-host 127.0.0.1 -p "$mitm_port" \
        --server-replay "$work/flows" --set server_replay_reuse=true --set server_replay_extra=kill \
        --set server_replay_ignore_host=true --set server_replay_ignore_port=true --set connection_strategy=lazy & pids+=($!)
    wait_port "$mitm_port"
    kill "${pids[0]}"  # the simulator: from here on, mitmproxy must answer from its recording
    read -r m_rps m_p50 m_p99 m_err < <(measure "http://127.0.0.1:$mitm_port$page" "$connections")
    echo "mitmdump:       $m_rps req/s, p50 ${m_p50} us, p99 ${m_p99} us, non-2xx $m_err"
else
    echo "mitmdump not installed: skipped (pip install mitmproxy)"
fi

echo "== recording proxy overhead (one connection, median latency)"
sim2_port=$(free_port); proxy2_port=$(free_port)
$tapedeck sim --port "$sim2_port" --tasks 300 > /dev/null & pids+=($!)
wait_port "$sim2_port"
$tapedeck record --upstream "http://127.0.0.1:$sim2_port" --cassette "$work/overhead.json" --port "$proxy2_port" > /dev/null & proxy_pid=$!
wait_port "$proxy2_port"
small="/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks?pageSize=10"
cat > "$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
overhead_seconds=$(( seconds < 3 ? seconds : 3 ))
wrk_auth() { measure "$1" 1 "$overhead_seconds" 1 "$work/auth.lua" | cut -d' ' -f2; }
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$sim2_port$small" > /dev/null || { echo "the simulator refused the overhead request" >&2; exit 1; }
# For reference, what a proxy hop costs on this machine: nginx's proxy_pass to
# the same simulator over kept-alive upstream connections (it records nothing).
nginx_proxy_port=""
if [ -n "$nginx_port" ]; then
    nginx_proxy_port=$(free_port)
    nginx_conf proxy 1 "listen 127.0.0.1:$nginx_proxy_port; location / { proxy_pass http://sim; proxy_http_version 1.1; proxy_set_header Connection \"\"; }" \
        "upstream sim { server 127.0.0.1:$sim2_port; keepalive 8; }" > "$work/nginx-proxy.conf"
    nginx -c "$work/nginx-proxy.conf" -g 'daemon off;' & pids+=($!)
    wait_port "$nginx_proxy_port"
fi
# Five rounds, each direct then proxied, so that a noisy moment of the shared
# machine falls on both; the round with the median difference counts.
rounds=()
for round in 1 2 3 4 5; do
    d=$(wrk_auth "http://127.0.0.1:$sim2_port$small")
    p=$(wrk_auth "http://127.0.0.1:$proxy2_port$small")
    n=$( [ -n "$nginx_proxy_port" ] && wrk_auth "http://127.0.0.1:$nginx_proxy_port$small" || echo "$d")
    echo "round $round: direct p50 ${d} us, through tapedeck record ${p} us (+$(( p - d )) us), through nginx proxy_pass ${n} us (+$(( n - d )) us)"
    rounds+=("$(( p - d )) $d $p $n")
done
kill -INT "$proxy_pid"; wait "$proxy_pid"
read -r _ direct proxied nginx_proxied < <(printf '%s\n' "${rounds[@]}" | sort -n | sed -n 3p)
echo "median round: direct to the simulator: p50 ${direct} us; through tapedeck record: p50 ${proxied} us; through nginx proxy_pass: p50 ${nginx_proxied} us"

echo "== forward HTTPS proxy, recording (one kept-alive connection, median latency)"
# nginx serving the same page over TLS (a certificate for localhost made here
# with openssl); a small Python client sends GETs one at a time on one
# connection, direct and through tapedeck record --forward (CONNECT, then TLS
# with the local CA's certificate), the same code both ways.
f_direct=0; f_proxied=0; f_open_direct=0; f_open_proxied=0
if [ -n "$nginx_port" ]; then
    tls_port=$(free_port); forward_port=$(free_port)
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost -keyout "$work/tls.key" -out "$work/tls.pem" 2>/dev/null
    nginx_conf tls 1 "listen 127.0.0.1:$tls_port ssl; server_name localhost; ssl_certificate $work/tls.pem; ssl_certificate_key $work/tls.key;" \
        > "$work/nginx-tls.conf"
    nginx -c "$work/nginx-tls.conf" -g 'daemon off;' & pids+=($!)
    wait_port "$tls_port"
    $tapedeck record --forward --cassette "$work/forward.json" --ca-dir "$work/ca" --upstream-cacert "$work/tls.pem" --port "$forward_port" > "$work/forward.log" & forward_pid=$!
    wait_port "$forward_port"
    forward_rounds=()
    for round in 1 2 3; do
        read -r d od _ < <(python3 Benchmarks/serve/https_latency.py localhost "$tls_port" "$small" "$work/tls.pem" - 2000)
        read -r p op _ < <(python3 Benchmarks/serve/https_latency.py localhost "$tls_port" "$small" "$work/ca/tapedeck-ca.pem" "$forward_port" 2000)
        echo "round $round: direct HTTPS p50 ${d} us, through tapedeck record --forward ${p} us (+$(( p - d )) us); opening a connection: direct ${od} us, through the proxy ${op} us"
        forward_rounds+=("$(( p - d )) $d $p $od $op")
    done
    kill -INT "$forward_pid"; wait "$forward_pid"
    read -r _ f_direct f_proxied f_open_direct f_open_proxied < <(printf '%s\n' "${forward_rounds[@]}" | sort -n | sed -n 2p)
    echo "recorded: $(grep -c '"recordedAt": ' "$work/forward.json") exchanges; median round: direct p50 ${f_direct} us, proxied p50 ${f_proxied} us"
else
    echo "nginx not installed: the forward HTTPS comparison is skipped"
fi

echo
echo "== summary (same run, same machine)"
python3 - "$t_rps" "$t_p99" "${n_rps:-0}" "${m_rps:-0}" "$direct" "$proxied" "$q_p99" "$connections" "$s_rps" "$f_direct" "$f_proxied" "$f_open_direct" "$f_open_proxied" "$nginx_proxied" <<'PY'
import sys
t_rps, t_p99, n_rps, m_rps, direct, proxied, q_p99, connections, s_rps, f_direct, f_proxied, f_open_direct, f_open_proxied, nginx_proxied = map(float, sys.argv[1:])
def verdict(ok): return "met" if ok else "NOT met"
if n_rps: print(f"tapedeck serve / nginx:     {t_rps / n_rps:.2f}x requests/s, means of 4 rounds (target >= 1.0x: {verdict(t_rps / n_rps >= 1.0)})")
if n_rps: print(f"simulator / nginx:          {s_rps / n_rps:.2f}x requests/s (target >= 0.3x: {verdict(s_rps / n_rps >= 0.3)})")
if m_rps: print(f"tapedeck serve / mitmdump:  {t_rps / m_rps:.1f}x requests/s (target >= 20x: {verdict(t_rps / m_rps >= 20)})")
print(f"tapedeck serve p99:         {q_p99 / 1000:.2f} ms at 8 connections (target < 2 ms: {verdict(q_p99 < 2000)}); "
      f"{t_p99 / 1000:.2f} ms at {connections:.0f}")
print(f"reverse recording proxy:    +{(proxied - direct) / 1000:.3f} ms median added latency (target < 0.2 ms: {verdict(proxied - direct < 200)})")
if n_rps: print(f"  nginx proxy_pass, same hop: +{(nginx_proxied - direct) / 1000:.3f} ms (for reference: a proxy that records nothing)")
if f_direct:
    print(f"forward HTTPS proxy:        +{(f_proxied - f_direct) / 1000:.3f} ms median added latency on a warm connection, recording "
          f"(target < 1 ms: {verdict(f_proxied - f_direct < 1000)})")
    print(f"  opening a connection:     +{(f_open_proxied - f_open_direct) / 1000:.2f} ms (CONNECT, the upstream reached, TLS with a minted "
          f"certificate: {f_open_proxied / 1000:.2f} ms against {f_open_direct / 1000:.2f} ms direct)")
PY
