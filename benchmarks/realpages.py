"""Real pages haliref has never seen: citations found and fields right, per page and per source kind.

    python benchmarks/realpages.py [-v] [--json OUT] [--corpus DIR] [--aligned]

Every page of ``benchmarks/realpages/`` (``NAME.txt`` with its hand-written
``NAME.expected.json``, annotated by someone who had not read the code, before
haliref first ran on it; see FORMAT.md and SOURCES.md) goes through the whole
pipeline. Scored as the held-out corpus is (benchmarks/shapes_accuracy.py,
without haliref's house conventions): *citations found* is the share of
expected citations matched in place (note by note); *fields right* counts every
expected field, note number, prefix, locator and dropped line once. A page
that holds references and ends in "no references found" is counted.
``-v`` lists every failed check on stderr. ``--corpus benchmarks/devpages`` scores
the development corpus instead (real pages annotated the same way, blind, but
used to develop and tune haliref: its figures measure coverage, not
generalization).

Notes are paired with their expectations by position (the first runs kept in
FIRST_RUN.md were scored so): one note read twice or not at all then puts every
later note of its page off its expectation. ``--aligned`` pairs them instead by
content and number, keeping their order (``shapes_accuracy.aligned_notes``), so
that such a slip costs what it costs: the README gives both.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import shapes_accuracy

from haliref import parse_text

PAGES = Path(__file__).resolve().parent / "realpages"
KINDS = {"notes": "publisher notes", "refs": "reference lists", "pdf": "PDF and document-site pastes",
         "misc": "other kinds"}


def measure(verbose: bool = False, pages: Path = PAGES, aligned: bool = False) -> dict[str, dict[str, int]]:
    rows: dict[str, dict[str, int]] = {}
    for name in shapes_accuracy.shapes(pages):
        document = parse_text((pages / f"{name}.txt").read_text(encoding="utf-8"))
        checks, (matched, total) = shapes_accuracy.compare(name, pages, house_conventions=False, document=document,
                                                          aligned=aligned)
        rows[name] = {
            "found": matched, "expected": total,
            "fields_ok": sum(1 for check in checks if check[1]), "fields": len(checks),
            "nothing_found": int(not any(note.citations for note in document.notes)),
        }
        if verbose:
            for label, good, want, got in checks:
                if not good:
                    print(f"  {name}: {label}: expected {want!r}, got {got!r}", file=sys.stderr)
    return rows


def _row(label: str, found: int, expected: int, ok: int, fields: int, empty: int) -> str:
    return (f"| {label} | {found}/{expected} | {100 * found / max(expected, 1):.1f} % | {ok}/{fields} "
            f"| {100 * ok / max(fields, 1):.1f} % | {empty} |")


def main() -> int:
    pages = Path(sys.argv[sys.argv.index("--corpus") + 1]) if "--corpus" in sys.argv else PAGES
    rows = measure("-v" in sys.argv, pages, aligned="--aligned" in sys.argv)
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print("| page | citations found | share | fields right | share | no references found |")
    print("|---|---:|---:|---:|---:|---:|")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for name, row in rows.items():
        print(_row(name, row["found"], row["expected"], row["fields_ok"], row["fields"], row["nothing_found"]))
        for kind in (KINDS.get(name.split("-")[0], "other kinds"), "all"):
            for i, key in enumerate(("found", "expected", "fields_ok", "fields", "nothing_found")):
                by_kind[kind][i] += row[key]
    for kind, totals in sorted(by_kind.items(), key=lambda item: item[0] == "all"):
        pages = sum(1 for n in rows if kind == "all" or KINDS.get(n.split("-")[0], "other kinds") == kind)
        print(_row(f"**{kind} ({pages} pages)**", *totals))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
