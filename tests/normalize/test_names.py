"""Name lists (haliref.normalize.names): the shapes a scraped list writes names in."""

from __future__ import annotations

import pytest

from haliref import parse_text
from haliref.normalize import normalize
from haliref.normalize.names import parse_name_list


def test_family_names_before_undotted_initials_vancouver_and_springer_style():
    assert parse_name_list("Halvorsen K, Mbeki T")[0] == [
        {"family": "Halvorsen", "given": "K."}, {"family": "Mbeki", "given": "T."},
    ]
    assert parse_name_list("Smith JA, Okonkwo-Reyes DB")[0] == [
        {"family": "Smith", "given": "J. A."}, {"family": "Okonkwo-Reyes", "given": "D. B."},
    ]
    assert parse_name_list("van der Berg JH")[0] == [
        {"family": "Berg", "given": "J. H.", "non-dropping-particle": "van der"},
    ]


def test_names_that_only_look_like_initials_keep_their_reading():
    assert parse_name_list("John Smith III")[0] == [{"family": "Smith", "given": "John", "suffix": "III"}]
    assert parse_name_list("Marsh, Peter T.")[0] == [{"family": "Marsh", "given": "Peter T."}]


def test_a_springer_reference_keeps_its_title_and_journal_after_the_authors_and_year():
    """The rules read "Lowe K, Marsh T (2004)" as an author-date citation and left the rest behind; the
    labeller reads one full reference, and that reading is kept."""
    document = parse_text(
        "References\n"
        "1. Lowe K, Marsh T (2004) Grain prices in the northern ports. J Econ Hist Rev 26(3):45–67\n"
        "2. Vries D (2011) Flows of trade: merchants in early modern Hamburg. Ashgate, Farnham\n"
    )
    first, second = (work.csl for work in document.works)
    assert first["author"][0] == {"family": "Lowe", "given": "K."}
    assert first["title"] == "Grain prices in the northern ports"
    assert first["container-title"] == "J Econ Hist Rev" and first["type"] == "article-journal"
    assert second["author"][0]["family"] == "Vries"


def test_a_possessive_authors_name_loses_its_s():
    assert parse_name_list("Martineau’s")[0] == [{"literal": "Martineau"}]
    assert parse_name_list("Thomas Moore's")[0] == [{"family": "Moore", "given": "Thomas"}]


def test_a_title_written_as_its_authors_possessive_gives_author_and_title():
    document = parse_text("1. Holl's \"Life of the Town,\" vol. ii. p. 76.\n2. Gray's Anatomy of the Cat, p. 4.\n")
    first = document.works[0].csl
    assert first["author"] == [{"literal": "Holl"}] and first["title"] == "Life of the Town"
    assert any(c.rule == "possessive-author" for c in document.works[0].corrections)
    # no quotation marks: the name is the author too, less surely
    second = document.works[1]
    assert (second.csl["author"], second.csl["title"]) == ([{"literal": "Gray"}], "Anatomy of the Cat")
    assert [c.confidence for c in second.corrections if c.rule == "possessive-author"] == [0.75, 0.75]
    third = parse_text("1. The Nation's Other Story, p. 4.\n").works[0]  # an article opens no name
    assert not any(c.rule == "possessive-author" for c in third.corrections)
    undone = parse_text('1. Holl\'s "Life of the Town," vol. ii. p. 76.\n', skip_rules=frozenset({"possessive-author"}))
    assert "author" not in undone.works[0].csl


def test_a_possessive_short_form_with_its_volume_and_page():
    """Nineteenth-century notes: "Holl's Annals, Vol. III. p. 44." is Holl's "Annals", volume III, page 44, and
    "Ibid." after it the same work; a book's one page is the cited one, not the book's pages."""
    document = parse_text(
        "1. Holl's Annals, Vol. III. p. 44.\n2. Ibid. p. 29.\n3. Roe's History of the Town, Vol. II. p. 623.\n")
    assert [(w.csl["author"], w.csl["title"], w.csl["volume"]) for w in document.works] == [
        ([{"literal": "Holl"}], "Annals", "III"), ([{"literal": "Roe"}], "History of the Town", "II")]
    assert "page" not in document.works[1].csl
    assert [(c.work, c.locator) for note in document.notes for c in note.citations] == [
        ("hollannals", "p. 44"), ("hollannals", "p. 29"), ("roehistory", "623")]


def test_a_possessive_and_a_quoted_short_title_or_a_quoted_title_alone():
    """"Pryme's “Recollections,” p. 114." and "Timbs' “Life,” p. 9.": the possessive is the author, so two
    authors' "Recollections" are two works; a quoted title alone ("“Letters of a Merchant,” p. 6.") is a
    title, not an author."""
    document = parse_text(
        "1. Pryme's “Recollections,” p. 114.\n2. Grant's “Recollections,” p. 140.\n"
        "3. Timbs' “Anecdotal Life,” vol. i. p. 9.\n4. Pryme's “Recollections,” p. 235.\n"
        "5. “Letters of a Merchant,” p. 6.\n")
    assert [(w.csl.get("author"), w.csl["title"]) for w in document.works] == [
        ([{"literal": "Pryme"}], "Recollections"), ([{"literal": "Grant"}], "Recollections"),
        ([{"literal": "Timbs"}], "Anecdotal Life"), (None, "Letters of a Merchant")]
    assert [c.locator for note in document.notes for c in note.citations] == [
        "p. 114", "p. 140", "vol. i. p. 9", "p. 235", "p. 6"]


