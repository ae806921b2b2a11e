"""Generalization: hand-checked list shapes the bundled list does not have (tests/data/shapes/)."""

import importlib.util
from pathlib import Path

import pytest

from haliref.read.segment import segment

ROOT = Path(__file__).parent.parent
_spec = importlib.util.spec_from_file_location("shapes_accuracy", ROOT / "benchmarks" / "shapes_accuracy.py")
shapes_accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(shapes_accuracy)
SHAPES = shapes_accuracy.shapes()


def test_corpus_is_large_enough():
    assert len(SHAPES) >= 12


@pytest.mark.parametrize("name", SHAPES)
def test_shape_matches_hand_written_expectation(name):
    checks, (matched, total) = shapes_accuracy.compare(name)
    wrong = [f"{label}: expected {want!r}, got {got!r}" for label, ok, want, got in checks if not ok]
    assert wrong == []
    assert matched == total


@pytest.mark.parametrize("name", SHAPES)
def test_every_line_is_accounted_for(name):
    text = (shapes_accuracy.CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    result = segment(text)
    in_notes = {line for note in result.notes for line in note.lines}
    dropped = {d.line for d in result.dropped}
    assert in_notes | dropped == set(range(1, len(text.splitlines()) + 1))
