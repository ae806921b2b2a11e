"""Flags: the reasons to distrust an entry (or the list), each with a code, a field, a reason and evidence.

Every rule is a small pure function. A work rule takes ``(work, ctx)`` and a list
rule ``(document, ctx)``; both return a list of :class:`~haliref.model.Flag`.
The rules run in the order of :data:`WORK_RULES` and :data:`LIST_RULES`;
:func:`flag_document` returns a deep copy of the document with each work's flags
extended (deduplicated, first occurrence kept, the normalize/merge flags first)
and ``findings`` set to the list-level flags.

Codes, severities and message templates live in ``data/flags.tsv``; word lists
in ``data/title_end_words.txt``; publisher seats in ``data/publishers.tsv``.
Nothing here reads the clock: the year "today" is a parameter (``today_year``),
which the command line supplies.

The parse-uncertain rule reads the tagger's spans of each citation from the
attribute ``Citation.spans`` when the pipeline stores it (a sequence of
:class:`haliref.parse.tagger.Span`, of ``(label, text, confidence)`` tuples or of
dicts with those keys); without it the rule raises nothing.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from haliref import resources
from haliref.caches import memo
from haliref.model import Citation, Document, Flag, Note, Work, csl_fields
from haliref.normalize import LABELS
from haliref.normalize.imprint import first_place, fuzzy_match, is_known_place, publisher_seats, split_places
from haliref.normalize.imprint import place_keys as _place_choices
from haliref.normalize.imprint import publisher_keys as _publisher_choices

__all__ = [
    "DEFAULT_UNCERTAIN_BELOW",
    "LIST_RULES",
    "REQUIRED_FIELDS",
    "WORK_RULES",
    "FlagContext",
    "FlagSpec",
    "describe",
    "flag_document",
    "flag_spec",
    "flag_specs",
    "flag_title",
    "format_missing",
    "format_ranges",
    "missing_note_numbers",
    "plain_field",
    "severity",
]

#: A span whose lowest token marginal is below this gives a parse-uncertain flag.
DEFAULT_UNCERTAIN_BELOW = 0.6
#: Earliest plausible year of a printed work.
EARLIEST_YEAR = 1450
#: Title similarity (rapidfuzz ratio of folded titles) above which two works look like one.
MAX_DUPLICATES_NAMED = 5  # possible-duplicate flags naming another work, per work
DUPLICATE_TITLE_AT = 85.0
# A block of more works than this (one author's many works whose titles share three letters) is not scored
# whole for each of them, which made the rule quadratic in the works of one author: a work is scored against
# its NEIGHBOURS nearest titles on either side, in title order and in reversed-title order (a near-identical
# title damaged at one end sorts next to it by the other end).
BLOCK_SCORED = 256
NEIGHBOURS = 64
#: Family-name similarity above which two first authors look like one person.
SAME_FAMILY_AT = 85.0

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


# --------------------------------------------------------------------------- codes and messages
@dataclass(frozen=True)
class FlagSpec:
    """One row of ``data/flags.tsv``."""

    code: str
    severity: str
    message: str
    #: what the text and HTML reports call the flag (the code stays in JSON)
    title: str = ""
    #: what the flag means, in plain words without placeholders (the HTML report's table of flags)
    legend: str = ""


@memo(None)
def flag_specs() -> dict[str, FlagSpec]:
    """code -> spec, in file order."""
    text = resources.read_text("flags.tsv")
    out: dict[str, FlagSpec] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) not in (3, 5) or cells[1] not in ("error", "warning", "info"):
            raise ValueError(f"data/flags.tsv: expected code, severity, message, title, legend in {line!r}")
        out[cells[0]] = FlagSpec(*cells)
    return out


def flag_spec(code: str) -> FlagSpec:
    """The spec of a code; an unknown code (a stage added one without data) is a warning."""
    return flag_specs().get(code) or FlagSpec(code, "warning", code.replace("-", " "))


def describe(code: str) -> str:
    """What the code means, for a legend: its plain-words legend (no placeholders); a code
    without one gives its message with the placeholders left out."""
    spec = flag_spec(code)
    return spec.legend or _message(code)


def flag_title(code: str) -> str:
    """The flag's name in plain words (the code itself when ``data/flags.tsv`` gives none)."""
    return flag_spec(code).title or code


def severity(code: str) -> str:
    return flag_spec(code).severity


@memo(None)
def _field_names() -> dict[str, str]:
    rows = (line.split("\t") for line in resources.read_text("field_names.tsv").splitlines())
    return {row[0].strip(): row[1].strip() for row in rows if len(row) == 2 and not row[0].startswith("#")}


