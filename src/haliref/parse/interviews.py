"""Interviews cited in notes: "Interview with Ann Roe, Leeds, 1964." and "Sir Ann Roe MP, chairman of the
committee, interview with author, 3 May 1990."

Historians cite the interviews they held, or found in an oral-history
collection, in two shapes no field labeller trained on published references
reads: "Interview with" and the person, then perhaps where and when; or the
person, perhaps their office, then "interview with (the) author" or
"interviewed by the author" and perhaps the date. The person is the CSL
``interview``'s author (CMOS 14.219), its title the words as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from haliref.parse.archival import YEAR, YEAR_WORD, ArchivalParts

__all__ = ["InterviewParts", "interview_parts"]

#: a person's name as printed: capitalised words and initials ("Sir Ann Roe", "A. B. Roe", "Ann de Roe")
_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|der|du|la))*"
#: "Interview with Ann Roe (her grandson), Leeds, 1964": the person, a remark in brackets, then where and when
_WITH = re.compile(rf"^(?P<title>(?:An?\s+)?[Ii]nterview\s+with\s+(?P<name>{_NAME}))(?:\s*\([^()]*\))?"
                   r"(?:,\s*(?P<rest>[^;]*))?$")
#: "Sir Ann Roe MP, chairman of the committee, interview with author, 3 May 1990"
_BY_AUTHOR = re.compile(rf"(?:^|(?<=[:;.]\s))(?P<name>{_NAME})(?:,\s*[^,;:]{{1,80}}?)*,?\s+"
                        r"(?P<title>[Ii]nterview(?:ed)?\s+(?:with|by)\s+(?:the\s+)?author)(?:,\s*(?P<rest>[^;]*))?$")
#: letters after a name ("MP", "QC", "KCB"): an office, not the family name
_POST_NOMINALS = re.compile(r"(?:\s+[A-Z]{2,4})+$")
_MAX_PART_WORDS = 6  # a place is a few words; a longer part is the note's own remark
_MAX_PLACE_PARTS = 2  # "Leeds, Yorkshire"


@dataclass(frozen=True)
class InterviewParts(ArchivalParts):
    """An interview's person, title as printed, place and date."""

    place: str = ""

    def spans(self) -> list[tuple[str, str]]:
        pairs = [("type", "interview"), ("author", self.author), ("title", self.title), ("location", self.place),
                 ("date", self.date)]
        return [(label, text) for label, text in pairs if text]


def _where_and_when(rest: str) -> tuple[str, str] | None:
    """The place and the date after the person: comma-separated parts, the one with a year the date (and a
    month-first date's day before it), the few words before it the place; None for anything else (prose)."""
    parts = [part.strip() for part in rest.rstrip(" .").split(",") if part.strip()]
    place: list[str] = []
    date: list[str] = []
    for part in parts:
        if YEAR_WORD.search(part) and len(part.split()) <= _MAX_PART_WORDS:
            date.append(part)
        elif not date and not YEAR_WORD.search(part) and len(part.split()) <= _MAX_PART_WORDS:
            place.append(part)
        elif date and re.fullmatch(YEAR, part):
            date.append(part)
        else:
            return None
    if len(place) > _MAX_PLACE_PARTS:
        return None  # "Lowe, Bob, Harbour Hour, Leeds Television": a broadcast's parts, not a place
    return ", ".join(place), ", ".join(date)


def interview_parts(chunk: str) -> tuple[InterviewParts, str] | None:
    """(the interview's parts, the author's words before it) of a chunk that cites an interview, or None."""
    text = chunk.strip().rstrip(".;").strip()
    if match := _WITH.match(text):
        where_when = _where_and_when(match["rest"] or "")
        if where_when is None:
            return None
        name, prefix = match["name"], ""
    elif match := _BY_AUTHOR.search(text):
        where_when = ("", match["rest"].strip()) if match["rest"] and YEAR_WORD.search(match["rest"]) else ("", "")
        if match["rest"] and not where_when[1]:
            return None
        name, prefix = match["name"], text[: match.start()].strip()
    else:
        return None
    person = _POST_NOMINALS.sub("", name)
    place, date = where_when
    return InterviewParts(author=person, title=match["title"], date=date, place=place), prefix
