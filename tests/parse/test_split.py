"""Splitting notes into citations: prefixes, locators, several works, prose-embedded citations."""


import pytest
from hypothesis import given
from hypothesis import strategies as st

from haliref import parse_text
from haliref.parse.notes import read_note
from haliref.parse.split import _chunks, closed_inverted_end, names_end, paren_groups, split_note
from haliref.parse.tagger import default_tagger


def one(text):
    citations, leftover = split_note([text])
    assert len(citations) == 1, citations
    assert leftover == ""
    return citations[0]


@pytest.mark.parametrize(
    ("text", "prefix", "body", "locator"),
    [
        ("Ann Roe, A Book (London: Verso, 1990) p. 4.", "", "Ann Roe, A Book (London: Verso, 1990)", "p. 4"),
        (
            "Quoted in J. K. Poe, Title (Paris: Seuil, 1980), pp. 115–17.", "Quoted in",
            "J. K. Poe, Title (Paris: Seuil, 1980)", "pp. 115–17",
        ),
        (
            "On the war in Spain, Hugh Lane, Title (Oxford, 1983) vol. 3, pp. 303–4.", "On the war in Spain,",
            "Hugh Lane, Title (Oxford, 1983)", "vol. 3, pp. 303–4",
        ),
        (
            "Text of the treaty in Maria Ruiz, Title (Madrid: Alianza, 1977) p. 9.", "Text of the treaty in",
            "Maria Ruiz, Title (Madrid: Alianza, 1977)", "p. 9",
        ),
        (
            "For a full account see Tom Ash, ‘An Essay’, in Bo Lin (ed.), A Book (Leiden: Brill, 2001).",
            "For a full account see", "Tom Ash, ‘An Essay’, in Bo Lin (ed.), A Book (Leiden: Brill, 2001)", "",
        ),
        (
            "‘A Speech’, in Collected Speeches, ed. A. Lee (London: Pluto, 1972) pp. 4-5.", "",
            "‘A Speech’, in Collected Speeches, ed. A. Lee (London: Pluto, 1972)", "pp. 4-5",
        ),
        (  # an inverted name and its full stop before a quoted title is the author, not prose
            "Wells, Ann. “A Study of Tides.” Marine Review 9 (2011): 5–17.", "",
            "Wells, Ann. “A Study of Tides.” Marine Review 9 (2011): 5–17", "",
        ),
        (  # a chapter's own range (eight pages or more) after the imprint belongs to the chapter (FORMAT.md)
            "See Ruth Hale, ‘The Inland Fairs’, in Kit Moss, ed., Markets (Leeds: Arc, 1988), pp. 159–80.", "See",
            "Ruth Hale, ‘The Inland Fairs’, in Kit Moss, ed., Markets (Leeds: Arc, 1988), pp. 159–80", "",
        ),
        (  # and the cited page after it stays the locator
            "Ruth Hale, ‘The Inland Fairs’, in: Kit Moss (Hrsg.), Markets (Leeds, 1988), 159–80, 164.", "",
            "Ruth Hale, ‘The Inland Fairs’, in: Kit Moss (Hrsg.), Markets (Leeds, 1988), 159–80", "164",
        ),
        (  # an article's range with "pp." is the article's too
            "Lucy Ward, ‘An Article’, Past and Present 12 (1989), pp. 45–71.", "",
            "Lucy Ward, ‘An Article’, Past and Present 12 (1989), pp. 45–71", "",
        ),
        (  # a range in a book that is no chapter is the cited passage
            "Ann Roe, A Book on Things (London: Verso, 1990), pp. 159–80.", "",
            "Ann Roe, A Book on Things (London: Verso, 1990)", "pp. 159–80",
        ),
        (
            "Lucy Ward, ‘An Article’, Past and Present 12 (1989) 45.", "",
            "Lucy Ward, ‘An Article’, Past and Present 12 (1989)", "45",
        ),
        (  # the author's words and a colon before an inverted name
            "For example: Marsh, Peter V., The Grain Trade (London, 1977), p. 4.", "For example:",
            "Marsh, Peter V., The Grain Trade (London, 1977)", "p. 4",
        ),
        (  # a name found at its second initial keeps its first
            "Studies abound; some examples are H. E. Marsh, Harbours (Leeds, 1990).",
            "Studies abound; some examples are", "H. E. Marsh, Harbours (Leeds, 1990)", "",
        ),
        ("As argued by J. C. D. Lowe, Docks (Leeds, 1991).", "As argued by", "J. C. D. Lowe, Docks (Leeds, 1991)", ""),
        (  # after "in", an inverted name given with initials (not "the war in Spain, Hugh Lane" above)
            "The point is made in Marsh, P., The Grain Trade (London, 1977).", "The point is made in",
            "Marsh, P., The Grain Trade (London, 1977)", "",
        ),
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
        [
            "Ann Roe, A Book (London: Verso, 1990) pp. 4-5. "
            "For the context, see Bob Poe, Other (Paris: Seuil, 1980) p. 2."
        ]
    )
    assert [(c.prefix, c.locator) for c in citations] == [("", "pp. 4-5"), ("For the context, see", "p. 2")]


def test_continuation_items_are_separate_citations():
    citations, _ = split_note(
        ["Ann Roe, A Book (London: Verso, 1990) p. 4", "Bob Poe, Other (Paris: Seuil, 1980) p. 2."]
    )
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
    # Italian, Spanish and French notes write "cit." alone; "cited" is a word
    cit = one("A. ROE, Vida…, cit., p. 53.")
    assert (cit.short_form, cit.ibid, cit.body, cit.locator) == (True, False, "A. ROE, Vida…", "p. 53")
    assert one("Roe, Vida, cited, p. 53.").body.endswith("cited")


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
    "note",
    [
        "Roe, Ann B., ‘Short Fluctuations in Voting 1896–1964’, Political Review, LXV (1971), 131–43; Poe, William D., "
        "‘The Business Cycle’, Review of Studies, XLII (1975), 169–89.",
        "Roe, A. B., Short fluctuations in voting, Political Review, LXV (1971), 131–43; Poe, W. D., The business "
        "cycle, Review of Studies, XLII (1975), 169–89.",
    ],
)
def test_a_notes_articles_with_inverted_names_and_the_year_after_the_title_are_not_one_author_date_entry(note):
    """The year after a quoted title, or a second inverted name after a semicolon: a note listing its works as a
    bibliography writes them, one citation each."""
    citations, _ = split_note([note])
    assert [c.body.split(",")[0] for c in citations] == ["Roe", "Poe"]


def test_a_title_in_straight_single_quotes_and_a_newspapers_date_is_a_full_reference_not_a_short_form():
    citations, _ = split_note(["'Obituary of Roe', The Times, September 8, 1990, p. 16; J. Y. Smith, 'British "
                               "Historian Dies at 84', Washington Post, September 8, 1990, p. B6."])
    assert len(citations) == 2 and not citations[1].short_form
    assert citations[1].body.startswith("J. Y. Smith, 'British")


def test_works_named_by_their_authors_possessive_and_a_title_in_title_case_are_citations():
    note = ("Marsh’s Church History (translated from the German), gives a bald but full summary of the period. "
            "Lowe’s Church History (also translated), is valuable for its citations. Besides Gibbon’s famous "
            "fifty-sixth chapter on the Normans, Doe’s Les Normands en Italie (1016-1073) gives a careful account.")
    citations, _ = split_note([note])
    assert [(c.body, c.author_hint, c.short_form) for c in citations] == [
        ("Marsh, Church History", "Marsh", True), ("Lowe, Church History", "Lowe", True),
        ("Doe, Les Normands en Italie", "Doe", True)]
    assert citations[2].prefix.endswith("Besides Gibbon’s famous fifty-sixth chapter on the Normans")
    assert split_note(["The Cabinet’s decision was Churchill’s Cabinet, not his."])[0] == []


def test_short_forms_with_a_roman_volume_after_the_title_are_cut_at_each_semicolon():
    note = ("Lowe Marsh, Defensa, pp. 93-105; Koltsov, Diario, pp. 202-204; Zuga, Guerra, I, pp. 189-202; Rojo, "
            "España heroica, pp. 44-49.")
    assert [(c.body, c.locator) for c in split_note([note])[0]] == [
        ("Lowe Marsh, Defensa", "pp. 93-105"), ("Koltsov, Diario", "pp. 202-204"), ("Zuga, Guerra, I", "pp. 189-202"),
        ("Rojo, España heroica", "pp. 44-49")]
    document = parse_text("5. Zuga, Guerra, I, pp. 189-202.\n")
    work = document.work(document.notes[0].citations[0].work).csl
    assert (work["title"], work["volume"]) == ("Guerra", "I")


def test_a_note_listing_short_forms_without_pages_gives_one_citation_each():
    citations, leftover = split_note(["See e.g. Marsh, English Harbours; Lowe, Reform and Navi• gation; and "
                                      "Doe, Henry VIII."])
    assert [(c.prefix, c.body, c.short_form) for c in citations] == [
        ("See e.g.", "Marsh, English Harbours", True), ("", "Lowe, Reform and Navi• gation", True),
        ("and", "Doe, Henry VIII", True)]
    assert leftover == ""
    assert split_note(["Roe, Ann; Poe, Bob."])[0] == []  # names, not works


@pytest.mark.parametrize(
    ("note", "prefix", "body"),
    [
        ("Marsh, Harbour Days.", "", "Marsh, Harbour Days"),
        ("On his career, see Lowe and Doe, Driven Ledger.", "On his career, see", "Lowe and Doe, Driven Ledger"),
    ],
)
def test_a_note_that_is_one_short_form_without_pages_cites_it(note, prefix, body):
    citation = one(note)
    assert (citation.prefix, citation.body, citation.locator, citation.short_form) == (prefix, body, "", True)


@pytest.mark.parametrize("note", ["Paris, Rive Gauche.", "Roe, William D.", "Smith, however, disagrees.",
                                  "Marsh, the harbour master.", "Roe, Ledger."])
