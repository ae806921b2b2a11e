"""haliref.render.titles: a title's language decides its case; a title loses its article when sorted."""

from __future__ import annotations

import pytest

from haliref.render.titles import _lang, _strip_article, guess_language, is_english


@pytest.mark.parametrize("title", [
    "Terrorism and Communism", "Cuba: Castroism and Communism, 1959–1966", "Utopia Unarmed",
    "Die Another Day", "Ten Days That Shook the World",
])
def test_english_titles_are_not_taken_for_foreign(title):
    # CMOS 17 8.159: these are English and take headline style
    assert guess_language(title) is None


def test_a_clearly_foreign_title_is_told_and_only_english_ones_are_english():
    assert guess_language("La révolution française et la question de la guerre") == "fr"
    assert not is_english("La révolution française et la question de la guerre")
    assert is_english("The Making of the English Working Class")


@pytest.mark.parametrize("title, lang, sorted_as", [
    ("The Crowd in History", "en", "Crowd in History"),
    ("An Essay", "en", "Essay"),
    ("Les Misérables", "fr", "Misérables"),
    ("L'Ancien Régime", "fr", "Ancien Régime"),
    ("Die Blechtrommel", "de", "Blechtrommel"),
    ("The Crowd", "fr", "Crowd"),          # English articles always go
    ("El Aleph", "es", "El Aleph"),        # only English, French and German articles
    ("Les Misérables", None, "Misérables"),
    ("The", "en", "The"),                  # never the whole title
])
def test_the_initial_article_is_ignored_when_sorted(title, lang, sorted_as):
    assert _strip_article(title, lang) == sorted_as


def test_an_items_language_is_its_two_letter_code():
    assert _lang({"language": "fr-FR"}) == "fr"
    assert _lang({}) == "en"
