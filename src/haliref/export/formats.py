"""Export works as CSL-JSON, BibTeX and RIS.

CSL-JSON is the hub: every work carries a CSL-JSON item, and BibTeX and RIS are
produced by walking the declarative table in ``data/field_map.json`` (CSL types
-> BibTeX entry types -> RIS types, CSL variables -> BibTeX fields -> RIS tags),
in the manner of citation-js.  The code only knows how to convert a value of a
given *kind* (names, title, pages, edition, year ...); which CSL variable goes
to which field, and in which order, is data.

All three writers are pure and deterministic: the same works give the same
bytes.  Writing files (atomically) is the caller's job.

BibTeX decisions
----------------
The .bib file is written in the layout of ``bibtexparser`` v2's writer with a
fixed ``BibtexFormat`` (two-space indent, no value alignment, one blank line
between entries, every value in braces but the month macros ``jan``...``dec``,
written bare), but directly, without building its ``Library``: the bytes depend
on this module only.  Entries come in the order given; fields in the order of
the mapping table.

*Escaping.*  Values come from scraped text and are never trusted as LaTeX:
``\\ { } & % $ # _ ~ ^`` are escaped (``\\`` -> ``\\textbackslash{}``, ``~`` ->
``\\textasciitilde{}``, ``^`` -> ``\\textasciicircum{}``, ``&`` -> ``\\&`` ...), so
``\\input{/etc/passwd}`` comes out as the inert
``\\textbackslash{}input\\{/etc/passwd\\}``.  Braces that pair up are written
``\\{``/``\\}`` (balanced for BibTeX, which counts braces even after a
backslash, and for bibtexparser, which does not); an unpaired brace is written
``\\textbraceleft{}``/``\\textbraceright{}`` so the file always stays balanced.
Non-ASCII text stays UTF-8 (no LaTeX accent macros): use biber/biblatex, or
BibTeX with ``inputenc``.  Whitespace (including newlines) collapses to one space.
``url`` and ``doi`` are verbatim fields in biblatex and ``\\url{}``: they are not
LaTeX-escaped; instead the characters that could escape ``\\url{}`` or form a
control sequence (``\\ { } ^``, whitespace, control characters) are
percent-encoded.

*Names.*  ``von Last, Jr, First`` joined by `` and ``.  Particles stay in front
of the family name unbraced, lower case as written (``van Dam, Hendrik``):
BibTeX recognises a lower-case von part by itself, so styles sort under
"Dam" (or "van Dam" with biblatex ``useprefix``).  Literal names
(institutions, pseudonyms given as ``literal``) and family-only names of
several words are wrapped in braces (``{Radio Free Europe}``) so BibTeX never
splits them; a name part containing the word "and" or a comma is braced too.

*Dialects.*  ``dialect="biblatex"`` (the default) writes BibLaTeX as Better BibTeX's
BibLaTeX export does (``date``, ``location``, ``journaltitle``, ``@thesis`` with a
``type``, ``@online``, ``@report``, ``langid``, ``shorttitle``, ``translator``,
``editora``/``editoratype``); ``dialect="bibtex"`` classic BibTeX (``year``/``month``,
``address``, ``journal``, ``@phdthesis``, ``@misc``, the standard styles' fields and
``doi``/``url``/``isbn``/``issn``).  An entry carries only the fields its type has in the
dialect (``allowed`` in the table: biber's data model for BibLaTeX).

*Case protection.*  As Better BibTeX: in an English title, words with a capital
after their first letter (``{NATO}``, ``{McCarthy}``, ``{II}``) and proper nouns
(capitalised words that do not start the title or a subtitle: all of them in a
sentence-case title, those that are not common English words in a title-case one)
are braced one word at a time; a title whose ``language`` is set and is not English
is wrapped whole (``{{Le Mythe de Sisyphe}}``), because English case rules must not
be applied to it (as ``{{}...}`` when the title starts with an escape, since ``{\\``
would open a BibTeX special character, whose letters are not protected).

*Edition.*  BibLaTeX: a bare number when it is one (``2``, ``"2nd"``, ``"2nd ed."``,
``"Second"`` all give ``edition = {2}``; biblatex prints "2nd edn").  BibTeX: the
ordinal as a word (``Second``), since classic styles print "<edition> edition".
An edition that is not an ordinal (``"Revised"``) is kept as written.

*Pages.*  Only the work's own page range (CSL ``page``) goes into ``pages``,
with ranges written ``--`` (CSL uses an en dash).  Abbreviated ranges stay as
written (``115--17``); RIS ``EP`` gets the expanded end page (``117``).

*Locators.*  The locators cited in the notes are not part of the work.  When
``locators`` is given they go into the note field no standard style prints:
``annotation = {Cited: p. 383; p. 364}`` in BibLaTeX, ``annote`` in BibTeX (in the
order given, duplicates dropped), so the bibliography stays clean while nothing
from the notes is lost.  In RIS they become an extra ``N1  - Cited: p. 383; p. 364`` note.

*Other fields.*  ``publisher`` becomes ``school`` (BibTeX) or ``institution``
(BibLaTeX) for theses and ``institution`` for reports; ``language`` becomes biblatex
``langid`` (``fr`` -> ``french``; an unknown code is not written);
``note``/``DOI``/``URL``/``ISBN`` -> ``note``/``doi``/``url``/``isbn``.  CSL
variables absent from the table are not exported to BibTeX or RIS (CSL-JSON
keeps everything).

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

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

import bibtexparser

from haliref import resources
from haliref.caches import memo
from haliref.model import Document, Work, csl_fields, csl_item
from haliref.normalize.titles import with_short_title

__all__ = [
    "DIALECTS",
    "bibtex_chunks",
    "bibtex_round_trip_fields",
    "csl_json_chunks",
    "field_map",
    "ris_chunks",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
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


def _types(csl: Mapping[str, Any]) -> dict[str, str]:
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


def _check_dialect(dialect: str) -> None:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown BibTeX dialect {dialect!r} (one of: {', '.join(DIALECTS)})")


def _target(spec: Any, entry_type: str) -> str | None:
    """Resolve a row's target: a name, None, or a dict keyed by entry type with '*' fallback."""
    if isinstance(spec, dict):
        if entry_type in spec:
            return spec[entry_type]
        return spec.get("*")
    return spec


