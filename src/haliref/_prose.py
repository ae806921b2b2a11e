"""Citations inside running prose: an article rather than a list of notes.

An input is *prose* when it has no numbered list and most of its text stands in
long paragraphs. In prose only bracketed citations are taken, each with the
sentence it stands in as its prefix (the rest of the sentence after it as
suffix):

* ``(Firstname Surname, Title)`` — a personal name (the same name test as the
  note splitter's), a comma, a capitalised title: a work with author and title,
  flagged incomplete (no imprint);
* ``(The Paper, 21.1.72)`` / ``(The Paper, 21 January 1972)`` /
  ``(The Paper, January 21, 1972)`` — a capitalised name and a day-month-year
  date: an ``article-newspaper`` with its container title and full date.

Anything else in brackets — a bare date "(July 26, 1920)", an aside
"(and the Soviet Union)" — is prose. A header line "First published: Periodical
No. 1, Spring 1972" makes a work for the document itself, titled by the nearest
short line above it.

Nothing is lost: each paragraph holding a citation becomes a note (number None)
with the whole paragraph as its text; every other non-blank line goes to
``dropped`` with the reason "prose" (blank lines: "blank line").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import _data
from ._model import Citation, Document, Dropped, Flag, Note, Work
from ._segment import _marker, clean_line
from ._split import _names_end, _paren_groups

__all__ = ["ProseCitation", "find_citations", "is_prose", "parse_prose"]

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMERIC_DATE = re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{2}|\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^(?P<m>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})$")
_PERIODICAL = re.compile(r"^(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of|and|&|the|de|du|des|[A-Z][\w'’&.-]*))*$")
_TITLE = re.compile(r"^[A-Z\"“‘'][^()]{2,200}$")
_HEADER = re.compile(
    r"^first\s+published\s*:\s*(?P<container>.+?)(?:,?\s+(?:no\.|number|vol\.)\s*(?P<issue>\d+))?"
    r"(?:,\s*(?P<when>[^,]*?(?P<year>" + _YEAR + r")))?\s*$",
    re.IGNORECASE,
)
INCOMPLETE = "incomplete-prose-citation"


@dataclass(frozen=True)
class ProseCitation:
    """A bracketed citation found in a paragraph: its CSL fields and where it stood."""

    csl: dict
    text: str
    start: int
    end: int
    sentence: str
    prefix: str
    suffix: str
    incomplete: bool


def is_prose(text: str) -> bool:
    """Most of the text in long paragraphs (≥ 250 characters a line) that are not numbered list items.

    A short numbered list inside an article ("1) …", "2) …") does not make it a
    list; a notes list has its long lines behind note numbers.
    """
    filled = [(raw, clean_line(raw)) for raw in text.splitlines()]
    filled = [(raw, line) for raw, line in filled if line]
    long_lines = [line for raw, line in filled if len(line) >= 250 and not _marker(raw)]
    total = sum(len(line) for _, line in filled)
    return len(long_lines) >= 2 and sum(len(line) for line in long_lines) * 2 >= total


def _month(name: str) -> int | None:
    for line in _data.word_list("months.tsv"):
        word, number = line.split("\t")
        if word == name.casefold().rstrip("."):
            return int(number)
    return None


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year <= date.today().year % 100 else 1900
    return year


def _date(text: str) -> list[int] | None:
    """[year, month, day] of a full day-month-year date, else None."""
    if match := _NUMERIC_DATE.match(text):
        day, month = int(match["d"]), int(match["m"])
    elif match := _DAY_MONTH_YEAR.match(text) or _MONTH_DAY_YEAR.match(text):
        day, month = int(match["d"]), _month(match["m"]) or 0
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return [_year(match["y"]), month, day]


def _classify(inner: str) -> tuple[dict, bool] | None:
    """The CSL fields of a bracketed citation and whether it lacks imprint data, or None."""
    inner = inner.strip().rstrip(".")
    head, comma, tail = inner.rpartition(",")
    if comma and (issued := _date(tail.strip())) and _PERIODICAL.match(head.strip()):
        csl = {"type": "article-newspaper", "container-title": head.strip(), "issued": {"date-parts": [issued]}}
        return csl, False
    end = _names_end(inner)
    if not end or inner[end : end + 1] != ",":
        return None
    title = inner[end + 1 :].strip()
    if not _TITLE.match(title) or _date(title) or re.fullmatch(rf".*\b{_YEAR}\b.*", title):
        return None
    given, _, family = inner[:end].rpartition(" ")
    return {"type": "book", "author": [{"family": family, "given": given}], "title": title}, True


def _sentence_bounds(text: str, begin: int, end: int) -> tuple[int, int]:
    starts = [m.end() for m in re.finditer(r"[.!?][’”\"']?\s+(?=[A-Z“‘\"'])", text[:begin])]
    start = starts[-1] if starts else 0
    after = re.search(r"[.!?](?=[’”\"']?\s|[’”\"']?$)", text[end:])
    stop = end + after.end() if after else len(text)
    return start, stop


def find_citations(paragraph: str) -> list[ProseCitation]:
    """The bracketed citations of one paragraph, in order."""
    found = []
    for begin, end in _paren_groups(paragraph):
        if paragraph[begin] != "(":
            continue
        classified = _classify(paragraph[begin + 1 : end - 1])
        if classified is None:
            continue
        csl, incomplete = classified
        start, stop = _sentence_bounds(paragraph, begin, end)
        found.append(
            ProseCitation(
                csl=csl,
                text=paragraph[begin + 1 : end - 1],
                start=begin,
                end=end,
                sentence=paragraph[start:stop].strip(),
                prefix=paragraph[start:begin].strip(),
                suffix=paragraph[end:stop].strip(" .,;"),
                incomplete=incomplete,
            )
        )
    return found


def _header_work(lines: list[str], index: int) -> tuple[dict, int | None] | None:
    """The document's own work from a "First published:" line, and the line index of its title."""
    match = _HEADER.match(lines[index])
    if not match:
        return None
    title, title_index = "", None
    for above in range(index - 1, -1, -1):
        if lines[above] and len(lines[above]) <= 120:
            title, title_index = lines[above], above
            break
    csl: dict = {"type": "article-journal", "container-title": match["container"].strip()}
    if title:
        csl["title"] = title
    if match["issue"]:
        csl["issue"] = match["issue"]
    if match["year"]:
        csl["issued"] = {"date-parts": [[int(match["year"])]]}
    return csl, title_index


