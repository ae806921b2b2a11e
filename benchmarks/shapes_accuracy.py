"""Per-shape field accuracy of the pipeline over the hand-checked corpus in tests/data/shapes/.

Each ``NAME.txt`` there has a hand-written ``NAME.expected.json``: its notes (printed
number; per citation the expected work's index, prefix and locator), its works
(type, first author's family name, title, year, publisher, place, container
title) and the reasons of the non-blank lines that must be dropped. Every field
compared counts once; a work's fields are compared on the work the pipeline
attached to the expected work's first citation.

Run: ``python benchmarks/shapes_accuracy.py`` (prints a Markdown table).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from haliref import Document, Note, parse_text

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "shapes"
WORK_FIELDS = ("type", "author", "title", "year", "publisher", "place", "container-title")


def shapes(corpus: Path = CORPUS) -> list[str]:
    return sorted(p.name.removesuffix(".expected.json") for p in corpus.glob("*.expected.json"))


#: FORMAT.md's types; its annotators write "document" for any other (an interview, a map, a broadcast)
_FORMAT_TYPES = frozenset({
    "book", "chapter", "article-journal", "article-magazine", "article-newspaper", "thesis", "report",
    "paper-conference", "webpage", "legal_case", "legislation", "manuscript", "entry-encyclopedia", "review",
    "document",
})


def _work_fields(csl: dict) -> dict:
    authors = csl.get("author") or csl.get("editor") or []
    first = authors[0] if authors else {}
    issued = (csl.get("issued") or {}).get("date-parts") or [[None]]
    return {
        "type": csl.get("type") if csl.get("type") in _FORMAT_TYPES else "document",
        # FORMAT.md's family name keeps its particle ("van der Linden"); CSL holds it apart as non-dropping
        "author": " ".join(part for part in (first.get("non-dropping-particle"), first.get("family")) if part)
        or first.get("literal"),
        "title": csl.get("title"),
        "year": issued[0][0] if issued[0] else None,
        "publisher": csl.get("publisher"),
        "place": csl.get("publisher-place"),
        # FORMAT.md has no archive field: its annotators put a letter's collection and call number here
        "container-title": csl.get("container-title")
        or ", ".join(csl[k] for k in ("archive", "archive_location") if csl.get(k)) or None,
        "issued": issued[0] if issued[0] else None,
    }


_PAGE_WORD = re.compile(r"^(?:pp?\.|pages?|pagg?\.|págs?\.|S\.)\s*")  # FORMAT.md's "without p./pp.", in any language


def _locator(text: str) -> str:
    return _PAGE_WORD.sub("", text).replace(" ", "")


_WORD = re.compile(r"\w{3,}|\d+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _note_similarity(want_words: list[str], want_number: int | None, note: Note) -> float:
    """How well an actual note fits an expected one: the share of the expected citations' words (their works'
    titles and authors, their locators) found in the note's text, plus one where both have the same number."""
    got = set(_words(note.text))
    content = sum(word in got for word in want_words) / len(want_words) if want_words else 0.0
    numbered = want_number is not None and want_number == note.number
    return content + (1.0 if numbered else 0.0)


_MIN_SIMILARITY = 0.5  # below this an expected note and an actual one are not the same note


def aligned_notes(expected: dict, notes: list[Note]) -> list[Note | None]:
    """For each expected note, the actual note it is (or None): the order-keeping pairing with the highest
    total similarity (Needleman-Wunsch, no cost for a note left unpaired), so that one note read twice or
    not at all does not shift every later note off its expectation."""
    wanted = []
    for number, cites in expected["notes"]:
        words: list[str] = []
        for cite in cites:
            work = expected["works"][cite[0]]
            words += _words(" ".join(str(work.get(key) or "") for key in ("author", "title")))
            words += _words(str(cite[2]))
        wanted.append((words, number))
    rows, cols = len(wanted), len(notes)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            similarity = _note_similarity(*wanted[i - 1], notes[j - 1])
            paired = best[i - 1][j - 1] + similarity if similarity >= _MIN_SIMILARITY else float("-inf")
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    pairs: list[Note | None] = [None] * rows
    i, j = rows, cols
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs[i - 1] = notes[j - 1]
            i, j = i - 1, j - 1
    return pairs


def _dropped_by_file_line(dropped: dict[str, str], text: str) -> dict[int, str]:
    """The expected dropped lines by their line in the file. FORMAT.md once said "the line numbers of the non-blank
    lines", which some annotators read as counting the non-blank lines only: where a page's numbers point at a
    blank line or past the end, and read so they all point at non-blank ones, they are read so."""
    lines = text.split("\n")
    numbers = {int(line): reason for line, reason in dropped.items()}
    if all(0 < n <= len(lines) and lines[n - 1].strip() for n in numbers):
        return numbers
    non_blank = [index + 1 for index, line in enumerate(lines) if line.strip()]
    if all(0 < n <= len(non_blank) for n in numbers):
        return {non_blank[n - 1]: reason for n, reason in numbers.items()}
    return numbers


