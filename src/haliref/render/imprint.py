"""Publication facts the styles render wrong: a season as citeproc-py reads it (CMOS 17 14.171),
a reprint's two dates (14.114), a newspaper's section after its date (14.191)."""

from __future__ import annotations

import re
from typing import Any


def _year(item: dict[str, Any]) -> str:
    try:
        return str(item["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError):
        return ""


#: CSL's season numbers (the locale's terms season-01 ... season-04)
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def _season_date(value: Any) -> Any:
    """A date's season as citeproc-py reads it: a number 1-4 (CMOS 17 14.171, "Winter 1959").

    CSL-JSON gives a season by name (``"season": "Winter"``) or as a month 13-16 or 21-24 of
    ``date-parts``; citeproc-py renders only the number and drops the rest silently.
    """
    if not isinstance(value, dict) or not isinstance(value.get("date-parts"), list):
        return value
    out = dict(value)
    season = out.get("season")
    if isinstance(season, str) and season.strip().casefold() in _SEASONS:
        out["season"] = _SEASONS[season.strip().casefold()]
    parts = out["date-parts"]
    if parts and isinstance(parts[0], list) and len(parts[0]) == 2 and str(parts[0][1]).isdigit():
        month = int(parts[0][1])
        if 13 <= month <= 16 or 21 <= month <= 24:
            out["season"] = month - 12 if month <= 16 else month - 20
            out["date-parts"] = [[parts[0][0]], *parts[1:]]
    return out


def _reprint(item: dict[str, Any], text: str, bib: bool, author_date: bool) -> str:
    """A reprint (CMOS 17 14.114): "1923. Reprint, New York: Dover, 1970." in the bibliography,
    "(1923; repr., New York: Dover, 1970)" in a note; in author-date the original year is in the
    date already, "(1923) 1970. ... Reprint, New York: Dover."
    """
    orig = _year({"issued": item.get("original-date")}) if item.get("original-date") else ""
    if orig and item.get("issued"):
        if bib and author_date:
            text = re.sub(rf"(?<=\. ){orig}; ", "Reprint, ", text, count=1)
        elif bib:
            text = text.replace(f"{orig}; ", f"{orig}. Reprint, ", 1)
        else:
            text = text.replace(f"({orig}; ", f"({orig}; repr., ", 1)
    return text


def _newspaper_section(item: dict[str, Any], text: str) -> str:
    """A newspaper's section after its name and date, "Times, May 20, 1968, Foreign News section"
    (CMOS 17 14.191); the style put it before the name."""
    section = item.get("section")
    if item.get("type") == "article-newspaper" and isinstance(section, str) and section.strip():
        section = section.strip()
        year = _year(item)
        for sep in (". ", ", "):
            if section + sep in text and year:
                text = text.replace(section + sep, "", 1)
                at = text.rfind(year)
                if at >= 0:
                    label = section if section.lower().endswith("section") else section + " section"
                    text = text[: at + len(year)] + ", " + label + text[at + len(year):]
                break
    return text
