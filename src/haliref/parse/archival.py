"""Archival citations: a letter, minute or file in an archive, cited by its collection or call number.

Historians cite unpublished papers in a shape no field labeller trained on
published references reads: "Churchill to Halifax, 28 July 1940, Chartwell
Papers, CHAR20/13/8", "CAB 100/1", "Pim Papers", "Martin, minute, 26 May 1949,
CO537/4976, TNA". A chunk of a note is archival when it names a call number (a
class mark of capitals and a number with slashes) or a collection ("… Papers",
``data/archive_words.tsv``) and holds no imprint of a published work; its parts
are read by position and shape, and it becomes a CSL ``manuscript`` with
``archive`` and ``archive_location``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from haliref import resources as _data
from haliref.caches import memo

__all__ = ["ArchivalParts", "archival_parts"]

#: a year as archival and interview citations give one, and that year as a word
YEAR = r"(?:1[4-9]\d\d|20\d\d)"
#: a class mark (two capitals or more, "CAB", "ChP", "FO") and a piece number with slashes ("100/1", "371/25224")
_CALL_NUMBER = re.compile(
    r"(?<![\w/])(?=[A-Za-z]*[A-Z][A-Za-z]*[A-Z])[A-Z][A-Za-z]{1,5}\s?\d+[A-Za-z]?(?:/[\dA-Za-z]+(?:[-–]\d+)?)+(?![\w/])"
)
#: "ZTR 8/2000": a periodical's issue and year, not a piece number
_ISSUE_AND_YEAR = re.compile(rf"[A-Za-z]+\s?\d{{1,2}}/{YEAR}")
#: a published work's imprint or a quoted title: not an archival citation
_PUBLISHED = re.compile(rf"\([^()]*{YEAR}[^()]*\)\s*[,.;]?\s*(?:pp?\.\s*)?\d|\([^()]*:[^()]*{YEAR}\)|[‘“\"«]")
YEAR_WORD = re.compile(rf"\b{YEAR}\b")
_DATE_AFTER = re.compile(rf"\s*\((?P<date>[^()]*\b{YEAR}\b[^()]*)\)$")  # "Reilly to Stewart (18 March 1965)"
_REPOSITORY = re.compile(r"^[A-Z]{2,5}$")  # "TNA", "PRO", "NARA": the archive that holds the papers
_TO = re.compile(r"^(?P<writer>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}) to (?P<to>.+)$")
_BY = re.compile(r"^[\w ]+? by (?P<writer>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})$")
_MAX_WORDS = 24  # an archival reference is short; a longer chunk is prose or a published work
_QUOTED = re.compile(r"[‘“][^‘“”]*?[’”](?![^\W\d_])")  # a title in curly quotes ("Kingdom’s" inside it)


@dataclass(frozen=True)
class ArchivalParts:
    """The fields of one archival citation, as printed."""

    author: str = ""
    title: str = ""
    date: str = ""
    archive: str = ""
    archive_location: str = ""

    def spans(self) -> list[tuple[str, str]]:
        """(label, text) pairs for the normalizers, in reading order."""
        pairs = [("type", "manuscript"), ("author", self.author), ("title", self.title), ("date", self.date),
                 ("archive", self.archive), ("archive_location", self.archive_location)]
        return [(label, text) for label, text in pairs if text]


@memo(2)
def _words(kind: str) -> tuple[str, ...]:
    return tuple(word for word, row_kind in _data.table_rows("archive_words.tsv", 2) if row_kind == kind)


@memo(None)
def _collection() -> re.Pattern[str]:
    """ "Chartwell Papers", "Admiralty Papers 199/1928": capitalised words ending in a collection word."""
    words = "|".join(re.escape(word) for word in sorted(_words("collection"), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:[A-Z][\w’'.&-]*\s+){{1,4}}(?i:{words})(?!\w)")


@memo(None)
def _described() -> re.Pattern[str]:
    """A collection's name, a colon and the document in it: "Roe papers: Poe to Roe"."""
    return re.compile(rf"(?P<collection>{_collection().pattern})\s*:\s+(?P<document>\S.*)$")


def _published(text: str) -> bool:
    """A published work's imprint or quoted title is in the chunk; a document's quoted title after a file's call
    number ("HRO, CAB 129/88, ‘Harbour Policy Review 1950–55’, March 1956") is the file's paper, no title of
    a published work."""
    found = _PUBLISHED.search(text)
    if found is None:
        return False
    numbers = _call_numbers(text)
    quoted_after_file = found.group()[:1] in "‘“\"«" and bool(numbers) and numbers[0].end() < found.start()
    return not quoted_after_file or _IMPRINT_ANYWHERE.search(text) is not None


_IMPRINT_ANYWHERE = re.compile(rf"\([^()]*{YEAR}[^()]*\)")


