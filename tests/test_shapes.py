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


def test_notes_are_paired_with_their_expectations_by_content_and_number_in_order():
    """One note read twice or not at all must not put every later note off its expectation (--aligned)."""
    from haliref import parse_text

    expected = {
        "notes": [[1, [[0, "", "14"]]], [2, [[1, "", "20"]]], [3, [[0, "", "31"]]]],
        "works": [{"author": "Marsh", "title": "The Grain Trade"}, {"author": "Vries", "title": "Rents and Tenants"}],
    }
    document = parse_text(
        "Abbreviations: GT, Peter Marsh, The Grain Trade (Oxford, 1977).\n"  # a note of its own the expectation lacks
        "1. Peter Marsh, The Grain Trade (Oxford, 1977), 14.\n"
        "2. Anna Vries, Rents and Tenants (London, 1990), 20.\n"
        "3. Marsh, The Grain Trade, 31.\n"
    )
    notes = document.notes
    pairs = shapes_accuracy.aligned_notes(expected, notes)
    assert [note.number if note else None for note in pairs] == [1, 2, 3]
    assert shapes_accuracy.aligned_notes(expected, notes[2:]) == [None, notes[2], notes[3]]


def test_a_type_outside_format_md_is_scored_as_its_document():
    """FORMAT.md's annotators write "document" for any type it does not list (an interview): so is it compared."""
    assert shapes_accuracy._work_fields({"type": "interview"})["type"] == "document"
    assert shapes_accuracy._work_fields({"type": "manuscript"})["type"] == "manuscript"
