"""The join reader: where a citation the splitter read as one holds the start of another.

The splitter (:mod:`haliref.parse.split`) cuts a note into citations at semicolons, cue words and name shapes.
Where two works stand one after the other after a full stop ("…, Past and Present 93 (1981), 37–70. Hill, C.,
Puritanism and Society …") or after a semicolon its rules did not trust, it keeps them as one citation: the
second work's author and title are lost in the first's title or imprint. The join reader is a linear-chain CRF
over the words of each citation's body that labels each word the start of a new citation (``S``) or not
(``I``). Its features are each word and its shape, the punctuation that closes the word before it, the field
labeller's label of it and of the word before (the labeller reads the whole body once; the parser reads it
again from its cache), whether a personal name or a cue word begins there, and which fields the labeller reads
in the stretch before and after it. A word can start a citation only after a word closed by a full stop, a
semicolon, a dash or a bracket and its comma ("Roe, Harbours (1968), B. Poe, Quays (1979)"), or after a joining
word ("and", "et", "y": ``data/joining_words.txt``), and never after a joining word inside one field ("edited by
Ann Roe and Bob Poe").

Where the model starts a citation, the body is cut there, and each piece is read again by the splitter as a
note of its own, so that its cue, its cited pages and its short form are found as in any note; a cut is kept
only where the pieces on either side read as works of their own, so nothing is cut off into a piece of no
citation. The model learnt from the citation bodies of the development pages' notes whose annotated citations
were all found where they begin, and from synthetic notes (two training references joined by a full stop, a
semicolon or "and", or one alone): ``data/training/joins.tsv``, derived by ``benchmarks/derived_joins.py``. It is
rebuilt byte for byte from that file (``haliref train --joins``).
"""

from __future__ import annotations

import dataclasses
import itertools
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pycrfsuite

from haliref import resources
from haliref.caches import memo
from haliref.parse.prefixes import word_shape_features
from haliref.parse.split import RawCitation, leading_cue, names_end, split_note
from haliref.parse.tagger import LONE_SURROGATE, Tagger
from haliref.parse.training import train_crf

__all__ = ["JOIN_PARAMS", "JoinExample", "JoinReader", "build_join_model", "default_join_reader", "join_features",
           "may_begin", "packaged_join_examples", "read_again", "read_join_examples", "splits_joined",
           "train_join_reader", "word_labels"]

#: Fixed training parameters: L-BFGS with no time-dependent stopping is deterministic.
JOIN_PARAMS: dict[str, object] = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}

#: What closes a word after which a citation may begin: a full stop, a semicolon, a dash, a bracket and its comma
#: (an imprint's or a year's, "(1968),", after which a list of works in a sentence goes on).
_CLOSERS = (".", ";", "—", "–", "),")
_REACH = 8  # positions counted from either end up to this many words
_AHEAD = 12  # words read after a place for a personal name or a cue beginning there
#: Fields whose presence in a stretch of words the model is told.
_PIECE_FIELDS = ("author", "title", "date", "pages", "journal", "publisher", "location", "container-title", "volume")


@dataclasses.dataclass(frozen=True)
class JoinExample:
    """A citation body's words, the field labeller's label of each, and the indexes of the words that begin
    another citation."""

    words: tuple[str, ...]
    labels: tuple[str, ...]
    starts: frozenset[int]


def word_labels(words: Sequence[str], tagger: Tagger) -> list[str]:
    """The labeller's label of each word of ``" ".join(words)``: that of its first token."""
    text = " ".join(words)
    labelled = tagger.label_tokens(text)
    by_start = {token.start: label for token, label, _ in labelled}
    labels = []
    offset = 0
    last = "title"
    for word in words:
        last = by_start.get(offset, last)
        labels.append(last)
        offset += len(word) + 1
    return labels


def _closer(word: str) -> str:
    """What closes the word before a place where a citation may begin: "),", its last character, or "and"."""
    if word.endswith("),"):
        return "),"
    return word[-1] if word.endswith(_CLOSERS) else "and"


def may_begin(words: Sequence[str], index: int) -> bool:
    """A citation may begin at this word: not the first, and the word before ends with a full stop, a semicolon,
    a dash or a bracket and its comma, or is a word that joins two ("and", "et", "y")."""
    return index > 0 and (words[index - 1].endswith(_CLOSERS)
                          or words[index - 1].casefold() in resources.lower_set("joining_words.txt"))


