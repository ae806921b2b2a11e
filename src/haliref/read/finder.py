"""The page reader: a CRF that labels each line of a page (AnyStyle's Finder, carried over to notes).

Labels: ``B`` a line that begins a note or a list entry, ``I`` a line that
continues the one before, ``X`` page chrome (headings, link text, running heads,
widgets, copyright, the page's own title and authors), ``P`` the author's prose
outside the notes. Blank lines are not labelled; they are features of their
neighbours.

The segmenter's rules are features here, not gates: the item marker and its
kind, whether its number continues the previous one, whether it lies on the
longest run of consecutive numbers, on the longest increasing run or on a chain
of per-chapter runs, whether the page is double numbered (SpringerLink's list
number and printed note number), whether a line is known furniture or only link
text. The model weighs them against the shape of the line and of its neighbours
(length, end punctuation, capitals, years, imprint and name shapes, prose words),
so numbered, unnumbered, paragraph, bulleted, hanging-indent and per-chapter
notes, bibliographies and one-per-line lists come out of the same model.

The model is trained on synthetic pages (:mod:`haliref.read.synthetic`) and
rebuilt byte for byte by :func:`build_finder_model` (``haliref train --finder``).
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pycrfsuite

from haliref import resources
from haliref.caches import memo
from haliref.parse.notes import reads_as_reference, reads_as_short_citation
from haliref.parse.split import OPEN_QUOTES, closed_inverted_end, split_note
from haliref.parse.tagger import Tagger, default_tagger
from haliref.parse.training import train_crf
from haliref.read import segment as _segment

__all__ = [
    "FINDER_PARAMS", "LABELS", "TRAINING_PAGES", "TRAINING_SEED", "Finder", "build_finder_model", "default_finder",
    "line_features",
]

LABELS = ("B", "I", "X", "P")

#: Fixed training parameters: L-BFGS with no time-dependent stopping is deterministic.
FINDER_PARAMS: dict[str, object] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 300,
    "feature.possible_transitions": True,
}

_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20[0-4]\d)\b")
_PAGES = re.compile(r"\bpp?\.\s*\d|\b\d+\s*[-–]\s*\d+\b")
_IMPRINT = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?:\s*[A-Z]")
_INVERTED = re.compile(r"^[A-Z][\w'’\-]+(?: [a-z]{1,3})?,\s+(?:[A-Z]\.|[A-Z][a-z]+)")
_INITIALS_FIRST = re.compile(r"^(?:[A-Z]\.\s*){1,3}[A-Z][a-z]")
_GIVEN_FIRST = re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][\w'’\-]+,")
_ED = re.compile(r"\b(?:eds?|Hrsg|trans|dir)\.", re.IGNORECASE)
_IBID = re.compile(r"^(?:ibid|idem|id\.|op\.\s*cit)", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.|\bdoi\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[a-z]{3}\.\s+[A-Z][a-z]")  # three letters are enough: no backtracking over words
_PRINTED = re.compile(r"^\d{1,6}\.(?:\s|$)")
#: The page reader's features read note numbers of up to four digits, as its model was trained on them;
#: five- and six-digit numbers (a list past note 9,999) are read by the constraints on its output.
_FEATURE_DIGITS = 4
_FEATURE_PRINTED = re.compile(rf"^\d{{1,{_FEATURE_DIGITS}}}\.(?:\s|$)")
# a line that ends the way a reference or note ends: a year, a page or page range, an imprint's bracket
_ENDS_COMPLETE = re.compile(r"(?:\b(?:1[5-9]\d\d|20\d\d)[a-z]?\)?|(?<!\d)\d++(?:\s*+[-–]\s*+\d++)?|\))\s*+[.;]?$")


# shape tests of a whole line, in the order their features are written (the model's attributes follow it)
_LINE_TESTS = (
    ("pages", _PAGES.search),
    ("imprint", _IMPRINT.search),
    ("inverted-name", _INVERTED.match),
    ("initials-first", _INITIALS_FIRST.match),
    ("given-first", _GIVEN_FIRST.match),
    ("ed", _ED.search),
    ("ibid", _IBID.match),
    ("url", _URL.search),
    ("sentences", _SENTENCE_END.search),
)


def _bin(value: int, edges: Sequence[int]) -> int:
    for index, edge in enumerate(edges):
        if value <= edge:
            return index
    return len(edges)


def _marker_kinds(digits: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The item markers that open a line, tried in this order (a double marker before a plain one)."""
    number = rf"\d{{1,{digits}}}"
    return (
        ("bracket", re.compile(rf"\[{number}\.?\]")),
        ("double", re.compile(rf"{number}\.\s*{number}\.?$")),
        ("dot", re.compile(rf"{number}\.(\s|$)")),
        ("paren", re.compile(rf"{number}\)")),
        ("space", re.compile(rf"{number}\s")),
        ("glued", re.compile(r"\d{1,3}[A-Z\u00c0-\u00de“‘\"«]")),
        ("bullet", _segment.BULLET),
    )


_MARKER_KINDS = _marker_kinds(6)
_FEATURE_MARKER_KINDS = _marker_kinds(_FEATURE_DIGITS)


def _marker_kind(raw: str, kinds: tuple[tuple[str, re.Pattern[str]], ...] = _MARKER_KINDS) -> str:
    line = raw.strip()
    return next((kind for kind, pattern in kinds if pattern.match(line)), "none")


_END_CLASS = {".": ".", ",": ",", ";": ";", ":": ":", "-": "-", "–": "-", ")": ")", "]": ")"}
_OPENERS = "“‘\"«("


def _first_class(char: str) -> str:
    if char.isupper():
        return "U"
    if char.islower():
        return "l"
    if char.isdigit():
        return "d"
    return "q" if char in _OPENERS else "o"


