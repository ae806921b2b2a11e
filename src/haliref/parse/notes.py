"""The note reader: where a note's citations are, decided with the field labeller's reading of the note.

The splitter (:mod:`haliref.parse.split`) proposes citations from the note's
punctuation, cue words and name shapes. Where its rules find no citation, or
read a whole item as a short form ("Surname, Title, 45"), the field labeller
reads the item as a whole: when it sees a full reference there (a title and at
least two imprint fields: date, place, publisher, journal, volume …), the item
is one citation, whatever the rules said. So a plain bibliography line
("Pate, C. Marvin. What Does the Future Hold? … Grand Rapids: Baker, 2010.")
or a reference with many initials is not dropped as prose nor cut into a
short form: no cut is made that the labeller cannot see. Where the rules found
nothing and the labeller reads a compact note as citation fields only (a short
form of a work cited in another chapter, an author-date citation, a law report),
that note is one citation too, its closing pages the cited ones.
"""

from __future__ import annotations

import itertools

from haliref.parse.split import RawCitation, leading_cue, split_note
from haliref.parse.tagger import Tagger

__all__ = ["CITATION_FIELDS", "IMPRINT_FIELDS", "read_note", "reads_as_reference", "reads_as_short_citation",
           "references_in_a_row"]

#: Fields that only a full reference has (a short form has at most a title and pages).
IMPRINT_FIELDS = frozenset(
    {"date", "publisher", "location", "journal", "container-title", "volume", "doi", "url", "isbn", "edition"}
)


def reads_as_reference(text: str, tagger: Tagger) -> bool:
    """The labeller reads ``text`` as one full reference: a title, and two imprint fields or more."""
    labels = {label for _, label, _ in tagger.label_tokens(text)}
    return "title" in labels and len(labels & IMPRINT_FIELDS) >= 2


#: Fields a short citation is made of ("Roe, Origines, 45", "Holl 1974, 12", "[1990] 2 AC 45").
CITATION_FIELDS = IMPRINT_FIELDS | {"author", "editor", "title", "pages"}
_SHORT_CITATION_TOKENS = 16  # a short form or an author-date citation is compact; prose runs longer


def reads_as_short_citation(text: str, tagger: Tagger) -> bool:
    """The labeller reads ``text`` as a compact citation: two kinds of citation field or more, and no prose.

    Every token is labelled with a citation field, of at least two kinds that are
    not title alone (a sentence of prose is read as one long title), within a
    short-form's length.
    """
    labelled = tagger.label_tokens(text)
    if not 2 <= len(labelled) <= _SHORT_CITATION_TOKENS:
        return False
    labels = [label for _, label, _ in labelled]
    kinds = set(labels)
    return kinds <= CITATION_FIELDS and len(kinds - {"title"}) >= 1 and len(kinds) >= 2


def _short_citation(item: str, tagger: Tagger) -> RawCitation:
    """A compact citation the rules missed; a page range at its end, after a short form, is the cited locator."""
    labelled = tagger.label_tokens(item)
    kinds = {label for _, label, _ in labelled}
    cue = leading_cue(item)
    end = len(item)
    locator = ""
    # author, title, year and pages only: a short form, whose closing pages are the cited ones
    if not kinds & (IMPRINT_FIELDS - {"date"}) and labelled[-1][1] == "pages" and kinds != {"pages"}:
        first = next(i for i in range(len(labelled) - 1, -1, -1) if labelled[i][1] != "pages") + 1
        end = labelled[first][0].start
        locator = item[end:].strip().rstrip(".;").removeprefix("pp.").removeprefix("p.").strip()
    body = item[cue:end].strip().rstrip(",;").strip()
    return RawCitation(body=body or item[cue:].strip(), prefix=item[:cue].strip(), locator=locator,
                       short_form=bool(locator))


#: Fields a reference ends on; where the next token is an author, the next reference may begin.
_CLOSING_FIELDS = frozenset({"date", "publisher", "pages", "location", "journal", "volume", "doi", "url", "isbn"})
_MIN_ROW_TOKENS = 30  # shorter than two full references together: never cut


def references_in_a_row(item: str, tagger: Tagger) -> list[str]:
    """Whole references pasted one after another without numbers or line breaks, cut where the labeller reads one
    closing (a year, pages, a publisher after a full stop) and a capitalised name, or words it cannot place, next.

    Every piece must read as a full reference on its own; otherwise nothing is cut.
    """
    labelled = tagger.label_tokens(item)
    if len(labelled) < _MIN_ROW_TOKENS:
        return []
    starts = [0]
    for i in range(1, len(labelled)):
        (before, closing, _), (token, label, _) = labelled[i - 1], labelled[i]
        if (closing in _CLOSING_FIELDS and label in ("author", "editor", "note") and before.text[-1:] in ".)"
                and token.text[:1].isupper() and i - starts[-1] >= 6):
            starts.append(i)
    if len(starts) < 2:
        return []
    offsets = [labelled[i][0].start for i in starts] + [len(item)]
    pieces = [item[a:b].strip() for a, b in itertools.pairwise(offsets)]
    return pieces if all(reads_as_reference(piece, tagger) for piece in pieces) else []


def read_note(items: list[str], tagger: Tagger) -> tuple[list[RawCitation], str]:
    """The citations of a note (its list items' texts), and prose that belongs to none."""
    citations, leftover = split_note(items)
    if len(items) != 1:
        return citations, leftover
    unsure = not citations or (len(citations) == 1 and citations[0].short_form and not citations[0].ibid)
    item = items[0].strip()
    if (row := references_in_a_row(item, tagger)) and len(row) >= len(citations):
        return [RawCitation(body=piece.rstrip(";")) for piece in row], ""
    if not unsure:
        return citations, leftover
    if not citations and not reads_as_reference(item, tagger) and reads_as_short_citation(item, tagger):
        return [_short_citation(item, tagger)], ""
    if not reads_as_reference(item, tagger):
        return citations, leftover
    cue = leading_cue(item)
    return [RawCitation(body=item[cue:].strip().rstrip(";"), prefix=item[:cue].strip())], ""
