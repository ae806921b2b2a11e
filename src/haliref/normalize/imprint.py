"""Imprint normalizers: place/publisher split, publisher abbreviations, gazetteer typo repair.

Fuzzy repair is deliberately timid. A value is corrected only when the best
gazetteer entry scores at least ``CORRECT_AT`` with rapidfuzz's length-aware
``fuzz.ratio`` (normalized Indel similarity), is at most ``MAX_EDITS`` Levenshtein
edits away, is not merely a longer or shorter form of the value ("Clarendon" /
"Clarendon Press"), and beats the runner-up by ``MARGIN``. A best score in
[``SUSPECT_AT``, ``CORRECT_AT``) or a strong score failing the other tests only
raises a ``publisher-suspect`` / ``place-suspect`` flag. Exact matches
(case-, accent- and punctuation-insensitive) never change anything, nor does a
value that is a known name in another gazetteer (a place used as a publisher, a
place of the AnyStyle gazetteer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from haliref import resources as _data
from haliref.caches import memo

from ._base import Context, Record, strip_edges

__all__ = [
    "BookInVolumes",
    "CommaImprint",
    "FuzzyMatch",
    "JournalImprint",
    "PlaceFuzzy",
    "PlacePublisherSplit",
    "PublisherAbbreviation",
    "PublisherFuzzy",
    "first_place",
    "fuzzy_match",
    "is_known_place",
    "is_known_publisher",
    "publisher_seats",
    "split_places",
]

CORRECT_AT = 90.0
SUSPECT_AT = 80.0
MAX_EDITS = 2
MARGIN = 3.0
MIN_LENGTH = 5

#: Words that only say "this is a publisher": "Clarendon" and "Clarendon Press" are one house.
_GENERIC = frozenset(
    [
        "press", "books", "book", "publishers", "publisher", "publishing", "publications", "pub", "ltd", "limited",
        "inc", "co", "company", "and", "sons", "verlag", "verlagsanstalt", "editions", "edition", "editeur", "editeurs",
        "editorial", "editora", "editore", "editori", "edizioni", "ediciones", "edicoes", "uitgeverij", "forlag", "the",
        "les", "la", "le",
    ]
)
# A separator never starts inside a run of spaces (one at the run's start comes first):
# the lookbehinds keep a long run from being re-read from each of its characters.
# (data/and_words.txt: and, &, et, und)
_PLACE_SEPARATORS = re.compile(
    rf"(?<!\s)\s+(?:{_data.alternation('and_words.txt')})\s+|(?:(?<!\s)\s+)?;\s*|(?:(?<!\s)\s+)?/\s*|(?<!\s)\s+-\s+"
)


def _core(key: str) -> str:
    return " ".join(w for w in key.split() if w not in _GENERIC)


@memo(None)
def publisher_keys() -> dict[str, str]:
    """comparison key -> canonical publisher name."""
    out: dict[str, str] = {}
    for name in _data.publishers():
        out.setdefault(_data.comparison_key(name), name)
    for _, expansion, scope in _data.publisher_abbreviations():
        if scope == "whole":
            out.setdefault(_data.comparison_key(expansion), expansion)
    return out


@memo(None)
def _publisher_cores() -> frozenset[str]:
    return frozenset(c for c in (_core(k) for k in publisher_keys()) if c)


@memo(None)
def place_keys() -> dict[str, str]:
    out: dict[str, str] = {}
    for name in _data.places():
        out.setdefault(_data.comparison_key(name), name)
    return out


def is_known_place(text: str, *, gazetteer: bool = True) -> bool:
    key = _data.comparison_key(text)
    if not key:
        return False
    if key in place_keys() or key in _data.place_names():  # a city's name in another language: "Londres", "Wien"
        return True
    return gazetteer and key in _data.gazetteer_places()


def is_known_publisher(text: str) -> bool:
    key = _data.comparison_key(text)
    return bool(key) and (key in publisher_keys() or (_core(key) or key) in _publisher_cores())


def is_newspaper_name(name: str) -> bool:
    """A periodical named as newspapers are ("New York Sun", "The Times"): a word of
    ``data/periodical_words.txt`` in the name."""
    words = {word.casefold().strip(".,") for word in name.split()}
    return bool(words & _data.lower_set("periodical_words.txt"))


def publisher_seats(publisher: str) -> tuple[str, ...]:
    """The usual seats of a known publisher (exact up to case/accents/punctuation), else ()."""
    name = publisher_keys().get(_data.comparison_key(publisher))
    return _data.publishers().get(name, ()) if name else ()


def split_places(text: str) -> list[str]:
    """"Baltimore and London" -> ["Baltimore", "London"]; "Cambridge, Mass." stays one place."""
    if is_known_place(text, gazetteer=False):
        return [text]
    return [p for p in (s.strip() for s in _PLACE_SEPARATORS.split(text)) if p]


def first_place(text: str) -> str:
    """"Baltimore and London" -> "Baltimore" (even where the pair is itself a listed seat); "" if none."""
    return next((p for p in (s.strip() for s in _PLACE_SEPARATORS.split(text)) if p), "")


@dataclass(frozen=True)
class FuzzyMatch:
    """The verdict on one value: corrected to ``target`` or only ``suspect``."""

    target: str
    score: float
    edits: int
    correct: bool


def _word_prefix(a: str, b: str) -> bool:
    """One key's words are the start or end of the other's: "clarendon" / "clarendon press"."""
    wa, wb = a.split(), b.split()
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return wb[: len(wa)] == wa or wb[-len(wa) :] == wa


def fuzzy_match(value: str, choices: dict[str, str]) -> FuzzyMatch | None:
    """Compare a value with a gazetteer {key: canonical}; None when nothing is close."""
    key = _data.comparison_key(value)
    if not key or key in choices:
        return None
    hits = process.extract(key, list(choices), scorer=fuzz.ratio, limit=5, score_cutoff=SUSPECT_AT)
    if not hits:
        return None
    best_key, best_score, _ = hits[0]
    target = choices[best_key]
    rivals = [s for k, s, _ in hits[1:] if choices[k] != target and _core(k) != _core(best_key)]
    edits = Levenshtein.distance(key, best_key)
    correct = (
        best_score >= CORRECT_AT
        and edits <= MAX_EDITS
        and len(key) >= MIN_LENGTH
        and not _word_prefix(key, best_key)
        and (not rivals or best_score - rivals[0] >= MARGIN)
    )
    if _word_prefix(key, best_key) or (_core(key) and _core(key) == _core(best_key)):
        return None  # a shorter/longer form of a known name, not a typo
    return FuzzyMatch(target=target, score=round(best_score, 1), edits=edits, correct=correct)


def _set_imprint(record: Record, ctx: Context, place: str, publisher: str, rule: str, confidence: float) -> None:
    """Put a split imprint's place and publisher in their fields, each change recorded under ``rule``."""
    ctx.propose("publisher-place", record.get("publisher-place"), place, rule, confidence)
    ctx.propose("publisher", record.get("publisher"), publisher, rule, confidence)
    record.set("publisher-place", place)
    record.set("publisher", publisher)