def test_a_name_a_pdf_broke_at_a_line_end_is_rejoined():
    result = normalize([("author", "S. Marsh- man,"), ("title", "Harbours"), ("date", "1990.")])
    assert result.csl["author"] == [{"family": "Marshman", "given": "S."}]
    assert [c.rule for c in result.corrections if c.field == "author"] == ["broken-word"]


@pytest.mark.parametrize("chapter_in", ["in", "In:", "dans", "nella"])
def test_the_chapters_in_before_its_books_editors_is_no_part_of_their_names(chapter_in):
    names, role, _, _ = parse_name_list(f"{chapter_in} J. Roe (dir.)", field="editor")
    assert (names, role) == ([{"family": "Roe", "given": "J."}], "editor")


def test_a_role_in_brackets_glued_to_the_name_is_the_role():
    for text in ("J. Roe(ed)", "J. Roe(ed.)", "J. Roe (ed.)"):
        names, role, _, _ = parse_name_list(text)
        assert (names, role) == ([{"family": "Roe", "given": "J."}], "editor"), text


def test_capital_initials_after_a_comma_are_not_a_role_marker():
    """"Insel, TR." is an author with initials, not a translator ("tr." is a marker only in its own case)."""
    names, role, _, _ = parse_name_list("Ollerton, TR.")
    assert (names, role) == ([{"family": "Ollerton", "given": "TR."}], None)
    assert parse_name_list("Ollerton, A., tr.")[1] == "translator"


@pytest.mark.parametrize(("raw", "given", "family", "unfixed"), [
    ("Maurice AGULHON,", "Maurice", "Agulhon", "AGULHON"),
    ("Jean-Marie LE GOFF-DURAND", "Jean-Marie", "Le Goff-Durand", "LE GOFF-DURAND"),
    ("J. AGULHON", "J.", "Agulhon", "AGULHON"),  # initials and capitals: a name, as an acronym has no initials
    ("F. PASCUAL SALGADO", "F.", "Pascual Salgado", "SALGADO"),  # every word in capitals is the family's
    ("BAHN P.G.", "P. G.", "Bahn", "BAHN"),  # initials run together after the family: not capitals of a name
    ("DYSON, S.L.", "S. L.", "Dyson", "DYSON"),
    ("Anne Roe", "Anne", "Roe", None),
])
def test_a_family_name_in_capitals_is_written_in_ordinary_case(raw, given, family, unfixed) -> None:
    result = normalize([("author", raw), ("title", "Les paysans")])
    assert (result.csl["author"][0]["given"], result.csl["author"][0]["family"]) == (given, family)
    assert any(c.rule == "family-in-capitals" for c in result.corrections) is bool(unfixed)
    raw_parse = normalize([("author", raw), ("title", "Les paysans")], skip_rules={"family-in-capitals"})
    assert raw_parse.csl["author"][0]["family"] == (unfixed or family)


@pytest.mark.parametrize(("raw", "family", "fixed"), [
    ("Harry S. lowe,", "Lowe", True),  # a PDF's small capitals in lower case
    ("Ann de Roe,", "Roe", False),  # a particle is no family name
    ("Ann Roe,", "Roe", False),
])
def test_a_one_word_family_name_in_lower_case_beside_a_capitalised_given_name_opens_with_its_capital(
        raw, family, fixed) -> None:
    result = normalize([("author", raw), ("title", "The Harbour Soul")])
    assert result.csl["author"][0]["family"] == family
    assert any(c.rule == "family-in-lower-case" for c in result.corrections) is fixed
    if fixed:
        undone = normalize([("author", raw), ("title", "The Harbour Soul")], skip_rules={"family-in-lower-case"})
        assert undone.csl["author"][0]["family"] == family.lower()


@pytest.mark.parametrize(("raw", "names"), [
    ("Lowe R.", [{"family": "Lowe", "given": "R."}]),  # Springer's reference lists: family, then dotted initials
    ("Vries J.-P.", [{"family": "Vries", "given": "J.-P."}]),
    ("Lowe J. K.", [{"family": "Lowe", "given": "J. K."}]),
    ("Hart J.-J. and S. Marsh", [{"family": "Hart", "given": "J.-J."}, {"family": "Marsh", "given": "S."}]),
    ("van der Berg J.", [{"family": "Berg", "given": "J.", "non-dropping-particle": "van der"}]),
    ("Harry S. Lowe", [{"family": "Lowe", "given": "Harry S."}]),  # an initial inside a natural-order name
    ("R. Lowe", [{"family": "Lowe", "given": "R."}]),
])
def test_a_family_name_before_its_dotted_initials(raw, names) -> None:
    """"Aron R." is Aron, R., not a family name "R." (a family name is never an initial)."""
    assert parse_name_list(raw)[0] == names


