"""The user's splits, joins and prose words (haliref.parse.edits): pure functions over a note's citations."""

from __future__ import annotations

import pytest

from haliref.files import InputError
from haliref.parse.edits import apply_edits, edits_json, parse_edits
from haliref.parse.split import RawCitation

NOTE = "See Ann Roe, A Book (London: Verso, 1990), 12; Bob Lee, Other Book (Paris: Seuil, 1985), 3."
ROE = RawCitation(body="Ann Roe, A Book (London: Verso, 1990)", prefix="See", locator="12")
LEE = RawCitation(body="Bob Lee, Other Book (Paris: Seuil, 1985)", locator="3")


def _edits(*raw: dict) -> list:
    return parse_edits(list(raw))


def test_a_join_spans_the_notes_text_from_the_first_to_the_second() -> None:
    edits = _edits({"op": "join", "words": ROE.body.split(), "next": LEE.body.split()})
    (joined,) = apply_edits(edits, [ROE, LEE], NOTE)
    assert joined.body == "Ann Roe, A Book (London: Verso, 1990), 12; Bob Lee, Other Book (Paris: Seuil, 1985)"
    assert (joined.prefix, joined.locator, joined.short_form) == ("See", "3", False)


def test_a_join_needs_the_next_citation_to_be_the_one_named() -> None:
    edits = _edits({"op": "join", "words": LEE.body.split(), "next": ROE.body.split()})
    assert apply_edits(edits, [ROE, LEE], NOTE) == [ROE, LEE]


def test_a_split_reads_each_part_as_a_chunk_of_a_note() -> None:
    joined = RawCitation(body="Ann Roe, A Book (London: Verso, 1990), 12; Bob Lee, Other Book", prefix="See",
                         locator="3")
    first, second = apply_edits(_edits({"op": "split", "words": joined.body.split(), "at": 8}), [joined], NOTE)
    assert first.body == "Ann Roe, A Book (London: Verso, 1990)" and first.prefix == "See" and first.locator == "12"
    assert second.body.startswith("Bob Lee") and second.locator == "3"


def test_prose_words_go_to_the_prefix_before_and_the_suffix_after() -> None:
    words = ROE.body.split()
    (kept,) = apply_edits(_edits({"op": "prose", "words": words, "prose": [0, 1, 6]}), [ROE], NOTE)
    assert kept.body == "A Book (London: Verso," and kept.prefix == "See Ann Roe,"
    assert kept.suffix == "1990)" and kept.locator == "12"


def test_a_citation_all_prose_goes_and_its_text_is_kept_around_its_neighbour() -> None:
    words = LEE.body.split()
    edits = _edits({"op": "prose", "words": words, "prose": list(range(len(words)))})
    (only,) = apply_edits(edits, [ROE, LEE], NOTE)
    assert only.body == ROE.body and only.suffix == "Bob Lee, Other Book (Paris: Seuil, 1985) 3"
    (only,) = apply_edits(_edits({"op": "prose", "words": ROE.body.split(), "prose": list(range(7))}), [ROE, LEE],
                          NOTE)
    assert only.body == LEE.body and only.prefix == "See Ann Roe, A Book (London: Verso, 1990) 12"


def test_edits_of_other_citations_change_nothing_and_round_trip_as_json() -> None:
    edits = _edits({"op": "split", "words": ["X", "Y"], "at": 1}, {"op": "prose", "words": ["Z"], "prose": [0]})
    assert apply_edits(edits, [ROE, LEE], NOTE) == [ROE, LEE]
    import json

    assert parse_edits(json.loads(edits_json(edits))) == edits


@pytest.mark.parametrize(
    "raw", [{"op": "split"}, [{"op": "split", "words": ["A"], "at": True}], [{"op": "prose", "words": [], "prose": []}]]
)
def test_bad_edits_are_refused_in_one_line(raw) -> None:
    with pytest.raises(InputError) as error:
        parse_edits(raw, "edits.json")
    assert "\n" not in str(error.value) and str(error.value).startswith("edits.json: ")
