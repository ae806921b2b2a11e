"""The data files' word lists, read once through haliref.resources and used by the stages."""

import re

import pytest

from haliref import resources
from haliref.merge.works import citation_key
from haliref.normalize.names import parse_name_list


def test_articles_are_read_by_language_and_kind_and_skipped_by_keys():
    found = resources.articles()
    assert {kind for _lang, kind in found} == {"definite", "indefinite"}
    assert "l'" in found[("fr", "definite")] and "the" in found[("en", "definite")]
    for (lang, _kind), articles in found.items():
        # every article in the file is skipped at the start of a title (the curly elision, "l’", is
        # dropped whole by fold, so "l’Pasture" still keys as "lpasture": not the merge's concern here)
        for article in (a for a in articles if not a.endswith("’")):
            space = "" if article.endswith(("'", "’")) else " "
            title = f"{article}{space}Pasture"
            assert citation_key({"author": [{"family": "Roe"}], "title": title}) == "roepasture", (lang, article)


def test_name_words_hold_the_particles_words_and_the_connectors():
    words = resources.name_words()
    assert {"van", "der", "von", "de", "la", "ibn", "y", "i"} <= words
    assert all(word == word.strip() and word for word in words)
    assert resources.lower_set("name_connectors.txt") == {"y", "i"}


def test_a_connector_keeps_a_compound_family_name_whole():
    assert parse_name_list("José Ortega y Gasset")[0] == [{"family": "Ortega y Gasset", "given": "José"}]
    assert parse_name_list("Jordi Pujol i Soley")[0] == [{"family": "Pujol i Soley", "given": "Jordi"}]


def test_abbreviations_by_kind_and_an_unknown_kind_refused():
    assert {"eds", "inc", "übers"} <= resources.abbreviations("period")
    assert {"vol", "mr", "cf"} <= resources.abbreviations("not-a-sentence-end")


    with pytest.raises(ValueError, match="no kind"):
        resources.abbreviations("nonsense")


def test_a_word_list_becomes_a_patterns_alternatives_in_order():
    press = re.compile(rf"\b(?:{resources.alternation('institutional_press_words.txt')})\b", re.IGNORECASE)
    for name in ("Universität Wien", "Presses universitaires de France", "Trinity College", "Akademie Verlag"):
        assert press.search(name), name
    assert not press.search("Verso") and not press.search("Collegeville Press")
    assert resources.alternation("and_words.txt") == "and|\\&|et|und"
    assert resources.alternation("run_in_articles.txt").split("|")[:3] == ["The", "A", "An"]


def test_a_citys_names_in_other_languages_are_known_places():
    from haliref.normalize.imprint import is_known_place

    assert all(is_known_place(name) for name in ("Londres", "Nueva York", "Wien", "Vienne", "Monaco di Baviera"))
