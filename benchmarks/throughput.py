"""Throughput and memory: end-to-end parse → .bib, the raw CRF floor, startup time.

    python benchmarks/throughput.py [--sizes 10000 100000] [--runs 5] [--markdown]

``--markdown`` prints the tables as Markdown (for the README), else as aligned text.

Every measurement runs in its own subprocess, so the peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) belongs to that size alone.

* ``e2e``: the bundled list (seeds/halliday-1999-export-of-revolution.txt) is
  processed again and again, as a stream of lists (each copy is one document:
  repeating the text inside one document would only repeat the same notes),
  ``parse_text`` → ``to_bibtex`` → written to a file, until N references
  (citations) have been parsed. Nothing is kept between lists.
* ``gold``: the AnyStyle gold references (benchmarks/data/gold.xml), as numbered
  lists of 100 references, end to end as above.
* ``gold, distinct``: each gold list once (every reference different, so the
  bounded per-citation caches never hit): the cost of unseen references.
* ``crf``: the raw CRF tagging alone (tokenize + features + crfsuite tag +
  marginals) on the same citation strings: the floor of the parse stage.
* ``render``: ``render(document, style, what="all", fmt="text", ibid=True)``
  of the parsed bundled list (notes and bibliography), again and again; the
  rate counts the list's references (citations) rendered. Rendering (citeproc-py)
  is ~100 references/s, so it runs on at most ``--render-max`` references.
* ``refextract``: ``refextract.extract_references_from_string`` on the same
  strings, one list per copy, if refextract is installed (skipped otherwise; it
  is not a haliref dependency).
  refextract is ~30 references/s, so it runs on at most ``--refextract-max``
  references (default 2,000) whatever the size.
* ``batch``: ``haliref bib DIR -o OUTDIR --jobs N`` on the bundled list copied to
  ``--files`` files (wall clock, whole command, all cores by default).
* startup: ``haliref --help`` and ``haliref bib`` on the one bundled list, best
  of ``--runs`` wall-clock times (subprocess, cold interpreter each time).

All figures come from one run on one machine; compare them as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"
GOLD = ROOT / "benchmarks" / "data" / "gold.xml"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _seed_strings() -> list[str]:
    from haliref import parse_text

    document = parse_text(SEED.read_text(encoding="utf-8"))
    return [c.text for note in document.notes for c in note.citations]


def _gold_lists(per_list: int = 100) -> list[str]:
    from haliref.parse.training import load_dataset

    refs = [" ".join(token for token, _ in seq) for seq in load_dataset(GOLD)]
    return [
        "\n".join(f"{i + 1}. {ref}" for i, ref in enumerate(refs[start : start + per_list])) + "\n"
        for start in range(0, len(refs), per_list)
    ]


# --------------------------------------------------------------------------- children
def child_e2e(n: int, texts: list[str], warm_up: str | None = None) -> dict:
    from haliref import parse_text, to_bibtex

    parse_text(warm_up or texts[0])  # load the model and the gazetteers: not part of the rate
    start = time.perf_counter()
    refs = lists = 0
    with tempfile.TemporaryFile("w", encoding="utf-8") as sink:
        while refs < n:
            for text in texts:
                document = parse_text(text, today_year=2026)
                sink.write(to_bibtex(document.works))
                refs += sum(len(note.citations) for note in document.notes)
                lists += 1
                if refs >= n:
                    break
    seconds = time.perf_counter() - start
    return {"refs": refs, "lists": lists, "seconds": seconds, "rss_mb": _rss_mb()}


def child_crf(n: int, strings: list[str]) -> dict:
    from haliref.parse.tagger import default_tagger, tokenize

    tagger = default_tagger()
    tagger.tag_tokens(["warm", "up"])
    start = time.perf_counter()
    for i in range(n):
        tagger.tag_tokens([t.text for t in tokenize(strings[i % len(strings)])])
    seconds = time.perf_counter() - start
    return {"refs": n, "seconds": seconds, "rss_mb": _rss_mb()}


def child_render(n: int, text: str, style: str = "notes-bibliography") -> dict:
    from haliref import parse_text
    from haliref.render.chicago import render

    document = parse_text(text, today_year=2026)
    per_document = sum(len(note.citations) for note in document.notes)
    render(document, style=style, what="all", fmt="text", ibid=True)  # parse the style once
    start = time.perf_counter()
    refs = 0
    while refs < n:
        render(document, style=style, what="all", fmt="text", ibid=True)
        refs += per_document
    seconds = time.perf_counter() - start
    return {"refs": refs, "seconds": seconds, "rss_mb": _rss_mb()}


def child_refextract(n: int, strings: list[str]) -> dict:
    try:
        from refextract import extract_references_from_string
    except ImportError:
        return {"skipped": "refextract is not installed"}
    text = "\n".join(f"[{i + 1}] {s}" for i, s in enumerate(strings))
    extract_references_from_string(text)  # warm up (knowledge bases)
    start = time.perf_counter()
    refs = 0
    while refs < n:
        extract_references_from_string(text)
        refs += len(strings)
    seconds = time.perf_counter() - start
    return {"refs": refs, "seconds": seconds, "rss_mb": _rss_mb()}


def _child(kind: str, n: int) -> dict:
    if kind == "e2e":
        return child_e2e(n, [SEED.read_text(encoding="utf-8")])
    if kind == "gold":
        return child_e2e(n, _gold_lists())
    if kind == "gold-distinct":
        return child_e2e(n, _gold_lists(), warm_up=SEED.read_text(encoding="utf-8"))
    if kind == "render":
        return child_render(n, SEED.read_text(encoding="utf-8"))
    if kind == "crf":
        return child_crf(n, _seed_strings())
    if kind == "refextract":
        return child_refextract(n, _seed_strings())
    raise SystemExit(f"unknown kind {kind}")


def run_child(kind: str, n: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(n)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def best_of(command: list[str], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> str:
    """Markdown (first column left, the others right-aligned) or plain aligned text."""
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=False)))
        for row in [header, *rows]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    ap.add_argument("--runs", type=int, default=5, help="startup: best of this many runs")
    ap.add_argument("--skip", nargs="*", default=[],
                    choices=["gold", "crf", "render", "refextract", "batch", "startup"])
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--refextract-max", type=int, default=2_000)
    ap.add_argument("--render-max", type=int, default=2_000)
    ap.add_argument("--files", type=int, default=300, help="batch: this many copies of the bundled list")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1], help="batch: --jobs values")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child[0], int(args.child[1]))))
        return 0

    rows: list[list[str]] = []

    def add(name: str, res: dict) -> None:
        if "skipped" in res:
            rows.append([name, "–", "–", res["skipped"]])
            return
        rows.append([name, f"{res['refs']:,}", f"{res['refs'] / res['seconds']:,.0f}", f"{res['rss_mb']:.0f}"])

    gold_total = sum(text.count("\n") for text in _gold_lists())
    for n in args.sizes:
        add(f"end-to-end parse → .bib, bundled list × {n:,}", run_child("e2e", n))
        if "gold" not in args.skip:
            add(f"end-to-end parse → .bib, AnyStyle gold × {n:,}", run_child("gold", n))
        if "crf" not in args.skip:
            add("raw CRF tagging alone (floor)", run_child("crf", n))
        if "render" not in args.skip:
            m = min(n, args.render_max)
            add(f"render notes + bibliography (text), bundled list (× {m:,})", run_child("render", m))
        if "refextract" not in args.skip:
            m = min(n, args.refextract_max)
            add(f"refextract, same strings (× {m:,})", run_child("refextract", m))
    if "gold" not in args.skip:
        add("end-to-end parse → .bib, AnyStyle gold, each reference once", run_child("gold-distinct", gold_total))

    print(_table(["measurement", "references", "references/s", "peak RSS (MB)"], rows, args.markdown))
    exe = shutil.which("haliref") or str(Path(sys.executable).parent / "haliref")
    if "batch" not in args.skip:
        per_list = len(_seed_strings())
        batch_rows = []
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            for i in range(args.files):
                shutil.copy(SEED, folder / f"list{i:05d}.txt")
            for jobs in dict.fromkeys(args.jobs):
                start = time.perf_counter()
                subprocess.run([exe, "bib", str(folder), "-o", str(Path(tmp) / f"out{jobs}"), "--jobs", str(jobs)],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                wall = time.perf_counter() - start
                batch_rows.append([f"`--jobs {jobs}`", f"{wall:.1f}", f"{args.files * per_list / wall:,.0f}"])
        print()
        print(_table([f"`haliref bib DIR -o OUT` ({args.files} files, {args.files * per_list:,} references)",
                      "wall (s)", "references/s"], batch_rows, args.markdown))
    if "startup" not in args.skip:
        with tempfile.TemporaryDirectory() as tmp:
            help_s = best_of([exe, "--help"], args.runs)
            one_s = best_of([exe, "bib", str(SEED), "-o", os.path.join(tmp, "out.bib")], args.runs)
        print()
        print(_table([f"startup (best of {args.runs})", "seconds"],
                     [["`haliref --help`", f"{help_s:.3f}"], ["`haliref bib` on the bundled list", f"{one_s:.3f}"]],
                     args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
