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
"(and the Soviet Union)" — is prose.

Works named in the text itself, without brackets, are found by cues kept in
``data/named_works.tsv`` (never by their titles): a possessive and a citing
verb ("In her Capital Flows, Rossi argued"), a capitalised phrase headed by a
document noun before a citing verb ("the Erfurt Programme states"), a quoted
title-cased phrase with a document noun ("a ’Decree on Land’", "his ’Fireside’
address"). Such a find is flagged ``named-in-text`` (the reader should check
it); a bare "the Programme says" after one is a second citation of it.

A header line "First published: Periodical
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
from typing import Any

from haliref import resources as _data
from haliref.caches import memo
from haliref.model import Citation, Dropped, Flag, Note
from haliref.parse.split import names_end, paren_groups
from haliref.read.reading import Pending, Reading
from haliref.read.segment import clean_line, note_marker

__all__ = ["ProseCitation", "find_citations", "find_named_works", "is_prose", "read_prose"]

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
NAMED = "named-in-text"

_CAPITAL = r"[A-Z][\w’'-]*"
_NAME_WORD = rf"(?:[A-Z]\.\s?){{0,3}}{_CAPITAL}"
_LINK = r"(?:of|and|the|on|in|a|an|to|for|with|de|la|le|les|des|du|der|die|das|und|&)"
# every repetition bounded: a match attempt costs a bounded time, so a scan stays linear
_RUN = rf"{_NAME_WORD}(?:\s(?:{_LINK}\s){{0,3}}{_NAME_WORD}){{0,11}}"
_ADVERB = r"(?:also|itself|clearly|already|explicitly|rightly|further|plainly|famously)"
_POSSESSIVE = re.compile(
    rf"\b[Ii]n\s(?:his|her|their|its)\s(?:(?P<genre>[a-z]+)\s)?(?P<run>{_RUN}(?:,\s{_RUN}){{0,3}}),?\s"
    rf"(?:{_ADVERB}\s)?(?P<verb>[a-z]+)\b"
)
_SUBJECT = re.compile(rf"\b[Tt]he\s(?P<run>{_RUN})\s(?:{_ADVERB}\s)?(?P<verb>[a-z]+)\b")
_QUOTED = re.compile(rf"[‘’'“\"](?P<run>{_RUN})[’'”\"](?:\s(?P<genre>[a-z]+))?")
_AUTHOR_AFTER = re.compile(rf"\s(?P<name>{_NAME_WORD}(?:\s{_NAME_WORD}){{0,2}})\s(?:{_ADVERB}\s)?(?P<verb>[a-z]+)\b")


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
    named: str = ""  # the cue that found a work named in the text, "" for a bracketed citation
    refers_back: bool = False  # "the Manifesto says" after a fuller mention: the same work again


def is_prose(text: str) -> bool:
    """Most of the text in long paragraphs (≥ 250 characters a line) that are not numbered list items.

    A short numbered list inside an article ("1) …", "2) …") does not make it a
    list; a notes list has its long lines behind note numbers.
    """
    filled = [(raw, clean_line(raw)) for raw in text.splitlines()]
    filled = [(raw, line) for raw, line in filled if line]
    long_lines = [line for raw, line in filled if len(line) >= 250 and not note_marker(raw)]
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
    end = names_end(inner)
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
    for begin, end in paren_groups(paragraph):
        if paragraph[begin] != "(":
            continue
        classified = _classify(paragraph[begin + 1 : end - 1])
        if classified is None:
            continue
        csl, incomplete = classified
        found.append(_in_sentence(paragraph, begin, end, csl, paragraph[begin + 1 : end - 1], incomplete=incomplete))
    return found


def _in_sentence(paragraph: str, begin: int, end: int, csl: dict, text: str, **marks: object) -> ProseCitation:
    """A citation at ``paragraph[begin:end]`` with the sentence around it as its context."""
    start, stop = _sentence_bounds(paragraph, begin, end)
    return ProseCitation(
        csl=csl,
        text=text,
        start=begin,
        end=end,
        sentence=paragraph[start:stop].strip(),
        prefix=paragraph[start:begin].strip(),
        suffix=paragraph[end:stop].strip(" .,;"),
        **marks,  # type: ignore[arg-type]
    )

