"""Speed on references never seen before (issue 15's target, issue 18's 2,000-note paste), one process, one core.

    python benchmarks/distinct_speed.py [--runs 3] [--notes 2000]

Two inputs, each parsed whole by ``parse_text`` (read → parse → normalize →
merge → keys → flags), every cache emptied and a fresh labeller before each
run, so nothing is reused from an earlier run:

* ``gold lines``: AnyStyle's gold references that are not in ``core.xml``
  (1,460), one per line, citation numbers removed, as ``gold_lines.py`` reads
  them: every reference distinct;
* ``numbered notes``: the first N gold references numbered 1 … N, one note a
  line, as ``web_speed.py`` pastes them.

For each: the process's CPU seconds (fairer than wall seconds on a shared
machine), the wall seconds, references/s on CPU time, and the CPU seconds of
the three stages (the page reader, the notes: their citations split, labelled
and normalized, and the tail: merge, keys, offsets, flags). The model, the
gazetteers and the language data are loaded once before the runs (a first
parse of the bundled list, not counted), as in ``haliref serve`` or a batch;
the first line gives that start-up cost. The best of ``--runs`` is reported.
``--anystyle`` times AnyStyle 1.6 on the same gold lines, one of its runs
after each of haliref's (``anystyle_parse_time.rb``, in a Ruby process of its
own, its model loaded and warmed first): AnyStyle is installed from source for
development only (``../shared/tools/anystyle/README.md``; ``--anystyle-env``
names its ``env.sh``), never a dependency.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gold_lines

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"


def _numbered_notes(count: int) -> str:
    from haliref.parse.training import load_dataset

    refs = [" ".join(token for token, _ in seq) for seq in load_dataset(ROOT / "benchmarks" / "data" / "gold.xml")]
    refs = (refs * (count // len(refs) + 1))[:count]
    return "".join(f"{i + 1}. {ref}\n" for i, ref in enumerate(refs))


ANYSTYLE_ENV = ROOT.parent / "shared" / "tools" / "anystyle" / "env.sh"
_ANYSTYLE_RATE = re.compile(r"refs_per_cpu_second=([\d.]+)")


def _anystyle_rate(text: str, env: Path) -> float:
    """AnyStyle's references per CPU second on the same lines (``anystyle_parse_time.rb``), in a process of its
    own: its model loaded once and warmed before the timed parse, as haliref's is."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as lines:
        lines.write(text)
        lines.flush()
        script = Path(__file__).with_name("anystyle_parse_time.rb")
        shell = f". {shlex.quote(str(env))} >/dev/null && ruby {shlex.quote(str(script))} {shlex.quote(lines.name)}"
        done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=True)
    found = _ANYSTYLE_RATE.search(done.stdout)
    if found is None:
        raise SystemExit(f"AnyStyle gave no rate: {done.stdout.strip()} {done.stderr.strip()}")
    return float(found.group(1))


def _fresh() -> None:
    from haliref import caches
    from haliref.parse import tagger

    caches.clear_all()  # default_tagger's too: a new labeller, its labelling cache empty
    tagger.default_tagger()


def _one_run(text: str) -> dict[str, float]:
    from haliref import pipeline

    _fresh()
    wall, cpu = time.perf_counter(), time.process_time()
    pipeline._segmented(text)  # the page reader (kept for the two stages below, as a correction would)
    read_cpu = time.process_time()
    reading = pipeline.read(text)
    notes_cpu = time.process_time()
    pipeline.finish(text, reading, today_year=2026)
    end_cpu = time.process_time()
    return {
        "wall": time.perf_counter() - wall,
        "cpu": end_cpu - cpu,
        "reader": read_cpu - cpu,
        "notes": notes_cpu - read_cpu,
        "tail": end_cpu - notes_cpu,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--anystyle", action="store_true",
                        help="also time AnyStyle on the gold lines, run by run alternately (installed from source)")
    parser.add_argument("--anystyle-env", type=Path, default=ANYSTYLE_ENV)
    args = parser.parse_args(argv)

    started, started_cpu = time.perf_counter(), time.process_time()
    from haliref import parse_text
    from haliref.normalize.language import load_detector

    parse_text(SEED.read_text(encoding="utf-8"), today_year=2026)
    load_detector()  # lingua's models stay loaded once read, as the labeller's model does: not part of a run
    print(f"start-up (imports, model, gazetteers, language data; the bundled list once): "
          f"{time.perf_counter() - started:.2f} s wall, {time.process_time() - started_cpu:.2f} s CPU")
    golds = [gold_lines.gold_fields(sequence) for sequence in gold_lines.gold_references()]
    inputs = {
        f"gold lines ({len(golds):,})": ("\n".join(g["line"] for g in golds) + "\n", len(golds)),
        f"numbered notes ({args.notes:,})": (_numbered_notes(args.notes), args.notes),
    }
    print("| input | CPU s | wall s | references/s (CPU) | page reader | notes | merge, keys, flags |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    anystyle: list[float] = []
    gold_rate = 0.0
    for name, (text, count) in inputs.items():
        runs = []
        for _ in range(args.runs):
            runs.append(_one_run(text))
            if args.anystyle and name.startswith("gold"):
                anystyle.append(_anystyle_rate(text, args.anystyle_env))
        best = min(runs, key=lambda run: run["cpu"])
        print(f"| {name} | {best['cpu']:.2f} | {best['wall']:.2f} | {count / best['cpu']:,.0f} "
              f"| {best['reader']:.2f} | {best['notes']:.2f} | {best['tail']:.2f} |")
        if name.startswith("gold"):
            gold_rate = count / best["cpu"]
    if anystyle:
        print(f"AnyStyle on the gold lines, in the same run (best of {len(anystyle)}): {max(anystyle):,.0f} "
              f"references/s (CPU); haliref / AnyStyle = {gold_rate / max(anystyle):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
