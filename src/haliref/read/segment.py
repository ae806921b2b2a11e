"""Segment a scraped page into notes; everything else goes to ``dropped`` with its reason.

Layouts recognised, without knowing the publisher:

* an ordered list whose item numbers (1, 2, 3 …) differ from the printed note
  numbers ("  7." then "11." — SpringerLink); items without a printed number
  continue the previous note;
* plain numbered notes ("1. …", "1 …", "[1] …", "1) …");
* one reference per line, or references separated by blank lines.

The ordered list is found as the longest run of consecutively numbered item
markers; page furniture before and after it (title, author bullets, preview
placeholders, copyright, affiliations) is dropped, and so is link text glued to
entries ("Google Scholar", "CrossRef" …, from ``data/link_noise.tsv``).
Endnotes whose numbering restarts in each chapter are read as several runs
(each note keeps its run); the chapter headings between them are dropped as headings.

Everything here is linear (or n log n) in the input: the text is untrusted.
"""

from __future__ import annotations

import heapq
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from haliref import resources as _data
from haliref.caches import memo
from haliref.model import Dropped
from haliref.parse.split import SAME_AUTHOR_DASHES
from haliref.read.keyed import keyed_lines, leading_phrase, split_keys_inside

if TYPE_CHECKING:  # the run-together reader reads the segmenter's markers: imported where it is used
    from haliref.read.runon import Cut

__all__ = ["RawNote", "Segmentation", "notes_from_labels", "segment", "strip_inline_link_noise", "strip_link_noise"]

_SPACE_CHARS = " \t\u00a0\u2007\u202f"
_SPACE = f"[{_SPACE_CHARS}]"
# Link text after a space, a letter, a digit or one of _GLUE_ANY is stripped when it holds an
# unambiguous phrase; after a digit or one of _GLUE_LINK, even when every word of it is ambiguous.
_GLUE_ANY = ".,;:)]?!’”'\""
_GLUE_LINK = ".)]?!’”'\""
# zero-width characters, and the bidirectional controls a page wraps around text (U+200E/F, U+202A–E, U+2066–9)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# only what needs changing: a run of spaces, or one space that is not a plain one
_ODD_SPACE = re.compile(f"{_SPACE}{{2,}}|[\t\u00a0\u2007\u202f]")
# what either of the two would change (without the odd spaces, a run of spaces is a run of plain ones)
_NEEDS_CLEANING = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\t\u00a0\u2007\u202f]|  "
)
# "12. Text", "[12] Text", "[12.] Text", "[12]. Text", "12 Text" (up to six digits: a list of 100,000 notes); or a
# number glued to a capital or an opening quote, as superscript note numbers scrape ("12Ann Roe", "7“Les …"): up to
# three digits, never a year
_MARKER = re.compile(
    r"^[ \t\u00a0]*(?:(?:\[(\d{1,6})\.?\]\.?|(\d{1,6})[.)]?)(?:[ \t\u00a0]+(.*)|[.)]?$)"
    r"|(\d{1,3})(?=[A-Z\u00c0-\u00de“‘\"«])(.+)"
    # a bulleted number and its text ("• 13. Sutton, …", "• 1 . Roe, …"), or one glued to its text after a dash
    # ("- 1.All …"), or a bulleted number in brackets, with its text or alone above it ("• [7]")
    r"|[•·▪●◦][ \t\u00a0]*(\d{1,6})[ \t\u00a0]?[.)][ \t\u00a0]+(\S.*)"
    r"|(?:[-–][ \t\u00a0]+|•[ \t\u00a0]*)(\d{1,3})[.)](?=[A-Z\u00c0-\u00de“‘\"«])(.+)"
    r"|[•·▪●◦][ \t\u00a0]*\[(\d{1,6})\](?:[ \t\u00a0]+(\S.*)|$))"
)
_PRINTED_NUMBER = re.compile(r"^(\d{1,6})\.(?:[ \t\u00a0]+(.*)|$)")
# a note numbered before the first arabic one: a roman numeral (a preface's notes i, ii …) or a negative
# number, with a hyphen or a minus sign and the punctuation arabic markers take ("iv.", "iv)", "(iv)", "[iv]",
# "-2.", "-2 "), then text
_FRONT_MARKER = re.compile(
    r"^[ \t\u00a0]*(?:\((?P<parens>[ivxlc]{1,7}|[IVXLC]{1,7})\)|\[(?P<brackets>[ivxlc]{1,7}|[IVXLC]{1,7})\]"
    r"|(?P<roman>[ivxlc]{1,7}|[IVXLC]{1,7})(?P<after>[.)])|[-\u2212\u2013](?P<negative>[1-9]\d{0,2})(?P<sign>[.)]?))"
    r"[ \t\u00a0]+(?P<rest>(?![a-z]\.)\S.*)$"
)
_ROMAN_DIGITS = (("c", 100), ("xc", 90), ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
_HYPHEN_BREAK = re.compile(r"(\w)-$")


@dataclass
class RawNote:
    """A note before splitting: printed number, list items, source line numbers, text.

    ``run`` counts the restarts of numbering before it (endnotes numbered per chapter);
    ``label`` is the roman numeral of a note numbered with one, or the page key and phrase of a note keyed to
    a page (``number`` is then None).
    """

    number: int | None
    list_items: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    items: list[list[str]] = field(default_factory=list)
    run: int = 0
    label: str | None = None

    @property
    def item_texts(self) -> list[str]:
        """One text per list item: an unnumbered item continuing a note stays apart."""
        return [text for parts in self.items if (text := join_parts(parts))]

    @property
    def text(self) -> str:
        return " ".join(self.item_texts)


@dataclass
class Segmentation:
    notes: list[RawNote]
    dropped: list[Dropped]


def clean_line(line: str) -> str:
    """Invisible characters removed, exotic spaces made plain, ends trimmed."""
    stripped = line.strip()
    if not _NEEDS_CLEANING.search(stripped):  # most lines (indentation aside): one scan, no substitution
        return stripped
    return _ODD_SPACE.sub(" ", _INVISIBLE.sub("", line)).strip()


_GLUED_TO_WHAT_PRECEDES = frozenset(",;:)]")


def join_parts(parts: list[str]) -> str:
    """Join a note's lines; a word hyphenated across a line break is rejoined, and a line that begins with
    a comma, semicolon, colon or closing bracket (a note broken at a link or italic span) is joined without
    a space.

    The pieces are gathered in a list and joined once: linear in the note's length
    (a note of 100,000 lines is one join, not 100,000 copies).
    """
    pieces: list[str] = []
    for part in parts:
        if not part:
            continue
        if pieces and pieces[-1][-1:] == "-" and _HYPHEN_BREAK.search(pieces[-1]) and part[:1].islower():
            pieces[-1] = pieces[-1][:-1]
            pieces.append(part)
        else:
            if pieces and part[0] not in _GLUED_TO_WHAT_PRECEDES:
                pieces.append(" ")
            pieces.append(part)
    return "".join(pieces)


@dataclass(frozen=True)
class _Phrase:
    """A link-text phrase: its words (any run of spaces, or none, may join them) and whether it is unambiguous."""

    words: tuple[str, ...]
    strong: bool


def _link_rows() -> tuple[str, ...]:
    """The rows of ``data/link_noise.tsv`` and ``data/back_links.tsv``: phrase, tab, where it is link text."""
    return _data.word_list("link_noise.tsv") + _data.word_list("back_links.tsv")


@memo(None)
def _noise_phrases() -> dict[str, tuple[_Phrase, ...]]:
    """The phrases of :func:`_link_rows` by their last character (most lines end in none of them)."""
    phrases: dict[str, list[_Phrase]] = {}
    for line in _link_rows():
        phrase, where = line.split("\t")
        phrases.setdefault(phrase[-1], []).append(_Phrase(tuple(phrase.split()), where.strip() == "anywhere"))
    return {last: tuple(group) for last, group in phrases.items()}


def _skip_spaces_left(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in _SPACE_CHARS:
        end -= 1
    return end


def _phrase_start(text: str, end: int, words: tuple[str, ...]) -> int | None:
    """Where ``words`` begin if they end exactly at ``end`` (spaces between them optional), else None."""
    for count, word in enumerate(reversed(words)):
        if count:
            end = _skip_spaces_left(text, end)
        if not text.endswith(word, 0, end):
            return None
        end -= len(word)
    return end


def _units_ending(text: str, end: int) -> list[tuple[int, bool]]:
    """(start, strong) of every link-text unit — a phrase, maybe in [brackets] — ending at ``end``."""
    ends = [end - 1, end] if end and text[end - 1] == "]" else [end]
    units = []
    for phrase_end in ends:
        for phrase in _noise_phrases().get(text[phrase_end - 1 : phrase_end], ()):
            start = _phrase_start(text, phrase_end, phrase.words)
            if start is None:
                continue
            units.append((start, phrase.strong))
            if start and text[start - 1] == "[":
                units.append((start - 1, phrase.strong))
    return units


def _noise_starts(text: str, end: int) -> dict[int, bool]:
    """Every offset from which ``text[:end]`` is link-text units to its end, with spaces between them.

    The value says whether some reading of that tail holds an unambiguous phrase.
    Units are matched from the right, each start visited once: linear in the tail.
    """
    found: dict[int, bool] = {}
    heap: list[int] = []

    def reach(unit_end: int, strong_after: bool) -> None:
        for start, strong in _units_ending(text, unit_end):
            if start not in found:
                found[start] = strong or strong_after
                heapq.heappush(heap, -start)
            elif strong or strong_after:
                found[start] = True

    reach(end, False)
    while heap:  # rightmost first: every unit after a start is read before the start is extended
        start = -heapq.heappop(heap)
        reach(_skip_spaces_left(text, start), found[start])
    return found


def strip_link_noise(text: str) -> tuple[str, str]:
    """Split ``text`` into (entry, trailing link text); the link text may be ''.

    The tail is link text when it holds an unambiguous phrase and follows a space
    or a word or closing character, or when it follows a closing bracket,
    period, question mark, quote or digit ("1990)Article").
    """
    end = _skip_spaces_left(text, len(text) - 1 if text.endswith("\n") else len(text))
    starts = _noise_starts(text, end)
    first = len(text) - len(text.lstrip(_SPACE_CHARS))
    if first in starts:
        return "", text.strip()
    for start in sorted(starts):
        cut = _skip_spaces_left(text, start)
        before = text[cut - 1] if cut else ""
        after_word = before and (before in _GLUE_ANY or before.isalnum() or before == "_")
        after_closer = before and (before in _GLUE_LINK or before.isdecimal())
        if (starts[start] and (cut < start or after_word)) or after_closer:
            return text[:cut].rstrip(), text[cut:].strip()
    return text, ""


_PAGE_NUMBER = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,6})$")
_RUNNING_TITLE = re.compile(r"^(?:\d{1,4}\s+)?[^a-z\d]*[A-Z]{2}[^a-z\d]*(?:\s+\d{1,4})?$")


