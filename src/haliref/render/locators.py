"""Cited locators ("p. 341" -> ('page', '341')) and page ranges abbreviated per CMOS 17 9.61
(defect 6: citeproc-py follows CMOS 15)."""

from __future__ import annotations

import re


def _abbreviate_last(first: str, last: str, range_format: str | None = "chicago-16") -> str:
    """The last number of a range, abbreviated per CMOS 17 9.61 (``chicago-16``)."""
    if not (first.isdigit() and last.isdigit()):
        return last
    if len(last) < len(first):           # "45-6" means 45-46
        last = first[: len(first) - len(last)] + last
    if int(last) <= int(first) or range_format is None or range_format == "expanded":
        return last
    common = 0
    for a, b in zip(first, last, strict=False):
        if a != b:
            break
        common += 1
    if range_format == "minimal":
        return last[common:]
    if range_format == "minimal-two":
        return last[min(common, len(first) - 2):] if len(first) >= 2 else last
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        n = int(first)
        if len(first) != len(last) or n < 100 or n % 100 == 0:
            return last
        if range_format == "chicago-15" and len(first) >= 4 and common < 2:
            return last
        if n % 100 < 10:
            return last[common:]
        return last[min(common, len(first) - 2):]
    return last


_RANGE_RE = re.compile(r"(?<![\d.])(\d+)\s*[-\u2013\u2012\u2014]+\s*(\d+)(?![\d.])")
_ROMAN_RANGE_RE = re.compile(r"\b([ivxlcdm]+)\s*[-\u2013]\s*([ivxlcdm]+)\b", re.I)


def _format_ranges(text: str, range_format: str = "chicago-16") -> str:
    """Abbreviate every numeric range of a locator, with an en dash."""
    text = _RANGE_RE.sub(
        lambda m: m.group(1) + "\u2013" + _abbreviate_last(m.group(1), m.group(2), range_format), text
    )
    return _ROMAN_RANGE_RE.sub(lambda m: m.group(1) + "\u2013" + m.group(2), text)


_LOCATOR_LABELS = [
    (r"pp?\.?|pages?|pgs?\.", "page"),
    (r"nn?\.|notes?", "note"),
    (r"chaps?\.|chapters?|ch\.", "chapter"),
    (r"secs?\.|sections?|\u00a7\u00a7?", "section"),
    (r"figs?\.|figures?", "figure"),
    (r"paras?\.|paragraphs?|\u00b6\u00b6?", "paragraph"),
    (r"ll?\.|lines?", "line"),
    (r"fols?\.|folios?", "folio"),
    (r"cols?\.|columns?", "column"),
    (r"bk\.|books?", "book"),
    (r"pts?\.|parts?", "part"),
]


def parse_locator(locator: str, work_volume: str | None = None) -> tuple[str, str] | None:
    """'p. 341' -> ('page', '341'); 'vol. 3, pp. 303-4' and 'Vol. 3. pp. 303-4' -> ('page', '3:303-4')."""
    loc = (locator or "").strip().rstrip(".,;").strip()
    if not loc:
        return None
    m = re.match(r"^vols?\.?\s*([\dIVXLCivxlc]+)\s*[,:.]?\s*(?:pp?\.?\s*)?(.*)$", loc, re.I)  # "vol. ii. p. 76"
    if m:
        vol, rest = m.group(1), m.group(2).strip()
        if not rest:
            return ("volume", vol)
        if work_volume and str(work_volume).strip() == vol:
            return ("page", rest)
        return ("page", f"{vol}:{rest}")
    for pattern, label in _LOCATOR_LABELS:
        m = re.match(rf"^(?:{pattern})\s*(.+)$", loc, re.I)
        if m:
            return (label, m.group(1).strip())
    return ("page", loc)