def test_a_place_a_name_or_words_after_a_surname_are_no_short_form(note):
    assert split_note([note])[0] == []


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


# --- where a citation starts: names, cues, quoted titles (through the public split_note and names_end) -----


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Ann Roe and Bo Poe, Life", len("Ann Roe and Bo Poe")),
        ("Ann Roe & Bo Poe, Life", len("Ann Roe & Bo Poe")),
        ("J. K. Poe, Title", len("J. K. Poe")),
        ("Jan van Dam, Life", len("Jan van Dam")),
        ("the rest of it", 0),  # prose: no name
        ("Roe, op. cit.", 0),  # one word is not a name
    ],
)
def test_names_end_after_the_last_name(text, end):
    assert names_end(text) == end


@pytest.mark.parametrize(
    ("note", "prefix", "body"),
    [
        ("See also Ann Roe and Bo Poe, Life (London: Faber, 1990), p. 4.", "See also",
         "Ann Roe and Bo Poe, Life (London: Faber, 1990)"),
        ("On this see Jan van Dam, Life (London: Faber, 1990), 4.", "On this see",
         "Jan van Dam, Life (London: Faber, 1990)"),
        ("Quoted in ‘An Essay’, Journal 3 (1990): 4–9.", "Quoted in", "‘An Essay’, Journal 3 (1990): 4–9"),
    ],
)
def test_a_citation_starts_at_its_names_or_its_quoted_title(note, prefix, body):
    citation = one(note)
    assert (citation.prefix, citation.body) == (prefix, body)


@pytest.mark.parametrize("space", [" ", "\u00a0", "\t"])
def test_whitespace_runs_in_a_note(space):
    (citation,), leftover = split_note(["Ann Roe, Life (London: Faber, 1990)," + space * 20_000 + "p. 4."])
    assert (citation.body, citation.locator, leftover) == ("Ann Roe, Life (London: Faber, 1990)", "p. 4", "")
    (citation,), _ = split_note(["Roe," + space * 20_000 + "op. cit.," + space * 20_000 + "p. 9."])
    assert citation.short_form and citation.locator == "p. 9"
    (citation,), _ = split_note(["Ann Roe," + space * 20_000 + "Life, 1990."])
    assert citation.body.startswith("Ann Roe,")


def test_long_runs_of_names_commas_colons_and_initials():
    names = " and ".join(["Ann Roe"] * 3000)
    (citation,), _ = split_note([f"See {names}, Life (London: Faber, 1990), p. 4."])
    assert citation.prefix == "See" and citation.body.startswith(names + ", Life") and citation.locator == "p. 4"
    assert names_end(names + " and the rest") == 0
    assert names_end(names + ", Life") == len(names)
    for text in ("a, " * 5000 + "1990.", "a: b, " * 5000 + "1990.", "a; " * 5000):
        assert split_note([text]) == ([], text.strip())  # prose: no name, no cue, no imprint
    (citation,), _ = split_note(["A. " * 5000 + "Roe, Life, 1990."])
    assert citation.short_form and (citation.prefix + " " + citation.body).endswith("A. Roe, Life, 1990")
    citations, leftover = split_note(["Ann Roe, Life; " * 3000])  # one short form per chunk
    assert len(citations) == 3000 and leftover == ""
    assert all(c.short_form and c.body == "Ann Roe, Life" for c in citations)


def test_short_forms_after_a_cue_with_quoted_titles_and_between_semicolons():
    citations, _ = split_note(
        ["Roe, “A Title, with Commas,” 95; Poe, Another Short Title, 62–64; cf. Doe, Third Title, 110."]
    )
    assert [(c.prefix, c.body, c.locator, c.short_form) for c in citations] == [
        ("", "Roe, “A Title, with Commas,”", "95", True),
        ("", "Poe, Another Short Title", "62–64", True),
        ("cf.", "Doe, Third Title", "110", True),
    ]
    quoted, _ = split_note(["Quoted in Roe, Short Title, 52."])
    assert [(c.prefix, c.body, c.locator) for c in quoted] == [("Quoted in", "Roe, Short Title", "52")]


# --- brackets, several citations in a note, the imprint that anchors a citation --------------------------


def _brute_force_paren_groups(text):
    """The outermost bracketed groups, one character at a time (an unmatched closer is ignored)."""
    groups, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            if depth == 0:
                start = index
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
            if depth == 0:
                groups.append((start, index + 1))
    return groups


def test_paren_groups_are_the_outermost_closed_groups():
    assert paren_groups("a (b [c] d) e [f] (g") == [(2, 11), (14, 17)]
    assert paren_groups("x) (y)") == [(3, 6)]


@given(st.text(alphabet="()[]a ,;.\u00a0\n‘"))
def test_paren_groups_match_the_brute_force_scan(text):
    assert paren_groups(text) == _brute_force_paren_groups(text)


def test_citations_are_cut_at_semicolons_and_sentence_ends_outside_brackets():
    two = [("", "Ann Roe, Life (London: Faber, 1990)", "p. 4"), ("", "Bo Poe, Death (Paris: Seuil, 1985)", "p. 9")]
    for note in (
        "Ann Roe, Life (London: Faber, 1990), p. 4; Bo Poe, Death (Paris: Seuil, 1985), p. 9.",
        "Ann Roe, Life (London: Faber, 1990), p. 4. Bo Poe, Death (Paris: Seuil, 1985), p. 9.",
    ):
        citations, leftover = split_note([note])
        assert [(c.prefix, c.body, c.locator) for c in citations] == two
        assert leftover == ""
    (citation,), _ = split_note(["Ann Roe, Life (London: Faber; Paris: Seuil, 1990), p. 4."])
    assert citation.body == "Ann Roe, Life (London: Faber; Paris: Seuil, 1990)"  # a semicolon in brackets
    ibid, other = split_note(["Ibid. Bo Poe, Death (Paris: Seuil, 1985), p. 9."])[0]
    assert ibid.short_form and ibid.body == "Ibid" and other.body == "Bo Poe, Death (Paris: Seuil, 1985)"


def test_prose_after_a_semicolon_is_the_suffix_not_a_citation():
    (citation,), _ = split_note(["Ann Roe, Life (London: Faber, 1990), p. 4; this is argued at length."])
    assert (citation.locator, citation.suffix) == ("p. 4", "this is argued at length")


@pytest.mark.parametrize(
    ("note", "body", "locator", "short_form"),
    [
        ("Ann Roe, Life (London: Faber, 1990), p. 4.", "Ann Roe, Life (London: Faber, 1990)", "p. 4", False),
        ("Ann Roe, Life [London: Faber, 1990], pp. 4–5.", "Ann Roe, Life [London: Faber, 1990]", "pp. 4–5", False),
        ("Ann Roe, Life, London: Verso, 1990, p. 4.", "Ann Roe, Life, London: Verso, 1990", "p. 4", False),
        # a year glued to a letter is no imprint year: no anchor, so the citation is read as a short form
        ("Ann Roe, Life (London: Faber, 1990b), p. 4.", "Ann Roe, Life (London: Faber, 1990b)", "p. 4", True),
    ],
)
def test_the_imprint_anchors_the_citation_and_the_locator_follows_it(note, body, locator, short_form):
    citation = one(note)
    assert (citation.body, citation.locator, citation.short_form) == (body, locator, short_form)


@pytest.mark.parametrize(
    ("note", "locator", "suffix"),
    [
        ("Ann Roe, Life (London: Faber, 1990), 45, who argues that it mattered.", "45", "who argues that it mattered"),
        ("Ann Roe, Life (London: Faber, 1990), 45–47, where the case is made.", "45–47", "where the case is made"),
    ],
)
def test_cited_pages_then_the_notes_own_words_are_the_locator_and_the_suffix(note, locator, suffix):
    (citation,), _ = split_note([note])
    body = "Ann Roe, Life (London: Faber, 1990)"
    assert (citation.body, citation.locator, citation.suffix) == (body, locator, suffix)


def test_an_articles_page_range_after_its_date_is_the_works_and_a_page_after_it_the_cited_one():
    """The blind annotators' reading (and CMOS 14.175): "91 (1961), 97–123" is the article's range."""
    (citation,), _ = split_note(["Ann Roe, “Early Migrations,” Journal of the Institute, 91 (1961), 97–123."])
    assert citation.body.endswith("91 (1961), 97–123") and citation.locator == ""
    (citation,), _ = split_note(["Ann Roe, “Migrations,” Review 25 (April 1984), 106–19, 110."])
    assert (citation.body, citation.locator) == ("Ann Roe, “Migrations,” Review 25 (April 1984), 106–19", "110")
    (citation,), _ = split_note(["Ann Roe, “Migrations,” Review 25 (1984), 110."])
    assert citation.locator == "110"


def test_a_page_after_at_following_an_articles_range_is_the_cited_one():
    """British notes: "pp. 787–809 at pp. 803, 809", "1–36, at 3": the range is the work's, the page after "at"
    the note's."""
    (citation,), _ = split_note(["Ann Roe, ‘Early Migrations’, Northern History, 40: 3 (1997), pp. 787-809 at pp. 803, "
                                 "809."])
    assert citation.body.endswith("(1997), pp. 787-809") and citation.locator == "pp. 803, 809"
    (citation,), _ = split_note(["Ann Roe, ‘Migrations’, Review 25 (1984), 1-36, at 3."])
    assert citation.body.endswith("(1984), 1-36") and (citation.locator, citation.suffix) == ("3", "")


def test_a_semicolon_glued_to_the_next_citation_still_separates_them():
    """A scrape that drops italics drops the space too: "pp. 237-38;Verity Burgmann, …"."""
    citations, _ = split_note(["Ann Roe, ‘Labour historians’, pp. 237-38;Vera Holl, ‘The revival’, pp. 240-44."])
    assert [c.body for c in citations] == ["Ann Roe, ‘Labour historians’", "Vera Holl, ‘The revival’"]


def test_a_short_forms_bare_page_before_the_notes_next_citation_is_its_locator():
    """"Roe, Storm, 410; CAB 100/1.": the page before the semicolon is the locator, not part of the title."""
    citations, _ = split_note(["Roe, Storm, 410; CAB 100/1."])
    assert (citations[0].body, citations[0].locator) == ("Roe, Storm", "410")


