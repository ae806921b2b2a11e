"""Sequence labeller for ONE citation string (linear-chain CRF, python-crfsuite).

The citation is split on whitespace (as AnyStyle does), every token gets a set of
binary features (after AnyStyle's ``lib/anystyle/feature/*.rb`` and its wapiti
pattern, plus a few structural ones), and a CRF trained on AnyStyle's labelled
references assigns one of AnyStyle's labels to each token.  Maximal runs of one
label become :class:`Span` objects whose ``text`` is exactly the corresponding
slice of the input, so callers can map results back to the original string.

>>> spans = default_tagger().label("Eric Hobsbawm, The Age of Extremes (London: Michael Joseph, 1994)")
>>> [(s.label, s.text) for s in spans][0]
('author', 'Eric Hobsbawm,')
"""

from __future__ import annotations

import functools
import importlib.resources
import operator
import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from haliref import progress, resources
from haliref.caches import memo
from haliref.parse.crfmodel import short_named

__all__ = [
    "LABELS",
    "LONE_SURROGATE",
    "Span",
    "Tagger",
    "Token",
    "default_tagger",
    "features",
    "notes_tagger",
    "tokenize",
]

LABELS = (
    "author", "editor", "translator", "title", "journal", "container-title",
    "collection-title", "location", "publisher", "date", "volume", "pages",
    "edition", "genre", "doi", "url", "isbn", "note", "citation-number",
    "director", "producer", "medium", "source",
)