def plain_field(key: str) -> str:
    """A field's name in plain words ("publisher-place" -> "place of publication"), from
    ``data/field_names.tsv``; an unknown field keeps its name."""
    return _field_names().get(key, key)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _message(code: str, **values: Any) -> str:
    text = flag_spec(code).message.format_map(_Blank({k: str(v) for k, v in values.items()}))
    return re.sub(r"\s*(?:\(\)|: $)", "", text).strip()


def _flag(code: str, field_name: str, evidence: str = "", **values: Any) -> Flag:
    values.setdefault("field", field_name)
    return Flag(code=code, field=field_name, reason=_message(code, **values), evidence=evidence)


# --------------------------------------------------------------------------- context
@dataclass
class _DuplicateIndex:
    """The document's works by title key, for the possible-duplicate rule (see :func:`_blocks`)."""

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
    duplicates: _DuplicateIndex = field(default_factory=lambda: _DuplicateIndex(), repr=False, compare=False)


def _citations_by_work(document: Document) -> dict[str, list[tuple[Note, Citation]]]:
    out: dict[str, list[tuple[Note, Citation]]] = {}
    for note in document.notes:
        for citation in note.citations:
            out.setdefault(citation.work, []).append((note, citation))
    return out


def _note_label(note: Note) -> str:
    return "?" if note.number is None else str(note.number)


# --------------------------------------------------------------------------- helpers
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


@memo(1 << 15)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    return " ".join(_NON_ALNUM.sub(" ", ascii_text.casefold()).split())


_ARTICLES = frozenset(
    [
        "the", "a", "an", "le", "la", "les", "l", "die", "der", "das", "ein", "eine", "el", "los", "las", "il", "lo",
        "gli", "un", "une",
    ]
)


@memo(1 << 15)
def _title_key(title: str) -> str:
    words = _fold(title).split()
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def _year(csl: Mapping[str, Any], key: str = "issued") -> int | None:
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


def _first_family(csl: Mapping[str, Any]) -> str:
    for role in ("author", "editor", "translator"):
        people = csl.get(role) or []
        if people:
            person = people[0]
            return _fold(person.get("family") or person.get("literal") or "")
    return ""


