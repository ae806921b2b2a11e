"""Numbers: edition, page ranges, volume/issue labels, dates.

Label words ("pp.", "vol.", "no.") are stripped as part of the trivial parse
(:func:`split_volume`, :func:`strip_page_label`); the corrections are
``edition-number`` and ``page-range-expand``. Dates are parsed structurally
(:func:`parse_date`).
"""

from __future__ import annotations

import re
from typing import Any

from haliref import resources as _data

from ._base import Context, Record, strip_edges

__all__ = ["Edition", "PageRange", "parse_date", "split_volume", "strip_page_label"]

_PAGE_LABEL = re.compile(
    r"^(?:pp?\.?|pages?|pgs?\.?|S\.|Seiten?|pág(?:s|inas?)?\.?)\s*(?=[\dIVXLCivxlc])", re.IGNORECASE
)


def strip_page_label(text: str) -> str:
    return strip_edges(_PAGE_LABEL.sub("", text))


# "v. 5", as American and science references abbreviate the volume, before a number only
_VOLUME = re.compile(r"^(?:vols?\.?|volumes?|bd\.?|bde\.?|band|tome|t\.|tomo|v\.(?=\s*(?:\d|[ivxlc]+\b)))\s*(?P<v>.+)$",
                     re.IGNORECASE)
_ISSUE = re.compile(
    r"^(?:no\.?|nos\.?|nr\.?|n°|nº|n\.|num\.?|número|numéro|issue|iss\.?|heft|h\.|fasc\.?)\s*(?P<v>.+)$", re.IGNORECASE
)
_NUM_VOLUMES = re.compile(r"^(?P<v>\d+)\s*(?:vols?\.?|volumes|bde\.?|bände|tomes)$", re.IGNORECASE)
# "12(3)", and "40: 3" as British journals write volume and issue
_VOL_PAREN_ISSUE = re.compile(r"^(?P<v>\d+)\s*(?:\((?P<i>[\w–\-/]+)\)|:\s*(?P<n>\d{1,3}))$")
#: A roman volume and its issue after a comma, as older journals print them: "IV, i", "XX, 3"
_ROMAN_VOL_ISSUE = re.compile(r"^(?P<v>[IVXLC]+),\s*(?P<i>[ivxlc]+|\d{1,3})$")


def split_volume(text: str) -> dict[str, str]:
    """A volume span -> {volume, issue, number-of-volumes} (labels stripped; trivial parse).

    "vol. 3" -> volume 3; "no. 7" -> issue 7; "12(3)" and "12: 3" -> volume 12, issue 3;
    "vol. 3, no. 2" -> both; "IV, i" -> volume IV, issue i; "3 vols" -> number-of-volumes 3; "Vol. 3, Part A" ->
    volume "3, Part A".
    """
    out: dict[str, str] = {}
    text = strip_edges(text)
    if not text:
        return out
    m = _NUM_VOLUMES.match(text)
    if m:
        return {"number-of-volumes": m["v"]}
    pieces = [
        strip_edges(p) for p in re.split(r",\s*(?=(?:no|nos|nr|n°|nº|issue|heft|h)\b\.?)", text, flags=re.IGNORECASE)
    ]
    for piece in pieces:
        if not piece:
            continue
        m = _ISSUE.match(piece)
        if m:
            out["issue"] = strip_edges(m["v"])
            continue
        m = _VOLUME.match(piece)
        value = strip_edges(m["v"]) if m else piece
        m2 = _VOL_PAREN_ISSUE.match(value) or _ROMAN_VOL_ISSUE.match(value)
        if m2:
            out["volume"], out["issue"] = m2["v"], m2.groupdict().get("i") or m2.groupdict().get("n") or ""
        else:
            out["volume"] = value
    return out


class Edition:
    """"second edition", "2nd edn", "3rd ed.", "2e éd.", "2. Aufl." -> "2" (0.95).

    Only when the whole field is an ordinal plus an edition word; "revised
    edition" or "2nd revised and enlarged edition" stay as they are.
    """

    name = "edition-number"
    confidence = 0.95
    _word = r"(?:editions?|edn|edns|ed|éd|édition|edición|edizione|ediz|auflage|aufl|uitgave|druk)\.?"
    _numeric = re.compile(rf"^(?P<n>\d{{1,3}})\s*(?:st|nd|rd|th|e|er|re|ème|è|a|ª|º|o|\.)?\s*{_word}$", re.IGNORECASE)
    _ordinal = re.compile(rf"^(?P<w>[^\W\d_]+)\s+{_word}$", re.IGNORECASE)

    def number(self, text: str) -> str | None:
        text = text.strip()
        if text.isdigit():
            return None
        m = self._numeric.match(text)
        if m:
            return str(int(m["n"]))
        m = self._ordinal.match(text)
        if m and m["w"].casefold() in _data.ordinals():
            return str(_data.ordinals()[m["w"].casefold()])
        return None

    def __call__(self, record: Record, ctx: Context) -> None:
        value = record.get("edition")
        n = self.number(value) if value else None
        if n:
            record.set("edition", ctx.propose("edition", value, n, self.name, self.confidence))


