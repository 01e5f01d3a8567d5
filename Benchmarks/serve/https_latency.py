"""Median latency of GETs over one kept-alive HTTPS connection, direct to a
TLS server or through a forward proxy (CONNECT, then TLS with the proxy's
certificate), and the median cost of opening such a connection.

usage: https_latency.py HOST PORT PATH CA_FILE [PROXY_PORT] [REQUESTS]

Prints: "<p50 request us> <p50 open us> <requests>". One client, one request at
a time, the same code both ways: the difference is what the proxy adds.
"""
import socket
import ssl
import statistics
import sys
import time

host, port, path, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
proxy = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] != "-" else None
count = int(sys.argv[6]) if len(sys.argv) > 6 else 2000
context = ssl.create_default_context(cafile=ca)
request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()


def open_connection():
    raw = socket.create_connection(("127.0.0.1", proxy or port))
    raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if proxy:
        raw.sendall(f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += raw.recv(4096)
        assert answer.startswith(b"HTTP/1.1 200"), answer
    return context.wrap_socket(raw, server_hostname=host)


def get(connection):
    connection.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:200]
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    while len(body) < length:
        body += connection.recv(65536)


opens = []
for _ in range(50):
    started = time.perf_counter()
    connection = open_connection()
    get(connection)
    opens.append(time.perf_counter() - started)
    connection.close()
connection = open_connection()
for _ in range(200):  # warm-up
    get(connection)
times = []
for _ in range(count):
    started = time.perf_counter()
    get(connection)
    times.append(time.perf_counter() - started)
connection.close()
print(f"{statistics.median(times) * 1e6:.0f} {statistics.median(opens) * 1e6:.0f} {count}")
