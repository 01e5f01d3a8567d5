#!/usr/bin/env python3
"""A loopback fixture server for the two test APIs that are defined only by files.

    fixture_server.py --api widgets|charges [--port 0] [--plant duplicate|cycle|drift]
                      [--now 2026-01-01T00:00:00Z] [--token TOKEN] [--items 45]

widgets: GitHub-style, paged by an RFC 8288 Link header (page/per_page), Bearer auth.
charges: Stripe-style, has_more plus starting_after (the last item's id), Basic auth
         with the secret key as user name and an empty password.

The data is deterministic: a fixed set of items whose timestamps are relative to
--now (itself fixed by default), so two runs answer byte for byte the same.
Standard library only; binds 127.0.0.1. With --port 0 a free port is picked;
the first line on stdout is always "listening on PORT".

Planted changes (--plant):
  duplicate  the second page starts with the first page's last item
  cycle      the second page's next link (widgets) or last item (charges) leads back
  drift      a response field is renamed and a new enum value appears
"""

import argparse
import base64
import hashlib
import json
import signal
import sys
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DEFAULT_NOW = "2026-01-01T00:00:00Z"


def parse_now(text):
    """Epoch seconds or RFC 3339 with a Z."""
    if text.isdigit():
        return int(text)
    return int(datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())