class ReprintYear:
    """"(1651; repr., Indianapolis, IN: Bobbs, 1958)": the first edition's year and the reprint's mark that
    open an imprint are no part of its place. The year becomes the original date (issued "1958 [1651]", as a
    bracketed first year reads), the place what follows the mark (0.9)."""

    name = "reprint-year"
    _lead = re.compile(
        r"^[(\[]?(?P<year>1[4-9]\d\d|20\d\d)\s*[;,]\s*(?:repr(?:int(?:ed)?)?|rpt)\.?,?\s+(?P<place>\S.*)$",
        re.IGNORECASE,
    )

    def __call__(self, record: Record, ctx: Context) -> None:
        value = record.get("publisher-place")
        lead = self._lead.match(value)
        issued = record.get("issued")
        if not lead or not issued or "[" in issued or not ctx.enabled(self.name):
            return
        dated = f"{issued} [{lead['year']}]"
        ctx.propose("publisher-place", value, lead["place"], self.name, 0.9)
        ctx.propose("issued", issued, dated, self.name, 0.9)
        record.set("publisher-place", lead["place"])
        record.set("issued", dated)


class PlacePublisherSplit:
    """"London: Fontana" left in one span -> place "London", publisher "Fontana".

    Applies to the publisher or the place field when the text has one ": " and
    the part before it is a known place (0.9) or the part after is a known
    publisher (0.85). Otherwise a ``imprint-unsplit`` flag.
    """

    name = "place-publisher-split"
    _colon = re.compile(r"^(?P<place>[^:]{2,60}?)\s*:\s+(?P<publisher>\S.*)$")

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in ("publisher", "publisher-place"):
            value = record.get(key)
            m = self._colon.match(value)
            if not m or "http" in value:
                continue
            place, publisher = strip_edges(m["place"]), strip_edges(m["publisher"])
            if key == "publisher-place" and record.get("publisher"):
                other = record.get("publisher")
                if _data.comparison_key(other) != _data.comparison_key(publisher):
                    continue
            if key == "publisher" and record.get("publisher-place"):
                other = record.get("publisher-place")
                if _data.comparison_key(other) != _data.comparison_key(place):
                    continue
            places = split_places(place)
            if all(is_known_place(p) for p in places):
                confidence = 0.9
            elif is_known_publisher(publisher):
                confidence = 0.85
            else:
                ctx.flag("imprint-unsplit", key, "place and publisher may be run together", value)
                continue
            if not ctx.enabled(self.name):
                continue
            _set_imprint(record, ctx, place, publisher, self.name, confidence)
            return


