"""haliref: turn a garbled, scraped reference list into a clean bibliography.

The library in five calls (the same pipeline the command line runs)::

    import haliref

    document = haliref.parse_text(text)            # read → parse → normalize → merge → check
    bib = haliref.to_bibtex(document)              # also to_csl_json, to_ris
    notes = haliref.to_chicago(document, style="notes-bibliography", what="notes", fmt="text")
    items = haliref.read_csl_json(zotero_export)   # CSL-JSON in: render or export it as well
    checked = haliref.check_online(document, transport=my_transport)  # Crossref, Open Library

:func:`flag_document` runs the suspect-entry rules again (``parse_text`` already
has), for a Document built or edited by hand.
"""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from haliref.check.flags import flag_document
    from haliref.check.online import check_online
    from haliref.export import to_bibtex, to_csl_json, to_ris
    from haliref.model import Citation, Correction, Document, Dropped, Flag, Note, Work
    from haliref.pipeline import parse_text
    from haliref.read.csl_json import CslJsonError
    from haliref.read.csl_json import document_from_csl_json as read_csl_json
    from haliref.render.chicago import render as to_chicago

# Imported on first use (PEP 562), so that ``haliref --help`` does not load the
# model, the gazetteers and the exporters. name -> (module, attribute)
_LAZY = {
    "to_bibtex": ("export.bibtex", "to_bibtex"),
    "to_csl_json": ("export.csl", "to_csl_json"),
    "to_ris": ("export.ris", "to_ris"),
    "Citation": ("model", "Citation"),
    "Correction": ("model", "Correction"),
    "Document": ("model", "Document"),
    "Dropped": ("model", "Dropped"),
    "Flag": ("model", "Flag"),
    "Note": ("model", "Note"),
    "Work": ("model", "Work"),
    "parse_text": ("pipeline", "parse_text"),
    "read_csl_json": ("read.csl_json", "document_from_csl_json"),
    "CslJsonError": ("read.csl_json", "CslJsonError"),
    # not "render": that name is the render/ folder, which Python binds on haliref once imported
    "to_chicago": ("render.chicago", "render"),
    "flag_document": ("check.flags", "flag_document"),
    "check_online": ("check.online", "check_online"),
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'haliref' has no attribute {name!r}")
    import importlib

    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(f"haliref.{module}"), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Citation",
    "Correction",
    "CslJsonError",
    "Document",
    "Dropped",
    "Flag",
    "Note",
    "Work",
    "__version__",
    "check_online",
    "flag_document",
    "parse_text",
    "read_csl_json",
    "to_bibtex",
    "to_chicago",
    "to_csl_json",
    "to_ris",
]
