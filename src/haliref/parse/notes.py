"""The note reader: where a note's citations are, decided with the field labeller's reading of the note.

The splitter (:mod:`haliref.parse.split`) proposes citations from the note's
punctuation, cue words and name shapes. Where its rules find no citation, or
read a whole item as a short form ("Surname, Title, 45"), the field labeller
reads the item as a whole: when it sees a full reference there (a title and at
least two imprint fields: date, place, publisher, journal, volume …), the item
is one citation, whatever the rules said. So a plain bibliography line
("Pate, C. Marvin. What Does the Future Hold? … Grand Rapids: Baker, 2010.")
or a reference with many initials is not dropped as prose nor cut into a
short form: no cut is made that the labeller cannot see.
"""

from __future__ import annotations

from haliref.parse.split import RawCitation, leading_cue, split_note
from haliref.parse.tagger import Tagger

__all__ = ["IMPRINT_FIELDS", "read_note", "reads_as_reference"]

#: Fields that only a full reference has (a short form has at most a title and pages).
IMPRINT_FIELDS = frozenset(
    {"date", "publisher", "location", "journal", "container-title", "volume", "doi", "url", "isbn", "edition"}
)


def reads_as_reference(text: str, tagger: Tagger) -> bool:
    """The labeller reads ``text`` as one full reference: a title, and two imprint fields or more."""
    labels = {label for _, label, _ in tagger.label_tokens(text)}
    return "title" in labels and len(labels & IMPRINT_FIELDS) >= 2


def read_note(items: list[str], tagger: Tagger) -> tuple[list[RawCitation], str]:
    """The citations of a note (its list items' texts), and prose that belongs to none."""
    citations, leftover = split_note(items)
    if len(items) != 1:
        return citations, leftover
    unsure = not citations or (len(citations) == 1 and citations[0].short_form and not citations[0].ibid)
    if not unsure or not reads_as_reference(items[0], tagger):
        return citations, leftover
    item = items[0].strip()
    cue = leading_cue(item)
    return [RawCitation(body=item[cue:].strip().rstrip(";"), prefix=item[:cue].strip())], ""
