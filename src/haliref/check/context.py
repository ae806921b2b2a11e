"""What the flag rules read besides a work: the document, its citations by work, the works by title and
first author (built once per document), and the small readers of CSL items they share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from haliref import resources
from haliref.caches import memo
from haliref.model import Citation, Document, Note, Work

__all__ = [
    "DEFAULT_UNCERTAIN_BELOW",
    "DUPLICATE_TITLE_AT",
    "FlagContext",
    "citations_by_work",
    "duplicate_index",
    "edition_number",
    "first_family",
    "fold",
    "format_missing",
    "format_ranges",
    "is_unresolved",
    "missing_note_numbers",
    "note_label",
    "quote",
    "same_family",
    "same_family_works",
    "strings_of",
    "title_blocks",
    "title_key",
    "year_of",
]

#: A span whose lowest token marginal is below this gives a parse-uncertain flag.
DEFAULT_UNCERTAIN_BELOW = 0.6
#: Title similarity (rapidfuzz ratio of folded titles) above which two works look like one.
DUPLICATE_TITLE_AT = 85.0
# A block of more works than this (one author's many works whose titles share three letters) is not scored
# whole for each of them, which made the rule quadratic in the works of one author: a work is scored against
# its duplicates.NEIGHBOURS nearest titles on either side, in title order and in reversed-title order (a
# near-identical title damaged at one end sorts next to it by the other end).
BLOCK_SCORED = 256
#: Family-name similarity above which two first authors look like one person.
SAME_FAMILY_AT = 85.0


@dataclass
class DuplicateIndex:
    """The document's works by title key, for the possible-duplicate rule (see :func:`title_blocks`)."""

    built: bool = False
    #: work id -> (title key, first family)
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: (family block, title block) -> (indexes of the works in it, their title keys)
    blocks: dict[tuple[str, str], tuple[list[int], list[str]]] = field(default_factory=dict)
    #: title key -> indexes of the works with exactly that title key
    titles: dict[str, list[int]] = field(default_factory=dict)
    #: (title key, index), sorted: the titles that extend a given one are together
    ordered: list[tuple[str, int]] = field(default_factory=list)
    #: first family -> indexes of its works; last word of a family -> the families ending in it
    families: dict[str, list[int]] = field(default_factory=dict)
    last_words: dict[str, list[str]] = field(default_factory=dict)
    #: a block of more than BLOCK_SCORED works -> its works sorted by title key and by the key reversed,
    #: and each work's rank in both orders (its near-identical titles are among its neighbours there)
    orders: dict[tuple[str, str], tuple[list[int], list[int], dict[int, int], dict[int, int]]] = field(
        default_factory=dict
    )
    #: work id -> its index; index -> its title key
    positions: dict[str, int] = field(default_factory=dict)
    titles_at: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FlagContext:
    """What rules may read besides the work: the whole document and the fixed parameters."""

    document: Document
    today_year: int | None = None
    uncertain_below: float = DEFAULT_UNCERTAIN_BELOW
    #: work id -> [(note, citation)] in list order
    citations: Mapping[str, Sequence[tuple[Note, Citation]]] = field(default_factory=dict)
    #: built once per document on first use (rule_possible_duplicate)
    duplicates: DuplicateIndex = field(default_factory=lambda: DuplicateIndex(), repr=False, compare=False)


def citations_by_work(document: Document) -> dict[str, list[tuple[Note, Citation]]]:
    out: dict[str, list[tuple[Note, Citation]]] = {}
    for note in document.notes:
        for citation in note.citations:
            out.setdefault(citation.work, []).append((note, citation))
    return out


def note_label(note: Note) -> str:
    return note.printed or "?"


_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


@memo(1 << 15)
def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    return " ".join(_NON_ALNUM.sub(" ", ascii_text.casefold()).split())


@memo(None)
def _articles() -> frozenset[str]:
    """The articles a title key leaves out at its start: every one of ``data/articles.tsv``, folded as titles are
    ("l'" -> "l"), the ones merge leaves out too."""
    return frozenset(fold(article) for article in resources.all_articles())


@memo(1 << 15)
def title_key(title: str) -> str:
    words = fold(title).split()
    articles = _articles()
    while words and words[0] in articles:
        words = words[1:]
    return " ".join(words)


def year_of(csl: Mapping[str, Any], key: str = "issued") -> int | None:
    value = csl.get(key)
    if isinstance(value, Mapping):
        parts = value.get("date-parts") or []
        if parts and parts[0]:
            try:
                return int(parts[0][0])
            except (TypeError, ValueError):
                return None
        raw = value.get("raw") or value.get("literal")
        if raw:
            m = re.search(r"\b(\d{4})\b", str(raw))
            return int(m[1]) if m else None
    return None


def first_family(csl: Mapping[str, Any]) -> str:
    for role in ("author", "editor", "translator"):
        people = csl.get(role) or []
        if people:
            person = people[0]
            return fold(person.get("family") or person.get("literal") or "")
    return ""


