"""Flag rules on an entry's fields: core fields missing, a chapter without its own author, an edition or a year
that cannot be right, a cited page outside the work's range, a field the labeller was unsure of."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from haliref.check.codes import new_flag, plain_field
from haliref.check.context import (
    DUPLICATE_TITLE_AT,
    FlagContext,
    edition_number,
    first_family,
    is_unresolved,
    note_label,
    quote,
    same_family,
    title_key,
    year_of,
)
from haliref.model import Flag, Work
from haliref.normalize import LABELS

__all__ = [
    "REQUIRED_FIELDS", "rule_edition_year", "rule_locator_range", "rule_missing_fields", "rule_parse_uncertain",
    "rule_unsigned_chapter", "rule_year_range",
]

#: Earliest plausible year of a printed work.
EARLIEST_YEAR = 1450

#: Core fields per CSL type: each tuple is "one of these"; the first name is the field reported.
REQUIRED_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "book": (("author", "editor"), ("title",), ("issued",), ("publisher",), ("publisher-place",)),
    "chapter": (
        ("author", "editor"),
        ("title",),
        ("container-title",),
        ("issued",),
        ("publisher",),
        ("publisher-place",),
    ),
    "article-journal": (("title",), ("container-title",), ("issued",)),
    "article-newspaper": (("title",), ("container-title",), ("issued",)),
    "article-magazine": (("title",), ("container-title",), ("issued",)),
    "thesis": (("author",), ("title",), ("issued",)),
    "report": (("title",), ("issued",)),
}

_FIELD_NAMES = {
    "author": "author or editor",
    "issued": "year",
    "publisher-place": "place",
    "container-title": "container title",
}


def rule_missing_fields(work: Work, ctx: FlagContext) -> list[Flag]:
    """Core fields missing for the work's CSL type (short forms already flagged are left alone)."""
    if is_unresolved(work):
        return []
    kind = work.csl.get("type", "book")
    flags = []
    for alternatives in REQUIRED_FIELDS.get(kind, ()):
        if any(work.csl.get(key) for key in alternatives):
            continue
        key = alternatives[0]
        cited = ctx.citations.get(work.id, ())
        evidence = f"note {note_label(cited[0][0])}: {quote(cited[0][1].text)}" if cited else ""
        flags.append(new_flag("missing-field", key, evidence, field=_FIELD_NAMES.get(key, key), type=kind))
    return flags


def _families(people: Sequence[Mapping[str, Any]]) -> str:
    """"Kenner and Petras", "Ames, Bell and Cole": family names (or literal names) in prose."""
    names = [str(p.get("family") or p.get("literal") or "").strip() for p in people]
    names = [n for n in names if n]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def rule_unsigned_chapter(work: Work, ctx: FlagContext) -> list[Flag]:
    """A chapter with editors and no author: every processor would print the editors as its authors."""
    if work.csl.get("type") != "chapter" or work.csl.get("author") or is_unresolved(work):
        return []
    editors = work.csl.get("editor") or []
    if not editors:
        return []  # no name at all: missing-field says so
    cited = ctx.citations.get(work.id, ())
    evidence = f"note {note_label(cited[0][0])}: {quote(cited[0][1].text)}" if cited else ""
    return [new_flag("unsigned-chapter", "author", evidence, editors=_families(editors))]


