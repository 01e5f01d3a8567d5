"""Misbehaving clients for the soak test: malformed request lines, 1 MB heads,
clients that stall mid-request, and clients that disconnect mid-exchange, in
parallel, for a given number of seconds. Prints what each kind got back and
exits 1 if the server ever answered one of them wrongly."""
import socket, sys, threading, time

host, port, seconds = "127.0.0.1", int(sys.argv[1]), float(sys.argv[2])
deadline = time.time() + seconds
counts = {"bad-line": 0, "huge-head": 0, "stall": 0, "vanish": 0}
wrong = []
lock = threading.Lock()

def exchange(payload, expect_prefix):
    s = socket.create_connection((host, port), timeout=5)
    try:
        s.sendall(payload)
        answer = s.recv(64)
        return answer.startswith(expect_prefix), answer[:40]
    finally:
        s.close()

def bad_line():
    return exchange(b"THIS IS NOT HTTP\r\n\r\n", b"HTTP/1.1 400")

def huge_head():
    return exchange(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n", b"HTTP/1.1 431")

def stall():
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(b"GET /stalled HTTP/1.1\r\nHost: x\r\nX-Half: ")
    time.sleep(2)
    s.close()
    return True, b""

def vanish():
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(b"GET " + sys.argv[3].encode() + b"&vanishing=1 HTTP/1.1\r\nHost: x\r\n\r\n")
    s.close()
    return True, b""

def worker(name, action):
    while time.time() < deadline:
        try:
            ok, answer = action()
        except OSError as error:
            # A reset while sending a 1 MB head after the server answered 431 and closed is fine.
            ok, answer = name == "huge-head", str(error).encode()
        with lock:
            counts[name] += 1
            if not ok:
                wrong.append((name, answer))
        time.sleep(0.05)

threads = [threading.Thread(target=worker, args=(name, action))
           for name, action in [("bad-line", bad_line), ("huge-head", huge_head), ("stall", stall), ("stall", stall),
                                ("vanish", vanish), ("vanish", vanish)]]
for thread in threads: thread.start()
for thread in threads: thread.join()
print("chaos: " + ", ".join(f"{count} {name}" for name, count in counts.items()) + f", {len(wrong)} answered wrongly")
for name, answer in wrong[:5]: print(f"  {name}: {answer!r}")
sys.exit(1 if wrong else 0)
