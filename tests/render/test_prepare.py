"""haliref.render.prepare: a work's CSL-JSON as it is handed to citeproc."""

from __future__ import annotations

import pytest

from haliref.render.prepare import prepare_item


def test_an_english_title_in_headline_style_with_a_short_title_and_typographic_quotes():
    item = prepare_item("roe", {"id": "ignored", "title": "utopia unarmed: the latin american left after the cold war",
                                "author": [{"family": "O'Brien", "given": "Ann"}], "language": "en"})
    assert item["id"] == "roe" and item["type"] == "book"
    assert item["title"] == "Utopia Unarmed: The Latin American Left after the Cold War"
    assert item["title-short"] == "Utopia Unarmed"
    assert item["author"] == [{"family": "O’Brien", "given": "Ann"}]


@pytest.mark.parametrize(
    "title, typeset",
    [
        ("Strikes and Lockouts 1959-1966", "Strikes and Lockouts 1959–1966"),
        ("Guerres et paix XVIIe-XXe siècles", "Guerres et paix XVIIe–XXe siècles"),
        ("The Sailor's Return", "The Sailor’s Return"),
        ('The "Other" Europe', "The “Other” Europe"),
        ("The 'Third Way' Debate", "The ‘Third Way’ Debate"),
        ("Brest-Litovsk and After", "Brest-Litovsk and After"),
    ],
)
def test_chicago_sets_range_dashes_and_typographic_quotes_in_a_title_printed_without_them(title, typeset):
    item = prepare_item("x", {"title": title, "container-title": title})
    assert item["title"] == item["container-title"] == typeset


def test_a_foreign_title_keeps_its_case_with_capitals_opening_title_and_subtitle():
    item = prepare_item("x", {"title": "la révolution française: une histoire", "language": "fr"})
    assert item["title"] == "La révolution française: Une histoire"


def test_the_language_of_a_clearly_foreign_title_is_guessed():
    item = prepare_item("x", {"title": "La révolution française et la question de la guerre"})
    assert item["language"] == "fr"
    assert "language" not in prepare_item("y", {"title": "Terrorism and Communism"})


def test_an_archival_file_without_title_is_named_by_its_call_number():
    item = prepare_item("x", {"type": "manuscript", "archive_location": "CAB 100/1"})
    assert (item["type"], item["title"]) == ("document", "CAB 100/1")
