"""A parliament's debates, cited by their name, volume, columns and day.

British and Commonwealth political history cites the record of debates by its
own short names and in no publisher's imprint a field labeller knows:

    HC Deb 5th Series Volume 412 Columns 1204, 1209, 3 March 1931.
    H.C. Deb., 5th ser., vol. 188, col. 1417.
    Speech by Lowe, 12 May 1921, Parl. Deb. (Commons), vol. 141, col. 1417.
    Northern Ireland House of Commons (Hansard), vol. 33, 4 November 1966, c. 87.
    Harbour Act of 1996, HR 2214, 104th Cong., 2nd sess., Congressional Record 142 (June 12, 1996): H6121.

The debates are a CSL ``document`` titled with the debates' name (the record
the day's sitting is printed in), with the volume and the day; the columns (or
pages) are the place cited, the note's locator; a speaker named before it
("Speech by Lowe, …") is its author. The series stays in the text cited. The
Congressional Record is cited under the day's debate's title: that is the
document's title, the record its container, the page its locator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DebatesParts", "debates_parts"]

#: The debates' name: "HC Deb", "H.C. Deb.", "H. of C. Deb.", "Parl. Deb. (Commons)", "Parliamentary Debates",
#: "House of Commons Debates", "… House of Commons (Hansard)", "Hansard"
_NAME = re.compile(
    r"(?P<name>(?:H\.?\s?[CL]\.?|H\.\s?of\s?[CL]\.?)\s?Debs?\.?(?:\s?\((?:Commons|Lords|HC|HL)\))?"
    r"|Parl(?:iamentary|\.)\s?Deb(?:ates|s|\.)?(?:\s?\((?:Commons|Lords|HC|HL)\))?"
    r"|(?:[A-Z][a-z]+\s){0,3}House\sof\s(?:Commons|Lords)(?:\s\((?:Hansard|HC|HL)\))?(?:\sDebates)?"
    r"|Hansard(?:\s\((?:Commons|Lords)\))?)"
    r"(?=[\s,.;]|$)"
)
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DATE = rf"(?:\d{{1,2}}\s{_MONTH}\s{_YEAR}|{_MONTH}\s\d{{1,2}},?\s{_YEAR}|{_YEAR})"
#: The parts after the name, in any order, each after a comma or a space: the series, the volume, the day, the
#: columns ("5th Series", "5th ser.", "5 s.", "Volume 412", "vol. 188", "(12 May 1922)", "cols 1204, 1209", "c. 87")
_SERIES = re.compile(r"(?P<series>\d{1,2}(?:st|nd|rd|th)?\s?(?:[Ss]eries|ser\.|s\.))")
_VOLUME = re.compile(r"(?:[Vv]ol(?:ume)?\.?)\s?(?P<volume>\d{1,4}|[ivxlc]{1,8})")
_COLUMNS = re.compile(
    rf"(?:[Cc]ol(?:umn)?s?\.?|c\.|cc\.|pp?\.)\s?(?P<columns>\d{{1,5}}(?:\s?[-–]\s?\d{{1,5}})?"
    rf"(?:,\s?\d{{1,5}}(?!\d)(?:\s?[-–]\s?\d{{1,5}})?(?!\s{_MONTH}))*)")  # "1204, 1209, 3 March 1931": a day, no column
_DAY = re.compile(rf"\(?(?P<date>{_DATE})\)?")
_SPEAKER = re.compile(r"^(?:[Ss]peech(?:es)?\s(?:by|of)\s)?(?P<speaker>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,2})$")


@dataclass(frozen=True)
class DebatesParts:
    """A sitting's debates as cited: the debates' name, series, volume, day, the columns cited, the speaker."""

    name: str
    series: str = ""
    volume: str = ""
    date: str = ""
    columns: str = ""
    speaker: str = ""
    prefix: str = ""
    text: str = ""
    title: str = ""  # the day's debate, where the record is cited under its title ("Debate on …")

    def spans(self) -> list[tuple[str, str]]:
        """(label, text) pairs for the normalizers: the debates' name is the title, or, under the debate's own
        title, the container; the kind a document."""
        named = [("title", self.title), ("container-title", self.name)] if self.title else [("title", self.name)]
        pairs = [("type", "document"), ("author", self.speaker), *named,
                 ("volume", self.volume), ("date", self.date)]  # the series stays in the text cited
        return [(label, text) for label, text in pairs if text]


#: The United States' record: "Debate on …, HR 2214, 104th Cong., 2nd sess., Congressional Record 142 (June 12,
#: 1996): H6121 (Lowe)": the day's debate, the bill, Congress and session, the volume, the day, the page
_RECORD = re.compile(
    r"(?P<name>Congressional Record|Cong\.\s?Rec\.)\s(?P<volume>\d{1,3})\s?\((?P<date>[^()]{4,30})\)"
    r"(?::\s?(?P<page>[HSE]?\d{1,6}(?:[-–][HSE]?\d{1,6})?))?(?:\s\([A-Z][\w’'. -]{1,30}\))?$")
#: What stands between a debate's title and the record: the bill, the Congress, the session
_SITTING = re.compile(r"(?:H\.?\s?R\.?|S\.)\s?\d{1,5}|\d{1,3}(?:st|nd|rd|th)\s(?:Cong\.|Congress)"
                      r"|\d(?:st|nd|rd|th)\s[Ss]ess\.?")


def _record(text: str) -> DebatesParts | None:
    """The Congressional Record's day cited under the debate's title, or None."""
    found = _RECORD.search(text)
    if found is None or not re.fullmatch(rf"\(?{_DATE}\)?", found["date"].strip()):
        return None
    parts = [part.strip() for part in text[: found.start()].rstrip(" ,").split(",")]
    while parts and _SITTING.fullmatch(parts[-1]):
        parts.pop()
    title = ", ".join(parts)
    if title and not title[:1].isupper():
        return None
    return DebatesParts(name=found["name"], volume=found["volume"], date=found["date"], columns=found["page"] or "",
                        title=title, text=text)


def debates_parts(chunk: str) -> DebatesParts | None:
    """The debates a note's chunk cites, its words before them its prefix, or None."""
    text = chunk.strip().rstrip(".;").strip()
    if "Cong" in text and (record := _record(text)) is not None:
        return record
    found = _NAME.search(text)
    if found is None:
        return None
    before = text[: found.start()].rstrip(" ,")
    prefix, speaker, date = _before_the_name(before)
    if prefix is None:
        return None
    parts = {"series": "", "volume": "", "date": date, "columns": ""}
    position = found.end()
    while position < len(text):
        while position < len(text) and text[position] in " ,":
            position += 1
        for key, pattern in (("series", _SERIES), ("volume", _VOLUME), ("columns", _COLUMNS), ("date", _DAY)):
            part = pattern.match(text, position)
            if part and not parts[key]:
                parts[key] = part[key]
                position = part.end()
                break
        else:
            if position < len(text):
                return None  # words the debates' citation does not hold: prose, or another shape
    if not (parts["volume"] or parts["columns"] or parts["date"]):
        return None  # the name alone ("the Hansard of that week"): no citation
    return DebatesParts(name=found["name"], series=parts["series"], volume=parts["volume"], date=parts["date"],
                        columns=parts["columns"], speaker=speaker, prefix=prefix,
                        text=text[found.start() :])


def _before_the_name(before: str) -> tuple[str | None, str, str]:
    """(the note's words, the speaker, the day) before the debates' name: "Speech by Lowe, 12 May 1921" gives
    the speaker and the day; a cue ("See") or nothing is the prefix; anything else is no debates' citation."""
    if not before:
        return "", "", ""
    pieces = [piece.strip() for piece in before.split(",")]
    day = pieces[-1] if len(pieces) > 1 and re.fullmatch(_DATE, pieces[-1]) else ""
    named = pieces[:-1] if day else pieces
    if len(named) == 1 and named[0].casefold() in _CUES:
        return named[0], "", day
    if len(named) == 1 and (speaker := _SPEAKER.match(named[0])):
        return "", speaker["speaker"], day
    return None, "", ""


_CUES = frozenset({"see", "see also", "cf.", "also", "quoted in", "cited in"})
