"""English headline style (CMOS 17 8.159-8.161) and short titles (CMOS 17 14.29-14.31).

Both work on the title as printed and only ever *raise* the case of a word:
whatever the input capitalised (a proper noun, an acronym, "McCarthy", a
capitalised preposition) is kept.  Word classes come from
``data/headline_words.tsv``.  Markup (``<i>…</i>``, ``<span class="nocase">…</span>``)
is left untouched: a title inside a title keeps its own case (8.171).
"""

from __future__ import annotations

import itertools
import re

from haliref import resources
from haliref.caches import memo

__all__ = ["headline_case", "sentence_starts", "short_title", "with_short_title"]

# an italic or no-case span runs to its closing tag without crossing another opening one: linear
_PROTECTED = re.compile(
    r"<i>(?:[^<]|<(?!/?i>))*+</i>|<span class=\"nocase\">(?:[^<]|<(?!/?span\b))*+</span>|<[^>]+>", re.I
)
_LEAD = "\"'‘“([¿¡"
_SUBTITLE_END = (":", "?", "!", ".")   # the next word starts a subtitle (8.159)
_HYPHENS = "-\u2010\u2011"


def _words(kind: str) -> frozenset[str]:
    return resources.headline_words().get(kind, frozenset())


@memo(None)
def _minor() -> frozenset[str]:
    """Lower case inside a headline-style title (8.159): articles, prepositions, and/but/for/or/nor, to, as."""
    return _words("article") | _words("preposition") | frozenset({"and", "but", "for", "or", "nor"})


def _cap(word: str) -> str:
    """Upper-case the first letter after any opening quote or parenthesis ("‘permanent" -> "‘Permanent")."""
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1:]
        if ch not in _LEAD:
            return word
    return word


def _core(word: str) -> str:
    return word.strip(_LEAD + "’”)]}.,;:!?").casefold()


def _compound(word: str, capitalise_first: bool) -> str:
    """A hyphenated compound (8.161): first element as a word; later ones capitalised
    unless minor words, or after a prefix that cannot stand alone (anti-, pre-, non-),
    but capitalised in spelled-out numbers (Twenty-One)."""
    parts = re.split(f"([{_HYPHENS}])", word)
    first = _core(parts[0])
    out = [_cap(parts[0]) if capitalise_first and parts[0].islower() else parts[0]]
    for i in range(2, len(parts), 2):
        part = parts[i]
        core = _core(part)
        lower_ok = part.islower() or not any(c.isalpha() for c in part)
        if lower_ok and core and core not in _minor() and (
            first not in _words("prefix") or first in _words("number")
        ):
            part = _cap(part)
        out.append(parts[i - 1])
        out.append(part)
    return "".join(out)


def headline_case(title: str) -> str:
    """CMOS 17 8.159-8.161 headline style for an English title, raising case only.

    First and last words of title and subtitle capitalised; every other word
    capitalised unless it is an article, a preposition, "and", "but", "for",
    "or", "nor" (and "to", "as"), or a lower-case name particle before a
    capitalised word ("Ludwig van Beethoven"); the element after a hyphen
    follows 8.161; a word after an opening quotation mark is capitalised too.
    """
    if not title or title.isupper():
        return title
    protected: list[str] = []

    def hide(m: re.Match[str]) -> str:
        protected.append(m.group(0))
        return f"\ue100{len(protected) - 1}\ue101"

    text = _PROTECTED.sub(hide, title)
    tokens = re.split(r"(\s+)", text)
    words = [i for i in range(0, len(tokens), 2) if tokens[i]]
    particles = set(resources.name_particles())
    starts = {words[0]} if words else set()
    ends = {words[-1]} if words else set()
    for a, b in itertools.pairwise(words):
        if tokens[a].rstrip("’”)]").endswith(_SUBTITLE_END):
            ends.add(a)
            starts.add(b)
    for n, i in enumerate(words):
        word = tokens[i]
        if "\ue100" in word or not word.islower():
            if any(h in word for h in _HYPHENS) and "\ue100" not in word:
                tokens[i] = _compound(word, True)   # 8.161 rule 1: the first element always
            continue
        core = _core(word)
        nxt = tokens[words[n + 1]] if n + 1 < len(words) else ""
        minor = core in _minor() or (core in particles and nxt[:1].isupper())
        capitalise = i in starts or i in ends or not minor
        if any(h in word for h in _HYPHENS):
            tokens[i] = _compound(word, capitalise)
        elif capitalise:
            tokens[i] = _cap(word)
    out = "".join(tokens)
    return re.sub("\ue100(\\d+)\ue101", lambda m: protected[int(m.group(1))], out)


_SENTENCE_START = re.compile(r"(^|:\s+)([\"'‘“„«(\[¿¡\s]*)([^\W\d_])([^\s:]*)")


def sentence_starts(title: str) -> str:
    """CMOS 17 8.158, 11.27: in a title in another language (sentence style) the first word of
    title and subtitle is capitalised ("Settecento riformatore: Da Muratori a Beccaria"),
    raising case only; a word with a capital inside ("iPhone") or an elided "'s-" is left
    alone, and so is markup."""
    if "<" in title:
        return title

    def cap(m: re.Match[str]) -> str:
        lead, first, rest = m.group(2), m.group(3), m.group(4)
        own = re.split(r"['’]", rest, maxsplit=1)[0]      # "l’Être": the article's own letters
        if not first.islower() or any(c.isupper() for c in own) or lead.endswith(("'", "‘")):
            return m.group(0)
        return m.group(1) + lead + first.upper() + rest
    return _SENTENCE_START.sub(cap, title)