# --------------------------------------------------------------------------- tokens
@dataclass(frozen=True, slots=True)
class Token:
    """A word (whitespace-delimited, or a part of one a scrape glued together) and its position in the text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    """A maximal run of tokens carrying the same label.

    ``text == original[start:end]``; ``confidence`` is the lowest marginal
    probability among the span's tokens.
    """

    label: str
    text: str
    start: int
    end: int
    confidence: float


_WS = re.compile(r"\S+")
#: A half of a UTF-16 pair on its own (text decoded with "surrogateescape", or made in code): not encodable.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


#: Where a scrape glued two fields into one word ("harboursMaritime Bulletin24", "World(London",
#: "1979Google", "Studies.American", "ofLectures", "TheDiplomacy"): a word's letters then digits or an opening
#: bracket; digits then a capitalised word; a word's stop or comma then a capitalised word; a lower-case word
#: (or "The") then a capitalised one. A capitalised word keeps its inner capital: names ("McDonald",
#: "DeWitt") and compounds ("NeuroImage", "HarperCollins").
_GLUED = re.compile(
    r"(?<=[^\W\d_A-Z]{2})(?=[A-Z][^\W\d_A-Z]{2})"
    r"|(?<=[^\W\d_A-Z]{3})(?=\d|\()|(?<=\d)(?=\([A-Z])"
    r"|(?<=\d)(?=[A-Z][^\W\d_A-Z]{2})"
    r"|(?<=[^\W\d_A-Z]{3}[.,;])(?=[A-Z][^\W\d_A-Z])"
    r"|(?:(?<=\b\d{4}[.,)])|(?<=\b\d{4}\)[.,:]))(?=[A-Z“‘\"])"
    # a year glued to the initial, the bracket or the name's comma before it ("Ann B.1990.", "Poe).1995.",
    # "Roe Ann,1975,"), a publisher to its place's colon ("New York:Tide Press")
    r"|(?:(?<=\b[A-Z]\.)|(?<=\)\.)|(?<=[^\W\d_]{2},))(?=(?:1[5-9]|20)\d\d\b)|(?<=[^\W\d_]{3}:)(?=[A-Z][^\W\d_A-Z]{2})"
)
#: A word that is (part of) an address, a DOI or an e-mail: never cut ("treasury.gov.uk/thmlist1.html").
_WHOLE = re.compile(r"/|@|[^\W\d_A-Z]\.[^\W\d_A-Z]{2}|(?i:https?:|www\.|^doi)|10\.\d{4}")


def _glued_cuts(word: str) -> list[int]:
    """Where :data:`_GLUED` cuts the word: between two letters only after a part all in lower case, or "The";
    between letters and digits only after a capitalised word ("Bulletin24", not the name "portsci08")."""
    if _WHOLE.search(word):
        return []
    cuts: list[int] = []
    for match in _GLUED.finditer(word):
        cut = match.start()
        part = word[cuts[-1] if cuts else 0:cut]
        if word[cut - 1].isalpha() and word[cut].isupper() and not (part.islower() or part == "The"):
            continue
        if word[cut - 1].isalpha() and word[cut].isdigit() and not part.istitle():
            continue
        cuts.append(cut)
    return cuts


def tokenize(text: str) -> list[Token]:
    """Whitespace tokens with character offsets (``text[t.start:t.end] == t.text``), a word a scrape glued
    together read as its parts (addresses and DOIs stay whole)."""
    if not _GLUED.search(text):  # most texts glue nothing: their words are the tokens
        return [Token(m.group(), m.start(), m.end()) for m in _WS.finditer(text)]
    tokens = []
    for m in _WS.finditer(text):
        word, start = m.group(), m.start()
        cuts = _glued_cuts(word)
        for begin, end in zip([0, *cuts], [*cuts, len(word)], strict=True):
            tokens.append(Token(word[begin:end], start + begin, start + end))
    return tokens


# --------------------------------------------------------------------------- dictionary
_DICT_FILES = {
    "name": ("firstnames_female.txt", "firstnames_male.txt", "surnames_american_commonest.txt",
             "surnames_european.txt", "familynames_chinese.txt"),
    "place": ("places_gazetteer.txt",),
    "publisher": ("publishers_wikipedia.txt", "publishers_narosa.txt"),
    "journal": ("journals_humanities.txt", "journals_philosophy.txt"),
}


@memo(None)
def _dictionary() -> dict[str, tuple[str, ...]]:
    """Lower-cased gazetteer entry -> sorted tuple of tags (name/place/publisher/journal)."""
    entries: dict[str, set[str]] = {tag: set() for tag in _DICT_FILES}
    base = importlib.resources.files("haliref") / "data" / "anystyle"
    for tag, files in _DICT_FILES.items():
        for fname in files:
            # lower() of the whole file equals lower() of each line: no casing context crosses a line break
            text = (base / fname).read_text(encoding="utf-8").lower()
            lines = [line for line in text.splitlines() if line and not line.startswith("#")]
            if "\t" in text:
                lines = [line.split("\t", 1)[0] for line in lines]
            entries[tag].update(line.strip() for line in lines)
    largest = max(sorted(entries), key=lambda tag: len(entries[tag]))
    # the bulk in one C call, the rest one by one
    tags: dict[str, tuple[str, ...]] = dict.fromkeys(entries[largest], (largest,))
    for tag in sorted(entries):
        if tag != largest:
            for entry in entries[tag]:
                tags[entry] = tuple(sorted((*tags.get(entry, ()), tag)))
    tags.pop("", None)
    return tags


# --------------------------------------------------------------------------- features
_QUOTES = "\"'”„’‚´«「『〈《‘“`»」』〉》"
_QUOTE_SET = frozenset(_QUOTES)
_OPENQ = "\"'„‚«「『〈《‘“`"
_RE_SCRUB = re.compile(r"[\W_]+", re.UNICODE)
_RE_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_RE_RANGE = re.compile(r"^\(?\d+\s*[\-–—‐‑]+\s*\d+\W*$")
_RE_ORD = re.compile(r"(?<!\d)\d+(st|nd|rd|th|e|er|ème|d)\b", re.I)  # from a run's first digit only: linear
_RE_ROMAN = re.compile(r"^(?=[IVXLCDM]+$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_RE_ROMAN_LOW = re.compile(r"^(?=[ivxlc]+$)(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_RE_INITIALS = re.compile(r"^([A-ZÀ-ÖØ-Þ]\.-?){1,4}[,;:]?$")
_RE_URL = re.compile(r"(https?://|www\.|ftp://)", re.I)
_RE_DOI = re.compile(r"(10\.\d{4,9}/\S+|^doi\b)", re.I)
_RE_ISBN = re.compile(r"(^97[89]([\-‐]?\d){10}\W*$|^\d([\-‐]?\d){8}[\-‐]?[\dX]\W*$|isbn)", re.I)
_RE_VOLNUM = re.compile(r"\d[\(:;]\d")

def _category(ch: str) -> str:
    return unicodedata.category(ch)


def _caps(alpha: str) -> str:
    if not alpha:
        return "none"
    if len(alpha) == 1:
        return "single" if alpha.isupper() else ("lsingle" if alpha.isalpha() else "dsingle")
    if alpha[0].isupper() and alpha[1].islower():
        return "initial" if alpha[1:].islower() else "initmixed"
    if alpha.isupper():
        return "caps"
    if alpha.islower():
        return "lower"
    if alpha.isdigit():
        return "digits"
    return "other"


def _number(tok: str) -> str:
    if not any(map(str.isdigit, tok)):  # every test but the roman one needs a digit
        core = tok.strip("()[].,;:")
        return "roman" if core and (_RE_ROMAN.match(core) or _RE_ROMAN_LOW.match(core)) else "none"
    if _RE_VOLNUM.search(tok):
        return "volume"
    if _RE_ISBN.search(tok) and any(c.isdigit() for c in tok):
        return "isbn"
    if _RE_YEAR.search(tok):
        return "year" if not _RE_RANGE.match(tok) else "yearrange"
    core = tok.strip("()[].,;:")
    if core.isdigit():
        n = len(core)
        return ("single", "double", "triple", "quad")[n - 1] if n <= 4 else "all"
    if _RE_RANGE.match(tok):
        return "range"
    if _RE_ORD.search(tok):
        return "ordinal"
    if any(c.isdigit() for c in tok):
        return "numeric"
    core = tok.strip("()[].,;:")
    if core and (_RE_ROMAN.match(core) or _RE_ROMAN_LOW.match(core)):
        return "roman"
    return "none"


def _punct(tok: str) -> str:
    if tok.isalnum():  # letters and digits (no category P): the commonest token
        return "none"
    if all(not unicodedata.category(c).startswith("P") for c in tok):
        return "none"
    if ":" in tok:
        return "colon"
    if any(unicodedata.category(c) == "Pd" for c in tok):
        return "hyphen"
    if "." in tok:
        return "period"
    if "&" in tok:
        return "amp"
    return "other"


_CLOSERS = "\"'”„’‚´«‘“`»」』)]"


def _terminal(tok: str) -> str:
    t = tok
    if t[-1].isalnum():  # every ending below is a punctuation mark, bracket or quote
        return "none"
    if re.search(r"[.)\]][\"'”„’‚´«‘“`»」』)\]]?$", t) or re.search(
        r",[\"'”„’‚´«‘“`»」』)\]]$|[\"'”„’‚´«‘“`»」』)\]],$", t
    ):
        return "strong"
    if re.search(r"[:\"'”„’‚´«‘“`»」』][,;:\-–—!?.]?$", t):
        return "moderate"
    if re.search(r"[!?,;\-–—][\"'”„’‚´«‘“`»」』]?$", t):
        return "weak"
    return "none"


def _brackets(tok: str) -> str:
    if not any(c in "()[]<>" for c in tok):
        return "none"
    if re.match(r"^\(.*\)[,;:\-–.]?$", tok):
        return "parens"
    if re.match(r"^\[.*\][,;:\-–.]?$", tok):
        return "square"
    if re.search(r"\)[,;:\-–.]?$", tok):
        return "closeparen"
    if tok.startswith("("):
        return "openparen"
    if re.search(r"\][,;:\-–.]?$", tok):
        return "closesquare"
    if tok.startswith("["):
        return "opensquare"
    return "other"


def _quotes(tok: str) -> str:
    if _QUOTE_SET.isdisjoint(tok):
        return "none"
    opening = tok[0] in _OPENQ or (len(tok) > 1 and tok[0] in "([" and tok[1] in _OPENQ)
    stripped = tok.rstrip(",;:-–—!?.)]")
    closing = bool(stripped) and stripped[-1] in _QUOTES and len(stripped) > 1
    if opening and closing:
        return "quote-unquote"
    if opening:
        return "quote"
    if closing:
        return "unquote"
    return "other"


@memo(None)
def _keyword_pattern() -> re.Pattern[str]:
    """The keyword patterns of data/labeller_keywords.tsv in one alternation, in the file's order: the first
    alternative that matches wins, as trying them one by one did; each keeps its own case rule."""
    return re.compile("|".join(
        f"(?P<{name}>{'(?i:' if rx.flags & re.IGNORECASE else '(?:'}{rx.pattern}))"
        for name, rx in resources.labeller_keywords()
    ))


def _keyword(tok: str, alpha: str) -> str:
    if tok == "&":
        return "and"
    found = _keyword_pattern().match(alpha)
    if found:
        return str(found.lastgroup)
    if _RE_ROMAN.match(alpha) and len(alpha) > 1:
        return "roman"
    return "none"


def _shape(tok: str) -> str:
    out: list[str] = []
    for c in tok:
        if c.isupper():
            s = "A"
        elif c.isalpha():
            s = "a"
        elif c.isdigit():
            s = "9"
        else:
            s = c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:8]


def _scrub(tok: str) -> str:
    return _RE_SCRUB.sub("", tok)


def _canon(alpha: str) -> str:
    if not alpha:
        return "BLANK"
    if alpha.isascii():  # nothing to decompose, no combining marks
        return alpha.lower()
    s = unicodedata.normalize("NFKD", alpha)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower()


# Index layout of a token's observation tuple.  Slots in _CONTEXT depend on the
# token's neighbours / position and are computed per sequence (see _contexts);
# all others depend on the token string only.
_CONTEXT = (19, 26, 27, 28, 29, 30, 34)
_NOBS = 35


def _observations(tok: str) -> tuple[str, ...]:
    """Token-local observations (context slots left empty)."""
    alpha = _scrub(tok)
    low = alpha.lower()
    tags = _dictionary().get(low, ())
    return (
        tok.lower(),                                                   # 0 token
        _canon(alpha),                                                 # 1 canonical
        _category(tok[0]),                                             # 2 first char cat
        _category(tok[-1]),                                            # 3 last char cat
        low[:1], low[:2], low[:3], low[:4],                            # 4-7 prefixes
        low[-1:], low[-2:], low[-3:], low[-4:],                        # 8-11 suffixes
        _caps(alpha),                                                  # 12
        _number(tok),                                                  # 13
        "name" if "name" in tags else "-",                             # 14
        "place" if "place" in tags else "-",                           # 15
        "pub" if "publisher" in tags else "-",                         # 16
        "jnl" if "journal" in tags else "-",                           # 17
        _keyword(tok, alpha),                                          # 18
        "",                                                            # 19 position (ctx)
        _punct(tok),                                                   # 20
        _brackets(tok),                                                # 21
        _terminal(tok),                                                # 22
        "T" if (_RE_URL.search(tok) or _RE_DOI.search(tok) or "isbn" in low) else "F",  # 23
        _quotes(tok),                                                  # 24
        _shape(tok),                                                   # 25
        "", "", "", "", "",                                            # 26-30 (ctx)
        "init" if _RE_INITIALS.match(tok) else "-",                    # 31 initials
        tok[-1] if not tok[-1].isalnum() else "an",                    # 32 last char
        tok[0] if not tok[0].isalnum() else "an",                      # 33 first char
        "",                                                            # 34 bigram dict (ctx)
    )


# Features of the token alone, as (observation index, name): "name=value".
_SELF = (
    (0, "w"), (1, "c"), (2, "fc"), (3, "lc"), (4, "p1"), (5, "p2"), (6, "p3"), (7, "p4"),
    (8, "s1"), (9, "s2"), (10, "s3"), (11, "s4"), (12, "cap"), (13, "num"), (14, "nme"),
    (15, "plc"), (16, "pub"), (17, "jnl"), (18, "kw"), (20, "pct"), (21, "brk"),
    (22, "tmn"), (23, "loc"), (24, "q"), (25, "shp"), (31, "ini"), (32, "lch"), (33, "fch"),
)
# Conjunctions of two observations of the token alone: "name=value1|value2".
_PAIRS = (
    (2, 8, "fc/s1"), (3, 8, "lc/s1x"), (13, 21, "num/brk"), (13, 22, "num/tmn"), (18, 12, "kw/cap"),
    (18, 22, "kw/tmn"), (22, 8, "tmn/s1"), (12, 32, "cap/lch"), (14, 31, "nme/ini"),
)
# (offset, index, name) features from neighbours (all token-local indices): "name[offset]=value".
# The features that depend on the position or on a neighbour's observations
# together with the token's are written out in _token_features.
_WINDOW = (
    (-2, 1, "c"), (-1, 1, "c"), (1, 1, "c"), (2, 1, "c"),
    (-1, 12, "cap"), (1, 12, "cap"), (-1, 13, "num"), (1, 13, "num"),
    (-1, 18, "kw"), (1, 18, "kw"), (-2, 18, "kw"), (2, 18, "kw"),
    (-1, 22, "tmn"), (1, 22, "tmn"), (-1, 21, "brk"), (1, 21, "brk"),
    (-1, 32, "lch"), (1, 33, "fch"), (1, 32, "lch"), (-1, 24, "q"), (1, 24, "q"),
    (-1, 14, "nme"), (1, 14, "nme"), (-1, 15, "plc"), (1, 15, "plc"), (1, 16, "pub"),
    (-1, 31, "ini"), (1, 31, "ini"), (-1, 25, "shp"), (1, 25, "shp"),
)
_OFFSETS = (-2, -1, 1, 2)
_WINDOW_BY_OFF = {off: tuple((k, nm) for o, k, nm in _WINDOW if o == off) for off in _OFFSETS}
_PAD = {off: tuple(f"{nm}[{off}]=#" for k, nm in _WINDOW_BY_OFF[off]) for off in _OFFSETS}
# the tables as name prefixes and value getters, so that a token's feature strings are made in C loops
# (map(str.__add__, prefixes, values)): no Python-level step per feature
_SELF_NAMES = tuple(f"{nm}=" for _, nm in _SELF)
_SELF_VALUES = operator.itemgetter(*(k for k, _ in _SELF))
_PAIR_NAMES = tuple(f"{nm}=" for _, _, nm in _PAIRS)
_PAIR_FIRST = operator.itemgetter(*(k for k, _, _ in _PAIRS))
_PAIR_SECOND = operator.itemgetter(*(k for _, k, _ in _PAIRS))
_WINDOW_NAMES = tuple(tuple(f"{nm}[{off}]=" for _, nm in _WINDOW_BY_OFF[off]) for off in _OFFSETS)
_WINDOW_VALUES = tuple(operator.itemgetter(*(k for k, _ in _WINDOW_BY_OFF[off])) for off in _OFFSETS)
_PAD_OBS = ("#",) * _NOBS  # a neighbour beyond either end: every value "#"
_PAD_CTX = ("#",) * len(_CONTEXT)


def _token_record(tok: str) -> tuple:
    """Everything about a token that ignores its neighbours (:func:`_token_info` keeps it per distinct token).

    ``(observations, scrubbed lower form, own features, window features at
    offsets -2/-1/+1/+2, bracket depth change, opens a bracket, opens a quote,
    is "in", is a year, has a strong terminal)``.  The strings are interned, so
    a full cache holds each distinct feature string once (bounded memory).
    """
    o = tuple(map(sys.intern, _observations(tok)))
    own = (
        "bias",
        *map(str.__add__, _SELF_NAMES, _SELF_VALUES(o)),
        *map(str.__add__, _PAIR_NAMES, map("|".join, zip(_PAIR_FIRST(o), _PAIR_SECOND(o), strict=True))),
    )
    windows = tuple(
        tuple(map(sys.intern, map(str.__add__, names, values(o))))
        for names, values in zip(_WINDOW_NAMES, _WINDOW_VALUES, strict=True)
    )
    return (o, _scrub(tok).lower(), tuple(map(sys.intern, own)), windows, *_token_flags(tok, o))


def _token_flags(tok: str, o: tuple[str, ...]) -> tuple[int, bool, bool, bool, bool, bool]:
    """The end of a token's record (:func:`_token_record`): bracket depth change, opens a bracket, opens a quote,
    is "in", is a year, has a strong terminal."""
    return (
        tok.count("(") + tok.count("[") - tok.count(")") - tok.count("]"),
        tok[0] in "([", tok[0] in _OPENQ, o[18] == "in", o[13] in ("year", "yearrange"), o[22] == "strong",
    )


#: :func:`_token_record` of the last 16,384 distinct tokens, for :func:`features` (training, tests); full: about
#: 35 MB of feature strings (issue 9: bounded memory). A tagger keeps its own records (``Tagger._known_info``).
_token_info = memo(1 << 14)(_token_record)


def _contexts(infos: Sequence[tuple]) -> list[tuple[str, ...]]:
    """Per token, the values of the _CONTEXT slots: position, bracket depth, what came before, bigram."""
    dic = _dictionary()
    n = len(infos)
    out: list[tuple[str, ...]] = []
    depth = strong_before = 0
    seen_in = seen_year = seen_quote = False
    prev_low = ""
    for i, (_, low, _, _, delta, opens, quote, is_in, is_year, strong) in enumerate(infos):
        if i == 0:
            pos = "only" if n == 1 else "first"
        elif i == n - 1:
            pos = "last"
        else:
            pos = str(round(i / n * 10))
        bigram = dic.get(prev_low + " " + low) if prev_low and low else None
        out.append((
            pos,
            "open" if opens else ("inside" if depth > 0 else "out"),
            "y" if seen_in else "n",
            "y" if seen_year else "n",
            str(min(strong_before, 4)),
            "y" if seen_quote else "n",
            "/".join(bigram) if bigram else "-",
        ))
        prev_low = low
        depth = max(depth + delta, 0)
        seen_in = seen_in or is_in
        seen_year = seen_year or is_year
        seen_quote = seen_quote or quote
        strong_before += strong
    return out


def _slots(c: tuple[str, ...]) -> tuple[str, ...]:
    """A token's context slots as features: "name=value" (``c``: the token's values of the _CONTEXT slots)."""
    return (f"pos={c[0]}", f"par={c[1]}", f"sin={c[2]}", f"syr={c[3]}", f"nst={c[4]}", f"sq={c[5]}", f"bg={c[6]}")


def _conjunctions(
    o: tuple[str, ...], c: tuple[str, ...], p: tuple[str, ...], pc: tuple[str, ...], n: tuple[str, ...]
) -> tuple[str, ...]:
    """The conjunctions of a token's observations with its context's and its neighbours': "name=value1|value2"."""
    return (
        f"c-1/c={p[1]}|{o[1]}", f"c/c+1={o[1]}|{n[1]}", f"fc/s1+1={n[2]}|{n[8]}", f"lc/s1-1={p[3]}|{p[8]}",
        f"cap-1/cap={p[12]}|{o[12]}", f"cap/cap+1={o[12]}|{n[12]}",
        f"tmn-1/cap={p[22]}|{o[12]}", f"tmn-1/kw={p[22]}|{o[18]}",
        f"pos/tmn={c[0]}|{o[22]}", f"pos-1/pos={pc[0]}|{c[0]}",
        f"tmn/kw+1={o[22]}|{n[18]}", f"tmn/cap+1={o[22]}|{n[12]}",
        f"par/num={c[1]}|{o[13]}", f"par/tmn={c[1]}|{o[22]}", f"sin/par={c[2]}|{c[1]}",
        f"syr/cap={c[3]}|{o[12]}", f"nst/cap={c[4]}|{o[12]}", f"sq/q={c[5]}|{o[24]}",
        f"kw-1/num={p[18]}|{o[13]}", f"par/c={c[1]}|{o[1]}", f"lch-1/cap={p[32]}|{o[12]}",
    )


