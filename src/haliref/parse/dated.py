"""Sources cited by their name and a numeric date alone: a newspaper's issue, a day's debates.

    New York Sun 9/2/39; NYT 8/20/14, 9/4/39.
    Hansard 9/6/39; Churchill, Storm, 331.
    The Times (London), 12 March 1939, 8.

American trade books cite the press and the record so. Each date is its own
citation (one issue, one day). A source whose name holds a periodical's word
(``data/periodical_words.txt``: "Times", "Post", "Sun" …) is a newspaper
article, any other a document; the date itself is read by the normalizers. A
date written out is read only after a periodical's name (a letter is dated so
too: "Roe to Poe, 12 March 1939").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from haliref import resources as _data
from haliref.caches import memo
from haliref.normalize.imprint import is_newspaper_name

__all__ = ["DatedSource", "dated_sources"]

_NUMERIC = r"\d{1,2}/\d{1,2}/(?:\d{2}|\d{4})"
_SOURCE = r"[A-Z][\w'’&.-]*(?:\s+(?:of|and|&|the|[A-Z][\w'’&.-]*)){0,5}"
_DATED = re.compile(
    rf"^(?P<source>{_SOURCE})\s+"
    rf"(?P<dates>{_NUMERIC}(?:\s*(?:,|and|&)\s*{_NUMERIC})*)$"
)




@memo(None)
def _issue() -> re.Pattern[str]:
    """A periodical's issue with its date written out, perhaps its city, the short name it goes by and the page
    cited: "The Times (London), 12 March 1939, 8", "New York Herald, March 12, 1939", "Evening Herald (hereafter
    EH), 4 February 1948", "Leeds Herald, Sept. 14" (the year the article's own), a monthly's "Harbour Voice,
    May 1958", a name in quotation marks ("“Gazzetta di Leeds”, 3 febbraio 1871, p. 4")."""
    months = "|".join(sorted(map(re.escape, _data.months()), key=len, reverse=True))
    month = rf"(?i:{months})\.?"
    # the year may be left out where the notes' text gives it ("Leeds Herald, Sept. 14")
    date = rf"(?:\d{{1,2}}\s+{month}(?:\s+\d{{4}})?|{month}\s+\d{{1,2}}(?:,\s+\d{{4}})?|{month},?\s+\d{{4}})"
    # the name may be in quotation marks, as Italian and French notes print it ("“Gazzetta di Leeds”, 3 …")
    return re.compile(rf"^(?:[“\"«]\s?(?P<quoted>[A-Z][^“”\"«»]{{1,60}}?)\s?[”\"»]|(?P<source>{_SOURCE}))"
                      rf"(?:\s+\((?P<place>[A-Z][^()]{{1,30}})\))?"
                      rf"(?:\s+\((?i:hereafter|henceforth|cited as)\s+[^()]{{1,30}}\))?,\s+(?P<date>{date})"
                      rf"(?:,\s+(?P<page>(?:p\.\s*)?\d{{1,4}}))?$")


@dataclass(frozen=True)
class DatedSource:
    """One dated source, as printed: its name, its date, the CSL type that follows from the name, and the
    city and page a newspaper's issue may give."""

    source: str
    date: str
    kind: str
    place: str = ""
    page: str = ""
    text: str = ""  # as printed, without the page: "The Times (London), 12 March 1939"; a later date alone

    def spans(self) -> list[tuple[str, str]]:
        """(label, text) pairs for the normalizers: the source is the container, the kind the CSL type."""
        pairs = [("type", self.kind), ("container-title", self.source), ("location", self.place),
                 ("date", self.date)]
        return [(label, text) for label, text in pairs if text]


#: Between two periodicals' issues listed in one sentence: "…, 14 June 1981, The Harbour Post, 2 October 1977, and …"
_NEXT_ISSUE = re.compile(r",\s+(?:and\s+)?(?=[A-Z“\"«])")


def dated_sources(chunk: str) -> list[DatedSource] | None:
    """The dated sources a note's chunk is ("NYT 8/20/14, 9/4/39": two), or None."""
    text = chunk.strip().rstrip(".;").strip()
    if issues := _issues(text):
        return issues
    match = _DATED.match(text)
    if match is None:
        return None
    kind = "article-newspaper" if is_newspaper_name(match["source"]) else "document"
    dates = list(re.finditer(_NUMERIC, text[match.start("dates") :]))
    return [DatedSource(match["source"], date.group(), kind,
                        text=text[: match.start("dates") + date.end()] if not index else date.group())
            for index, date in enumerate(dates)]


def _issues(text: str) -> list[DatedSource]:
    """A periodical's issue with its date written out, or several listed one after another ("The Harbour Post, 14
    June 1981, The Quays Weekly, 2 October 1977, and The Tide Times, 9 May 1983"): each is its own citation."""
    found: list[DatedSource] = []
    start = 0
    for cut in [*_NEXT_ISSUE.finditer(text), None]:
        piece = text[start : cut.start() if cut else len(text)]
        issue = _issue().match(piece) if _ends_like_a_date(piece) else None
        if issue is None:
            continue  # a comma inside one issue ("The Times (London), 12 March 1939, 8"): the piece goes on
        if not is_newspaper_name(source := issue["source"] or issue["quoted"]):
            return []
        found.append(DatedSource(source, issue["date"], "article-newspaper", issue["place"] or "",
                                 issue["page"] or "", piece[: issue.end("date")]))
        start = cut.end() if cut else len(text)
    return found if start == len(text) else []


def _ends_like_a_date(piece: str) -> bool:
    """The piece ends as an issue's date or page does, in a figure or a month ("…, 12 March"): only then is it
    matched whole (most chunks are no issue, and each comma before a capital would be tried)."""
    return bool(piece) and (piece[-1].isdigit() or piece.split()[-1].rstrip(".").casefold() in _data.months())
