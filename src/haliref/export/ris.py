"""RIS out, from the field map (``data/field_map.json``).

RIS decisions
-------------
``TAG  - value`` lines separated by ``\\n`` (not the spec's CRLF), records
separated by one blank line, ``TY`` first (then ``ID`` with the work id), ``ER  - ``
last.  Names are ``Last, First[, Suffix]``, one tag per person, tags as the RIS
specification gives them per type: editors of a chapter/paper/entry/article are
``A2``, editors of a whole book ``A3`` (never ``ED``, which rispy does not read);
journal and magazine records have no ``PB``/``CY``.  ``SP``/``EP`` split the page
range; a page value that is not a single range goes whole into ``SP``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from haliref.export.fields import (
    LOCATORS,
    batched,
    cited_once,
    clean,
    date_parts,
    edition_number,
    entry_types,
    field_map,
    iso_date,
    langid,
    name_dicts,
    page_range,
    row_target,
    shortened,
    works_and_locators,
)
from haliref.model import Document, Work

__all__ = ["ris_chunks", "to_ris"]


def _ris_date(parts: list[int]) -> str:
    if len(parts) < 2:
        return ""
    y, m, d = ([*parts, 0, 0])[:3]
    return f"{y:04d}/{m:02d}/{f'{d:02d}' if d else ''}/"


def _ris_name(name: Mapping[str, Any]) -> str:
    literal = clean(name.get("literal"))
    family = clean(name.get("family"))
    given = clean(name.get("given"))
    if literal or not family:
        return literal or given
    last = " ".join(
        p
        for p in (
            clean(name.get("dropping-particle")),
            clean(name.get("non-dropping-particle")),
            family,
        )
        if p
    )
    suffix = clean(name.get("suffix"))
    return ", ".join(p for p in (last, given, suffix) if p) if given else (
        f"{last}, , {suffix}" if suffix else last
    )


# --------------------------------------------------------------------------- RIS


def _ris_values(work: Work, row: Mapping[str, Any], locators: list[str]) -> list[str]:
    csl = work.csl
    kind = row["kind"]
    raw = csl.get(row["csl"]) if row["csl"] != LOCATORS else None
    if kind == "locators":
        return [row.get("prefix", "") + "; ".join(locators)] if locators else []
    if kind == "names":
        return [n for n in (_ris_name(d) for d in name_dicts(raw)) if n]
    if kind in ("year", "ris-date", "iso-date", "month"):
        parts = date_parts(raw)
        if kind == "year":
            return [f"{parts[0]:04d}"] if parts else []
        if kind == "ris-date":
            return [_ris_date(parts)] if len(parts) >= 2 else []
        if kind == "iso-date":
            return [iso_date(parts)] if parts else []
        return [f"{parts[1]:02d}"] if len(parts) >= 2 else []
    text = clean(raw)
    if not text:
        return []
    if kind in ("page-start", "page-end"):
        rng = page_range(text)
        if rng is None:
            return [text] if kind == "page-start" else []
        return [rng[0] if kind == "page-start" else rng[1]]
    if kind == "pages":
        return [text]
    if kind == "edition":
        return [edition_number(raw)]
    if kind == "langid":
        return [v] if (v := langid(raw)) else []
    return [text]


def _ris_record(work: Work, locators: list[str]) -> list[str]:
    ris_type = entry_types(work.csl)["ris"]
    lines = [f"TY  - {ris_type}", f"ID  - {clean(work.id)}"]
    for row in field_map()["fields"]:
        tag = row_target(row.get("ris"), ris_type)
        if not tag:
            continue
        lines.extend(f"{tag}  - {v}" for v in _ris_values(work, row, locators))
    lines.append("ER  - ")
    return lines


def to_ris(
    works: Document | Sequence[Work], *, locators: Mapping[str, Sequence[str]] | None = None
) -> str:
    """The works as RIS: ``TAG  - value`` lines, ``\\n`` line ends, a blank line between records.

    ``locators`` (work id -> cited locators; a Document brings its own) adds an
    ``N1  - Cited: ...`` note.
    """
    works, locators = works_and_locators(works, locators)
    return "".join(ris_chunks(works, locators=locators))


def ris_chunks(
    works: Iterable[Work], *, locators: Mapping[str, Sequence[str]] | None = None
) -> Iterator[str]:
    """:func:`to_ris` a few hundred works at a time: for more works than memory holds."""
    for index, chunk in enumerate(batched(works)):
        records = ["\n".join(_ris_record(shortened(w), cited_once(w.id, locators))) + "\n" for w in chunk]
        yield ("\n" if index else "") + "\n".join(records)