def _same_family(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or fuzz.ratio(a, b) >= SAME_FAMILY_AT:
        return True
    # a misparsed "Hendrik van Dam" as family against "Dam"
    return a.split()[-1] == b.split()[-1] and len(a.split()[-1]) > 2


def _edition_number(value: Any) -> int | None:
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


def _strings(csl: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
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


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --------------------------------------------------------------------------- work rules
_UNIVERSITY = re.compile(
    r"\b(?:universit\w*|college|institut\w*|presses universitaires|académie|academy|akademie)\b", re.IGNORECASE
)


@memo(None)
def _seats_by_core() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Publisher keys without generic words ("clarendon") -> (name, seats), only when unambiguous."""
    generic = resources.lower_set("publisher_generic_words.txt")
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, seats in resources.publishers().items():
        core = " ".join(w for w in resources.comparison_key(name).split() if w not in generic)
        if core:
            found.setdefault(core, []).append((name, seats))
    return {core: hits[0] for core, hits in found.items() if len({h[1] for h in hits}) == 1}


@memo(1 << 12)
def _known_seats(publisher: str) -> tuple[str, tuple[str, ...]]:
    seats = publisher_seats(publisher)
    if seats:
        return publisher, seats
    generic = resources.lower_set("publisher_generic_words.txt")
    core = " ".join(w for w in resources.comparison_key(publisher).split() if w not in generic)
    return _seats_by_core().get(core, (publisher, ()))


@memo(1 << 12)  # every work with a known publisher asks for its seats' keys again
def _place_keys(place: str) -> frozenset[str]:
    """"Cambridge, Mass." -> {"cambridge mass", "cambridge"}."""
    keys = {resources.comparison_key(place)}
    head = place.split(",")[0]
    keys.add(resources.comparison_key(head))
    return frozenset(k for k in keys if k)


@memo(1 << 12)
def _seat_keys(seats: tuple[str, ...]) -> frozenset[str]:
    """The place keys of all a publisher's seats."""
    return frozenset(key for seat in seats for part in split_places(seat) for key in _place_keys(part))


def rule_place_seat(work: Work, ctx: FlagContext) -> list[Flag]:
    """Place not among the publisher's known seats: a warning for institutional presses, else info."""
    publisher, place = work.csl.get("publisher", ""), work.csl.get("publisher-place", "")
    if not publisher or not place:
        return []
    name, seats = _known_seats(publisher)
    if not seats:
        return []
    seat_keys = _seat_keys(seats)
    # an unknown place is a typo or a gap in the gazetteer (place-suspect), not a seat question
    strange = [p for p in split_places(place) if is_known_place(p) and not (_place_keys(p) & seat_keys)]
    if not strange:
        return []
    code = "place-not-seat" if _UNIVERSITY.search(name) else "place-unusual-seat"
    shown = " / ".join(strange)
    return [
        _flag(
            code,
            "publisher-place",
            f"{place!r} with {publisher!r}; known seats: {' | '.join(seats)}",
            place=shown,
            publisher=name,
            seats=", ".join(seats),
        )
    ]


def rule_place_secondary_seat(work: Work, ctx: FlagContext) -> list[Flag]:
    """First city cited is one of the publisher's seats but not its usual first one (CMOS 14.135): info."""
    publisher, place = work.csl.get("publisher", ""), work.csl.get("publisher-place", "")
    if not publisher or not place:
        return []
    name, seats = _known_seats(publisher)
    if len(seats) < 2:
        return []
    cited, usual = first_place(place), first_place(seats[0])
    if not cited or not usual:
        return []
    first_keys = _place_keys(cited)
    names = resources.place_names()
    first_keys |= frozenset(alias for key in first_keys for alias in names.get(key, ()))
    all_keys = frozenset(key for seat in seats for key in _place_keys(first_place(seat)))
    all_keys |= _seat_keys(seats)
    firsts = (usual, *resources.publisher_first_cities().get(name, ()))
    if any(first_keys & _place_keys(city) for city in firsts) or not first_keys & all_keys:
        return []  # the usual first city, or not a seat at all (place-not-seat's business)
    return [
        _flag(
            "place-secondary-seat",
            "publisher-place",
            f"{place!r} with {publisher!r}; first city cited {cited!r}; known seats: {' | '.join(seats)}",
            place=cited,
            publisher=name,
            usual=usual,
        )
    ]


#: The characters Windows-1252 puts in 0x80-0x9F: the second byte of UTF-8 read as cp1252.
_CP1252 = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_DAMAGE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("replacement character U+FFFD", re.compile("\ufffd|ï¿½")),
    ("mojibake (UTF-8 read as Latin-1/Windows-1252)",
     re.compile(f"[ÃÂ][\u0080-\u00bf{_CP1252}]|â€[\u0080-\u00bf{_CP1252}]?|Å[\u00a0-\u00bf{_CP1252}]|Ä[\u00a0-\u00bf]")),
    ("a quote mark or ? where a dash belongs", re.compile(r"\d\s?[’‘'´`?]\s?\d")),
    ("control character", re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")),
)


#: A character every damage match holds (U+FFFD or "ï", a mojibake lead, a quote mark or "?", a control
#: character): texts without one, most of them, are cleared by one character-class scan.
_DAMAGE_CHAR = re.compile("[\ufffdïÃÂâÅÄ’‘'´`?\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")


def _damage_in(text: str) -> list[tuple[str, str]]:
    found = []
    for label, pattern in _DAMAGE:
        m = pattern.search(text)
        if m:
            lo, hi = max(0, m.start() - 15), min(len(text), m.end() + 15)
            found.append((label, text[lo:hi]))
    return found


def rule_char_damage(work: Work, ctx: FlagContext) -> list[Flag]:
    """Mojibake, U+FFFD, control characters, a quote mark between digits — in any field or locator."""
    flags = []
    texts = list(_strings(work.csl))
    texts += [("locator", c.locator) for _, c in ctx.citations.get(work.id, ()) if c.locator]
    if not _DAMAGE_CHAR.search("".join(text for _, text in texts)):
        return []
    for key, text in texts:
        for label, snippet in _damage_in(text):
            flags.append(_flag("char-damage", key, f"…{snippet}…", detail=label))
    return flags


@memo(None)
def _accented_surnames() -> dict[str, str]:
    """Surnames usually written with diacritics, keyed by their unaccented form."""
    names = {}
    for name in resources.word_list("surnames_iberian.txt"):
        if _fold(name) != name.casefold():
            names[_fold(name)] = name
    return names


def rule_name_accents(work: Work, ctx: FlagContext) -> list[Flag]:
    """"Marquez" for "Márquez": a surname that is usually accented, written without its accents."""
    flags = []
    for role in ("author", "editor", "translator"):
        for person in csl_fields(work.csl).get(role) or []:
            for word in (person.get("family") or "").split():
                usual = _accented_surnames().get(_fold(word))
                if usual and word.isascii():
                    flags.append(
                        _flag("name-accents", role, f"{word!r} in {person.get('family')!r}", usual=usual, word=word)
                    )
    return flags


def _is_unresolved(work: Work) -> bool:
    return any(f.code in ("short-form-unresolved", "ibid-without-antecedent") for f in work.flags)


def rule_missing_fields(work: Work, ctx: FlagContext) -> list[Flag]:
    """Core fields missing for the work's CSL type (short forms already flagged are left alone)."""
    if _is_unresolved(work):
        return []
    kind = work.csl.get("type", "book")
    flags = []
    for alternatives in REQUIRED_FIELDS.get(kind, ()):
        if any(work.csl.get(key) for key in alternatives):
            continue
        key = alternatives[0]
        cited = ctx.citations.get(work.id, ())
        evidence = f"note {_note_label(cited[0][0])}: {_quote(cited[0][1].text)}" if cited else ""
        flags.append(_flag("missing-field", key, evidence, field=_FIELD_NAMES.get(key, key), type=kind))
    return flags


def _families(people: Sequence[Mapping[str, Any]]) -> str:
    """"Kenner and Petras", "Ames, Bell and Cole": family names (or literal names) in prose."""
    names = [str(p.get("family") or p.get("literal") or "").strip() for p in people]
    names = [n for n in names if n]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def rule_unsigned_chapter(work: Work, ctx: FlagContext) -> list[Flag]:
    """A chapter with editors and no author: every processor would print the editors as its authors."""
    if work.csl.get("type") != "chapter" or work.csl.get("author") or _is_unresolved(work):
        return []
    editors = work.csl.get("editor") or []
    if not editors:
        return []  # no name at all: missing-field says so
    cited = ctx.citations.get(work.id, ())
    evidence = f"note {_note_label(cited[0][0])}: {_quote(cited[0][1].text)}" if cited else ""
    return [_flag("unsigned-chapter", "author", evidence, editors=_families(editors))]


@memo(None)
def _title_end_words() -> frozenset[str]:
    return resources.lower_set("title_end_words.txt")


_OPENERS = {"(": ")", "[": "]", "“": "”", "«": "»", "‘": "’"}
_CLOSING_APOSTROPHE = re.compile(r"’(?!\w)|(?<!\w)’")


def _unclosed(title: str) -> str | None:
    for opener, closer in _OPENERS.items():
        opened = title.count(opener)
        if not opened:
            continue
        # the closer doubles as an apostrophe: count only closers not inside a word
        closed = len(_CLOSING_APOSTROPHE.findall(title)) if closer == "’" else title.count(closer)
        if opened > closed:
            return opener
    return None


_LETTERS = re.compile(r"[^\W\d_]+")


def _truncation(title: str) -> str | None:
    stripped = title.rstrip()
    if stripped.endswith(("…", "...")):
        return "it ends with an ellipsis"
    if stripped.endswith((",", ";", ":", "-", "–", "—")):
        return f"it ends with {stripped[-1]!r}"
    # the last word, if the title ends with a letter: read from the end (no scan of the whole title)
    last = _LETTERS.match(stripped[::-1])
    word = last.group()[::-1] if last else ""
    if word and word.casefold() in _title_end_words() and len(_LETTERS.findall(stripped)) > 1:
        return f"it ends with {word!r}"
    opener = _unclosed(stripped)
    if opener:
        return f"{opener!r} is never closed"
    return None


_RUN_IN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a title closed by a quote or bracket, then more after a comma",
     re.compile(r"[’”»)\]]\s*,\s+(?=[A-ZÀ-Þ])\S+(?:\s+\S+){0,3}")),
    ("“, The …” inside the title",
     re.compile(r",\s+(?:The|A|An|Le|La|Les|Die|Der|Das|El|Los|Las|Il)\s+[A-ZÀ-Þ]\w+(?:\s+\S+){0,3}")),
)

