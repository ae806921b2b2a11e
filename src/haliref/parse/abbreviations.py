"""A list's own abbreviations: a work cited once in full with "(hereafter DBFP)", then by "DBFP" alone.

Chicago (CMOS 17, 14.29) lets a note define a short name for a work it will cite
again. The reader keeps the names a list defines (cue words in
``data/abbreviation_cues.txt``) and, in a later citation that opens with one,
reads the work's title in its place; the citation's own text is kept. The
expansion is a correction (rule ``list-abbreviation``) the user can undo.
"""

from __future__ import annotations

import dataclasses
import re

from haliref import resources as _data
from haliref.caches import memo
from haliref.model import Correction
from haliref.parse.split import RawCitation

__all__ = ["LIST_ABBREVIATION", "Abbreviations"]

LIST_ABBREVIATION = "list-abbreviation"
_MAX_NAME = 40  # a short name is a few letters or words
_MAX_SENTENCE_NAME_WORDS = 4  # "Hereafter cited as Constitutions.", not "Cited as an example of the genre by …"


def _cues() -> str:
    return "|".join(re.escape(cue) for cue in sorted(_data.word_list("abbreviation_cues.txt"), key=len, reverse=True))


@memo(None)
def _definition() -> re.Pattern[str]:
    return re.compile(rf"\s*[(\[]\s*(?:{_cues()})[:,]?\s+(?P<name>[^()\[\]]{{1,{_MAX_NAME}}}?)\s*[)\]]",
                      re.IGNORECASE)


@memo(None)
def _trailing_definition() -> re.Pattern[str]:
    """The cue after a comma closing the citation, as law reviews write it: "… (2008), hereinafter Harbours."."""
    return re.compile(rf",\s*(?:{_cues()})[:,]?\s+(?P<name>[^()\[\].;,]{{1,{_MAX_NAME}}}?)\s*\.?$", re.IGNORECASE)


@memo(None)
def _sentence_definition() -> re.Pattern[str]:
    """The same cue as a sentence after the citation: "…, 54. Hereafter cited as Constitutions." (its suffix)."""
    return re.compile(rf"(?:^|(?<=[.;]\s))(?:{_cues()})[:,]?\s+(?P<name>[^()\[\].;]{{1,{_MAX_NAME}}}?)\s*\.?$",
                      re.IGNORECASE)


class Abbreviations:
    """The short names defined so far in a list, in reading order, and the titles they stand for."""

    def __init__(self) -> None:
        # name -> (first author's family name or "", title, the field the title is: a newspaper's name is its container)
        self._titles: dict[str, tuple[str, str, str]] = {}

    def defined(self, raw: RawCitation) -> tuple[RawCitation, str | None]:
        """The citation without its "(hereafter …)" and the short name it defines (also one a closing sentence
        defines, "Hereafter cited as …", which stays in the suffix), or the citation and None."""
        match = _definition().search(raw.body) or _trailing_definition().search(raw.body)
        if match:
            body = raw.body[: match.start()] + raw.body[match.end() :]
            return dataclasses.replace(raw, body=body), match["name"].strip(" .,'‘’\"“”")
        said = _sentence_definition().search(raw.suffix) if raw.suffix else None
        name = said["name"].strip(" .,'‘’\"“”") if said else ""
        if name[:1].isupper() and len(name.split()) <= _MAX_SENTENCE_NAME_WORDS:
            return raw, name  # the sentence stays the author's words after the citation
        return raw, None

    def learn(self, name: str, title: str, author: str = "", field: str = "title") -> None:
        """``name`` stands for ``title`` from here on (the title as the defining citation was parsed), by ``author``
        (its first author's family name, or ""), so that a later citation by the name is of the same work;
        ``field`` is the one the title was read in ("container-title" for a newspaper's name)."""
        if name and title and name != title:
            self._titles[name] = (author, title, field)

    def expanded(self, body: str) -> tuple[str, Correction | None]:
        """``body`` with a defined short name that opens it replaced by its title, and the correction saying so."""
        for name, (author, title, field) in self._titles.items():
            if body.startswith(name) and not body[len(name) : len(name) + 1].isalnum():
                reference = f"{author}, {title}" if author else title
                return reference + body[len(name) :], Correction(field, name, title, LIST_ABBREVIATION, 0.9)
        return body, None
