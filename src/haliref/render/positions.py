"""CSL positions (first, subsequent, ibid, ibid-with-locator, near-note) computed over the
document's notes (defect 8: citeproc-py cannot see the notes)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class _Cite:
    note_index: int
    work: str
    locator: tuple[str, str] | None
    position: str = "first"
    near: bool = False


def _positions(cites_by_note: list[list[_Cite]], near_note_distance: int = 5) -> None:
    """CSL positions computed over the document's notes (a note without cites breaks ibid)."""
    last_note_of: dict[str, int] = {}
    prev_note: list[_Cite] = []
    for note in cites_by_note:
        for i, cite in enumerate(note):
            if cite.work not in last_note_of:
                cite.position = "first"
            else:
                if i > 0:
                    before = note[i - 1] if note[i - 1].work == cite.work else None
                else:
                    before = prev_note[0] if len(prev_note) == 1 and prev_note[0].work == cite.work else None
                if before is None:
                    cite.position = "subsequent"
                elif cite.locator is None:
                    cite.position = "ibid" if before.locator is None else "subsequent"
                elif before.locator is None or before.locator != cite.locator:
                    cite.position = "ibid-with-locator"
                else:
                    cite.position = "ibid"
                cite.near = cite.note_index - last_note_of[cite.work] <= near_note_distance
            last_note_of[cite.work] = cite.note_index
        prev_note = note
