"""The page's server under the targets of issue 18, on a live local server (uvicorn, 127.0.0.1 only).

    python benchmarks/web_speed.py [--notes 2000] [--repeats 10]

Measures, as the page's script does it (one POST /api/read with the whole input):

* the bundled list, once the server has warmed up as ``haliref serve`` does
  (target: shown within 1 s);
* a paste of N different notes (the AnyStyle gold references, numbered
  1 … N, each once, so no cache helps; target: 2,000 notes within 5 s);
* the server's resident memory after each of R repeated pastes of that list
  (target: flat).

Each paste is sent as the page sends it (``stream``: progress lines, then the view):
the figures are the wall seconds and the process's CPU seconds (the server runs
in this process: on a busy machine CPU time is the fairer figure), the time to
the first progress line, the seconds each stage took (from the progress lines:
the page reader's lines, the notes, merging and flags, then the view), and a
correction on the big list (one rule undone: the page re-sends the whole input).

Only 127.0.0.1 is contacted; the loop is bounded by --repeats.
"""

from __future__ import annotations

import argparse
import json
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

        def paste(text: str, **extra: object) -> str:
            began, cpu = time.perf_counter(), time.process_time()
            stages: dict[str, float] = {}
            first = None
            with client.stream("POST", "/api/read", json={"text": text, "stream": True, **extra}) as response:
                response.raise_for_status()
                for line in response.iter_lines():
                    now = time.perf_counter() - began
                    first = now if first is None else first
                    item = json.loads(line)
                    if "progress" in item:
                        stages.setdefault(item["progress"]["stage"], now)
                    elif "view" not in item:
                        raise SystemExit(f"error: {item}")
            wall, used = time.perf_counter() - began, time.process_time() - cpu
            marks = [*stages.items(), ("view", wall)]
            spans = ", ".join(f"{a} {marks[k + 1][1] - t:.2f}" for k, (a, t) in enumerate(marks[:-1]))
            return f"{wall:.2f} s wall, {used:.2f} s CPU (first progress after {first:.2f} s; {spans})"

        print(f"bundled list (29 notes), first paste: {paste(SEED.read_text(encoding='utf-8'))}")
        text = _notes(args.notes)
        print(f"{args.notes:,} different notes ({len(text.encode()) / 1e6:.2f} MB), first paste: {paste(text)}")
        print(f"  a correction on it (one rule undone): {paste(text, undo=['dash-repair'])}")
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