def _token_features(
    own: tuple[str, ...], o: tuple[str, ...], c: tuple[str, ...],
    p: tuple[str, ...], pc: tuple[str, ...], n: tuple[str, ...],
    wm2: tuple[str, ...], wm1: tuple[str, ...], wp1: tuple[str, ...], wp2: tuple[str, ...],
) -> list[str]:
    """One token's feature list: its own features, its context slots, the window, the context conjunctions.

    ``own`` and the windows ``wm2``, ``wm1``, ``wp1``, ``wp2`` (features from
    offsets -2, -1, +1, +2) are precomputed per distinct token (_token_info);
    ``o``, ``p``, ``n`` are the observations of the token and of its left and
    right neighbour (indices as in _observations), ``c`` and ``pc`` the context
    values of the token and its left neighbour (indices into _CONTEXT).  The
    features that depend on the position or on a neighbour together with the
    token are written out in :func:`_slots` and :func:`_conjunctions`, in the
    order the shipped model was trained on (tests/parse/test_tagger.py pins it):
    "name=value" of each context slot, then conjunctions "name=value1|value2";
    a suffix -1/+1 in a name marks a value of the left/right neighbour.  Tuple
    displays, not a loop over a table: a loop would cost a tuple unpacking and
    two look-ups per feature per token (benchmarks/features_speed.py).
    """
    return [*own, *_slots(c), *wm2, *wm1, *wp1, *wp2, *_conjunctions(o, c, p, pc, n)]