@dataclass(frozen=True)
class _Cues:
    nouns: dict[str, str]  # document noun → CSL type
    verbs: frozenset[str]
    genres: frozenset[str]


@memo(None)
def _named_work_cues() -> _Cues:
    nouns: dict[str, str] = {}
    verbs: set[str] = set()
    genres: set[str] = set()
    for line in _data.word_list("named_works.tsv"):
        kind, word, *rest = line.split("\t")
        if kind == "document-noun":
            nouns[word] = rest[0]
        elif kind == "citing-verb":
            verbs.add(word)
        elif kind == "genre":
            genres.add(word)
    return _Cues(nouns, frozenset(verbs), frozenset(genres))


def _document_type(run: str) -> str | None:
    """The CSL type when a document noun heads the phrase (last word, or first before "of"/"on")."""
    words = run.casefold().split()
    nouns = _named_work_cues().nouns
    if words[-1] in nouns:
        return nouns[words[-1]]
    if len(words) > 2 and words[0] in nouns and words[1] in ("of", "on", "to", "for"):
        return nouns[words[0]]
    return None


def _split_author(run: str) -> tuple[str, str]:
    """(title, author) of "Title Words Author" or "Title, Subtitle, Author": the name is at the end."""
    head, comma, last = run.rpartition(", ")
    if comma and len(last.split()) <= 3:
        return head, last
    tokens = run.split(" ")
    names = _data.first_names()
    cut = len(tokens) - 1
    while cut > 1 and (re.fullmatch(r"(?:[A-Z]\.\s?)+", tokens[cut - 1]) or tokens[cut - 1].casefold() in names):
        cut -= 1
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


def _person(name: str) -> dict:
    given, _, family = name.rpartition(" ")
    return {"family": family, "given": given} if given else {"family": family}


def _named_candidates(paragraph: str) -> list[tuple[int, int, dict, str, bool]]:
    """(start, end, csl, cue, refers_back) of every work named in the paragraph, possibly overlapping."""
    cues = _named_work_cues()
    found = []
    for match in _POSSESSIVE.finditer(paragraph):
        if match["verb"] not in cues.verbs or (match["genre"] and match["genre"] not in cues.genres):
            continue
        title, author = _split_author(match["run"])
        if not title or title.casefold() in cues.genres:
            continue
        csl: dict[str, Any] = {"type": _document_type(title) or "book", "title": title, "author": [_person(author)]}
        found.append((match.start("run"), match.end("run"), csl, "in his/her … <author> <citing verb>", False))
    for match in _SUBJECT.finditer(paragraph):
        kind = _document_type(match["run"])
        if match["verb"] not in cues.verbs or kind is None:
            continue
        back = match["run"].casefold() in cues.nouns
        csl = {"type": kind, "title": match["run"]}
        found.append((match.start("run"), match.end("run"), csl, "the <document> <citing verb>", back))
    for match in _QUOTED.finditer(paragraph):
        genre = match["genre"] if match["genre"] in cues.nouns else None
        kind = cues.nouns[genre] if genre else _document_type(match["run"])
        if kind is None or match["run"].casefold() in cues.nouns:
            continue
        csl = {"type": kind, "title": match["run"]}
        end = match.end("run")
        after = _AUTHOR_AFTER.match(paragraph, match.end())
        if genre and after and after["verb"] in cues.verbs:
            csl["author"] = [_person(after["name"])]
            end = after.end("name")
        found.append((match.start("run"), end, csl, "a quoted title with a document noun", False))
    return found


def find_named_works(paragraph: str, taken: list[tuple[int, int]]) -> list[ProseCitation]:
    """Works named in the paragraph's own words, outside the ``taken`` (bracketed) spans, in order."""
    chosen: list[tuple[int, int, dict, str, bool]] = []
    for candidate in sorted(_named_candidates(paragraph), key=lambda c: (c[0], -c[1])):
        start, end = candidate[0], candidate[1]
        if any(start < b and a < end for a, b in taken + [(c[0], c[1]) for c in chosen]):
            continue
        chosen.append(candidate)
    return [
        _in_sentence(paragraph, start, end, csl, paragraph[start:end], incomplete=True, named=cue, refers_back=back)
        for start, end, csl, cue, back in sorted(chosen, key=lambda c: c[0])
    ]


