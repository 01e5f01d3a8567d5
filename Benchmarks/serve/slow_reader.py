"""A client that reads slowly: GETs a large body through the recording proxy
again and again for SECONDS, reading RATE bytes per second, and checks each
body whole.

usage: slow_reader.py PROXY_PORT PATH SIZE SECONDS RATE

Prints: "<bodies read whole> <bodies short>".
"""
import socket
import sys
import time

port, path, size, seconds, rate = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
whole = short = 0
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    connection = socket.create_connection(("127.0.0.1", port))
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    received = b""
    started = time.monotonic()
    while True:
        chunk = connection.recv(16 * 1024)
        if not chunk:
            break
        received += chunk
        # Keep to RATE bytes per second.
        ahead = len(received) / rate - (time.monotonic() - started)
        if ahead > 0:
            time.sleep(ahead)
    connection.close()
    body = received.partition(b"\r\n\r\n")[2]
    if len(body) == size and body == b"x" * size:
        whole += 1
    else:
        short += 1
print(whole, short)
