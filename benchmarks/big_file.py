"""A big scraped list through the whole pipeline: time and peak memory.

    python benchmarks/big_file.py [--mb 20] [--restart 0] [--keep FILE]

Generates a plausible notes list of about ``--mb`` megabytes (numbered notes
made from the lines of tests/data/*.txt and the halliday seed with varied authors,
titles, years and pages, ibids, link noise and blank lines), writes it to a
temporary file and runs ``haliref bib`` on it in a child process, then reports
wall time, notes per second and the child's peak RSS (``resource.getrusage``).
``--restart N`` restarts the numbering every N notes (chapters), the shape of
an endnotes section of a whole book.

``haliref bib`` streams a single input block by block (``_stream.py``), so
peak RSS should stay flat as the input grows: run two sizes and compare.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_MARK = re.compile(r"^\s*\[?\d{1,4}[.)\]]?\s+")


def _templates() -> list[str]:
    lines = []
    # notes lists only: the mlq seed is running prose and would switch haliref to its prose mode
    for path in sorted((ROOT / "tests" / "data").glob("*.txt")) + [ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            body = _MARK.sub("", line).strip()
            if len(body) > 40 and re.search(r"\d{4}", body):
                lines.append(body)
    return lines


def generate(path: Path, megabytes: float, restart: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    templates = _templates()
    surnames = ["Roe", "Poe", "Doe", "Müller", "Ōta", "García", "O'Brien", "Smith", "Nguyen", "Kowalski"]
    limit = int(megabytes * 1_000_000)
    written = notes = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        number = 0
        while written < limit:
            number = number + 1 if not restart or number < restart else 1
            notes += 1
            roll = rng.random()
            if roll < 0.15 and notes > 1:
                body = f"Ibid., {rng.randint(1, 900)}."
            else:
                body = rng.choice(templates)
                body = re.sub(r"\b(1[89]\d\d|20[0-2]\d)\b", lambda _: str(rng.randint(1800, 2024)), body, count=1)
                body = f"{rng.choice(surnames)}{notes % 997}, " + body if roll < 0.5 else body
            line = f"{number}. {body}\n"
            if roll > 0.95:
                line += rng.choice(["CrossRef\n", "Google Scholar\n", "\n"])
            out.write(line)
            written += len(line.encode("utf-8"))
    return notes


_CHILD = """
import resource, sys, time
from haliref._cli import main
start = time.perf_counter()
code = main(["bib", sys.argv[1], "-o", sys.argv[2]])
elapsed = time.perf_counter() - start
print(code, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="input size in MB (default 20)")
    parser.add_argument("--restart", type=int, default=0, help="restart note numbers every N notes")
    parser.add_argument("--keep", help="also keep the generated input here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(args.keep) if args.keep else Path(folder) / "big.txt"
        start = time.perf_counter()
        notes = generate(source, args.mb, args.restart)
        size = source.stat().st_size
        print(f"generated {size / 1e6:.1f} MB, {notes} notes in {time.perf_counter() - start:.1f}s")
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(source), str(Path(folder) / "big.bib")],
            capture_output=True, text=True,
        )
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        try:
            code, elapsed, rss_kb = last.split()
        except ValueError:
            print(f"the run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
            return
        rss_mb = int(rss_kb) / 1024  # Linux reports kilobytes
        out = Path(folder) / "big.bib"
        print(f"haliref bib: exit {code}, {float(elapsed):.1f}s, {notes / float(elapsed):.0f} notes/s, "
              f"{size / 1e6 / float(elapsed):.2f} MB/s")
        print(f"peak RSS {rss_mb:.0f} MB for a {size / 1e6:.1f} MB input ({rss_mb / (size / 1e6):.0f}× the input)")
        if out.exists():
            print(f"output {out.stat().st_size / 1e6:.1f} MB")
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"(this driver process: {base:.0f} MB)")


if __name__ == "__main__":
    main()
