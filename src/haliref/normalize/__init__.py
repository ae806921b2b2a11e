"""The normalize stage: the labelled spans of one citation -> a clean CSL-JSON item.

See :mod:`haliref.normalize._pipeline` for the steps, the trivial cleanups and the rules.
"""

from ._pipeline import CSL_ORDER, LABELS, PIPELINE, RULES, Normalized, assemble, normalize

__all__ = ["CSL_ORDER", "LABELS", "PIPELINE", "RULES", "Normalized", "assemble", "normalize"]
