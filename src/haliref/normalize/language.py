"""Language of a title from ``data/language_stopwords.tsv`` (rule ``language-detect``).

Each token gives 1/k to each of the k languages listing it as a function word;
word endings and characteristic letters give half that. English ("en") counts
as counter-evidence only: an English or undecided title leaves ``language``
unset (the CSL default), so only clear non-English titles get one.
"""

from __future__ import annotations

import re

from haliref import resources as _data
from haliref.caches import memo

from ._base import Context, Record

__all__ = ["LanguageDetect", "detect_language"]

MIN_SCORE = 1.5
MIN_RATIO = 2.0
_TOKEN = re.compile(r"[^\W\d_]+['’]?", re.UNICODE)


def language_scores(text: str) -> dict[str, float]:
    hints = _data.language_hints()
    scores = dict.fromkeys(hints.languages, 0.0)
    for raw in _TOKEN.findall(text):
        for lang, increment in _token_scores(raw):  # same additions, same order: same floats
            scores[lang] += increment
    return scores


@memo(1 << 16)
def _token_scores(raw: str) -> tuple[tuple[str, float], ...]:
    """The additions one token makes to the scores, in order (cached: tokens repeat a lot)."""
    hints = _data.language_hints()
    out: list[tuple[str, float]] = []
    token = raw.casefold().replace("’", "'")
    if token.endswith("'") and len(token) > 2:
        token = token[:-1]
    langs = [lang for lang, words in hints.words.items() if token in words]
    out.extend((lang, 1 / len(langs)) for lang in langs)
    if len(token) > 4:
        langs = [lang for lang, sfx in hints.suffixes.items() if token.endswith(sfx)]  # sfx: a tuple
        out.extend((lang, 0.5 / len(langs)) for lang in langs)
    letters = set(token)
    langs = [lang for lang, chars in hints.chars.items() if letters & chars]
    out.extend((lang, 0.5 / len(langs)) for lang in langs)
    return tuple(out)


def detect_language(text: str) -> tuple[str | None, float]:
    """(language code or None, confidence)."""
    scores = language_scores(text)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return None, 0.0
    best, best_score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best == "en" or best_score < MIN_SCORE or best_score < MIN_RATIO * second:
        return None, 0.0
    return best, round(min(0.95, best_score / (best_score + second)), 2)


class LanguageDetect:
    name = "language-detect"

    def __call__(self, record: Record, ctx: Context) -> None:
        if record.get("language"):
            return
        title = record.get("title") or record.get("container-title")
        lang, confidence = detect_language(title) if title else (None, 0.0)
        if lang:
            record.set("language", ctx.propose("language", "", lang, self.name, confidence))