def _known_features(
    known: Callable[[str], bytes | None]
) -> Callable[..., list[bytes]]:
    """:func:`_token_features` as crfsuite reads them for a model: ``own`` and the windows already cut to the
    model's attributes, the slots and conjunctions looked up by ``known`` (their bytes, or None: left out)."""

    def token_features(
        own: tuple[bytes, ...], o: tuple[str, ...], c: tuple[str, ...],
        p: tuple[str, ...], pc: tuple[str, ...], n: tuple[str, ...],
        wm2: tuple[bytes, ...], wm1: tuple[bytes, ...], wp1: tuple[bytes, ...], wp2: tuple[bytes, ...],
    ) -> list[bytes]:
        return [
            *own, *filter(None, map(known, _slots(c))), *wm2, *wm1, *wp1, *wp2,
            *filter(None, map(known, _conjunctions(o, c, p, pc, n))),
        ]

    return token_features


def features(tokens: Sequence[str]) -> list[list[str]]:
    """CRF feature lists (one list of attribute names per token)."""
    return _assemble(tokens, _token_info, _PAD)


def _assemble(
    tokens: Sequence[str], info_of: Callable[[str], tuple], pad: dict[int, tuple[Any, ...]],
    token_features: Callable[..., list[Any]] = _token_features,
) -> list[list[Any]]:
    """The feature lists of :func:`features`, each token's own and window features taken from ``info_of``
    (laid out as :func:`_token_info`'s) and ``pad`` (the window features beyond either end)."""
    n = len(tokens)
    if not n:
        return []
    infos = [info_of(t) for t in tokens]
    obs = [info[0] for info in infos]
    ctx = _contexts(infos)
    win = [info[3] for info in infos]
    return list(map(
        token_features,
        [info[2] for info in infos],
        obs, ctx,
        [_PAD_OBS, *obs[:-1]], [_PAD_CTX, *ctx[:-1]],
        [*obs[1:], _PAD_OBS],
        ([pad[-2]] * 2 + [w[0] for w in win])[:n],
        [pad[-1], *(w[1] for w in win[:-1])],
        [*(w[2] for w in win[1:]), pad[1]],
        [w[3] for w in win[2:]] + [pad[2]] * min(2, n),
    ))


