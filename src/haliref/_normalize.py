"""Normalize stage entry point (re-exports :mod:`haliref.normalize`)."""

from haliref.normalize import CSL_ORDER, LABELS, PIPELINE, RULES, Normalized, assemble, normalize

__all__ = ["CSL_ORDER", "LABELS", "PIPELINE", "RULES", "Normalized", "assemble", "normalize"]
