"""Real pages haliref has never seen: citations found and fields right, per page and per source kind.

    python benchmarks/realpages.py [-v] [--json OUT] [--corpus DIR] [--aligned] [--by-check]

Every page of ``benchmarks/realpages/`` (``NAME.txt`` with its hand-written
``NAME.expected.json``, annotated by someone who had not read the code, before
haliref first ran on it; see FORMAT.md and SOURCES.md) goes through the whole
pipeline. Scored as the held-out corpus is (benchmarks/shapes_accuracy.py,
without haliref's house conventions): *citations found* is the share of
expected citations matched in place (note by note); *fields right* counts every
expected field, note number, prefix, locator and dropped line once. A page
that holds references and ends in "no references found" is counted.
``-v`` lists every failed check on stderr; ``--by-check`` adds a table of the checks
by kind (note number, prefix, locator, each work field, dropped line …) over all
pages, which says where fields are lost without showing any page's content. ``--corpus benchmarks/devpages`` scores
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


def check_kind(label: str) -> str:
    """A check's kind, its label without the note, citation, work or line it is about."""
    words = label.split()
    if words[0] in ("note", "work") and len(words) > 2 and words[1].isdigit():
        words = words[2:]
        if words[0] == "citation" and len(words) > 1 and words[1].isdigit():
            words = ["citation", *words[2:]] if len(words) > 2 else ["citation"]
    elif words[0] == "line":
        words = words[2:]
    return " ".join(words)


def measure(verbose: bool = False, pages: Path = PAGES, aligned: bool = False,
            by_check: dict[str, list[int]] | None = None) -> dict[str, dict[str, int]]:
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
        if by_check is not None:
            for label, good, _, _ in checks:
                tally = by_check.setdefault(check_kind(label), [0, 0])
                tally[0] += int(good)
                tally[1] += 1
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
    by_check: dict[str, list[int]] | None = {} if "--by-check" in sys.argv else None
    rows = measure("-v" in sys.argv, pages, aligned="--aligned" in sys.argv, by_check=by_check)
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
    if by_check is not None:
        print("\n| check | right | checks | share | lost |\n|---|---:|---:|---:|---:|")
        for kind, (ok, total) in sorted(by_check.items(), key=lambda item: item[1][0] - item[1][1]):
            print(f"| {kind} | {ok} | {total} | {100 * ok / max(total, 1):.1f} % | {total - ok} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