#: Words of three letters or more that end with an abbreviation period, not a sentence.
_ABBREVIATIONS = frozenset(
    [
        "vol", "vols", "nos", "bros", "ltd", "inc", "rev", "gen", "col", "capt", "prof", "mrs", "univ", "dept", "corp",
        "ibid", "trans", "eds", "edn", "hrsg",
    ]
)
_SENTENCE_BREAK = re.compile(r"\b([A-Za-zÀ-ÿ][a-zß-ÿ]{2,})\.\s+([A-ZÀ-Þ][a-zß-ÿ]+(?:\s+\S+){0,3})")


def _sentence_break(title: str) -> str | None:
    for m in _SENTENCE_BREAK.finditer(title):
        if m[1].casefold() not in _ABBREVIATIONS:
            return m.group()
    return None


def rule_title_shape(work: Work, ctx: FlagContext) -> list[Flag]:
    """A title that looks truncated, or has a subtitle (or another title) run in without a colon."""
    flags = []
    for key in ("title", "container-title"):
        title = work.csl.get(key)
        if not isinstance(title, str) or not title:
            continue
        why = _truncation(title)
        if why:
            flags.append(_flag("title-truncated", key, _quote(title), detail=why))
        hits = [(label, m.group()) for label, pattern in _RUN_IN if (m := pattern.search(title))]
        broken = _sentence_break(title)
        if broken:
            hits.append(("a sentence break inside the title", broken))
        if hits:
            label, snippet = hits[0]
            flags.append(_flag("title-run-in", key, f"…{snippet.strip()}… in {_quote(title)}", detail=label))
    return flags