class CommaImprint:
    """"Planeta, Barcelona" or "Paris, Seuil" in one field: Spanish, Italian and French notes put a comma
    between the publisher and the city, in either order.

    Applies to the place (or the publisher) when the other field is empty, the text has one ", ", one side is
    a known place and the other is not: a known publisher (0.9), or a name of four letters or more that is
    no abbreviation (0.8: "Reading, Mass.", "Cambridge, MA" and "London, Ontario" stay places).
    """

    name = "comma-imprint-split"
    _comma = re.compile(r"^(?P<first>[^,:;]{2,60}?),\s+(?P<second>[^,:;]{2,60})$")

    def __call__(self, record: Record, ctx: Context) -> None:
        for key, other in (("publisher-place", "publisher"), ("publisher", "publisher-place")):
            value = record.get(key)
            m = self._comma.match(value)
            if not m or record.get(other) or is_known_place(value, gazetteer=False):
                continue
            first, second = strip_edges(m["first"]), strip_edges(m["second"])
            if is_known_place(first) and not is_known_place(second):
                place, publisher = first, second
            elif is_known_place(second) and not is_known_place(first):
                place, publisher = second, first
            else:
                continue
            if is_known_publisher(publisher):
                confidence = 0.9
            elif sum(ch.isalpha() for ch in publisher) >= 4 and publisher[:1].isupper() and not (
                    publisher.endswith(".") or any(ch.isdigit() for ch in publisher)):
                confidence = 0.8
            else:
                continue
            if not ctx.enabled(self.name):
                return
            _set_imprint(record, ctx, place, publisher, self.name, confidence)
            return


class JournalImprint:
    """A container title ending in "(Place)" or "(Place: Publisher)": "Past and Present (Oxford: Some Press)".

    The parenthesis moves to publisher-place / publisher when those are empty and
    the place is known (0.85).
    """

    name = "journal-imprint"
    confidence = 0.85
    # the shortest title ends after a non-space (or is the first character): tried
    # only there, a long run of spaces is not re-read from each of its characters
    _tail = re.compile(r"^(?P<title>.+?)(?:(?<!\s)|(?<=^\s))\s*\((?P<imprint>[^()]+)\)$")

    def __call__(self, record: Record, ctx: Context) -> None:
        value = record.get("container-title")
        m = self._tail.match(value)
        if not m or record.get("publisher-place"):
            return
        place, _, publisher = m["imprint"].partition(":")
        place, publisher = strip_edges(place), strip_edges(publisher)
        if not all(is_known_place(p) for p in split_places(place)):
            return
        if publisher and record.get("publisher"):
            return
        if not ctx.enabled(self.name):
            return
        ctx.propose("container-title", value, m["title"], self.name, self.confidence)
        ctx.propose("publisher-place", "", place, self.name, self.confidence)
        record.set("container-title", m["title"])
        record.set("publisher-place", place)
        if publisher:
            ctx.propose("publisher", "", publisher, self.name, self.confidence)
            record.set("publisher", publisher)