def test_a_span_of_years_in_brackets_with_the_imprint_after_it_is_part_of_the_title():
    """French and Italian lists: "Titre (1848-1852), Paris, Seuil, 1992": the brackets are the years the book
    covers, the imprint comes after; with no year after them they stay the imprint ("(London, 1990-91)")."""
    note = "Ann Roe, Les paysans (1848-1852), Paris, Le Seuil, 1992, 290 p."
    assert split_note([note])[0][0].body == note.rstrip(".")
    note = "Ann Roe, La vie politique (tome II, 1848-1879), Paris, A. Colin, 1969."
    assert "Colin" in split_note([note])[0][0].body
    citation = split_note(["Ann Roe, The Long Peace (London, 1990-91), 45."])[0][0]
    assert (citation.body, citation.locator) == ("Ann Roe, The Long Peace (London, 1990-91)", "45")


def test_initials_without_stops_after_a_family_name():
    """The sciences' lists write initials without stops ("Hale A", "Lee JD"): an "A" there is no article."""
    assert names_end("Hale A, Poe K") == len("Hale A")
    assert names_end("Lee JD, Poe K") == len("Lee JD")
    assert names_end("Hale A Study of Tides") == 0  # not closed by punctuation: the article


@pytest.mark.parametrize(
    ("entry", "name"),
    [
        ("Roe, Ann. The Shape of Tides in Northern Waters. Leeds, UK: Sea Press, 1990.", "Roe, Ann."),
        ("Roe, Ann B. Tides of the North. Leeds: Sea Press, 1990.", "Roe, Ann B."),
        ("Lee, J.K. Tides. Leeds: Sea Press, 1990.", "Lee, J.K."),
        ("Roe, Johann Peter von. Tides. Leeds: Sea Press, 1990.", "Roe, Johann Peter von."),
    ],
)
def test_a_bibliography_entry_opening_with_an_inverted_name_is_one_citation_from_its_start(entry, name):
    """"Roe, Ann. Title …": the inverted name closed by a full stop opens the citation; a capitalised pair
    later in the title ("Northern Waters. Leeds,") is no author whose prose the words before would be."""
    assert closed_inverted_end(entry) == len(name)
    citations, _ = split_note([entry])
    assert [c.prefix for c in citations] == [""]
    assert citations[0].body.startswith(name)


@pytest.mark.parametrize(
    "text", ["Roe, Short Title, 45", "Roe, Ann", "Roe, Ann and Bob Poe. Tides", "Roe, Tides. Leeds"]
)
def test_no_closed_inverted_name_without_given_names_and_a_stop(text):
    assert closed_inverted_end(text) == 0


def test_a_full_stop_after_a_whole_word_ends_a_name():
    """"Ann Roe. Safe, Sound …": the stop after the family name ends the name (the title's first word, before
    its comma, is no part of it); initials and titles of rank keep their stops ("Lt. Col. Ann B. Roe,")."""
    assert names_end("Ann Roe. Safe, Sound and Dry") == len("Ann Roe.")
    assert names_end("Lt. Col. Ann B. Roe, Title") == len("Lt. Col. Ann B. Roe")


def test_an_entry_opening_with_the_same_author_rule_is_one_citation_from_its_start():
    """"———. Title …": the rule for the entry above's author opens the citation; a capitalised run later on
    ("… Northern Waters. Leeds,") is no author whose prose the words before would be."""
    entry = "———. The Shape of Tides in Northern Waters. Leeds, UK: Sea Press, 1990."
    citations, _ = split_note([entry])
    assert [c.prefix for c in citations] == [""] and citations[0].body.startswith("———. The Shape")


def test_a_semicolon_inside_a_quoted_title_cuts_nothing():
    """“…” and ‘…’ hold a title whose own semicolon is no boundary between citations, though words that may
    open a citation follow it; an apostrophe inside a title (‘Marsh’s Ports; …’) closes nothing."""
    for title in ("‘The Grain of a Port; the Making of the Northern Pact and Anglo-Dutch Tensions in the Middle "
                  "Baltic, 1955-58’,",
                  "“The Grain of a Port; the Making of the Northern Pact and Anglo-Dutch Tensions in the Middle "
                  "Baltic, 1955-58,”",
                  "‘Marsh’s Port; the Making of the Northern Pact and Anglo-Dutch Tensions in the Middle Baltic’,"):
        note = (f"Karl Lowe, The Grain Trade (Leiden: Brill, 1995); Ann Roe, {title} Review of Northern Studies, "
                "19/2 (1993), pp. 123–37; Bob Lee, ‘Ports’, Review of Trade, 27/1 (1991), pp. 1-9.")
        citations, _ = split_note([note])
        assert [c.body[:9] for c in citations] == ["Karl Lowe", "Ann Roe, ", "Bob Lee, "], title
        assert "Making of the Northern Pact" in citations[1].body and citations[1].body.endswith("pp. 123–37")


def test_a_surname_short_form_with_its_page_marked_p():
    """"Roe, Short Title, p. 60.": the page is the locator and the whole short title the title, though it holds
    words that might open a citation after "in" ("… in World War II"); a quoted short title too."""
    for note, body, locator in (("Marsh, Grain Trade in World War II, p. 101.", "Marsh, Grain Trade in World War II",
                                 "p. 101"),
                                ("Vries, ‘AKEL’, p. 226.", "Vries, ‘AKEL’", "p. 226"),
                                ("Vries, “Ports, Towns, and Trade,” pp. 26–28.", "Vries, “Ports, Towns, and Trade,”",
                                 "pp. 26–28")):
        citation = one(note)
        assert (citation.prefix, citation.body, citation.locator, citation.short_form) == ("", body, locator, True)


def test_a_cue_before_an_inverted_name_is_no_part_of_it_and_in_may_open_a_title():
    """"See Cowling, M., …": "See Cowling" is no two-word family name; "In Search of the Past" is a title
    whose first word is "In", not the cue "in" (a cue of one short word counts only before names)."""
    (see,), _ = split_note(["See Lowe, M., The Grain Trade (Leeds, 1975), p. 163."])
    assert (see.prefix, see.body, see.locator) == ("See", "Lowe, M., The Grain Trade (Leeds, 1975)", "p. 163")
    tagger = default_tagger()
    for title in ("In Search of the Northern Ports. London: Faber, 1990.", "In Defence of Trade (Leeds, 1990), p. 4."):
        citations, _ = read_note([title], tagger)
        assert [(c.prefix, c.body[:9]) for c in citations] == [("", title[:9])], title


def test_a_remark_in_brackets_after_a_short_forms_pages_is_its_suffix():
    """A reading list's "Roe, Life, 28–44 (Chapter 3: The Early Years)." and "Roe, Life, 5-19. (Small pages.)":
    the bracketed words after the pages are a remark, not the title's; brackets holding a year stay."""
    for note, locator, suffix in (("Lowe, Grain Trade, 28–44 (Chapter 3: The Early Ports).", "28–44",
                                   "Chapter 3: The Early Ports"),
                                  ("Lowe, Grain Trade, 5-19. (These are small pages.)", "5-19",
                                   "These are small pages.")):
        citation = one(note)
        assert (citation.body, citation.locator, citation.suffix) == ("Lowe, Grain Trade", locator, suffix), note
    (dated,), _ = split_note(["Lowe, Grain Trade, 45 (1990)."])
    assert "1990" in dated.body + dated.locator + dated.suffix


def test_the_laws_id_supra_and_pin_cites():
    """Legal notes (the Bluebook): "Id. at 551." is the law's ibid. with page 551; "Roe, supra note 1, at 133."
    a short form of Roe's work cited in note 1, at page 133. "Id." was never read: no word boundary follows
    its period."""
    (law_ibid,), _ = split_note(["Id. at 551."])
    assert (law_ibid.ibid, law_ibid.locator) == (True, "551")
    (comma,), _ = split_note(["Id., p. 5."])
    assert (comma.ibid, comma.locator) == (True, "p. 5")
    (supra,), _ = split_note(["Lowe, supra note 1, at 133."])
    assert (supra.body, supra.locator, supra.short_form, supra.ibid) == ("Lowe", "133", True, False)
    (word,), _ = split_note(["Ideas, p. 4."])
    assert not word.ibid


def test_a_cue_may_take_words_such_as_e_g_before_the_cited_work():
    """"See, e.g. Roe, Ann, Title …": the cue and its "e.g." (``data/cue_fillers.txt``) are the prefix."""
    (first, second), _ = split_note(["See, e.g. Marsh, Peter, The Grain Trade (London, 1977), p. 14; see also, for "
                                     "example, Jeanne Roe, Les ports (Paris, 1990), p. 4."])
    assert (first.prefix, first.body) == ("See, e.g.", "Marsh, Peter, The Grain Trade (London, 1977)")
    assert (second.prefix, second.body) == ("see also, for example,", "Jeanne Roe, Les ports (Paris, 1990)")
    (mid_note,), _ = split_note(["Others had asked this before: see, e.g. Marsh, P. T., The Grain Trade (2nd "
                                 "edn, London, 1977)."])
    assert (mid_note.prefix, mid_note.body) == ("Others had asked this before: see, e.g.",
                                                "Marsh, P. T., The Grain Trade (2nd edn, London, 1977)")
    (british,), _ = split_note(["See eg Marsh, Peter, The Grain Trade (London, 1977)."])
    assert (british.prefix, british.body) == ("See eg", "Marsh, Peter, The Grain Trade (London, 1977)")


def test_a_span_of_years_closing_a_title_is_no_imprints_year():
    """"Marsh, Ann. Title: Subtitle, 1461-85. 2nd ed. London: Poe, 2003.": the title's colon and its years are no
    "Place: Publisher, Year" imprint; the reference runs on to its own."""
    (citation,), _ = split_note(["Marsh, Ann. The Wars of the Harbours: Military Trade and Northern Society, "
                                 "1461-85. 2nd ed. London: Poe, 2003."])
    assert citation.body.endswith("London: Poe, 2003") and not citation.suffix


