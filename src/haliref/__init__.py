"""haliref: turn a garbled, scraped reference list into a clean bibliography.

The public API is small: :func:`parse_text` runs the pipeline (segment → split →
parse → normalize → merge) on a text and returns a :class:`Document`; the
exporters turn its works into BibTeX, CSL-JSON or RIS.
"""

from ._export import to_bibtex, to_csl_json, to_ris
from ._model import Citation, Correction, Document, Dropped, Flag, Note, Work
from ._pipeline import parse_text

__version__ = "0.1.0"

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
