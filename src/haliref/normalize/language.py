"""Language of a title, by lingua (rule ``language-detect``).

lingua-language-detector is used because it was built for short text: a
bibliographic title is three to ten words, where n-gram detectors trained on
sentences (langid, langdetect) guess wildly.  Only the languages a historian's
list mostly cites in Latin script are loaded (English, French, German, Spanish,
Italian, Portuguese, Dutch): fewer candidates, fewer false guesses, and the
models load in a second.  Latin is left out on purpose: it claims English
titles full of Latinate words ("Cuba: Castroism and Communism").

English is the default: an English or undecided title leaves ``language``
unset (the CSL default), so only clear non-English titles get one.  "Clear"
means the best language has at least ``MIN_CONFIDENCE`` and ``MIN_RATIO``
times English's confidence, and the title has two words or more ("Le Monde"
and "Nicaragua" stay undecided).
"""

from __future__ import annotations

import re
from typing import Any

from haliref.caches import memo

from ._base import Context, Record

__all__ = ["LANGUAGES", "LanguageDetect", "detect_language"]

#: ISO 639-1 codes of the languages the detector chooses among.
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl")
MIN_CONFIDENCE = 0.4
MIN_RATIO = 3.0
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


@memo(None)
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


@memo(1 << 14)
def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code or None, confidence) for a title; None for English or undecided."""
    if len(_WORD.findall(text)) < 2:
        return None, 0.0
    values = {
        c.language.iso_code_639_1.name.lower(): c.value
        for c in _detector().compute_language_confidence_values(text)
    }
    if not values:
        return None, 0.0
    best = max(values, key=lambda k: (values[k], k))
    score, english = values[best], values.get("en", 0.0)
    if best == "en" or score < MIN_CONFIDENCE or score < MIN_RATIO * english:
        return None, 0.0
    return best, round(min(0.95, score), 2)


class LanguageDetect:
    name = "language-detect"

    def __call__(self, record: Record, ctx: Context) -> None:
        if record.get("language"):
            return
        title = record.get("title") or record.get("container-title")
        lang, confidence = detect_language(title) if title else (None, 0.0)
        if lang:
            record.set("language", ctx.propose("language", "", lang, self.name, confidence))
