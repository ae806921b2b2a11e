"""Rendering speed: entries per second for 10,000 entries (dev benchmark).

    python benchmarks/render_speed.py [-n 10000] [--style notes-bibliography]

Builds a document of N works (variants of tests/data/chicago_items.json, each
with a distinct author and title so nothing collapses), one note per work and a
bibliography, renders it once and reports bibliography entries/s, notes/s and the
time to parse the style (done once per process, not per entry).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from haliref.model import Citation, Document, Note, Work
from haliref.render.chicago import STYLES, render_entries
from haliref.render.engine import _load_style

ITEMS = Path(__file__).resolve().parents[1] / "tests" / "data" / "chicago_items.json"


def build(n: int) -> Document:
    base = json.loads(ITEMS.read_text(encoding="utf-8"))
    works, notes = [], []
    for i in range(n):
        item = dict(base[i % len(base)])
        item.pop("id")
        if item.get("author") and "family" in item["author"][0]:
            item["author"] = [dict(item["author"][0], family=f"{item['author'][0]['family']}{i}")]
        item["title"] = f"{item.get('title', 'Untitled')} {i}"
        works.append(Work(f"w{i}", item))
        notes.append(Note(i + 1, [i + 1], "", citations=[Citation(f"w{i}", "", locator=f"p. {i % 300 + 1}")]))
    return Document(notes=notes, works=works, dropped=[])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--style", default="notes-bibliography", choices=list(STYLES))
    args = ap.parse_args()
    t = time.perf_counter()
    _load_style(STYLES[args.style][0])
    parse = time.perf_counter() - t
    document = build(args.n)
    t = time.perf_counter()
    bib = render_entries(document, style=args.style, notes=False).bibliography
    t_bib = time.perf_counter() - t
    t = time.perf_counter()
    notes = render_entries(document, style=args.style, ibid=False, bibliography=False).notes
    t_notes = time.perf_counter() - t
    print(f"style {args.style}: parsed once in {parse * 1000:.0f} ms")
    print(f"bibliography: {len(bib)} entries in {t_bib:.1f} s = {len(bib) / t_bib:.0f} entries/s")
    print(f"notes:        {len(notes)} notes in {t_notes:.1f} s = {len(notes) / t_notes:.0f} notes/s")


if __name__ == "__main__":
    main()
