"""Notes run together in one paragraph (a PDF or e-book paste): a CRF finds the note numbers among the numbers.

Every run of one to six digits in the text is a candidate note number (as on a
line of its own, a list may run past note 9,999). A
linear-chain CRF over the candidates, in text order, gives each the probability
that a note begins there; the features are what is around the number (the
character and word before and after it: a sentence end, a locator word such as
"p." or "vol.", a capital, a hyphen of a page range, a year's shape) and where
the numbers one less and one more stand. The cut is then the best chain of
consecutive numbers (n, n + 1, n + 2 …, a short gap allowed at a cost) under
those probabilities: the numbering is the decoder's constraint, the model's
probabilities its evidence, so a page, a volume or a year inside a note is not
a cut unless the numbers around it make it one.

The model is trained on synthetic run-together notes made from the training
references and prose (:func:`synthetic_runons`) and rebuilt byte for byte by
:func:`build_runon_model` (``haliref train --run-together``).
"""

from __future__ import annotations

import bisect
import math
import random
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from haliref import resources
from haliref.caches import memo
from haliref.parse.tagger import LONE_SURROGATE
from haliref.parse.training import train_crf

__all__ = ["RUNON_PARAMS", "Cut", "RunonReader", "build_runon_model", "default_runon_reader", "synthetic_runons"]

#: Fixed training parameters: L-BFGS with no time-dependent stopping is deterministic.
RUNON_PARAMS: dict[str, object] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}

_CANDIDATE = re.compile(r"(?<!\d)[1-9]\d{0,5}(?!\d)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s*$")
_WORD_AFTER = re.compile(r"\s*(\S+)")
_QUOTES = "“‘\"«„"
_NEIGHBOUR_REACH = 40  # candidates looked at on either side for the numbers one less and one more
_MAX_GAP = 3  # note numbers skipped between two cuts (a note lost in the paste)
_GAP_COST = 2.0  # log-odds paid per skipped number
_MIN_CHAIN = 2  # cuts needed when the text does not open with its own note number
_RESTART_COST = 3.0  # log-odds paid where the numbering starts again at 1 (a book's notes, chapter by chapter)
#: log-odds earned by a number that follows an established chain's last one with none skipped: the page's
#: numbering is evidence the model, which weighs each number by its own neighbourhood, does not see ("… 3 For …
#: side. 4 For …")
_NEXT_NUMBER_BONUS = 2.0
_SURE = math.log(0.9 / 0.1)  # log-odds of a number the model is sure of


@dataclass(frozen=True, slots=True)
class Cut:
    """A note number found inside the text: where the marker starts, where the note's text starts, its number."""

    marker: int
    text: int
    number: int


def _char_class(char: str) -> str:
    if not char:
        return "edge"
    if char.isspace():
        return "space"
    if char.isupper():
        return "upper"
    if char.isalpha():
        return "lower"
    if char.isdigit():
        return "digit"
    if char in _QUOTES:
        return "openquote"
    return char


def _word_shape(word: str) -> str:
    core = word.strip(".,;:()[]“”‘’\"'«»")
    if not core:
        return "punct"
    if core.isdigit():
        return "digits"
    if core[0].isupper():
        return "cap" if not core.isupper() or len(core) == 1 else "caps"
    if core[0].isalpha():
        return "low"
    return "other"


@memo(None)
def _locator_words() -> frozenset[str]:
    return resources.lower_set("locator_words.txt")


@memo(None)
def _cue_words() -> frozenset[str]:
    return frozenset(cue.split()[0].strip(".").casefold() for cue in resources.word_list("citation_cues.txt"))


def _bin(value: int, edges: Sequence[int]) -> int:
    return bisect.bisect_right(edges, value)


_DISTANCE_EDGES = (1, 40, 120, 300, 800, 2000)


def candidates(text: str) -> list[tuple[int, int, int]]:
    """Every run of one to six digits: (start, end, value)."""
    return [(m.start(), m.end(), int(m.group())) for m in _CANDIDATE.finditer(text)]


def _nearest(found: list[tuple[int, int, int]], index: int, value: int, step: int) -> int | None:
    """The index of the nearest candidate with ``value`` on one side (step -1: before, +1: after)."""
    stop = max(-1, index - _NEIGHBOUR_REACH) if step < 0 else min(len(found), index + _NEIGHBOUR_REACH + 1)
    for other in range(index + step, stop, step):
        if found[other][2] == value:
            return other
    return None


