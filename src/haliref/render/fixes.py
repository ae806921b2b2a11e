"""The fixes that need the item, applied to each rendered entry or cite, in one order."""

from __future__ import annotations

from typing import Any

from haliref.render.archival import _file_entry, _file_in_note, _letter_named, _named_by_its_file
from haliref.render.imprint import _newspaper_section, _reprint
from haliref.render.parts import _entry_in_note


def _item_fixes(item: dict[str, Any], text: str, bib: bool, author_date: bool) -> str:
    """Fixes that need the item, on one rendered entry or cite (IR text): a reprint, a dictionary
    entry, an archival file or letter, a newspaper's section (each documented where it is made)."""
    text = _reprint(item, text, bib, author_date)
    text = _entry_in_note(item, text, bib, author_date)
    if _named_by_its_file(item):
        if bib:
            return _file_entry(item)
        text = _file_in_note(item, text)
    text = _letter_named(item, text)
    return _newspaper_section(item, text)