def _running_head(line: str) -> str | None:
    """A page number or an all-capitals running title alone on a line (a list pasted from a PDF)."""
    if _PAGE_NUMBER.match(line):
        return "running head: page number"
    if len(line) <= 80 and _RUNNING_TITLE.match(line) and not strip_link_noise(line)[1]:
        return "running head: running title"
    return None


def furniture_reason(line: str) -> str | None:
    for pattern, reason in _data.page_furniture():
        if pattern.search(line):
            return reason
    return _running_head(line)


def roman_value(numeral: str) -> int | None:
    """The value of a roman numeral written the usual way ("xiv" 14), None for other letters ("iiv", "vx")."""
    rest, value = numeral.lower(), 0
    for digits, worth in _ROMAN_DIGITS:
        while rest.startswith(digits):
            rest, value = rest[len(digits) :], value + worth
    return value if value and not rest and roman_numeral(value) == numeral.lower() else None


def roman_numeral(value: int) -> str:
    """``value`` (1 … 399) as a lower-case roman numeral."""
    numeral = ""
    for digits, worth in _ROMAN_DIGITS:
        numeral, value = numeral + digits * (value // worth), value % worth
    return numeral


@dataclass(frozen=True)
class FrontMarker:
    """A roman or negative note number: the numeral as printed (roman), the number (negative), the note's text.

    ``value`` orders the markers (i 1, ii 2 …; -2 before -1); ``style`` is how the
    marker is written, so that one run of them is written one way.
    """

    label: str | None
    number: int | None
    value: int
    style: str
    rest: str


def front_marker(line: str) -> FrontMarker | None:
    """The roman or negative number opening ``line``, if it is written as a note marker."""
    match = _FRONT_MARKER.match(_INVISIBLE.sub("", line))
    if not match:
        return None
    rest = clean_line(match.group("rest"))
    if match.group("negative"):
        number = -int(match.group("negative"))
        return FrontMarker(None, number, number, f"-#{match.group('sign')}", rest)
    numeral = match.group("parens") or match.group("brackets") or match.group("roman")
    value = roman_value(numeral)
    if value is None:
        return None
    shape = "(#)" if match.group("parens") else "[#]" if match.group("brackets") else f"#{match.group('after')}"
    return FrontMarker(numeral, None, value, ("I" if numeral.isupper() else "i") + shape, rest)


def front_notes(lines: list[str], first_note: int) -> dict[int, FrontMarker]:
    """The lines before line ``first_note`` (the first arabic note) that open a note numbered with a roman or
    negative number.

    Such a number is a marker when it is part of a run written one way whose
    numbers follow one another (i, ii, iii; -2, -1): an initial ("I. Berlin"), a
    "v." or "c." at the start of a wrapped line is not. A run of one is a marker
    only when it is the first number (i or -1) and no initial ("i.", "(i)", "-1").
    """
    runs: list[list[tuple[int, FrontMarker]]] = []
    open_runs: dict[str, list[tuple[int, FrontMarker]]] = {}  # style -> the run a marker in it may continue
    for index in range(min(first_note, len(lines))):
        marker = front_marker(lines[index])
        if marker is None:
            continue
        run = open_runs.get(marker.style)
        if run is None or run[-1][1].value + 1 != marker.value:
            run = []
            runs.append(run)
            open_runs[marker.style] = run
        run.append((index, marker))
    found: dict[int, FrontMarker] = {}
    for run in runs:
        first = run[0][1]
        alone_ok = first.value in (1, -1) and not first.style.startswith("I#")
        if len(run) >= 2 or alone_ok:
            found.update(run)
    return found


def front_notes_of(lines: list[str]) -> dict[int, FrontMarker]:
    """The lines opening a roman- or negative-numbered note before the page's first arabic note (the first of
    the longest increasing run of arabic note numbers)."""
    numbered = [(index, marker[0]) for index, line in enumerate(lines) if (marker := note_marker(line)) and marker[1]]
    run = increasing_run(numbered)
    return front_notes(lines, numbered[run[0]][0] if run else len(lines))


@memo(None)
def _labelled_marker() -> re.Pattern[str]:
    """"[Footnote 182: text]", "nota 03 - text", "page 1 note 2 text": a note opened by a label word
    (``data/note_labels.txt``) and its number; without the bracket, a dash, colon or full stop must follow the
    number, as no sentence has it so, or the page the note is on must come before it (older journal pages); or
    the label and number stand alone on their line ("fn18", an e-book's anchor), the note's text below."""
    labels = "|".join(re.escape(word) for word in sorted(_data.lower_set("note_labels.txt"), key=len, reverse=True))
    space = "[ \t\u00a0]"
    bracketed = rf"\[(?:{labels})\.?{space}+(\d{{1,6}}){space}*[:.]?(?:{space}*(.*))"
    bare = rf"(?:{labels})\.?{space}+(\d{{1,4}}){space}*(?:[-\u2013\u2014]|[:.](?=\s)){space}+(.*)"
    paged = rf"page{space}+\d{{1,4}}{space}+(?:{labels}){space}+(\d{{1,4}}){space}+(.*)"
    alone = rf"(?:{labels})\.?{space}*(\d{{1,4}}){space}*"  # "fn18" alone on its line, the note's text below it
    return re.compile(rf"^{space}*(?:{bracketed}|{bare}|{paged}|{alone})$", re.IGNORECASE)


def labelled_note(line: str) -> bool:
    """The line opens a note written out with its label and number ("[Footnote 182: …]"): a note by its words."""
    return bool(_labelled_marker().match(_INVISIBLE.sub("", line)))


_NO_NOTE_OPENS = frozenset(";,")


def marker_shape(line: str) -> tuple[int, str] | None:
    """The number a line opens with in a note marker's shape, and the text after it, whatever that text is
    (the page reader's features read this, as its model was trained)."""
    visible = _INVISIBLE.sub("", line)
    match = _MARKER.match(visible)
    if not match:
        if labelled := _labelled_marker().match(visible):
            number = next(group for group in labelled.group(1, 3, 5, 7) if group)
            return int(number), clean_line(labelled.group(2) or labelled.group(4) or labelled.group(6) or "")
        return None
    number = int(next(group for group in match.group(1, 2, 4, 6, 8, 10) if group))
    return number, clean_line(next((group for group in match.group(3, 5, 7, 9, 11) if group), ""))


def note_marker(line: str) -> tuple[int, str] | None:
    """The note number a line opens with, and the note's text; None where the text after the number cannot
    open a note ("12) ; Napoléon III …": an issue number wrapped onto the line)."""
    marker = marker_shape(line)
    return None if marker is None or marker[1][:1] in _NO_NOTE_OPENS else marker


def longest_run(markers: list[tuple[int, int]]) -> list[int]:
    """Indexes (into ``markers``) of the longest run of consecutive item numbers.

    A run from a marker takes the first later marker numbered one more, then the
    first after that numbered one more again …; the earliest longest run wins.
    Run lengths are filled in from the right, so this is linear.
    """
    following: list[int | None] = [None] * len(markers)
    length = [0] * len(markers)
    first_at: dict[int, int] = {}  # number -> its first marker to the right of the current one
    for index in range(len(markers) - 1, -1, -1):
        number = markers[index][1]
        after = following[index] = first_at.get(number + 1)
        length[index] = 1 + (length[after] if after is not None else 0)
        first_at[number] = index
    run: list[int] = []
    start: int | None = max(range(len(markers)), key=lambda i: (length[i], -i), default=None)
    while start is not None:
        run.append(start)
        start = following[start]
    return run


_MAX_NUMBER_GAP = 50


def increasing_run(markers: list[tuple[int, int]]) -> list[int]:
    """Indexes of the longest run of strictly increasing note numbers (gaps allowed).

    Plain numbered notes copied from a page often skip numbers ("1. … 4. … 5.");
    patience sorting finds the run in O(n log n). Jumps of more than
    ``_MAX_NUMBER_GAP`` at either end (a year that opens a line) are cut off.
    """
    tails: list[int] = []  # index into markers of the smallest tail of each length
    previous: list[int] = [-1] * len(markers)
    for index, (_, number) in enumerate(markers):
        position = _bisect(markers, tails, number)
        if position:
            previous[index] = tails[position - 1]
        if position == len(tails):
            tails.append(index)
        else:
            tails[position] = index
    run: list[int] = []
    index = tails[-1] if tails else -1
    while index != -1:
        run.append(index)
        index = previous[index]
    run.reverse()
    while len(run) > 1 and markers[run[1]][1] - markers[run[0]][1] > _MAX_NUMBER_GAP:
        run.pop(0)
    while len(run) > 1 and markers[run[-1]][1] - markers[run[-2]][1] > _MAX_NUMBER_GAP:
        run.pop()
    return run


def _bisect(markers: list[tuple[int, int]], tails: list[int], number: int) -> int:
    """Leftmost position in ``tails`` whose number is not below ``number``."""
    low, high = 0, len(tails)
    while low < high:
        middle = (low + high) // 2
        if markers[tails[middle]][1] < number:
            low = middle + 1
        else:
            high = middle
    return low


# Endnotes of a whole book: numbering restarts in each chapter (1 … 40, 1 … 35 …).
_RESTART_AT_MOST = 3  # a chapter starts at note 1, or 2 or 3 when its first notes were lost
_RESTART_COST = 2  # a restart must bring at least three notes: an enumeration inside a note does not
_CHAPTER_STEP = 5  # within a chapter, numbers rise by at most this (a few lost notes)


def chapter_runs(markers: list[tuple[int, int]]) -> tuple[list[int], set[int]]:
    """Indexes of the best chain of chapters, and the indexes where a chapter restarts.

    Each marker either continues the chain (a number up to ``_CHAPTER_STEP``
    above the last) or restarts it at a small number, at a cost; the chain
    covering most markers wins. The best chain ending at each number is kept
    as it goes, so this is linear.
    """
    score = [0] * len(markers)
    back = [-1] * len(markers)
    restarts: set[int] = set()
    best_at: dict[int, int] = {}  # number -> the marker ending the best chain that ends with it
    best = -1  # the marker ending the best chain so far
    for index, (_, number) in enumerate(markers):
        score[index] = 1
        for previous in range(number - 1, number - _CHAPTER_STEP - 1, -1):
            before = best_at.get(previous)
            if before is not None and score[before] + 1 > score[index]:
                score[index], back[index] = score[before] + 1, before
        if number <= _RESTART_AT_MOST and best >= 0 and score[best] + 1 - _RESTART_COST > score[index]:
            score[index], back[index] = score[best] + 1 - _RESTART_COST, best
            restarts.add(index)
        if number not in best_at or score[index] >= score[best_at[number]]:
            best_at[number] = index
        if best < 0 or score[index] > score[best]:
            best = index
    chain: list[int] = []
    while best >= 0:
        chain.append(best)
        best = back[best]
    chain.reverse()
    return chain, restarts & set(chain[1:])


def double_numbered(rests: list[str]) -> bool:
    """Most items carry a printed note number after the list number ("  7. 11."); or the first does and so do
    others, their numbers rising, where a note's citations were made list items of their own ("1. 2." then four
    items without one, "6. 4.")."""
    printed = [int(match[1]) for rest in rests if (match := _PRINTED_NUMBER.match(rest))]
    if len(printed) * 2 >= len(rests):
        return True
    return (len(printed) >= 2 and bool(_PRINTED_NUMBER.match(rests[0]))
            and all(before < after for before, after in itertools.pairwise(printed)))


def segment(text: str) -> Segmentation:
    """Split ``text`` into raw notes; every line lands in a note or in ``dropped``.

    The page reader (:mod:`haliref.read.finder`) decides each line's role; the
    numbers are read here: a SpringerLink list number is told from the printed
    note number, and a list item without printed number continues its note.
    """
    from haliref.read.finder import default_finder

    lines = _numbers_rejoined(_numbers_given_their_space(text.splitlines()))
    labels = [_notes_read_as_prose(line, label) for line, label in zip(lines, default_finder().label_lines(lines),
                                                                         strict=True)]
    labels = _authors_note_before_note_one(lines, labels)
    # "page 221 note 2 …", an older journal's footnote, is a labelled note, not one keyed to the page it annotates
    if keys := keyed_lines(["" if labelled_note(line) else line for line in lines]):
        return notes_from_labels(lines, _keyed_labels(lines, labels, keys), keys)
    return notes_from_labels(lines, labels)


def _authors_note_before_note_one(lines: list[str], labels: list[str | None]) -> list[str | None]:
    """"This essay is dedicated to Ann Roe, who first asked … (Harbours (Leeds, 2000), 13)." right before note 1:
    the author's own note (thanks, a dedication; ``data/author_note_words.txt``), which a journal prints first
    without a number ("*"), read as prose by the page reader, begins an unnumbered note, kept where it cites a
    work (one that cites nothing is reported, as an unnumbered entry's words are)."""
    first = next((i for i, label in enumerate(labels) if label == "B"), None)
    if first is None or (marker := note_marker(lines[first])) is None or marker[0] != 1:
        return labels
    before = next((i for i in range(first - 1, -1, -1) if labels[i] is not None), None)
    if before is None or labels[before] != "P":
        return labels
    folded = clean_line(lines[before]).casefold()
    if not _data.authors_note_words().search(folded):
        return labels
    return [*labels[:before], "B", *labels[before + 1 :]]


_RUN_TOGETHER_PARAGRAPH = 200  # characters: a paragraph of prose long enough to hold three notes run together
_CITING_NOTES, _CITING_SHARE = 2, 3  # two of the notes so cut at least, and one in three, cite a work


def _notes_read_as_prose(line: str, label: str | None) -> str | None:
    """A paragraph the page reader read as prose that holds a book's notes run together from note 1
    ("xii Notes to the Introduction 1 Ibn Sahl, Kitab al-Ahkam, 2:57. … 2 Al-Harawi, Irshad, 98. 3 …"): the
    run-together reader finds a chain of three note numbers from 1 at least, and the rules find a citation in
    two of the notes so cut and a third of them at least (a note of the author's words around a short form
    without pages is common: "On early Meccan law, see generally Roe, Origins."), so the paragraph begins a
    note (cut into its notes below); other labels stand."""
    if label != "P" or len(line) < _RUN_TOGETHER_PARAGRAPH:
        return label
    from haliref.parse.split import split_note

    text = clean_line(line)
    found = _notes_from_one(text)
    if not found:
        return label
    ends = [cut.marker for cut in found[1:]] + [len(text)]
    citing = sum(bool(split_note([text[cut.text : end]])[0]) for cut, end in zip(found, ends, strict=True))
    return "B" if citing >= _CITING_NOTES and _CITING_SHARE * citing >= len(found) else label


def _keyed_labels(lines: list[str], labels: list[str | None], keys: dict[int, tuple[str, str]]) -> list[str | None]:
    """On a page of notes keyed to pages, each keyed line begins a note and every later line that is no page
    furniture continues one: the keys, not the page reader's reading of each line, say where notes begin (a
    key alone on its line, the quoted phrase under it, lines broken at each italic title). Lines above the
    first key that cite nothing are the author's words on the notes."""
    from haliref.parse.notes import reads_as_reference
    from haliref.parse.split import split_note
    from haliref.parse.tagger import default_tagger

    keyed = list(labels)
    first = min(keys)
    for index in range(first):  # the author's words on the notes above the first key, unless they cite
        line = clean_line(lines[index])
        if keyed[index] in ("B", "I") and not (split_note([line])[0] or reads_as_reference(line, default_tagger())):
            keyed[index] = "P"
    for index in range(first, len(lines)):
        if index in keys:
            keyed[index] = "B"
        elif keyed[index] is not None and not furniture_reason(clean_line(lines[index])):
            keyed[index] = "I"
    return keyed


#: Two digits a PDF's text layer spaced apart at a line's start, before a stop: "1 0. The pamphlet …".
_SPACED_DIGITS = re.compile(r"^([ \t\u00a0]*)(\d) (\d)(?=\.\s)")
_NEXT_NOTES_AT_MOST = 3  # the joined number continues the notes within this many (a note may be lost)


def _numbers_rejoined(lines: list[str]) -> list[str]:
    """"1 0. The pamphlet …" after note 9: spaced digits are one note number where joined they continue the
    notes before (and read apart they would go back), as a PDF's text layer spaces them."""
    if not any(_SPACED_DIGITS.match(line) for line in lines):
        return lines
    rejoined, previous = [], None
    for line in lines:
        spaced = _SPACED_DIGITS.match(line)
        if spaced and previous is not None:
            joined = int(spaced[2] + spaced[3])
            if previous < joined <= previous + _NEXT_NOTES_AT_MOST and int(spaced[2]) <= previous:
                line = f"{spaced[1]}{spaced[2]}{spaced[3]}{line[spaced.end():]}"
        marker = note_marker(line)
        if marker and (previous is None or previous < marker[0] <= previous + _NEXT_NOTES_AT_MOST):
            previous = marker[0]
        rejoined.append(line)
    return rejoined


_GLUED_NUMBER = re.compile(r"^([ \t\u00a0]*\d{1,4}\.)(?=[A-Z\u00c0-\u00de“‘\"«])")


def _numbers_given_their_space(lines: list[str]) -> list[str]:
    """Note numbers a scrape glued to their text ("1.T. Irving", "2.J. Merritt"), on two lines or more, get
    their space back before the page reader reads the lines, so they read as the markers they are."""
    lines = [_HEADING_GLUED_TO_ONE.sub(_heading_apart, line) for line in lines]
    if sum(1 for line in lines if _GLUED_NUMBER.match(line)) < 2:
        return lines
    return [_GLUED_NUMBER.sub(r"\1 ", line) for line in lines]


#: A heading word a scrape glued to note 1 ("… Click to enlarge Notes1. Ann Lowe, …")
_HEADING_GLUED_TO_ONE = re.compile(r"(?<![^\W\d_])([^\W\d_]{4,})(?=1[.)]\s)")


def _heading_apart(match: re.Match[str]) -> str:
    """The heading word and a space, where the word is a heading's ("Notes", ``data/page_furniture.tsv``)."""
    word = match.group(1)
    return f"{word} " if furniture_reason(word) == "heading" else word


def _drop(dropped: list[Dropped], index: int, line: str, reason: str) -> None:
    dropped.append(Dropped(line=index + 1, text=line, reason=reason))


def _add_line(note: RawNote, index: int) -> None:
    if not note.lines or note.lines[-1] != index + 1:  # lines come in order: the last one is enough
        note.lines.append(index + 1)


def _anywhere_phrases() -> list[str]:
    """The phrases of :func:`_link_rows` that are link text wherever they stand, glued or not."""
    return [line.split("\t")[0] for line in _link_rows() if line.endswith("anywhere")]


@memo(None)
def _inline_noise() -> re.Pattern[str]:
    """The unambiguous link phrases of :func:`_link_rows` glued inside a line ("1979Google Scholar).",
    "76;Google ScholarYoung", "pp. 407–451.Google Scholar Although"), after a space and before a stop ("1881) 16
    Google Scholar.") or the pages cited ("1990), Google Scholar p. 45"), and a phrase cut at the end of the line
    ("Google Scho")."""
    phrases = sorted(_anywhere_phrases(), key=len, reverse=True)
    alternatives = "|".join(r"\s*".join(map(re.escape, phrase.split())) for phrase in phrases)
    cut = "|".join(re.escape(phrase[:n]) for phrase in phrases if " " in phrase for n in range(6, len(phrase)))
    glued = rf"(?<=[\w.,;:)\]’”])\[?(?:{alternatives})\]?(?=[\w.,;:()\[\]’”\s]|$)"
    bracketed = rf"\s*\[(?:{alternatives})\]"  # "[Crossref] [Google Scholar]" anywhere: brackets make it sure
    # "(Göttingen 1881) 16 Google Scholar.", "Imperatis: 6 Google Scholar.30": after a space, before a stop;
    # "(Leeds, 1990), Google Scholar p. 45": before the pages cited
    spaced = (rf"(?<=[\w.,;:)\]’”])[ \u00a0](?:{alternatives})(?=[.,;:)\]])"
              rf"|(?<=[,)])[ \u00a0](?:{alternatives})(?=[ \u00a0](?:pp?\.|\d))")
    linked = f"{bracketed}|{glued}|{spaced}"
    return re.compile(rf"{linked}|(?<=[\w.,;:)\]])(?:{cut})$" if cut else linked)


@memo(None)
def _inline_noise_keys() -> tuple[str, ...]:
    """What every match of :func:`_inline_noise` holds: the first word of its phrase, or the first six characters
    of that word (a phrase cut at the line's end keeps six or more), so that a line holding none of them is not
    scanned by the pattern, which is tried at every character."""
    return tuple(sorted({phrase.split()[0][:6] for phrase in _anywhere_phrases()}))


def strip_inline_link_noise(text: str) -> tuple[str, list[str]]:
    """Link text glued inside ``text`` removed (a space kept between the words it glued), and what was removed:
    the phrases of :func:`_inline_noise`, and the words of ``data/year_links.txt`` glued to a year."""
    removed: list[str] = []
    if any(key in text for key in _year_link_keys()):
        removed = _year_links().findall(text)
        text = _year_links().sub("", text)
    if not any(key in text for key in _inline_noise_keys()):
        return text, removed

    def cut(match: re.Match[str]) -> str:
        removed.append(match.group().strip())
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        return " " if (before.isalnum() and after.isalnum()) or (before in ";," and after.isalpha()) else ""

    return _inline_noise().sub(cut, text), removed


@memo(None)
def _year_link_keys() -> tuple[str, ...]:
    return _data.word_list("year_links.txt")


@memo(None)
def _year_links() -> re.Pattern[str]:
    """A word of ``data/year_links.txt`` glued to the year after it, not to a word before it ("(Citation2009: 755)",
    "Poe, Citation2011c")."""
    words = "|".join(map(re.escape, _year_link_keys()))
    return re.compile(rf"(?<![^\W_])(?:{words})(?=(?:1[5-9]|20)\d\d(?![\d]))")


def _close_label_bracket(note: RawNote) -> None:
    """"[Footnote 182: Alison, c. lxxvi.]": the bracket the label opened closes the note; it is no part of it."""
    if not note.items or not note.items[-1]:
        return
    last = note.items[-1][-1].rstrip()
    if last.endswith("]") and note.text.count("[") < note.text.count("]"):
        note.items[-1][-1] = last[:-1].rstrip()


#: "Thomson, , Lollards", "Avon, , Facing the dictators": a name or title the page printed as a link and the
#: scrape left out, between its commas (one comma stays)
_EMPTY_FIELD = re.compile(r"(?<=\w),\s+,(?=\s)")


#: "(...)" ending a line: OpenEdition's margin notes cut at about a hundred characters ("Paris, Pre (...)")
#: and the comma or colon it left dangling ("Paris, Armand Colin, (...)")
_CUT_SHORT = re.compile(r"[\s,:;]*\((?:\.\.\.|…)\)\s*$")


def _add_text(note: RawNote, index: int, text: str, dropped: list[Dropped]) -> None:
    """Add a line's text to ``note``; link text glued to it, at its end or inside it, goes to ``dropped``."""
    text, cells = strip_table_rules(text)
    if cells:
        _drop(dropped, index, cells, "table rule")
    entry, noise = strip_link_noise(text)
    if noise:
        _drop(dropped, index, noise, "link noise")
    entry, inside = strip_inline_link_noise(entry)
    for piece in inside:
        _drop(dropped, index, piece, "link noise")
    entry, heads = strip_running_heads(entry)
    for head in heads:
        _drop(dropped, index, head, "running head: inside a note")
    entry, emptied = _EMPTY_FIELD.subn(",", entry)
    for _ in range(emptied):
        _drop(dropped, index, ",", "empty field: the page left out a name or title")
    if cut := _CUT_SHORT.search(entry):
        entry = entry[: cut.start()]
        _drop(dropped, index, cut.group().strip(), "cut short by the page")
    if entry:
        if not note.items:
            note.items.append([])
        note.items[-1].append(entry)
        _add_line(note, index)


@memo(None)
def _running_heads() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{line})" for line in _data.data_lines("running_heads.txt")), re.IGNORECASE)