def _left_context(text: str, start: int) -> list[str]:
    before = text[max(0, start - 40) : start]
    left1 = _char_class(before[-1:])
    stripped = before.rstrip()
    left2 = _char_class(stripped[-1:]) if left1 == "space" else _char_class(before[-2:-1])
    word = _WORD_BEFORE.search(before)
    lowered = word.group(1).casefold() if word else ""
    kind = "locator" if lowered in _locator_words() else _word_shape(word.group(1)) if word else "none"
    sentence_end = bool(re.search(r"[.!?][)\]”’\"']?\s*$", before)) and not (word and len(word.group(1)) == 1)
    return [f"l1={left1}", f"l2={left2}", f"lw={kind}", f"lend={sentence_end}", f"lw|l1={kind}|{left1}"]


def _right_context(text: str, end: int) -> list[str]:
    right1 = _char_class(text[end : end + 1])
    after = _WORD_AFTER.match(text, end + (1 if right1 in (".", ")", "]") else 0))
    word = after.group(1) if after else ""
    shape = _word_shape(word) if word else "none"
    bare = word.strip(".,;:“”‘’\"'«»").casefold()
    right2 = _char_class(text[end + 1 : end + 2])
    return [f"r1={right1}", f"r2={right2}", f"rw={shape}", f"rcue={bare in _cue_words()}",
            f"rloc={bare in _locator_words()}", f"r1|rw={right1}|{shape}"]


def candidate_features(text: str, found: list[tuple[int, int, int]]) -> list[list[str]]:
    """The CRF's attributes for each candidate number, in text order."""
    out: list[list[str]] = []
    for index, (start, end, value) in enumerate(found):
        digits = end - start
        yearlike = digits == 4 and 1500 <= value <= 2099
        left, right = _left_context(text, start), _right_context(text, end)
        features = ["bias", f"digits={digits}", f"year={yearlike}", f"value={min(value, 3)}", *left, *right]
        before = _nearest(found, index, value - 1, -1)
        after = _nearest(found, index, value + 1, +1)
        skipped = before is None and _nearest(found, index, value - 2, -1) is not None
        distance_before = _bin(start - found[before][1], _DISTANCE_EDGES) if before is not None else "none"
        distance_after = _bin(found[after][0] - end, _DISTANCE_EDGES) if after is not None else "none"
        features += [
            f"prev={distance_before}",
            f"next={distance_after}",
            f"skip={skipped}",
            f"first={not text[:start].strip()}",
            f"prev|next={before is not None}|{after is not None}",
            f"prev|{left[0]}={before is not None}",
            f"next|{right[0]}={after is not None}",
        ]
        # a chapter's heading between two chapters' notes: its number, then soon a note 1 ("3 The Empire 1. Roe,
        # …"); that note 1 has the heading's number just before it when the chapter is the first ("1 Introduction
        # 1. …")
        features += [
            f"one-soon={_soon(found, index, text, 1, +1)}",
            f"same-just-before={_soon(found, index, text, value, -1)}",
        ]
        if before is not None:
            features += [f"prevl1={c}" for c in _left_context(text, found[before][0])[:1]]
        if after is not None:
            features += [f"nextl1={c}" for c in _left_context(text, found[after][0])[:1]]
        out.append(features)
    return out


_SOON = 40  # characters: a chapter's heading is short


def _soon(found: list[tuple[int, int, int]], index: int, text: str, wanted: int, step: int) -> bool:
    """A candidate of value ``wanted`` stands within :data:`_SOON` characters on one side (step +1: after, -1:
    before), with no sentence's end between."""
    start, end, _ = found[index]
    other = index + step
    while 0 <= other < len(found):
        other_start, other_end, value = found[other]
        gap = text[end:other_start] if step > 0 else text[other_end:start]
        if len(gap) > _SOON:
            return False
        if value == wanted:
            return not re.search(r"[^\W\d_]{2}[.!?]\s", gap)
        other += step
    return False


class RunonReader:
    """Finds the note numbers in a run-together text with a packaged or given crfsuite model (thread-safe)."""

    def __init__(self, model_path: str | Path) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._lock = threading.Lock()

    def probabilities(self, text: str, found: list[tuple[int, int, int]]) -> list[float]:
        """For each candidate, the model's probability that a note begins there."""
        features = candidate_features(LONE_SURROGATE.sub("\ufffd", text), found)
        with self._lock:
            self._tagger.set(features)
            return [self._tagger.marginal("S", index) for index in range(len(found))]

    def cuts(self, text: str, own_number: int | None = None) -> list[Cut]:
        """Where the notes after the first begin: the best chain of consecutive note numbers.

        ``own_number`` is the number the text was found under (its first note's),
        which the chain must then continue; without one, a chain needs two cuts.
        """
        found = candidates(text)
        if not found or (own_number is None and len(found) < _MIN_CHAIN):
            return []
        scores = [_log_odds(p) if not _glued_to_a_letter(text, start) else -math.inf
                  for p, (start, _, _) in zip(self.probabilities(text, found), found, strict=True)]
        return _best_chain(text, found, scores, own_number)