def _call_numbers(text: str) -> list[re.Match[str]]:
    return [m for m in _CALL_NUMBER.finditer(text) if not _ISSUE_AND_YEAR.fullmatch(m.group())]


def _top_level_parts(text: str) -> list[str]:
    """The chunk cut at commas outside brackets and curly quotes (a quote closes before no letter: "Kingdom’s"
    is an apostrophe)."""
    parts, depth, start = [], 0, 0
    quoted = False
    for index, char in enumerate(text):
        if char in "‘“" and not quoted:
            quoted = True
        elif char in "’”" and quoted and not text[index + 1 : index + 2].isalpha():
            quoted = False
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0 and not quoted:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return [part for part in parts if part]


_PIECE = re.compile(r"\d[\dA-Za-z]*(?:[/.-][\dA-Za-z]+)*")  # "199/1928", "12", "4.3"


def _collection_match(part: str) -> re.Match[str] | None:
    """A part that is a collection's name, perhaps with a piece number after it ("Treasury Papers 12/404");
    the name must start the part, so a title or a sentence that merely holds the word is not one."""
    match = _collection().match(part)
    if match and (not (tail := part[match.end() :].strip()) or _PIECE.fullmatch(tail) or _HOLDER.fullmatch(tail)):
        return match
    return None


_HOLDER = re.compile(r"\((?P<holder>[A-Z][^()]{1,80})\)")  # "Roe papers (Leeds Library)": the holder in brackets
_HELD_BY = re.compile(rf"(?P<marks>[^()]+?)\s*{_HOLDER.pattern}")  # call numbers, then their holder


@memo(None)
def _container() -> re.Pattern[str]:
    """ "box 1", "folder 12", "reel 4": a unit of a collection and its number (``data/archive_words.tsv``)."""
    words = "|".join(re.escape(word) for word in sorted(_words("container"), key=len, reverse=True))
    return re.compile(rf"(?i:{words})\.?\s+\d[\dA-Za-z]*(?:[-–/]\d+)?")


def _dates_joined(parts: list[str]) -> list[str]:
    """"January 3", "1949" -> "January 3, 1949": a date written month first, cut at its comma."""
    joined: list[str] = []
    for part in parts:
        if joined and re.fullmatch(YEAR, part) and _MONTH_DAY.fullmatch(joined[-1]):
            joined[-1] = f"{joined[-1]}, {part}"
        else:
            joined.append(part)
    return joined


def _marks_joined(parts: list[str]) -> list[str]:
    """"PREM", "12/2204" -> "PREM 12/2204": a class mark cut from its piece number by a comma."""
    joined: list[str] = []
    for part in parts:
        if joined and _REPOSITORY.match(joined[-1]) and _PIECE_FIRST.match(part):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined


_PIECE_FIRST = re.compile(r"\d+/\d")  # "12/2204": a piece number, as a call number's second half
_MONTH_DAY = re.compile(r"[A-Z][a-z]{2,8}\.? \d{1,2}")
#: "3 May and 9 August 1931", "14 and 15 October 1958": the days of one letter or of two
_DAYS_OF_A_MONTH = re.compile(
    rf"\d{{1,2}}(?:\s+[A-Z][a-z]{{2,8}}\.?)?\s+(?:and|&)\s+\d{{1,2}}\s+[A-Z][a-z]{{2,8}}\.?\s+{YEAR}")


_INITIALS_IN_BRACKETS = re.compile(r"\([A-Z]{2,6}\)$")  # "Kenya National Archives (KNA)": the holder's initials


def _holder_then_marks(part: str, numbers: list[re.Match[str]]) -> tuple[str, str] | None:
    """(the holder, the call numbers) of a part that names the archive right before its call numbers: "TNA WO
    276/516", "London (TNA) WO 218/402", "Leeds Harbour Archives (LHA) DEF 4/12/9"; None otherwise."""
    if not numbers or part[numbers[-1].end() :].strip(" ,.;"):
        return None
    head = part[: numbers[0].start()].strip(" ,")
    marks = part[numbers[0].start() :].strip(" ,")
    if head and (_REPOSITORY.match(head) or _INITIALS_IN_BRACKETS.search(head) or _collection().search(head)):
        return head, marks
    return None


def _a_location(part: str, numbers: list[re.Match[str]]) -> bool:
    """The part is (almost all) call numbers: "CAB 100/1", "FO 371/25224, 12"."""
    return bool(numbers) and len(" ".join(m.group() for m in numbers)) >= len(part) - 2


#: A Russian archive's file: fond, opis', delo and the sheets ("f. 55, op. 11, d. 712, l. 3", "Ф.46. Оп.6.
#: Д.306. Л. 40"), the archive's own call number, which closes the citation.
_FOND = re.compile(
    r"(?<!\w)(?i:f|ф)\.\s*[\w-]+[.,]?\s*(?i:op|\u043e\u043f)\.\s*[\w-]+[.,]?\s*(?i:d|д)\.\s*[\w-]+"
    r"(?:[.,]?\s*(?i:ll?|лл?)\.\s*\d[\d\s,–-]*(?:\u043e\u0431|ob|v)?\.?)?\s*$"
)
_MAX_REPOSITORY_WORDS = 4  # "RGAMF", "State Archive of the Harbour Boards"