def compare(
    name: str, corpus: Path = CORPUS, *, house_conventions: bool = True, document: Document | None = None,
    aligned: bool = False,
) -> tuple[list[tuple[str, bool, object, object]], tuple[int, int]]:
    """(field checks as (label, ok, expected, actual), (citations matched, citations expected or found)).

    ``house_conventions=False`` is for expectations written by someone who did not
    know haliref's conventions (the held-out corpus): a locator is compared
    without "p."/"pp.", a prefix without its closing comma or colon, and a dropped
    line only for being dropped (haliref's reasons are finer: "heading",
    "running head: page number" …). Content is compared exactly either way.
    ``document``: the input already parsed, so a caller that needs it too parses once.
    ``aligned``: expected notes are paired with actual ones by :func:`aligned_notes`, not by position.
    """
    expected = json.loads((corpus / f"{name}.expected.json").read_text(encoding="utf-8"))
    page = (corpus / f"{name}.txt").read_text(encoding="utf-8")
    if document is None:
        document = parse_text(page)
    checks: list[tuple[str, bool, object, object]] = []

    def check(label: str, want: object, got: object) -> None:
        checks.append((label, want == got, want, got))

    found_total = sum(len(n.citations) for n in document.notes)
    expected_total = sum(len(cites) for _, cites in expected["notes"])
    actual_notes = [n for n in document.notes if n.citations] if expected.get("skip_empty") else document.notes
    check("note count", len(expected["notes"]), len(actual_notes))
    work_of: dict[int, str] = {}
    matched = 0
    paired = (aligned_notes(expected, actual_notes) if aligned
              else [actual_notes[i] if i < len(actual_notes) else None for i in range(len(expected["notes"]))])
    for index, (number, cites) in enumerate(expected["notes"]):
        note = paired[index]
        check(f"note {index + 1} number", number, note.number if note else "missing")
        got = note.citations if note else []
        check(f"note {index + 1} citation count", len(cites), len(got))
        for position, cite in enumerate(cites):
            work_index, prefix, locator = cite[:3]
            citation = got[position] if position < len(got) else None
            label = f"note {index + 1} citation {position + 1}"
            if citation is None:
                checks.append((f"{label} missing", False, cite, None))
                continue
            matched += 1
            if house_conventions:
                check(f"{label} prefix", prefix, citation.prefix)
                check(f"{label} locator", locator, citation.locator)
            else:
                check(f"{label} prefix", prefix.rstrip(" ,:;"), citation.prefix.rstrip(" ,:;"))
                check(f"{label} locator", _locator(locator), _locator(citation.locator))
            if work_index in work_of:
                check(f"{label} work", work_of[work_index], citation.work)
            else:
                work_of[work_index] = citation.work
            if len(cite) > 3:
                check(f"{label} parenthetical", cite[3], citation.parenthetical)
    check("work count", len(expected["works"]), len(document.works))
    for work_index, want in enumerate(expected["works"]):
        key = work_of.get(work_index)
        actual = _work_fields(document.work(key).csl) if key else {}
        for field in (*WORK_FIELDS, "issued"):
            if field in want or field in WORK_FIELDS:
                check(f"work {work_index} {field}", want.get(field), actual.get(field, "missing"))
    reasons = {d.line: d.reason for d in document.dropped}
    for line, reason in _dropped_by_file_line(expected.get("dropped", {}), page).items():
        got_reason = reasons.get(int(line), "kept")
        good = got_reason.startswith(reason) if house_conventions else got_reason not in ("kept", "blank line")
        checks.append((f"line {line} dropped", good, reason, got_reason))
    return checks, (matched, max(expected_total, found_total))


def main() -> int:
    rows, all_ok, all_n, seg_ok, seg_n = [], 0, 0, 0, 0
    for name in shapes():
        checks, (matched, total) = compare(name)
        ok = sum(1 for c in checks if c[1])
        rows.append((name, ok, len(checks), matched, total))
        all_ok, all_n, seg_ok, seg_n = all_ok + ok, all_n + len(checks), seg_ok + matched, seg_n + total
        for label, good, want, got in checks:
            if not good and "-v" in sys.argv:
                print(f"  {name}: {label}: expected {want!r}, got {got!r}", file=sys.stderr)
    print("| shape | fields correct | field accuracy | citations found | segmentation |")
    print("|---|---:|---:|---:|---:|")
    for name, ok, n, matched, total in rows:
        print(
            f"| {name} | {ok}/{n} | {100 * ok / n:.1f} % | {matched}/{total} | {100 * matched / max(total, 1):.1f} % |"
        )
    print(f"| **all {len(rows)} shapes** | {all_ok}/{all_n} | {100 * all_ok / all_n:.1f} % "
          f"| {seg_ok}/{seg_n} | {100 * seg_ok / max(seg_n, 1):.1f} % |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