def test_a_slash_between_names_joins_co_authors_as_german_lists_write_them():
    names, _, _, _ = parse_name_list("Laux/Liermann")
    assert names == [{"literal": "Laux"}, {"literal": "Liermann"}]
    names, _, _, _ = parse_name_list("Borowski, P./B. Vogel/H. Wunder")
    assert [n.get("family") for n in names] == ["Borowski", "Vogel", "Wunder"]
    names, _, _, _ = parse_name_list("Economic and Social Research Council")
    assert len(names) == 1


def test_two_natural_order_names_after_a_comma_are_two_people_not_a_family_and_its_given_names():
    names, _, _, _ = parse_name_list("Alexander Hamilton, John Jay, and James Madison")
    assert names == [{"family": "Hamilton", "given": "Alexander"}, {"family": "Jay", "given": "John"},
                     {"family": "Madison", "given": "James"}]
    names, _, _, _ = parse_name_list("Lloyd George, David")
    assert names == [{"family": "Lloyd George", "given": "David"}]


def test_two_names_in_full_are_two_people_whether_or_not_their_given_names_are_known():
    """No gazetteer knows "Ikaru" or "Teodric": two words, then two words, are two names in natural order;
    an Iberian double surname before its given names stays one inverted name."""
    names, _, _, _ = parse_name_list("Ikaru Tasaki, Teodric Wollam, and Brannoc Ide")
    assert names == [{"family": "Tasaki", "given": "Ikaru"}, {"family": "Wollam", "given": "Teodric"},
                     {"family": "Ide", "given": "Brannoc"}]
    names, _, _, _ = parse_name_list("Vargas Llosa, Mario Pedro")
    assert names == [{"family": "Vargas Llosa", "given": "Mario Pedro"}]


def test_works_named_by_their_authors_possessive_in_a_guides_sentences():
    """"E. Fraenkel’s Horace (Oxford, 1957)": the initials the labeller took for the author and the possessive
    name are the author; "but David West’s Reading Horace (…)" after another work is a work too."""
    note = ("Indispensable is E. Fraenkel’s Horace (Oxford, 1957), but David West’s Reading Horace (Edinburgh, "
            "1967) is the best introduction; comparably useful is L. P. Wilkinson’s Ovid Recalled (Cambridge, 1955).")
    document = parse_text(note + "\n")
    works = [document.work(c.work).csl for c in document.notes[0].citations]
    assert [(w["author"][0]["family"], w["author"][0].get("given"), w["title"]) for w in works] == [
        ("Fraenkel", "E.", "Horace"), ("West", "David", "Reading Horace"), ("Wilkinson", "L. P.", "Ovid Recalled")]
    corrections = [c for c in document.work(document.notes[0].citations[0].work).corrections
                   if c.rule == "possessive-author"]
    assert [(c.field, c.before, c.after) for c in corrections] == [("title", "Fraenkel’s Horace", "Horace"),
                                                                   ("author", "E.", "E. Fraenkel")]


def test_a_state_as_the_author_is_one_body_not_a_persons_name():
    """Government papers name their state as author ("Great Britain, Title, Cmd 1922"; CMOS 14.67): one body,
    as the words of ``data/institution_words.txt`` make it, not a person with the given name "Great"."""
    for state in ("Great Britain", "United States", "Republic of Leeds", "United Kingdom"):
        assert parse_name_list(state)[0] == [{"literal": state}], state


def test_the_first_author_inverted_with_a_middle_initial_then_the_others_in_full():
    """"Marsh, Peter T., Ann Lowe, and Carl Moe" (a bibliography's several authors): the first is inverted even
    though his given names run to two words, as they end on an initial, which a name in full never does; a
    scrape's initial without its period ("Peter T") too (the initials' rule dots it later)."""
    for first in ("Peter T.", "Peter T"):
        names = parse_name_list(f"Marsh, {first}, Ann B. Lowe, and Carl Moe")[0]
        assert [(name.get("family"), name.get("given")) for name in names] == [
            ("Marsh", first), ("Lowe", "Ann B."), ("Moe", "Carl")]


def test_an_initial_glued_to_the_family_name_is_set_apart():
    """"D.Roe", "A.B.Poe": a scrape or a typist glued the initial to the family name; the name is still Roe's."""
    assert parse_name_list("D.Roe")[0] == [{"family": "Roe", "given": "D."}]
    assert parse_name_list("A.B.Poe")[0] == [{"family": "Poe", "given": "A.B."}]


def test_a_family_name_alone_that_opens_with_a_capitalised_particle_is_all_family():
    """"Du Roe" alone (a short form's author, "Du Roe, Souls, 12") is one family name, as "Van Buren" is after
    "Martin"; it is no given name "Du" and a family name "Bois". A particle that is a given name too stays one."""
    assert parse_name_list("Du Roe")[0] == [{"family": "Du Roe"}]
    assert parse_name_list("Ann Du Roe")[0] == [{"family": "Du Roe", "given": "Ann"}]
    assert parse_name_list("Ben Roe")[0] == [{"family": "Roe", "given": "Ben"}]  # "Ben" is a given name too
