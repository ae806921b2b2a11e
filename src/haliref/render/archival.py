"""Archival forms: a file named by its call number or collection (CMOS 17 14.238), a letter named
by writer and recipient (14.224, 14.232), never an "unpublished manuscript ... n.d."."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from haliref.render.markup import _markup_to_ir


def _named_by_its_file(item: Mapping[str, Any]) -> bool:
    """A document with a title and nothing else: an archival file named by its call number or collection."""
    return item.get("type") == "document" and bool(item.get("title")) and not any(
        item.get(k) for k in ("author", "editor", "issued", "container-title", "publisher", "archive", "URL"))


def _letter_heading(item: Mapping[str, Any]) -> tuple[str, str] | None:
    """(writer as rendered, title) of an archival letter whose title names its writer ("Avery to Lund")."""
    authors, title = item.get("author") or [], item.get("title")
    if item.get("type") != "manuscript" or len(authors) != 1 or not isinstance(title, str):
        return None
    writer = authors[0].get("family") or authors[0].get("literal") or ""
    if not writer or not title.startswith(f"{writer} to "):
        return None
    return _markup_to_ir(writer), _markup_to_ir(title)


def _archival_title(item: dict[str, Any]) -> None:
    """A file cited by its call number or collection alone ("FO 800/310", "Hatton Papers") is named by it, as
    CMOS 14.238 cites a file, and is a document: without a title the style would call it an "unpublished
    manuscript" (twice, as title and description)."""
    if item["type"] != "manuscript" or item.get("title") or item.get("genre"):
        return
    for variable in ("archive_location", "archive"):
        if item.get(variable):
            item["title"] = item.pop(variable)
            item["type"] = "document"
            return


def _file_entry(item: Mapping[str, Any]) -> str:
    """A file's bibliography entry: its name as printed, "FO 800/310." (CMOS 14.238)."""
    return _markup_to_ir(str(item["title"])) + "."


def _file_in_note(item: Mapping[str, Any], text: str) -> str:
    """"FO 800/310", "Hatton Papers" in a note: the file's name as printed, not a quoted title "n.d."
    (CMOS 14.238)."""
    name = _markup_to_ir(str(item["title"]))
    quoted = rf"\u201c{re.escape(name)}([,.]?)\u201d"
    text = re.sub(quoted + r"[,.]?\s*n\.d\.", name, text, count=1)
    return re.sub(quoted, lambda m: name + m[1], text, count=1)


def _letter_named(item: Mapping[str, Any], text: str) -> str:
    """"Avery to Lund, March 3, 1951, …, Lund Papers": a letter is named by writer and recipient,
    unquoted, its writer not printed twice (CMOS 14.224, 14.232)."""
    if (letter := _letter_heading(item)) is not None:
        author, title = letter
        text = re.sub(rf"^{re.escape(author)}(?:\.|,)? \u201c{re.escape(title)}([,.]?)\u201d",
                      lambda m: title + m[1], text, count=1)
    return text
