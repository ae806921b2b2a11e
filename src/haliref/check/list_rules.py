"""Flag rules on the whole list: note numbers missing, repeated or out of order, notes without numbers, a note
that holds a citation no one read, lines left out."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from haliref.check.codes import new_flag
from haliref.check.context import FlagContext, format_missing, format_ranges, missing_note_numbers, note_label, quote
from haliref.model import Document, Flag

__all__ = ["rule_citation_in_prose", "rule_dropped_noise", "rule_note_gaps", "rule_note_order", "rule_unnumbered"]


def rule_note_gaps(document: Document, ctx: FlagContext) -> list[Flag]:
    missing = missing_note_numbers(document)
    text = format_missing(missing)
    if not text:
        return []
    present = sorted({n.number for n in document.notes if n.number is not None})
    count = sum(len(m) for m in missing) if isinstance(missing[0], list) else len(missing)
    return [
        new_flag(
            "note-gaps", "note", f"{count} of 1–{present[-1]} missing; present: {format_ranges(present)}", missing=text
        )
    ]


def rule_note_order(document: Document, ctx: FlagContext) -> list[Flag]:
    """Numbers that repeat or go back within a run; a new run the segmenter read (a chapter) restarts at 1."""
    numbered = [(n.run, n.number) for n in document.notes if n.number is not None]
    if not numbered:
        return []
    problems = []
    evidence = [str(numbered[0][1])]
    for (run_before, previous), (run, number) in itertools.pairwise(numbered):
        evidence.append(f" | {number}" if run != run_before else f" → {number}")
        if run != run_before and number == 1:
            continue
        if number == previous:
            problems.append(f"{number} repeated")
        elif number < previous:
            problems.append(f"{number} after {previous}")
    if not problems:
        return []
    return [new_flag("note-order", "note", "".join(evidence), detail="; ".join(problems))]


def rule_unnumbered(document: Document, ctx: FlagContext) -> list[Flag]:
    unnumbered = [n for n in document.notes if n.printed is None]
    if not unnumbered or len(unnumbered) == len(document.notes):
        return []
    evidence = "; ".join(quote(n.text, 50) for n in unnumbered[:3])
    return [new_flag("notes-unnumbered", "note", evidence, count=len(unnumbered))]


_BRACKETED_IMPRINT = re.compile(r"\([^()]{2,80}:\s*[^()]{2,120}\b(?:1[4-9]|20)\d\d\)")
_PAGE_CUE = re.compile(r"\b(?:pp?\.|S\.)\s*\d+")
_YEAR_AFTER = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _has_imprint(text: str) -> bool:
    """A bracketed imprint with a year, or a page cue with a year later on its line.

    The year is looked for once after the line's first page cue, not after every
    cue (".*" from each cue was quadratic on long runs of "p. 1, ").
    """
    if _BRACKETED_IMPRINT.search(text):
        return True
    for line in text.split("\n"):
        cue = _PAGE_CUE.search(line)
        if cue and _YEAR_AFTER.search(line, cue.end()):
            return True
    return False


def rule_citation_in_prose(document: Document, ctx: FlagContext) -> list[Flag]:
    flags = []
    for note in document.notes:
        if note.citations:
            continue
        if _has_imprint(note.text):
            flags.append(new_flag("citation-in-prose", "note", quote(note.text), note=note_label(note)))
    return flags


def rule_dropped_noise(document: Document, ctx: FlagContext) -> list[Flag]:
    noisy = [d for d in document.dropped if d.text.strip()]
    if not noisy:
        return []
    reasons = Counter(d.reason for d in noisy)
    detail = "; ".join(f"{count} × {reason}" for reason, count in reasons.most_common())
    lines = format_ranges(d.line for d in noisy)
    return [new_flag("dropped-noise", "", f"lines {lines}", count=len(noisy), detail=detail)]