def _same_work(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    ta, tb = _title_key(a.get("title", "")), _title_key(b.get("title", ""))
    if not ta or not tb or not _same_family(_first_family(a), _first_family(b)):
        return False
    return ta == tb or fuzz.ratio(ta, tb) >= DUPLICATE_TITLE_AT


def rule_edition_year(work: Work, ctx: FlagContext) -> list[Flag]:
    """Edition ≥ 2 dated in its original's year (or earlier), from the work itself or the same work elsewhere."""
    edition = _edition_number(work.csl.get("edition"))
    year = _year(work.csl)
    original = _year(work.csl, "original-date")
    flags = []
    if year is not None and original is not None and original > year:
        flags.append(
            _flag("edition-year", "original-date", f"original {original}, this printing {year}",
                  detail=f"the original date {original} is after the date {year}")
        )
    if edition is None or edition < 2 or year is None:
        return flags
    if original is not None and original == year:
        flags.append(
            _flag("edition-year", "edition", f"edition {edition}, original {original}, issued {year}",
                  detail=f"edition {edition} in the year of the first edition ({year})")
        )
    for other in ctx.document.works:
        if other.id == work.id or not _same_work(work.csl, other.csl):
            continue
        other_edition = _edition_number(other.csl.get("edition")) or 1
        other_year = _year(other.csl)
        if other_edition < edition and other_year is not None and other_year >= year:
            flags.append(
                _flag(
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
        year = _year(work.csl, key)
        if year is None:
            continue
        if ctx.today_year is not None and year > ctx.today_year:
            flags.append(_flag("year-future", key, f"{key}: {year}", year=year, today=ctx.today_year))
        elif year < EARLIEST_YEAR:
            flags.append(_flag("year-too-early", key, f"{key}: {year}", year=year))
    year = _year(work.csl)
    title = work.csl.get("title", "")
    if year is not None and isinstance(title, str):
        for m in _YEAR_RANGE.finditer(title):
            start, end = m[1], m[2]
            end_year = int(start[: 4 - len(end)] + end) if len(end) < 4 else int(end)
            if end_year > int(start) and end_year > year:
                flags.append(
                    _flag("year-before-title-range", "issued", f"issued {year}; title names {m.group()}",
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
                    _flag(
                        "locator-out-of-range",
                        "page",
                        f"note {_note_label(note)}: locator {citation.locator!r}, page {page!r}",
                        page=shown,
                        note=_note_label(note),
                        range=page,
                    )
                )
                break
    return flags


def _spans(citation: Citation) -> list[tuple[str, str, float]]:
    out = []
    for span in getattr(citation, "spans", None) or ():
        if isinstance(span, dict | Mapping):  # dict first: the pipeline's spans, without the ABC check
            out.append((str(span.get("label", "")), str(span.get("text", "")), float(span.get("confidence", 1.0))))
        elif isinstance(span, tuple | list):
            out.append((str(span[0]), str(span[1]), float(span[2])))
        else:
            out.append((str(span.label), str(span.text), float(span.confidence)))
    return out


def _label_field(label: str) -> str:
    return LABELS.get(label, label) or label


def rule_parse_uncertain(work: Work, ctx: FlagContext) -> list[Flag]:
    """Spans whose lowest token marginal is below the threshold (needs ``Citation.spans``)."""
    flags = []
    for note, citation in ctx.citations.get(work.id, ()):
        for label, text, confidence in _spans(citation):
            if confidence < ctx.uncertain_below and text.strip():
                key = _label_field(label)
                flags.append(
                    _flag(
                        "parse-uncertain",
                        key,
                        f"note {_note_label(note)}: {_quote(text)} read as the {plain_field(key)}",
                        field=plain_field(key),
                        confidence=f"{confidence:.0%}",
                    )
                )
    return flags


def _blocks(title: str, family: str) -> set[tuple[str, str]]:
    """The blocks a work is compared in: the first or last three letters of its family and title keys.

    Two works in no common block are never duplicates in practice: an equal or
    near-equal family name keeps its first or last letters (an equal last word,
    "van Dam" against "Dam", its last ones), and so does a near-equal title; a
    title that extends another starts like it. Only names or titles damaged at
    both ends escape, and comparing within blocks keeps the rule near-linear.
    """
    return {(f, t) for f in (family[:3], family[-3:]) for t in (title[:3], title[-3:])}


def _duplicate_index(ctx: FlagContext) -> _DuplicateIndex:
    """Built once per document: the rule runs for every work."""
    index = ctx.duplicates
    if not index.built:
        index.built = True
        for position, other in enumerate(ctx.document.works):
            title, family = _title_key(other.csl.get("title", "")), _first_family(other.csl)
            index.keys[other.id] = (title, family)
            index.positions[other.id] = position
            index.titles_at[position] = title
            if family.split():
                if family not in index.families:
                    index.last_words.setdefault(family.split()[-1], []).append(family)
                index.families.setdefault(family, []).append(position)
            if title and family:
                for block in _blocks(title, family):
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


def _extensions(index: _DuplicateIndex, title: str) -> set[int]:
    """Works whose title extends ``title`` by whole words, or that ``title`` extends (two words or more)."""
    words = title.split()
    if len(words) < 2:
        return set()
    found = {position for k in range(2, len(words)) for position in index.titles.get(" ".join(words[:k]), ())}
    start = bisect.bisect_left(index.ordered, (title + " ",))
    for other_title, position in itertools.islice(index.ordered, start, None):
        if not other_title.startswith(title + " "):
            break
        found.add(position)
    return found


def _add_neighbours(found: dict[int, str], index: _DuplicateIndex, block: tuple[str, str], work_id: str) -> None:
    """The NEIGHBOURS works either side of ``work_id``'s in a large block, in both of its orders."""
    forward, backward, forward_rank, backward_rank = index.orders[block]
    position = index.positions.get(work_id)
    if position not in forward_rank:  # not one of the document's works: the whole block, as for a small one
        found.update(zip(*index.blocks[block], strict=True))
        return
    for order, rank in ((forward, forward_rank), (backward, backward_rank)):
        at = rank[position]
        for other in order[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS + 1]:
            found[other] = index.titles_at[other]


def rule_possible_duplicate(work: Work, ctx: FlagContext) -> list[Flag]:
    """Another work with the same first author and a near-identical title that merge kept apart.

    Near-identical titles are looked for in the work's blocks only; titles that
    extend one another by whole words anywhere in the document.
    """
    index = _duplicate_index(ctx)
    title, family = index.keys.get(work.id) or (_title_key(work.csl.get("title", "")), _first_family(work.csl))
    if not title or not family:
        return []
    close = _extensions(index, title)
    in_blocks: dict[int, str] = {}  # a work is in several of the blocks: its title is scored once
    for block in _blocks(title, family):
        if block in index.orders:
            _add_neighbours(in_blocks, index, block, work.id)
        else:
            in_blocks.update(zip(*index.blocks.get(block, ((), ())), strict=False))
    for _, _, position in process.extract(
        title, in_blocks, scorer=fuzz.ratio, score_cutoff=DUPLICATE_TITLE_AT, limit=None
    ):
        close.add(position)
    others = [
        other for other in (ctx.document.works[position] for position in sorted(close))
        if other.id != work.id and _same_family(family, index.keys[other.id][1])
    ]
    flags = [
        _flag(
            "possible-duplicate",
            "title",
            f"{work.csl.get('title')!r} ({_year(work.csl) or 'n.d.'}) vs {other.id}: "
            f"{other.csl.get('title')!r} ({_year(other.csl) or 'n.d.'}); "
            f"title similarity {fuzz.ratio(title, index.keys[other.id][0]):.0f}",
            other=other.id,
        )
        for other in others[:MAX_DUPLICATES_NAMED]
    ]
    if len(others) > MAX_DUPLICATES_NAMED:  # a list of near-copies: name a few, count the rest (linear output)
        rest = len(others) - MAX_DUPLICATES_NAMED
        flags.append(_flag("possible-duplicate", "title", "not named one by one", other=f"{rest} more works"))
    return flags


def rule_suspect_imprint(work: Work, ctx: FlagContext) -> list[Flag]:
    """A publisher or place still close to, but not, a known name (e.g. corrections were undone)."""
    flags = []
    for key, code, noun, choices in (
        ("publisher", "publisher-suspect", "publisher", _publisher_choices()),
        ("publisher-place", "place-suspect", "place", _place_choices()),
    ):
        value = work.csl.get(key)
        if not isinstance(value, str) or not value:
            continue
        if any(f.code == code and f.field == key for f in work.flags):
            continue
        parts = split_places(value) if key == "publisher-place" else [value]
        for part in parts:
            if key == "publisher-place" and is_known_place(part):
                continue
            match = fuzzy_match(part, choices)
            if match is None:
                continue
            evidence = f"{part!r} ~ {match.target!r}: similarity {match.score}, {match.edits} edit(s)"
            flags.append(_flag(code, key, evidence, detail=f"close to known {noun} '{match.target}'"))
    return flags


WorkRule = Callable[[Work, FlagContext], list[Flag]]
ListRule = Callable[[Document, FlagContext], list[Flag]]

#: Work rules in order; each flag they raise goes on the work.
WORK_RULES: tuple[WorkRule, ...] = (
    rule_suspect_imprint,
    rule_place_seat,
    rule_place_secondary_seat,
    rule_char_damage,
    rule_name_accents,
    rule_missing_fields,
    rule_unsigned_chapter,
    rule_title_shape,
    rule_edition_year,
    rule_year_range,
    rule_locator_range,
    rule_parse_uncertain,
    rule_possible_duplicate,
)


# --------------------------------------------------------------------------- list rules
def rule_note_gaps(document: Document, ctx: FlagContext) -> list[Flag]:
    missing = missing_note_numbers(document)
    text = format_missing(missing)
    if not text:
        return []
    present = sorted({n.number for n in document.notes if n.number is not None})
    count = sum(len(m) for m in missing) if isinstance(missing[0], list) else len(missing)
    return [
        _flag(
            "note-gaps", "note", f"{count} of 1–{present[-1]} missing; present: {format_ranges(present)}", missing=text
        )
    ]


def rule_note_order(document: Document, ctx: FlagContext) -> list[Flag]:
    """Numbers that repeat or go back within a run; a new run the segmenter read (a chapter) restarts at 1."""
    numbered = [(n.run, n.number) for n in document.notes if n.number is not None]
    if not numbered:
        return []
    problems = []
    evidence = [str(numbered[0][1])]
    for (run_before, previous), (run, number) in itertools.pairwise(numbered):
        evidence.append(f" | {number}" if run != run_before else f" → {number}")
        if run != run_before and number == 1:
            continue
        if number == previous:
            problems.append(f"{number} repeated")
        elif number < previous:
            problems.append(f"{number} after {previous}")
    if not problems:
        return []
    return [_flag("note-order", "note", "".join(evidence), detail="; ".join(problems))]


def rule_unnumbered(document: Document, ctx: FlagContext) -> list[Flag]:
    unnumbered = [n for n in document.notes if n.number is None]
    if not unnumbered or len(unnumbered) == len(document.notes):
        return []
    evidence = "; ".join(_quote(n.text, 50) for n in unnumbered[:3])
    return [_flag("notes-unnumbered", "note", evidence, count=len(unnumbered))]


_BRACKETED_IMPRINT = re.compile(r"\([^()]{2,80}:\s*[^()]{2,120}\b(?:1[4-9]|20)\d\d\)")
_PAGE_CUE = re.compile(r"\b(?:pp?\.|S\.)\s*\d+")
_YEAR_AFTER = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _has_imprint(text: str) -> bool:
    """A bracketed imprint with a year, or a page cue with a year later on its line.

    The year is looked for once after the line's first page cue, not after every
    cue (".*" from each cue was quadratic on long runs of "p. 1, ").
    """
    if _BRACKETED_IMPRINT.search(text):
        return True
    for line in text.split("\n"):
        cue = _PAGE_CUE.search(line)
        if cue and _YEAR_AFTER.search(line, cue.end()):
            return True
    return False


def rule_citation_in_prose(document: Document, ctx: FlagContext) -> list[Flag]:
    flags = []
    for note in document.notes:
        if note.citations:
            continue
        if _has_imprint(note.text):
            flags.append(_flag("citation-in-prose", "note", _quote(note.text), note=_note_label(note)))
    return flags


def rule_dropped_noise(document: Document, ctx: FlagContext) -> list[Flag]:
    noisy = [d for d in document.dropped if d.text.strip()]
    if not noisy:
        return []
    reasons = Counter(d.reason for d in noisy)
    detail = "; ".join(f"{count} × {reason}" for reason, count in reasons.most_common())
    lines = format_ranges(d.line for d in noisy)
    return [_flag("dropped-noise", "", f"lines {lines}", count=len(noisy), detail=detail)]


#: List-level rules in order; their flags become the document's findings.
LIST_RULES: tuple[ListRule, ...] = (
    rule_note_gaps,
    rule_note_order,
    rule_unnumbered,
    rule_citation_in_prose,
    rule_dropped_noise,
)


# --------------------------------------------------------------------------- driver
def _with_evidence(flag: Flag, work: Work, ctx: FlagContext) -> Flag:
    """Merge's short-form flags carry no evidence: give the citing notes and likely antecedents."""
    if flag.evidence or flag.code not in ("short-form-unresolved", "ibid-without-antecedent"):
        return flag
    cited = ctx.citations.get(work.id, ())
    parts = [f"note {_note_label(note)}: {_quote(c.text, 60)}" for note, c in cited[:3]]
    near = [
        w.id
        for w in _same_family_works(ctx, _first_family(work.csl))
        if w.id != work.id and not _is_unresolved(w)
    ]
    detail = f" (same author as {', '.join(near)}?)" if near else ""
    if near:
        parts.append("same author family: " + ", ".join(near))
    reason = flag.reason
    if flag.reason == _message(flag.code) or not flag.reason:
        reason = _message(flag.code, detail=detail)
    return Flag(flag.code, flag.field, reason, "; ".join(parts))


def _same_family_works(ctx: FlagContext, family: str) -> list[Work]:
    """The works whose first family is the same as ``family`` (:func:`_same_family`), in order:
    found among the distinct families, not by a pass over every work for every flag."""
    if not family.split():
        return []
    index = _duplicate_index(ctx)
    names = list(index.families)
    same = {
        names[i]
        for _, _, i in process.extract(family, names, scorer=fuzz.ratio, score_cutoff=SAME_FAMILY_AT, limit=None)
    }
    last = family.split()[-1]
    if len(last) > 2:
        same.update(index.last_words.get(last, ()))
    return [ctx.document.works[i] for i in sorted(i for name in same for i in index.families[name])]


def _dedupe(flags: Iterable[Flag]) -> list[Flag]:
    seen: set[Flag] = set()
    out = []
    for flag in flags:
        if flag not in seen:
            seen.add(flag)
            out.append(flag)
    return out


def flag_document(
    document: Document,
    *,
    today_year: int | None = None,
    uncertain_below: float = DEFAULT_UNCERTAIN_BELOW,
    work_rules: Sequence[WorkRule] = WORK_RULES,
    list_rules: Sequence[ListRule] = LIST_RULES,
    copy_document: bool = True,
) -> Document:
    """A deep copy of ``document`` with every work's flags and the list-level ``findings`` added.

    ``today_year`` bounds the year rule (``None``: no "future" check); the caller
    supplies it (the CLI passes the current year). Flags already on a work (from
    normalize and merge) come first; all are deduplicated in a stable order.
    Running it twice changes nothing.
    """
    # the pipeline passes a document it just built and owns (copy_document=False): no copy needed
    result = copy.deepcopy(document) if copy_document else document
    ctx = FlagContext(
        document=result,
        today_year=today_year,
        uncertain_below=uncertain_below,
        citations=_citations_by_work(result),
    )
    new_flags: dict[str, list[Flag]] = {}
    for work in result.works:
        found: list[Flag] = []
        for rule in work_rules:
            found.extend(rule(work, ctx))
        new_flags[work.id] = found
    for work in result.works:
        existing = [_with_evidence(f, work, ctx) for f in work.flags]
        work.flags = _dedupe([*existing, *new_flags[work.id]])
    findings: list[Flag] = list(result.findings)
    for list_rule in list_rules:
        findings.extend(list_rule(result, ctx))
    result.findings = _dedupe(findings)
    return result
