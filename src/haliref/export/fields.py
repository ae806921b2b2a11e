"""The field map and the values every export format shares (CSL-JSON, BibTeX, RIS).

CSL-JSON is the hub: every work carries a CSL-JSON item, and BibTeX and RIS are
produced by walking the declarative table in ``data/field_map.json`` (CSL types
-> BibTeX entry types -> RIS types, CSL variables -> BibTeX fields -> RIS tags),
in the manner of citation-js.  The code only knows how to convert a value of a
given *kind* (names, title, pages, edition, year ...); which CSL variable goes
to which field, and in which order, is data.

All three writers are pure and deterministic: the same works give the same
bytes.  Writing files (atomically) is the caller's job.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from haliref import resources
from haliref.caches import memo
from haliref.model import Document, Work, csl_fields, csl_item
from haliref.normalize.titles import with_short_title

__all__ = [
    "CHUNK_WORKS", "DIALECTS", "LOCATORS", "RANGE_SEP", "batched", "check_dialect", "cited_once", "clean",
    "date_parts", "edition_number", "edition_word", "entry_types", "field_map", "genre_type", "is_english",
    "iso_date", "langid", "name_dicts", "page_range", "row_target", "shortened", "works_and_locators",
]

CHUNK_WORKS = 500  # works per chunk in the *_chunks writers

_KINDS = frozenset(
    {
        "names",
        "title",
        "text",
        "pages",
        "page-start",
        "page-end",
        "edition",
        "edition-word",
        "genre",
        "default-genre",
        "subtype",
        "role",
        "year",
        "month",
        "iso-date",
        "ris-date",
        "langid",
        "verbatim",
        "locators",
        "archive",
    }
)

LOCATORS = "@locators"

#: the .bib dialects, the default first: BibLaTeX (biber) and classic BibTeX (natbib, .bst styles)
DIALECTS = ("biblatex", "bibtex")


# --------------------------------------------------------------------------- mapping data


@memo(1)
def field_map() -> dict[str, Any]:
    """The mapping table (``data/field_map.json``), validated once."""
    data = json.loads(resources.read_text("field_map.json"))
    for row in data["fields"]:
        if row["kind"] not in _KINDS:
            raise ValueError(f"field_map.json: unknown kind {row['kind']!r} in {row}")
    return data


def entry_types(csl: Mapping[str, Any]) -> dict[str, str]:
    """The entry type of a CSL item in each target: ``{"bibtex": ..., "biblatex": ..., "ris": ...}``."""
    data = field_map()
    csl_type = str(csl.get("type") or "")
    types = dict(data["types"].get(csl_type, data["default_type"]))
    genre = str(csl.get("genre") or "")
    for override in data["type_overrides"]:
        if override["csl"] != csl_type:
            continue
        if "genre" in override and not (genre and re.search(override["genre"], genre)):
            continue
        if "has" in override and not csl.get(override["has"]):
            continue
        types.update({k: v for k, v in override.items() if k in ("bibtex", "biblatex", "ris")})
    return types


def check_dialect(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown BibTeX dialect {dialect!r} (one of: {', '.join(DIALECTS)})")


def row_target(spec: Any, entry_type: str) -> str | None:
    """Resolve a row's target: a name, None, or a dict keyed by entry type with '*' fallback."""
    if isinstance(spec, dict):
        if entry_type in spec:
            return spec[entry_type]
        return spec.get("*")
    return spec


# --------------------------------------------------------------------------- value helpers

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


