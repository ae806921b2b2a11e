"""The page's server under the targets of issue 18, on a live local server (uvicorn, 127.0.0.1 only).

    python benchmarks/web_speed.py [--notes 2000] [--repeats 10]

Measures, as the page's script does it (one POST /api/read with the whole input):

* the bundled list, once the server has warmed up as ``haliref serve`` does
  (target: shown within 1 s);
* a paste of N different notes (the AnyStyle gold references, numbered
  1 … N, each once, so no cache helps; target: 2,000 notes within 5 s);
* the server's resident memory after each of R repeated pastes of that list
  (target: flat).

Only 127.0.0.1 is contacted; the loop is bounded by --repeats.
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"
GOLD = ROOT / "benchmarks" / "data" / "gold.xml"


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _notes(n: int) -> str:
    from haliref.parse.training import load_dataset

    refs = [" ".join(token for token, _ in seq) for seq in load_dataset(GOLD)]
    refs = (refs * (n // len(refs) + 1))[:n]
    return "".join(f"{i + 1}. {ref}\n" for i, ref in enumerate(refs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)

    import httpx
    import uvicorn

    from haliref.web.app import create_app
    from haliref.web.serve import _warm_up

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(token="bench"), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = time.perf_counter()
    _warm_up(None)
    print(f"warm-up (model, gazetteers, language data): {time.perf_counter() - started:.2f} s")
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    headers = {"X-Haliref-Token": "bench", "Origin": base}
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:

        def paste(text: str) -> float:
            began = time.perf_counter()
            response = client.post("/api/read", json={"text": text})
            response.raise_for_status()
            return time.perf_counter() - began

        print(f"bundled list (29 notes), first paste: {paste(SEED.read_text(encoding='utf-8')):.2f} s")
        text = _notes(args.notes)
        print(f"{args.notes:,} different notes ({len(text.encode()) / 1e6:.2f} MB), first paste: {paste(text):.2f} s")
        memory = []
        for _ in range(args.repeats):
            paste(text)
            memory.append(_rss_mb())
        print(f"server RSS after each of {args.repeats} repeated pastes (MB): " + ", ".join(f"{m:.0f}" for m in memory))
    server.should_exit = True
    thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