def _header_work(lines: list[str], index: int, headers: set[int]) -> tuple[dict, int | None] | None:
    """The document's own work from a "First published:" line, and the line index of its title.

    The title is the nearest short non-blank line above that is not itself a header line.
    """
    match = _HEADER.match(lines[index])
    if not match:
        return None
    title, title_index = "", None
    for above in range(index - 1, -1, -1):
        if lines[above] and above not in headers and len(lines[above]) <= 120:
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


def _flags_of(citation: ProseCitation) -> list[Flag]:
    flags = []
    if citation.named:
        flags.append(Flag(NAMED, "title", "a work named in the running text, not cited; check title and author",
                          f"{citation.text} (cue: {citation.named})"))
    if citation.incomplete:
        flags.append(Flag(INCOMPLETE, "publisher", "cited in prose without imprint (place, publisher, year)",
                          citation.text))
    return flags


def _refers_to(citation: ProseCitation, earlier: list[tuple[ProseCitation | None, int]]) -> int | None:
    """For "the Manifesto says": the latest earlier named work whose title ends with that noun."""
    noun = citation.text.casefold()
    for previous, index in reversed(earlier):
        if previous is not None and previous.named and not previous.refers_back:
            words = previous.csl.get("title", "").casefold().split()
            if words and (words[-1] == noun or words[0] == noun):
                return index
    return None


def read_prose(text: str) -> Reading:
    """The prose reader: header work, bracketed and named citations, every other line dropped as prose."""
    from haliref.merge.works import Cited

    raw_lines = text.splitlines()
    lines = [clean_line(line) for line in raw_lines]
    reading = Reading()
    found_as: list[ProseCitation | None] = []  # the prose citation of each pending one (None: a header)
    header_lines = {index for index, line in enumerate(lines) if _HEADER.match(line)}
    headers = {index: hw for index in sorted(header_lines) if (hw := _header_work(lines, index, header_lines))}
    titles: dict[int, int] = {}
    for index, (_csl, title_index) in headers.items():
        if title_index is not None:
            titles.setdefault(title_index, index)  # a title line belongs to the first header below it
    for index, line in enumerate(lines):
        if index in titles:
            continue
        if not line:
            reading.dropped.append(Dropped(index + 1, raw_lines[index], "blank line"))
            continue
        if index in headers:
            header, title_index = headers[index]
            own = [title_index] if title_index is not None and titles.get(title_index) == index else []
            note = Note(
                number=None,
                list_items=[],
                text=" ".join([lines[i] for i in own] + [line]),
                lines=[i + 1 for i in own] + [index + 1],
            )
            reading.notes.append(note)
            reading.pending.append(
                Pending(note, Citation(work="", text=line), Cited(csl=header, corrections=[], flags=[]), line)
            )
            found_as.append(None)
            continue
        bracketed = find_citations(line)
        found = sorted(bracketed + find_named_works(line, [(c.start, c.end) for c in bracketed]),
                       key=lambda c: c.start)
        if not found:
            reading.dropped.append(Dropped(index + 1, raw_lines[index], "prose"))
            continue
        note = Note(number=None, list_items=[], text=line, lines=[index + 1])
        reading.notes.append(note)
        for citation in found:
            shown = Citation(
                work="",
                text=citation.text,
                prefix=citation.prefix,
                suffix=citation.suffix,
                parenthetical=not citation.named,
                named=bool(citation.named),
                sentence=citation.sentence,
            )
            if citation.refers_back:
                target = _refers_to(citation, [(c, i) for i, c in enumerate(found_as)])
                if target is None:
                    continue
                reading.pending.append(Pending(note, shown, None, citation.text, same_as=target))
            else:
                cited = Cited(csl=dict(citation.csl), corrections=[], flags=_flags_of(citation))
                reading.pending.append(Pending(note, shown, cited, citation.text))
            found_as.append(citation)
    return reading
