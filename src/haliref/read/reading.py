"""What a reader hands the rest of the pipeline: notes, the citations waiting for their works, dropped lines.

Every reader (the notes list, :mod:`haliref.read.segment` with :mod:`haliref.parse.notes`;
running prose, :mod:`haliref.read.prose`) gives a :class:`Reading`; the one tail
(:func:`haliref.pipeline.finish`: merge → keys → offsets → build → flags), or the
streamed path (:mod:`haliref.scale.stream`: merge → keys, block after block), takes it from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from haliref.merge.works import Cited
from haliref.model import Citation, Dropped, Note

__all__ = ["Pending", "Reading"]


@dataclass
class Pending:
    """A citation read, waiting for its work: the merge stage gets ``cited``, unless the reader
    already knows it ``same_as`` an earlier pending citation of the reading (a back-reference in prose).

    ``citation`` is complete but for ``work``, ``start`` and ``end``, which the tail fills in;
    ``body`` is the text placed in the input, from ``lead`` (a name taken from the prose) on.
    """

    note: Note
    citation: Citation
    cited: Cited | None
    body: str
    lead: str = ""
    same_as: int | None = None


@dataclass
class Reading:
    """One input (or one block of it) read: its notes (citations not yet attached), the pending citations
    in order, and the lines left out."""

    notes: list[Note] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