# --------------------------------------------------------------------------- value helpers

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


def _clean(value: Any) -> str:
    """A scalar as one line of text: control characters dropped, whitespace collapsed."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return ""
    return " ".join(_CONTROL.sub("", str(value)).split())


def _name_dicts(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [n for n in value if isinstance(n, dict)]


def _date_parts(value: Any) -> list[int]:
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
_RANGE_SEP = re.compile(rf"(?:(?<!\s)\s+)?(?:-{{1,3}}|[{_DASHES}])\s*")


def _page_range(page: str) -> tuple[str, str] | None:
    """(start, end) when ``page`` is one range, the end expanded ("115–17" -> 115, 117)."""
    parts = _RANGE_SEP.split(page)
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


def _edition(value: Any) -> str:
    """An edition as a number when it is an ordinal ("2nd ed." / "Second" -> "2"), else as written."""
    text = _clean(value)
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


def _edition_word(value: Any) -> str:
    """An edition for classic BibTeX, whose styles print "<edition> edition": an ordinal as a word
    ("2nd ed." -> "Second", 21 -> "21st"), anything else as written."""
    edition = _edition(value)
    if not edition.isdigit():
        return edition
    number = int(edition)
    words = {n: word for word, n in field_map()["ordinals"].items()}
    if number in words:
        return words[number].capitalize()
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIX.get(number % 10, "th")
    return f"{number}{suffix}"


def _genre(value: Any, dialect: str) -> str:
    """The ``type`` of a thesis or report: a BibLaTeX localisation key when the genre is one
    ("MA thesis" -> ``mathesis``), else the genre as written (and always as written for BibTeX)."""
    text = _clean(value)
    if dialect == "biblatex":
        for row in field_map()["genres"]:
            if re.search(row["genre"], text):
                return str(row["biblatex"])
    return text


def _langid(value: Any) -> str:
    code = _clean(value).lower().replace("_", "-")
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


def _is_english(language: str) -> bool:
    code = language.lower().replace("_", "-")
    return code.split("-")[0] in ("en", "eng", "english") or _langid(code) in (
        "english",
        "american",
        "british",
        "australian",
        "canadian",
        "newzealand",
    )


def _locators(work_id: str, locators: Mapping[str, Sequence[str]] | None) -> list[str]:
    if locators is None:  # not "not locators": a shelf's mapping would count its rows per work
        return []
    seen: list[str] = []
    for loc in locators.get(work_id, ()):
        text = _clean(loc)
        if text and text not in seen:
            seen.append(text)
    return seen


def _iso_date(parts: list[int]) -> str:
    if not parts:
        return ""
    out = f"{parts[0]:04d}"
    for p in parts[1:]:
        out += f"-{p:02d}"
    return out


def _ris_date(parts: list[int]) -> str:
    if len(parts) < 2:
        return ""
    y, m, d = ([*parts, 0, 0])[:3]
    return f"{y:04d}/{m:02d}/{f'{d:02d}' if d else ''}/"


# --------------------------------------------------------------------------- LaTeX escaping

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_UNPAIRED = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}


def _paired_braces(text: str) -> set[int]:
    stack: list[int] = []
    paired: set[int] = set()
    for i, c in enumerate(text):
        if c == "{":
            stack.append(i)
        elif c == "}" and stack:
            paired.add(stack.pop())
            paired.add(i)
    return paired


_NEEDS_ESCAPE = re.compile(r"[\\&%$#_~^{}]")  # the keys of _SPECIALS and _UNPAIRED


def _latex_escape(text: str, protect: Sequence[tuple[int, int]] = ()) -> str:
    """Escape LaTeX/BibTeX specials; wrap the given [start, end) spans in protective braces."""
    if not protect and not _NEEDS_ESCAPE.search(text):
        return text  # most values: nothing to escape
    paired = _paired_braces(text)
    starts = {s for s, _ in protect}
    ends = {e for _, e in protect}
    out: list[str] = []
    for i, c in enumerate(text):
        if i in ends:
            out.append("}")
        if i in starts:
            # "{\" would open a BibTeX "special character", inside which case is
            # not protected: start the group with an empty one instead.
            out.append("{{}" if c in _SPECIALS or c in "{}" else "{")
        if c in "{}":
            out.append("\\" + c if i in paired else _UNPAIRED[c])
        else:
            out.append(_SPECIALS.get(c, c))
    if len(text) in ends:
        out.append("}")
    return "".join(out)


_UNESCAPE = re.compile(
    r"\\(?:textbackslash|textasciitilde|textasciicircum|textbraceleft|textbraceright)\{\}"
    r"|\\[&%$#_{}]|[{}]"
)
_UNESCAPED = {
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
}


def _latex_unescape(text: str) -> str:
    """Inverse of :func:`_latex_escape`; protective (unescaped) braces are dropped."""

    def repl(m: re.Match[str]) -> str:
        s = m.group()
        if s in ("{", "}"):
            return ""
        if s in _UNESCAPED:
            return _UNESCAPED[s]
        return s[1]

    return _UNESCAPE.sub(repl, text)


_VERBATIM_UNSAFE = re.compile(r"[\s\\{}^\x00-\x1f\x7f]")


def _verbatim(text: str) -> str:
    """URL/DOI for a verbatim field: percent-encode what could break out of \\url{}."""
    return _VERBATIM_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


# a word, its apostrophe parts kept with it ("Nicaragua's", "O'Brien"); hyphens separate words
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# what may stand between a subtitle's colon (or ? !) and its first word
_SEGMENT_END = re.compile(r"(?:^|[:?!])[\s\"'“”‘’«»(\[]*$")


@memo(1)
def _small_words() -> frozenset[str]:
    """Words a title-case title writes in lower case (articles, prepositions, conjunctions, particles)."""
    classes = resources.headline_words()
    return frozenset().union(
        *(
            classes.get(kind, frozenset())
            for kind in ("article", "preposition", "conjunction", "clause", "connector", "foreign")
        )
    )


def _title_protection(title: str, language: str) -> list[tuple[int, int]]:
    """The spans of a title to brace, so styles that lower-case titles keep their capitals.

    As Better BibTeX protects titles: a title in another language than English whole (English
    case rules must not touch it); in an English one, words with a capital after their first
    letter (acronyms, ``McCarthy``, roman numerals) and proper nouns.  A proper noun is a
    capitalised word that does not start the title or a subtitle: all of them when the title is
    in sentence case (at least as many of its words are in lower case where title case
    would capitalise them as are capitalised), and in a
    title-case title those that are not common English words (``data/english_common_words.txt``:
    "Revolution in Iran" protects Iran, not Revolution).  Each span is one word: never nested.
    """
    if not title:
        return []
    if language and not _is_english(language):
        return [(0, len(title))]
    words = []
    for m in _WORD.finditer(title):
        before = title[: m.start()]
        start = bool(_SEGMENT_END.search(before))
        words.append((m, start, before.endswith(("-", "‐", "‑"))))
    small = _small_words()
    inside = [m.group() for m, start, hyphenated in words if not start and not hyphenated]
    lower = sum(1 for word in inside if word[0].islower() and word.isalpha() and word not in small)
    sentence_case = lower > 0 and lower >= sum(1 for word in inside if word[0].isupper())
    common = resources.lower_set("english_common_words.txt")
    spans = []
    for m, start, _ in words:
        word = m.group()
        proper = word[0].isupper() and not start and (
            sentence_case or _POSSESSIVE.sub("", word).casefold() not in common
        )
        if proper or any(map(str.isupper, word[1:])):
            spans.append(m.span())
    return spans


# --------------------------------------------------------------------------- names

_AND_OR_COMMA = re.compile(r",|\band\b", re.IGNORECASE)


def _bib_part(text: str, brace: bool = False) -> str:
    escaped = _latex_escape(text)
    if brace or _AND_OR_COMMA.search(text):
        return "{" + escaped + "}"
    return escaped


def _bibtex_name(name: Mapping[str, Any]) -> str:
    literal = _clean(name.get("literal"))
    family = _clean(name.get("family"))
    given = _clean(name.get("given"))
    if literal or not family:
        text = literal or given
        return "{" + _latex_escape(text) + "}" if text else ""
    particles = " ".join(
        p
        for p in (_clean(name.get("dropping-particle")), _clean(name.get("non-dropping-particle")))
        if p
    )
    suffix = _clean(name.get("suffix"))
    last = _bib_part(family, brace=not given and " " in family)
    if particles:
        last = _latex_escape(particles) + " " + last
    if not given:
        return last if not suffix else f"{last}, {_bib_part(suffix)}, "
    parts = [last] + ([_bib_part(suffix)] if suffix else []) + [_bib_part(given)]
    return ", ".join(parts)


def _ris_name(name: Mapping[str, Any]) -> str:
    literal = _clean(name.get("literal"))
    family = _clean(name.get("family"))
    given = _clean(name.get("given"))
    if literal or not family:
        return literal or given
    last = " ".join(
        p
        for p in (
            _clean(name.get("dropping-particle")),
            _clean(name.get("non-dropping-particle")),
            family,
        )
        if p
    )
    suffix = _clean(name.get("suffix"))
    return ", ".join(p for p in (last, given, suffix) if p) if given else (
        f"{last}, , {suffix}" if suffix else last
    )


# --------------------------------------------------------------------------- CSL-JSON


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value) if value[k] is not None}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    return value


def _works_and_locators(
    source: Document | Sequence[Work], locators: Mapping[str, Sequence[str]] | None
) -> tuple[Sequence[Work], Mapping[str, Sequence[str]] | None]:
    """A Document brings its own cited locators (unless ``locators`` is given); works alone have none."""
    if isinstance(source, Document):
        return source.works, source.cited_locators() if locators is None else locators
    return source, locators


def to_csl_json(works: Document | Sequence[Work]) -> str:
    """The works as a CSL-JSON array: ``"id"`` (the work id) first, then the item's keys sorted.

    Nested objects have sorted keys too and ``None`` values are dropped (CSL-JSON has
    no null).  UTF-8 text is kept (``ensure_ascii=False``), indent 2, trailing newline.
    """
    return "".join(csl_json_chunks(_works_and_locators(works, None)[0]))


def csl_json_chunks(works: Iterable[Work]) -> Iterator[str]:
    """:func:`to_csl_json` a few hundred works at a time: for more works than memory holds."""
    opened = False
    for chunk in _batched(works):
        items = []
        for work in chunk:
            body = _sorted({k: v for k, v in with_short_title(csl_fields(work.csl)).items() if k != "id"})
            # an item's own lines, indented one level as inside the array (json escapes line breaks)
            items.append("  " + json.dumps({"id": work.id, **body}, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        yield ("," if opened else "[") + "\n" + ",\n".join(items)
        opened = True
    yield "\n]\n" if opened else "[]\n"


def _shortened(work: Work) -> Work:
    """The work with its CMOS short title (``title-short``), as every format exports it."""
    csl = with_short_title(csl_fields(work.csl))
    return work if csl is work.csl else dataclasses.replace(work, csl=csl_item(csl))


def _batched(works: Iterable[Work]) -> Iterator[list[Work]]:
    iterator = iter(works)
    while chunk := list(islice(iterator, CHUNK_WORKS)):
        yield chunk


# --------------------------------------------------------------------------- BibTeX

_BAD_KEY = re.compile(r"[\s,{}()\"#%'=\\~]")


def _check_keys(works: Sequence[Work]) -> None:
    seen: set[str] = set()
    for work in works:
        if not work.id or _BAD_KEY.search(work.id):
            raise ValueError(f"work id {work.id!r} is not usable as a BibTeX key")
        if work.id.lower() in seen:
            raise ValueError(f"duplicate work id {work.id!r}")
        seen.add(work.id.lower())


def _bibtex_value(work: Work, row: Mapping[str, Any], locators: list[str], entry_type: str, dialect: str) -> str | None:
    """The escaped .bib value for one mapping row, or None when the work has nothing."""
    csl = work.csl
    kind = row["kind"]
    raw = locators if row["csl"] == LOCATORS else csl.get(row["csl"])
    if kind == "locators":
        return _latex_escape(row.get("prefix", "") + "; ".join(locators)) if locators else None
    if kind == "names":
        names = [n for n in (_bibtex_name(d) for d in _name_dicts(raw)) if n]
        return " and ".join(names) or None
    if kind == "role":
        return str(row["value"]) if any(_bibtex_name(d) for d in _name_dicts(raw)) else None
    if kind == "subtype":
        return field_map()["subtypes"].get(_clean(raw))
    if kind == "default-genre":
        return field_map()["default_genres"].get(entry_type)
    if kind in ("year", "month", "iso-date"):
        parts = _date_parts(raw)
        if kind == "year":
            return str(parts[0]) if parts else None
        if kind == "month":
            if len(parts) >= 2 and 1 <= parts[1] <= 12:
                return field_map()["months"][parts[1] - 1]
            return None
        return _iso_date(parts) or None
    text = _clean(raw)
    if not text:
        return None
    if kind == "title":
        return _latex_escape(text, _title_protection(text, _clean(csl.get("language"))))
    if kind == "pages":
        return _latex_escape(_RANGE_SEP.sub("--", text))
    if kind == "edition":
        return _latex_escape(_edition(raw))
    if kind == "edition-word":
        return _latex_escape(_edition_word(raw))
    if kind == "genre":
        return _latex_escape(_genre(raw, dialect))
    if kind == "langid":
        return _langid(raw) or None
    if kind == "verbatim":
        return _verbatim(text)
    return _latex_escape(text)


@memo(128)  # one entry per entry type and dialect
def _bibtex_rows(entry_type: str, dialect: str) -> tuple[tuple[str, Mapping[str, Any], str | None], ...]:
    """(.bib field, mapping row, CSL variable) of the rows with a target for this entry type, in table order.

    Only the fields the dialect allows for the entry type (``allowed`` in the table): BibLaTeX's
    data model, classic BibTeX's fields.  The CSL variable is None for the locator rows, whose
    value does not come from the item.
    """
    allowed = field_map()["allowed"][dialect]
    fields = {*allowed["*"], *allowed.get(entry_type, ())}
    out = []
    for row in field_map()["fields"]:
        key = _target(row.get(dialect), entry_type)
        if key and key in fields:
            source = None if row["kind"] == "locators" or row["csl"] == LOCATORS else row["csl"]
            out.append((key, row, source))
    return tuple(out)


def _entry(work: Work, locators: list[str], dialect: str) -> str:
    """One entry: ``@type{key,``, a ``  field = {value}`` line per field (commas between), ``}``."""
    entry_type = _types(work.csl)[dialect]
    fields: list[str] = []
    taken: set[str] = set()
    csl = work.csl
    for key, row, source in _bibtex_rows(entry_type, dialect):
        if key in taken or (source is not None and csl.get(source) is None):
            continue  # a variable the item lacks gives no value
        value = _bibtex_value(work, row, locators, entry_type, dialect)
        if value is None:
            continue
        taken.add(key)
        # Values are enclosed here: month macros (jan, feb ...) bare, everything else in braces.
        fields.append(f"  {key} = {value if row['kind'] == 'month' else '{' + value + '}'}")
    body = ",\n".join(fields) + "\n" if fields else ""
    return f"@{entry_type}{{{work.id},\n{body}}}\n"


def to_bibtex(
    works: Document | Sequence[Work],
    *,
    locators: Mapping[str, Sequence[str]] | None = None,
    dialect: str = DIALECTS[0],
) -> str:
    """The works as a .bib file (UTF-8 text), one entry per work, in the order given.

    ``dialect`` is ``"biblatex"`` (the default: for biber and biblatex, ``date``, ``location``,
    ``journaltitle``, ``@thesis`` ...) or ``"bibtex"`` (classic BibTeX and its .bst styles:
    ``year``/``month``, ``address``, ``journal``, ``@phdthesis`` ..., classic fields only).
    ``locators`` maps a work id to the locators cited in the notes ("p. 341");
    when given, or when a Document is given (its citations' locators), they are
    kept in the entry's note that no standard style prints (``annotation`` in BibLaTeX,
    ``annote`` in BibTeX: ``Cited: p. 341``; see the module docstring for the other decisions).
    Raises ``ValueError`` for an unknown dialect, a duplicate id or one unusable as a BibTeX key.
    """
    _check_dialect(dialect)
    works, locators = _works_and_locators(works, locators)
    _check_keys(works)
    return "".join(bibtex_chunks(works, locators=locators, dialect=dialect))


def bibtex_chunks(
    works: Iterable[Work],
    *,
    locators: Mapping[str, Sequence[str]] | None = None,
    dialect: str = DIALECTS[0],
) -> Iterator[str]:
    """:func:`to_bibtex` a few hundred works at a time: for more works than memory holds.

    Each chunk's keys are checked; unique keys across chunks are the caller's to
    guarantee (:mod:`haliref.scale.shelf` keeps them unique), as remembering them all
    would defeat the purpose.
    """
    _check_dialect(dialect)
    for index, chunk in enumerate(_batched(works)):
        _check_keys(chunk)
        text = "\n".join(_entry(_shortened(work), _locators(work.id, locators), dialect) for work in chunk)
        yield "\n" + text if index else text


def bibtex_round_trip_fields(text: str) -> dict[str, dict[str, str]]:
    """Parse BibTeX written by :func:`to_bibtex` back to plain values, for checking.

    Returns ``{key: {"ENTRYTYPE": type, field: value, ...}}`` with LaTeX escapes
    undone and protective braces dropped (``url``/``doi`` are returned as written).
    Raises ``ValueError`` if bibtexparser reports any failed block.
    """
    library = bibtexparser.parse_string(text)
    if library.failed_blocks:
        raise ValueError(f"{len(library.failed_blocks)} BibTeX block(s) failed to parse")
    verbatim = {
        row[dialect]
        for row in field_map()["fields"]
        for dialect in DIALECTS
        if row["kind"] == "verbatim" and isinstance(row.get(dialect), str)
    }
    out: dict[str, dict[str, str]] = {}
    for entry in library.entries:
        fields = {"ENTRYTYPE": entry.entry_type}
        for f in entry.fields:
            fields[f.key] = f.value if f.key in verbatim else _latex_unescape(f.value)
        out[entry.key] = fields
    return out


# --------------------------------------------------------------------------- RIS


def _ris_values(work: Work, row: Mapping[str, Any], locators: list[str]) -> list[str]:
    csl = work.csl
    kind = row["kind"]
    raw = csl.get(row["csl"]) if row["csl"] != LOCATORS else None
    if kind == "locators":
        return [row.get("prefix", "") + "; ".join(locators)] if locators else []
    if kind == "names":
        return [n for n in (_ris_name(d) for d in _name_dicts(raw)) if n]
    if kind in ("year", "ris-date", "iso-date", "month"):
        parts = _date_parts(raw)
        if kind == "year":
            return [f"{parts[0]:04d}"] if parts else []
        if kind == "ris-date":
            return [_ris_date(parts)] if len(parts) >= 2 else []
        if kind == "iso-date":
            return [_iso_date(parts)] if parts else []
        return [f"{parts[1]:02d}"] if len(parts) >= 2 else []
    text = _clean(raw)
    if not text:
        return []
    if kind in ("page-start", "page-end"):
        rng = _page_range(text)
        if rng is None:
            return [text] if kind == "page-start" else []
        return [rng[0] if kind == "page-start" else rng[1]]
    if kind == "pages":
        return [text]
    if kind == "edition":
        return [_edition(raw)]
    if kind == "langid":
        return [v] if (v := _langid(raw)) else []
    return [text]


def _ris_record(work: Work, locators: list[str]) -> list[str]:
    ris_type = _types(work.csl)["ris"]
    lines = [f"TY  - {ris_type}", f"ID  - {_clean(work.id)}"]
    for row in field_map()["fields"]:
        tag = _target(row.get("ris"), ris_type)
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
    works, locators = _works_and_locators(works, locators)
    return "".join(ris_chunks(works, locators=locators))


def ris_chunks(
    works: Iterable[Work], *, locators: Mapping[str, Sequence[str]] | None = None
) -> Iterator[str]:
    """:func:`to_ris` a few hundred works at a time: for more works than memory holds."""
    for index, chunk in enumerate(_batched(works)):
        records = ["\n".join(_ris_record(_shortened(w), _locators(w.id, locators))) + "\n" for w in chunk]
        yield ("\n" if index else "") + "\n".join(records)

