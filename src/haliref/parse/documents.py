"""A documents edition's source notes: each document's title, then "Source:" and where the original is kept.

Editions of state papers print each document under its title, with a source
note that says where the original is and how it was classified, drafted and
sent: "Telegram From the Department of State to the Embassy in France Source:
Department of State, Central Files, POL 16 CHICOM. Secret; Immediate.
Drafted by …". No field labeller trained on published references reads this;
its shape does. The document is a CSL ``manuscript``: its title as printed,
its writer from the title's "From … to …", the repository (before the first
comma of the source) and the place in it (the rest, to the sentence's end);
the remarks after that are the note's own words.
"""

from __future__ import annotations

import re

from haliref import resources as _data
from haliref.parse.archival import ArchivalParts

__all__ = ["SourceNoteParts", "documents_source"]

_SOURCE = re.compile(r"^(?P<title>[A-Z][^:]{4,200}?)\s+Source:\s+(?P<source>\S.*)$", re.S)
#: "From the Department of State to the Embassy", "From Robert W. Komer of the National Security Council Staff to"
_FROM_TO = re.compile(r"\bFrom\s+(?:the\s+)?(?P<writer>.+?)\s+to\s+")
_PERSON = re.compile(r"^(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+)){1,3})(?:\s+of\s+|$)")


class SourceNoteParts(ArchivalParts):
    """A document's parts read from its source note, whose remarks (classification, drafting, distribution) name
    people and places but cite no other work."""


def _sentence_end(text: str) -> int:
    """Where the first sentence of ``text`` ends: a stop before a space and a capital, not after an abbreviation
    ("Vol. II", ``data/abbreviations.tsv``); the whole text when it has no such stop."""
    for stop in re.finditer(r"\.(?=\s+[A-Z(])", text):
        word = re.search(r"(\w+)$", text[: stop.start()])
        if word and (word.group(1).casefold() in _data.abbreviations("not-a-sentence-end") or len(word.group(1)) == 1):
            continue
        return stop.start()
    return len(text.rstrip(". "))


def documents_source(text: str) -> tuple[SourceNoteParts, str, str] | None:
    """(the document's parts, its words as cited, the remarks after them) of a source note, or None."""
    match = _SOURCE.match(text.strip()) if "Source:" in text else None  # asked of every note: the word first
    if match is None:
        return None
    source = match["source"]
    end = _sentence_end(source)
    place = source[:end].strip()
    archive, _, location = place.partition(", ")
    title = match["title"].strip()
    writer = ""
    if sender := _FROM_TO.search(title):
        person = _PERSON.match(sender["writer"])
        writer = person["name"] if person else sender["writer"]
    parts = SourceNoteParts(author=writer, title=title, archive=archive.strip(), archive_location=location.strip())
    cited = f"{title} Source: {place}"
    return parts, cited, source[end:].strip(" .")
