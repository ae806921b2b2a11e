"""Language of a title (rule ``language-detect``): word evidence first, lingua when it is not enough.

A title is three to ten words, too few for an n-gram detector alone: lingua
(lingua-language-detector, built for short text) still calls "Terrorism and
communism" French and "Il Principe" French.  So the title's own words decide
first, from ``data/language_stopwords.tsv``: function words and articles
("the", "of"; "le", "des"; "der", "und"; "el", "y"; "il", "della"), other
common words, word endings ("-ung", "-zione") and letters ("ß", "ñ"), a token
shared by k languages giving 1/k to each (endings and letters weigh half).

* clearly English: English evidence of 1 or more and at least twice any other
  language's ("The Road to Santiago de Compostela");
* clearly not English: evidence for other languages of 1 or more and at least
  no English word ("La guerre", "Das Kapital"); which language is the one
  with the most evidence when it leads clearly, else lingua's clear choice among
  the languages with evidence, else the most cited of those with the most
  evidence ("Le Viet-minh": French or Italian, lingua cannot tell: French);
* no evidence against English and every word an English word (SCOWL's list,
  ``data/english_common_words.txt``): English ("Harbours in winter", "Grain prices");
* otherwise (no function word, or evidence both ways) lingua decides, among the
  languages it is given (English, French, German, Spanish, Italian,
  Portuguese, Dutch; Latin left out: it claims English titles full of Latinate
  words), and only when its best guess is clear: another language at least
  ``MIN_CONFIDENCE`` and ``MIN_RATIO`` times English; English at least
  ``MIN_CONFIDENCE_EN`` and ``MIN_RATIO_EN`` times the next (less with English
  words or endings of its own).  A title of one word is left undecided.

Most titles are decided by their words, so lingua (about 0.7 ms a title) runs
for a few only.  :func:`title_language` answers "en", another code, or None
(undecided): the renderer puts a title in headline style only when it is
English (CMOS 17 8.159, 8.171, 11.27).  :func:`detect_language` is what the
normalizer records: a non-English code, or None (English or undecided: CSL's
default ``language`` is left unset).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from haliref import resources
from haliref.caches import memo

from ._base import Context, Record

__all__ = [
    "LANGUAGES",
    "LanguageDetect",
    "detect_language",
    "foreign_function_words",
    "load_detector",
    "title_language",
]

#: ISO 639-1 codes of the languages the detector chooses among, the most cited first.
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl")
MIN_CONFIDENCE = 0.4
MIN_CONFIDENCE_EN = 0.3
MIN_RATIO = 3.0
#: lingua's English needs less: a wrong "en" only capitalises, a wrong other language loses the case
MIN_RATIO_EN = 1.5
#: ... or this with English evidence of its own (an English ending: "Broken windows")
MIN_RATIO_EN_EVIDENCE = 1.15
#: a language leads another clearly when its evidence is at least this many times the other's
LEAD = 2.0
# words, with an elided article or preposition kept as its own token ("l'", "dell'", "d’")
_TOKEN = re.compile(r"[^\W\d_]{1,5}['’\u02bc](?=[^\W\d_]{2})|[^\W\d_\u02bc]+", re.UNICODE)
_SINGLE_LETTERS_COUNTED = frozenset("aeoyàé")   # lower-case one-letter words ("a", "e", "y", "o", "à")


@memo(None)
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def load_detector() -> None:
    """Load lingua and its language models now (the page server's warm-up): they load at the first title the
    words cannot decide, about two seconds, which a warm-up list decided by its words never reaches."""
    _detector().compute_language_confidence_values("load the models")


@memo(None)
def _word_index() -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((language, weight), ...): each word list's words, shared ones split evenly."""
    hints = resources.language_hints()
    owners: dict[str, set[str]] = defaultdict(set)
    for table in (hints.words, hints.common):
        for lang, words in table.items():
            for word in words:
                owners[word.replace("’", "'")].add(lang)
    return {w: tuple((lang, 1.0 / len(langs)) for lang in sorted(langs)) for w, langs in owners.items()}


@memo(None)
def _ending_index() -> tuple[tuple[int, ...], dict[str, tuple[str, ...]]]:
    """(ending lengths, longest first; ending -> languages) from the word-ending lists."""
    owners: dict[str, set[str]] = defaultdict(set)
    for lang, ends in resources.language_hints().suffixes.items():
        for end in ends:
            owners[end].add(lang)
    lengths = tuple(sorted({len(e) for e in owners}, reverse=True))
    return lengths, {e: tuple(sorted(langs)) for e, langs in owners.items()}


@memo(1 << 16)
def _token_scores(token: str) -> tuple[tuple[str, float], ...]:
    """The evidence one (case-folded) token gives: its word lists, else its ending and letters."""
    token = token.replace("’", "'").replace("\u02bc", "'")
    found = _word_index().get(token)
    if found is not None:
        return found
    out: dict[str, float] = {}
    for owners in (_ending_owners(token), _letter_owners(token)):
        for lang in owners:
            out[lang] = out.get(lang, 0.0) + 0.5 / len(owners)
    return tuple(sorted(out.items()))


def _ending_owners(token: str) -> list[str]:
    """The languages with a listed ending of this word (at least three letters before it)."""
    lengths, index = _ending_index()
    langs: set[str] = set()
    for n in lengths:
        if len(token) >= n + 3:
            langs.update(index.get(token[-n:], ()))
    return sorted(langs)


def _letter_owners(token: str) -> list[str]:
    if token.isascii():
        return []
    letters = set(token)
    return sorted(lang for lang, cs in resources.language_hints().chars.items() if letters & cs)


def evidence(text: str) -> tuple[int, dict[str, float], float]:
    """(number of words, language -> evidence, evidence against English) from the title's own words.

    Evidence against English counts only the tokens English does not share ("le", "und",
    "-ung"; not "in", "die" or "as")."""
    tokens = _TOKEN.findall(text)
    scores: dict[str, float] = {}
    not_english = 0.0
    shouting = text.isupper()
    for token in tokens:
        if len(token) == 1 and token not in _SINGLE_LETTERS_COUNTED:
            continue        # "I", initials, "A" of "Plan A": a capital letter alone tells nothing
        if not shouting and token.isupper() and token[-1].isalpha():
            continue        # an acronym or initials in a mixed-case title ("DDR", "Smith SA")
        found = _token_scores(token.casefold())
        for lang, weight in found:
            scores[lang] = scores.get(lang, 0.0) + weight
        if found and all(lang != "en" for lang, _ in found):
            not_english += sum(weight for _, weight in found)
    return len(tokens), scores, not_english


@memo(None)
def _known_letters() -> frozenset[str]:
    return frozenset().union(*resources.language_hints().chars.values())


def _foreign_letters(text: str) -> bool:
    """Letters none of the known languages writes ("ł", "ø", "ş"; Greek, Cyrillic): another language."""
    return not text.isascii() and any(
        ch.isalpha() and not ch.isascii() and ch != "\u02bc" and ch.casefold() not in _known_letters()
        for ch in text
    )


def _lingua(text: str, among: tuple[str, ...] = LANGUAGES) -> list[tuple[float, str]]:
    values = [
        (c.value, c.language.iso_code_639_1.name.lower())
        for c in _detector().compute_language_confidence_values(text)
    ]
    return sorted(((v, code) for v, code in values if code in among), key=lambda p: (-p[0], p[1]))


def _all_english_words(text: str) -> bool:
    """Two words or more, every one an English word (``data/english_common_words.txt``, from
    SCOWL) and none another language's function word that English has only as a common word
    ("Die Hard" stays undecided): "Harbours in winter", "Grain prices" are English though
    no function word says so."""
    words = [t.casefold().replace("’", "'") for t in _TOKEN.findall(text) if len(t) > 1 and not t.isupper()]
    common = resources.lower_set("english_common_words.txt")
    return len(words) >= 2 and all(w in common and w not in foreign_function_words() for w in words)


@memo(None)
def foreign_function_words() -> frozenset[str]:
    """Function words of the other languages that are no English function word ("die", "son")."""
    hints = resources.language_hints()
    english = hints.words.get("en", frozenset())
    return frozenset().union(*(ws for lang, ws in hints.words.items() if lang != "en")) - english


@memo(1 << 14)
def title_language(text: str) -> tuple[str | None, float]:
    """("en" or another ISO 639-1 code, confidence) for a title, or (None, 0.0) when undecided."""
    n_words, scores, not_english = evidence(text)
    if n_words < 2:
        return None, 0.0
    english = scores.get("en", 0.0)
    foreign_letters = _foreign_letters(text)
    foreign = sorted(((v, k) for k, v in scores.items() if k != "en"), key=lambda p: (-p[0], p[1]))
    top = foreign[0][0] if foreign else 0.0
    if english >= 1.0 and english >= LEAD * top:
        return "en", round(min(0.95, 0.6 + 0.15 * english), 2)
    if foreign_letters:
        return None, 0.0        # "ł", "ş", "ø": a language the detector does not know
    if not_english >= 1.0 and english < 0.5:
        second = foreign[1][0] if len(foreign) > 1 else 0.0
        if top >= 1.0 and top >= LEAD * second:
            return foreign[0][1], round(min(0.95, 0.6 + 0.15 * top), 2)
        among = tuple(k for v, k in foreign if v > 0)
        ranked = _lingua(text, among)
        if len(ranked) > 1 and ranked[0][0] >= MIN_RATIO_EN * ranked[1][0]:
            return ranked[0][1], 0.6
        # lingua cannot tell either ("Le Viet-minh": French or Italian): the language with the
        # most evidence, ties going to the one a historian's list cites more (LANGUAGES' order)
        leaders = [k for v, k in foreign if v == top]
        return min(leaders, key=LANGUAGES.index), 0.5
    if not_english == 0.0 and _all_english_words(text):
        return "en", 0.6
    ranked = _lingua(text)
    if not ranked:
        return None, 0.0
    (best_value, best), runner_up = ranked[0], (ranked[1][0] if len(ranked) > 1 else 0.0)
    if best == "en":
        ratio = MIN_RATIO_EN_EVIDENCE if english >= 0.5 > not_english else MIN_RATIO_EN
        if best_value < MIN_CONFIDENCE_EN or best_value < ratio * runner_up or (
            not_english >= 1.0 and not_english >= LEAD * english
        ):
            return None, 0.0    # the words say otherwise, or lingua is not sure: not sure enough to recapitalise
        return "en", round(min(0.9, best_value), 2)
    english_value = next((v for v, code in ranked if code == "en"), 0.0)
    if best_value < MIN_CONFIDENCE or best_value < MIN_RATIO * english_value:
        return None, 0.0
    return best, round(min(0.9, best_value), 2)


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code or None, confidence) for a title; None for English or undecided."""
    lang, confidence = title_language(text)
    return (None, 0.0) if lang in (None, "en") else (lang, confidence)


class LanguageDetect:
    name = "language-detect"

    def __call__(self, record: Record, ctx: Context) -> None:
        if record.get("language"):
            return
        title = record.get("title") or record.get("container-title")
        lang, confidence = detect_language(title) if title else (None, 0.0)
        if lang:
            record.set("language", ctx.propose("language", "", lang, self.name, confidence))