def test_two_short_forms_without_pages_joined_by_and_after_a_cue_are_two_citations():
    found, leftover = split_note(["Among kinder accounts, see especially Marsh, Harbours and Lowe, Ports."])
    assert [(c.prefix, c.body, c.short_form) for c in found] == [
        ("Among kinder accounts, see especially", "Marsh, Harbours", True), ("and", "Lowe, Ports", True)]
    assert not leftover
    (title,), _ = split_note(["See Marsh, Harbours and Ports."])  # one title with "and" in it
    assert title.body == "Marsh, Harbours and Ports"


def test_the_pages_a_bluebook_note_cites_between_title_and_imprint_are_its_locator():
    (book,), _ = split_note(["Ann Roe, Harbours of the North 41, 42 (Leeds Press 2007)."])
    assert (book.body, book.locator) == ("Ann Roe, Harbours of the North (Leeds Press 2007)", "41, 42")
    for kept in ("Ann Roe, The Harbours of 1848 (Leeds Press 1952).",  # a year ends the title
                 "Ann Roe, Harbours, Part 2 (Leeds Press 1952).",  # a part, not a page
                 "Ann Roe, “Rain,” Northern Harbours 6 (Fall 1990).",  # a journal's volume and issue date
                 "Ann Roe, Harbours 12 (Leeds, 1990)."):  # a comma before the year: no Bluebook imprint
        (citation,), _ = split_note([kept])
        assert citation.body == kept.rstrip(".") and not citation.locator, kept


def test_forty_words_without_pages_are_no_short_form():
    """A reference whose imprint the rules missed is a full one; a paragraph opening with a quotation is prose."""
    long_title = " ".join(["Extrait du compte-rendu des travaux de l’Académie"] * 6)
    (citation,), _ = split_note([f"Jeanne ROE, Les ports, {long_title}, Toulouse, Privat, 1899."])
    assert not citation.short_form
    quotation = "‘The bank was founded in 1909 to further trade’ so we are told in all the standard works. " * 3
    assert split_note([quotation])[0] == []
    (short,), _ = split_note(["‘The Bank of the Levant’, p. 4."])
    assert short.short_form


def test_a_volume_in_lower_case_roman_numerals_before_the_pages_is_part_of_the_locator():
    (first, second), _ = split_note(["Marsh, The Grain Trade , vi. pp. 83–4; Lowe, Diaries, iii., 218."])
    assert (first.body, first.locator) == ("Marsh, The Grain Trade", "vi. pp. 83–4")
    assert (second.body, second.locator) == ("Lowe, Diaries", "iii., 218")
    (third,), _ = split_note(["Sir J. Poe, Life of the Third Earl 3 vols (1925) iii, p. 46."])
    assert (third.body, third.locator) == ("Sir J. Poe, Life of the Third Earl 3 vols (1925)", "iii, p. 46")


@pytest.mark.parametrize(
    ("note", "body", "locator"),
    [
        ("J. Roe, “Negligence Revisited” (2001) 60 Camb. L.J. 45, 50.",
         "J. Roe, “Negligence Revisited” (2001) 60 Camb. L.J. 45", "50"),
        ("See Poe, Ann, ‘Duty and Foresight’ (1995) 3 Journal of Law and Practice 112.",
         "Poe, Ann, ‘Duty and Foresight’ (1995) 3 Journal of Law and Practice 112", ""),
        ("Ann Roe, ‘Restitution’ [1999] Camb. L.J. 87.", "Ann Roe, ‘Restitution’ [1999] Camb. L.J. 87", ""),
    ],
)
def test_a_law_journals_article_cited_by_year_volume_journal_and_page_is_one_citation(note, body, locator):
    """"(Year) Volume Journal Page": the year in brackets is not the end of the imprint, the first page is."""
    (citation,), _ = split_note([note])
    assert (citation.body, citation.locator, citation.suffix) == (body, locator, "")


def test_a_work_cited_by_its_title_after_see_begins_there_but_not_after_in():
    (citation,), _ = split_note(["For the harbour tolls, December 1835–March 1836, see Records of the Northern Ports, "
                                 "vol. XIII (Meridian, 1973)."])
    assert citation.prefix == "For the harbour tolls, December 1835–March 1836, see"
    assert citation.body == "Records of the Northern Ports, vol. XIII (Meridian, 1973)"
    citations, _ = split_note(["Harbour tolls in Brittany: 20 (1853), 4,771 (1870)."])
    assert citations == []


def test_a_person_quoted_in_a_work_is_the_notes_words_not_its_author():
    (citation,), _ = split_note(["Charles de Lowe, quoted in Michael Paul Marsh, The Harbour (Kent, Ohio, 1993), "
                                 "p. 56."])
    assert citation.prefix == "Charles de Lowe, quoted in"
    assert citation.body == "Michael Paul Marsh, The Harbour (Kent, Ohio, 1993)"
    (chapter,), _ = split_note(["Ann Roe, in Poe (ed.), The Harbour (Leeds, 1990), p. 5."])
    assert chapter.prefix == ""


def test_passim_alone_is_the_place_cited_and_ends_a_short_form_before_a_semicolon():
    """"Roe, Harbours, passim; A.B. Poe, ‘Quays’, …": the work cited throughout is a short form with its locator,
    so the next citation starts after the semicolon and the first is no prose before it."""
    cites, leftover = split_note(["Roe, The Harbour Clerks, passim; A.B. Poe, ‘The Grain Quays of 1887’, Harbour "
                                  "Review, 5 (1926): 71–4."])
    assert [(c.prefix, c.body, c.locator) for c in cites] == [
        ("", "Roe, The Harbour Clerks", "passim"),
        ("", "A.B. Poe, ‘The Grain Quays of 1887’, Harbour Review, 5 (1926): 71–4", "")] and leftover == ""


def test_short_forms_with_their_pages_between_semicolons_are_one_citation_each():
    """"Roe, Jewel of the Harbour, 188–94; Poe, Ports, 768–73.": the semicolon after the pages ends the first short
    form, whatever its title; a first author with "et al." names a short form too."""
    cites, leftover = split_note(["Roe, Jewel of the Harbour, 188–94; Poe, Grain Ports, 768–73."])
    assert [(c.body, c.locator) for c in cites] == [("Roe, Jewel of the Harbour", "188–94"),
                                                    ("Poe, Grain Ports", "768–73")] and leftover == ""
    cites, _ = split_note(["For the trade at large, see Roe et al., Why the Harbour Closed, 309–17; Poe and Lowe, How "
                           "the Quays Won, 501–15."])
    assert [(c.prefix, c.body, c.locator) for c in cites] == [
        ("For the trade at large, see", "Roe et al., Why the Harbour Closed", "309–17"),
        ("", "Poe and Lowe, How the Quays Won", "501–15")]


def test_a_work_cited_from_another_is_two_citations_the_second_after_the_cue():
    """"…, p. 1, cited in Roe, ‘Opposition’, p. 94": the work and the one it was cited from, each with its pages; a
    person quoted in a work stays the note's words (above), and so do words without a year or pages before the cue."""
    cites, leftover = split_note(["Harbour Board, Quays and Ledgers (London, 1960), p. 1, cited in Roe, ‘The Harbour "
                                  "in Opposition’, p. 94."])
    assert [(c.prefix, c.body, c.locator) for c in cites] == [
        ("", "Harbour Board, Quays and Ledgers (London, 1960)", "p. 1"),
        ("cited in", "Roe, ‘The Harbour in Opposition’", "p. 94")] and leftover == ""
    cites, _ = split_note(["Ann Poe, The Grain Ledgers, 1918, Leeds, pp. 158-9, zit. nach Roe, Die Häfen, S. 95."])
    assert [(c.prefix, c.locator) for c in cites] == [("", "pp. 158-9"), ("zit. nach", "S. 95")]
    cites, _ = split_note(["The harbour master, quoted in Ann Poe, The Harbour (Leeds, 1993), p. 56."])
    assert [c.prefix for c in cites] == ["The harbour master, quoted in"]
    # a letter before the cue is a work too, read by its shape (writer, words, date), whatever short form follows
    letter, quoting = split_note(["Roe to Ann Poe, 9 March 1943, cited in Lowe, 'The Harbour Master', p. 956."])[0]
    assert (letter.body, quoting.prefix, quoting.locator) == ("Roe to Ann Poe, 9 March 1943", "cited in", "p. 956")


def test_author_date_citations_in_a_note_are_one_citation_each_with_the_words_between_as_prefixes():
    cites, leftover = split_note(["Vgl. Picot (1990) S. 109 oder die Diskussion bei Laux/Liermann (1987) S. 64–66 "
                                  "sowie Frese (1988) S. 447–458."])
    assert [(c.prefix, c.body, c.locator, c.short_form) for c in cites] == [
        ("Vgl.", "Picot (1990)", "S. 109", True),
        ("oder die Diskussion bei", "Laux/Liermann (1987)", "S. 64–66", True),
        ("sowie", "Frese (1988)", "S. 447–458", True),
    ]
    assert leftover == ""
    cites, _ = split_note(["See Picot (1990), p. 109; and the discussion in Laux and Liermann (1987), pp. 64–66."])
    assert [(c.prefix, c.body, c.locator) for c in cites] == [
        ("See", "Picot (1990)", "p. 109"), ("and the discussion in", "Laux and Liermann (1987)", "pp. 64–66")]
    cites, _ = split_note(["Vgl. Kolbeck, R. (1971) S. 108–116, die dort ausführlich die Mängel aufzeigt."])
    assert [(c.body, c.locator, c.suffix) for c in cites] == [
        ("Kolbeck, R. (1971)", "S. 108–116", "die dort ausführlich die Mängel aufzeigt")]