def rfc3339(seconds):
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def digest(text, length):
    """A deterministic id-like string of `length` characters from [0-9A-Za-z]."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    number = int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")
    out = []
    for _ in range(length):
        number, rest = divmod(number, len(alphabet))
        out.append(alphabet[rest])
    return "".join(out)


class Widgets:
    """GET /repos/{owner}/{repo}/widgets?per_page=N&page=K, ascending id."""

    DEFAULT_LIMIT, MAX_LIMIT = 30, 100

    def __init__(self, count, now, plant):
        self.plant = plant
        self.items = []
        for n in range(count):
            item = {
                "id": 1001 + n,
                "node_id": "W_kwDO" + base64.b64encode(("widget:%d" % (1001 + n)).encode()).decode().rstrip("="),
                "name": "widget-%02d" % (n + 1),
                "state": "closed" if n % 3 == 2 else "open",
                "created_at": rfc3339(now - (count - n) * 3600),
            }
            if plant == "drift":
                item["global_id"] = item.pop("node_id")
                if n % 7 == 6:
                    item["state"] = "archived"
            self.items.append(item)

    def handle(self, handler, path, query):
        parts = path.strip("/").split("/")
        if len(parts) != 4 or parts[0] != "repos" or parts[3] != "widgets":
            return 404, {"message": "Not Found"}, {}
        auth = handler.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or not auth[7:].strip() or (
            handler.server.token is not None and auth[7:].strip() != handler.server.token
        ):
            return 401, {"message": "Requires authentication"}, {}
        try:
            limit = int(query.get("per_page", [str(self.DEFAULT_LIMIT)])[0])
            page = int(query.get("page", ["1"])[0])
        except ValueError:
            return 422, {"message": "Validation Failed", "errors": [{"code": "invalid", "field": "per_page or page"}]}, {}
        if not 1 <= limit <= self.MAX_LIMIT or page < 1:
            return 422, {"message": "Validation Failed", "errors": [{"code": "invalid", "field": "per_page or page"}]}, {}
        last = max(1, -(-len(self.items) // limit))
        start = (page - 1) * limit
        if self.plant == "duplicate" and page == 2:
            start -= 1
        body = self.items[start : start + limit]
        base = "http://%s/%s?per_page=%d&page=" % (handler.host(), "/".join(parts), limit)
        links = []
        if page < last:
            following = 1 if self.plant == "cycle" and page == 2 else page + 1
            links.append('<%s%d>; rel="next"' % (base, following))
        links.append('<%s%d>; rel="last"' % (base, last))
        if page > 1:
            links.append('<%s1>; rel="first"' % base)
        return 200, body, {"Link": ", ".join(links)}


class Charges:
    """GET /v1/charges?limit=N&starting_after=ID, newest first."""

    DEFAULT_LIMIT, MAX_LIMIT = 10, 100
    STATUSES = ["succeeded", "succeeded", "pending", "succeeded", "failed"]

    def __init__(self, count, now, plant):
        self.plant = plant
        self.items = []
        for n in range(count):
            item = {
                "id": "ch_" + digest("charge:%d" % n, 24),
                "object": "charge",
                "amount": 500 + (n * 7919) % 9500,
                "currency": "usd",
                "status": self.STATUSES[n % len(self.STATUSES)],
                "created": now - (n + 1) * 1800,
            }
            if plant == "drift":
                item["amount_cents"] = item.pop("amount")
                if n % 9 == 4:
                    item["status"] = "requires_action"
            self.items.append(item)

    def handle(self, handler, path, query):
        if path.rstrip("/") != "/v1/charges":
            return 404, self.error("invalid_request_error", "Unrecognized request URL (GET: %s)." % path), {}
        auth = handler.headers.get("Authorization", "")
        key = None
        if auth.startswith("Basic "):
            try:
                user, _, _ = base64.b64decode(auth[6:]).decode().partition(":")
                key = user
            except (ValueError, UnicodeDecodeError):
                key = None
        if not key or not key.startswith("sk_test_") or (handler.server.token is not None and key != handler.server.token):
            return 401, self.error("invalid_request_error", "Invalid API Key provided."), {}
        try:
            limit = int(query.get("limit", [str(self.DEFAULT_LIMIT)])[0])
        except ValueError:
            return 400, self.error("invalid_request_error", "Invalid integer: limit", "limit"), {}
        if not 1 <= limit <= self.MAX_LIMIT:
            return 400, self.error("invalid_request_error", "limit must be between 1 and 100", "limit"), {}
        start = 0
        after = query.get("starting_after", [None])[0]
        if after:
            ids = [item["id"] for item in self.items]
            if after not in ids:
                return 400, self.error("invalid_request_error", "No such charge: '%s'" % after, "starting_after"), {}
            start = ids.index(after) + 1
            if self.plant == "duplicate" and start == limit:
                start -= 1
            if self.plant == "cycle" and start == 2 * limit:
                start = limit
        data = self.items[start : start + limit]
        body = {"object": "list", "url": "/v1/charges", "has_more": start + limit < len(self.items), "data": data}
        return 200, body, {}

    @staticmethod
    def error(kind, message, param=None):
        error = {"type": kind, "message": message}
        if param:
            error["param"] = param
        return {"error": error}


class Handler(BaseHTTPRequestHandler):
    server_version = "tapedeck-fixture/1"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def date_time_string(self, timestamp=None):
        """The Date header follows --now, not the wall clock."""
        return datetime.fromtimestamp(self.server.now, tz=timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")

    def host(self):
        return self.headers.get("Host") or "127.0.0.1:%d" % self.server.server_address[1]

    def do_GET(self):
        split = urlsplit(self.path)
        query = parse_qs(split.query, keep_blank_values=True)
        status, body, headers = self.server.api.handle(self, split.path, query)
        with self.server.lock:
            self.server.requests += 1
            number = self.server.requests
        payload = json.dumps(body, indent=2).encode() + b"\n"
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        if isinstance(self.server.api, Widgets):
            self.send_header("X-Request-Id", "%08X:%04d" % (0xF1C5, number))
        else:
            self.send_header("Request-Id", "req_" + digest("request:%d" % number, 14))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):
        sys.stderr.write("%s\n" % (format % args))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--api", choices=["widgets", "charges"], required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--plant", choices=["duplicate", "cycle", "drift"])
    parser.add_argument("--now", default=DEFAULT_NOW, help="epoch seconds or YYYY-MM-DDTHH:MM:SSZ")
    parser.add_argument("--token", help="the only credential accepted (default: any well-formed one)")
    parser.add_argument("--items", type=int, default=45)
    args = parser.parse_args()
    # A parent that ignores SIGTERM (a test runner) passes that on; stopping must still work.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
    kind = Widgets if args.api == "widgets" else Charges

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.api = kind(args.items, parse_now(args.now), args.plant)
    server.token = args.token
    server.now = parse_now(args.now)
    server.lock = threading.Lock()
    server.requests = 0
    print("listening on %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
