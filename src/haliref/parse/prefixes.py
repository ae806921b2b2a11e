"""The prefix reader: where, in the words the splitter gave a citation, the author's prose ends and the work begins.

The splitter (:mod:`haliref.parse.split`) cuts each citation of a note into its prefix (the author's words
before it: "See", "On the harbour's clerks, see also") and its body, by rules: cue words, name
shapes, stops. Its cut misses both ways: prose left on the body ("See the profile in Roe, …" read as a title
"the profile in …"), or the start of a work taken for prose ("Roe, Harbour Review 42," left as the prefix of a
lone page). The prefix reader is a linear-chain CRF over the words of prefix and body together that labels each
word prose (``P``) or work (``C``); the work begins at the first ``C``. The splitter's cut is one of its
features ("rules are features"), beside each word, its shape, its closing punctuation, whether it is a cue word
or a given name, whether a given name and a surname follow it, and its neighbours'. Where the two disagree, the
model's cut stands.

The model learnt from real notes, the citations of the development pages whose annotation names the author's
words before each of them, and from synthetic notes (a training reference after a cue, a topic and a comma, or a
sentence): ``data/training/prefixes.tsv``, derived by ``benchmarks/derived_prefixes.py``. It is rebuilt byte for
byte from that file (``haliref train --prefixes``).
"""

from __future__ import annotations

import dataclasses
import re
import string
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import pycrfsuite

from haliref import resources
from haliref.caches import memo
from haliref.parse.split import POSSESSIVE_OPENING, RawCitation
from haliref.parse.tagger import LONE_SURROGATE
from haliref.parse.training import train_crf

__all__ = ["PREFIX_PARAMS", "PrefixExample", "PrefixReader", "build_prefix_model", "default_prefix_reader",
           "packaged_prefix_examples", "read_prefix_examples", "recut_prefixes", "rereadable", "train_prefix_reader",
           "word_features", "word_shape_features"]

#: Fixed training parameters: L-BFGS with no time-dependent stopping is deterministic.
PREFIX_PARAMS: dict[str, object] = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_REPEATS = re.compile(r"(.)\1+")
_REACH = 8  # positions counted from either end up to this many words


@dataclasses.dataclass(frozen=True)
class PrefixExample:
    """A citation's words (prefix and body), where the splitter cut them and where the work really begins."""

    words: tuple[str, ...]
    rules_cut: int
    cut: int


@memo(None)
def _cue_words() -> frozenset[str]:
    """The words of the splitter's cue phrases ("see", "also", "quoted", "in", "cf."), folded."""
    return frozenset(_folded(word) for name in ("citation_cues.txt", "citation_cues_splitter_only.txt")
                     for phrase in resources.word_list(name) for word in phrase.split())


def _folded(word: str) -> str:
    return _EDGES.sub("", unicodedata.normalize("NFKC", word).casefold())


def _shape(word: str) -> str:
    """"Roe," → "Xx,"; "1990" → "dd"; "p." → "x.": letters by case, digits, runs of one kind shortened to two."""
    if word.isascii():  # the same by one table, for the commonest words
        shaped = word.translate(_ASCII_SHAPES)
    else:
        shaped = _DIGIT.sub("d", _LETTER.sub(lambda m: "X" if m.group().isupper() else "x", word))
    return _REPEATS.sub(r"\1\1", shaped)[:6]


_ASCII_SHAPES = str.maketrans({**dict.fromkeys(string.ascii_uppercase, "X"),
                               **dict.fromkeys(string.ascii_lowercase, "x"), **dict.fromkeys(string.digits, "d")})


@dataclasses.dataclass(frozen=True)
class _Word:
    """A word's own feature strings, those it gives the words two and one before and after it, whether it is a cue
    word, and whether it is a given name (capitalised, in the first-name lists)."""

    own: tuple[str, ...]
    to_neighbours: tuple[tuple[str, ...], ...]  # in the order of _STEPS
    cue: bool
    given: bool


@memo(4096)
def _word(word: str) -> _Word:
    """A word's features, made once per word: a list's citations repeat their words."""
    word = LONE_SURROGATE.sub("\ufffd", word)
    folded = _folded(word)
    shape = _shape(word)
    end = word[-1] if not word[-1].isalnum() else "a"
    cue = folded in _cue_words()
    given = folded in resources.first_names() and word[:1].isupper()
    shared = (f"w={folded}", f"sh={shape}", f"end={end}", f"given={given}")
    to_neighbours = tuple((*(f"{step}{feature}" for feature in shared), *((f"{step}cue",) if cue else ()))
                          for step in _STEPS)
    return _Word(own=shared[:3], to_neighbours=to_neighbours, cue=cue, given=given)


