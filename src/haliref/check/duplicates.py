"""The possible-duplicate flag rule: another work with the same first author and a near-identical title that
merge kept apart, looked for in the work's blocks (see :func:`haliref.check.context.title_blocks`)."""

from __future__ import annotations

import bisect
import itertools

from rapidfuzz import fuzz, process

from haliref.check.codes import new_flag
from haliref.check.context import (
    DUPLICATE_TITLE_AT,
    DuplicateIndex,
    FlagContext,
    duplicate_index,
    first_family,
    same_family,
    title_blocks,
    title_key,
    year_of,
)
from haliref.model import Flag, Work

__all__ = ["MAX_DUPLICATES_NAMED", "NEIGHBOURS", "rule_possible_duplicate"]

MAX_DUPLICATES_NAMED = 5  # possible-duplicate flags naming another work, per work
#: the works either side of a work's in both orders of a block too large to score whole (context.BLOCK_SCORED)
NEIGHBOURS = 64


def _extensions(index: DuplicateIndex, title: str) -> set[int]:
    """Works whose title extends ``title`` by whole words, or that ``title`` extends (two words or more)."""
    words = title.split()
    if len(words) < 2:
        return set()
    found = {position for k in range(2, len(words)) for position in index.titles.get(" ".join(words[:k]), ())}
    start = bisect.bisect_left(index.ordered, (title + " ",))
    for other_title, position in itertools.islice(index.ordered, start, None):
        if not other_title.startswith(title + " "):
            break
        found.add(position)
    return found


def _add_neighbours(found: dict[int, str], index: DuplicateIndex, block: tuple[str, str], work_id: str) -> None:
    """The NEIGHBOURS works either side of ``work_id``'s in a large block, in both of its orders."""
    forward, backward, forward_rank, backward_rank = index.orders[block]
    position = index.positions.get(work_id)
    if position not in forward_rank:  # not one of the document's works: the whole block, as for a small one
        found.update(zip(*index.blocks[block], strict=True))
        return
    for order, rank in ((forward, forward_rank), (backward, backward_rank)):
        at = rank[position]
        for other in order[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS + 1]:
            found[other] = index.titles_at[other]


def rule_possible_duplicate(work: Work, ctx: FlagContext) -> list[Flag]:
    """Another work with the same first author and a near-identical title that merge kept apart.

    Near-identical titles are looked for in the work's blocks only; titles that
    extend one another by whole words anywhere in the document.
    """
    index = duplicate_index(ctx)
    title, family = index.keys.get(work.id) or (title_key(work.csl.get("title", "")), first_family(work.csl))
    if not title or not family:
        return []
    close = _extensions(index, title)
    in_blocks: dict[int, str] = {}  # a work is in several of the blocks: its title is scored once
    for block in title_blocks(title, family):
        if block in index.orders:
            _add_neighbours(in_blocks, index, block, work.id)
        else:
            in_blocks.update(zip(*index.blocks.get(block, ((), ())), strict=False))
    for _, _, position in process.extract(
        title, in_blocks, scorer=fuzz.ratio, score_cutoff=DUPLICATE_TITLE_AT, limit=None
    ):
        close.add(position)
    others = [
        other for other in (ctx.document.works[position] for position in sorted(close))
        if other.id != work.id and same_family(family, index.keys[other.id][1])
    ]
    flags = [
        new_flag(
            "possible-duplicate",
            "title",
            f"{work.csl.get('title')!r} ({year_of(work.csl) or 'n.d.'}) vs {other.id}: "
            f"{other.csl.get('title')!r} ({year_of(other.csl) or 'n.d.'}); "
            f"title similarity {fuzz.ratio(title, index.keys[other.id][0]):.0f}",
            other=other.id,
        )
        for other in others[:MAX_DUPLICATES_NAMED]
    ]
    if len(others) > MAX_DUPLICATES_NAMED:  # a list of near-copies: name a few, count the rest (linear output)
        rest = len(others) - MAX_DUPLICATES_NAMED
        flags.append(new_flag("possible-duplicate", "title", "not named one by one", other=f"{rest} more works"))
    return flags
