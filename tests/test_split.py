"""Splitting notes into citations: prefixes, locators, several works, prose-embedded citations."""

import pytest

from haliref._split import split_note


def one(text):
    citations, leftover = split_note([text])
    assert len(citations) == 1, citations
    assert leftover == ""
    return citations[0]


@pytest.mark.parametrize(
    ("text", "prefix", "body", "locator"),
    [
        ("Ann Roe, A Book (London: Verso, 1990) p. 4.", "", "Ann Roe, A Book (London: Verso, 1990)", "p. 4"),
        ("Quoted in J. K. Poe, Title (Paris: Seuil, 1980), pp. 115–17.", "Quoted in", "J. K. Poe, Title (Paris: Seuil, 1980)", "pp. 115–17"),
        ("On the war in Spain, Hugh Lane, Title (Oxford, 1983) vol. 3, pp. 303–4.", "On the war in Spain,", "Hugh Lane, Title (Oxford, 1983)", "vol. 3, pp. 303–4"),
        ("Text of the treaty in Maria Ruiz, Title (Madrid: Alianza, 1977) p. 9.", "Text of the treaty in", "Maria Ruiz, Title (Madrid: Alianza, 1977)", "p. 9"),
        ("For a full account see Tom Ash, ‘An Essay’, in Bo Lin (ed.), A Book (Leiden: Brill, 2001).", "For a full account see", "Tom Ash, ‘An Essay’, in Bo Lin (ed.), A Book (Leiden: Brill, 2001)", ""),
        ("‘A Speech’, in Collected Speeches, ed. A. Lee (London: Pluto, 1972) pp. 4-5.", "", "‘A Speech’, in Collected Speeches, ed. A. Lee (London: Pluto, 1972)", "pp. 4-5"),
        ("Lucy Ward, ‘An Article’, Past and Present 12 (1989) 45.", "", "Lucy Ward, ‘An Article’, Past and Present 12 (1989)", "45"),
    ],
)
def test_prefix_body_locator(text, prefix, body, locator):
    citation = one(text)
    assert (citation.prefix, citation.body, citation.locator) == (prefix, body, locator)
    assert not citation.short_form


def test_several_works_in_one_note():
    citations, _ = split_note(
        ["For two views, see Ann Roe, First Title; Bob Poe, Second Title (Boston: Beacon, 1996)."]
    )
    assert [c.body for c in citations] == ["Ann Roe, First Title", "Bob Poe, Second Title (Boston: Beacon, 1996)"]
    assert citations[0].prefix == "For two views, see"
    assert citations[0].short_form and not citations[1].short_form


def test_sentence_after_a_locator_starts_a_new_citation():
    citations, _ = split_note(
        ["Ann Roe, A Book (London: Verso, 1990) pp. 4-5. For the context, see Bob Poe, Other (Paris: Seuil, 1980) p. 2."]
    )
    assert [(c.prefix, c.locator) for c in citations] == [("", "pp. 4-5"), ("For the context, see", "p. 2")]


def test_continuation_items_are_separate_citations():
    citations, _ = split_note(["Ann Roe, A Book (London: Verso, 1990) p. 4", "Bob Poe, Other (Paris: Seuil, 1980) p. 2."])
    assert [c.locator for c in citations] == ["p. 4", "p. 2"]


def test_citation_inside_prose_parenthesis_takes_author_from_prose():
    citation = one(
        "Karl Weber argues that the plan failed in 1961–3 (Die Planung der Zukunft, Munich: Beck, 1969, pp. 11–13)."
    )
    assert citation.author_hint == "Karl Weber"
    assert citation.body == "Karl Weber, Die Planung der Zukunft, Munich: Beck, 1969"
    assert citation.locator == "pp. 11–13"
    assert citation.prefix.startswith("Karl Weber argues")


def test_short_forms():
    citations, _ = split_note(["Ann Roe, p. 12. The rest is commentary (Bob Poe, A Title Here, Paris: Seuil, 1985)."])
    assert citations[0].short_form and citations[0].body == "Ann Roe" and citations[0].locator == "p. 12"
    assert citations[1].body == "Bob Poe, A Title Here, Paris: Seuil, 1985"
    assert citations[1].author_hint == ""
    assert citations[1].prefix == "The rest is commentary"
    ibid = one("Ibid., p. 230.")
    assert ibid.ibid and ibid.short_form and ibid.locator == "p. 230"
    surname = one("Hobbes, p. 61.")
    assert surname.short_form and surname.body == "Hobbes"
    op_cit = one("Ann Roe, op. cit., p. 9.")
    assert op_cit.short_form and not op_cit.ibid and op_cit.body == "Ann Roe"


def test_pure_prose_note_has_no_citation():
    citations, leftover = split_note(["This point is made by many, and disputed by few."])
    assert citations == [] and leftover.startswith("This point")


# --- issue 7: shapes beyond the bundled list -------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "Roe, Ann. 1983. A Title. Boston: Little, Brown.",
        "Poe, B. J. 1990. Another Title. London: Verso.",
        "Doe, C. (2011). Third title. Paris: Seuil.",
    ],
)
def test_author_date_entry_is_one_citation_without_prefix_or_locator(entry):
    citations, leftover = split_note([entry])
    assert [(c.body, c.prefix, c.locator) for c in citations] == [(entry, "", "")]
    assert leftover == ""


@pytest.mark.parametrize(
    ("note", "body", "locator"),
    [
        ("Roe, op. cit., p. 9.", "Roe", "p. 9"),
        ("Roe, op. cit., 50.", "Roe", "50"),
        ("Roe, loc. cit.", "Roe", ""),
        ("Roe, Short Title, 60.", "Roe, Short Title", "60"),
        ("Ibid., 110.", "Ibid.", "110"),
    ],
)
def test_short_forms_with_bare_page_numbers(note, body, locator):
    (citation,), _ = split_note([note])
    assert citation.short_form
    assert (citation.body.rstrip("."), citation.locator) == (body.rstrip("."), locator)


def test_inverted_name_opens_the_citation():
    (citation,), _ = split_note(["Roe, Ann B., A Title (Leeds: Moorland, 1975), p. 8."])
    assert (citation.prefix, citation.locator) == ("", "p. 8")
    assert citation.body.startswith("Roe, Ann B., A Title")


def test_place_before_a_forward_name_is_not_an_inverted_name():
    (citation,), _ = split_note(["In Spain, Ann Roe, A Title (Oxford, 1983) p. 3."])
    assert citation.prefix == "In Spain,"


def test_cue_word_is_not_an_initial():
    (citation,), _ = split_note(["Cf. Ann Roe, A Title (Leeds: Moorland, 1975), p. 8."])
    assert citation.prefix == "Cf."
