"""A work's CSL-JSON as haliref hands it to citeproc (and to citeproc-js in the benchmark)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from haliref.normalize.language import title_language
from haliref.normalize.text import en_dash_ranges
from haliref.normalize.titles import headline_case, sentence_starts, short_title
from haliref.render.archival import _archival_title
from haliref.render.markup import _markup_free, _smart_quotes
from haliref.render.names import _NAME_VARS, _real_name_of_pseudonym
from haliref.render.titles import _AS_PRINTED_TYPES, _HEADLINE_VARS, _lang, guess_language, is_english


def _dated_source(item: dict[str, Any]) -> None:
    """A document known only by its source and date ("Hansard 9/6/39") is printed as a periodical's issue is,
    "Hansard, 1939", not "In Hansard. 1939."."""
    if (item["type"] == "document" and item.get("container-title") and not item.get("title")
            and not any(item.get(key) for key in _NAME_VARS)):
        item["type"] = "article-newspaper"


def prepare_item(item_id: str, csl: Mapping[str, Any]) -> dict[str, Any]:
    """A work's CSL-JSON as haliref hands it to citeproc (and to citeproc-js in the benchmark).

    Adds ``title-short`` (CMOS 14.29-14.31) when the item has none, the
    ``language`` of a clearly non-English title (lingua), typographic quotes, en dashes in
    titles' number ranges; English titles in headline style (CMOS 8.159-8.161).
    """
    item: dict[str, Any] = {"id": item_id}
    for key, value in csl.items():
        if key == "id":
            continue
        if key in _NAME_VARS and isinstance(value, list):
            item[key] = [
                {k: _smart_quotes(v) if isinstance(v, str) else v for k, v in name.items()}
                for name in value if isinstance(name, dict)
            ]
        elif isinstance(value, str) and key not in ("type", "language", "URL", "DOI", "ISBN", "ISSN"):
            item[key] = _smart_quotes(value)
        else:
            item[key] = value
    for var in _HEADLINE_VARS:  # the data keeps the hyphen printed; Chicago sets an en dash (CMOS 6.78)
        if isinstance(item.get(var), str):
            item[var] = en_dash_ranges(item[var])
    item.setdefault("type", "book")
    _archival_title(item)
    _dated_source(item)
    given = str(item.get("language") or "")
    title = item.get("title")
    if isinstance(title, str) and title:
        if not given:
            guessed = guess_language(title)
            if guessed:
                item["language"] = guessed
        if not item.get("title-short"):
            item["title-short"] = short_title(title, item.get("language"))
    _real_name_of_pseudonym(item)
    # headline style (CMOS 17 8.159-8.161) done here, once, raising case only, and only for
    # English: the language given, else a title confidently English (8.171, 11.27: a title
    # in another language, or one that cannot be told, keeps its case as printed);
    # citeproc-py's own title-casing is switched off (``_Text.case``)
    english = given[:2].lower() == "en" if given else isinstance(title, str) and bool(title) and is_english(title)
    foreign = _lang(item) != "en"       # the language given, or guessed above
    if item["type"] in _AS_PRINTED_TYPES:
        return item  # a case's name or a statute's title keeps its case as printed: "Roe v. Wade" (14.270)
    for var in _HEADLINE_VARS:
        value = item.get(var)
        if not isinstance(value, str):
            continue
        if var in ("title", "title-short"):
            headline, other = english, foreign
        elif var == "original-title":
            own = title_language(_markup_free(value))[0]
            headline, other = own == "en", own not in (None, "en")
        else:   # a container, series or part: its own language when its words tell, else the item's
            own = title_language(_markup_free(value))[0]
            headline = own == "en" or (own is None and english)
            other = own not in (None, "en") or (own is None and foreign)
        if headline:
            item[var] = headline_case(value)
        elif other:     # sentence style: the first word of title and subtitle capitalised (8.158, 11.27)
            item[var] = sentence_starts(value)
    return item
