"""Throughput of the online check against a local server that imitates Crossref's limits.

Dev script: nothing leaves 127.0.0.1.  The server answers ``/works`` with a
Crossref-shaped ``work-list`` after an artificial latency, announces
``x-rate-limit-limit: RATE``, ``x-rate-limit-interval: 1s`` and
``x-concurrency-limit: CONCURRENCY`` on every response, and answers 429
(with ``Retry-After: 1``) to any request over the rate (sliding one-second
window) or over the concurrency limit.

For max_in_flight 1 and 3 it checks N works (fresh cache each time), then
re-runs the last from the cache, and prints works/s, the wall time against the
ideal N / RATE, how many requests reached the server, the 429s and the peak
concurrency seen.  Exit status 1 if the polite run (3 in flight) is more than
15 % over the ideal, or if anything was throttled.

Usage:
    python benchmarks/online_throughput.py [--works 100] [--rate 10] [--concurrency 3] [--latency 0.15]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from haliref.check.online import check_online
from haliref.model import Document, Work


class Limits:
    def __init__(self, rate: int, concurrency: int, latency: float) -> None:
        self.rate = rate
        self.concurrency = concurrency
        self.latency = latency
        self.lock = threading.Lock()
        self.arrivals: deque[float] = deque()
        self.in_flight = 0
        self.peak = 0
        self.requests = 0
        self.throttled = 0

    def reset(self) -> None:
        with self.lock:
            self.arrivals.clear()
            self.in_flight = self.peak = self.requests = self.throttled = 0


def make_handler(limits: Limits) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        wbufsize = 1 << 16  # headers and body in one send (no Nagle / delayed-ACK stall)

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            now = time.monotonic()
            with limits.lock:
                limits.requests += 1
                while limits.arrivals and limits.arrivals[0] <= now - 1.0:
                    limits.arrivals.popleft()
                over = len(limits.arrivals) >= limits.rate or limits.in_flight >= limits.concurrency
                limits.arrivals.append(now)
                if over:
                    limits.throttled += 1
                else:
                    limits.in_flight += 1
                    limits.peak = max(limits.peak, limits.in_flight)
            if over:
                self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": "1"})
                return
            try:
                time.sleep(limits.latency)
                query = parse_qs(urlparse(self.path).query).get("query.bibliographic", [""])[0]
                title = query.split(". ")[1] if ". " in query else query
                n = title.rsplit(" ", 1)[-1]
                item = {
                    "DOI": f"10.5555/bench.{n}", "type": "journal-article", "score": 80.0,
                    "title": [title], "author": [{"given": "A.", "family": "Author"}],
                    "issued": {"date-parts": [[2001]]}, "container-title": ["Journal of Benchmarks"],
                    "volume": "7", "page": "1-20", "publisher": "Bench Press",
                }
                body = json.dumps({
                    "status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                    "message": {"facets": {}, "total-results": 1, "items": [item], "items-per-page": 5,
                                "query": {"start-index": 0, "search-terms": None}},
                }).encode()
                self._send(200, body, "application/json")
            finally:
                with limits.lock:
                    limits.in_flight -= 1

        def _send(self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("x-rate-limit-limit", str(limits.rate))
            self.send_header("x-rate-limit-interval", "1s")
            self.send_header("x-concurrency-limit", str(limits.concurrency))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def works(n: int) -> Document:
    items = [
        Work(id=f"w{i}", csl={
            "type": "article-journal", "title": f"Benchmark article number {i}",
            "author": [{"family": "Author", "given": "A."}], "container-title": "Journal of Benchmarks",
            "volume": "7", "page": "1-20", "issued": {"date-parts": [[2001]]},
        })
        for i in range(n)
    ]
    return Document(notes=[], works=items, dropped=[])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=100)
    parser.add_argument("--rate", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.15)
    args = parser.parse_args(argv)

    limits = Limits(args.rate, args.concurrency, args.latency)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(limits))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    ideal = args.works / args.rate
    print(f"{args.works} works; server: {args.rate} requests/s, {args.concurrency} concurrent, "
          f"{args.latency * 1000:.0f} ms latency; ideal {ideal:.2f} s (N / rate)")
    print(
        f"{'in flight':>9} {'wall s':>8} {'works/s':>8} {'vs ideal':>9} {'requests':>9} {'429s':>5} {'peak':>5}  status"
    )
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for in_flight in (1, 3):
            limits.reset()
            cache = Path(tmp) / f"cache-{in_flight}.sqlite3"
            document = works(args.works)
            started = time.perf_counter()
            out = check_online(document, mailto="bench@example.org", cache_path=cache, crossref_url=base,
                               sources=["crossref"], max_in_flight=in_flight)
            wall = time.perf_counter() - started
            statuses = {c["status"] for w in out.works for c in w.checks}
            over = wall / ideal - 1
            print(f"{in_flight:>9} {wall:>8.2f} {args.works / wall:>8.2f} {over:>+8.1%} {limits.requests:>9} "
                  f"{limits.throttled:>5} {limits.peak:>5}  {','.join(sorted(statuses))}")
            if in_flight == 3 and (over > 0.15 or limits.throttled or statuses != {"matched"}):
                failed = True
        limits.reset()
        started = time.perf_counter()
        out = check_online(works(args.works), mailto="bench@example.org", cache_path=cache, crossref_url=base,
                           sources=["crossref"], max_in_flight=3)
        wall = time.perf_counter() - started
        print(f"{'cached':>9} {wall:>8.2f} {args.works / wall:>8.0f} {'':>9} {limits.requests:>9} "
              f"{limits.throttled:>5} {limits.peak:>5}  re-run from the cache")
        if limits.requests:
            failed = True
    server.shutdown()
    server.server_close()
    print("FAIL" if failed else "OK: within 15 % of the ideal, nothing throttled, re-run costs no request")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