def test_author_date_citations_after_a_sentence_that_ends_in_a_cue():
    """The author's sentence, capitalised as sentences are, its elided words ("l'histoire") and a name's particle
    ("de Vries") before the year; a citation alone after a semicolon follows one of them."""
    cites, _ = split_note(["For a recent review of the literature on the harbour trade and its origins, see de Vries "
                           "(2010)."])
    assert [(c.prefix, c.body) for c in cites] == [
        ("For a recent review of the literature on the harbour trade and its origins, see", "de Vries (2010)")]
    cites, leftover = split_note(["Pour une vision d'ensemble de l'histoire des ports de la Méditerranée, voir : Roe "
                                  "et Poe (1998) ; Lee (2008)."])
    assert [(c.prefix, c.body) for c in cites] == [
        ("Pour une vision d'ensemble de l'histoire des ports de la Méditerranée, voir", "Roe et Poe (1998)"),
        ("", "Lee (2008)")]
    assert leftover == ""
    cites, _ = split_note(["Pour les ports, voir de Vries (1998) ; van der Berg (2008)."])
    assert [(c.prefix, c.body) for c in cites] == [("Pour les ports, voir", "de Vries (1998)"),
                                                   ("", "van der Berg (2008)")]
    # a capitalised sentence with no cue before the name stays the author's words
    cites, leftover = split_note(["The Harbour Board met in Lisbon (1910)."])
    assert cites == [] and leftover


def test_author_date_citations_with_their_pages_in_the_brackets_or_bracketed_in_the_authors_sentence():
    """The social sciences' notes: the pages inside the year's bracket ("Roe and Poe (2009: 755)"), the author's
    sentence going on after it, and whole citations in brackets inside a sentence ("(Pardo, 1976: 64)"), the words
    before the first the prefix; an imprint in brackets ("Harbours (Chatto, 1932), 45") is no such citation."""
    cites, _ = split_note(["In their later restatement of the harbour thesis, Roe and Poe (2009: 755) pointed out "
                           "that already in the 1950s the trade had changed."])
    assert [(c.prefix, c.body, c.locator, c.suffix) for c in cites] == [
        ("In their later restatement of the harbour thesis,", "Roe and Poe (2009)", "755",
         "pointed out that already in the 1950s the trade had changed")]
    cites, _ = split_note(["‘A port is any harbour that ships can reach at low tide’ (Pardo, 1976: 64)."])
    assert [(c.prefix, c.body, c.locator, c.parenthetical) for c in cites] == [
        ("‘A port is any harbour that ships can reach at low tide’", "Pardo, 1976", "64", True)]
    cites, _ = split_note(["This is disputed (see Roe 1990; Poe and Pardo 1992, 4), but not by all."])
    assert [(c.prefix, c.body, c.locator, c.suffix) for c in cites] == [
        ("This is disputed see", "Roe 1990", "", ""), ("", "Poe and Pardo 1992", "4", "but not by all")]
    for reference in ("A. Roe, The Harbours of Leeds (Chatto, 1932), 45.", "Ann Roe, The Harbours (Chatto, 1932).",
                      "T. S. Eliot, Selected Essays (Faber, 1932)."):
        assert [c.parenthetical for c in split_note([reference])[0]] in ([], [False]), reference


def test_an_author_and_year_before_a_title_stay_one_reference():
    """A list entry's "Roe, A. (1990) Title", a short title's year after its author ("Roe, Life (1990), 5"), a
    chapter's book ("In Jacobs and Rosenbaum (1970), 184–221") and a lone "Roe, A. (1990)." before its title's
    chunk are no author-date citations."""
    for text, piece in (("Roe, A. (1990) The Sound of Syntax. London: Faber.", "Roe, A. (1990)"),
                        ("Roe, A. (1990): The Sound of Syntax.", "Roe, A. (1990)"),
                        ("Roe, A. (1990). The Sound of Syntax. London: Faber.", "Roe, A. (1990)"),
                        ("Roe, Life (1990), 5.", "Life (1990)"),
                        ("Remarks on syntax. In Jacobs and Rosenbaum (1970), 184–221.", "Jacobs and Rosenbaum (1970)")):
        cites, _ = split_note([text])
        assert piece not in [c.body for c in cites], text


def test_german_and_spanish_page_words_before_figures_are_locators():
    cites, _ = split_note(["Ann Roe, Geschichte der Stadt (Berlin, 1990), S. 45–47."])
    assert [(c.body, c.locator) for c in cites] == [("Ann Roe, Geschichte der Stadt (Berlin, 1990)", "S. 45–47")]
    cites, _ = split_note(["Ann Roe, Historia de la ciudad (Madrid, 1990), pág. 45."])
    assert [c.locator for c in cites] == ["pág. 45"]


def test_cues_of_other_languages_open_citations():
    for cue in ("Vgl.", "Voir", "Cfr.", "Véase"):
        cites, _ = split_note([f"{cue} Ann Roe, Geschichte der Stadt (Berlin, 1990), 45."])
        assert [(c.prefix, c.body) for c in cites] == [(cue, "Ann Roe, Geschichte der Stadt (Berlin, 1990)")]


def test_a_reprints_imprint_after_author_and_title_is_the_works_own_not_a_citation_in_brackets():
    cites, _ = split_note(["Thomas Hobbes, Leviathan (1651; repr., Indianapolis, IN: Bobbs, Merrill, 1958); "
                           "John Locke, Second Treatise of Government (1690; repr., Indianapolis, IN: Bobbs, "
                           "Merrill, 1952)."])
    assert [(c.prefix, c.body) for c in cites] == [
        ("", "Thomas Hobbes, Leviathan (1651; repr., Indianapolis, IN: Bobbs, Merrill, 1958)"),
        ("", "John Locke, Second Treatise of Government (1690; repr., Indianapolis, IN: Bobbs, Merrill, 1952)"),
    ]
    cites, _ = split_note(["As argued at length (Ann Roe, Life and Times, London: Faber, 1990)."])
    assert [(c.prefix, c.body) for c in cites] == [
        ("As argued at length", "Ann Roe, Life and Times, London: Faber, 1990")]


def test_chicago_volume_and_page_a_pages_note_and_chapters_are_locators():
    for text, locator in (("Carl Doe, A History of Parliament, 2 vols. (Oxford: Clarendon, 1975), 2:114.", "2:114"),
                          ("Gus Joe, The Long Peace, 3rd ed. (New York: Norton, 2001), 15n4.", "15n4"),
                          ("Ann Roe, Essays in Reform (Cambridge: Cambridge University Press, 1995), chaps. 2 and 3.",
                           "chaps. 2 and 3")):
        cites, _ = split_note([text])
        assert [(c.locator, c.suffix) for c in cites] == [(locator, "")], text


def test_words_such_as_especially_after_a_cue_are_the_prefix():
    cites, _ = split_note(["See especially Ann Roe and Bob Poe, eds., Essays in Reform (Cambridge, 1995), 12."])
    assert [(c.prefix, c.body[:11]) for c in cites] == [("See especially", "Ann Roe and")]


def test_short_forms_after_the_authors_words_and_a_cue_joined_by_and_are_one_citation_each():
    cites, _ = split_note(["For a full discussion of the trends, see Lawson, Civil Rights Crossroads, 11, and Cowger "
                           "and Markham, Lyndon Johnson Remembered, 3–18."])
    assert [(c.prefix, c.body, c.locator) for c in cites] == [
        ("For a full discussion of the trends, see", "Lawson, Civil Rights Crossroads", "11"),
        ("and", "Cowger and Markham, Lyndon Johnson Remembered", "3–18")]
    cites, _ = split_note(["Lawson and Payne, Debating the Civil Rights Movement, 3."])
    assert [(c.body, c.locator, c.short_form) for c in cites] == [
        ("Lawson and Payne, Debating the Civil Rights Movement", "3", True)]


def test_a_references_in_before_its_book_is_no_cue_for_short_forms():
    line = ("Choon Hui Teo and S. V. N. Vishwanathan. Fast and space efficient string kernels using suffix arrays. "
            "In In Proceedings, 23rd ICMP, pages 929–936. ACM Press, 2006.")
    cites, _ = split_note([line])
    assert all(not c.body.startswith("Proceedings") for c in cites)


def test_a_quoted_title_and_a_dated_periodical_without_pages_are_a_full_reference_not_a_short_form():
    cites, _ = split_note(["Walter Lippmann, “Cassandra Speaking,” The Washington Post, April 5, 1947."])
    assert [(c.body, c.short_form) for c in cites] == [
        ("Walter Lippmann, “Cassandra Speaking,” The Washington Post, April 5, 1947", False)]
    cites, _ = split_note(["Lippmann, “Cassandra Speaking.”"])
    assert [c.short_form for c in cites] == [True]


@pytest.mark.parametrize(
    ("note", "prefix", "body", "locator"),
    [
        ("Letter to Ann Poe, 16 October 1604 (Opere, 10, p. 115).", "Letter to Ann Poe, 16 October 1604",
         "Opere", "10, p. 115"),
        ("He wrote an account of it in 1654 (Roe, Opere, 19, p. 606).", "He wrote an account of it in 1654",
         "Roe, Opere", "19, p. 606"),
        ("He said so (see Roe, Life, p. 4).", "He said so see", "Roe, Life", "p. 4"),
    ],
)
def test_a_short_form_in_brackets_closing_the_notes_words_is_its_citation(note, prefix, body, locator):
    citation = one(note)
    assert (citation.prefix, citation.body, citation.locator, citation.parenthetical) == (prefix, body, locator, True)


def test_a_cue_and_a_name_opening_brackets_at_the_notes_end_cite_a_dated_work():
    """"… and often later (see Roe, A. M., Hamartia, 1968, 69 ff.).": a cue and a name open the brackets, so the
    year is the work's, not an imprint's; surname, initials, title and year between commas are a full reference."""
    (citation,), leftover = split_note(["This view is found in an edition of 1560, and often later "
                                        "(see Roe, A. M., Hamartia, 1968, 69 ff.)."])
    assert (citation.prefix, citation.body, citation.locator, citation.parenthetical, citation.short_form) == (
        "This view is found in an edition of 1560, and often later see", "Roe, A. M., Hamartia, 1968", "69 ff.",
        True, False)
    assert leftover == ""
    (imprint,), _ = split_note(["Ann Roe, Hamartia (London, 1968), p. 4."])
    assert (imprint.body, imprint.parenthetical) == ("Ann Roe, Hamartia (London, 1968)", False)