def strip_running_heads(text: str) -> tuple[str, list[str]]:
    """A line's text without the running heads a PDF ran into it ("Notes 230 | Notes to Pages 3–6",
    ``data/running_heads.txt``), and the heads removed."""
    heads = [match.group() for match in _running_heads().finditer(text)]
    if not heads:
        return text, []
    return re.sub(r"\s{2,}", " ", _running_heads().sub(" ", text)).strip(), heads


# a page that shows its notes as a table's rows: "10 . | Masson, Napoléon …, vi. pp. 83–4. |"
_CELL_EDGES = re.compile(r"^(?P<lead>\.?\s*\|\s*)(?P<text>.*?)(?P<end>\s*\|)?$|^(?P<text2>.*?)(?P<end2>\s+\|)$")


def strip_table_rules(text: str) -> tuple[str, str]:
    """A note's text without the rules of the table row it stood in (the stop the row left after the note's
    number, the bars at its edges), and what was removed ("" if none)."""
    match = _CELL_EDGES.match(text)
    if not match:
        return text, ""
    if match["lead"] is not None:
        return match["text"], " ".join(part.strip() for part in (match["lead"], match["end"] or "") if part)
    return match["text2"], match["end2"].strip()


#: A list's bullet; or a wiki's link back to the text ("^", "↑"), with its letters when the note is cited more
#: than once ("^ a b"): each opens a note as a bullet does. (Numbered links back, "↑ 1 2", would be taken for
#: note numbers: they are not read so.)
BULLET = re.compile(r"^(?:[•·▪●◦\uf0b7*–-]|[\^↑](?:\s+[a-z]{1,2}(?=\s)){0,26})\s+")
# a hyphen glued to the capital of an entry the page reader begins ("-Mowat, Charles."): a bullet that lost its space
_GLUED_BULLET = re.compile(r"^-(?=[A-Z][a-z])")