@memo(None)
def _book_volume() -> re.Pattern[str]:
    """A volume as books number theirs: after a volume word (``data/book_volume_words.txt``), or in roman
    numerals."""
    return re.compile(rf"(?:{_data.alternation('book_volume_words.txt')})\.?\s*\S|[ivxlcdm]+$", re.IGNORECASE)


class BookInVolumes:
    """A periodical named, with a book's volume ("vol. 2", "t. 1", "i") and no article, issue nor pages of its
    own: "Gladstone Diaries, vol. i (1968)", "Mémoires, t. 1, Leiden, 1730" is a book in volumes, its name the
    title (0.8)."""

    name = "book-in-volumes"
    confidence = 0.8
    def __call__(self, record: Record, ctx: Context) -> None:
        container = record.get("container-title")
        if (not record.journal or record.get("title") or not container or record.get("issue") or record.get("page")
                or not _book_volume().match(record.get("volume"))):
            return  # a journal's bare number ("Ann. Phys. 17, 891 (1905)": the sciences cite no article title)
        if ctx.propose("title", "", container, self.name, self.confidence) != container:
            return
        record.set("title", container)
        record.set("container-title", "")
        record.journal = False


class PublisherMisread:
    """"Alfred de Musset, La Confession d’un enfant du siècle, Gallimard, 1973": a known publisher read as the
    place, or as the container (a journal's or a book's title) in a work with no volume, issue nor pages of a
    serial, is its publisher (0.85); a known place's name is left where it is ("Cambridge")."""

    name = "publisher-misread"
    confidence = 0.85

    def __call__(self, record: Record, ctx: Context) -> None:
        if record.get("publisher") or not ctx.enabled(self.name):
            return
        serial = any(record.get(key) for key in ("volume", "issue", "page"))
        for key in ("publisher-place", "container-title"):
            value = record.get(key)
            if (not value or (key == "container-title" and serial) or not is_known_publisher(value)
                    or is_known_place(value)):
                continue
            ctx.propose(key, value, "", self.name, self.confidence)
            ctx.propose("publisher", "", value, self.name, self.confidence)
            record.set(key, "")
            record.set("publisher", value)
            if key == "container-title":
                record.journal = False  # read as a journal's title, it was none
            return


class PublisherReadAsPlace:
    """"Leiden, Van | de Poe", "Napoli, stamperia | del Porto": the words after a known place's comma, read as
    the place's, open the publisher the labeller began at the particle (0.85); not a state or country after the
    city ("Cambridge, Mass.", "London, Ontario", "Austin, TX"), which the place keeps."""

    name = "publisher-read-as-place"
    confidence = 0.85

    def __call__(self, record: Record, ctx: Context) -> None:
        place, publisher = record.get("publisher-place"), record.get("publisher")
        city, comma, words = place.partition(", ")
        if not (comma and publisher and ctx.enabled(self.name)) or "," in words or not is_known_place(city):
            return
        if (words.endswith(".") or words.isupper() or len(words) < _MIN_PUBLISHER_WORD
                or is_known_place(words, gazetteer=False)
                or not publisher[:1].islower()):
            return
        ctx.propose("publisher-place", place, city, self.name, self.confidence)
        ctx.propose("publisher", publisher, f"{words} {publisher}", self.name, self.confidence)
        record.set("publisher-place", city)
        record.set("publisher", f"{words} {publisher}")


_MIN_PUBLISHER_WORD = 3