_STEPS = (-2, -1, 1, 2)


def word_shape_features(word: str) -> tuple[str, ...]:
    """A word's own feature strings: itself folded, its shape, its closing punctuation (the join reader's too)."""
    return _word(word).own


def word_features(words: Sequence[str], rules_cut: int) -> list[list[str]]:
    """Each word's features: itself, its shape and closing punctuation, a cue word or a given name or not, the
    splitter's side of it, its place from either end, a given name and a surname after it, and the same of the two
    words on either side."""
    infos = [_word(word) for word in words]
    features = []
    count = len(words)
    for index, info in enumerate(infos):
        row = ["b", *info.own, f"side={'P' if index < rules_cut else 'C'}", f"given={info.given}",
               f"pos={min(index, _REACH)}", f"rem={min(count - index, _REACH)}"]
        if info.cue:
            row.append("cue")
        if index == rules_cut:
            row.append("rulecut")
        after = words[index + 2] if index + 2 < count else ""
        if after[:1].isupper() and after[-1] == "," and infos[index + 1].given:
            row.append("name ahead")  # "On Lisbon, | Ann Roe, The Harbour": a given name and a surname follow
        for place, step in enumerate(_STEPS):
            other = index + step
            if 0 <= other < count:
                row += infos[other].to_neighbours[place]
            else:
                row.append(f"{step}edge")
        features.append(row)
    return features


class PrefixReader:
    """Where the work begins among a citation's words, with a packaged or given crfsuite model (thread-safe)."""

    def __init__(self, model_path: str | Path) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._lock = threading.Lock()

    def cut(self, words: Sequence[str], rules_cut: int) -> int:
        """The index of the first word of the work (``len(words)`` where the model reads prose only)."""
        with self._lock:
            labels = self._tagger.tag(word_features(words, rules_cut))
        return labels.index("C") if "C" in labels else len(labels)


def rereadable(citation: RawCitation) -> bool:
    """Whether the prefix reader reads the citation's cut again: not where a shape placed it (an archive's letter,
    a case, a work named by its author's possessive: "but David West’s Reading Horace (…)"), nor an "Ibid.", nor a
    citation whose author came from the prose."""
    return not (citation.shaped is not None or citation.ibid or citation.author_hint
                or POSSESSIVE_OPENING.match(citation.body))


def recut_prefixes(citations: list[RawCitation], note_text: str,
                   reader: PrefixReader | None = None) -> list[RawCitation]:
    """The citations with the prefix reader's cut (the shipped one's unless ``reader`` is given) between prefix
    and body, where it differs from the splitter's.

    Only a citation whose prefix and body stand together in the note and that is :func:`rereadable` is read again;
    a cut that would leave no work keeps the splitter's too."""
    note = " ".join(note_text.split())
    out = []
    for citation in citations:
        words = (citation.prefix + " " + citation.body).split()
        rules_cut = len(citation.prefix.split())
        if not rereadable(citation) or not words or " ".join(words) not in note:
            out.append(citation)
            continue
        cut = (reader or default_prefix_reader()).cut(words, rules_cut)
        if cut == rules_cut or cut >= len(words):
            out.append(citation)
            continue
        out.append(dataclasses.replace(citation, prefix=" ".join(words[:cut]), body=" ".join(words[cut:])))
    return out


def read_prefix_examples(text: str) -> list[PrefixExample]:
    """Examples from their file: one a line, "rules cut<TAB>cut<TAB>the words", ``#`` lines comments."""
    examples = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rules_cut, cut, words = line.split("\t")
        examples.append(PrefixExample(tuple(words.split()), int(rules_cut), int(cut)))
    return examples


def packaged_prefix_examples() -> list[PrefixExample]:
    """The packaged examples (``data/training/prefixes.tsv``)."""
    return read_prefix_examples(resources.read_text("training/prefixes.tsv"))


def train_prefix_reader(examples: Iterable[PrefixExample], model_path: str | Path) -> Path:
    """Train the prefix reader on examples."""
    return train_crf(((word_features(example.words, example.rules_cut),
                       ["P"] * example.cut + ["C"] * (len(example.words) - example.cut)) for example in examples),
                     PREFIX_PARAMS, model_path)


def build_prefix_model(model_path: str | Path) -> Path:
    """The shipped prefix reader, from the packaged examples (byte-identical on rebuild)."""
    return train_prefix_reader(packaged_prefix_examples(), model_path)


@memo(None)
def default_prefix_reader() -> PrefixReader:
    """The packaged prefix reader, loaded once (registered in :mod:`haliref.caches`)."""
    return PrefixReader(resources.model_path("prefixes.crfsuite"))