_YEARS_FROM = 1000


def listed_marker(line: str) -> tuple[int, str] | None:
    """The note number opening a line, after a list's bullet or not ("3. KA 12", "• 3 KA 12"), and the rest."""
    return note_marker(line) or _bulleted_marker(line)


def _bulleted_marker(line: str) -> tuple[int, str] | None:
    """"- 1 Le réalisateur …": a note number after a list's bullet, as a scrape of a notes list keeps both."""
    visible = line.lstrip()
    bullet = BULLET.match(visible)
    marker = note_marker(visible[bullet.end() :]) if bullet else None
    return marker if marker and marker[0] < _YEARS_FROM else None  # "• 1998a Title": an author-date list's year


def list_bullet(line: str) -> re.Match[str] | None:
    """The bullet that opens a list entry ("• ", "- ", "-Mowat"), or None."""
    return BULLET.match(line) or _GLUED_BULLET.match(line)


def _drop_reason(line: str, label: str, where: str) -> str:
    """Why a line the page reader did not put in a note was dropped, in the segmenter's words."""
    if label == "P":
        return "prose"
    reason = furniture_reason(line)
    if reason:
        return reason
    if not strip_link_noise(line)[0]:
        return "link noise"
    if where == "inside" and len(line) <= 80 and not line.endswith((".", ",", ";", ":", ")", "]", "-", "–", "—")):
        return "heading"
    return {"before": "before the list", "after": "after the list"}.get(where, "page furniture")


