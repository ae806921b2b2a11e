"""Shared pieces of the normalize stage: the working record, the rule context, trivial cleanups."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Protocol

from haliref import resources
from haliref.model import Correction, Flag

__all__ = [
    "NAME_FIELDS",
    "TEXT_FIELDS",
    "TITLE_FIELDS",
    "Context",
    "Normalizer",
    "Record",
    "clean_space",
    "strip_edges",
    "strip_quotes",
]

NAME_FIELDS = ("author", "editor", "translator")
TITLE_FIELDS = ("title", "container-title", "collection-title")
#: Fields whose value is a plain string in the working record.
TEXT_FIELDS = (
    "title",
    "container-title",
    "collection-title",
    "edition",
    "volume",
    "number-of-volumes",
    "number-of-pages",
    "issue",
    "page",
    "publisher",
    "publisher-place",
    "issued",
    "genre",
    "DOI",
    "ISBN",
    "URL",
    "note",
    "language",
    "medium",
    "locator",
)


@dataclass
class Record:
    """The citation being normalized.

    ``fields`` maps CSL variables to strings, except the name variables, which hold
    a list of raw name strings (one per span) until the names normalizer turns
    them into CSL name dicts. ``journal`` says the container came from a journal
    span; ``chapter`` that an "in" marked the container. The pseudo-field
    ``fields["locator"]`` holds the cited pages of a book (not the work's own
    range) during the pipeline; the build moves it to ``locator``. ``parts`` keeps the
    separate spans of a title field, which the raw record joins with a space.
    """

    fields: dict[str, Any] = field(default_factory=dict)
    parts: dict[str, list[str]] = field(default_factory=dict)
    journal: bool = False
    chapter: bool = False
    locator: str = ""

    def get(self, name: str) -> str:
        value = self.fields.get(name, "")
        return value if isinstance(value, str) else ""

    def set(self, name: str, value: str) -> None:
        if value:
            self.fields[name] = value
        else:
            self.fields.pop(name, None)


@dataclass
class Context:
    """What a normalizer may do besides reading the record: propose a correction, raise a flag."""

    skip_rules: frozenset[str] = frozenset()
    apply_all: bool = True
    corrections: list[Correction] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def enabled(self, rule: str) -> bool:
        return self.apply_all and rule not in self.skip_rules

    def propose(self, field_name: str, before: str, after: str, rule: str, confidence: float) -> str:
        """Return ``after`` (and record it) when the rule is on and changes something, else ``before``."""
        if before == after or not self.enabled(rule):
            return before
        self.corrections.append(
            Correction(field=field_name, before=before, after=after, rule=rule, confidence=round(confidence, 3))
        )
        return after

    def flag(self, code: str, field_name: str, reason: str, evidence: str = "") -> None:
        item = Flag(code=code, field=field_name, reason=reason, evidence=evidence)
        if item not in self.flags:
            self.flags.append(item)


class Normalizer(Protocol):
    """One concern of the stage; runs in place on the record."""

    name: str

    def __call__(self, record: Record, ctx: Context) -> None: ...


# --------------------------------------------------------------------------- trivial cleanups

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


def clean_space(text: str) -> str:
    """NFC, invisible characters dropped, any run of white space -> one space, stripped.

    White space is what ``str.split`` splits on (``str.isspace``: the no-break and
    typographic spaces included), so split and join do it without a regex.
    """
    return " ".join(unicodedata.normalize("NFC", text).translate(_INVISIBLE).split())


_LEAD = ",;:.·/"
_TRAIL = ",;:/·"
_OPEN = "([{"
_CLOSE = ")]}"


def _balanced_wrap(text: str) -> bool:
    """True when text is '(...)' / '[...]' with the first bracket closing at the very end."""
    if len(text) < 2 or text[0] not in _OPEN or text[-1] != _CLOSE[_OPEN.index(text[0])]:
        return False
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return False
    return True


def _final_period_is_abbreviation(text: str) -> bool:
    word = re.split(r"[\s(]", text[:-1])[-1] if text else ""
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J."
        return True
    if "." in word:  # "U.S.", "N.Y.", "D.C."
        return True
    return word.casefold() in resources.abbreviations("period")  # a final period that is part of the word


def strip_edges(text: str) -> str:
    """Surrounding punctuation and unbalanced or wrapping brackets removed (the trivial cleanup).

    Leading ``, ; : . /``; trailing ``, ; : /``; a final period unless it ends an
    abbreviation or initial; an opening bracket without its closer at the start, a
    closer without its opener at the end; brackets wrapping the whole text.
    """
    text = clean_space(text)
    while True:
        before = text
        text = text.lstrip(_LEAD + " ").rstrip(_TRAIL + " ")
        if text.endswith(".") and not text.endswith("..") and not _final_period_is_abbreviation(text):
            text = text[:-1].rstrip()
        for o, c in zip(_OPEN, _CLOSE, strict=False):
            if text.startswith(o) and text.count(o) > text.count(c):
                text = text[1:].lstrip()
            if text.endswith(c) and text.count(c) > text.count(o):
                text = text[:-1].rstrip()
        if _balanced_wrap(text):
            text = _peel(text)
        if text == before:
            return text


def _peel(text: str) -> str:
    """Every wrapping bracket layer removed, as repeated passes of the loop above would.

    One layer per pass made strip_edges quadratic on deeply nested brackets; a
    layer is peeled here only when nothing else in the loop would change the text
    first (it starts with an opener and ends with its closer, so only the
    unbalanced-bracket rules could apply, and peeling a matched pair does not
    change any opener/closer count difference).
    """
    excess = {o: text.count(o) - text.count(c) for o, c in zip(_OPEN, _CLOSE, strict=False)}
    partner: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            partner[stack.pop()] = i
    start, end = 0, len(text) - 1  # text[start:end + 1] wraps: peel it
    while True:
        start, end = start + 1, end - 1
        while start <= end and text[start].isspace():
            start += 1
        while end >= start and text[end].isspace():
            end -= 1
        if end - start < 1 or text[start] not in _OPEN:
            break
        kind = _OPEN.index(text[start])
        if text[end] != _CLOSE[kind] or excess[_OPEN[kind]] != 0:
            break
        if partner.get(start, end) != end:
            break
    return text[start : end + 1]


_QUOTE_PAIRS = {
    "‘": "’",
    "“": "”",
    "'": "'",
    '"': '"',
    "«": "»",
    "„": "“",
    "‚": "‘",
    "`": "’",  # a PDF's or TeX's grave accent for the opening single quote: "`Home Demand’"
    "»": "«",
    "‹": "›",
    "’": "’",
    "”": "”",
}


def _wraps_whole(text: str, closer: str) -> bool:
    """The opening quote at the start is closed only by the last character.

    A closer between two letters is an apostrophe ("Nation’s"), not a quote;
    "‘Nemo’ and ‘Other’" is two quoted phrases, not one quoted title.
    """
    if text[0] == closer:  # ’Aid and Trade’: the same mark opens and closes
        marks = [
            index
            for index, char in enumerate(text)
            if char == closer
            and not (0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum())
        ]
        return marks == [0, len(text) - 1]
    depth = 0
    for index, char in enumerate(text):
        if char == text[0]:
            depth += 1
        elif char == closer:
            between_letters = 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum()
            if between_letters:
                continue
            depth -= 1
            if depth == 0 and index != len(text) - 1:
                return False
    return depth == 0


def strip_quotes(text: str) -> str:
    """Quotes wrapping the whole text removed (then edges stripped again); an opening quote that nothing closes
    too, where the page cut the text short."""
    while len(text) >= 2 and text[0] in _QUOTE_PAIRS:
        closer = _QUOTE_PAIRS[text[0]]
        alt = _closers(text[0])
        if text[-1] not in alt or text[1:-1].count(text[0]) > text[1:-1].count(text[-1]):
            break
        inner = text[1:-1]
        if text[0] == "`":
            closer = text[-1]  # closed by ’ or by the typewriter's ', as the same text layer writes it
        if text[0] not in "'\"" and not _wraps_whole(text, closer):
            break
        text = strip_edges(inner)
    if len(text) >= 2 and text[0] in _DOUBLE_OPENERS and not any(mark in text[1:] for mark in _closers(text[0])):
        # "« Radiodiffusion et politique : les élections radiophon": the page cut it (a single quote may be an
        # elision's apostrophe: "‘Twas")
        text = strip_edges(text[1:])
    return text


_DOUBLE_OPENERS = frozenset("“„\"«»")


def _closers(opener: str) -> set[str]:
    """The marks that may close a quotation opened by ``opener``."""
    closers = {_QUOTE_PAIRS[opener]}
    if opener in "“„\"":
        closers |= {"”", '"'}
    elif opener in "‘‚'`":
        closers |= {"’", "'"}
    return closers
