"""A big input a block at a time: bounded memory for ``haliref bib``, ``csl`` and ``ris``.

The input is read line by line and cut into blocks of about ``BLOCK_LINES``
lines, each cut made before a line that starts a new note (a list number, not
followed by "Ibid."-like words that need the note before) or at a blank line.
Each block is read by the pipeline's own front (:func:`haliref.pipeline.read`:
segment, split, parse, normalize), and its citations go, block after block, into
the one merge stage (:class:`haliref.merge.works.Merger`, :func:`haliref.pipeline.work_indexes`),
whose works wait on disk (:class:`haliref.scale.shelf.ShelvedWorks`) with the
locators cited for each; once all blocks are in, the works are keyed once
(:func:`haliref.merge.works.suffixed_keys`), as one list's are. So an "ibid." or a
short form finds its work in an earlier block as it would in one list. Memory
stays bounded whatever the input and the number of distinct works; the exporters
read the works back a page at a time. An input of one block gives exactly the
works, keys and locators of :func:`haliref.pipeline.parse_text`.

What the exporters do not need is not computed here: character offsets and the
check stage's flags (a work keeps the corrections and flags of normalize and
merge). Commands that show notes (parse, check, render) read the whole input.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from haliref.merge.works import Merger
from haliref.model import Work
from haliref.parse.split import SHORT_FORM
from haliref.parse.tagger import Tagger, default_tagger
from haliref.pipeline import is_running_prose, read, work_indexes
from haliref.read.segment import note_marker
from haliref.scale.shelf import ShelvedWorks

__all__ = ["BLOCK_LINES", "LONG_LINE", "StreamResult", "blocks", "parse_stream"]

BLOCK_LINES = 1000
LONG_LINE = 100_000  # characters; longer lines are cut into blocks of their own


@dataclass
class StreamResult:
    """What a streamed input gave: its works on a shelf on disk, read back in order.

    Close it (or use it as a context manager) to delete the shelf at once.
    """

    shelf: ShelvedWorks = field(default_factory=ShelvedWorks)
    citations: int = 0
    blocks: int = 0

    def works(self) -> Iterator[Work]:
        """The works under their final keys, in order of first appearance."""
        return self.shelf.keyed_works()

    @property
    def locators(self) -> Mapping[str, list[str]]:
        """Final key → the locators cited for it."""
        return self.shelf.locators()

    def close(self) -> None:
        self.shelf.close()

    def __enter__(self) -> StreamResult:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def blocks(lines: Iterable[str], size: int) -> Iterator[str]:
    """The input as blocks of whole lines (line ends kept), each of at least ``size`` lines where possible.

    A block is closed before a note-starting or blank line once it has ``size``
    lines, and in any case at ``4 * size`` lines (a list with no safe cut). A
    line longer than LONG_LINE (a paste that lost its line breaks) is cut into
    pieces of its own (:func:`_pieces`).
    """
    block: list[str] = []
    for line in lines:
        if len(line) > LONG_LINE:
            if block:
                yield "".join(block)
                block = []
            yield from _pieces(line, LONG_LINE)
            continue
        if len(block) >= size and (not line.strip() or _starts_own_note(line) or len(block) >= 4 * size):
            yield "".join(block)
            block = []
        block.append(line)
    if block:
        yield "".join(block)


# where to cut an overlong line, best first: before a note number, after a sentence, after a space
_PIECE_CUTS = (re.compile(r"[.;] +(?=\d{1,6}[.)] +\D)"), re.compile(r"(?<!\d)[.;] +(?=[A-Z])"), re.compile(r" +"))


def _pieces(line: str, limit: int) -> Iterator[str]:
    """An overlong line in pieces of at most ``limit`` characters, each cut at the last
    best place in its second half (see _PIECE_CUTS), else anywhere."""
    start = 0
    while len(line) - start > limit:
        end = start + limit
        cut = end
        for pattern in _PIECE_CUTS:
            ends = [m.end() for m in pattern.finditer(line, start + limit // 2, end)]
            if ends:
                cut = ends[-1]
                break
        yield line[start:cut]
        start = cut
    yield line[start:]


def _starts_own_note(line: str) -> bool:
    """A numbered note that does not lean on the one before ("Ibid.", "op. cit.")."""
    marked = note_marker(line)
    return marked is not None and not SHORT_FORM.match(marked[1])


def parse_stream(
    lines: Iterable[str],
    *,
    corrections: bool = True,
    skip_rules: Collection[str] = (),
    today_year: int | None = None,
    prose: bool | None = None,
    size: int | None = None,
    tagger: Tagger | None = None,
) -> StreamResult:
    """The works and cited locators of an input read block by block (``size`` lines, default BLOCK_LINES).

    ``tagger``: another labeller than the shipped model's (``--model``, ``--labels``). ``today_year`` is taken
    for the same options as :func:`haliref.pipeline.parse_text`; the flag it bounds is not computed here.
    """
    size = size or BLOCK_LINES
    result = StreamResult()
    merger = Merger(result.shelf)
    tagger = tagger or default_tagger()
    for text in blocks(lines, size):
        if prose is None:  # the first block decides for all, as read() decides: a list does not turn into prose
            prose = is_running_prose(text)
        reading = read(text, corrections=corrections, skip_rules=skip_rules, tagger=tagger, prose=prose)
        result.blocks += 1
        result.citations += len(reading.pending)
        for pending, index in zip(reading.pending, work_indexes(reading, merger), strict=True):
            if pending.citation.locator:
                result.shelf.cite(index, pending.citation.locator)
    result.shelf.assign_keys()  # keyed once, as one list would be
    return result