# --------------------------------------------------------------------------- tagger
@memo(4)
def _renamed_model(path: str, stamp: tuple[int, int]) -> tuple[bytes | None, dict[str, bytes]]:
    """The model at ``path`` (as of ``stamp``: its modification time and size) with its attributes under short
    names, and each attribute's name in it by the model's own name; (None, each name's UTF-8) for a model
    :mod:`haliref.parse.crfmodel` cannot rename, which crfsuite then reads from its file as it is."""
    renamed = short_named(Path(path).read_bytes())
    if renamed is None:
        crf = pycrfsuite.Tagger()
        crf.open(path)
        return None, {name: name.encode() for name in crf.info().attributes}
    model, names = renamed
    return model, {name.decode(): short for name, short in names.items() if _is_utf8(name)}


def _is_utf8(name: bytes) -> bool:
    """A model's name that is not UTF-8 is no feature's (the features are str): it is never looked up."""
    try:
        name.decode()
    except UnicodeDecodeError:
        return False
    return True


class Tagger:
    """A loaded CRF model; thread-safe (one pycrfsuite tagger per thread)."""

    def __init__(self, model_path: str | Path):
        self.model_path = str(model_path)
        self._local = threading.local()
        self._renamed: tuple[bytes | None, dict[str, bytes]] | None = None
        self._crf()  # fail early if the model is unreadable
        # lists repeat citations: remember the labelling of recent texts (bounded)
        self._labelled = functools.lru_cache(maxsize=4096)(self._label_tokens)
        # a token's record with its own and window features as this model knows them: 32,768 tokens, about 42 MB
        # (a 2,000-note paste has 18,072 distinct tokens: at 16,384 a third of its records were made twice)
        self._known_info = functools.lru_cache(maxsize=1 << 15)(self._token_info_known)
        self._attributes: dict[str, bytes] | None = None
        self._known_pad: dict[int, tuple[bytes, ...]] | None = None
        self._known_values: tuple[Any, ...] | None = None
        # a token's features as crfsuite reads them, and as it reads them from words with a NUL in them
        self._known_makers: tuple[Callable[..., list[bytes]], Callable[..., list[bytes]]] | None = None

    def _crf(self) -> pycrfsuite.Tagger:
        crf = getattr(self._local, "crf", None)
        if crf is None:
            crf = pycrfsuite.Tagger()
            model = self._short_named()[0]
            if model is None:
                crf.open(self.model_path)
            else:
                crf.open_inmemory(model)  # crfsuite reads it where it is: kept by this tagger
            self._local.crf = crf
        return crf

    def _short_named(self) -> tuple[bytes | None, dict[str, bytes]]:
        """The model with its attributes under short names (:mod:`haliref.parse.crfmodel`) and each attribute's
        name in it by the model's own name; (None, names as bytes) for a model it cannot rename."""
        if self._renamed is None:
            stat = Path(self.model_path).stat()
            self._renamed = _renamed_model(self.model_path, (stat.st_mtime_ns, stat.st_size))
        return self._renamed

    @property
    def labels(self) -> list[str]:
        return list(self._crf().labels())

    def tag_tokens(self, words: Sequence[str]) -> list[tuple[str, float]]:
        """Labels and marginals for pre-split tokens."""
        if not words:
            return []
        crf, labels = self._viterbi(words)
        return [(lab, crf.marginal(lab, i)) for i, lab in enumerate(labels)]

    def _viterbi(self, words: Sequence[str]) -> tuple[pycrfsuite.Tagger, list[str]]:
        """This thread's crfsuite tagger, set to ``words``, and its labels for them."""
        if LONE_SURROGATE.search(" ".join(words)):  # crfsuite takes UTF-8: a lone surrogate has none
            words = [LONE_SURROGATE.sub("\ufffd", word) for word in words]
        crf = self._crf()
        crf.set(self._features(words))
        return crf, crf.tag()

    def _model_attributes(self) -> dict[str, bytes]:
        """Each attribute the model knows by its name, as the bytes crfsuite reads for it: its short name in the
        model this tagger gives crfsuite (read once from the model)."""
        if self._attributes is None:
            self._attributes = self._short_named()[1]
        return self._attributes

    def _only_known(self, names: Iterable[str]) -> tuple[bytes, ...]:
        """The names the model knows, as bytes, in their order (no name is empty: no bytes is false)."""
        return tuple(filter(None, map(self._model_attributes().get, names)))

    def _only_known_c(self, names: Iterable[str]) -> tuple[bytes, ...]:
        """:meth:`_only_known` as crfsuite looks a name up: as a C string, up to a NUL in it ("w=a\0b" is "w=a")."""
        return self._only_known(name.partition("\0")[0] for name in names)

    def _values_known(self) -> tuple[Any, ...]:
        """The model's attributes by feature name and value: for "bias", each own feature, each pair and each
        window feature (in :func:`_token_record`'s order), the values of it the model knows → the attribute's bytes
        ("w=" → {"life": b"w=life", …}); read once from the model."""
        if self._known_values is None:
            by_name: dict[str, dict[str, bytes]] = {}
            for name, encoded in self._model_attributes().items():
                head, equals, value = name.partition("=")  # a feature's name has no "=": the first one ends it
                if equals:
                    by_name.setdefault(head + equals, {})[value] = encoded
            bias = self._model_attributes().get("bias")
            self._known_values = (
                (bias,) if bias else (),
                tuple(by_name.get(name, {}) for name in _SELF_NAMES),
                tuple(by_name.get(name, {}) for name in _PAIR_NAMES),
                tuple(tuple(by_name.get(name, {}) for name in names) for names in _WINDOW_NAMES),
            )
        return self._known_values

    def _token_info_known(self, token: str) -> tuple:
        """:func:`_token_record` with the token's own and window features cut to those the model knows, as bytes
        (the full record is not kept: its feature strings are what this record spares). A feature is looked up by
        its value in its name's table, not made as a string and looked up whole: the same bytes, in their order."""
        if "\0" in token:  # a name has a NUL only from its token: looked up as crfsuite does, as a C string
            info = _token_record(token)
            return (info[0], info[1], self._only_known_c(info[2]), tuple(map(self._only_known_c, info[3])), *info[4:])
        bias, own, pairs, windows = self._values_known()
        o = tuple(map(sys.intern, _observations(token)))
        return (
            o, _scrub(token).lower(),
            (*bias, *filter(None, map(dict.get, own, _SELF_VALUES(o))),
             *filter(None, map(dict.get, pairs, map("|".join, zip(_PAIR_FIRST(o), _PAIR_SECOND(o), strict=True))))),
            tuple(
                tuple(filter(None, map(dict.get, tables, values(o))))
                for tables, values in zip(windows, _WINDOW_VALUES, strict=True)
            ),
            *_token_flags(token, o),
        )

    def _features(self, words: Sequence[str]) -> list[list[Any]]:
        """:func:`features` as crfsuite reads them for this model, the same scores for less work.

        crfsuite skips an attribute its model does not know and reads the others in
        their order, so leaving out the unknown ones changes no score, no label and
        no marginal (not one bit). A token's own and window features (about two
        thirds of each token's 96) are cut and encoded once per distinct token,
        not converted and looked up again at every labelling; the slots and the
        conjunctions, made at each labelling, are looked up in the model's names
        here. Every attribute goes by its short name in the model crfsuite is
        given (:mod:`haliref.parse.crfmodel`), which crfsuite reads in half the time.
        """
        if self._known_pad is None or self._known_makers is None:
            attributes = self._model_attributes()
            self._known_pad = {offset: self._only_known(names) for offset, names in _PAD.items()}
            # crfsuite reads a name up to a NUL in it ("lch-1/cap=\0|initial" is "lch-1/cap=")
            self._known_makers = (
                _known_features(attributes.get),
                _known_features(lambda name: attributes.get(name.partition("\0")[0])),
            )
        with_nul = any("\0" in word for word in words)
        return _assemble(words, self._known_info, self._known_pad, self._known_makers[with_nul])

    def corrected(self, tokens: Sequence[str]) -> bool:
        """Whether a user gave these tokens their labels (never, for the model alone): the structural repairs
        do not relabel what a user labelled."""
        return False

    def label_tokens(self, text: str) -> list[tuple[Token, str, float]]:
        """Each token (:func:`tokenize`) with its label and marginal probability."""
        progress.tick()  # the page's progress bar counts the texts labelled (nothing unless it listens)
        return list(self._labelled(text))

    def label_once(self, text: str) -> list[tuple[Token, str, float]]:
        """As :meth:`label_tokens`, for a text that will not be asked for again (the page reader's window across
        a line break): not kept, so that it does not push the texts that will be out of the labelling cache."""
        progress.tick()
        return list(self._label_tokens(text))

    def labels_once(self, words: Sequence[str]) -> list[str]:
        """The labels :meth:`label_once` gives the words joined by spaces (the page reader's window across a line
        break, already in words): not tokenized again, no marginals computed, not kept."""
        progress.tick()
        return list(self._viterbi(words)[1]) if words else []

    def _label_tokens(self, text: str) -> tuple[tuple[Token, str, float], ...]:
        toks = tokenize(text)
        tagged = self.tag_tokens([t.text for t in toks])
        return tuple((t, lab, p) for t, (lab, p) in zip(toks, tagged, strict=False))

    def label(self, text: str) -> list[Span]:
        """Maximal same-label runs of tokens, as spans of ``text``."""
        return spans_of(text, self.label_tokens(text))

    def label_many(self, texts: Iterable[str]) -> list[list[Span]]:
        return [self.label(t) for t in texts]


def spans_of(text: str, labelled: Sequence[tuple[Token, str, float]]) -> list[Span]:
    """Group labelled tokens into maximal same-label spans of ``text``."""
    spans: list[Span] = []
    run: list[tuple[Token, str, float]] = []
    for item in labelled:
        if run and item[1] != run[-1][1]:
            spans.append(_span(text, run))
            run = []
        run.append(item)
    if run:
        spans.append(_span(text, run))
    return spans


def _span(text: str, run: list[tuple[Token, str, float]]) -> Span:
    start, end = run[0][0].start, run[-1][0].end
    return Span(run[0][1], text[start:end], start, end, min(p for _, _, p in run))


@memo(None)
def default_tagger() -> Tagger:
    """The tagger on the shipped model ``haliref/data/model/parser.crfsuite``, loaded once
    (registered in :mod:`haliref.caches`)."""
    return Tagger(resources.model_path("parser.crfsuite"))


@memo(None)
def notes_tagger() -> Tagger:
    """The tagger on the shipped notes model ``haliref/data/model/notes.crfsuite``: trained on notes' references
    as well as lists', it labels the citations of numbered notes (:func:`haliref.pipeline.read_list`)."""
    return Tagger(resources.model_path("notes.crfsuite"))
