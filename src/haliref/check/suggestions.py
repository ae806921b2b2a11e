"""Matched records turned into ordinary, recorded corrections: a DOI added, a suggestion applied."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any, cast

from haliref.check.lookups import FLAG_CODES, SOURCES
from haliref.model import Correction, Document, OnlineCheck, csl_fields

__all__ = ["add_dois", "apply_suggestions"]



SUGGESTIBLE = {"title", "container-title", "publisher", "publisher-place", "volume", "page", "author", "editor"}


def _matched(work_checks: list[OnlineCheck], source: str | None = None) -> list[OnlineCheck]:
    return [
        c for c in work_checks
        if c.get("status") == "matched" and (source is None or c.get("source") == source)
    ]


def add_dois(document: Document) -> Document:
    """A copy of ``document`` with the DOI of every *matched* Crossref record added.

    Each addition is recorded as ``Correction("DOI", "", doi, "crossref-doi",
    confidence)``; a work that already has a DOI keeps it.
    """
    result = copy.deepcopy(document)
    for work in result.works:
        for check in _matched(work.checks, "crossref"):
            doi = str(check.get("doi") or "").strip()
            if not doi or work.csl.get("DOI"):
                continue
            work.csl["DOI"] = doi
            work.corrections.append(
                Correction("DOI", "", doi, "crossref-doi", float(cast(float, check.get("confidence", 0.9))))
            )
            break
    return result


def _set_family(names: list[dict[str, Any]], before: str, after: str) -> bool:
    for name in names:
        if isinstance(name, dict) and name.get("family") == before:
            name["family"] = after
            return True
    return False


def apply_suggestions(document: Document, *, sources: Iterable[str] = SOURCES) -> Document:
    """A copy of ``document`` with the suggestions of matched records applied and recorded.

    A suggestion is a disagreement that carries one (a truncated or misspelt
    title, a misspelt publisher or name, different pages...); it is applied
    only if the field still holds the value that was checked, first source
    first (Crossref, then Open Library).  Each becomes a ``Correction`` with
    rule ``<source>-suggestion`` and the check's confidence, and its flag is
    removed.
    """
    wanted = set(sources)
    result = copy.deepcopy(document)
    for work in result.works:
        changed: set[str] = set()
        fields = csl_fields(work.csl)
        for check in _matched(work.checks):
            source = check.get("source")
            if source not in wanted:
                continue
            confidence = float(cast(float, check.get("confidence", 0.8)))  # a matched check has one
            for d in check.get("disagreements", []):
                field_name = d.get("field")
                if "suggestion" not in d or field_name not in SUGGESTIBLE or field_name in changed:
                    continue
                before, after = str(d.get("ours", "")), str(d["suggestion"])
                if not after or before == after:
                    continue
                if field_name in ("title", "container-title") and len(after.strip()) < len(before.strip()):
                    continue  # never shorten a title: a record's short form loses our subtitle
                if field_name in ("author", "editor"):
                    if not _set_family(fields.get(field_name) or [], before, after):
                        continue
                elif str(fields.get(field_name, "")) == before:
                    fields[field_name] = after
                else:
                    continue
                changed.add(field_name)
                work.corrections.append(Correction(field_name, before, after, f"{source}-suggestion", confidence))
                work.flags = [
                    f for f in work.flags if not (f.code == FLAG_CODES.get(source) and f.field == field_name)
                ]
    return result