def join_features(words: Sequence[str], labels: Sequence[str]) -> list[list[str]]:
    """Each word's features (see the module's docstring)."""
    count = len(words)
    candidates = [index for index in range(count) if may_begin(words, index)]
    bounds = [0, *candidates, count]
    fields_of: dict[int, tuple[str, str]] = {}  # a candidate's stretches before and after, as field sets
    for place, index in enumerate(candidates):
        before = set(labels[bounds[place] : index])
        after = set(labels[index : bounds[place + 2]])
        fields_of[index] = (
            "".join(field[:2] for field in _PIECE_FIELDS if field in before),
            "".join(field[:2] for field in _PIECE_FIELDS if field in after),
        )
    shapes = [word_shape_features(LONE_SURROGATE.sub("\ufffd", word)) for word in words]
    features = []
    for index, word in enumerate(words):
        label = labels[index]
        before_label = labels[index - 1] if index else "edge"
        row = ["b", *shapes[index], f"lab={label}", f"lab-1={before_label}", f"labs={before_label}|{label}",
               f"pos={min(index, _REACH)}", f"rem={min(count - index, _REACH)}"]
        if index in fields_of:
            rest = " ".join(words[index : index + _AHEAD])  # enough words for a name or a cue to begin
            closer = _closer(words[index - 1])
            before_fields, after_fields = fields_of[index]
            row += ["cand", f"closer={closer}", f"prev={shapes[index - 1][1]}", f"before={before_fields}",
                    f"after={after_fields}", f"closer|labs={closer}|{before_label}|{label}"]
            if names_end(rest):
                row.append("name starts")
            if leading_cue(rest):
                row.append("cue starts")
            if word[:1].isupper() and word.endswith(","):
                row.append("capital comma")  # "Hill, C.,": an inverted name
        for step in (-1, 1):
            other = index + step
            row += [f"{step}{feature}" for feature in shapes[other]] if 0 <= other < count else [f"{step}edge"]
        features.append(row)
    return features


def _inside_one_field(words: Sequence[str], labels: Sequence[str], index: int) -> bool:
    """A joining word between two words of one field ("edited by Ann Roe and | Bob Poe", a title's "and"): the
    field goes on, whatever the model reads."""
    return not words[index - 1].endswith(_CLOSERS) and index >= 2 and labels[index - 2] == labels[index]


class JoinReader:
    """Which words of a citation's body begin another citation, with a packaged or given model (thread-safe)."""

    def __init__(self, model_path: str | Path) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._lock = threading.Lock()

    def starts(self, words: Sequence[str], labels: Sequence[str]) -> list[int]:
        """The indexes of the words that begin another citation: only where one may begin, and not after a joining
        word inside one field."""
        with self._lock:
            tags = self._tagger.tag(join_features(words, labels))
        return [index for index, tag in enumerate(tags)
                if tag == "S" and may_begin(words, index) and not _inside_one_field(words, labels, index)]


def _splittable(citation: RawCitation) -> bool:
    """A citation whose body is read again: not a shape's (an archive's letter, a case, a dated source), an
    "Ibid.", nor one whose author came from the prose; one where a citation may begin after its second word."""
    words = citation.body.split()
    return (citation.shaped is None and not citation.ibid and not citation.author_hint
            and any(may_begin(words, index) for index in range(2, len(words) - 1)))


def _extent(citation: RawCitation, note: str, start: int) -> tuple[int, int] | None:
    """Where the citation's body, and the cited pages just after it, stand in the note (its words joined by single
    spaces), searched from ``start``; None where the body is not found, or its cited pages are neither just after
    it nor inside it."""
    body = " ".join(citation.body.split())
    begin = note.find(body, start)
    if begin < 0:
        return None
    end = begin + len(body)
    locator = " ".join(citation.locator.split())
    found = note.find(locator, end) if locator else -1
    if 0 <= found - end <= _LOCATOR_GAP:
        return begin, found + len(locator)
    if locator and locator not in body:
        return None  # cited pages from elsewhere in the note: not cut, so that they stay with their citation
    return begin, end  # (pages the splitter found inside the body are read again with their piece)


_LOCATOR_GAP = 8  # ", pp. " and the like between a body and its cited pages


def _pieces(citation: RawCitation, text: str, cuts: list[int], tagger: Tagger) -> list[RawCitation] | None:
    """The citation cut at those of the words ``cuts`` of ``text`` (its body and cited pages) where every piece
    reads as works of its own (:func:`_read_piece`): a piece that does not is joined to the one before it (the
    first to the one after), until all do; None where no cut is left."""
    words = text.split()
    cuts = list(cuts)
    while cuts:
        bounds = [0, *cuts, len(words)]
        readings = [_read_piece(" ".join(words[start:end]), tagger, first=not place, last=place == len(cuts))
                    for place, (start, end) in enumerate(itertools.pairwise(bounds))]
        failed = next((place for place, reading in enumerate(readings) if not reading), None)
        if failed is None:
            out = [citation for reading in readings for citation in reading]
            out[0] = dataclasses.replace(out[0], prefix=" ".join(part for part in (citation.prefix, out[0].prefix)
                                                                  if part))
            out[-1] = dataclasses.replace(out[-1], suffix=" ".join(part for part in (out[-1].suffix, citation.suffix)
                                                                    if part))
            return out
        del cuts[max(failed - 1, 0)]
    return None


