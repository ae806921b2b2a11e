"""A big scraped list through the whole pipeline: time and peak memory.

    python benchmarks/big_file.py [--mb 20] [--restart 0] [--distinct 0.3] [--one-line] [--keep FILE]

Generates a plausible notes list of about ``--mb`` megabytes (numbered notes
made from the lines of tests/data/*.txt and the halliday seed with varied authors,
titles, years and pages, ibids, link noise and blank lines, and a share of
made-up notes that are nearly all distinct works), writes it to a
temporary file and runs ``haliref bib`` on it in a child process, then reports
wall time, notes per second and the child's peak RSS (``resource.getrusage``).
``--restart N`` restarts the numbering every N notes (chapters), the shape of
an endnotes section of a whole book; ``--one-line`` writes it all on one line
(a paste that lost its line breaks).

``haliref bib`` streams a single input block by block (``scale/stream.py``): each block
read by the pipeline's front, its citations through the one merge stage, whose works
wait on disk (``scale/shelf.py``), so peak RSS should stay flat as the input
grows: run two sizes and compare. The child's RSS is also sampled along the run
(Linux), to show where it levels off.
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
    seed = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"
    for path in [*sorted((ROOT / "tests" / "data").glob("*.txt")), seed]:
        for line in path.read_text(encoding="utf-8").splitlines():
            body = _MARK.sub("", line).strip()
            if len(body) > 40 and re.search(r"\d{4}", body):
                lines.append(body)
    return lines


_GIVEN = ["Ann", "Bo", "Cleo", "Dev", "Eun", "Farid", "Greta", "Hugo", "Ines", "Jun"]
_SYLLABLES = [
    "Ab", "Bel", "Cor", "Dun", "Ek", "Fal", "Gor", "Hal", "Ist", "Jor", "Kel", "Lom", "Mar", "Nor", "Ost", "Pel",
    "Quin", "Ros", "Sel", "Tor",
]
_WORDS = [
    "Empire", "Harbour", "Frontier", "Ledger", "Parish", "Famine", "Charter", "Guild", "Mill", "Canal", "Tithe",
    "Dowry", "Almanac", "Border", "Memory", "Exile", "Market", "River", "Crown", "Labour", "Treaty", "Province",
    "Schism", "Archive", "Pilgrim", "Mission", "Railway", "Garrison", "Orchard", "Quarry", "Chapel", "Famine", "Census",
    "Tariff", "Militia", "Republic", "Salon", "Press", "Ghetto", "Harvest",
]


def generate(
    path: Path, megabytes: float, restart: int, distinct: float = 0.3, one_line: bool = False, seed: int = 1
) -> int:
    """Write the list; ``distinct`` is the share of notes made up from a word list, almost all
    of them distinct works (the rest vary real notes, which repeat their works)."""
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
            elif rng.random() < distinct:
                surname = (rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES).lower()).capitalize()
                body = (f"{rng.choice(_GIVEN)} {surname}, {rng.choice(_WORDS)} and "
                        f"{rng.choice(_WORDS)} in {rng.choice(_WORDS)} {rng.choice(_WORDS)} "
                        f"(London: Faber, {rng.randint(1800, 2024)}), p. {rng.randint(1, 900)}.")
            else:
                body = rng.choice(templates)
                body = re.sub(r"\b(1[89]\d\d|20[0-2]\d)\b", lambda _: str(rng.randint(1800, 2024)), body, count=1)
                body = f"{rng.choice(surnames)}{notes % 997}, " + body if roll < 0.5 else body
            line = f"{number}. {body}\n"
            if roll > 0.95:
                line += rng.choice(["CrossRef\n", "Google Scholar\n", "\n"])
            if one_line:  # the whole list pasted without its line breaks
                line = line.replace("\n", " ")
            out.write(line)
            written += len(line.encode("utf-8"))
    return notes


_CHILD = """
import resource, sys, time
from haliref.cli import main
start = time.perf_counter()
code = main(["bib", sys.argv[1], "-o", sys.argv[2]])
elapsed = time.perf_counter() - start
print(code, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _sample_rss(child: subprocess.Popen, every: float = 0.5) -> list[float]:
    """The child's resident memory (MB) every ``every`` seconds until it ends (Linux /proc; else [])."""
    status = Path(f"/proc/{child.pid}/status")
    samples: list[float] = []
    while child.poll() is None:
        try:
            line = next(x for x in status.read_text().splitlines() if x.startswith("VmRSS:"))
            samples.append(int(line.split()[1]) / 1024)
        except (OSError, StopIteration):
            pass
        time.sleep(every)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="input size in MB (default 20)")
    parser.add_argument("--restart", type=int, default=0, help="restart note numbers every N notes")
    parser.add_argument("--keep", help="also keep the generated input here")
    parser.add_argument("--one-line", action="store_true", help="the whole input on one line")
    parser.add_argument("--distinct", type=float, default=0.3,
                        help="share of notes that are made-up, mostly distinct works (default 0.3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(args.keep) if args.keep else Path(folder) / "big.txt"
        start = time.perf_counter()
        notes = generate(source, args.mb, args.restart, args.distinct, args.one_line)
        size = source.stat().st_size
        print(f"generated {size / 1e6:.1f} MB, {notes} notes in {time.perf_counter() - start:.1f}s")
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(source), str(Path(folder) / "big.bib")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        samples = _sample_rss(child)
        stderr = child.stderr.read() if child.stderr else ""
        last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
        try:
            code, elapsed, rss_kb = last.split()
        except ValueError:
            print(f"the run failed (exit {child.returncode}):\n{stderr[-2000:]}")
            return
        rss_mb = int(rss_kb) / 1024  # Linux reports kilobytes
        out = Path(folder) / "big.bib"
        print(f"haliref bib: exit {code}, {float(elapsed):.1f}s, {notes / float(elapsed):.0f} notes/s, "
              f"{size / 1e6 / float(elapsed):.2f} MB/s")
        print(f"peak RSS {rss_mb:.0f} MB for a {size / 1e6:.1f} MB input ({rss_mb / (size / 1e6):.0f}× the input)")
        if samples:
            print("RSS along the run (share of wall time: MB): " + ", ".join(
                f"{share}%: {samples[min(len(samples) - 1, len(samples) * share // 100)]:.0f}"
                for share in (10, 25, 50, 75, 90, 100)))
        if out.exists():
            print(f"output {out.stat().st_size / 1e6:.1f} MB")
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"(this driver process: {base:.0f} MB)")


if __name__ == "__main__":
    main()