def _same_work(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    ta, tb = title_key(a.get("title", "")), title_key(b.get("title", ""))
    if not ta or not tb or not same_family(first_family(a), first_family(b)):
        return False
    return ta == tb or fuzz.ratio(ta, tb) >= DUPLICATE_TITLE_AT


def rule_edition_year(work: Work, ctx: FlagContext) -> list[Flag]:
    """Edition ≥ 2 dated in its original's year (or earlier), from the work itself or the same work elsewhere."""
    edition = edition_number(work.csl.get("edition"))
    year = year_of(work.csl)
    original = year_of(work.csl, "original-date")
    flags = []
    if year is not None and original is not None and original > year:
        flags.append(
            new_flag("edition-year", "original-date", f"original {original}, this printing {year}",
                  detail=f"the original date {original} is after the date {year}")
        )
    if edition is None or edition < 2 or year is None:
        return flags
    if original is not None and original == year:
        flags.append(
            new_flag("edition-year", "edition", f"edition {edition}, original {original}, issued {year}",
                  detail=f"edition {edition} in the year of the first edition ({year})")
        )
    for other in ctx.document.works:
        if other.id == work.id or not _same_work(work.csl, other.csl):
            continue
        other_edition = edition_number(other.csl.get("edition")) or 1
        other_year = year_of(other.csl)
        if other_edition < edition and other_year is not None and other_year >= year:
            flags.append(
                new_flag(
                    "edition-year",
                    "edition",
                    f"{work.id}: edition {edition}, {year}; {other.id}: edition {other_edition}, {other_year}",
                    detail=f"edition {edition} dated {year}, "
                    f"but {other.id} cites edition {other_edition} in {other_year}",
                )
            )
    return flags


_YEAR_RANGE = re.compile(r"\b(1[4-9]\d\d|20\d\d)\s*[–—-]\s*(1[4-9]\d\d|20\d\d|\d\d)\b")


def rule_year_range(work: Work, ctx: FlagContext) -> list[Flag]:
    """A year in the future, before printing, or before the end of a period the title names."""
    flags = []
    for key in ("issued", "original-date"):
        year = year_of(work.csl, key)
        if year is None:
            continue
        if ctx.today_year is not None and year > ctx.today_year:
            flags.append(new_flag("year-future", key, f"{key}: {year}", year=year, today=ctx.today_year))
        elif year < EARLIEST_YEAR:
            flags.append(new_flag("year-too-early", key, f"{key}: {year}", year=year))
    year = year_of(work.csl)
    title = work.csl.get("title", "")
    if year is not None and isinstance(title, str):
        for m in _YEAR_RANGE.finditer(title):
            start, end = m[1], m[2]
            end_year = int(start[: 4 - len(end)] + end) if len(end) < 4 else int(end)
            if end_year > int(start) and end_year > year:
                flags.append(
                    new_flag("year-before-title-range", "issued", f"issued {year}; title names {m.group()}",
                          year=year, end=end_year)
                )
    return flags


def _page_numbers(text: str) -> list[tuple[int, int]]:
    """"pp. 115–17" -> [(115, 117)]; "p. 341 n. 3" -> [(341, 341)]; roman numerals ignored."""
    text = re.split(r"\bn(?:otes?|n)?\.?\s*\d", text)[0]
    out = []
    for m in re.finditer(r"(\d+)(?:\s*[–—\-]\s*(\d+))?", text):
        first = int(m[1])
        last = first
        if m[2]:
            tail = m[2]
            last = int(m[1][: max(0, len(m[1]) - len(tail))] + tail) if len(tail) < len(m[1]) else int(tail)
        out.append((first, max(first, last)))
    return out


def rule_locator_range(work: Work, ctx: FlagContext) -> list[Flag]:
    """A cited page outside the work's own page range (chapters and articles)."""
    page = work.csl.get("page")
    if not isinstance(page, str) or not page:
        return []
    ranges = _page_numbers(page)
    if not ranges:
        return []
    low, high = min(r[0] for r in ranges), max(r[1] for r in ranges)
    if low == high:
        return []
    flags = []
    for note, citation in ctx.citations.get(work.id, ()):
        for first, last in _page_numbers(citation.locator):
            if first < low or last > high:
                shown = str(first) if first == last else f"{first}–{last}"
                flags.append(
                    new_flag(
                        "locator-out-of-range",
                        "page",
                        f"note {note_label(note)}: locator {citation.locator!r}, page {page!r}",
                        page=shown,
                        note=note_label(note),
                        range=page,
                    )
                )
                break
    return flags


def _label_field(label: str) -> str:
    return LABELS.get(label, label) or label


def rule_parse_uncertain(work: Work, ctx: FlagContext) -> list[Flag]:
    """Spans whose lowest token marginal is below the threshold (needs ``Citation.spans``)."""
    flags = []
    for note, citation in ctx.citations.get(work.id, ()):
        for span in citation.spans:
            text, confidence = span["text"], span["confidence"]
            if confidence < ctx.uncertain_below and text.strip():
                key = _label_field(span["label"])
                flags.append(
                    new_flag(
                        "parse-uncertain",
                        key,
                        f"note {note_label(note)}: {quote(text)} read as the {plain_field(key)}",
                        field=plain_field(key),
                        confidence=f"{confidence:.0%}",
                    )
                )
    return flags
