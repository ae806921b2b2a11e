"""Structural repairs of the labeller's output, each recorded and undoable."""

import pytest

from haliref import parse_text
from haliref.parse.repair import repair
from haliref.parse.tagger import tokenize


def labelled(text, labels):
    tokens = tokenize(text)
    assert len(tokens) == len(labels), [t.text for t in tokens]
    return [(token, label, 0.9) for token, label in zip(tokens, labels, strict=False)]


def fields(spans):
    return [(span.label, span.text) for span in spans]


def test_author_span_running_into_the_title_is_cut_where_the_names_end():
    text = "Ann van Roe, The Rise and Fall of Empires (Leiden: Brill, 1990)"
    labels = ["author"] * 8 + ["title", "location", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Ann van Roe,"), ("title", "The Rise and Fall of Empires")]
    assert [c.rule for c in corrections] == ["author-boundary"]
    undone, none = repair(text, labelled(text, labels), frozenset({"author-boundary"}))
    assert none == [] and fields(undone)[0] == ("author", "Ann van Roe, The Rise and Fall of")


def test_place_inside_the_title_before_a_publisher():
    text = "Bo Lee, A Manual of Sailing (Ann Arbor: Some Press, 1963)"
    labels = ["author", "author"] + ["title"] * 6 + ["publisher", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("location", "(Ann Arbor:") in fields(spans)
    assert ("title", "A Manual of Sailing") in fields(spans)
    assert [c.rule for c in corrections] == ["imprint-boundary"]


def test_a_place_cut_in_two_before_a_publisher_is_all_the_place():
    text = "Bo Lee, A Manual of Sailing (Chapel Hill: Some Press, 1963)"
    labels = ["author", "author"] + ["title"] * 4 + ["location", "publisher", "publisher", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("location", "(Chapel Hill:") in fields(spans) and ("publisher", "Some Press,") in fields(spans)
    assert [c.rule for c in corrections] == ["imprint-boundary"]
    whole = ["author", "author"] + ["title"] * 4 + ["location", "location", "publisher", "publisher", "date"]
    assert repair(text, labelled(text, whole))[1] == []  # the place already whole: nothing to repair


def test_journal_inside_a_quoted_article_title():
    text = "Bo Lee, ‘Was It Possible?’, Quarterly Notes no. 7 (1980)"
    labels = ["author", "author"] + ["title"] * 5 + ["volume", "volume", "date"]
    spans, _ = repair(text, labelled(text, labels))
    assert ("title", "‘Was It Possible?’,") in fields(spans)
    assert ("journal", "Quarterly Notes") in fields(spans)


def test_container_inside_an_editor_span():
    text = "‘A Speech’, in Collected Speeches, ed. A. Lee (London: Pluto, 1972)"
    labels = ["title", "title"] + ["editor"] * 6 + ["location", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("container-title", "in Collected Speeches,") in fields(spans)
    assert ("editor", "ed. A. Lee") in fields(spans)
    assert [c.rule for c in corrections] == ["container-editor-boundary"]


def test_pseudonym_opening_a_citation_is_the_author():
    text = "‘Nemo’ (pseudonym of Jo Bloggs), Une Vie (Paris: Seuil, 1996)"
    labels = ["title"] * 7 + ["location", "publisher", "date"]
    spans, _ = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "‘Nemo’ (pseudonym of Jo Bloggs),"), ("title", "Une Vie")]


def test_nothing_changes_without_evidence():
    text = "Some Title Alone (London: Verso, 1990)"
    labels = ["title"] * 3 + ["location", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert corrections == [] and fields(spans)[0] == ("title", "Some Title Alone")


def test_cached_repair_returns_fresh_lists():
    from haliref.parse.repair import repair
    from haliref.parse.tagger import default_tagger

    text = "Ann Roe, The Rise and Fall of Lin (Ann Arbor: Fontana, 1990)"
    labelled = default_tagger().label_tokens(text)
    spans, corrections = repair(text, labelled)
    spans.clear()
    corrections.append(None)
    again = repair(text, labelled)
    assert again[0] and None not in again[1]


def test_a_name_after_by_that_closes_the_title_is_the_author():
    """A review's header or a reading list: "Title by First Last. Publisher, year"."""
    text = "Mill Towns: A History by Helen Carver. Ashgate, 1997"
    labels = ["author", "author", "title", "title", "title", "title", "title", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("title", "Mill Towns: A History"), ("author", "by Helen Carver.")]
    assert [c.rule for c in corrections] == ["title-by-author"]


def test_by_inside_a_title_or_before_a_non_name_stays_in_the_title():
    for text, labels in [
        ("Ann Roe, Killed by Frost in the Valley (London, 1990)", ["author", "author"] + ["title"] * 6 + ["location",
                                                                                                      "date"]),
        ("Government by Consent. London, 1990", ["title", "title", "title", "location", "date"]),
    ]:
        _, corrections = repair(text, labelled(text, labels))
        assert corrections == [], text


def test_more_names_after_the_first_are_left_to_the_labeller():
    """"Roe J, Poe K, Lee M. Title": the structural boundary sees one name; the labeller read the list."""
    text = "Roe J, Poe K, Lee M. Tides of the northern coast. J Mar Hist 1990"
    labels = ["author"] * 6 + ["title"] * 5 + ["journal"] * 3 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Roe J, Poe K, Lee M."), ("title", "Tides of the northern coast.")]
    assert corrections == []


def test_a_title_that_is_one_full_name_is_still_cut_from_the_author():
    text = "Ann Roe, Thomas Munro: A Life (London, 1990)"
    labels = ["author"] * 4 + ["title"] * 2 + ["location", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Ann Roe,"), ("title", "Thomas Munro: A Life")]
    assert [c.rule for c in corrections] == ["author-boundary"]


def test_more_names_closed_by_et_al_are_left_to_the_labeller():
    """"Roe JA, Poe K, Lee MT, et al. Title": the names list closes with "et al.", and names is all it is."""
    text = "Roe JA, Poe K, Lee MT, et al. Tides of the northern coast. J Mar Hist 1990"
    labels = ["author"] * 8 + ["title"] * 5 + ["journal"] * 3 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Roe JA, Poe K, Lee MT, et al."), ("title", "Tides of the northern coast.")]
    assert corrections == []


def test_initials_without_stops_that_look_like_an_article_are_initials():
    """"Hale A, Poe K": the "A" after a family name is an initial, not the article."""
    text = "Roe J, Hale A, Poe K. Tides of the northern coast. J Mar Hist 1990"
    labels = ["author"] * 6 + ["title"] * 5 + ["journal"] * 3 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[0] == ("author", "Roe J, Hale A, Poe K.")
    assert corrections == []


def test_two_full_names_joined_by_and_are_names_not_a_title():
    """"Ann Roe, Bob Poe, and Cy Lee. Title": the two names after the first, joined by "and", are names."""
    text = "Ann Roe, Bob Poe, and Cy Lee. Tides of the northern coast. In Proc. Sea Conf., 1990"
    labels = ["author"] * 7 + ["title"] * 5 + ["container-title"] * 4 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Ann Roe, Bob Poe, and Cy Lee."), ("title", "Tides of the northern coast.")]
    assert corrections == []


def test_a_family_name_in_two_words_inverted_keeps_its_given_name():
    """"Van Roe, Ann. Title": the given name after the inverted family name is the author's, not the title's."""
    text = "Van Roe, Ann. Tides of the northern coast. Leeds: Sea Press, 1990"
    labels = ["author"] * 3 + ["title"] * 5 + ["location", "publisher", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Van Roe, Ann."), ("title", "Tides of the northern coast.")]
    assert corrections == []


def test_names_in_natural_order_are_not_read_as_one_inverted_name():
    """"Ann Roe, Bob M. Lee, and Cy Poe.": "Ann Roe, Bob M." is no inverted name where more names follow."""
    text = "Ann Roe, Bob M. Lee, and Cy Poe. Tides of the northern coast. In Proc. Sea Conf., 1990"
    labels = ["author"] * 8 + ["title"] * 5 + ["container-title"] * 4 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[0] == ("author", "Ann Roe, Bob M. Lee, and Cy Poe.")
    assert corrections == []


def test_a_title_word_after_a_name_closed_by_a_stop_is_not_the_author():
    """"Ann Roe. Safe, Sound and Dry Harbours.": the name ends at its stop; "Safe," stays in the title."""
    text = "Ann Roe. Safe, Sound and Dry Harbours. PhD thesis, Leeds, 1990"
    labels = ["author", "author"] + ["title"] * 5 + ["genre", "genre", "location", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Ann Roe."), ("title", "Safe, Sound and Dry Harbours.")]
    assert corrections == []


def test_a_quote_inside_a_quoted_title_does_not_close_it():
    """“‘Old Tides’: A Study of the North,” Sea Notes: the ’ closes the inner quote, not the title's “."""
    text = "Bo Lee, “‘Old Tides’: A Study of the North,” Sea Notes 3 (1980)"
    labels = ["author", "author"] + ["title"] * 7 + ["journal", "journal", "volume", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "“‘Old Tides’: A Study of the North,”") in fields(spans)
    assert corrections == []


def test_names_before_an_editors_marker_are_the_editors_and_the_title_follows_the_marker():
    document = parse_text("3. John Pheby (ed.), J.A. Hobson after Fifty Years (London, 1994).\n"
                          "5. Ann Roe and Bob Poe, eds., Essays in Reform (Cambridge: Cambridge University "
                          "Press, 1995).\n")
    works = [document.work(note.citations[0].work).csl for note in document.notes]
    assert [(w.get("editor"), w.get("author"), w["title"]) for w in works] == [
        ([{"family": "Pheby", "given": "John"}], None, "J.A. Hobson after Fifty Years"),
        ([{"family": "Roe", "given": "Ann"}, {"family": "Poe", "given": "Bob"}], None, "Essays in Reform"),
    ]


def test_a_title_ending_on_the_runs_on_into_what_was_read_as_its_journal():
    text = "R. B. Roe, ed., The Era of the American Harbours (1939)."
    labels = ["editor"] * 4 + ["title"] * 4 + ["journal", "journal", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "The Era of the American Harbours") in fields(spans)
    assert not [label for label, _ in fields(spans) if label == "journal"]
    assert [c.rule for c in corrections] == ["title-run-on"]
    kept = "Ann Roe, “A Study of the,” Harbour Review 3 (1990): 4–9."  # a stop or comma after it: nothing
    kept_labels = ["author", "author", "title", "title", "title", "title", "journal", "journal", "volume", "date",
                   "pages"]
    assert repair(kept, labelled(kept, kept_labels))[1] == []


@pytest.mark.parametrize(
    ("text", "labels", "title", "rule"),
    [
        # a title ending on "of" runs on into the year or place read before its bracketed imprint
        ("M. Roe, The Crisis of 1922 (1973).", ["author"] * 2 + ["title"] * 3 + ["date", "date"],
         "The Crisis of 1922", "title-run-on"),
        ("P. Roe, The Struggle for London (1967).", ["author"] * 2 + ["title"] * 3 + ["location", "date"],
         "The Struggle for London", "title-run-on"),
        # a span of years before the bracketed imprint ends the title
        ("Ann Roe, Harbour Towns: Women in English Local Government, 1865-1914 (1987).",
         ["author"] * 2 + ["title"] * 3 + ["container-title"] * 4 + ["pages", "date"],
         "Harbour Towns: Women in English Local Government, 1865-1914", "title-ends-on-its-years"),
        ("Ann Roe, Harbour Towns 1790±1832 (1968).", ["author"] * 2 + ["title"] * 2 + ["date", "date"],
         "Harbour Towns 1790±1832", "title-ends-on-its-years"),  # "±": a PDF text layer's en dash
        ("Ann Roe, The Life of a Rebel: Selina Cooper 1864-1946 (London, 1984).",
         ["author"] * 2 + ["title"] * 5 + ["publisher"] * 2 + ["date", "location", "date"],
         "The Life of a Rebel: Selina Cooper 1864-1946", "title-ends-on-its-years"),
        # read with no title, as a journal and its volume: right after the names, the title and its years
        ("A. Roe, B. Poe, La Flandre maritime, 1815–1870 (1975).",
         ["author"] * 4 + ["journal"] * 3 + ["volume", "date"], "La Flandre maritime, 1815–1870",
         "title-ends-on-its-years"),
        # a series' span of years, then the volume and its title before the imprint (a FRUS volume)
        ("Foreign Relations of Leeds, 1961-1963, vol. 5, Harbour Affairs (Leeds: HMSO, 1998), doc. 12.",
         ["title"] * 4 + ["date", "volume", "volume", "publisher", "publisher", "location", "publisher", "date",
                          "pages", "pages"],
         "Foreign Relations of Leeds, 1961-1963,", "title-ends-on-its-years"),
        # after an editor's "(ed.)", a subtitle read as a journal (no volume nor pages) is the title's too
        ("S. Roe (ed.), Harbour and Politics. The Poe Diaries 1923–1935 (1992).",
         ["editor"] * 3 + ["title"] * 3 + ["journal"] * 3 + ["date", "date"],
         "Harbour and Politics. The Poe Diaries 1923–1935", "title-ends-on-its-years"),
    ],
)
def test_a_title_runs_on_to_the_words_read_before_its_bracketed_imprint(text, labels, title, rule):
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", title) in fields(spans)
    assert [c.rule for c in corrections] == [rule]


def test_a_publisher_before_the_place_in_the_imprints_bracket_is_the_publisher():
    text = "Ann Roe, Harbours of the North (Poe Press, Leeds 1965), pp. 1-15."
    labels = ["author"] * 2 + ["title"] * 6 + ["location", "date", "pages", "pages"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("publisher", "(Poe Press,") in fields(spans) and ("title", "Harbours of the North") in fields(spans)
    assert [c.rule for c in corrections] == ["publisher-before-place"]
    years = "Ann Roe, Harbours in Leeds (1921-1936), Paris, Poe, 2005."  # a bracket closed before the comma
    year_labels = ["author"] * 2 + ["title"] * 4 + ["location", "publisher", "date"]
    assert repair(years, labelled(years, year_labels))[1] == []


def test_a_span_of_years_after_the_titles_comma_before_an_unbracketed_imprint_ends_the_title():
    text = "Roe, Ann. Harbours and Society, 1461-85. 2nd ed. London: Poe, 2003."
    labels = ["author"] * 2 + ["title"] * 3 + ["pages"] + ["edition"] * 2 + ["location", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "Harbours and Society, 1461-85.") in fields(spans)
    assert [c.rule for c in corrections] == ["title-ends-on-its-years"]
    earlier = "Roe, Ann. Harbours and Society, 1461-85. London: Poe, 1390."  # an imprint before the span: pages
    assert repair(earlier, labelled(earlier, [*labels[:6], *labels[8:]]))[1] == []


@pytest.mark.parametrize("book_label", ["container-title", "journal"])
def test_a_books_title_ends_on_its_span_of_years_before_the_imprint(book_label):
    text = "A. Roe, ‘Ports’, in B. Poe (ed.), The Harbour Towns, 1864–1870 (1993)."
    labels = ["author"] * 2 + ["title"] + ["editor"] * 4 + [book_label] * 3 + ["volume", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("container-title", "The Harbour Towns, 1864–1870") in fields(spans)
    assert [c.rule for c in corrections] == ["container-ends-on-its-years"]
    journal = "A. Roe, ‘Ports’, Harbour Review, 1864–1870 (1993)."  # no editors: a journal's volume stays one
    journal_labels = ["author"] * 2 + ["title"] + ["journal"] * 2 + ["volume", "date"]
    assert repair(journal, labelled(journal, journal_labels))[1] == []


def test_a_year_after_a_title_with_a_comma_or_no_bracket_after_it_stays_the_imprints():
    opening = ["author"] * 2 + ["title"] * 3
    for text, labels in (("P. Roe, The Struggle for, London (1967).", [*opening, "location", "date"]),
                         ("P. Roe, The Struggle for 1967.", [*opening, "date"])):
        assert repair(text, labelled(text, labels))[1] == []


@pytest.mark.parametrize(("text", "title"), [
    ("Roe, Ann, 1851: The Rise of Rain (Leeds: Poe, 1990).", "1851: The Rise of Rain"),
    ("Roe, Ann. 1931-1933: A Look at Leeds. London: Poe, 1940.", "1931-1933: A Look at Leeds."),
])
def test_a_year_with_a_colon_before_the_title_opens_it_where_the_imprint_has_its_own_year(text, title):
    tokens = tokenize(text)
    labels = ["author", "author", "date"] + ["title"] * (len(tokens) - 6) + ["location", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", title) in fields(spans)
    assert [c.rule for c in corrections] == ["year-opens-title"]
    assert corrections[0].before == f"{tokens[2].text}/date"


def test_an_author_date_lists_year_with_a_colon_stays_its_date():
    for text, labels in (
        ("Roe, A. 1981: Studies in rain. Leeds: Poe.", ["author", "author", "date", "title", "title", "title",
                                                        "location", "publisher"]),
        # a later year with no imprint read (a reprint in a journal) is no evidence
        ("Roe, A. 1981: Studies in rain. Rain 4, 1990.", ["author", "author", "date", "title", "title", "title",
                                                          "journal", "volume", "date"]),
        # an earlier year in the imprint: the year before the title is the work's
        ("Roe, A. 1981: Studies in rain. Leeds: Poe, 1975.", ["author", "author", "date", "title", "title", "title",
                                                              "location", "publisher", "date"]),
    ):
        assert repair(text, labelled(text, labels))[1] == []


def test_words_run_on_after_the_authors_comma_with_no_title_after_the_date_are_the_title():
    text = "Thomas Trout, Aryans and British India (1997)."
    spans, corrections = repair(text, labelled(text, ["author"] * 6 + ["date"]))
    assert fields(spans) == [("author", "Thomas Trout,"), ("title", "Aryans and British India"), ("date", "(1997).")]
    assert [c.rule for c in corrections] == ["author-boundary"]
    names = "Ann Marsh AK, Katz LC, Lo DC. (1996) Neurotrophin regulation."  # a title after the date: not so
    labels = ["author"] * 7 + ["date", "title", "title"]
    assert ("title", "Neurotrophin regulation.") in fields(repair(names, labelled(names, labels))[0])


def test_an_inverted_name_run_straight_into_a_quoted_title_is_the_author():
    text = "Marsh, Henning ‘Harbours und das Problem,’ Zeitschrift für Forschung 33 (1979) 227–43."
    labels = ["author"] + ["title"] * 5 + ["journal"] * 3 + ["volume", "date", "pages"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Marsh, Henning"), ("title", "‘Harbours und das Problem,’")]
    assert [c.rule for c in corrections] == ["author-boundary"]


def test_editors_then_a_title_read_as_their_books_container_is_the_book_cited():
    text = "Ann Roe and Bob Poe, ed. The First Revolutions (Oxford: Blackwell, 1989)."
    labels = ["editor"] * 6 + ["container-title"] * 3 + ["location", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "The First Revolutions") in fields(spans)
    assert [c.rule for c in corrections] == ["edited-book-title"]
    chapter = "Ann Roe, ed. In The First Revolutions (Oxford: Blackwell, 1989)."  # an "in": a chapter of the book
    chapter_labels = ["editor"] * 3 + ["container-title"] * 4 + ["location", "publisher", "date"]
    assert repair(chapter, labelled(chapter, chapter_labels))[1] == []


def test_in_and_a_capital_inside_a_title_with_no_container_opens_the_container():
    text = "A. Roe, Il cantiere antico, in Cantieri antichi, Spoleto 2009, pp. 211-237."
    labels = ["author"] * 2 + ["title"] * 6 + ["location", "date", "pages", "pages"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "Il cantiere antico,") in fields(spans)
    assert ("container-title", "in Cantieri antichi,") in fields(spans)
    assert [c.rule for c in corrections] == ["title-in-container"]
    kept = "A. Roe, Religion, in Theory and Practice, in Studies 3 (1990): 4–9."  # a container read elsewhere
    kept_labels = ["author"] * 2 + ["title"] * 5 + ["journal"] * 2 + ["volume", "date", "pages"]
    assert repair(kept, labelled(kept, kept_labels))[1] == []


@pytest.mark.parametrize(("text", "roles"), [
    ("Ann Roe, Storia dei porti, a cura di L. Poe, Milano, 1972.", [("editor", "a cura di L. Poe,")]),
    ("Un marin dans les îles. Lettres à son frère, présentées par Claire Poe et Marc Doe, préface de Louis Moe, "
     "Paris, 2002.",
     [("editor", "présentées par Claire Poe et Marc Doe,"), ("note", "préface de Louis Moe,")]),
    ("Ann Roe, The Harbour Diaries, with an introduction by Bob Poe, London, 1990.",
     [("note", "with an introduction by Bob Poe,")]),
])
def test_a_roles_words_and_names_after_a_comma_in_the_title_are_the_editors_or_the_note(text, roles):
    words = text.split()
    place = len(words) - 2  # "Milano," "1972." read as location and date, the rest as the title after the names
    labels = ["title"] * place + ["location", "date"]
    if text.startswith("Ann Roe"):
        labels[:2] = ["author", "author"]
    spans, corrections = repair(text, labelled(text, labels))
    assert [(label, span) for label, span in fields(spans) if label in ("editor", "note")] == roles
    assert {c.rule for c in corrections} == {"role-in-title"}
    assert not any("Poe" in span or "Moe" in span for label, span in fields(spans) if label == "title")


def test_a_roles_words_inside_a_title_without_names_after_them_stay_the_titles():
    text = "Ann Roe, Storia, a cura di quasi tutti, Milano, 1972."  # no capitalised name after the role
    labels = ["author", "author"] + ["title"] * 6 + ["location", "date"]
    assert repair(text, labelled(text, labels))[1] == []


def test_dans_and_a_capital_inside_a_title_open_the_book_the_chapter_is_in():
    text = "Marc Roe, « Lire les registres », dans Sources de l’histoire, Lyon, 1998."
    labels = ["author", "author"] + ["title"] * 9 + ["location", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("container-title", "dans Sources de l’histoire,") in fields(spans)
    assert [c.rule for c in corrections] == ["title-in-container"]


def test_a_known_place_after_the_titles_last_comma_before_the_date_is_the_imprints_place():
    text = "Ann Roe, My Mission to Spain, Londres, 1954."
    labels = ["author", "author"] + ["title"] * 5 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("location", "Londres,") in fields(spans) and ("title", "My Mission to Spain,") in fields(spans)
    assert [c.rule for c in corrections] == ["place-after-title"]
    walk = "Ann Roe, A Walk to Paris, 1990."  # no comma before the place: the title's own words
    assert repair(walk, labelled(walk, ["author", "author"] + ["title"] * 4 + ["date"]))[1] == []


def test_a_known_place_and_a_publisher_after_the_titles_full_stop_are_the_imprint():
    text = "Ann Roe, Dictionnaire des ports. Paris, J.-B. Poe et fils, 1857."
    labels = ["author", "author"] + ["title"] * 8 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "Dictionnaire des ports.") in fields(spans)
    assert ("location", "Paris,") in fields(spans) and ("publisher", "J.-B. Poe et fils,") in fields(spans)
    assert [c.rule for c in corrections] == ["place-after-title"]
    # a subtitle after the stop, or words that are no place, stay the title's
    for kept in ("Ann Roe, The Port. A History of the Harbour, 1950.", "Ann Roe, The Port. Harbour, Docks, 1950."):
        kept_labels = ["author", "author"] + ["title"] * (len(kept.split()) - 3) + ["date"]
        assert repair(kept, labelled(kept, kept_labels))[1] == []


def test_a_subtitle_read_as_a_journal_after_an_unquoted_titles_stop_is_the_titles():
    text = "Ann Roe, William Ewart Poe. Faith and Politics in Victorian Leeds (1993)."
    labels = ["author", "author"] + ["title"] * 3 + ["journal"] * 6 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "William Ewart Poe. Faith and Politics in Victorian Leeds") in fields(spans)
    assert [c.rule for c in corrections] == ["subtitle-read-as-journal"]
    # a journal's own words, a volume, a quoted title, a place after it or a day's date: a journal it stays
    for kept, kept_labels in [
        ("Ann Roe, Harbour trade. Journal of the Ports, 2005.", ["title"] * 2 + ["journal"] * 4 + ["date"]),
        ("Ann Roe, Harbour trade. Ports and Docks 12, 2005.", ["title"] * 2 + ["journal"] * 3 + ["volume", "date"]),
        ("Ann Roe, “Harbour trade.” Ports and Docks, 2005.", ["title"] * 2 + ["journal"] * 3 + ["date"]),
        ("Ann Roe, Harbour trade. Leeds Shinbun 31 December.", ["title"] * 2 + ["journal"] * 2 + ["date"] * 2),
    ]:
        assert repair(kept, labelled(kept, ["author", "author", *kept_labels]))[1] == [], kept


def test_a_reviews_header_names_its_authors_after_by_hyphenated_or_two_of_them():
    text = "Truth: A History by Felipe Lees-Milne and Ann Roe. Bantam, 1997."
    labels = ["title"] * 9 + ["publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "Truth: A History") in fields(spans)
    assert ("author", "by Felipe Lees-Milne and Ann Roe.") in fields(spans)
    assert [c.rule for c in corrections] == ["title-by-author"]
    read = "The History by Ann Roe. Murray, 1997."  # the labeller read the names and left "by" to the title
    spans, _ = repair(read, labelled(read, ["title"] * 3 + ["author"] * 2 + ["publisher", "date"]))
    assert ("title", "The History") in fields(spans) and ("author", "by Ann Roe.") in fields(spans)


@pytest.mark.parametrize(
    ("text", "labels", "title", "author"),
    [
        # an inverted name with initials after "by"
        ("The Idea of Law, by Roe, A. B. Oxford: Clarendon Press, 1946.",
         ["title"] * 8 + ["location", "publisher", "publisher", "date"], "The Idea of Law,", "by Roe, A. B."),
        # French "par"
        ("La Pensée sociale, par Anne Lévi-Roe. Paris, Plon, 1962.",
         ["title"] * 6 + ["location", "publisher", "date"], "La Pensée sociale,", "par Anne Lévi-Roe."),
        # "By" read as a translator's word, with no translation said
        ("The Open Society. By K. R. Roe. London: Routledge, 1945.",
         ["title"] * 3 + ["translator"] * 4 + ["location", "publisher", "date"], "The Open Society.", "By K. R. Roe."),
        # the title and "by" read as the author, the family name as the title
        ("Politics and Vision, by Sam S. Roe (Boston: Little, Brown, 1960)",
         ["author"] * 6 + ["title"] + ["location", "publisher", "publisher", "date"], "Politics and Vision,",
         "by Sam S. Roe"),
        # the title and "by" read as the author, the place before the publisher as the title
        ("The Concept of Order, by Poe, B. C., Oxford: Clarendon Press, 1961.",
         ["author"] * 8 + ["title"] + ["publisher", "publisher", "date"], "The Concept of Order,", "by Poe, B. C.,"),
    ],
)
def test_a_reviews_header_names_its_author_after_by_however_the_labeller_read_it(text, labels, title, author):
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", title) in fields(spans) and ("author", author) in fields(spans)
    assert [c.rule for c in corrections] == ["title-by-author"]


def test_a_translator_after_translated_by_stays_a_translator():
    text = "The Open Society, translated by K. R. Roe. London: Routledge, 1945."
    labels = ["title"] * 3 + ["translator"] * 5 + ["location", "publisher", "date"]
    assert repair(text, labelled(text, labels))[1] == []


def test_two_name_shaped_phrases_joined_by_and_with_no_given_name_known_are_a_title_not_authors():
    """"Ann Roe, Imperial Finance and Colonial Trade (1967)" read as all names: no one is called "Imperial"."""
    text = "Ann Roe, Imperial Finance and Colonial Trade (1967)"
    spans, corrections = repair(text, labelled(text, ["author"] * 7 + ["date"]))
    assert fields(spans)[:2] == [("author", "Ann Roe,"), ("title", "Imperial Finance and Colonial Trade")]
    assert [c.rule for c in corrections] == ["author-boundary"]
    names = "Ann Roe, Bob Poe and Carl Doe (1967)"  # given names anyone has: the names run on
    assert repair(names, labelled(names, ["author"] * 7 + ["date"]))[1] == []


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        ("Ann Roe, “Duty Revisited” (2001) 60 CLJ 45, 50.",
         ["author"] * 2 + ["title"] * 2 + ["date"] + ["note"] * 3 + ["pages"],
         [("volume", "60"), ("journal", "CLJ"), ("pages", "45, 50.")]),
        # a quoted title whose last words were read as the journal
        ("Bob Poe, “Ten Years On: Roe v. Doe” (1995) 3 Journal of Law and Practice 112.",
         ["author"] * 2 + ["title"] * 5 + ["journal"] + ["date"] + ["journal"] * 6 + ["volume"],
         [("title", "“Ten Years On: Roe v. Doe”"), ("volume", "3"), ("journal", "Journal of Law and Practice"),
          ("pages", "112.")]),
        # a year in square brackets is the volume
        ("Ann Roe, ‘Restitution’ [1999] Camb. L.J. 87.", ["author"] * 2 + ["title", "date", "title", "title", "volume"],
         [("journal", "Camb. L.J."), ("pages", "87.")]),
    ],
)
def test_a_law_journals_article_is_read_as_volume_journal_and_first_page(text, labels, expected):
    spans, corrections = repair(text, labelled(text, labels))
    assert all(field in fields(spans) for field in expected), fields(spans)
    assert "law-journal-article" in [c.rule for c in corrections]


def test_a_round_brackets_year_without_a_volume_after_it_is_no_law_journals_article():
    text = "R. Roe, Disraeli (1966) Ch. 5."
    labels = ["author"] * 2 + ["title", "date", "pages", "pages"]
    assert "law-journal-article" not in [c.rule for c in repair(text, labelled(text, labels))[1]]


def test_a_law_journals_article_with_no_author_is_read_too():
    text = "“Duty Revisited” (2001) 60 CLJ 45."
    spans, _ = repair(text, labelled(text, ["title"] * 2 + ["date"] + ["note"] * 3))
    assert ("journal", "CLJ") in fields(spans) and ("volume", "60") in fields(spans)


def test_a_reviews_header_whose_place_was_read_as_the_title_gets_its_place_back():
    text = "The Concept of Order, by Poe, B. C., Oxford: Clarendon Press, 1961."
    spans, _ = repair(text, labelled(text, ["author"] * 8 + ["title"] + ["publisher", "publisher", "date"]))
    assert ("location", "Oxford:") in fields(spans) and ("publisher", "Clarendon Press,") in fields(spans)


def test_a_title_place_and_publisher_read_as_the_publisher_get_their_fields_back():
    """"Roe, Ann. Nationalism, Oxford, Oxford University Press, 2005.": no title read, and a known place between
    commas inside the publisher: what comes before it is the title."""
    text = "Roe, Ann. Nationalism, Oxford, Oxford University Press, 2005."
    labels = ["author"] * 2 + ["publisher"] * 5 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans) == [("author", "Roe, Ann."), ("title", "Nationalism,"), ("location", "Oxford,"),
                             ("publisher", "Oxford University Press,"), ("date", "2005.")]
    assert [c.rule for c in corrections] == ["title-read-as-publisher"]


def test_a_publisher_with_commas_and_no_known_place_inside_is_left_alone():
    text = "Roe, Ann. Smith, Elder, and Co., 1890."
    labels = ["author"] * 2 + ["publisher"] * 4 + ["date"]
    assert "title-read-as-publisher" not in [c.rule for c in repair(text, labelled(text, labels))[1]]


def test_a_journals_years_or_a_later_span_than_the_imprints_stay_as_read():
    journal = "Ann Roe, ‘Ports’, Harbour Review, 1865-1914 (1987)."
    journal_labels = ["author"] * 2 + ["title"] + ["journal"] * 2 + ["pages", "date"]
    assert repair(journal, labelled(journal, journal_labels))[1] == []
    later = "Ann Roe, The Harbour Towns, 1995-2004 (1987)."  # a span begun after the book came out
    later_labels = ["author"] * 2 + ["title"] * 3 + ["date", "date"]
    assert "title-ends-on-its-years" not in [c.rule for c in repair(later, labelled(later, later_labels))[1]]


def test_a_names_suffix_after_its_comma_stays_with_the_author():
    text = "Ann B. Roe, Jr., “Harbour Songs,” Harbour Review, XII (1953), 41–59."
    labels = ["author"] * 4 + ["title"] * 2 + ["journal"] * 2 + ["volume", "date", "pages"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[:2] == [("author", "Ann B. Roe, Jr.,"), ("title", "“Harbour Songs,”")]
    assert corrections == []
    (work,) = parse_text(f"1. {text}\n").works
    assert work.csl["author"] == [{"family": "Roe", "given": "Ann B.", "suffix": "Jr."}]


def test_a_book_title_read_after_a_quoted_title_with_only_a_volume_date_and_pages_is_a_journal():
    text = "Ann Roe, “Harbour Songs,” Studies in the Baroque, IX (Sept., 1961), 41–59."
    labels = ["author"] * 2 + ["title"] * 2 + ["container-title"] * 4 + ["volume", "date", "date", "pages"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("journal", "Studies in the Baroque,") in fields(spans)
    assert [c.rule for c in corrections] == ["container-read-as-journal"]
    kept = ["author"] * 2 + ["title"] * 2 + ["container-title"] * 5 + ["date", "date", "pages"]  # "VII" in the name
    assert fields(repair(text, labelled(text, kept))[0])[2:4] == [("journal", "Studies in the Baroque,"),
                                                                   ("volume", "IX")]
    chapter = "Ann Roe, “Harbour Songs,” Studies in the Baroque, IX (Leeds, 1961), 41–59."
    labels = ["author"] * 2 + ["title"] * 2 + ["container-title"] * 4 + ["volume", "location", "date", "pages"]
    assert repair(chapter, labelled(chapter, labels))[1] == []  # an imprint: a book's chapter
    edited = "Ann Roe, “Harbour Songs,” in Studies in the Baroque, IX (1961), 41–59."
    labels = ["author"] * 2 + ["title"] * 2 + ["container-title"] * 5 + ["volume", "date", "pages"]
    assert repair(edited, labelled(edited, labels))[1] == []  # "in": the book it is in


def test_a_place_cut_in_two_after_the_titles_stop_before_a_publisher_is_all_the_place():
    """A bibliography's entry gives its imprint after the title's stop: "Ann" read as the title's and "Arbor:"
    as the publisher's first word are the place; the title's own words before a stop are not."""
    text = "Lowe, Ann. The Docks, 1901–1911. Ann Arbor: Quay Press, 1977."
    labels = ["author", "author"] + ["title"] * 4 + ["publisher"] * 3 + ["date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("location", "Ann Arbor:") in fields(spans) and ("title", "The Docks, 1901–1911.") in fields(spans)
    assert [c.rule for c in corrections] == ["imprint-boundary"]
    kept = "Lowe, Ann. Harbour Docks. Leeds: Quay Press, 1977."
    labels = ["author", "author", "title", "title", "location", "publisher", "publisher", "date"]
    assert repair(kept, labelled(kept, labels))[1] == []
    volume = "Ann Roe, My Years vol. III: Ships and Tides (1961)"
    labels = ["author", "author", "title", "title", "volume", "volume", "publisher", "publisher", "publisher", "date"]
    assert repair(volume, labelled(volume, labels))[1] == []


def test_a_locators_word_read_as_a_journal_after_a_books_imprint_is_where_the_note_cites_it():
    """"ch. 3, 44" after "(Leeds: Tide Press, 1952)" is read as a journal "ch" of volume 3: a periodical is never
    cited after a publisher's imprint, so the words are the book's place cited, and the note's locator."""
    text = "Ann Roe, Harbours of the North (Leeds: Tide Press, 1952), ch. 3, 44."
    labels = ["author"] * 2 + ["title"] * 4 + ["location", "publisher", "publisher", "date", "journal", "volume",
                                               "pages"]
    spans, corrections = repair(text, labelled(text, labels))
    assert fields(spans)[-1] == ("pages", "ch. 3, 44.")
    assert [c.rule for c in corrections] == ["locator-after-imprint"]
    assert repair(text, labelled(text, labels), frozenset({"locator-after-imprint"}))[1] == []
    article = "Ann Roe, “Harbour Songs,” Studies (1961), 41–59."  # no place nor publisher: no book's imprint
    labels = ["author"] * 2 + ["title"] * 2 + ["journal", "date", "pages"]
    assert repair(article, labelled(article, labels))[1] == []
    word = "Ann Roe, Harbours (Leeds: Tide Press, 1952), Studies 3, 181."  # a name, not a locator's word
    labels = ["author"] * 2 + ["title", "location", "publisher", "publisher", "date", "journal", "volume", "pages"]
    assert repair(word, labelled(word, labels))[1] == []
    note = parse_text("1. Ann Roe, Harbours of the North (Leeds: Tide Press, 1952), ch. 3, 44.\n")
    work = note.works[0]
    assert work.csl["type"] == "book" and "container-title" not in work.csl and "page" not in work.csl
    assert note.notes[0].citations[0].locator == "ch. 3, 44"


def test_a_figure_between_a_journals_name_and_its_bracketed_date_is_its_volume():
    """"Harbour Review, 23 (March 1984)": the labeller reads 19 as the date's day; a day is never printed
    outside the brackets that hold its month, so it is the volume, and the date is March 1984."""
    text = "Ann Roe, “Quays,” Harbour Review 23 (March 1984): 211–29."
    labels = ["author"] * 2 + ["title", "journal", "journal", "date", "date", "date", "pages"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("volume", "23") in fields(spans) and [c.rule for c in corrections] == ["volume-before-its-date"]
    work = parse_text(f"4. {text}\n").works[0].csl
    assert (work["volume"], work["issued"]) == ("23", {"date-parts": [[1984, 3]]})
    dated = "Ann Roe, “Quays,” Harbour Review (23 March 1984): 6."  # the day inside the brackets: a date
    labels = ["author"] * 2 + ["title", "journal", "journal", "date", "date", "date", "pages"]
    assert repair(dated, labelled(dated, labels))[1] == []


def test_a_degrees_words_and_thesis_read_as_a_journal_are_the_thesiss_kind():
    """"…, Ports, Leeds, D.Phil. thesis, 1971": the degree and "thesis" read as the title's and a journal's are
    the genre, which makes the work a thesis, and the city before them its university; "A Thesis on Ports"
    (no degree's word, no comma before it) stays a title."""
    text = "Lowe, M., Some Aspects of Ports, Leeds, D.Phil. thesis, 1971."
    labels = ["author", "author"] + ["title"] * 6 + ["journal", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("genre", "D.Phil. thesis,") in fields(spans) and ("publisher", "Leeds,") in fields(spans)
    assert [c.rule for c in corrections] == ["thesis-kind"]
    work = parse_text(f"5 {text}\n").works[0].csl
    assert (work["type"], work["publisher"], work["genre"]) == ("thesis", "Leeds", "D.Phil. thesis")
    university = "Lowe, M., Some Aspects of Ports, University of Leeds, D.Phil. thesis, 1971."  # kind read already
    labels = ["author", "author"] + ["title"] * 7 + ["genre", "genre", "date"]
    assert ("publisher", "University of Leeds,") in fields(repair(university, labelled(university, labels))[0])
    title = "Ann Roe, A Thesis on Ports, London, 1999."
    labels = ["author", "author"] + ["title"] * 4 + ["location", "date"]
    assert repair(title, labelled(title, labels))[1] == []


def test_a_subtitle_and_its_years_read_as_a_journal_and_volume_before_a_books_imprint_are_the_title():
    """"Harbours. The Northern Ports. 1939–1941 (Leeds, 2002)": the subtitle read as a journal and the span of
    years as its volume, before a bracketed imprint with a place, are the book's title: the years, read as a
    volume, make the work no article."""
    text = "Ann Roe, Harbours. The Northern Ports. 1939–1941 (Leeds, 2002)"
    labels = ["author", "author", "title", "journal", "journal", "journal", "volume", "location", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "Harbours. The Northern Ports. 1939–1941") in fields(spans)
    assert [c.rule for c in corrections] == ["title-ends-on-its-years"]
    article = "Ann Roe, Harbours. The Northern Ports 12, 1939–1941 (Leeds, 2002)"  # a volume of its own: an article
    labels = ["author", "author", "title", "journal", "journal", "journal", "volume", "volume", "location", "date"]
    assert "title-ends-on-its-years" not in [c.rule for c in repair(article, labelled(article, labels))[1]]


def test_a_kings_number_read_as_the_places_first_word_is_the_titles_end():
    """"Les quais sous Henri IV, Paris, Tide, 1990": the numeral after the title's last name, read as the
    start of the place, is the king's number; a numeral after a lower-case word or one read as the title's
    already is left alone."""
    text = "Roe L., Les quais sous Henri IV, Paris, Tide, 1990"
    labels = ["author", "author"] + ["title"] * 4 + ["location", "location", "publisher", "date"]
    spans, corrections = repair(text, labelled(text, labels))
    assert ("title", "Les quais sous Henri IV,") in fields(spans) and ("location", "Paris,") in fields(spans)
    assert [c.rule for c in corrections] == ["regnal-number"]
    lower = "Roe L., Les quais du port vol. II, Paris, Tide, 1990"
    labels = ["author", "author"] + ["title"] * 5 + ["location", "location", "publisher", "date"]
    assert "regnal-number" not in [c.rule for c in repair(lower, labelled(lower, labels))[1]]