def parse_prose(text: str) -> Document:
    """The prose pipeline: header work, bracketed citations, every other line dropped as prose."""
    from ._merge import Cited, assign_keys, merge

    raw_lines = text.splitlines()
    lines = [clean_line(line) for line in raw_lines]
    notes: list[Note] = []
    dropped: list[Dropped] = []
    pending: list[tuple[Note, ProseCitation | None, str]] = []
    cited: list[Cited] = []
    headers = {index: found for index in range(len(lines)) if (found := _header_work(lines, index))}
    titles = {found[1]: index for index, found in headers.items() if found[1] is not None}
    for index, line in enumerate(lines):
        if index in titles:
            continue
        if not line:
            dropped.append(Dropped(index + 1, raw_lines[index], "blank line"))
            continue
        if index in headers:
            header, title_index = headers[index]
            own = [title_index + 1] if title_index is not None else []
            note = Note(number=None, list_items=[], text=line, lines=own + [index + 1])
            notes.append(note)
            pending.append((note, None, line))
            cited.append(Cited(csl=header, corrections=[], flags=[]))
            continue
        found = find_citations(line)
        if not found:
            dropped.append(Dropped(index + 1, raw_lines[index], "prose"))
            continue
        note = Note(number=None, list_items=[], text=line, lines=[index + 1])
        notes.append(note)
        for citation in found:
            flags = []
            if citation.incomplete:
                flags.append(Flag(INCOMPLETE, "publisher", "cited in prose without imprint (place, publisher, year)",
                                  citation.text))
            pending.append((note, citation, citation.text))
            cited.append(Cited(csl=dict(citation.csl), corrections=[], flags=flags))
    merged, assignment = merge(cited)
    keys = assign_keys(merged)
    for (note, citation, body), work_index in zip(pending, assignment):
        note.citations.append(
            Citation(
                work=keys[work_index],
                text=body,
                prefix="" if citation is None else citation.prefix,
                suffix="" if citation is None else citation.suffix,
                parenthetical=citation is not None,
            )
        )
    works = [Work(id=key, csl=w.csl, corrections=w.corrections, flags=w.flags) for key, w in zip(keys, merged)]
    return Document(notes=notes, works=works, dropped=dropped)