def clean(value: Any) -> str:
    """A scalar as one line of text: control characters dropped, whitespace collapsed."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return ""
    return " ".join(_CONTROL.sub("", str(value)).split())


def name_dicts(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [n for n in value if isinstance(n, dict)]


def date_parts(value: Any) -> list[int]:
    """First date of a CSL date as [year, month?, day?] (empty if no year is found)."""
    if not isinstance(value, dict):
        return []
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        out: list[int] = []
        for p, (low, high) in zip(parts[0][:3], ((-9999, 9999), (1, 12), (1, 31)), strict=False):
            try:
                number = int(str(p).strip())
            except ValueError:
                break
            if not low <= number <= high:  # e.g. CSL seasons (13-24) are not months
                break
            out.append(number)
        return out
    for key in ("raw", "literal"):
        raw = value.get(key)
        if isinstance(raw, str):
            m = re.search(r"(?<!\d)(\d{4})(?!\d)", raw)
            if m:
                return [int(m.group(1))]
    return []


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# spaces before the dash are read only from the first of them: linear on long runs
RANGE_SEP = re.compile(rf"(?:(?<!\s)\s+)?(?:-{{1,3}}|[{_DASHES}])\s*")


def page_range(page: str) -> tuple[str, str] | None:
    """(start, end) when ``page`` is one range, the end expanded ("115–17" -> 115, 117)."""
    parts = RANGE_SEP.split(page)
    if len(parts) != 2 or not all(parts) or any(c in page for c in ",;&"):
        return None
    start, end = parts
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        full = start[: len(start) - len(end)] + end
        if int(full) > int(start):
            end = full
    return start, end


_ORDINAL_NUMBER = re.compile(
    r"(\d+)\s*(?:st|nd|rd|th|e|er|re|ème|eme|de|te|ste|\.)?\s*"
    r"(?:ed|edn|edition|éd|édition|ed\.|aufl|auflage|edición|edizione)?\.?",
    re.IGNORECASE,
)


def edition_number(value: Any) -> str:
    """An edition as a number when it is an ordinal ("2nd ed." / "Second" -> "2"), else as written."""
    text = clean(value)
    m = _ORDINAL_NUMBER.fullmatch(text)
    if m:
        return str(int(m.group(1)))
    words = text.lower().rstrip(".").split()
    if words and words[0] in field_map()["ordinals"]:
        rest = " ".join(words[1:])
        if rest in ("", "ed", "edn", "edition", "ed."):
            return str(field_map()["ordinals"][words[0]])
    return text


_ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def edition_word(value: Any) -> str:
    """An edition for classic BibTeX, whose styles print "<edition> edition": an ordinal as a word
    ("2nd ed." -> "Second", 21 -> "21st"), anything else as written."""
    edition = edition_number(value)
    if not edition.isdigit():
        return edition
    number = int(edition)
    words = {n: word for word, n in field_map()["ordinals"].items()}
    if number in words:
        return words[number].capitalize()
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIX.get(number % 10, "th")
    return f"{number}{suffix}"


def genre_type(value: Any, dialect: str) -> str:
    """The ``type`` of a thesis or report: a BibLaTeX localisation key when the genre is one
    ("MA thesis" -> ``mathesis``), else the genre as written (and always as written for BibTeX)."""
    text = clean(value)
    if dialect == "biblatex":
        for row in field_map()["genres"]:
            if re.search(row["genre"], text):
                return str(row["biblatex"])
    return text


def langid(value: Any) -> str:
    code = clean(value).lower().replace("_", "-")
    if not code:
        return ""
    languages: dict[str, str] = field_map()["languages"]
    if code in languages:
        return languages[code]
    if code.split("-")[0] in languages:
        return languages[code.split("-")[0]]
    if code in languages.values():
        return code
    return ""


def is_english(language: str) -> bool:
    code = language.lower().replace("_", "-")
    return code.split("-")[0] in ("en", "eng", "english") or langid(code) in (
        "english",
        "american",
        "british",
        "australian",
        "canadian",
        "newzealand",
    )


def cited_once(work_id: str, locators: Mapping[str, Sequence[str]] | None) -> list[str]:
    if locators is None:  # not "not locators": a shelf's mapping would count its rows per work
        return []
    seen: list[str] = []
    for loc in locators.get(work_id, ()):
        text = clean(loc)
        if text and text not in seen:
            seen.append(text)
    return seen


def iso_date(parts: list[int]) -> str:
    if not parts:
        return ""
    out = f"{parts[0]:04d}"
    for p in parts[1:]:
        out += f"-{p:02d}"
    return out


# --------------------------------------------------------------------------- what every writer shares


def works_and_locators(
    source: Document | Sequence[Work], locators: Mapping[str, Sequence[str]] | None
) -> tuple[Sequence[Work], Mapping[str, Sequence[str]] | None]:
    """A Document brings its own cited locators (unless ``locators`` is given); works alone have none."""
    if isinstance(source, Document):
        return source.works, source.cited_locators() if locators is None else locators
    return source, locators


def shortened(work: Work) -> Work:
    """The work with its CMOS short title (``title-short``), as every format exports it."""
    csl = with_short_title(csl_fields(work.csl))
    return work if csl is work.csl else dataclasses.replace(work, csl=csl_item(csl))


def batched(works: Iterable[Work]) -> Iterator[list[Work]]:
    iterator = iter(works)
    while chunk := list(islice(iterator, CHUNK_WORKS)):
        yield chunk
