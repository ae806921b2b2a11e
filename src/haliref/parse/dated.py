"""Sources cited by their name and a numeric date alone: a newspaper's issue, a day's debates.

    New York Sun 9/2/39; NYT 8/20/14, 9/4/39.
    Hansard 9/6/39; Churchill, Storm, 331.

American trade books cite the press and the record so. Each date is its own
citation (one issue, one day). A source whose name holds a periodical's word
(``data/periodical_words.txt``: "Times", "Post", "Sun" …) is a newspaper
article, any other a document; the date itself is read by the normalizers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from haliref import resources as _data

__all__ = ["DatedSource", "dated_sources"]

_NUMERIC = r"\d{1,2}/\d{1,2}/(?:\d{2}|\d{4})"
_DATED = re.compile(
    rf"^(?P<source>[A-Z][\w'’&.-]*(?:\s+(?:of|and|&|the|[A-Z][\w'’&.-]*)){{0,5}})\s+"
    rf"(?P<dates>{_NUMERIC}(?:\s*(?:,|and|&)\s*{_NUMERIC})*)$"
)


@dataclass(frozen=True)
class DatedSource:
    """One dated source, as printed: its name, its date, and the CSL type that follows from the name."""

    source: str
    date: str
    kind: str

    def spans(self) -> list[tuple[str, str]]:
        """(label, text) pairs for the normalizers: the source is the container, the kind the CSL type."""
        return [("type", self.kind), ("container-title", self.source), ("date", self.date)]


def dated_sources(chunk: str) -> list[DatedSource] | None:
    """The dated sources a note's chunk is ("NYT 8/20/14, 9/4/39": two), or None."""
    match = _DATED.match(chunk.strip().rstrip(".;").strip())
    if match is None:
        return None
    source = match["source"]
    words = {word.casefold().strip(".") for word in source.split()}
    kind = "article-newspaper" if words & _data.lower_set("periodical_words.txt") else "document"
    return [DatedSource(source, date, kind) for date in re.findall(_NUMERIC, match["dates"])]