def notes_from_labels(lines: list[str], labels: list[str | None],
                      keys: dict[int, tuple[str, str]] | None = None) -> Segmentation:
    """Notes from the page reader's line labels (B begins a note, I continues it, X and P are dropped).
    ``keys``: the lines that open notes keyed to pages (:mod:`haliref.read.keyed`), their key and the rest."""
    keys = keys or {}
    cleaned = [clean_line(line) for line in lines]
    marked = {i: m for i, label in enumerate(labels)
              if label in ("B", "I") and i not in keys and (m := listed_marker(lines[i]))}
    starts = [i for i in marked if labels[i] == "B"]
    double = len(starts) >= 2 and double_numbered([marked[i][1] for i in starts])
    # endnotes numbered per chapter: where the numbering restarts (the chain of runs, as the page reader saw it)
    numbered = [(i, marked[i][0]) for i in starts if marked[i][1]]
    _, restarted = chapter_runs(numbered)
    chapter_starts = {numbered[k][0] for k in restarted}
    fronts = front_notes_of(lines)
    in_notes = [i for i, label in enumerate(labels) if label in ("B", "I")]
    first, last = (in_notes[0], in_notes[-1]) if in_notes else (len(lines), -1)
    notes: list[RawNote] = []
    bracketed: list[RawNote] = []  # notes opened by a label in a bracket ("[Footnote 182: …]")
    dropped: list[Dropped] = []
    current: RawNote | None = None
    restarts = 0
    for index, raw in enumerate(lines):
        line, label = cleaned[index], labels[index]
        if not line or label is None:
            _drop(dropped, index, raw, "blank line")
            continue
        if label in ("X", "P"):
            where = "before" if index < first else "after" if index > last else "inside"
            _drop(dropped, index, raw, _drop_reason(line, label, where))
            continue
        if index in keys and label == "B":  # "p. 3. ‘phrase …’, …": the page the note annotates, no number
            key, rest = keys[index]
            current = RawNote(number=None, run=restarts, label=key)
            notes.append(current)
            _add_line(current, index)
            if rest:
                _add_text(current, index, rest, dropped)
            continue
        front = fronts.get(index)
        if front is not None and label == "B":  # a note numbered i, ii … or -2, -1 before the first arabic one
            current = RawNote(number=front.number, run=restarts, label=front.label)
            notes.append(current)
            _add_line(current, index)
            _add_text(current, index, front.rest, dropped)
            continue
        marker = marked.get(index)
        if label == "I" and current is not None and double and marker and not _PRINTED_NUMBER.match(marker[1]):
            # SpringerLink: a list item without printed note number continues the note
            current.list_items.append(marker[0])
            current.items.append([])
            _add_line(current, index)
            if marker[1]:
                _add_text(current, index, marker[1], dropped)
            continue
        if label == "I" and current is not None:
            _add_text(current, index, line, dropped)
            continue
        number: int | None = None
        list_items: list[int] = []
        rest = line
        if marker:
            printed = _PRINTED_NUMBER.match(marker[1]) if double else None
            if printed:
                number, rest = int(printed.group(1)), (printed.group(2) or "").strip()
                list_items = [marker[0]]
            else:
                number, rest = marker[0], marker[1]
                list_items = [marker[0]]
            previous = next((n.number for n in reversed(notes) if n.number is not None), None)
            dropped_back = previous is not None and number <= _RESTART_AT_MOST and previous - number >= _RESTART_AT_MOST
            restarts += index in chapter_starts or dropped_back
        elif bullet := list_bullet(line):
            rest = line[bullet.end() :]
            _drop(dropped, index, bullet.group().strip(), "list bullet")
        current = RawNote(number=number, list_items=list_items, run=restarts)
        notes.append(current)
        _add_line(current, index)
        if rest:
            _add_text(current, index, rest, dropped)
        if marker and labelled_note(raw):
            bracketed.append(current)
    for note in bracketed:
        _close_label_bracket(note)
    if keys:
        notes = [part for note in notes for part in _keyed_parts(note)]
    kept = _empty_numbers_dropped([n for n in notes if n.item_texts or n.number is not None or n.label], lines,
                                  dropped)
    opened = {(note.run, note.number) for note in kept if note.number is not None}
    notes = [part for note in kept for part in split_run_together(note, dropped, opened)]
    notes = [part for note in notes for part in _glued_entries(note, dropped)]
    notes = _missing_numbers_inside(notes)
    return Segmentation(notes=notes, dropped=sorted(dropped, key=lambda d: d.line))


