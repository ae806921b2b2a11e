"""What an input is, before it is read as a reference list: CSL-JSON, BibTeX, HTML, or text.

A reference manager's export (CSL-JSON, BibTeX) is read as works, one per item
or entry, as :mod:`haliref.read.csl_json` does; an HTML page is refused in one
line that says what it is (the text reader would make junk of its markup).
"""

from __future__ import annotations

import json
import re
from typing import Any

from haliref.model import Document
from haliref.read.csl_json import CslJsonError, document_from_csl_json, looks_like_csl_json

__all__ = ["StructuredInputError", "document_from_bibtex", "kind_of", "looks_like_bibtex", "looks_like_html",
           "structured_document"]

# "@book{" or "@article(" as the first thing, after blank lines and "%" comments.
_BIBTEX = re.compile(r"\A\ufeff?(?:\s*%[^\n]*\n)*\s*@\s*[A-Za-z]+\s*[{(]")
_HTML = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)

_TYPES = {
    "article": "article-journal",
    "book": "book",
    "booklet": "book",
    "mvbook": "book",
    "collection": "book",
    "proceedings": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "online": "webpage",
    "manual": "report",
    "unpublished": "manuscript",
}
_CONTAINERS = ("journaltitle", "journal", "booktitle")
_PLAIN = {
    "title": "title",
    "volume": "volume",
    "number": "issue",
    "pages": "page",
    "publisher": "publisher",
    "address": "publisher-place",
    "location": "publisher-place",
    "edition": "edition",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "note": "note",
    "school": "publisher",
    "institution": "publisher",
}


class StructuredInputError(ValueError):
    """The input is a known kind of file that cannot be read as one: said in one line."""


def looks_like_bibtex(text: str) -> bool:
    return bool(_BIBTEX.match(text[:65536]))


def looks_like_html(text: str) -> bool:
    return bool(_HTML.match(text[:65536]))


def kind_of(text: str) -> str:
    """``csl-json``, ``bibtex``, ``html`` or ``text`` (a reference list)."""
    if looks_like_csl_json(text):  # the CSL-JSON reader's own test, the only one
        return "csl-json"
    if looks_like_bibtex(text):
        return "bibtex"
    if looks_like_html(text):
        return "html"
    return "text"


def _names(value: str) -> list[dict[str, str]]:
    names = []
    for part in re.split(r"\s+and\s+", value.strip()):
        part = " ".join(part.split())
        if not part:
            continue
        if part.lower() == "others":
            names.append({"literal": "others"})
        elif "," in part:
            family, _, given = part.partition(",")
            names.append({"family": family.strip(), "given": given.strip()} if given.strip() else
                         {"family": family.strip()})
        elif " " in part:
            given, _, family = part.rpartition(" ")
            names.append({"family": family, "given": given})
        else:
            names.append({"family": part})
    return names


def _csl(entry: Any) -> dict[str, Any]:
    fields = {field.key.lower(): " ".join(str(field.value).split()) for field in entry.fields}
    csl: dict[str, Any] = {"type": _TYPES.get(entry.entry_type.lower(), "document")}
    for key in ("author", "editor"):
        if fields.get(key):
            csl[key] = _names(fields[key])
    for key, target in _PLAIN.items():
        if fields.get(key) and target not in csl:
            csl[target] = fields[key].replace("--", "–") if key == "pages" else fields[key]
    for key in _CONTAINERS:
        if fields.get(key):
            csl["container-title"] = fields[key]
            break
    year = re.match(r"\d{4}", fields.get("year") or fields.get("date") or "")
    if year:
        csl["issued"] = {"date-parts": [[int(year.group())]]}
    return csl


def document_from_bibtex(text: str) -> Document:
    """A Document with one work (and one note citing it) per BibTeX entry, in file order."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    entries = list(library.entries)
    if not entries:
        failed = len(library.failed_blocks)
        raise StructuredInputError(
            "a BibTeX file, but no entry could be read" + (f" ({failed} block(s) failed to parse)" if failed else "")
        )
    items = [_csl(entry) for entry in entries]
    return document_from_csl_json(json.dumps(items, ensure_ascii=False))


def structured_document(text: str, name: str) -> Document | None:
    """The works of a CSL-JSON or BibTeX file; None for a reference list (text).

    Raises :class:`StructuredInputError` for an HTML page or a file of a known kind
    that cannot be read, naming ``name``.
    """
    kind = kind_of(text)
    if kind == "text":
        return None
    if kind == "html":
        raise StructuredInputError(
            f"{name} is an HTML page, not a reference list: save the page as text (or copy the list) and give that"
        )
    try:
        return document_from_csl_json(text) if kind == "csl-json" else document_from_bibtex(text)
    except (CslJsonError, StructuredInputError) as error:
        raise StructuredInputError(f"{name}: {error}") from None