def _glued_to_a_letter(text: str, start: int) -> bool:
    """A number right after a letter ("A1. Nietzsche A2. …", a syllabus's sections; a word's superscript call
    "state12") opens no note: the model weighs it, the chain never takes it."""
    return start > 0 and text[start - 1].isalpha()


def _log_odds(probability: float) -> float:
    probability = min(max(probability, 1e-6), 1 - 1e-6)
    return math.log(probability / (1 - probability))


def _best_chain(
    text: str, found: list[tuple[int, int, int]], scores: list[float], own_number: int | None
) -> list[Cut]:
    """The chain of increasing note numbers with the highest total log-odds (a dynamic programme, linear).

    The numbering may start again at 1 after any earlier cut, at a cost: a book's notes pasted across
    its chapters ("… 41. Ibid. CHAPTER TWO 1. Roe, …").
    """
    # best chain ending at each candidate: (score, length, previous index)
    best: list[tuple[float, int, int | None]] = []
    by_value: dict[int, int] = {}  # value -> index of the best chain so far ending on that value
    best_end: int | None = None  # the best chain so far, wherever it ends: a restart may follow it
    for index, (_, _, value) in enumerate(found):
        score, length, previous = scores[index], 1, None
        if own_number is not None:
            # continuing the text's own number is free; a chain not anchored there must earn its start
            score = scores[index] if value == own_number + 1 else -math.inf
        for gap in range(_MAX_GAP + 1):
            earlier = by_value.get(value - 1 - gap)
            if earlier is None:
                continue
            # not "2% … 3%" alone: the chain is long enough, or this number is sure and vouches for the one before
            # it ("CHAPTER 1 1. Roe, … 2. Poe, …": an unsure note 1 before a sure note 2)
            established = own_number is not None or best[earlier][1] >= _MIN_CHAIN or scores[index] >= _SURE
            bonus = _NEXT_NUMBER_BONUS if not gap and established else 0.0
            candidate = best[earlier][0] + scores[index] - gap * _GAP_COST + bonus
            if candidate > score:
                score, length, previous = candidate, best[earlier][1] + 1, earlier
        if value == 1 and best_end is not None and best[best_end][1] >= _MIN_CHAIN:
            candidate = best[best_end][0] + scores[index] - _RESTART_COST
            if candidate > score:
                score, length, previous = candidate, best[best_end][1] + 1, best_end
        best.append((score, length, previous))
        if score > -math.inf and (value not in by_value or score > best[by_value[value]][0]):
            by_value[value] = index
        if score > -math.inf and (best_end is None or score > best[best_end][0]):
            best_end = index
    needed = 1 if own_number is not None else _MIN_CHAIN
    ends = [i for i, (score, length, _) in enumerate(best) if length >= needed and score > 0]
    if not ends:
        return []
    end: int | None = max(ends, key=lambda i: (best[i][0], -i))
    chain: list[int] = []
    while end is not None:
        chain.append(end)
        end = best[end][2]
    chain.reverse()
    cuts = []
    for index in chain:
        start, stop, value = found[index]
        begin = stop
        while begin < len(text) and (text[begin] in ".)]" or text[begin].isspace()):
            begin += 1
        if text[start - 1 : start] in "[(" and start:
            start -= 1
        cuts.append(Cut(marker=start, text=begin, number=value))
    return cuts


# --------------------------------------------------------------------------- training data
_MARKERS = ("{n}. ", "{n} ", "{n}", "{n}. ", "{n} ", "[{n}] ", "({n}) ", "{n}) ")
_BETWEEN = (" ", " ", "", "  ")


_CASE_OPENING = 0.02  # notes that open with a law report's citation, as a legal book's notes do


def _case_citation(law: random.Random) -> str:
    """A law report's citation that opens a note: "212 U.S. 301 (1909).", "12 F.2d 345, 349 (1990).": a note
    that opens with a number."""
    from haliref.parse.legal import law_reports

    reporter = law.choice([name for name, kind in law_reports().items() if kind == "case"])
    page = law.randint(1, 999)
    pin = f", {page + law.randint(1, 30)}" if law.random() < 0.4 else ""
    return f"{law.randint(1, 599)} {reporter} {page}{pin} ({law.randint(1850, 2020)})."


