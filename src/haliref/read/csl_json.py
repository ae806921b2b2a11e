"""CSL-JSON as an input: a list of items, or a Zotero/Better BibTeX export, read into a Document.

CSL-JSON is the hub every exporter and the renderer already speak, so an export
from a reference manager can be rendered in Chicago style or written as BibTeX
and RIS without going through the text reader. Each item becomes one work and
one note citing it, in file order, so notes and short notes can be rendered too.
"""

from __future__ import annotations

import json
import re
from typing import Any

from haliref.merge.works import MergedWork, assign_keys
from haliref.model import Citation, Document, Note, Work, csl_item

__all__ = ["CslJsonError", "document_from_csl_json", "looks_like_csl_json"]


class CslJsonError(ValueError):
    """The text is JSON but not CSL-JSON items (said in one line)."""


# JSON as CSL-JSON opens: "[{", "[]" or '{"'. Anything else opening with "[" or "{" is
# taken for JSON only if it is JSON throughout: a list numbered "[1] D. Roe, ..." is a
# reference list, not broken JSON.
_OPENING = re.compile(r'\A\ufeff?\s*(?:\[\s*[{\]]|\{\s*")')


def looks_like_csl_json(text: str) -> bool:
    """The text opens like a list of CSL-JSON items (or an object), or is JSON throughout.

    The one test of whether an input is CSL-JSON (:func:`haliref.read.kinds.kind_of`
    asks it); given only the first bytes of a file, the opening decides.
    """
    if _OPENING.match(text[:65536]):
        return True
    body = text.lstrip("\ufeff \t\r\n")
    if body[:1] not in ("[", "{"):
        return False
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):  # {"items": [...]} as some exporters write it, or one item
        data = data.get("items", [data])
    if not isinstance(data, list) or not data:
        raise CslJsonError("CSL-JSON input must be a non-empty list of items")
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise CslJsonError(f"CSL-JSON item {number} is not an object")
        if not isinstance(item.get("type", "document"), str):
            raise CslJsonError(f"CSL-JSON item {number} has a type that is not a string")
    return data


def document_from_csl_json(text: str) -> Document:
    """A Document with one work (and one note citing it) per CSL-JSON item.

    Keys are made as for parsed lists (``roe1983``), so the .bib of an export
    reads like the .bib of a pasted list; the items' own ids (often Zotero
    addresses) are not kept.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CslJsonError(f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}") from None
    items = _items(data)
    cleaned = [{key: value for key, value in item.items() if key != "id"} for item in items]
    for csl in cleaned:
        csl.setdefault("type", "document")
    keys = assign_keys([MergedWork(csl=csl) for csl in cleaned])
    works = [Work(id=key, csl=csl_item(csl)) for key, csl in zip(keys, cleaned, strict=True)]
    notes = [
        Note(
            number=number,
            list_items=[],
            text=str(csl.get("title", "")),
            citations=[Citation(work=key, text=str(csl.get("title", "")))],
        )
        for number, (key, csl) in enumerate(zip(keys, cleaned, strict=True), start=1)
    ]
    return Document(notes=notes, works=works, dropped=[])
