"""Titles: their language (a title is put in headline style only when it is English, CMOS 17
8.171, 11.27) and the article a title loses when sorted."""

from __future__ import annotations

from typing import Any

from haliref import resources as _data
from haliref.normalize.language import detect_language, title_language
from haliref.render.markup import _markup_free

# the languages whose articles (data/articles.tsv: English's all, the others' definite) a title loses when sorted
_SORT_ARTICLE_LANGUAGES = ("en", "fr", "de")


def _sort_articles(lang: str) -> tuple[str, ...]:
    if lang not in _SORT_ARTICLE_LANGUAGES:
        return ()
    found = _data.articles()
    kinds = ("definite", "indefinite") if lang == "en" else ("definite",)
    return tuple(article for kind in kinds for article in found.get((lang, kind), ()))


#: items whose titles keep their case as printed: a case's parties ("Roe v. Wade"), a statute's title
_AS_PRINTED_TYPES = frozenset({"legal_case", "legislation"})
#: variables in headline style when the item is English (an English original-title always)
_HEADLINE_VARS = ("title", "title-short", "container-title", "container-title-short", "collection-title",
                  "volume-title", "part-title", "reviewed-title", "original-title")


def guess_language(title: str) -> str | None:
    """The title's language when it is clearly not English (CMOS 17 8.171, 11.27), else None."""
    return detect_language(_markup_free(title))[0]


def is_english(title: str) -> bool:
    """True only when the title is confidently English: nothing else is put in headline style."""
    return title_language(_markup_free(title))[0] == "en"


def _lang(item: dict[str, Any]) -> str:
    return str(item.get("language") or "en")[:2].lower()


def _strip_article(title: str, lang: str | None = None) -> str:
    low = title.lower()
    arts = (
        _sort_articles(lang) + _sort_articles("en")
        if lang
        else tuple(a for language in _SORT_ARTICLE_LANGUAGES for a in _sort_articles(language))
    )
    for art in sorted(arts, key=len, reverse=True):
        if art.endswith(("'", "\u2019")):
            if low.startswith(art) and len(title) > len(art):
                return title[len(art):]
        elif low.startswith(art + " ") and len(title) > len(art) + 1:
            return title[len(art) + 1:]
    return title