def _read_piece(piece: str, tagger: Tagger, first: bool, last: bool) -> list[RawCitation]:
    """The citations the splitter reads in a piece of a cut citation as a note of its own, where those next to a
    cut (the last before it, the first after it) read as works; [] otherwise. Where the splitter finds none in
    the first piece, it is one citation if the labeller reads a full one in it: a title, and a name or a date
    ("Roe, Le port et la ville, 1918, p. 95;")."""
    found = split_note([piece])[0]
    if found:
        next_to_cuts = ([found[-1]] if not last else []) + ([found[0]] if not first else [])
        return found if all(_a_work(each, tagger) for each in next_to_cuts) else []
    labels = {label for _, label, _ in tagger.label_tokens(piece)}
    full = "title" in labels and bool(labels & {"author", "editor", "date"})
    return [RawCitation(body=piece.rstrip(" ;,"))] if first and full else []


def _a_work(found: RawCitation, tagger: Tagger) -> bool:
    """A short form with its pages, an "Ibid.", or words in which the labeller reads a title, or a name and where
    it was published: neither a publisher after a book's pages ("…, pp. 81-131. Longmans, Green, and Co.") nor the
    names before an "and" ("Roe, A., Poe, B., and") are a work of their own."""
    if (found.short_form and found.locator) or found.ibid:
        return True
    labels = {label for _, label, _ in tagger.label_tokens(found.body)}
    return "title" in labels or bool(labels & {"author", "editor"} and labels & _PUBLISHED_IN)


#: Fields that say where a work was published: a name and one of them are an author-date citation or a short one.
_PUBLISHED_IN = frozenset({"date", "journal", "container-title", "volume", "pages"})


def read_again(citations: Sequence[RawCitation], note: str) -> Iterator[tuple[int, RawCitation, int, int]]:
    """Each citation the join reader reads again (:func:`_splittable`), its index, and where its body and cited
    pages stand in ``note`` (the note's words joined by single spaces), each searched after the last one found."""
    searched = 0
    for index, citation in enumerate(citations):
        extent = _extent(citation, note, searched) if _splittable(citation) else None
        if extent is not None:
            searched = extent[1]
            yield index, citation, *extent


def splits_joined(citations: list[RawCitation], note_text: str, tagger: Tagger,
                  reader: JoinReader | None = None) -> list[RawCitation]:
    """The citations, each the join reader finds another citation's start in cut there (the shipped reader's
    unless ``reader`` is given), the pieces read again by the splitter. A cut is made only where the pieces on
    either side read as works of their own (:func:`_pieces`): nothing is cut off into a piece of no citation."""
    note = " ".join(note_text.split())
    cut: dict[int, list[RawCitation]] = {}
    for index, citation, begin, end in read_again(citations, note):
        text = note[begin:end]
        words = text.split()[: len(citation.body.split())]
        cuts = (reader or default_join_reader()).starts(words, word_labels(words, tagger))
        if cuts and (pieces := _pieces(citation, text, cuts, tagger)):
            cut[index] = pieces
    return [each for index, citation in enumerate(citations) for each in cut.get(index, [citation])]


def read_join_examples(text: str) -> list[JoinExample]:
    """Examples from their file: one a line, "starts<TAB>labels<TAB>words" (starts comma-separated word indexes),
    ``#`` lines comments."""
    examples = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        starts, labels, words = line.split("\t")
        examples.append(JoinExample(tuple(words.split(" ")), tuple(labels.split(" ")),
                                    frozenset(int(each) for each in starts.split(",") if each)))
    return examples


def packaged_join_examples() -> list[JoinExample]:
    """The packaged examples (``data/training/joins.tsv``)."""
    return read_join_examples(resources.read_text("training/joins.tsv"))


def train_join_reader(examples: Iterable[JoinExample], model_path: str | Path) -> Path:
    """Train the join reader on examples."""
    return train_crf(((join_features(example.words, example.labels),
                       ["S" if index in example.starts else "I" for index in range(len(example.words))])
                      for example in examples), JOIN_PARAMS, model_path)


def build_join_model(model_path: str | Path) -> Path:
    """The shipped join reader, from the packaged examples (byte-identical on rebuild)."""
    return train_join_reader(packaged_join_examples(), model_path)


@memo(None)
def default_join_reader() -> JoinReader:
    """The packaged join reader, loaded once (registered in :mod:`haliref.caches`)."""
    return JoinReader(resources.model_path("joins.crfsuite"))
