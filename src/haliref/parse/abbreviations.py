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


@memo(None)
def _definition() -> re.Pattern[str]:
    cues = "|".join(re.escape(cue) for cue in sorted(_data.word_list("abbreviation_cues.txt"), key=len, reverse=True))
    return re.compile(rf"\s*[(\[]\s*(?:{cues})[:,]?\s+(?P<name>[^()\[\]]{{1,{_MAX_NAME}}}?)\s*[)\]]", re.IGNORECASE)


class Abbreviations:
    """The short names defined so far in a list, in reading order, and the titles they stand for."""

    def __init__(self) -> None:
        self._titles: dict[str, str] = {}

    def defined(self, raw: RawCitation) -> tuple[RawCitation, str | None]:
        """The citation without its "(hereafter …)" and the short name it defines, or the citation and None."""
        match = _definition().search(raw.body)
        if not match:
            return raw, None
        body = raw.body[: match.start()] + raw.body[match.end() :]
        return dataclasses.replace(raw, body=body), match["name"].strip(" .,'‘’\"“”")

    def learn(self, name: str, title: str) -> None:
        """``name`` stands for ``title`` from here on (the title as the defining citation was parsed)."""
        if name and title and name != title:
            self._titles[name] = title

    def expanded(self, body: str) -> tuple[str, Correction | None]:
        """``body`` with a defined short name that opens it replaced by its title, and the correction saying so."""
        for name, title in self._titles.items():
            if body.startswith(name) and not body[len(name) : len(name) + 1].isalnum():
                return title + body[len(name) :], Correction(
                    "title", name, title, LIST_ABBREVIATION, 0.9
                )
        return body, None