def _empty_numbers_dropped(notes: list[RawNote], lines: list[str], dropped: list[Dropped]) -> list[RawNote]:
    """A note number with no text ("  1.  " above "2. Ireland"): its number goes to the unnumbered note that
    follows, which holds its text; before another numbered note or at the end, its line is reported dropped."""
    kept: list[RawNote] = []
    for position, note in enumerate(notes):
        if note.item_texts or note.number is None or note.label:
            kept.append(note)
            continue
        after = notes[position + 1] if position + 1 < len(notes) else None
        if after is not None and after.number is None and after.label is None:
            after.number, after.list_items = note.number, note.list_items
            after.lines[:0] = [line for line in note.lines if line not in after.lines]
            continue
        for line in note.lines:
            _drop(dropped, line - 1, lines[line - 1], "note number without text")
    return kept


def _keyed_parts(note: RawNote) -> list[RawNote]:
    """A keyed note: the notes a paste ran on inside it (" p. 7. ‘even more …"), each with the phrase it
    annotates moved from its text to its label ("p. 3 ‘at best circumstantial . . .’"), as a number is."""
    if note.label is None or not note.items:
        return [note]
    first_line = note.items[0][0] if note.items[0] else ""
    pieces = split_keys_inside(note.text)
    parts: list[RawNote] = []
    for position, (key, text) in enumerate(pieces):
        start = leading_phrase(first_line if position == 0 else "", text)
        phrase = text[:start].strip().rstrip(",:;").strip()
        label = " ".join(part for part in ((key or note.label).rstrip("."), phrase) if part)
        items = note.items if position == 0 and len(pieces) == 1 and not start else [[text[start:].strip()]]
        parts.append(RawNote(number=None, list_items=[], lines=list(note.lines), items=items, run=note.run,
                             label=label))
    return parts


_UPPER_WORD = re.compile(r"[^\W\d_]{3,}")
_MAX_HEADING_WORDS = 12


def chapter_heading(text: str) -> bool:
    """ "FRANCE AMBIVALENT, 1918–40", "Notes 1. THE SEARCH FOR SECURITY": a chapter's title in capitals (after
    a heading word such as "Notes"), where a book's notes run together across chapters."""
    words = text.split()
    if words and furniture_reason(words[0]):
        words = words[1:]
    letters = [w for w in words if _UPPER_WORD.search(w)]
    return 0 < len(words) <= _MAX_HEADING_WORDS and bool(letters) and all(w.isupper() for w in letters)


#: A section's name before its run-together notes: "Preface", "Chapter 3", "Part Two: The War", "introduction" (a
#: PDF's small capitals read as lower case): a letter first, no stop nor comma, at most six words.
_SECTION_TITLE = re.compile(r"[^\W\d_][^\s.,;]*(?:\s+[^\s.,;]+){0,5}")


def _heading_before_notes(lead: str) -> bool:
    """The text before a run's note 1 is a heading: a chapter's title in capitals, or words that open with a
    heading word ("NOTES Abbreviations used in the notes: …") or name a section ("Preface") and cite nothing."""
    if chapter_heading(lead):
        return True
    words = lead.split()
    if not words or not (furniture_reason(words[0]) or _SECTION_TITLE.fullmatch(lead)):
        return False
    from haliref.parse.split import split_note

    return not split_note([lead])[0]


#: A page's number before its heading, bracketed or not ("[ 93 ]", "93"), and what names the chapter whose notes
#: follow a heading word ("Notes to Chapter 1", "Notes to the Introduction")
_PAGE_NUMBER_FIRST = re.compile(r"(?:\[\s*\d{1,4}\s*\]|\d{1,4})\s+")
_NOTES_TO = re.compile(r"to\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:\d{1,3}|[IVXLC]{1,6})\b)?\s*")


def _opening_heading(lead: str) -> int:
    """Where a heading that opens the text before a run's note 1 ends, the note the author left unnumbered after
    it (an epigraph's source): the page's number, heading words ("Notes", ``data/page_furniture.tsv``) and what
    they are the notes to ("[ 93 ] Notes Notes to Chapter 1 The epigraph …"); 0 where no heading word opens it."""
    position = page.end() if (page := _PAGE_NUMBER_FIRST.match(lead)) else 0
    headed = False
    while (word := re.match(r"\S+\s*", lead[position:])) and furniture_reason(word.group().strip()) == "heading":
        position += word.end()
        headed = True
        if to := _NOTES_TO.match(lead, position):
            position = to.end()
    return position if headed and position < len(lead) else 0


#: After the heading, what the notes are to and their first and only note's number and stop: "Notes to the
#: Editor’s Preface 1. For …", "Notes to Chapter 3 1. …" (a few words, no sentence's stop).
_LONE_FIRST = re.compile(r"(?:(?:[^\W\d_][\w’'-]*|\d{1,2}|[IVXLC]{1,5})\s+){0,6}?(1)\.\s+(?=[A-Z“‘\"(])")


def _lone_first_note(text: str) -> list[Cut]:
    """"Notes Notes to the Editor’s Preface 1. For a fuller …": a page that holds one note, its
    number after the heading words that open the text, where the run-together reader, which weighs a number
    against the next, finds no chain: the cut of note 1 (none where no heading word opens the text)."""
    from haliref.read.runon import Cut

    position = 0
    while (word := re.match(r"\S+\s*", text[position:])) and furniture_reason(word.group().strip()) == "heading":
        position += word.end()
    found = _LONE_FIRST.match(text, position) if position else None
    return [Cut(found.start(1), found.end(), 1)] if found else []


def _abbreviations_key(lead: str) -> bool:
    """The text before a run's note 1 opens with a key to the notes' abbreviations, perhaps after a heading
    word ("Notes Abbreviations CRJA …", ``data/abbreviation_keys.txt``)."""
    words = lead.casefold().split()
    if words and furniture_reason(words[0]):
        words = words[1:]
    opening = " ".join(words[:3])
    return any(opening == key or opening.startswith(key + " ") for key in _data.lower_set("abbreviation_keys.txt"))


def _heading_at_end(body: str) -> int | None:
    """Where a chapter's title closing a note begins ("Ibid., 17. 2. THE QUARRY STRIKE": at "2."), or None;
    the note keeps at least its first sentence."""
    starts = [m.end() for m in re.finditer(r"\.\s+", body)]
    found = None
    for start in reversed(starts[-3:]):
        if not chapter_heading(body[start:]):
            break
        found = start
    if found is None:  # "… 103–15. chapter 1. fascinated scientists …": a PDF's small capitals read as lower case
        found = next((start for start in reversed(starts[-3:]) if _named_section(body[start:])), None)
    if found is None and starts and _numbered_section_title(body[starts[-1] :]):
        found = starts[-1]  # "… Crane, 1979. 1 Introduction", before the next chapter's note 1
    return found


_NUMBERED_TITLE = re.compile(rf"\d{{1,2}}\.?\s+(?=[A-ZÀ-ÖØ-Þ]){_SECTION_TITLE.pattern}")


def _numbered_section_title(text: str) -> bool:
    """A chapter's number and title, citing nothing ("1 Introduction", "4 The Harbour Years")."""
    if not _NUMBERED_TITLE.fullmatch(text.strip()):
        return False
    from haliref.parse.split import split_note

    return not split_note([text])[0]


_SECTION_NUMBER = re.compile(r"(?:\d{1,3}|[ivxlc]{1,6})[.:]?", re.IGNORECASE)


def _named_section(text: str) -> bool:
    """A part of a book named and numbered, perhaps with its title, citing nothing ("chapter 1. fascinated
    scientists and empathizing theologians", "Part II"; words in ``data/section_words.txt``)."""
    words = text.split()
    if not 2 <= len(words) <= _MAX_HEADING_WORDS or words[0].casefold() not in _data.lower_set("section_words.txt"):
        return False
    if not _SECTION_NUMBER.fullmatch(words[1]):
        return False
    from haliref.parse.split import split_note

    return not split_note([text])[0]