def test_a_place_and_a_year_between_commas_close_an_older_notes_imprint():
    """"…, London, 1924, pp. 21-34, examines …": the place (a known one) and the year end the imprint, the pages
    are the locator and the author's words after them no part of the title; not after a sentence of the
    reference ("Roe. Title. Proceedings of …, Munich, Germany, 2010")."""
    (citation,), _ = split_note(["A. B. Roe, The Constitution of the Ports, London, 1924, pp. 21-34, examines the "
                                 "limits of their rights in this period."])
    assert (citation.body, citation.locator, citation.suffix) == (
        "A. B. Roe, The Constitution of the Ports, London, 1924", "pp. 21-34",
        "examines the limits of their rights in this period")
    document = parse_text("Ann Roe and Bob Poe. Harbour control: Mooring within limits. Proceedings of the "
                          "Symposium on Advances in Harbour Control, Munich, Germany, 2010.\n")
    (note,) = document.notes
    (citation,) = note.citations
    assert document.work(citation.work).csl["title"] == "Harbour control: Mooring within limits"


def test_an_inverted_name_closed_by_a_colon_opens_the_entry_whatever_its_given_name():
    (citation,), _ = split_note(["Moeller, Bernd: Reichsstadt und Reformation, Berlin, 1987."])
    assert (citation.prefix, citation.body) == ("", "Moeller, Bernd: Reichsstadt und Reformation, Berlin, 1987")


@pytest.mark.parametrize(
    ("note", "body", "locator"),
    [
        ("Ann Roe, Widerstand: Der Kampf, 3rd ed. (Munich, 1979), 34ff, 226ff.",
         "Ann Roe, Widerstand: Der Kampf, 3rd ed. (Munich, 1979)", "34ff, 226ff"),
        ("J. Roe, La France des ports, 1880–1914 (1982) pp. 168–9.", "J. Roe, La France des ports, 1880–1914 (1982)",
         "pp. 168–9"),
        ("Roe, Gladstone, vol. ii, pp. 240±1.", "Roe, Gladstone", "vol. ii, pp. 240±1"),
    ],
)
def test_cited_pages_glued_ff_after_a_books_year_alone_and_a_pdfs_dash(note, body, locator):
    """"34ff" is cited pages; after a book's title and its year alone the range is cited, not the work's own (a
    journal's date has its volume or an article's quoted title before it); "±" is a PDF's en dash."""
    (citation,), _ = split_note([note])
    assert (citation.body, citation.locator) == (body, locator)
    (article,), _ = split_note(["Ann Roe, ‘Race Matters’, Harbour Studies (2007), pp. 471–513."])
    assert (article.body, article.locator) == ("Ann Roe, ‘Race Matters’, Harbour Studies (2007), pp. 471–513", "")


def test_a_note_naming_the_author_then_saying_something_before_citing_the_work():
    """"Ann Roe has been instrumental …, notably in The Harbour Ledger (Oxford, 1985)": the words up to the "in"
    before the work are the prefix, the name the author hint; a list of names or a chapter is the labeller's."""
    (citation,), _ = split_note(["Ann Roe has written much on the ports, notably in The Harbour Ledger 1880-1935 "
                                 "(Oxford, 1985), p. 4."])
    assert (citation.prefix, citation.body, citation.author_hint, citation.locator) == (
        "Ann Roe has written much on the ports, notably in", "Ann Roe, The Harbour Ledger 1880-1935 (Oxford, 1985)",
        "Ann Roe", "p. 4")
    (bare,), _ = split_note(["Ann Roe in The Harbour Ledger (London, 1990), p. 4."])  # the author and the book
    assert (bare.prefix, bare.author_hint) == ("", "")
    (listed,), _ = split_note(["Ann Roe and Bob Poe, The Harbour Ledger (London, 1990), p. 4."])
    assert (listed.prefix, listed.author_hint) == ("", "")
    (chapter,), _ = split_note(["Ann Roe writes in ‘Ports’, in Bob Poe (ed.), The Sea (London, 1990), p. 4."])
    assert chapter.author_hint == ""


def test_a_quotation_after_the_cited_pages_and_a_colon_is_the_notes_words_not_the_work():
    (citation,), _ = split_note(["Roe, Storia, p. 34: «Essendosi scoperto che un certo abate»."])
    assert (citation.body, citation.locator, citation.suffix) == (
        "Roe, Storia", "p. 34", "«Essendosi scoperto che un certo abate»")


def test_a_cue_and_other_pages_after_a_citation_cite_the_same_work_again():
    citations, leftover = split_note(["Ann Roe, Resolves (London, 1661), p. 6; cf. pp. 68."])
    assert [(c.prefix, c.body, c.locator) for c in citations] == [
        ("", "Ann Roe, Resolves (London, 1661)", "p. 6"), ("cf.", "Ann Roe, Resolves (London, 1661)", "pp. 68")]
    assert leftover == ""
    ibid, _ = split_note(["Ibid., p. 9; see also p. 44."])
    assert [(c.prefix, c.locator, c.ibid) for c in ibid] == [("", "p. 9", True), ("see also", "p. 44", True)]


def test_a_german_edition_or_place_before_the_year_closes_a_full_reference_not_a_short_form():
    """"…, 9. Aufl. 2003; …": the edition's number is no sentence's end nor a page, and an edition or a known
    place before the year is an imprint: a full reference for the labeller, not an author and a short title."""
    citations, _ = split_note(["Hans Roe, Schlüsselbegriffe der Soziologie, 9. Aufl. 2003; Ute Poe, Strukturen der "
                               "Gesellschaft, Wien 2005; Roe, Schlüsselbegriffe, 45."])
    assert [(c.body, c.locator, c.short_form) for c in citations] == [
        ("Hans Roe, Schlüsselbegriffe der Soziologie, 9. Aufl. 2003", "", False),
        ("Ute Poe, Strukturen der Gesellschaft, Wien 2005", "", False),
        ("Roe, Schlüsselbegriffe", "45", True)]


@pytest.mark.parametrize(
    ("note", "locator"),
    [
        ("C. Roe, Vita di Leeds, Napoli 1890, pagg. 37 e seg.", "pagg. 37 e seg."),
        ("C. Roe, Vita di Leeds, Napoli 1890, pag. 70 e seguenti.", "pag. 70 e seguenti"),
        ("Ann Roe, Life (London, 1890), pp. 37 et seq.", "pp. 37 et seq."),
    ],
)
def test_italian_page_words_and_the_pages_that_follow_are_the_locator(note, locator):
    (citation,), _ = split_note([note])
    assert (citation.locator, citation.suffix) == (locator, "")


def test_a_list_of_short_forms_with_quoted_titles_pages_and_a_surname_after_a_cue():
    note = "On the history of the text, see esp. Moe; Poe, “Panegyric, History ”; Av. Roe and Lee, Eusebius, pp. 1–53."
    citations, leftover = split_note([note])
    assert leftover == ""
    assert [(c.prefix, c.body, c.locator) for c in citations] == [
        ("On the history of the text, see esp.", "Moe", ""), ("", "Poe, “Panegyric, History ”", ""),
        ("", "Av. Roe and Lee, Eusebius", "pp. 1–53")]
    assert [(c.prefix, c.body) for c in split_note(["Av. Roe, “Form and Meaning”; cf. Lee."])[0]] == [
        ("", "Av. Roe, “Form and Meaning”"), ("cf.", "Lee")]
    assert len(split_note(["Roe; Poe."])[0]) < 2  # people, no work: no list of short forms


@pytest.mark.parametrize(
    ("note", "locator", "suffix"),
    [
        ("Ann Roe, Life (London: Faber, 1990) (hereafter cited as Life), 45.", "45", "hereafter cited as Life"),
        ("Ann Roe, Life (London: Faber, 1990) (thereafter Roe, Life), p. 12.", "p. 12", "thereafter Roe, Life"),
    ],
)
def test_the_name_a_note_gives_a_work_between_its_imprint_and_pages_leaves_the_pages_cited(note, locator, suffix):
    (citation,), _ = split_note([note])
    assert (citation.body, citation.locator, citation.suffix) == ("Ann Roe, Life (London: Faber, 1990)", locator,
                                                                  suffix)


@pytest.mark.parametrize(
    ("note", "body", "locator"),
    [
        ("Ann Roe, Life (London: Faber, 1990), pp. 44-45; 193-197.", "Ann Roe, Life (London: Faber, 1990)",
         "pp. 44-45; 193-197"),
        ("Ann Roe, Life (London: Faber, 1990), pp. 216–19; Middlemas, Diary.", "Ann Roe, Life (London: Faber, 1990)",
         "pp. 216–19"),  # a semicolon before a word (roman-looking "Mi…") ends the pages
    ],
)
def test_a_list_of_cited_pages_is_one_locator(note, body, locator):
    citation = split_note([note])[0][0]
    assert (citation.body, citation.locator) == (body, locator)


@pytest.mark.parametrize("second", [
    "Marlow, A. (ed.), Harbour studies (1959)",  # an inverted name and the editor's role
    "Marlow, (ed.), Harbour studies (1959)",  # the family name alone, its forenames lost by the page
    "Marlow (eds.), Harbour studies (1959)",
])
def test_an_editor_named_before_the_role_opens_a_citation_after_a_semicolon(second):
    citations, _ = split_note([f"Ann Roe, ‘Ports reconsidered’, Harbour History, 2 (1959), 42–59; {second}; "
                               "Poe, E. P., The making of the harbour (1963)."])
    assert [c.body for c in citations] == ["Ann Roe, ‘Ports reconsidered’, Harbour History, 2 (1959), 42–59", second,
                                           "Poe, E. P., The making of the harbour (1963)"]


