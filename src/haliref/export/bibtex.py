"""BibTeX and BibLaTeX out, from the field map (``data/field_map.json``).

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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import bibtexparser

from haliref import resources
from haliref.caches import memo
from haliref.export.fields import (
    DIALECTS,
    LOCATORS,
    RANGE_SEP,
    batched,
    check_dialect,
    cited_once,
    clean,
    date_parts,
    edition_number,
    edition_word,
    entry_types,
    field_map,
    genre_type,
    is_english,
    iso_date,
    langid,
    name_dicts,
    row_target,
    shortened,
    works_and_locators,
)
from haliref.model import Document, Work

__all__ = ["bibtex_chunks", "bibtex_round_trip_fields", "to_bibtex"]


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
    if language and not is_english(language):
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
    literal = clean(name.get("literal"))
    family = clean(name.get("family"))
    given = clean(name.get("given"))
    if literal or not family:
        text = literal or given
        return "{" + _latex_escape(text) + "}" if text else ""
    particles = " ".join(
        p
        for p in (clean(name.get("dropping-particle")), clean(name.get("non-dropping-particle")))
        if p
    )
    suffix = clean(name.get("suffix"))
    last = _bib_part(family, brace=not given and " " in family)
    if particles:
        last = _latex_escape(particles) + " " + last
    if not given:
        return last if not suffix else f"{last}, {_bib_part(suffix)}, "
    parts = [last] + ([_bib_part(suffix)] if suffix else []) + [_bib_part(given)]
    return ", ".join(parts)


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
        names = [n for n in (_bibtex_name(d) for d in name_dicts(raw)) if n]
        return " and ".join(names) or None
    if kind == "role":
        return str(row["value"]) if any(_bibtex_name(d) for d in name_dicts(raw)) else None
    if kind == "subtype":
        return field_map()["subtypes"].get(clean(raw))
    if kind == "default-genre":
        return field_map()["default_genres"].get(entry_type)
    if kind == "archive":  # the collection and the call number in one field: a .bib has no second
        joined = ", ".join(t for t in (clean(csl.get("archive")), clean(csl.get("archive_location"))) if t)
        return _latex_escape(joined) if joined else None
    if kind in ("year", "month", "iso-date"):
        parts = date_parts(raw)
        if kind == "year":
            return str(parts[0]) if parts else None
        if kind == "month":
            if len(parts) >= 2 and 1 <= parts[1] <= 12:
                return field_map()["months"][parts[1] - 1]
            return None
        return iso_date(parts) or None
    text = clean(raw)
    if not text:
        return None
    if kind == "title":
        return _latex_escape(text, _title_protection(text, clean(csl.get("language"))))
    if kind == "pages":
        return _latex_escape(RANGE_SEP.sub("--", text))
    if kind == "edition":
        return _latex_escape(edition_number(raw))
    if kind == "edition-word":
        return _latex_escape(edition_word(raw))
    if kind == "genre":
        return _latex_escape(genre_type(raw, dialect))
    if kind == "langid":
        return langid(raw) or None
    if kind == "verbatim":
        return _verbatim(text)
    return _latex_escape(text)


@memo(128)  # one entry per entry type and dialect
def _bibtex_rows(entry_type: str, dialect: str) -> tuple[tuple[str, Mapping[str, Any], str | None], ...]:
    """(.bib field, mapping row, CSL variable) of the rows with a target for this entry type, in table order.

    Only the fields the dialect allows for the entry type (``allowed`` in the table): BibLaTeX's
    data model, classic BibTeX's fields.  The CSL variable is None for the locator rows, whose
    value does not come from the item, and for the archive row, whose value comes from two variables.
    """
    allowed = field_map()["allowed"][dialect]
    fields = {*allowed["*"], *allowed.get(entry_type, ())}
    out = []
    for row in field_map()["fields"]:
        key = row_target(row.get(dialect), entry_type)
        if key and key in fields:
            source = None if row["kind"] in ("locators", "archive") or row["csl"] == LOCATORS else row["csl"]
            out.append((key, row, source))
    return tuple(out)


def _entry(work: Work, locators: list[str], dialect: str) -> str:
    """One entry: ``@type{key,``, a ``  field = {value}`` line per field (commas between), ``}``."""
    entry_type = entry_types(work.csl)[dialect]
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
    check_dialect(dialect)
    works, locators = works_and_locators(works, locators)
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
    check_dialect(dialect)
    for index, chunk in enumerate(batched(works)):
        _check_keys(chunk)
        text = "\n".join(_entry(shortened(work), cited_once(work.id, locators), dialect) for work in chunk)
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