def split_run_together(note: RawNote, dropped: list[Dropped] | None = None,
                       opened: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset()) -> list[RawNote]:
    """Notes pasted as one paragraph (a PDF, an e-book page): cut where the run-together reader finds note numbers.

    The reader (:mod:`haliref.read.runon`) weighs every number against its
    neighbours; a chain of consecutive numbers continuing the note's own number
    (or, in a note without one, two of them) is needed for a cut, so a page, a
    volume or a year inside a note is not one. ``opened``: the (run, number) of the notes the page's lines
    open; in a numbered note, a chain holding one of those numbers is the note's own numbers, not notes.
    """
    if len(note.items) != 1:
        return [note]
    text = join_parts(note.items[0])
    from haliref.read.runon import default_runon_reader

    found = default_runon_reader().cuts(text, note.number) if _may_hold_notes(text, note.number) else []
    after_page_number = False
    if not found and (found := _notes_after_a_page_number(note, text, opened)):
        if dropped is not None and note.lines:
            _drop(dropped, note.lines[0] - 1, str(note.number), "running head: page number")
        note = RawNote(number=None, list_items=[], lines=list(note.lines), items=note.items, run=note.run)
        after_page_number = True
    elif not found and note.number is None and not note.label:
        found = _lone_first_note(text)
    ends = [cut.marker for cut in found[1:]] + [len(text)] if found else []
    # a number with nothing after it before the next one ("… 1;)2."), or only a semicolon or comma after it
    # ("12) ; Title", as note_marker reads a line), opens no note: it stays text
    cuts = [cut for cut, end in zip(found, ends, strict=True)
            if (body := text[cut.text : end].strip()) and body[:1] not in _NO_NOTE_OPENS]
    if not cuts or (note.number is not None and any((note.run, cut.number) in opened for cut in _until_restart(cuts))):
        return [note]  # a number another line of the page opens ("Abschnitt 1.2.1. und 2.3.des 2. Teils") is no note
    parts: list[RawNote] = []
    lead = text[: cuts[0].marker].strip()
    line = note.lines[0] - 1 if note.lines else 0
    if (dropped is not None and (cuts[0].number == 1 or after_page_number or _LETTER_SPACED.fullmatch(lead))
            and note.number is None and _heading_before_notes(_unspaced(lead))):
        _drop(dropped, line, lead, "heading")  # the chapter's title before its note 1, a page's "N O T E S"
        lead = ""
    elif dropped is not None and cuts[0].number == 1 and note.number is None and _abbreviations_key(lead):
        _drop(dropped, line, lead, "key to abbreviations")  # "Notes Abbreviations CRJA Civil Rights … WHCF …"
        lead = ""
    elif dropped is not None and cuts[0].number == 1 and note.number is None and (opening := _opening_heading(lead)):
        _drop(dropped, line, lead[:opening].strip(), "heading")  # "[ 93 ] Notes Notes to Chapter 1 The epigraph …"
        lead = lead[opening:].strip()
    number = note.number
    if number is None and cuts[0].number == 2 and (misread := _MISREAD_ONE.match(lead)):
        number, lead = 1, lead[misread.end() :]  # "I. Einhard, Vita Karoli … 2. On Einhard …": "I." for 1
    if lead or number is not None or note.label:
        parts.append(RawNote(number=number, list_items=list(note.list_items), lines=list(note.lines),
                             items=[[lead]], run=note.run, label=note.label))
    for position, cut in enumerate(cuts):
        end = cuts[position + 1].marker if position + 1 < len(cuts) else len(text)
        body = text[cut.text : end].strip()
        if dropped is not None and position + 1 < len(cuts) and cuts[position + 1].number == 1:
            if chapter_heading(body):
                _drop(dropped, line, text[cut.marker : end].strip(), "heading")  # "2. THE SEARCH FOR SECURITY"
                continue
            if (heading_at := _heading_at_end(body)) is not None:
                _drop(dropped, line, body[heading_at:], "heading")  # "… Ibid., 17. 2. THE QUARRY STRIKE"
                body = body[:heading_at].rstrip()
        parts.append(RawNote(number=cut.number, lines=list(note.lines), items=[[body]], run=note.run))
    return parts


#: Where a scrape lost the break between two entries of a list: a year or pages and their stop, then the next
#: entry's first word ("…, Berlin, 1928, 215.Die Territorien …", "…, Münster, 1990.Isaiasz, Vera/…"); three
#: figures at least, as no ordinal has ("3.Aufl.", "19.Jahrhundert").
_GLUED_ENTRY = re.compile(r"(?<=\d{3}\.)(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
#: An author-date entry's year after its names' stop, glued to the title ("Roe, Ann. 2011.Key concepts"): one
#: entry, not the end of one
_AUTHORS_YEAR = re.compile(r"(?:^|\.\s)\d{4}[a-z]?\.$")
_GLUED_ENTRY_WORDS = 5  # each entry so cut is a reference's length at least (not "Roe,A. 1768.Title …")
_SURNAME = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[’'-][^\W\d_]+)*(?:\s(?:[a-z]{1,3}\s)?[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[’'-][^\W\d_]+)*)?"
_GIVEN = (r"(?:[A-ZÀ-ÖØ-Þ]\.(?:\s?-?[A-ZÀ-ÖØ-Þ]\.)*"
          r"|[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)?(?:\s(?:[A-ZÀ-ÖØ-Þ]\.|[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)){0,2})")
_YEAR_OF_ENTRY = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
#: An author-date entry's opening (APA, Harvard, the linguists' and Chicago's author-date): surnames and given
#: names or initials, then the year, in brackets or after a stop: "Roe, A. J. (1999).", "Roe, A., & Poe, B.
#: (2003a).", "Roe, Ann. 1965.", "Roe, Ann and Bob Poe. 1968.", "Roe, Ann (1999)", "Roe, A. 1985:" (the colon of
#: British linguistics' author-date). Names only before the year,
#: not split.is_author_date_entry's 160 characters of anything: it finds where an entry opens inside running
#: text, where a looser shape would cut at a name a title holds.
_AUTHOR_DATE_OPENING = re.compile(
    rf"{_SURNAME},\s{_GIVEN}"
    rf"(?:(?:,\s|,?\s(?:&|and)\s)(?:{_SURNAME},\s{_GIVEN}|{_GIVEN}\s{_SURNAME})){{0,6}}(?:,?\set\sal\.)?"
    rf"(?:\s\([^()]{{1,40}}\))?(?:\s\((?:{_YEAR_OF_ENTRY}|n\.d\.)(?:,[^()]{{1,20}})?\)\.?|\.?\s{_YEAR_OF_ENTRY}[.:])")
#: The same author's next entry, its names a dash: "—— (1992).", "———. 1985." (CMOS 15.17)
_SAME_AUTHOR_DATE = re.compile(
    rf"{SAME_AUTHOR_DASHES}[.,]?\s(?:\((?:{_YEAR_OF_ENTRY}|n\.d\.)\)\.?|{_YEAR_OF_ENTRY}[.:])")
#: A place in a list run together where one author-date entry may end and the next begin: after a stop.
_ENTRY_GAP = re.compile(r"(?<=\.)\s+(?=[A-ZÀ-ÖØ-Þ—–_-])")


def _author_date_cuts(text: str) -> list[int]:
    """Where the entries of an author-date list run together on one line begin ("… 154–155. Roe, C. (2003b).
    Title …"), when the text itself opens with such an entry: the list's entries all have its shape."""
    if not _AUTHOR_DATE_OPENING.match(text):
        return []
    return [gap.end() for gap in _ENTRY_GAP.finditer(text)
            if _AUTHOR_DATE_OPENING.match(text, gap.end()) or _SAME_AUTHOR_DATE.match(text, gap.end())]