def archival_parts(chunk: str) -> ArchivalParts | None:
    """The archival citation a note's chunk is, or None (a published work, prose, a short form)."""
    text = chunk.strip().rstrip(".;").strip()
    if not text or len(_QUOTED.sub("", text).split()) > _MAX_WORDS or _published(text):
        return None  # (a document's quoted title, however long, is one part)
    fond = _FOND.search(text)
    if fond:
        text = text[: fond.start()].strip(" ,.;")
    parts = _marks_joined(_dates_joined(_top_level_parts(text)))
    archive: list[str] = []
    location: list[str] = []
    if fond and parts and len(parts[-1].split()) <= _MAX_REPOSITORY_WORDS:
        archive.append(parts.pop())  # the archive, named right before its file: "RGAMF, f. 55, …"
    rest: list[str] = []
    date = ""
    opened_with_location = bool(parts) and _a_location(parts[0], _call_numbers(parts[0]))
    quoted = False  # the document's title was given in quotes after the call number
    for position, part in enumerate(parts):
        following = parts[position + 1] if position + 1 < len(parts) else ""
        collection = _collection_match(part)
        numbers = _call_numbers(part)
        described = _described().match(part)
        if described and not (archive or location or date):
            # "Merton Hall, Leeds, Roe papers: Poe to Roe, 3 May 1901": the holder and the collection,
            # then after the colon the document; the parts before it name where the papers are
            archive.extend([*rest, described["collection"].strip()])
            rest = [described["document"].strip()]
        elif collection:
            archive.append(collection.group().strip())
            tail = part[collection.end():].strip()
            if tail and _HOLDER.fullmatch(tail):
                archive[-1] = f"{archive[-1]} {tail}"  # "Roe papers (Leeds Library)"
            elif tail:
                location.append(tail)
        elif not location and (held := _holder_then_marks(part, numbers)) is not None:
            # the archive's name before it ("The National Archives, London (TNA) WO 218/402") is the holder's too
            named = [earlier for earlier in rest if _collection().search(earlier)]
            rest = [earlier for earlier in rest if earlier not in named]
            archive.extend([*named, held[0]])
            location.append(held[1])
        elif location and part[:1] in "‘“\"«" and not date:
            # "HRO, CAB 129/88, ‘Harbour Policy Review’": the file's paper in quotes; the parts before the call
            # number named where the file is
            archive.extend(rest)
            rest = [part.strip("‘’“”\"«»")]
            quoted = True
        elif _a_location(part, numbers) or (_container().fullmatch(part) and (archive or location)):
            location.append(part)  # a call number, or a box or folder after the papers
        elif (held_by := _HELD_BY.fullmatch(part)) and _a_location(held_by["marks"], numbers):
            location.append(held_by["marks"])  # "CAB 21/4 (Cabinet files, Public Record Office)": and the holder
            archive.append(held_by["holder"])
        elif _REPOSITORY.match(part) and (archive or location or _container().fullmatch(following)):
            archive.append(part)  # "TNA" after the papers, or "GFKP" before its "box 1": a collection's initials
        elif not date and YEAR_WORD.search(part) and (len(part.split()) <= 5 or _DAYS_OF_A_MONTH.fullmatch(part)):
            date = part.strip("()")
        elif (archive or location) and not rest[1:] and _PIECE.fullmatch(part) and part == parts[-1]:
            location.append(part)  # "Roe papers (Leeds Library), 31815": the volume or folio in the papers
        elif not (archive or location or date) or (not rest and not date):
            # the document's description, before the archive or (after a call number) with its date in brackets
            if not date and (after := _DATE_AFTER.search(part)):
                date, part = after.group("date"), part[: after.start()]
            rest.append(part)
        elif opened_with_location:
            rest.append(part)  # "CAB 31/4, appendix to Harbour Board no. 42, Note by Mr Roe": the file's papers
        else:
            return None  # words after the archive's parts: prose, or a shape not read here
    if fond:
        location.append(fond.group().strip().rstrip("."))
    if not archive and not location:
        return None
    author, title = "", ", ".join(rest)
    if title and (to := _TO.match(title)):
        author = to.group("writer")
    elif title and (by := _BY.match(title)):
        author = by.group("writer")
    elif len(rest) == 2 and rest[1].casefold() in _words("document"):
        author, title = rest[0], rest[1]
    elif rest and len(rest[0].split()) > 8 and not quoted:
        return None  # a sentence before the archive: the author's prose, not a document's description
    return ArchivalParts(author=author, title=title, date=date, archive=", ".join(archive),
                         archive_location=", ".join(location))
