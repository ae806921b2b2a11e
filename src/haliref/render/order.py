"""Bibliography order (CMOS 17 14.68; author-date 15.17-15.19) and author-date's year letters
(1953a, 1953b): citeproc-py's sort is not used."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from haliref.render.imprint import _year
from haliref.render.markup import _MARKERS
from haliref.render.names import _SORT_ROLES
from haliref.render.parts import _unsigned_part
from haliref.render.titles import _lang, _strip_article


def _fold(s: str) -> str:
    s = re.sub(r"<[^>]+>|[" + _MARKERS + "]", "", s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"'\u2014\u2013\-\[\]().,:;!?]", " ", s)
    return " ".join(s.casefold().split())


def _names_sort(names: list[dict[str, Any]]) -> str:
    parts = []
    for n in names:
        if "literal" in n:
            parts.append(_fold(str(n["literal"])))
        else:
            # demote-non-dropping-particle="display-and-sort": "Dam, Hendrik van"
            parts.append(
                _fold(
                    " ".join(
                        str(n.get(k, "")) for k in ("family", "given", "dropping-particle", "non-dropping-particle")
                    )
                )
            )
    return " ; ".join(parts)


def _sort_key(item: dict[str, Any], by_date: bool = False) -> tuple:
    """Bibliography order: names (or title), then title (CMOS 17 14.68), or, in author-date,
    dated works by year, then "n.d.", then forthcoming, one year's works by title
    (CMOS 17 15.17-15.19)."""
    lang = _lang(item)
    title = _fold(_strip_article(str(item.get("title", "")), lang))
    names = ""
    for role in () if _unsigned_part(item) else _SORT_ROLES:
        if item.get(role):
            names = _names_sort(item[role])
            break
    head = names or title
    issued = item.get("issued") or {}
    try:
        year = int(issued.get("date-parts", [[0]])[0][0])
    except (TypeError, ValueError, IndexError):
        year = 0
    if by_date:
        group = 0 if year else (2 if item.get("status") else 1)
        return (head, group, year, title, str(item.get("volume", "")), str(item.get("id")))
    return (head, title, str(item.get("volume", "")), year, str(item.get("id")))


def _add_year_suffixes(prepared: list[dict[str, Any]]) -> None:
    """Author-date: same names and year -> 1953a, 1953b in bibliography order (CMOS 17 15.19)."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for item in sorted(prepared, key=lambda it: _sort_key(it, by_date=True)):
        item.pop("year-suffix", None)
        # "n.d." and forthcoming works are two groups, never lettered together
        key = (_contributor_key(item) or (_fold(_strip_article(str(item.get("title", "")), _lang(item))),),
               _year(item), bool(item.get("status")))
        groups.setdefault(key, []).append(item)
    for group in groups.values():
        if len(group) > 1:
            for n, item in enumerate(group):
                item["year-suffix"] = chr(ord("a") + n) if n < 26 else f"a{n}"


def _contributor_key(item: dict[str, Any]) -> tuple:
    for role in () if _unsigned_part(item) else _SORT_ROLES:
        if item.get(role):
            return (role, _names_sort(item[role]))
    return ()
