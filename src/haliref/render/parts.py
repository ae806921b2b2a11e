"""Works inside other works: an unsigned chapter (CMOS 17 14.107) and dictionary or encyclopedia
entries, signed (14.234) or not (14.232, 14.233), which the styles get wrong in notes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from haliref.render.markup import _I_OFF, _I_ON, _markup_to_ir

_PART_TYPES = frozenset({"chapter", "paper-conference"})  # reference entries: the style (CMOS 14.130)
_CONTAINER_ROLES = frozenset({"editor", "translator", "editor-translator", "collection-editor", "compiler",
                              "editorial-director"})


def _unsigned_part(ref: Any) -> bool:
    """A chapter (or paper, entry) in a titled book with no author of its own (CMOS 17 14.107).

    ``ref`` is a CSL-JSON dict or a citeproc-py Reference (whose keys use underscores).
    """
    def has(key: str) -> bool:
        return bool(ref.get(key) or ref.get(key.replace("-", "_")))
    return ref.get("type") in _PART_TYPES and not has("author") and has("container-title")


def _unsigned_entry(item: Mapping[str, Any]) -> bool:
    """An unsigned entry of a dictionary or encyclopedia, printed or online: cited "s.v." under
    the work's title (CMOS 17 14.232, 14.233)."""
    return (item.get("type") in ("entry-dictionary", "entry-encyclopedia") and not item.get("author")
            and bool(item.get("container-title")) and bool(item.get("title")))


def _signed_entry(item: Mapping[str, Any]) -> bool:
    """An entry of a dictionary or encyclopedia with an author of its own (CMOS 17 14.234)."""
    return (item.get("type") in ("entry-dictionary", "entry-encyclopedia") and bool(item.get("author"))
            and bool(item.get("title")))


def _entry_in_note(item: dict[str, Any], text: str, bib: bool, author_date: bool) -> str:
    """"s.v." kept in a later note of an unsigned dictionary entry cited with a locator (CMOS 17
    14.232), and given to an online one, its work named first (14.233); none before a signed entry's
    title, cited like a chapter (14.234)."""
    if not bib and _signed_entry(item):
        # a signed entry is cited like a chapter, by its title, in a short note too (CMOS 17
        # 14.234: "Shanin, “Peasantry,” 13."); the style wrote "Shanin, s.v. “Peasantry,” 13."
        title = _markup_to_ir(str(item["title"]))
        text = text.replace(f"s.v. \u201c{title}", f"\u201c{title}", 1)
    if not bib and not author_date and _unsigned_entry(item) and "s.v." not in text:
        # "s.v." before the entry's word in every note, whatever the locator (CMOS 17 14.232:
        # "Oxford English Dictionary, s.v. “sansculotte,” 12."), an online work's too, named first
        # (14.233: "Merriam-Webster.com Dictionary, s.v. “Chartism,” accessed …"); the style
        # drops it with a locator, and leads an online entry with its title, as CMOS 18 does
        title = _markup_to_ir(str(item["title"]))
        container = _I_ON + _markup_to_ir(str(item["container-title"])) + _I_OFF
        lead = f"\u201c{title}\u201d, {container}"
        if text.startswith(lead):
            text = f"{container}, \u201c{title}\u201d" + text[len(lead):]
        text = text.replace(f"{_I_OFF}, \u201c{title}", f"{_I_OFF}, s.v. \u201c{title}", 1)
    return text