class PlaceReadAsPublisher:
    """"Harbours of the West (Hassocks, 1973)": the name of a known place of publication (``data/places.txt``,
    ``place_names.tsv``; not the wider gazetteer) read as the publisher, with no place read, or read as a place's
    first word and the publisher ("Milton" and "Keynes"), is the place (0.85); a known publisher stays one."""

    name = "place-read-as-publisher"
    confidence = 0.85

    def __call__(self, record: Record, ctx: Context) -> None:
        publisher, place = record.get("publisher"), record.get("publisher-place")
        if not publisher or not ctx.enabled(self.name) or is_known_publisher(publisher) or record.get("genre"):
            return  # a thesis's university goes by its city ("Leeds, D.Phil. thesis"): it stays the publisher
        whole = f"{place} {publisher}" if place else publisher
        if not is_known_place(whole, gazetteer=False):
            return
        ctx.propose("publisher", publisher, "", self.name, self.confidence)
        ctx.propose("publisher-place", place, whole, self.name, self.confidence)
        record.set("publisher", "")
        record.set("publisher-place", whole)


class PublisherAbbreviation:
    """Abbreviations of ``data/publisher_abbreviations.tsv`` expanded: OUP, "Yale UP", "Univ. Press"."""

    name = "publisher-abbreviation"
    confidence = 0.9

    def expand(self, value: str) -> str:
        for abbrev, expansion, scope in _data.publisher_abbreviations():
            if scope == "whole" and value == abbrev:
                return expansion
        out = value
        for abbrev, expansion, scope in _data.publisher_abbreviations():
            if scope == "word" and value != abbrev:
                out = re.sub(rf"(?<![\w.]){re.escape(abbrev)}(?![\w])", expansion, out)
        return out

    def __call__(self, record: Record, ctx: Context) -> None:
        value = record.get("publisher")
        if value:
            record.set("publisher", ctx.propose("publisher", value, self.expand(value), self.name, self.confidence))


class PublisherFuzzy:
    """Publisher typos repaired against ``data/publishers.tsv`` ("Allen & Unwim" -> "Allen & Unwin"); a firm's
    name with an "s" the list gives without it ("Longmans", "Blackwells") is how the firm was called, no typo."""

    name = "publisher-fuzzy"
    field = "publisher"
    suspect = "publisher-suspect"
    noun = "publisher"
    firm_s = True  # a trailing "s" is the firm's own form (not so a place's: "Athen" is "Athens")

    def choices(self) -> dict[str, str]:
        return publisher_keys()

    def exists_elsewhere(self, value: str) -> bool:
        return is_known_publisher(value) or is_known_place(value, gazetteer=False)

    def parts(self, value: str) -> list[str]:
        return [value]

    def __call__(self, record: Record, ctx: Context) -> None:
        value = record.get(self.field)
        if not value:
            return
        new = value
        for part in self.parts(value):
            if self.exists_elsewhere(part):
                continue
            match = fuzzy_match(part, self.choices())
            if match is None or (self.firm_s and part.casefold().removesuffix("s") == match.target.casefold()):
                continue
            evidence = f"{part!r} ~ {match.target!r}: similarity {match.score}, {match.edits} edit(s)"
            if match.correct:
                fixed = ctx.propose(self.field, part, match.target, self.name, match.score / 100)
                new = new.replace(part, fixed, 1)
            else:
                ctx.flag(
                    self.suspect, self.field, f"close to known {self.noun} '{match.target}' but not corrected", evidence
                )
        record.set(self.field, new)


class PlaceFuzzy(PublisherFuzzy):
    """Place typos repaired against ``data/places.txt`` and publisher seats ("Basingtoke" -> "Basingstoke")."""

    name = "place-fuzzy"
    field = "publisher-place"
    suspect = "place-suspect"
    noun = "place"
    firm_s = False

    def choices(self) -> dict[str, str]:
        return place_keys()

    def exists_elsewhere(self, value: str) -> bool:
        return is_known_place(value)

    def parts(self, value: str) -> list[str]:
        return split_places(value)
