"""haliref: turn a garbled, scraped reference list into a clean bibliography.

The public API is small: :func:`parse_text` runs the pipeline (segment → split →
parse → normalize → merge) on a text and returns a :class:`Document`; the
exporters turn its works into BibTeX, CSL-JSON or RIS.
"""

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from haliref.export.formats import to_bibtex, to_csl_json, to_ris
    from haliref.model import Citation, Correction, Document, Dropped, Flag, Note, Work
    from haliref.pipeline import parse_text

# Imported on first use (PEP 562), so that ``haliref --help`` does not load the
# model, the gazetteers and the exporters.
_LAZY = {
    "to_bibtex": "export.formats", "to_csl_json": "export.formats", "to_ris": "export.formats",
    "Citation": "model", "Correction": "model", "Document": "model", "Dropped": "model",
    "Flag": "model", "Note": "model", "Work": "model",
    "parse_text": "pipeline",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'haliref' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "Citation",
    "Correction",
    "Document",
    "Dropped",
    "Flag",
    "Note",
    "Work",
    "__version__",
    "parse_text",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
]