def same_family(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or fuzz.ratio(a, b) >= SAME_FAMILY_AT:
        return True
    # a misparsed "Hendrik van Dam" as family against "Dam"
    return a.split()[-1] == b.split()[-1] and len(a.split()[-1]) > 2


def edition_number(value: Any) -> int | None:
    if value in (None, ""):
        return None
    text = str(value).casefold()
    m = re.search(r"\d+", text)
    if m:
        return int(m[0])
    ordinals = resources.ordinals()
    for word in re.findall(r"[^\W\d_]+", text):
        if word in ordinals:
            return ordinals[word]
    return None


def strings_of(csl: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    """(field, text) for every text in a CSL item, names included."""
    for key, value in csl.items():
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict | Mapping):  # dict first: names, without the ABC check
                    text = " ".join(str(v) for v in item.values() if isinstance(v, str))
                    yield key, text
                elif isinstance(item, str):
                    yield key, item


def format_ranges(numbers: Iterable[int]) -> str:
    """[2, 3, 4, 8, 10] -> "2–4, 8, 10"."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(str(ordered[i]) if i == j else f"{ordered[i]}–{ordered[j]}")
        i = j + 1
    return ", ".join(parts)


def missing_note_numbers(document: Document) -> list[int] | list[list[int]]:
    """Note numbers absent from 1 up to the highest number in the list; for a list
    numbered per chapter (several runs, see ``Note.run``), one such list per run."""
    runs: dict[int, set[int]] = {}
    for note in document.notes:
        if note.number is not None:
            runs.setdefault(note.run, set()).add(note.number)
    missing = [[k for k in range(1, max(numbers) + 1) if k not in numbers] for _, numbers in sorted(runs.items())]
    return missing if len(missing) > 1 else (missing[0] if missing else [])


def format_missing(missing: list[int] | list[list[int]]) -> str:
    """"2–4, 8" or, per run, "run 1: 2–4; run 3: 8"."""
    if not missing or isinstance(missing[0], int):
        return format_ranges(missing)  # type: ignore[arg-type]
    return "; ".join(f"run {run}: {format_ranges(numbers)}" for run, numbers in enumerate(missing, 1) if numbers)


def quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def is_unresolved(work: Work) -> bool:
    return any(f.code in ("short-form-unresolved", "ibid-without-antecedent") for f in work.flags)


def title_blocks(title: str, family: str) -> set[tuple[str, str]]:
    """The blocks a work is compared in: the first or last three letters of its family and title keys.

    Two works in no common block are never duplicates in practice: an equal or
    near-equal family name keeps its first or last letters (an equal last word,
    "van Dam" against "Dam", its last ones), and so does a near-equal title; a
    title that extends another starts like it. Only names or titles damaged at
    both ends escape, and comparing within blocks keeps the rule near-linear.
    """
    return {(f, t) for f in (family[:3], family[-3:]) for t in (title[:3], title[-3:])}


def duplicate_index(ctx: FlagContext) -> DuplicateIndex:
    """Built once per document: the rule runs for every work."""
    index = ctx.duplicates
    if not index.built:
        index.built = True
        for position, other in enumerate(ctx.document.works):
            title, family = title_key(other.csl.get("title", "")), first_family(other.csl)
            index.keys[other.id] = (title, family)
            index.positions[other.id] = position
            index.titles_at[position] = title
            if family.split():
                if family not in index.families:
                    index.last_words.setdefault(family.split()[-1], []).append(family)
                index.families.setdefault(family, []).append(position)
            if title and family:
                for block in title_blocks(title, family):
                    positions, titles = index.blocks.setdefault(block, ([], []))
                    positions.append(position)
                    titles.append(title)
                index.titles.setdefault(title, []).append(position)
                index.ordered.append((title, position))
        index.ordered.sort()
        for block, (positions, titles) in index.blocks.items():
            if len(positions) > BLOCK_SCORED:
                forward = [p for _, p in sorted(zip(titles, positions, strict=True))]
                backward = [p for _, p in sorted(zip((t[::-1] for t in titles), positions, strict=True))]
                index.orders[block] = (forward, backward, {p: r for r, p in enumerate(forward)},
                                       {p: r for r, p in enumerate(backward)})
    return index


def same_family_works(ctx: FlagContext, family: str) -> list[Work]:
    """The works whose first family is the same as ``family`` (:func:`same_family`), in order:
    found among the distinct families, not by a pass over every work for every flag."""
    if not family.split():
        return []
    index = duplicate_index(ctx)
    names = list(index.families)
    same = {
        names[i]
        for _, _, i in process.extract(family, names, scorer=fuzz.ratio, score_cutoff=SAME_FAMILY_AT, limit=None)
    }
    last = family.split()[-1]
    if len(last) > 2:
        same.update(index.last_words.get(last, ()))
    return [ctx.document.works[i] for i in sorted(i for name in same for i in index.families[name])]