# --------------------------------------------------------------------------- short titles

_ARTICLES = {
    "en": ("a", "an", "the"),
    "fr": ("le", "la", "les", "l'", "l\u2019"),
    "de": ("der", "die", "das"),
}
_MAIN_END = re.compile(r"(?<=[?!])\s|:\s|(?<=[^\W\d_]{2})\.\s|\s[—–]\s|—")
_DATE_WORD = re.compile(r"\(?(?:\d{2,4}|[IVXLC]+e|[IVXLC]+(?:st|nd|rd|th))\b")
# starts at a comma or where white space begins, never inside a run of it: linear on long runs
_TRAILING_DATES = re.compile(r"(?:,|(?<![\s,]))\s*+\(?\d{3,4}\s*+[-\u2013]\s*+\d{2,4}\)?$")


def _no_end(word: str, lang: str) -> bool:
    """A short title may not end on this word (14.30): article, preposition,
    conjunction, clause opener, possessive, the first half of a suspended
    compound, or a foreign function word."""
    core = _core(word)
    if re.search(r"['’]s?$", word.rstrip(".,;")):
        return True
    if word.rstrip(".,;").endswith(tuple(_HYPHENS)):
        return True     # a suspended compound, "Sozial- und Gesellschaftsgeschichte": mid-phrase
    if lang == "en":
        return core in (_minor() | _words("conjunction") | _words("clause"))
    return core in _words("foreign") or core in _minor()


def _boundary(word: str, lang: str) -> bool:
    """A word before which a key noun phrase may end: a preposition, conjunction,
    clause opener, or a date ("1979–1996", "XVIIe–XXe").  Not an English article:
    after a non-minor word it follows a verb ("To Make the World Safe")."""
    core = _core(word)
    if _DATE_WORD.match(word):
        return True
    if lang == "en":
        return core in (_minor() | _words("conjunction") | _words("clause")) - _words("article")
    return core in _words("foreign") | _words("clause")


def _connector(word: str) -> bool:
    """"of", "and" and their like join two nouns into one key phrase ("Rise and Fall",
    "Vie et Mort", "Duty of a Revolutionary")."""
    return _core(word) in _words("connector")


def _phrase_ends(words: list[str], lang: str) -> list[int]:
    """Word counts at which the key noun phrase may end: before the first boundary
    word, then on through "of"/"and" phrases, to the next boundary each time."""
    articles = _words("article") | _words("foreign_article")
    ends: list[int] = []
    start, after_article = 1, False
    while True:
        n = next((k for k in range(start, len(words))
                  if _boundary(words[k], lang) or words[k - 1].endswith(",")), len(words))
        # "Radio and the Making | of a Nation": a noun after "and the" wants its "of"
        if not (after_article and n < len(words) and _connector(words[n])):
            ends.append(n)
        if n >= len(words) or not _connector(words[n]):
            return ends
        start, after_article = n + 1, False
        if start < len(words) and _core(words[start]) in articles:
            start, after_article = start + 1, True
        start += 1


def short_title(title: str, language: str | None = None) -> str:
    """CMOS 17 14.29-14.31: the key noun phrase of the main title, at most four
    words (five when it cannot be cut cleanly), no initial article (English),
    never ending on an article, preposition, conjunction or possessive."""
    plain = re.sub(r"<[^>]+>", "", title).strip()
    main = _MAIN_END.split(plain, maxsplit=1)[0].strip()
    main = _TRAILING_DATES.sub("", main).strip().rstrip(",;")
    lang = (language or "en")[:2].lower()
    words = main.split()
    if lang == "en" and len(words) > 1 and words[0].casefold() in _ARTICLES["en"]:
        words = words[1:]
    if not words:
        return plain
    # the main title's own last word may be an adverbial particle ("Upside Down", 8.159 rule 3)
    clean_end = not _no_end(words[-1], lang) or _core(words[-1]) in _words("preposition")
    if clean_end and (len(words) <= 4 or (
            len(words) == 5 and lang == "en" and not any(_core(w) in _words("clause") for w in words))):
        return " ".join(words)
    ends = [n for n in _phrase_ends(words, lang) if not _no_end(words[n - 1].rstrip(","), lang)]
    fits = [n for n in ends if n <= 4]
    best = max(fits) if fits else 0
    if best <= 1:
        longer = [n for n in ends if 1 < n <= 5]
        if longer:
            best = min(longer)
    if best == 0:
        best = min(4, len(words))
        while best > 1 and _no_end(words[best - 1], lang):
            best -= 1
    return " ".join(words[:best]).rstrip(",;")



def with_short_title(csl: dict) -> dict:
    """The item with ``title-short`` (CMOS 14.29-14.31) when its title can be shortened
    and it has none (a short form from the notes is set when citations are merged):
    exported so pandoc and biblatex print the short form haliref prints."""
    title = csl.get("title")
    if not isinstance(title, str) or not title or csl.get("title-short"):
        return csl
    short = short_title(title, csl.get("language") or None)
    if not short or short == title.strip().rstrip(",;:. "):
        return csl
    out: dict = {}
    for key, value in csl.items():
        out[key] = value
        if key == "title":
            out["title-short"] = short
    return out
