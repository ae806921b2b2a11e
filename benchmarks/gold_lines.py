"""The whole pipeline on AnyStyle's gold set written as a plain list, one reference per line.

    python benchmarks/gold_lines.py [-v]

The gold references that are not in the training file (``core.xml``) are
written one per line, citation numbers removed, and read as one document by
``parse_text``, as a user's pasted list would be. Reports the share of lines
that became exactly one citation, and of title, year, container and first
author that came out right (each compared after folding case, accents and
punctuation; the first author by family name). A word broken by a PDF's line end
and kept with a space ("Con- gestion", as the gold labels hold it) is compared
joined on both sides, so that haliref's repair of it (``broken-word``) is
neither rewarded nor counted a miss. ``-v`` prints each miss of the second reading.

Two readings of the gold are scored. *As labelled* takes each gold span as it
stands. *As a citation means it* reads two of the gold's labelling habits the
way a bibliography does: a chapter's "In" (and "In:", "In the") that the gold
labels as part of the container is dropped, as AnyStyle's own container
normalizer (``lib/anystyle/normalizer/container.rb``) and CSL's container-title
drop it; and a repeated-author dash ("———.", "______.") that the gold labels as
the author stands for the nearest author above it in the list.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import parser_accuracy

from haliref import parse_text
from haliref.parse.training import load_dataset

HERE = Path(__file__).resolve().parent


def fold(text: str | None) -> str:
    text = re.sub(r"(?<=[^\W\d_])- (?=[^\W\d_])", "", text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_CHAPTER_IN = re.compile(r"[Ii]n(?::|\s+the)?\s+(?=\S)")


def container_as_cited(text: str) -> str:
    """The gold container without the chapter's "In" (kept when a lower-case word follows, as AnyStyle keeps it)."""
    leading = _CHAPTER_IN.match(text)
    if leading and not text[leading.end()].islower():
        return text[leading.end():]
    return text


def gold_fields(sequence: list[tuple[str, str]]) -> dict[str, str]:
    spans: dict[str, list[str]] = {}
    for token, label in sequence:
        spans.setdefault(label, []).append(token)
    text = {label: " ".join(tokens) for label, tokens in spans.items()}
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)", text.get("date", ""))
    names = text.get("author") or text.get("editor") or ""
    container = text.get("journal") or text.get("container-title")
    return {
        "line": " ".join(token for token, label in sequence if label != "citation-number"),
        "title": fold(text.get("title")),
        "year": year.group(1) if year else "",
        "container": fold(container),
        "author": fold(names)[:40],
        "author_dash": "yes" if names.strip() and not fold(names) else "",
        "container_as_cited": fold(container_as_cited(container or "")),
    }


def as_cited(golds: list[dict[str, str]]) -> list[dict[str, str]]:
    """The gold as a citation means it: the chapter's "In" dropped, a dash standing for the author above."""
    cited = []
    above = ""
    for gold in golds:
        author = above if gold["author_dash"] else gold["author"]
        above = author
        cited.append({**gold, "container": gold["container_as_cited"], "author": author})
    return cited


def gold_references() -> list[list[tuple[str, str]]]:
    core = {parser_accuracy._key(s) for s in load_dataset(parser_accuracy.core_path())}
    return [s for s in load_dataset(HERE / "data" / "gold.xml") if parser_accuracy._key(s) not in core]


def measure(verbose: bool = False) -> dict[str, dict[str, float]]:
    """Both readings of the gold scored on one parse of the list."""
    golds = [gold_fields(s) for s in gold_references()]
    document = parse_text("\n".join(g["line"] for g in golds) + "\n")
    per_line: dict[int, list] = {}
    for note in document.notes:
        for citation in note.citations:
            for line in note.lines[:1]:
                per_line.setdefault(line, []).append(citation)
    return {
        "as labelled": score(golds, document, per_line, verbose=False),
        "as a citation means it": score(as_cited(golds), document, per_line, verbose),
    }


def score(golds: list[dict[str, str]], document, per_line: dict[int, list], verbose: bool) -> dict[str, float]:
    one = 0
    right = {"title": 0, "year": 0, "container": 0, "author": 0}
    for number, gold in enumerate(golds, start=1):
        citations = per_line.get(number, [])
        one += len(citations) == 1
        csl = document.work(citations[0].work).csl if citations else {}
        names = csl.get("author") or csl.get("editor") or [{}]
        family = fold(names[0].get("family") or names[0].get("literal"))
        issued = (csl.get("issued") or {}).get("date-parts") or [[None]]
        got = {
            "title": fold(csl.get("title")),
            "year": str(issued[0][0]) if issued[0] and issued[0][0] else "",
            "container": fold(csl.get("container-title")),
            "author": family,
        }
        checks = {
            "title": got["title"] == gold["title"],
            "year": got["year"] == gold["year"],
            "container": got["container"] == gold["container"],
            "author": (family in gold["author"]) if gold["author"] and family else family == gold["author"] == "",
        }
        for field, good in checks.items():
            right[field] += good
            if verbose and not good:
                print(f"{number}: {field}: want {gold[field]!r} got {got[field]!r} | {gold['line'][:100]}",
                      file=sys.stderr)
    total = len(golds)
    return {
        "lines": total,
        "one_citation": one / total,
        **{field: count / total for field, count in right.items()},
        "fields": sum(right.values()) / (4 * total),
    }


def main() -> int:
    for reading, result in measure("-v" in sys.argv).items():
        print(f"| gold as one-per-line list ({result['lines']} lines), {reading} | lines → one citation "
              f"{100 * result['one_citation']:.1f} % | title {100 * result['title']:.1f} % "
              f"| year {100 * result['year']:.1f} % "
              f"| container {100 * result['container']:.1f} % | first author {100 * result['author']:.1f} % "
              f"| all four {100 * result['fields']:.1f} % |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
