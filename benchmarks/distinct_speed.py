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
AnyStyle 1.6 parsed the same gold lines at 534–576 references/s on this
machine (README).
"""

from __future__ import annotations

import argparse
import sys
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
    for name, (text, count) in inputs.items():
        best = min((_one_run(text) for _ in range(args.runs)), key=lambda run: run["cpu"])
        print(f"| {name} | {best['cpu']:.2f} | {best['wall']:.2f} | {count / best['cpu']:,.0f} "
              f"| {best['reader']:.2f} | {best['notes']:.2f} | {best['tail']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