@pytest.mark.parametrize(("note", "prefix", "body"), [
    ("See also her ‘Ports: success or failure?’, in Poe, D (ed.), People of the ports (1973), pp. 90–7.",
     "See also her", "‘Ports: success or failure?’, in Poe, D (ed.), People of the ports (1973), pp. 90–7"),
    ("See his Grain and Empire (London, 1990), p. 12.", "See his", "Grain and Empire (London, 1990)"),
])
def test_a_cue_and_a_pronoun_before_the_authors_other_work_are_the_prefix(note, prefix, body):
    citation = one(note)
    assert (citation.prefix, citation.body) == (prefix, body)


def test_a_two_letter_cue_and_a_pronoun_open_no_citation_without_a_name():
    """"In her …" opens the note's sentence, not a cited work: only "In" and names after it are a cue."""
    citation = one("In her study of the ports, Ann Roe, Grain and Empire (London, 1990), p. 12.")
    assert citation.prefix == "In her study of the ports,"


def test_older_american_notes_same_is_ibid_and_work_cited_is_op_cit():
    document = parse_text("1. Ann Marlow, The Harbour Court (New York, 1943), p. 45.\n2. Same, pp. 692–3.\n"
                          "3. Bob Poe, Ports (Leeds, 1950), p. 3.\n4. Marlow, work cited, p. 689.\n"
                          "5. See the same author’s Grain (Leeds, 1960), p. 4.\n")
    first, same, _, cited, prose = (note.citations[0] for note in document.notes)
    assert (same.work, same.locator) == (first.work, "pp. 692–3")
    assert (cited.work, cited.locator) == (first.work, "p. 689")
    assert prose.work != first.work  # "the same author" in the note's words is no ibid.


def test_a_semicolon_inside_a_title_in_curly_double_quotes_cuts_nothing():
    """A title may hold a semicolon and a capital after it ("… (1650–90); Some Later Studies"): curly double
    quotes say which way they face, so a “ open before it and its ” after it keep the title whole; after the ”
    the semicolon is a cut."""
    note = ("Ann Roe, “Harbour Towns (1650–1690); Some Later Studies,” Harbour Review, XXI (Mar., 1957), 12–29; "
            "Bo Poe, “Docks,” Sea Studies, IX (1961), 41–59.")
    citations, _ = split_note([note])
    assert [c.body.split(",")[0] for c in citations] == ["Ann Roe", "Bo Poe"]
    assert "Some Later Studies" in citations[0].body


def test_an_articles_range_after_a_month_cut_short_and_a_comma_is_its_own_not_the_locator():
    """"XII (Dec., 1953), 41–59": a journal's date in brackets, its month cut short and followed by a comma,
    then the article's own pages; "(Leeds, 1948), 61–62" after a book's title are the pages cited."""
    (article,), _ = split_note(["Ann Roe, “Harbour Songs,” Harbour Review, XII (Oct., 1951), 12–29; and more."])
    assert article.locator == "" and article.body.endswith("12–29")
    (book,), _ = split_note(["Bo Poe, “The Sea,” in Carl Doe, ed., Ships (Leeds, 1948), 61–62."])
    assert book.locator == "61–62"


def test_short_forms_each_with_a_remark_after_its_pages_are_cut_at_the_semicolon():
    """"Roe, Harbours, 17 (first quotation); Poe, Docks, 9 (second quotation).": the remark closes each short form,
    before the semicolon too, and the note holds two citations."""
    citations, _ = split_note(["Lowe, Grain Trade, 17 (first quotation); Moss, Dry Docks, 9 (second quotation)."])
    assert [(c.body, c.locator, c.suffix) for c in citations] == [
        ("Lowe, Grain Trade", "17", "first quotation"), ("Moss, Dry Docks", "9", "second quotation")]
    (note,) = parse_text("1. Lowe, Grain Trade, 17 (first quotation); Moss, Dry Docks, 9 (second quotation).\n").notes
    assert [c.locator for c in note.citations] == ["17", "9"]


def test_a_short_forms_page_and_the_note_on_it_are_the_locator():
    (quoted,), _ = split_note(["See also Lowe, “A Grain History,” 118 n.64."])
    assert (quoted.prefix, quoted.body, quoted.locator) == ("See also", "Lowe, “A Grain History,”", "118 n.64")
    (plain,), _ = split_note(["Lowe, Grain Trade, 41 n. 3."])
    assert (plain.body, plain.locator) == ("Lowe, Grain Trade", "41 n. 3")


def test_a_cue_a_surname_and_a_quoted_title_in_brackets_are_a_short_form_pages_or_not():
    """"… doubted by others (see Roe, “Ships Lost in the Gale”)": the author's words, then in brackets a cue,
    a surname and a quoted title, perhaps its pages: a short form of an article, its author kept."""
    for note, locator in (("The tally was doubted (see Lowe, “Ships Lost in the Gale”).", ""),
                          ("The tally was doubted (see Lowe, “Ships Lost in the Gale,” 45).", "45")):
        (citation,), leftover = split_note([note])
        assert (citation.prefix, citation.body, citation.locator) == (
            "The tally was doubted see", "Lowe, “Ships Lost in the Gale”" if not locator
            else "Lowe, “Ships Lost in the Gale,”", locator)
        assert citation.short_form and citation.parenthetical and leftover == ""
    assert split_note(["The tally was doubted (see chapter 4, below)."])[0] == []


def test_a_surname_and_a_volumes_page_without_a_comma_is_a_short_form():
    """"Lowe 8: 108." (the MLA's multi-volume reference): a surname, then the volume and page with a colon,
    perhaps a space after it; also in brackets after the author's quotation, where a surname, a short title and a
    bare page are one too (a page alone or a year in brackets is not)."""
    (alone,), _ = split_note(["Lowe 8: 108."])
    assert (alone.body, alone.locator, alone.short_form) == ("Lowe", "8: 108", True)
    (quoted,), leftover = split_note(["“The task is long,” he writes, “and hard” (Lowe 8: 326)."])
    assert (quoted.prefix, quoted.body, quoted.locator) == ("“The task is long,” he writes, “and hard”", "Lowe",
                                                            "8: 326")
    assert quoted.parenthetical and leftover == ""
    (titled,), _ = split_note(["As he writes, the task was hard (Lowe, Grain Ships, 326)."])
    assert (titled.prefix, titled.body, titled.locator) == ("As he writes, the task was hard", "Lowe, Grain Ships",
                                                            "326")
    assert split_note(["The task was hard (Table 2, 45)."])[0] == []
    assert split_note(["Lowe 1998: 108."])[0] == []  # a year, not a volume: the splitter's author-date is elsewhere


def test_the_authors_words_that_open_a_list_of_short_forms_without_pages():
    """"Older studies include Roe, ‘Dock Workers’; Poe, Tides, Trade and Towns; …": words that open a list
    (``data/list_openers.txt``) before short forms separated by semicolons, a title holding commas, a name with
    its initials, editors without a stop: one citation each."""
    citations, leftover = split_note(["Older studies include Lowe, ‘Dock Workers’; Moss, Tides, Trade and Towns; "
                                      "E. L. Dunn, Grain Ships of the North ; and Pike and Lowe, eds, Port Cities."])
    assert [(c.prefix, c.body) for c in citations] == [
        ("Older studies include", "Lowe, ‘Dock Workers’"), ("", "Moss, Tides, Trade and Towns"),
        ("", "E. L. Dunn, Grain Ships of the North"), ("and", "Pike and Lowe, eds, Port Cities")]
    assert leftover == "" and all(c.short_form and not c.locator for c in citations)
    prose, _ = split_note(["Older studies include the harbour; the docks; and the quays."])
    assert prose == []


def test_a_short_forms_volume_and_page_then_the_authors_sentence():
    """"Roe, Harbours, 2:57. Where two dates stand, …": Chicago's volume and page are the locator, and the
    sentence after them is the author's."""
    citations, leftover = split_note(["Lowe, Grain Trade, 2:57. Where two dates stand, the first is the board's."])
    assert [(c.body, c.locator) for c in citations] == [("Lowe, Grain Trade", "2:57")]
    assert "the first is the board's" in leftover + citations[0].suffix


def test_a_family_name_and_its_stopped_initials_before_a_title_end_the_name():
    """A publisher's reference markup scraped without punctuation runs the family name, the initials and the
    title together ("Roe M.E. Harbours and Docks in the North …"): the name ends at the initials when the first
    word is no first name and a common word follows; "Mary A. B. Smith" is a name in natural order."""
    text = "Pike M.E. Harbours and Docks in the North, 1850–1910 Leeds University 1981 PhD dissertation"
    assert names_end(text) == len("Pike M.E.")
    assert names_end("Mary A. B. Smith, Harbours (Leeds, 1990).") == len("Mary A. B. Smith")
    assert names_end("Lowe, M.E. Smith and Bob Poe, Title") != len("Lowe")
    (work,) = parse_text(f"1. Shipping was neglected; see {text}.\n").works
    assert work.csl["author"] == [{"family": "Pike", "given": "M. E."}]
    assert work.csl["title"].startswith("Harbours and Docks in the North")


def test_an_inverted_name_with_its_initials_run_together_opens_a_citation_after_a_semicolon():
    """"…, 1989); Pike, T.R., Title (Leeds, 1990); …": initials written without a space are given names too."""
    note = ("Lowe, M., The Day the Harbour Closed (Hull, 1977); Pike, T.R., Grain Ships (Leeds & York, 1983); "
            "Moss, T.P., Dry Docks (Leeds, 1986).")
    citations, leftover = split_note([note])
    assert [c.body.split(",")[0] for c in citations] == ["Lowe", "Pike", "Moss"] and leftover == ""


def test_a_roman_page_and_its_stop_end_a_citation_before_the_authors_sentence():
    """"Roe, Harbours, xxiv. Roe noted that …": a lower-case roman page closes the short form as a figure does;
    "Roe v. Poe" (a case) and "c. 1850" are no roman pages."""
    citations, leftover = split_note(["Lowe, Grain Trade, xxiv. Lowe noted that the docks were closed."])
    assert [(c.body, c.locator) for c in citations] == [("Lowe, Grain Trade", "xxiv")]
    assert "Lowe noted that the docks were closed." in leftover + citations[0].suffix
    assert len(_chunks("Lowe v. Moss, 12 U.S. 4 (1850). Then the board sat.")) == 2