class PageRange:
    """Abbreviated second page of a range written out: 115–17 -> 115–117, 195–6 -> 195–196 (0.95); a range
    whose dash the page lost between two pages alone, the second the later ("337 342" -> 337–342)."""

    name = "page-range-expand"
    confidence = 0.95
    _range = re.compile(r"(?<!\d)(\d+)\s*[–-]\s*(\d+)(?!\d)")
    _spaced = re.compile(r"^(\d{1,5}) (\d{1,5})$")

    def _dashed(self, page: str) -> str:
        m = self._spaced.match(page)
        return f"{m[1]}–{m[2]}" if m and int(m[1]) < int(m[2]) else page

    def _expand(self, m: re.Match[str]) -> str:
        first, second = m[1], m[2]
        if len(second) < len(first):
            full = first[: len(first) - len(second)] + second
            if int(full) > int(first):
                return f"{first}–{full}"
        return m[0]

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in ("page", "locator"):
            value = record.get(key)
            if value:
                fixed = self._range.sub(self._expand, self._dashed(value) if key == "page" else value)
                record.set(key, ctx.propose(key, value, fixed, self.name, self.confidence))


_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"


def _month(word: str) -> int | None:
    return _data.months().get(word.casefold().rstrip("."))


def parse_date(text: str) -> dict[str, Any] | None:
    """A date span -> CSL date: {"date-parts": [[1992]]}, with month/day, ranges, "[1938]" original.

    Returns None for "n.d." and an empty text, {"literal": text} when nothing is
    recognised. An "original-date" key rides along when a bracketed first
    edition year follows ("1970 [1938]").
    """
    text = strip_edges(text)
    if not text or re.fullmatch(r"n\.?\s*d\.?|s\.?\s*d\.?|o\.?\s*j\.?|undated|no date", text, re.IGNORECASE):
        return None
    out: dict[str, Any] = {}
    original = re.search(rf"[\[(]\s*({_YEAR})\s*[\])]", text)
    rest = text
    if original:
        rest = (text[: original.start()] + text[original.end() :]).strip()
        if re.search(_YEAR, rest):
            out["original-date"] = {"date-parts": [[int(original[1])]]}
        else:
            rest = original[1]
    m = re.fullmatch(rf"({_YEAR})\s*[–-]\s*(\d{{1,4}})", strip_edges(rest))
    if m:
        a, b = m[1], m[2]
        b_full = a[: 4 - len(b)] + b
        if int(b_full) > int(a):
            out["date-parts"] = [[int(a)], [int(b_full)]]
            return _date_first(out)
    if numeric := _NUMERIC_DATE.fullmatch(strip_edges(rest)):
        out["date-parts"] = [_numeric_date_parts(numeric)]
        return _date_first(out)
    year = re.search(_YEAR, rest)
    if not year:
        return {"literal": text}
    parts = [int(year[0])]
    words = re.findall(r"[^\W\d_]+\.?|\d{1,2}(?!\d)", rest[: year.start()] + " " + rest[year.end() :])
    month = next((_month(w) for w in words if _month(w)), None)
    if month:
        parts.append(month)
        day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31), None)
        if day:
            parts.append(day)
    else:
        iso = re.fullmatch(rf"({_YEAR})-(\d{{1,2}})(?:-(\d{{1,2}}))?", rest)
        if iso:
            parts = [int(x) for x in iso.groups() if x]
    out["date-parts"] = [parts]
    return _date_first(out)


#: "9/6/39", "8/20/14", "21.1.1972": a date in figures, day and month in either order.
_NUMERIC_DATE = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{2}|\d{4})")
_TWENTIETH_CENTURY = 1900  # a two-digit year: sources cited by figures alone are mostly of that century


def _numeric_date_parts(match: re.Match[str]) -> list[int]:
    """[year, month, day] where the order shows (a day above 12: "8/20/14" is August 20, "21.1.72" January
    21), else [year] alone ("9/6/39": 9 June or September 6)."""
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    year += _TWENTIETH_CENTURY if year < 100 else 0
    if 12 < first <= 31 and 1 <= second <= 12:
        return [year, second, first]
    if 12 < second <= 31 and 1 <= first <= 12:
        return [year, first, second]
    return [year]


def _date_first(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in ("date-parts", "original-date") if k in d}