#: Where the entries of a list run together on one line after a bracketed imprint (and a remark in square
#: brackets): "… Philosophy (Oxford, 2012) W. Kymlicka, Contemporary …", "(Cambridge, 2003) [available at …] T. Ball
#: and R. Bellamy (eds.) …": the next entry's initials and surname.
_NAME_AFTER_IMPRINT = re.compile(
    r"(?<=\d{4}\))\s+(?:\[[^\[\]]{0,100}\]\s+)?(?=(?:[A-Z]\.\s?){1,3}[A-ZÀ-ÖØ-Þ][\w’'-]+(?:,|\s+and\s|\s+\())"
)
#: In a list whose entries open with a surname and initials ("Roe, D. E., Title (Leeds, 1976). Poe, …"), the next
#: entry after the imprint's bracket and stop
_INVERTED_NAME = r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ][\w’'-]*,\s(?:[A-Z]\.\s?){1,3},"
_INVERTED_AFTER_IMPRINT = re.compile(rf"(?<=\d{{4}}\))\.\s+(?={_INVERTED_NAME})")
_INVERTED_OPENING = re.compile(_INVERTED_NAME)
_MIN_IMPRINT_CUTS = 2  # one such place may be a note's second work; two or more make a list


def _imprint_cuts(text: str) -> list[int]:
    """Where the next entry begins after a bracketed imprint, when a text holds two such places at least."""
    cuts = [match.end() for match in _NAME_AFTER_IMPRINT.finditer(text)]
    if _INVERTED_OPENING.match(text):
        cuts += [match.end() for match in _INVERTED_AFTER_IMPRINT.finditer(text)]
    return sorted(cuts) if len(cuts) >= _MIN_IMPRINT_CUTS else []


#: A word opening a line, capitalised or in capitals, then a space ("References Abney, …")
_HEADING_WORD = re.compile(r"([A-ZÀ-Þ][^\W\d_]+)\s+")


#: Words in capitals opening an entry, then an inverted name with its initials ("THE HARBOUR BOARD Roe, A. B., …"):
#: a bibliography's section heading run into its first entry
_SECTION_IN_CAPITALS = re.compile(rf"((?:[A-ZÀ-Þ]{{2,}}\s+){{1,6}}[A-ZÀ-Þ]{{2,}})\s+(?={_INVERTED_NAME})")


def _glued_entries(note: RawNote, dropped: list[Dropped]) -> list[RawNote]:
    """An unnumbered entry holding several, glued where the list's line breaks were lost: one entry each. A
    heading word before the first ("References Abney, Steven P. 1987. …") goes to ``dropped``."""
    if note.number is not None or note.label or len(note.items) != 1:
        return [note]
    text = join_parts(note.items[0])
    heading = _HEADING_WORD.match(text)
    if not (heading and furniture_reason(heading[1]) == "heading" and _AUTHOR_DATE_OPENING.match(text, heading.end())):
        heading = _SECTION_IN_CAPITALS.match(text)  # "THE HARBOUR BOARD Roe, A. B., Title …": a section's heading
    if heading:
        _drop(dropped, note.lines[0] - 1 if note.lines else 0, heading[1], "heading")
        text = text[heading.end() :]
        note = RawNote(number=None, list_items=list(note.list_items), lines=list(note.lines), items=[[text]],
                       run=note.run)
    glued = {m.start() for m in _GLUED_ENTRY.finditer(text) if not _AUTHORS_YEAR.search(text, 0, m.start())}
    glued |= set(_author_date_cuts(text)) | set(_imprint_cuts(text))
    cuts = [0, *sorted(glued - {0}), len(text)]
    pieces = [text[a:b].strip() for a, b in itertools.pairwise(cuts)]
    if len(pieces) < 2 or min(len(piece.split()) for piece in pieces) < _GLUED_ENTRY_WORDS:
        return [note]
    return [RawNote(number=None, list_items=list(note.list_items), lines=list(note.lines), items=[[piece]],
                    run=note.run) for piece in pieces]


def _until_restart(cuts: list[Cut]) -> list[Cut]:
    """The cuts before the numbering starts again (at the next chapter's note 1)."""
    for position in range(1, len(cuts)):
        if cuts[position].number <= cuts[position - 1].number:
            return cuts[:position]
    return cuts


def _missing_numbers_inside(notes: list[RawNote]) -> list[RawNote]:
    """Notes n and n + 2 on their lines, and "n + 1. Capital…" inside note n's text ("…/cancelled-speech 3.
    Charles Hill, …", a broken URL's line running on into the next note): the missing note is there. Each
    number the numbering skips must be found, in order, after a space and before a capital."""
    found: list[RawNote] = []
    for position, note in enumerate(notes):
        after = notes[position + 1] if position + 1 < len(notes) else None
        if (note.number is None or after is None or after.number is None or after.run != note.run
                or not 1 < after.number - note.number <= _MAX_MISSING or len(note.items) != 1):
            found.append(note)
            continue
        text = join_parts(note.items[0])
        cuts: list[tuple[int, int, int]] = []
        done = 0
        for number in range(note.number + 1, after.number):
            match = re.compile(rf"(?<=\s){number}\.\s+(?=[A-ZÀ-ÖØ-Þ“‘\"])").search(text, done)
            if match is None or _after_locator_word(text, match.start()):
                break
            cuts.append((match.start(), match.end(), number))
            done = match.end()
        if not cuts or len(cuts) != after.number - note.number - 1:
            found.append(note)
            continue
        ends = [start for start, _, _ in cuts[1:]] + [len(text)]
        found.append(RawNote(number=note.number, list_items=list(note.list_items), lines=list(note.lines),
                             items=[[text[: cuts[0][0]].strip()]], run=note.run, label=note.label))
        found.extend(RawNote(number=number, lines=list(note.lines), items=[[text[begin:end].strip()]], run=note.run)
                     for (_, begin, number), end in zip(cuts, ends, strict=True))
    return found


def _after_locator_word(text: str, position: int) -> bool:
    """The word before ``position`` is one a number follows as a locator ("vol. 3. Leeds", "p. 3. Roe")."""
    before = text[:position].split()
    word = before[-1].rstrip(".") if before else ""
    running_head = word.isupper() and len(word) > len("VOL")  # "301 302 NOTES 5. S.F. Scott": a page's head
    return not running_head and word.casefold() in _data.lower_set("locator_words.txt")


_MAX_MISSING = 3  # notes a line may run on into: more is a numbering that jumps, not lines run together


#: "I.", "l.", "]." at a paragraph's start: a PDF's text layer reading the note number 1
_MISREAD_ONE = re.compile(r"[Il\]]\.\s+(?=\S)")


def _notes_after_a_page_number(note: RawNote, text: str, opened: set[tuple[int, int]] | frozenset[tuple[int, int]]
                               ) -> list[Cut]:
    """"271 Notes … 1. New York Times … 2. … 3. …": the page's only numbered line opens with a number its text
    does not continue (the next page's number in a running head is no chain), and its text holds notes 1, 2,
    3 … run together: the number is the page's, and these are the notes' cuts (none otherwise)."""
    if note.number is None or len(opened) > 1:
        return []
    found = _run_together_cuts(text)
    if len(found) < _PAGE_CHAIN or (found[0].number != 1 and not _under_a_heading(text, found)):
        return []
    return found if note.number > found[-1].number else []


def _under_a_heading(text: str, found: list[Cut]) -> bool:
    """"N O T E S 17 The amendment … 18 Roe to …": the page's heading opens the chain of notes, which goes on
    from an earlier page's number."""
    lead = text[: found[0].marker].strip()
    return bool(lead) and _heading_before_notes(_unspaced(lead))


_LETTER_SPACED = re.compile(r"\b(?:[A-Z] ){2,}[A-Z]\b")


def _unspaced(text: str) -> str:
    """A heading's letter-spaced capitals closed up ("N O T E S" -> "NOTES")."""
    return _LETTER_SPACED.sub(lambda m: m.group().replace(" ", ""), text)


_PAGE_CHAIN = 3  # notes 1, 2, 3 at least


def _notes_from_one(text: str) -> list[Cut]:
    """The run-together reader's cuts of ``text`` where they are a chain of notes from 1 (three at least), else
    none: a page's or a section's notes, whatever line or label they came under."""
    found = _run_together_cuts(text)
    return found if len(found) >= _PAGE_CHAIN and found[0].number == 1 else []


def _run_together_cuts(text: str) -> list[Cut]:
    """The run-together reader's cuts of a text whose own number is not known."""
    from haliref.read.runon import default_runon_reader

    return default_runon_reader().cuts(text, None) if _may_hold_notes(text, None) else []


_NUMBER = re.compile(r"(?<!\d)[1-9]\d{0,5}(?!\d)")  # up to six digits, as the run-together reader's candidates


def _may_hold_notes(text: str, number: int | None) -> bool:
    """Whether a chain of note numbers is possible at all: the next number after its own, or two in a row."""
    seen: set[int] = set()
    for match in _NUMBER.finditer(text):
        value = int(match.group())
        if (number is not None and value == number + 1) or (number is None and value - 1 in seen):
            return True
        seen.add(value)
    return False