def test_a_double_hyphen_joins_a_page_range():
    """"pp. 52--9" (TeX's and a typewriter's dash): the whole range is the locator, never "pp. 52" with "--9"
    lost; an article's range after its date stays the article's own, with an en dash."""
    (book,), _ = split_note(["Ann Roe, Harbours (London: Faber, 1954), pp. 52--9."])
    assert (book.body, book.locator) == ("Ann Roe, Harbours (London: Faber, 1954)", "pp. 52--9")
    document = parse_text("4. Ann Roe, 'Quays,' Harbour Review, 23 (March 1984): 211--29; Bob Poe, 'Tides,' "
                          "Harbour Review, 8 (Winter 1979): 14--19.\n")
    assert [c.locator for c in document.notes[0].citations] == ["", ""]
    assert [w.csl.get("page") for w in document.works] == ["211–229", "14–19"]  # dash-repaired, the range written out


def test_quoted_by_and_cited_by_are_cues_before_a_reference():
    """"… are quoted by Roe and Poe, Ports (Leeds, 1937), p. 248 ff., and by Moe, loc. cit.": the reference after
    "quoted by" is the citation (the author's words its prefix), not the "loc. cit." at the sentence's end with
    everything before it for a prefix."""
    (cited,), _ = split_note(["Other statements are quoted by Lowe and Moss, Grain Ports (Leeds, 1937), p. 248 ff., "
                              "and by Dunn, loc. cit."])
    assert (cited.prefix, cited.body, cited.locator) == (
        "Other statements are quoted by", "Lowe and Moss, Grain Ports (Leeds, 1937)", "p. 248 ff.")
    (cited,), _ = split_note(["The figure is cited by Lowe and Moss, Grain Ports (Leeds, 1937), 12."])
    assert (cited.prefix, cited.body) == ("The figure is cited by", "Lowe and Moss, Grain Ports (Leeds, 1937)")


def test_a_short_forms_several_pages_are_its_locator_when_they_run_forward():
    """"Roe, Harbour Towns, 41, 57-8, 112.": every page cited is the locator, not the last one with the others
    read into the title; "…’, J Harbour Inst, 7, 1–19" (a volume, then an article's range) is no short form."""
    (short,), _ = split_note(["Lowe, Grain Ships, 41, 57-8, 112."])
    assert (short.body, short.locator, short.short_form) == ("Lowe, Grain Ships", "41, 57-8, 112", True)
    entry = parse_text("Lowe, J 1949. ‘Grain influences on the docks in England’, J Harbour Inst, 7, 1–19\n")
    assert [(w.csl["type"], w.csl.get("volume"), w.csl.get("page")) for w in entry.works] == [
        ("article-journal", "7", "1–19")]


def test_an_ibids_several_pages_are_its_locator():
    """"Ibid., 61–64, 70.": every page cited, not the last one with the others read as the ibid.'s words;
    pages that do not run forward keep only the last as the locator."""
    (ibid,), _ = split_note(["Ibid., 61–64, 70."])
    assert (ibid.ibid, ibid.locator) == (True, "61–64, 70")
    (backward,), _ = split_note(["Ibid., 45, 12."])
    assert backward.locator == "12"


def test_two_inverted_names_joined_by_and_open_the_citation():
    """"Hall, Arthur Pell and Moss, Henry Carver, Title (…)": a book's two authors, each inverted (older
    Cambridge notes), are its authors, not the author's words before a citation that opens at "William"."""
    (cited,), _ = split_note(["Lowe, Arthur Pell and Moss, Henry Carver, The Course of the Ports (Leeds, "
                              "1948), pp. 211–14."])
    assert (cited.prefix, cited.body) == ("", "Lowe, Arthur Pell and Moss, Henry Carver, The Course of the "
                                              "Ports (Leeds, 1948)")


def test_a_year_after_the_number_of_volumes_is_no_cited_volume():
    """"…, Trade. 3 vols. 1922": the year the volumes came out, not "vols. 1922" cited as a locator."""
    (cited,), _ = split_note(["Lowe, Ann, The Grain Trade. 3 vols. 1922."])
    assert "1922" not in cited.locator
    (volume,), _ = split_note(["Lowe, Grain Trade, vol. 2, p. 45."])
    assert volume.locator == "vol. 2, p. 45"


def test_a_known_publisher_after_the_bracketed_year_is_the_entrys_own():
    """"Ann Lowe, 'Grain Politics' (2006) 3rd edn, Palgrave Macmillan": a reading list gives the publisher after
    the year; a known one stays in the reference, not left as the note's words after it."""
    (cited,), _ = split_note(["Ann Lowe, 'Grain Politics' (2006) 3rd edn, Palgrave Macmillan"])
    assert (cited.body, cited.suffix) == ("Ann Lowe, 'Grain Politics' (2006) 3rd edn, Palgrave Macmillan", "")
    (remark,), _ = split_note(["Ann Lowe, 'Grain Politics' (2008), Quay Lane Printers"])
    assert remark.suffix == "Quay Lane Printers"  # no publisher anybody knows: the words after the reference


def test_names_joined_by_a_french_et_open_the_next_work_after_a_semicolon():
    """"… 1990 ; Moe H. et Poe M. (dir.), Les bassins, …": two names joined by "et" (``data/and_words.txt``) and
    the editors' "(dir.)" open a citation, as "and" would."""
    citations, _ = split_note(["Roe L., Les quais de la mer, Paris, Tide, 1987 ; Moe H. et Poe M. (dir.), "
                               "Les bassins du port, Lyon, Tide, 2013."])
    assert [c.body for c in citations] == ["Roe L., Les quais de la mer, Paris, Tide, 1987",
                                           "Moe H. et Poe M. (dir.), Les bassins du port, Lyon, Tide, 2013"]


def test_a_titles_years_before_its_subtitle_do_not_end_the_citation():
    """"Moe H., The Harbour Powers 1721-1740. A Study of …, New York, Tide, 1986;": the period after the title's
    years opens its subtitle, whose imprint is still to come; after an imprint's place and year, a date, or
    before a name or a cue, it ends the citation."""
    citations, _ = split_note(["Roe J., Harbours in the Age of Steam, Leeds, Tide, 1984; Moe H., The Harbour Powers "
                               "1721-1740. A Study of Quays in the Age of Sail, New York, Tide, 1986."])
    assert [c.body for c in citations] == [
        "Roe J., Harbours in the Age of Steam, Leeds, Tide, 1984",
        "Moe H., The Harbour Powers 1721-1740. A Study of Quays in the Age of Sail, New York, Tide, 1986"]
    kept_apart, _ = split_note(["Ann Roe, Die Häfen, Leipzig 1984. Vgl. auch Bob Poe, Die Kais, Bonn 1987."])
    assert kept_apart[0].body == "Ann Roe, Die Häfen, Leipzig 1984"


def test_two_inverted_names_joined_by_et_open_one_reference():
    """"Roe, Ann B. et Poe, Carl M., Since 1870. Quays and Their Keepers. …": the two authors of one book, joined
    by "et" as by "and", and the title's year before its subtitle."""
    citations, _ = split_note(["Roe, Ann B. et Poe, Carl M., Since 1870. Quays and Their Keepers. Leeds, "
                               "Tide, 1962."])
    assert [c.body for c in citations] == [
        "Roe, Ann B. et Poe, Carl M., Since 1870. Quays and Their Keepers. Leeds, Tide, 1962."]


def test_ib_with_its_stop_is_the_older_ibid_and_a_given_name_ib_is_not():
    """"Ib., p. 9." is an ibid. with its page; "Ib Poe, Quays (Leeds, 1991), 5." is a reference by Ib Poe."""
    (ibid,), _ = split_note(["Ib., p. 9."])
    assert ibid.ibid and ibid.locator == "p. 9"
    (named,), _ = split_note(["Ib Poe, Quays (Leeds, 1991), 5."])
    assert not named.ibid and named.body.startswith("Ib Poe")


def test_et_al_after_a_name_joins_no_second_name():
    """"Ann B. Roe, et al, The Quays": "et" joins two names ("Roe H. et Poe M."), but the "et" of "et al" is
    followed by none, so the name before it is still read."""
    assert names_end("Ann B. Roe, et al, The Quays") == len("Ann B. Roe")
    assert names_end("Roe H. et Poe M. (dir.), Les bassins") == len("Roe H. et Poe M.")


def test_a_stop_and_an_em_dash_after_a_page_or_a_bracket_part_two_works_and_the_dash_goes_with_neither():
    """An older note parts its works with ".—": after a cited page, a year or a bracket. After words it may part
    the author's sentence from the work, or a title from its journal, and cuts nothing."""
    assert _chunks("Ann Roe, Les Quais, t. I, p. 72.—Poe, t. II, p. 109.") == [
        "Ann Roe, Les Quais, t. I, p. 72.", "Poe, t. II, p. 109."]
    assert _chunks("Mémoires de Roe, année 1661.—Mémoires de Jean Poe, id.") == [
        "Mémoires de Roe, année 1661.", "Mémoires de Jean Poe, id."]
    assert _chunks("Article de Roe, dans la Revue des quais, mai 1891 (Les quais et la mer).—Poe, Les Ports, "
                   "Paris, 1892.") == ["Article de Roe, dans la Revue des quais, mai 1891 (Les quais et la mer).",
                                       "Poe, Les Ports, Paris, 1892."]
    prose = "See Ann Roe’s account of their first meeting.—Letters of Bob Poe, iii., 218."
    assert _chunks(prose) == [prose]
    cited, _ = split_note(["Ann Roe, Les Quais, t. I, p. 72.—Poe, t. II, p. 109."])
    assert [(c.body, c.locator) for c in cited] == [("Ann Roe, Les Quais, t. I", "p. 72"), ("Poe, t. II", "p. 109")]