_NEW_CHAPTER = 0.04  # notes after which a book's next chapter's notes begin, under its heading, from 1 again


def _chapter_heading(chapters: random.Random, chapter: int) -> str:
    """The heading a paste of a book's notes keeps between two chapters' notes: "3 The Empire", "Chapter 3",
    "NOTES TO CHAPTER 3", "Introduction" (its number, if any, the chapter's, never the note's)."""
    from haliref.read.synthetic import references

    words = " ".join(chapters.choice(references()).title_words[:4]).strip(" .,:")
    return chapters.choice([f"{chapter} {words}", f"{chapter} {words}", f"Chapter {chapter}", f"CHAPTER {chapter}",
                            f"Notes to Chapter {chapter}", f"Chapter {chapter}: {words}", "Introduction",
                            f"{chapter}. {words}"])


def _runon(rng: random.Random, far: random.Random, law: random.Random,
           chapters: random.Random) -> tuple[str, list[int]]:
    """One synthetic run-together text and the offsets of its note numbers (label S).

    ``far`` starts a few texts deep in a long list (note 1,000 to 999,000), so that
    numbers of four to six digits are seen as note numbers too; ``law`` opens a few
    notes with a law report's citation (a number right after the note's); ``chapters``
    puts a chapter's heading before a note now and then, its notes numbered from 1 again.
    Drawn apart, they leave the other texts as they were.
    """
    from haliref.read.synthetic import lead_in, link_text, note_texts

    notes = rng.random() < 0.8
    count = 1 if rng.random() < 0.15 else rng.randint(2, 35)
    texts = note_texts(rng, count, notes)
    number = 1 if rng.random() < 0.5 else rng.randint(2, 120)
    if far.random() < 0.05:
        number = far.randint(1_000, 999_000)
    marker = rng.choice(_MARKERS)
    between = rng.choice(_BETWEEN)
    numbered_first = rng.random() < 0.85
    chapter = chapters.randint(1, 12)
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    if rng.random() < 0.4:
        lead = lead_in(rng)
        parts.append(lead + " ")
        length += len(lead) + 1
    for position, body in enumerate(texts):
        if law.random() < _CASE_OPENING:
            body = f"{_case_citation(law)} {body}"
        if rng.random() < 0.1:
            body = body + rng.choice(["", " "]) + link_text(rng)
        if position or numbered_first:
            if position:
                parts.append(between)
                length += len(between)
            if position and chapters.random() < _NEW_CHAPTER:
                chapter += 1
                heading = _chapter_heading(chapters, chapter) + " "
                parts.append(heading)
                length += len(heading)
                number = 1
            this_marker = marker
            if this_marker == "{n}" and body[:1].islower():
                this_marker = "{n} "
            label = this_marker.format(n=number)
            starts.append(length + label.index(str(number)))
            parts.append(label)
            length += len(label)
        parts.append(body)
        length += len(body)
        number += 1 if rng.random() < 0.95 else rng.randint(2, 3)
    return "".join(parts), starts


def synthetic_runons(count: int, seed: int) -> Iterator[tuple[str, list[int]]]:
    """``count`` run-together texts with the offsets of their note numbers; the same for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        yield _runon(rng, random.Random(f"far {seed} {number}"), random.Random(f"law {seed} {number}"),
                     random.Random(f"chapters {seed} {number}"))


def train_runon(examples: Iterable[tuple[str, list[int]]], model_path: str | Path) -> Path:
    """Train the run-together reader on (text, note number offsets) examples."""
    def sequences() -> Iterator[tuple[list[list[str]], list[str]]]:
        for text, starts in examples:
            if found := candidates(text):
                marked = set(starts)
                yield candidate_features(text, found), ["S" if start in marked else "O" for start, _, _ in found]

    return train_crf(sequences(), RUNON_PARAMS, model_path)


def build_runon_model(model_path: str | Path, examples: int = 3000) -> Path:
    """The shipped run-together reader, from synthetic texts made with a fixed seed (byte-identical on rebuild)."""
    return train_runon(synthetic_runons(examples, seed=20261205), model_path)


@memo(None)
def default_runon_reader() -> RunonReader:
    """The packaged run-together reader, loaded once (registered in :mod:`haliref.caches`)."""
    return RunonReader(resources.model_path("runon.crfsuite"))