def _shape(line: str) -> list[str]:
    """Features of one non-blank line on its own."""
    words = line.split()
    letters = _WORD.findall(line)
    capitals = sum(1 for w in letters if w[:1].isupper())
    prose = resources.lower_set("prose_words.txt")
    prose_share = sum(1 for w in letters if w.casefold() in prose) / max(len(letters), 1)
    last = line[-1]
    found = [
        f"len={_bin(len(line), (3, 12, 30, 60, 90, 130, 250))}",
        f"words={_bin(len(words), (1, 2, 4, 8, 15, 30))}",
        f"end={_END_CLASS.get(last, 'd' if last.isdigit() else 'a' if last.isalpha() else 'o')}",
        f"first={_first_class(line[0])}",
        f"caps={_bin(int(10 * capitals / max(len(letters), 1)), (1, 3, 5, 7, 9))}",
        f"prosew={_bin(int(10 * prose_share), (0, 1, 2, 3, 5))}",
        f"years={_bin(len(_YEAR.findall(line)), (0, 1, 2))}",
    ]
    if line.isupper() and len(letters) >= 1:
        found.append("allcaps")
    found.extend(name for name, test in _LINE_TESTS if test(line))
    if "“" in line or "\"" in line or "‘" in line:
        found.append("quote")
    if "(" in line:
        found.append("paren")
    reason = _segment.furniture_reason(line)
    if reason:
        found.append(f"furniture={reason.split(':')[0]}")
    entry, noise = _segment.strip_link_noise(line)
    if noise:
        found.append("link-only" if not entry else "link-glued")
    if line.endswith("-") and len(line) > 1 and line[-2].isalpha():
        found.append("hyphen-break")
    if _ENDS_COMPLETE.search(line):
        found.append("ends-complete")
    if len(words) <= 6 and last not in ".,;:)]" and not line.isdigit():
        found.append("short-open")
    return found


_ENDING_FIELDS = frozenset({"date", "publisher", "pages", "location", "journal", "volume", "doi", "url", "isbn",
                            "container-title", "edition", "genre"})


def _reading(labels: list[str]) -> list[str]:
    """What the field labeller reads in a line: its first and last fields, and which kinds it holds."""
    if not labels:
        return []
    found = [f"lab-first={labels[0]}", f"lab-last={labels[-1]}"]
    kinds = set(labels)
    if "title" in kinds:
        found.append("lab-title")
    if kinds & {"author", "editor"}:
        found.append("lab-names")
    if kinds & _ENDING_FIELDS:
        found.append("lab-imprint")
    if labels[-1] in _ENDING_FIELDS:
        found.append("lab-ends-imprint")
    return found


_WINDOW = 8


def _junction(before: str, line: str, tagger: Tagger) -> list[str]:
    """How the field labeller reads the two lines joined: does a field run on across the break, or does
    a new reference begin (a name or title after an imprint field)?"""
    # the labeller reads a window of the last and first words around the break: enough for the
    # fields on either side, and a fifth of the cost of reading both lines whole
    head, tail = before.split()[-_WINDOW:], line.split()[:_WINDOW]
    split = len(head)
    labels = tagger.labels_once(head + tail)  # a window is read once: not kept
    if len(labels) <= split:
        return []
    last, first = labels[split - 1], labels[split]
    found = [f"join={last}|{first}"]
    if last == first:
        found.append("join-same")
    elif last in _ENDING_FIELDS and first in ("author", "editor", "title"):
        found.append("join-new-reference")
    return found


def _whole_word_labels(text: str, tagger: Tagger) -> list[str]:
    """The labels of the line's space-separated words, as the page reader's model was trained on them: the
    labeller's own tokens cut a word a scrape glued together ("harboursMaritime") in two."""
    labelled = tagger.label_tokens(text)
    words = text.split()
    if len(labelled) == len(words):
        return [label for _, label, _ in labelled]
    return tagger.labels_once(words)


