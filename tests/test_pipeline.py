"""The whole pipeline on the bundled list, and the public API."""

from pathlib import Path

import pytest

from haliref import parse_text

SEED = Path(__file__).parent.parent / "seeds" / "halliday-1999-export-of-revolution.txt"


@pytest.fixture(scope="module")
def document():
    return parse_text(SEED.read_text(encoding="utf-8"), today_year=2026)


def test_bundled_list_counts(document):
    assert len(document.notes) == 29
    assert sum(len(note.citations) for note in document.notes) == 35
    assert len(document.works) == 33
    assert len({work.id for work in document.works}) == 33


def test_repeats_and_short_forms_share_a_work(document):
    by_number = {note.number: note for note in document.notes}
    assert by_number[45].citations[0].work == by_number[6].citations[0].work
    assert by_number[45].citations[0].short_form
    assert by_number[52].citations[0].work == by_number[13].citations[1].work


def test_no_link_noise_or_furniture_left_in_notes(document):
    for note in document.notes:
        assert "Google Scholar" not in note.text and "CrossRef" not in note.text
    noise = [d for d in document.dropped if d.reason == "link noise"]
    assert len(noise) == 32


def test_every_correction_is_undone_by_no_corrections():
    raw = parse_text(SEED.read_text(encoding="utf-8"), corrections=False)
    assert all(not work.corrections for work in raw.works)
    every_rule = {c.rule for work in parse_text(SEED.read_text(encoding="utf-8")).works for c in work.corrections}
    undone = parse_text(SEED.read_text(encoding="utf-8"), skip_rules=every_rule)
    assert [w.csl for w in undone.works] == [w.csl for w in raw.works]
