"""The export stage: works as CSL-JSON (``csl``), BibTeX/BibLaTeX (``bibtex``) and RIS (``ris``), all three
from one declarative field map (``fields``, ``data/field_map.json``)."""

from haliref.export.bibtex import bibtex_chunks, bibtex_round_trip_fields, to_bibtex
from haliref.export.csl import csl_json_chunks, to_csl_json
from haliref.export.fields import DIALECTS, field_map
from haliref.export.ris import ris_chunks, to_ris

__all__ = [
    "DIALECTS",
    "bibtex_chunks",
    "bibtex_round_trip_fields",
    "csl_json_chunks",
    "field_map",
    "ris_chunks",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
]