def line_features(lines: Sequence[str], tagger: Tagger | None = None) -> tuple[list[int], list[list[str]]]:
    """(indexes of the non-blank lines, their features): the rules of the segmenter among them, and
    what the field labeller reads in each line (its first and last fields)."""
    cleaned = [_segment.clean_line(line) for line in lines]
    kept = [i for i, line in enumerate(cleaned) if line]
    marked = {i: m for i in kept if (m := _segment.marker_shape(lines[i])) and m[0] < 10**_FEATURE_DIGITS}
    markers = [(i, m[0]) for i, m in marked.items()]
    longest = {markers[k][0] for k in _segment.longest_run(markers)}
    with_text = [(i, n) for i, n in markers if marked[i][1]]
    increasing = {with_text[k][0] for k in _segment.increasing_run(with_text)}
    chain, restarts = _segment.chapter_runs(with_text)
    in_chain = {with_text[k][0] for k in chain}
    restart_lines = {with_text[k][0] for k in restarts}
    rests = [marked[i][1] for i in sorted(longest)]
    double = len(longest) >= 2 and _segment.double_numbered(rests)
    widths = sorted(len(cleaned[i]) for i in kept) or [0]
    median = widths[len(widths) // 2]
    widest = widths[-1]
    tagger = tagger or default_tagger()
    # a numbered line is read without its number, as the note reader will read its text: one labelling for both
    read = [marked[i][1] if i in marked and marked[i][1] else cleaned[i] for i in kept]
    own = [_shape(cleaned[i]) + _reading(_whole_word_labels(text, tagger)) for i, text in zip(kept, read, strict=True)]
    for position in range(1, len(kept)):
        own[position].extend(_junction(cleaned[kept[position - 1]], cleaned[kept[position]], tagger))
    # the page's layout: do its lines end like entries (one per line), or run on at a fixed width (wrapped)?
    share_ended = sum(1 for i in kept if cleaned[i][-1] in ".)]" or cleaned[i][-1].isdigit()) / max(len(kept), 1)
    share_full = sum(1 for i in kept if len(cleaned[i]) >= 0.8 * widest) / max(len(kept), 1)
    page = [
        f"page-ends={_bin(int(10 * share_ended), (3, 5, 7, 8))}",
        f"page-full={_bin(int(10 * share_full), (2, 4, 6))}",
    ]
    result: list[list[str]] = []
    previous_number: int | None = None
    for position, index in enumerate(kept):
        line = cleaned[index]
        found = ["bias", *own[position], *page]
        kind = _marker_kind(lines[index], _FEATURE_MARKER_KINDS)
        found.append(f"marker={kind}")
        if index in marked:
            number, rest = marked[index]
            found.append(f"number={_bin(number, (1, 3, 9, 99, 999))}")
            if previous_number is not None and number == previous_number + 1:
                found.append("number-follows")
            elif previous_number is not None and previous_number < number <= previous_number + 5:
                found.append("number-near")
            if index in longest:
                found.append("in-longest-run")
            if index in increasing:
                found.append("in-increasing-run")
            if index in in_chain:
                found.append("in-chapter-chain")
            if index in restart_lines:
                found.append("chapter-restart")
            if double:
                found.append("printed-number" if _FEATURE_PRINTED.match(rest) else "no-printed-number")
            if not rest:
                found.append("marker-alone")
            previous_number = number
        if double:
            found.append("page-double-numbered")
        if lines[index][:1] in " \t\u00a0" and kind == "none":
            found.append("indented")
        blank_before = index == 0 or not cleaned[index - 1]
        blank_after = index + 1 >= len(cleaned) or not cleaned[index + 1]
        if blank_before:
            found.append("blank-before")
        if blank_after:
            found.append("blank-after")
        found.append(f"vs-median={_bin(int(10 * len(line) / max(median, 1)), (3, 7, 9, 11, 15))}")
        found.append(f"vs-widest={_bin(int(10 * len(line) / max(widest, 1)), (4, 7, 8, 9))}")
        if position < 3:
            found.append(f"top={position}")
        if position >= len(kept) - 2:
            found.append("bottom")
        result.append(found)
    # the neighbours' main features, so that a line is read in its context
    keys = ("end=", "marker=", "first=", "len=", "blank-", "furniture", "link-only", "in-longest-run", "printed-number",
            "no-printed-number", "hyphen-break", "sentences", "inverted-name", "years=", "ends-complete", "vs-widest=",
            "chapter-restart", "short-open", "number-follows", "allcaps", "marker-alone", "in-increasing-run",
            "lab-first=", "lab-last=", "lab-ends-imprint", "join-same", "join-new-reference")
    context: list[list[str]] = []
    for position, found in enumerate(result):
        extra: list[str] = _pairs(result[position - 1], found) if position else ["pair=start"]
        for offset in (-1, 1):
            other = position + offset
            if 0 <= other < len(result):
                extra.extend(f"{offset}:{f}" for f in result[other] if f.startswith(keys))
            else:
                extra.append(f"{offset}:edge")
        context.append(found + extra)
    return kept, context


def _pick(found: list[str], prefix: str) -> str:
    return next((f[len(prefix) :] for f in found if f.startswith(prefix)), "")


def _pairs(before: list[str], this: list[str]) -> list[str]:
    """Conjunctions of the line before and this one: where one entry ends and the next begins."""
    ended = "complete" if "ends-complete" in before else _pick(before, "end=")
    return [
        f"pair-page-ends={_pick(this, 'page-ends=')}|{ended}|{_pick(this, 'first=')}",
        f"pair-page-full={_pick(this, 'page-full=')}|{_pick(before, 'vs-widest=')}",
        f"pair-end-first={ended}|{_pick(this, 'first=')}",
        f"pair-lab={_pick(before, 'lab-last=')}|{_pick(this, 'lab-first=')}",
        f"pair-width={_pick(before, 'vs-widest=')}|{_pick(this, 'marker=')}",
        f"pair-names={'inverted-name' in before}|{'inverted-name' in this}|{ended}",
    ]


def _heading_like(line: str) -> bool:
    """A short line that does not end like note text."""
    return len(line) <= 80 and not line.endswith((".", ",", ";", ":", ")", "]", "-", "–", "—"))


def _numbering_continues(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A line whose number continues the notes' numbering (one more than the last note's) begins a note,
    and so does one where the numbering restarts for a new chapter (the segmenter's chain of runs), and
    one of a run of roman or negative numbers before the first arabic note (i, ii, iii; -2, -1).

    A line the page reader took for chrome is a note too where its number fits
    so and its text cites a work ("2 Ibid., p. 120" between notes 1 and 3: a
    short line with no end punctuation looks like a heading), or, for a number
    alone on its line (which looks like a page number), the next line does, or
    where the next note is numbered one more ("5. In dialetto Berry" between notes 4 and 6).

    Except on a double-numbered page (SpringerLink), where a list item without
    a printed note number continues its note.
    """
    marked = {i: m for i in kept if (m := _segment.listed_marker(lines[i]))}
    starts = [i for i in kept if labels[i] == "B" and i in marked]
    double = len(starts) >= 2 and _segment.double_numbered([marked[i][1] for i in starts])
    with_text = [(i, marked[i][0]) for i in kept if i in marked and marked[i][1]]
    _, restarts = _segment.chapter_runs(with_text)
    restart_lines = {with_text[k][0] for k in restarts}
    # a numbered line between notes n - 1 and n + 1 is note n, whatever it says ("5. In dialetto Berry")
    next_note: dict[int, int | None] = {}
    following: int | None = None
    for index in reversed(kept):
        if index in marked:
            next_note[index] = following
            if labels[index] == "B":
                following = marked[index][0]
    last: int | None = None
    last_with_text = False  # a list's line numbers ("1." alone, "2. Ireland") are no notes' numbering
    for position, index in enumerate(kept):
        if index in restart_lines and not double:
            # a chapter's notes begin again at 1: the heading lines just above it are not note text
            labels[index] = "B"
            for above in reversed(kept[:position]):
                line = _segment.clean_line(lines[above])
                if labels[above] == "X":
                    continue
                if labels[above] != "I" or above in marked or not _heading_like(line):
                    break
                labels[above] = "X"
        if index not in marked:
            continue
        number, rest = marked[index]
        if double:
            printed = _PRINTED.match(rest)
            if not printed:
                continue
            number = int(rest.split(".", 1)[0])
        fits = last is not None and number == last + 1
        between = fits and last_with_text and next_note.get(index) == number + 1
        if fits and (labels[index] == "I"
                     or (labels[index] == "X" and (between or _note_cites(lines, kept, position, rest)))):
            labels[index] = "B"
        if labels[index] == "B":
            last, last_with_text = number, bool(rest)
    if not double:  # and backwards: the line numbered one less than a note's, just before it, is a note too
        numbered = [i for i in kept if i in marked]
        place = {index: position for position, index in enumerate(kept)}
        for before, index in reversed(list(itertools.pairwise(numbered))):
            if (labels[index] == "B" and marked[before][0] == marked[index][0] - 1
                    and (labels[before] == "I" or (labels[before] == "X"
                                                   and _note_cites(lines, kept, place[before], marked[before][1])))):
                labels[before] = "B"
    for index in _segment.front_notes_of(list(lines)):
        # notes numbered i, ii … or -2, -1 before the first arabic one: a numbered line of their run is no
        # continuation of the note above (the segmenter read the run: one way of writing, numbers in sequence)
        if labels[index] == "I":
            labels[index] = "B"
    return labels


def _labelled_notes(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A line that says it is a note ("[Footnote 182: Alison, c. lxxvi.]", labels in ``data/note_labels.txt``)
    begins one, whatever its shape looked like to the page reader (e-books print every note so)."""
    for index in kept:
        if _segment.labelled_note(lines[index]):
            labels[index] = "B"
    return labels


def _note_cites(lines: Sequence[str], kept: list[int], position: int, rest: str) -> bool:
    """The note a numbered line would begin cites a work: the text after its number, or, for a number alone on
    its line (which the page reader may take for a page number), the next line, if that has no number."""
    tagger = default_tagger()
    if rest := _segment.strip_table_rules(rest)[0]:
        return _cites(rest, tagger)
    if position + 1 >= len(kept) or _segment.note_marker(lines[kept[position + 1]]):
        return False
    return _cites(_segment.clean_line(lines[kept[position + 1]]), tagger)


def _cites(text: str, tagger: Tagger) -> bool:
    """The splitter or the field labeller reads a citation in ``text`` (a reference, a short form, "Ibid.")."""
    return bool(split_note([text])[0]) or reads_as_reference(text, tagger) or reads_as_short_citation(text, tagger)


def _lone_numbers_in_a_row(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """Numbers alone on their lines that count up one by one, each a few lines after the last ("1", "Busch 3,
    S. 276", "2", "Vgl. …", "3", …), are the notes' numbers, whatever the page reader took them for (an
    e-book's imprint page above them can make it read the whole page as chrome). A PDF's page numbers count up
    too, but tens of lines apart."""
    lone = [(i, marker[0]) for i in kept if (marker := _segment.note_marker(lines[i])) and not marker[1]]
    if len(lone) < _LONE_NUMBERS_AT_LEAST:
        return labels
    positions = {index: position for position, index in enumerate(kept)}
    steps = list(itertools.pairwise(lone))
    if all(later == number + 1 and 1 < positions[after] - positions[index] <= _LINES_PER_NOTE
           for (index, number), (after, later) in steps):
        for index, _ in lone:
            labels[index] = "B"
    return labels


_LONE_NUMBERS_AT_LEAST = 3
_LINES_PER_NOTE = 8  # a note broken at its links and italics stays within a few lines


def _lone_markers_hold_their_notes(
    lines: Sequence[str], kept: list[int], labels: list[str | None]
) -> list[str | None]:
    """Where the notes' numbers stand alone on their lines, the lines up to the next number are that note.

    E-readers and some publishers' pages put each note's number on a line of its
    own and break the note at every link or italic span (a name, a title, a
    comma): the pieces look like new entries or prose, line by line, but a
    number alone on its line has no text except what follows it. A short line
    that does not end like note text just before a note numbered 1 is the next
    chapter's heading.
    """
    labels = _lone_numbers_in_a_row(lines, kept, labels)
    marked = {i: m for i in kept if labels[i] == "B" and (m := _segment.note_marker(lines[i]))}
    alone = [i for i, (_, rest) in marked.items() if not rest]
    if len(alone) < 2 or 2 * len(alone) < len(marked):
        return labels
    begins = [position for position, index in enumerate(kept) if index in marked]
    for here, after in itertools.zip_longest(begins, begins[1:]):
        if marked[kept[here]][1]:
            continue  # a number with its text: the page reader's reading stands
        inside = kept[here + 1 : after]
        if after is None:  # the last note: its text runs to where the page reader saw prose again
            seen_text = False
            for index in inside:
                if labels[index] == "X" and seen_text:
                    break
                seen_text = seen_text or labels[index] in ("B", "I")
                labels[index] = "I"
            continue
        heading: set[int] = set()
        if marked[kept[after]][0] == 1:
            for index in reversed(inside[1:]):  # the note keeps its first line
                if not _heading_like(_segment.clean_line(lines[index])):
                    break
                heading.add(index)
        for index in inside:
            labels[index] = "X" if index in heading else "I"
    return labels


def _prose_that_cites(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A paragraph taken for prose in which the field labeller reads a whole reference is a note.

    Notes in the humanities are often paragraphs of the author's prose around a
    citation; a page that holds references must not lose them as prose.
    """
    tagger = default_tagger()
    for index in kept:
        if labels[index] == "P" and reads_as_reference(_segment.clean_line(lines[index]), tagger):
            labels[index] = "B"
    return labels


def _chrome_that_cites(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A line taken for page chrome that the labeller reads as a work in full, its title, publisher and date (a
    review's header: "Title by Ann Roe. Verso, 403 pp., £25, October 1997"), is an entry: a running head or a
    widget does not name a publisher. Only in an unnumbered list, and for a line that opens as an entry does
    (a capital or a quotation mark): above numbered notes, or opening mid-sentence, it is a preview's snippet."""
    if _numbered(lines, kept, labels):
        return labels
    tagger = default_tagger()
    for index in kept:
        line = _segment.clean_line(lines[index])
        if (labels[index] != "X" or not (line[:1].isupper() or line[:1] in OPEN_QUOTES)
                or _segment.furniture_reason(line) or not _segment.strip_link_noise(line)[0]):
            continue
        if {label for _, label, _ in tagger.label_tokens(line)} >= _WHOLE_WORK:
            labels[index] = "B"
    return labels


_WHOLE_WORK = frozenset({"title", "date", "publisher"})


def _complete(text: str, tagger: Tagger) -> bool:
    """The labeller reads a whole reference: names, a title and a date, or a title and two imprint fields."""
    labels = [label for _, label, _ in tagger.label_tokens(text)]
    if not labels:
        return False
    named = labels[0] in ("author", "editor") and "title" in labels and "date" in labels
    return named or reads_as_reference(text, tagger)


def _whole_references_apart(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """In an unnumbered list, a line the field labeller reads as a whole reference, after an entry that the
    labeller reads whole (its first line to the one before) and that ends like one, begins an entry.

    Two complete references are never one entry; the page reader, which sees
    each line's shape, can take the second for a wrapped continuation when all
    lines are long (an author-date list without indents, or entries wrapped
    onto two lines).
    """
    if _numbered(lines, kept, labels):
        return labels  # a numbered list: its unnumbered lines continue notes
    tagger = default_tagger()
    entry: list[str] = []
    for before, index in itertools.pairwise(kept):
        previous = _segment.clean_line(lines[before])
        entry = [previous] if labels[before] == "B" else [*entry, previous]
        if labels[index] == "I" and labels[before] in ("B", "I") and _marker_kind(lines[index]) == "none":
            line = _segment.clean_line(lines[index])
            ends_like_an_entry = previous.endswith((".", ")")) or previous[-1:].isdigit()  # a year, pages, an ISBN
            if (ends_like_an_entry and not _AN_IMPRINTS_BRACKET.match(line) and _complete(line, tagger)
                    and _complete(" ".join(entry[-_ENTRY_LINES:]), tagger)):
                labels[index] = "B"
    return labels


#: A line that opens with an imprint's bracket ("(Leeds: Tide Press, 1990); Ann Roe, …") goes on with the title
#: above it, broken off where an e-reader's copy ends the italics: no entry opens so.
_AN_IMPRINTS_BRACKET = re.compile(r"\((?:[A-Z][^\W\d_]*\.?,? ?){1,4}:")


def _numbered(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> bool:
    """Some note or entry the page reader begins opens with a number: a numbered list, not an unnumbered one."""
    return any(labels[i] == "B" and _segment.note_marker(lines[i]) for i in kept)


def _wrapped_numbers_go_on(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A line that opens with a number in a marker's shape and then a semicolon or comma ("12) ; Title …", an
    issue number wrapped onto the line) goes on with the entry above: no note opens so."""
    for before, index in itertools.pairwise(kept):
        if (labels[index] == "B" and labels[before] in ("B", "I")
                and _segment.note_marker(lines[index]) is None and _segment.marker_shape(lines[index]) is not None):
            labels[index] = "I"
    return labels


def _short_heading(line: str) -> bool:
    """A few words that do not end like note text ("Chapter 3", "The Vienna Settlement")."""
    return len(line.split()) <= _SHORT_HEADING_WORDS and _heading_like(line)


_SHORT_HEADING_WORDS = 5


def _gaps_between_notes_go_on(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """Lines without a number between note n's lines and note n + 1, taken for chrome or for a note's start,
    are note n's: the numbering misses no note, so they begin none. Not where a running head, a heading, page
    furniture or a line begun as a whole reference is among them (a numbered heading's entries stay apart).
    A PDF's "For an excellent summary, see Wood’s / The American Revolution (New York: Modern / Library,
    2003)." before "7. David McCullough …" is note 6's. A page break inside the note (an e-book's page number
    and the running title beside it, "214" / "Notes to pages 101–103") stays chrome and keeps nothing apart."""
    if not _numbered(lines, kept, labels):
        return labels
    tagger = default_tagger()
    after = dict(itertools.pairwise(kept))
    last_number: int | None = None
    gap: list[int] = []
    for index in kept:
        marker = _segment.note_marker(lines[index]) if labels[index] == "B" else None
        if marker is not None:
            page_break = _page_break(lines, gap)
            rest = [i for i in gap if i not in page_break]
            if last_number is not None and marker[0] == last_number + 1 and rest and all(
                    not _heading_in_gap(lines, i, after.get(i))
                    and not _segment.furniture_reason(line := _segment.clean_line(lines[i]))
                    and not (labels[i] == "B" and _complete(line, tagger)) for i in rest):
                for i in rest:
                    labels[i] = "I"
                for i in page_break:
                    labels[i] = "X"
            last_number, gap = marker[0], []
        elif labels[index] in ("X", "B") and last_number is not None:
            gap.append(index)
        elif labels[index] == "P":
            last_number, gap = None, []
    return labels


def _page_break(lines: Sequence[str], gap: list[int]) -> set[int]:
    """The lines of a page break among a gap's lines: a running head's page number, and a short heading right
    above or below it (the running title: "Notes to pages 101–103")."""
    numbers = {position for position, i in enumerate(gap)
               if (_segment.furniture_reason(_segment.clean_line(lines[i])) or "").startswith("running head")}
    titles = {position for position, i in enumerate(gap) if position not in numbers
              and {position - 1, position + 1} & numbers and _short_heading(_segment.clean_line(lines[i]))}
    return {gap[position] for position in numbers | titles}


def _heading_in_gap(lines: Sequence[str], index: int, following: int | None) -> bool:
    """A short line between notes that reads as a heading, unless the line after it goes on from it with a comma,
    a semicolon or a colon: an e-book's italic title on its own line ("Guerra" above ", I, p. 198; …")."""
    if not _short_heading(_segment.clean_line(lines[index])):
        return False
    return following is None or not _segment.clean_line(lines[following]).startswith(_GOES_ON)


_GOES_ON = (",", ";", ":")  # what opens a line that goes on from the line above, never a note's first line


def _commas_go_on(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A line that opens with a comma, a semicolon or a colon goes on from the note or entry above, whatever the
    reader took it for: no note begins so (an e-book's "[29] Rojo, / Así fue / , pp. 36-45; informe …", its
    titles set on lines of their own)."""
    for position, index in enumerate(kept):
        if labels[index] == "I" or not _segment.clean_line(lines[index]).startswith(_GOES_ON):
            continue
        between: list[int] = []  # a title set on its own line that the reader took for chrome ("Así fue")
        for above in reversed(kept[max(0, position - 1 - _TITLE_LINES) : position]):
            if labels[above] in ("B", "I"):
                for line in [*between, index]:
                    labels[line] = "I"
                break
            if labels[above] != "X" or _segment.furniture_reason(_segment.clean_line(lines[above])):
                break
            between.append(above)
    return labels


_TITLE_LINES = 1  # lines of chrome a title may have been read as between a note and its going on


def _abstracts_apart(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """The paragraph under an "Abstract" or "Extract" heading (``data/abstract_headings.txt``), above numbered
    notes, is the article's abstract: prose, though it names works and dates ("… in early December, 1935,
    was a major turning point …")."""
    if not _numbered(lines, kept, labels):
        return labels
    headings = resources.lower_set("abstract_headings.txt")
    first_note = next((i for i in kept if labels[i] == "B" and _segment.note_marker(lines[i])), None)
    for before, index in itertools.pairwise(kept):
        if first_note is not None and index >= first_note:
            break
        if _segment.clean_line(lines[before]).casefold().rstrip(":") in headings and labels[index] in ("B", "I"):
            labels[index] = "P"
            _wrapped_lines_as(kept, labels, index, "P")
    return labels


def _paragraphs_without_figures_are_prose(lines: Sequence[str], kept: list[int],
                                          labels: list[str | None]) -> list[str | None]:
    """In an unnumbered list, a paragraph of many words without a single figure (a year, a page, a volume)
    is the author's prose about the works, not an entry: every reference dates or locates something ("The
    stirring events of the country's birth have been often represented in U.S. literature. …"). So is one of
    several sentences whose only figures are years or counts they name, in which the labeller reads no whole
    reference."""
    if _numbered(lines, kept, labels):
        return labels
    tagger = default_tagger()
    for index in kept:
        line = lines[index]
        if labels[index] not in ("B", "I") or len(line.split()) < _PROSE_PARAGRAPH_WORDS:
            continue
        if (not any(char.isdigit() for char in line) and not (labels[index] == "B" and _complete(line, tagger))) or (
                _figures_in_sentences_only(line) and len(_SENTENCE_END.findall(line)) >= 2
                and not _complete(line, tagger)):
            labels[index] = "P"  # but an entry the page reader begins that the labeller reads whole, undated
    return labels


_PROSE_PARAGRAPH_WORDS = 30
_NUMBER = re.compile(r"\d+")
# a year ("from 1919 onward.") or a count ("over 200 photos") between a sentence's words
_FIGURE_IN_A_SENTENCE = re.compile(r"(?<=[a-z] )(?:\d{4}(?=[\s,.;]|$)|\d+(?= [a-z]))")


def _figures_in_sentences_only(line: str) -> bool:
    """Every figure of the line is a year or a count a sentence names ("… his plans from 1919 onward.", "over
    200 photos"), none a page, a volume or an imprint's date: an annotation's sentences about the entry above,
    as annotated bibliographies print them, not an entry."""
    figures = {match.start() for match in _FIGURE_IN_A_SENTENCE.finditer(line)}
    return all(match.start() in figures for match in _NUMBER.finditer(line))


def _introductions_apart(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """In an unnumbered list, a sentence that ends in a colon before a blank line ("Another precious collection,
    which holds …:"), or before an entry that opens with an inverted name closed by a stop ("Hale, J. R. Title"),
    is the author's words introducing the entries after it: prose, and the line after it begins an entry."""
    if _numbered(lines, kept, labels):
        return labels
    for position, index in enumerate(kept[:-1]):
        line = _segment.clean_line(lines[index])
        following = kept[position + 1]
        if (labels[index] in ("B", "I") and line.endswith(":") and len(line.split()) >= _INTRODUCTION_WORDS
                and (following > index + 1 or closed_inverted_end(_segment.clean_line(lines[following])))):
            labels[index] = "P"
            if labels[following] == "I":
                labels[following] = "B"
    return labels


_INTRODUCTION_WORDS = 8  # a sentence, not a heading ("Sources:") nor a title ending on a colon


def _headings_above_entries(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """In an unnumbered list, a short line taken for an entry that cites nothing, whose next line the page reader
    took for its continuation though that opens with names, is a section's heading ("• Le second empire (outre
    …)", "Primary sources"): the entry begins on the next line."""
    if _numbered(lines, kept, labels):
        return labels
    tagger = default_tagger()
    for before, index in itertools.pairwise(kept):
        if labels[before] != "B" or labels[index] != "I":
            continue
        heading = _without_bullet(_segment.clean_line(lines[before]))
        if len(heading.split()) > _HEADING_WORDS or _cites(heading, tagger):
            continue
        opening = tagger.label_tokens(_segment.clean_line(lines[index]))
        if opening and opening[0][1] in ("author", "editor"):
            labels[before], labels[index] = "X", "B"
    return labels


_HEADING_WORDS = 12


def _without_bullet(line: str) -> str:
    bullet = _segment.list_bullet(line)
    return line[bullet.end() :] if bullet else line


_ENTRY_LINES = 4  # an entry of a list wraps onto a few lines; the labeller reads at most that many together

_BROKEN_WORD = re.compile(r"[^\W\d_]-$")


def _broken_words_go_on(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A line that ends in a word broken by a hyphen ("Ann Roe, The Revo-") goes on in the next line, if that
    opens in lower case with no number ("lution (1990)."): the two are one entry's, and the first is no page
    chrome (a heading or a running head breaks no word)."""
    for before, index in itertools.pairwise(kept):
        if index != before + 1 or labels[before] == "P" or labels[index] == "P":
            continue
        previous, line = _segment.clean_line(lines[before]), _segment.clean_line(lines[index])
        if _BROKEN_WORD.search(previous) and line[:1].islower() and not _segment.note_marker(lines[index]):
            if labels[before] == "X":
                labels[before] = "B"
            labels[index] = "I"
    return labels


def _sentences_go_on(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """Lines taken for prose right after a note's line that stops mid-sentence (a word in lower case with no
    stop, "…, 1990), where") and opening in lower case ("the record of …") are that note's, however many:
    over a long run the model's prose-to-prose transition outweighs what each line says (models rebuilt from
    slightly changed training pages read a note of 3,000 such lines as prose after its first line)."""
    for before, index in itertools.pairwise(kept):
        if index != before + 1 or labels[before] not in ("B", "I") or labels[index] != "P":
            continue
        previous, line = _segment.clean_line(lines[before]), _segment.clean_line(lines[index])
        if previous[-1:].islower() and line[:1].islower() and not _segment.note_marker(lines[index]):
            labels[index] = "I"
    return labels


def _parallel_lines_apart(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """In an unnumbered list, lines that end alike, the same words before their last one ("(Leo) Amery papers,
    Churchill College, Cambridge (AMEL)" above "(Julian) Amery papers, Churchill College, Cambridge (AMEJ)"),
    are entries of one kind each on its line: a text wrapped across lines does not repeat its ends."""
    if _numbered(lines, kept, labels):
        return labels
    for before, index in itertools.pairwise(kept):
        if labels[index] == "I" and labels[before] in ("B", "I"):
            ending = _ending(_segment.clean_line(lines[before]))
            if ending and ending == _ending(_segment.clean_line(lines[index])):
                labels[index] = "B"
    return labels


_ENDING_WORDS = 3


def _entries_between_entries(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """In an unnumbered list, a line taken for chrome between two entries, with a blank line on each side, that
    the labeller reads as names closed by a comma and then a title ("A. Roe, Harbour Towns, Introduction", a
    reading list's entry without its final period) is an entry as its neighbours are: a heading or a running
    head names no author before a title."""
    if _numbered(lines, kept, labels):
        return labels
    tagger = default_tagger()
    for before, index, after in zip(kept, kept[1:], kept[2:], strict=False):
        if (labels[index] != "X" or labels[before] not in ("B", "I") or labels[after] != "B"
                or before + 1 == index or index + 1 == after):
            continue
        labelled = tagger.label_tokens(_segment.clean_line(lines[index]))
        names = list(itertools.takewhile(lambda item: item[1] in ("author", "editor"), labelled))
        rest = [label for _, label, _ in labelled[len(names) :]]
        if names and names[-1][0].text.endswith(",") and rest[:1] == ["title"]:
            labels[index] = "B"
    return labels


def _ending(line: str) -> str:
    """The words before a line's last one, folded (its last word, a key or a page, differs from line to line)."""
    words = line.casefold().split()
    return " ".join(words[-_ENDING_WORDS - 1 : -1]) if len(words) > _ENDING_WORDS + 1 else ""


def _dated_chrome_apart(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A copyright line or a publication date ("© 1998 - by …", "Published online by …: 11 February 2009",
    ``data/page_furniture.tsv``), or a line holding a copyright notice anywhere ("… All Rights Reserved. …",
    ``data/copyright_notices.txt``), is page chrome, though its year and names look like a reference's to the
    model; a line taken for its continuation begins whatever it is."""
    notices = resources.word_list("copyright_notices.txt")
    for position, index in enumerate(kept):
        line = lines[index].strip()
        if ((_segment.furniture_reason(_without_bullet(line)) or "").endswith(_DATED_CHROME)
                or any(notice in line.casefold() for notice in notices)):
            labels[index] = "X"
            if position + 1 < len(kept) and labels[kept[position + 1]] == "I":
                labels[kept[position + 1]] = "B"
    return labels


_DATED_CHROME = ("copyright line", "publication date")


def _words_above_marked_entries(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """Where the notes or entries are numbered or bulleted, an unmarked line taken for one before the first of
    them that cites no work is the page's own words above the list (an e-book's blurb: "This eBook … consists of
    614 pages"; a reading list's "The following introductions are suited to this:")."""
    numbered = [i for i in kept if labels[i] == "B" and _segment.note_marker(lines[i])]
    # numbered notes are the list where there are some: a bulleted menu above them ("- Type", "- Information")
    # is the page's, not the list's
    marked = numbered if len(numbered) >= 2 else [i for i in kept if labels[i] == "B" and _list_marker(lines[i])]
    begun = [i for i in kept if labels[i] == "B"]
    if len(marked) < 2 or 2 * len(marked) < len(begun):
        return labels
    tagger = default_tagger()
    for index in begun:
        if index >= marked[0]:
            break
        if not _cites_above_notes(_without_bullet(_segment.clean_line(lines[index])), tagger):
            labels[index] = "X" if _segment.furniture_reason(lines[index].strip()) else "P"  # a heading, or words
            _wrapped_lines_as(kept, labels, index, "P")
    return labels


def _wrapped_lines_as(kept: list[int], labels: list[str | None], index: int, label: str) -> None:
    """The lines the page reader read as going on from line ``index`` go with it: they are labelled ``label``."""
    for after in kept[kept.index(index) + 1 :]:
        if labels[after] != "I":
            break
        labels[after] = label


def _cites_above_notes(text: str, tagger: Tagger) -> bool:
    """A line above the notes cites a work; in a paragraph (an abstract, an extract) only a citation the
    labeller reads as a whole reference counts: over so many words it finds a title and a date in any prose."""
    if len(text.split()) <= _PARAGRAPH_WORDS:
        return _cites(text, tagger)
    return any(reads_as_reference(citation.body, tagger) for citation in split_note([text])[0])


_PARAGRAPH_WORDS = 50


def _list_marker(line: str) -> bool:
    """The line opens with a note number or a list bullet (after any indent: "  • 19 Ce texte …")."""
    return bool(_segment.note_marker(line) or _segment.list_bullet(line.lstrip()))


def _always_chrome(lines: Sequence[str], kept: list[int], labels: list[str | None]) -> list[str | None]:
    """A line of a shape that is chrome on any page (``always`` in ``data/page_furniture.tsv``: a document-sharing
    site's title and preview, "Notes - Springer978-….pdf · NOTES TO CHAPTER 3 … see B. Isaac, ......") is chrome,
    whatever the words in it read like."""
    for index in kept:
        line = _segment.clean_line(lines[index])
        if any(pattern.search(line) for pattern in resources.always_chrome()):
            labels[index] = "X"
    return labels


class Finder:
    """Labels the lines of a page with a packaged or given crfsuite model (thread-safe)."""

    def __init__(self, model_path: str | Path) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._lock = threading.Lock()

    def label_lines(self, lines: Sequence[str]) -> list[str | None]:
        """One label per line; None for a blank line."""
        kept, features = line_features(lines)
        labels: list[str | None] = [None] * len(lines)
        if not kept:
            return labels
        with self._lock:
            tags = self._tagger.tag(features)
        for index, tag in zip(kept, tags, strict=True):
            labels[index] = tag
        labels = _numbering_continues(lines, kept, _labelled_notes(lines, kept, labels))
        labels = _lone_markers_hold_their_notes(lines, kept, labels)
        labels = _whole_references_apart(lines, kept, _chrome_that_cites(lines, kept, _prose_that_cites(lines, kept,
                                                                                                          labels)))
        labels = _headings_above_entries(lines, kept, _wrapped_numbers_go_on(lines, kept, labels))
        labels = _introductions_apart(lines, kept, _gaps_between_notes_go_on(lines, kept, labels))
        labels = _paragraphs_without_figures_are_prose(lines, kept, _abstracts_apart(lines, kept, labels))
        labels = _commas_go_on(lines, kept, _sentences_go_on(lines, kept, _broken_words_go_on(lines, kept, labels)))
        labels = _entries_between_entries(lines, kept, _parallel_lines_apart(lines, kept, labels))
        labels = _words_above_marked_entries(lines, kept, _dated_chrome_apart(lines, kept, labels))
        return _always_chrome(lines, kept, labels)


@memo(None)
def default_finder() -> Finder:
    """The packaged page reader, loaded once (registered in :mod:`haliref.caches`)."""
    return Finder(resources.model_path("finder.crfsuite"))


def train_finder(pages: Iterable[tuple[list[str], list[str | None]]], model_path: str | Path) -> Path:
    """Train the page reader on (lines, labels) pages; blank lines carry None."""
    def sequences() -> Iterator[tuple[list[list[str]], list[str]]]:
        for lines, labels in pages:
            kept, features = line_features(lines)
            if kept:
                yield features, [str(labels[i]) for i in kept]

    return train_crf(sequences(), FINDER_PARAMS, model_path)


#: The shipped page reader's synthetic training pages: how many, and the seed that makes them.
TRAINING_PAGES, TRAINING_SEED = 4000, 20261204


def build_finder_model(model_path: str | Path, pages: int = TRAINING_PAGES) -> Path:
    """The shipped page reader, from synthetic pages made with a fixed seed (byte-identical on rebuild)."""
    from haliref.read.synthetic import synthetic_pages

    return train_finder(synthetic_pages(pages, seed=TRAINING_SEED), model_path)
