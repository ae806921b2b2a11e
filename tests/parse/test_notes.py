"""The note reader (haliref.parse.notes): the field labeller's reading decides where the rules were unsure."""

from __future__ import annotations

import pytest

from haliref import parse_text
from haliref.parse.notes import (
    prose_then_reference,
    read_note,
    reads_as_reference,
    reads_as_short_citation,
    reference_then_prose,
    references_in_a_row,
    references_in_prose,
)
from haliref.parse.split import split_note
from haliref.parse.tagger import default_tagger

# plain bibliography lines, written for these tests, of the shapes the splitter's rules miss
BIBLIOGRAPHY_LINE = "Marsh, Peter T. The Grain Trade of the Baltic Ports. Oxford: Clarendon Press, 1977."
INITIALS_FIRST = "J. K. Lowe. A Model of Price Formation in Markets. Journal of Economic History, 12(3), 45-67, 1988."
MANY_INITIALS = (
    "Hart, P., Lowe, J. K., Marsh, C. & Vries, J. D. Prices and wages in the northern ports. "
    "Economic History Review 1990, 43, 201–219."
)


def test_plain_bibliography_lines_are_citations_not_prose():
    tagger = default_tagger()
    for line in (BIBLIOGRAPHY_LINE, INITIALS_FIRST):
        assert reads_as_reference(line, tagger)
        citations, leftover = read_note([line], tagger)
        assert [c.body for c in citations] == [line.rstrip(";")], line
        assert leftover == ""


def test_a_full_reference_is_not_read_as_a_short_form():
    tagger = default_tagger()
    citations, _ = read_note([MANY_INITIALS], tagger)
    assert len(citations) == 1
    assert not citations[0].short_form
    assert citations[0].body == MANY_INITIALS
    assert citations[0].locator == ""


def test_real_short_forms_and_notes_keep_the_splitters_reading():
    tagger = default_tagger()
    for note in (["Marsh, Baltic Grain Trade, 45."], ["Ibid., 12."], ["See Marsh, op. cit., p. 9."],
                 ["Peter Marsh, The Baltic Grain Trade (Oxford: Clarendon Press, 1977), 14; Ibid., 20."]):
        assert read_note(note, tagger) == split_note(note)
    assert not reads_as_reference("Marsh, Baltic Grain Trade, 45.", tagger)


def test_a_cue_before_a_whole_reference_is_its_prefix():
    tagger = default_tagger()
    citations, _ = read_note([f"See also {BIBLIOGRAPHY_LINE}"], tagger)
    assert [(c.prefix, c.body) for c in citations] == [("See also", BIBLIOGRAPHY_LINE)]


def test_a_short_form_the_rules_missed_is_read_by_the_labeller_with_its_cited_page():
    """A note that is only an author-date citation or a short form of a work cited elsewhere is not prose."""
    tagger = default_tagger()
    citations, leftover = read_note(["Holl 1974, 12."], tagger)
    assert leftover == ""
    assert [(c.body, c.locator, c.short_form) for c in citations] == [("Holl 1974", "12", True)]


def test_a_compact_report_citation_keeps_its_pages_and_prose_stays_prose():
    tagger = default_tagger()
    citations, _ = read_note(["[1990] 2 AC 45."], tagger)
    assert [(c.body, c.locator) for c in citations] == [("[1990] 2 AC 45", "")]  # a law report, read by its shape
    assert citations[0].shaped is not None and citations[0].shaped.spans()[1:4] == [
        ("container-title", "A.C."), ("volume", "2"), ("pages", "45")]
    assert not reads_as_short_citation("The argument here owes much to what he said.", tagger)
    assert read_note(["The argument here owes much to what he said."], tagger)[0] == []


def test_whole_references_pasted_in_a_row_without_numbers_are_cut_apart():
    row = (f"{BIBLIOGRAPHY_LINE} Lowe, J. K. A Model of Price Formation in Markets. Journal of Economic History "
           "12 (1988): 45-67. Vries, Jan de. The Dutch Rural Economy in the Golden Age. New Haven: Yale University "
           "Press, 1974.")
    citations, leftover = read_note([row], default_tagger())
    assert [c.body for c in citations] == [
        BIBLIOGRAPHY_LINE,
        "Lowe, J. K. A Model of Price Formation in Markets. Journal of Economic History 12 (1988): 45-67.",
        "Vries, Jan de. The Dutch Rural Economy in the Golden Age. New Haven: Yale University Press, 1974.",
    ]
    assert leftover == ""


def test_one_long_reference_is_not_cut():
    assert references_in_a_row(MANY_INITIALS + " " + MANY_INITIALS[:40], default_tagger()) == []


def test_an_annotated_entrys_comment_is_prose_not_part_of_the_reference():
    tagger = default_tagger()
    comment = "A fine study of the grain trade, though its chapters on the later years are dated."
    assert reference_then_prose(f"{BIBLIOGRAPHY_LINE} {comment}", tagger) == (BIBLIOGRAPHY_LINE, comment)
    citations, leftover = read_note([f"{BIBLIOGRAPHY_LINE} {comment}"], tagger)
    assert [c.body for c in citations] == [BIBLIOGRAPHY_LINE] and leftover == comment
    # a note that goes on to discuss the work it cites: the cited page is still its locator
    work = "Ernst Holl, Die Entstehung der Stadt (Berlin: Springer, 1974)"
    citations, leftover = read_note([f"{work}, 12. Holl is wrong about the size of the town."], tagger)
    assert [(c.body, c.locator) for c in citations] == [(work, "12")]
    assert leftover == "Holl is wrong about the size of the town."


def test_a_comment_the_labeller_reads_as_a_books_name_is_still_a_comment():
    """An annotated bibliography's comment after the entry's year, which the labeller reads partly as a book's
    name and volume ("… 1982. Volume 1 gives a plain survey of …"): no place, publisher nor date after it, so
    it is the comment; pages cited after a bracketed imprint stay the reference's."""
    tagger = default_tagger()
    entry = "Lowe, Ann. The Grain Question in Leeds, 1790–1822. Leeds, UK: Quay Press, 1977."
    comment = "Volume 1 gives a plain survey of harbour cranes in the 17th century. Contains an account of a tide mill."
    assert {label for _, label, _ in tagger.label_tokens(f"{entry} {comment}")} >= {"container-title"}
    assert reference_then_prose(f"{entry} {comment}", tagger) == (entry, comment)
    quoted = "Ann Roe, quoted in Bob Poe, The Net and the Net Loft (Leeds, 1971) p. 88."
    cited = f"{quoted} Cited below as Net Loft. Roe was wrong about the harbour."
    assert (reference_then_prose(cited, tagger) or ("",))[0] != quoted.rsplit(" p.", 1)[0]


def test_a_sentence_case_title_or_a_journal_after_a_full_stop_is_not_a_comment():
    tagger = default_tagger()
    apa = ("Lowe, J. K. (1988). A model of price formation in the markets of the north. "
           "Journal of Economic History, 12(3), 45-67.")
    assert reference_then_prose(apa, tagger) is None
    assert reference_then_prose(BIBLIOGRAPHY_LINE, tagger) is None
    assert [c.body for c in read_note([apa], tagger)[0]] == [apa]


def test_the_authors_sentences_before_a_reference_are_its_prefix_with_the_cue():
    tagger = default_tagger()
    note = ("This was first argued in the early years of the century. "
            "See Marsh, The Grain Trade (Oxford: Clarendon Press, 1977), 45.")
    assert prose_then_reference(note, tagger) == (
        "This was first argued in the early years of the century.",
        "See Marsh, The Grain Trade (Oxford: Clarendon Press, 1977), 45.",
    )
    citations, leftover = read_note([note], tagger)
    assert [(c.prefix, c.body, c.locator) for c in citations] == [(
        "This was first argued in the early years of the century. See",
        "Marsh, The Grain Trade (Oxford: Clarendon Press, 1977)",
        "45",
    )]
    assert leftover == ""


def test_an_articles_page_range_after_its_date_stays_with_the_work():
    tagger = default_tagger()
    note = 'Lowe, John, "Prices in the Ports," Economic History Review 43 (1990), 201-19.'
    citations, _ = read_note([note], tagger)
    assert [c.locator for c in citations] == [""]


def test_the_authors_words_before_a_name_inside_one_sentence_are_the_prefix():
    tagger = default_tagger()
    note = ("On the grain trade of the period, the best account remains Peter Marsh, The Grain Trade of the "
            "Baltic Ports (Oxford: Clarendon Press, 1977), 201–9.")
    citations, leftover = read_note([note], tagger)
    assert [(c.prefix, c.body, c.locator) for c in citations] == [(
        "On the grain trade of the period, the best account remains",
        "Peter Marsh, The Grain Trade of the Baltic Ports (Oxford: Clarendon Press, 1977)",
        "201–9",
    )]
    assert leftover == ""


@pytest.mark.parametrize(
    ("note", "prefix"),
    [
        # a short sentence's words: three words are enough when the name follows them
        ("The standard work is Ann Roe, A History of Leeds (London: Faber, 1990).", "The standard work is"),
        # the name starts after the last lower-case word, never inside the name ("… by Ann | Roe")
        ("A useful survey is provided by Ann Roe, A History of Leeds (London: Faber, 1990).",
         "A useful survey is provided by"),
    ],
)
def test_the_authors_words_before_a_name_end_where_the_name_starts(note, prefix):
    citations, leftover = read_note([note], default_tagger())
    body = "Ann Roe, A History of Leeds (London: Faber, 1990)"
    assert [(c.prefix, c.body.rstrip(".")) for c in citations] == [(prefix, body)]
    assert leftover == ""


def test_a_citation_in_the_prose_around_a_reference_is_kept():
    tagger = default_tagger()
    note = ("Ibid., 45. In his memoir he wrote at length about the early years of the trade. "
            "See Marsh, The Grain Trade (Oxford: Clarendon Press, 1977), 45.")
    citations, _ = read_note([note], tagger)
    assert [c.ibid for c in citations] == [True, False]


def test_works_named_in_the_sentences_of_a_bibliographic_essay_are_each_a_citation():
    tagger = default_tagger()
    essay = (
        "Short works on the whole period include Peter Marsh, The Grain Trade of the Baltic Ports (Oxford, 1977) "
        "and Anna Lind, Der Markt und die Stadt (Wien, 1923). Somewhat longer surveys include Ernst Holl, "
        "Die Entstehung der Stadt (Berlin, 1974), 12, which is still the standard account."
    )
    citations, rest = read_note([essay], tagger)
    assert [(c.prefix, c.body, c.locator) for c in citations] == [
        ("Short works on the whole period include",
         "Peter Marsh, The Grain Trade of the Baltic Ports (Oxford, 1977)", ""),
        ("and", "Anna Lind, Der Markt und die Stadt (Wien, 1923)", ""),
        ("Somewhat longer surveys include", "Ernst Holl, Die Entstehung der Stadt (Berlin, 1974)", "12"),
    ]
    assert rest == "which is still the standard account"


def test_two_references_the_rules_already_cut_are_not_read_again():
    tagger = default_tagger()
    note = "Marsh, The Grain Trade (Oxford, 1977), 45; Holl, Die Entstehung der Stadt (Berlin, 1974), 12."
    assert [(c.body, c.locator) for c in read_note([note], tagger)[0]] == [
        ("Marsh, The Grain Trade (Oxford, 1977)", "45"), ("Holl, Die Entstehung der Stadt (Berlin, 1974)", "12"),
    ]


def test_a_short_forms_surname_is_its_author_not_a_prefix():
    """"Holl, Grain Trade, p. 212": the rules read "Holl, Grain" as an inverted name and cut there; the labeller
    reads the surname as the author."""
    tagger = default_tagger()
    citations, _ = read_note(["Holl, Grain Trade, p. 212; Marsh and Lind, ‘Prices, Wages and Rents’, p. 9."], tagger)
    assert [(c.prefix, c.body) for c in citations] == [
        ("", "Holl, Grain Trade"), ("", "Marsh and Lind, ‘Prices, Wages and Rents’"),
    ]
    citations, _ = read_note(["See, for example, Holl, Grain Trade, p. 212."], tagger)
    assert [(c.prefix, c.body) for c in citations] == [("See, for example,", "Holl, Grain Trade")]
    citations, _ = read_note(["Cf. Holl, Grain Trade, p. 212."], tagger)
    assert citations[0].prefix.startswith("Cf.")  # a cue the labeller reads as a name stays a cue


def test_an_entrys_inverted_name_the_rules_do_not_know_is_its_author_not_a_prefix():
    """"Pollard, Brannoc. “Title.” Journal …": no gazetteer knows the given name, so the rules cut at the quoted
    title; the labeller reads the name before it as the author. A cue alone before a name stays a cue."""
    tagger = default_tagger()
    citations, _ = read_note(["Pollard, Brannoc. “Marsh Drainage.” Fenland Studies 12 (1990): 161–73."], tagger)
    assert [(c.prefix, c.body) for c in citations] == [
        ("", "Pollard, Brannoc. “Marsh Drainage.” Fenland Studies 12 (1990): 161–73"),
    ]
    citations, _ = read_note(["Cf. Pollard, Brannoc. “Marsh Drainage.” Fenland Studies 12 (1990): 161–73."], tagger)
    assert citations[0].prefix == "Cf."


def test_an_entry_opening_with_its_authors_in_full_is_no_short_form():
    """"Teodric Wollam, Ikaru Tasaki, and Brannoc Ide. Title. Technical report, 2013.": no imprint the rules
    know, but a short form names one author or two by their surnames; the labeller reads the names and a
    title."""
    document = parse_text("Teodric Wollam, Ikaru Tasaki, and Brannoc Ide. Sparse lattice sieving for planar graphs."
                          " Technical report, 2013.\n")
    work = document.works[0].csl
    assert document.notes[0].citations[0].short_form is False
    assert [a["family"] for a in work["author"]] == ["Wollam", "Tasaki", "Ide"]
    assert (work["title"], work["genre"], work["type"]) == (
        "Sparse lattice sieving for planar graphs", "Technical report", "report")


def test_one_reference_cut_at_a_sentence_end_before_its_own_imprint_is_one_citation():
    """The rules cut after "(in Russian)." and after "No. 238."; each tail reads as a reference alone, but read in
    the whole line it holds no name nor title, only the journal's or the publisher's imprint of the title before."""
    document = parse_text(
        "Tarvek, A. B., On Craters of the North (in Russian). Zemlya i Nebo, v. 5, pp. 31-36. 1971.\n"
        "Tarvek, Alan R. Analytic Methods in Drainage. Fenland Institute Long-Range Planning Report No. 238. Menlo"
        " Park, California: Fenland Institute, 1965.\n")
    assert [len(note.citations) for note in document.notes] == [1, 1]
    article, report = (document.work(note.citations[0].work).csl for note in document.notes)
    assert (article["title"], article["container-title"], article["page"]) == (
        "On Craters of the North (in Russian)", "Zemlya i Nebo", "31–36")
    assert (report["title"], report["publisher-place"], report["publisher"]) == (
        "Analytic Methods in Drainage", "Menlo Park, California", "Fenland Institute")


def test_a_second_work_after_a_sentence_end_stays_its_own_citation():
    """"…, April 5, 1947. Also Roe, Life, 441.": a short form with its page after the first work is a citation,
    "Also" its cue (data/citation_cues.txt)."""
    document = parse_text("1. Ann Tarvek, “Speaking Plainly,” The Fenland Post, April 5, 1947. Also Roe, Life, 441.\n")
    assert [(c.prefix, c.locator) for c in document.notes[0].citations] == [("", ""), ("Also", "441")]


def test_short_forms_without_pages_in_a_notes_list_of_citations_are_citations():
    """A note listing its citations between semicolons: "Tarvek and Poe, The Changing South of Ann Marsh;" has
    no date nor pages, but the labeller reads an author and a title, a citation like the others; names alone
    between semicolons ("Yoon, Y. G.; Ihm, J.;") stay one reference's authors."""
    document = parse_text("15. New York Times, January 6, 1962; Tarvek and Poe, The Changing South of Ann Marsh;"
                          " Lindqvist, Restructured Resistance; Holl, Grain Trade, 141–46; Vries, Bearing the Cross,"
                          " 190–98.\n")
    citations = document.notes[0].citations
    assert [(c.prefix, c.locator) for c in citations] == [("", ""), ("", ""), ("", ""), ("", "141–46"), ("", "190–98")]
    assert [document.work(c.work).csl.get("title") for c in citations[1:3]] == [
        "The Changing South of Ann Marsh", "Restructured Resistance"]
    document = parse_text("Yoon, Y. G.; Marsh, M. S. C.; Choi, H. J.; Ihm, J.; Lind, S. G., Crossed carbon junctions."
                          " Physical Review Letters 2001, 86, (4), 688-691.\n")
    assert len(document.notes[0].citations) == 1


def test_a_reference_in_the_sciences_short_style_is_one_citation_and_keeps_its_first_page():
    """No title: names, an abbreviated journal, year, volume and first page ("Nano Lett. 2010, 10, 1082")."""
    document = parse_text("1. A. Lindqvist, P. Osei, Appl. Opt. Lett. 2011, 14, 2207.\n2. Ibid.\n")
    citation = document.notes[0].citations[0]
    assert (citation.short_form, citation.locator) == (False, "")
    work = document.works[0].csl
    assert work["type"] == "article-journal"
    assert [a["family"] for a in work["author"]] == ["Lindqvist", "Osei"]
    assert (work["volume"], work["page"], work["issued"]) == ("14", "2207", {"date-parts": [[2011]]})


def test_the_same_authors_next_article_after_and_is_a_citation_of_its_own():
    """After the first article's pages, "and" and a quoted title: the author's next work, with the author's
    initials whole ("A. B.", not "A.": a name closed by a comma, not a full stop)."""
    note = ("Marsh, A. B., ‘Harbour men of the north: an Elizabethan port, 1571–1590’, Harbour Journal, XI "
            "(1977), 21–39  and ‘The management of the northern ports: the council’s “men”’, Port History, IV "
            "(1981), 13–30.")
    citations, _ = read_note([note], default_tagger())
    assert [(c.prefix, c.author_hint) for c in citations] == [("", ""), ("and", "Marsh, A. B.")]
    assert citations[0].body.endswith("XI (1977), 21–39")
    assert citations[1].body.startswith("Marsh, A. B., ‘The management")


def test_a_whole_reference_after_the_authors_words_and_a_cue_is_one_citation_with_them_as_its_prefix():
    """"Ann Lowe in particular has studied this; see Lowe A.B. Title … 1968 PhD dissertation": a name and "in" then
    lower-case words open no citation, and the reference after the cue, which the rules took for a short form (no
    imprint they know), is read whole with the author's words as its prefix."""
    note = ("Ann Lowe in particular has long studied this gap; see Lowe A.B. Harbours and Harbour Trusts in "
            "Northern Leeds, 1790–1840 University of Leeds 1968 PhD dissertation.")
    (citation,), leftover = read_note([note], default_tagger())
    assert citation.prefix == "Ann Lowe in particular has long studied this gap; see" and not citation.short_form
    assert citation.body.startswith("Lowe A.B. Harbours") and not leftover


def test_two_short_forms_each_with_its_pages_are_two_citations():
    """The labeller may read "Poe, Ports" as the first one's publisher and place; two cited pages say otherwise."""
    citations, _ = read_note(["Tarrow, Common harbours, p. 81; MacVane, Norfolk, pp. 212–29."], default_tagger())
    assert [(c.body, c.locator) for c in citations] == [("Tarrow, Common harbours", "p. 81"),
                                                      ("MacVane, Norfolk", "pp. 212–29")]


def test_one_reference_the_rules_cut_at_its_imprint_is_read_whole():
    """A chapter in Chicago bibliography style: the rules cut after the chapter's pages, before "New York:",
    and neither piece is a reference; the labeller reads the whole line as one."""
    tagger = default_tagger()
    for line in (
        "Marsh, Peter. “Prices, Wages, and Rents.” In The Northern Ports: Trade and Towns, edited by J. Karl Lowe "
        "and Anna Vries, 106–26. New York: Oxford University Press, 2001.",
        "Vries, Anna. “Rents and Tenants in the Port Towns.” In The Oxford Handbook of Baltic Trade, edited by "
        "Karl Lowe, 45–67. Oxford: Oxford University Press, 2012.",
    ):
        assert len(split_note([line])[0]) == 2, line  # the rules' reading, which the labeller overrules
        citations, leftover = read_note([line], tagger)
        assert [(c.prefix, c.body, c.locator) for c in citations] == [("", line, "")]
        assert leftover == ""


def test_two_citations_with_a_cue_or_the_authors_words_between_them_stay_two():
    tagger = default_tagger()
    for note in (
        "Marsh, Grain Trade, 45; see also Ernst Holl, Entstehung der Stadt (Berlin, 1974), 12.",
        "Marsh, Grain Trade, 45; Lowe, “Prices and Wages,” 12.",
        "Peter Marsh, The Grain Trade (Oxford, 1977); Lowe, “Prices and Wages,” 12.",
    ):
        assert len(read_note([note], tagger)[0]) == 2, note


def test_a_reference_naming_its_author_in_full_is_no_short_form():
    """"Roe, J. K., “Title,” 1990": no imprint the rules know, but a short form never gives the given names:
    the labeller reads it (the fixed short-form shape took "J. K., “Title,” 1990" for the title)."""
    tagger = default_tagger()
    for line, author in (("Roe, J. K., “Tides of the Northern Coast,” 1990.", {"family": "Roe", "given": "J. K."}),
                         ("J. K. Roe, “Tides of the Northern Coast,” 1990.", {"family": "Roe", "given": "J. K."})):
        citations, _ = read_note([line], tagger)
        assert [c.short_form for c in citations] == [False], line
        work = parse_text(line + "\n").works[0].csl
        assert work["author"] == [author] and work["title"] == "Tides of the Northern Coast", line
        assert work["issued"] == {"date-parts": [[1990]]}
    short = "Roe, Tides of the Northern Coast, 45."
    assert [c.short_form for c in read_note([short], tagger)[0]] == [True]


def test_a_short_form_with_initials_stays_a_short_form():
    """Some styles' short forms give the initials, and say they are short forms ("…, cit., p. 4", "…, op. cit.")."""
    tagger = default_tagger()
    for note in ("J. K. Roe, Tides of the Northern Coast, cit., p. 45.", "J. K. Roe, Tides of the Coast, op. cit."):
        assert [c.short_form for c in read_note([note], tagger)[0]] == [True], note
    chapter = "Ann Roe, ‘Tides of the North’, in Poe (ed.), Northern Seas, pp. 57–81."
    assert [c.short_form for c in read_note([chapter], tagger)[0]] == [False]


def test_an_entry_opening_with_the_same_author_rule_is_no_short_form():
    """"———. “Title.” Collection, 45–67.": only a bibliography's entries open with the rule; the labeller reads it."""
    tagger = default_tagger()
    entry = "———. “The Tide at Dusk.” Collected Sea Stories, 45–67."
    citations, _ = read_note([entry], tagger)
    assert [c.short_form for c in citations] == [False]
    work = parse_text(entry + "\n").works[0].csl
    assert work["title"] == "The Tide at Dusk" and work["container-title"] == "Collected Sea Stories"


def test_a_dated_newspaper_listed_before_another_citation_is_a_citation_not_its_prefix():
    """A note lists its sources with semicolons; a newspaper and its date is one of them, though it has no
    author, title or imprint (the rules took it for the author's words before the next one, until dated sources
    were read by their shape)."""
    tagger = default_tagger()
    note = "The Times, 12 March 1939; Daily Telegraph, 14 March 1939, p. 5; Marsh, Grain Trade, 45."
    assert split_note([note])[0][0].body == "The Times, 12 March 1939"  # read by its shape (parse/dated.py)
    citations, leftover = read_note([note], tagger)
    assert [(c.prefix, c.body, c.locator) for c in citations] == [
        ("", "The Times, 12 March 1939", ""), ("", "Daily Telegraph, 14 March 1939", "p. 5"),
        ("", "Marsh, Grain Trade", "45"),
    ]
    assert leftover == ""


def test_names_or_a_title_before_a_semicolon_inside_one_reference_are_not_cut_off():
    tagger = default_tagger()
    for line in (
        "Lowe, J. K.; Vries, A. D.; Marsh, P., Price formation in the northern ports. Economic History Review "
        "1990, 43, (2), 201-219.",
        "Marsh, Peter and Anna Vries. Ports: Grain, Timber, Wine; Trade in the North. Oxford: Clarendon, 1977.",
    ):
        citations, _ = read_note([line], tagger)
        assert len(citations) == 1, line
        assert line.startswith(citations[0].prefix + citations[0].body[:10].rstrip()), line


def test_a_book_with_a_comma_imprint_is_a_full_citation_with_its_cited_page():
    """"Publisher, City, Year" (Spanish and Italian notes): a known place and a year between commas end the
    imprint, so the rules read a book's full reference ending on its year, and the page after it is the cited
    one."""
    tagger = default_tagger()
    note = ("A. ROE, Mi vida en la ciudad, Altamar, Barcelona, 1977, p. 199; "
            "B. LEE, Otro libro, Planeta, Madrid, 1980, p. 23.")
    assert not any(c.short_form for c in split_note([note])[0])  # the rules' reading
    citations, _ = read_note([note], tagger)
    assert [(c.body, c.locator, c.short_form) for c in citations] == [
        ("A. ROE, Mi vida en la ciudad, Altamar, Barcelona, 1977", "p. 199", False),
        ("B. LEE, Otro libro, Planeta, Madrid, 1980", "p. 23", False),
    ]
    document = parse_text(f"1. {note}\n")
    assert [(w.csl["publisher-place"], w.csl["issued"]) for w in document.works] == [
        ("Barcelona", {"date-parts": [[1977]]}), ("Madrid", {"date-parts": [[1980]]})]
    assert document.works[1].csl["publisher"] == "Planeta"


def test_a_pointer_to_another_place_in_the_book_is_no_citation():
    """"Supra, p. 131." points to a page of the same book (words in ``data/cross_references.txt``): the note
    cites no work, and its words are kept as the note's prose."""
    tagger = default_tagger()
    for note in ("Supra, p. 131.", "See above, p. 12.", "Voir ci-dessus, p. 4."):
        citations, leftover = read_note([note], tagger)
        assert citations == [], note
        assert leftover.rstrip(".") == note.rstrip("."), note
    citations, leftover = read_note(["Supra, p. 131; Marsh, Grain Trade, 45."], tagger)
    assert [(c.body, c.locator) for c in citations] == [("Marsh, Grain Trade", "45")]
    assert "Supra" in leftover or "Supra" in citations[0].prefix


def test_articles_the_rules_took_for_short_forms_among_a_notes_citations_are_full():
    """French notes quote titles in « » and give "Revue, n° 35, 1977, p. 506-520": no imprint the rules know,
    so they read short forms whose locator is the article's range. Among a note's citations, where the labeller
    reads an article's full reference, it is one: its range is its own, a page after it the cited one."""
    tagger = default_tagger()
    note = ("Karl Lowe, « Micro-analisi e storia del porto », Quaderni del porto, n 35, 1977, p. 506-520, p. 512 ; "
            "voir aussi Anna Vries, « On Harbours », Rivista del mare, n° 53, 2003, p. 113-138.")
    assert all(c.short_form for c in split_note([note])[0])  # the rules' reading
    citations, _ = read_note([note], tagger)
    assert [(c.short_form, c.locator, c.body[-12:]) for c in citations] == [
        (False, "p. 512", ", p. 506-520"), (False, "", ", p. 113-138")]
    assert citations[1].prefix == "voir aussi"


def test_a_short_form_after_the_authors_words_and_a_cue_is_a_citation():
    """"His diary entry for 17 June 1936, quoted in Feiling, Chamberlain, p. 296.": the rules look for a short
    form at a note's start only; after the author's words and a cue it is the note's citation, the words its
    prefix. Prose with no short form after its cue stays prose."""
    tagger = default_tagger()
    note = "His letter of 17 June 1936, quoted in Lowe, Harbours, p. 296."
    assert [(c.prefix, c.body) for c in split_note([note])[0]] == [
        ("His letter of 17 June 1936, quoted in", "Lowe, Harbours")]  # the rules read it too now
    citations, leftover = read_note([note], tagger)
    assert [(c.prefix, c.body, c.locator) for c in citations] == [
        ("His letter of 17 June 1936, quoted in", "Lowe, Harbours", "p. 296")]
    assert leftover == ""
    assert read_note(["The point is disputed, see below."], tagger)[0] == []


def test_a_bibliography_entry_opening_with_a_closed_inverted_name_is_read_though_its_imprint_is_thin():
    """"Family, Given. Title. Place, Year. [remark]": the labeller may take the place into the title, leaving one
    imprint field; the name closed by a full stop says it is an entry, not prose."""
    entry = ("Lowe, Karl. Modern Baltic Trade Policy : The Twentieth Century, 1880-1939. Londres, 1978. "
             "[Ouvrage classique].")
    (citation,), leftover = read_note([entry], default_tagger())
    assert citation.body.startswith("Lowe, Karl. Modern Baltic Trade Policy") and not leftover
    assert read_note(["Lowe argued in 1978 that the ports had declined."], default_tagger())[0] == []


def test_a_short_form_after_a_cue_in_the_words_after_a_citation_is_a_citation():
    (first, second), leftover = read_note(["Marsh, The Grain Trade, i. pp. 1–57. The phrase is cited in Lowe, The "
                                           "Northern Ports, p. 346."], default_tagger())
    assert (first.body, first.locator, first.suffix) == ("Marsh, The Grain Trade", "i. pp. 1–57", "")
    assert (second.prefix, second.body, second.locator) == ("The phrase is cited in", "Lowe, The Northern Ports",
                                                            "p. 346")
    assert not leftover


def test_a_chapter_cited_with_its_edited_book_is_no_short_form_and_its_range_is_its_own():
    (cited,), _ = read_note(["Marie Lowe, ‘Les péages du port’, in Roe (ed.), Les ports du Nord, p. 33."],
                            default_tagger())
    assert not cited.short_form and cited.locator == "p. 33"
    (ranged,), _ = read_note(["Marie Lowe, ‘Les péages du port’, in Roe (ed.), Les ports du Nord, pp. 93-113."],
                             default_tagger())
    assert not ranged.short_form and ranged.locator == "" and ranged.body.endswith("pp. 93-113")
    document = parse_text("14. Marie Lowe, ‘Les péages du port’, in Roe (ed.), Les ports du Nord, p. 33.\n")
    csl = document.works[0].csl
    assert (csl["type"], csl["title"], csl["container-title"]) == ("chapter", "Les péages du port", "Les ports du Nord")


def test_a_list_of_names_alone_cites_nothing():
    names = "Russell Lowe, Michael Dobbs, Keith Fell, R.V. Warde, Leonard Pepys, Helene Sol"
    assert read_note([names], default_tagger()) == ([], names)
    assert read_note(["Roe, Poe and Marsh, The Harbour, p. 4."], default_tagger())[0]


def test_a_cue_a_comma_and_an_aside_before_the_author_are_the_prefix():
    tagger = default_tagger()
    for note, prefix in (
        ("See, on the use of this oxymoron, the remarks of Carlo Ginzburg, The Judge and the Historian "
         "(London: Verso, 1999), 12.", "See, on the use of this oxymoron, the remarks of"),
        ("Cf., for a different view, Ann Roe, Life and Times (London: Faber, 1990), 5.",
         "Cf., for a different view,"),
    ):
        citations, _ = read_note([note], tagger)
        assert [(c.prefix, c.body.split(",")[0], c.locator) for c in citations] == [
            (prefix, note[len(prefix) :].split(",")[0].strip(), note.rstrip(".").rsplit(" ", 1)[1])]


def test_the_authors_words_after_a_bracketed_imprint_are_the_suffix_not_the_title():
    tagger = default_tagger()
    citations, _ = read_note(["This argument was first made by Hal Koe, Empire and Commerce (Boston: Little, Brown, "
                              "1962), and has since been widely accepted."], tagger)
    assert [(c.prefix, c.body, c.suffix) for c in citations] == [
        ("This argument was first made by", "Hal Koe, Empire and Commerce (Boston: Little, Brown, 1962)",
         "and has since been widely accepted")]
    citations, _ = read_note(["Edward Said, Orientalism (London, 1978), followed by Culture and Imperialism "
                              "(London, 1993)."], tagger)
    assert all("followed by" not in c.suffix for c in citations)


def test_a_second_work_after_a_comma_that_opens_with_its_title_is_by_the_same_author():
    tagger = default_tagger()
    citations, _ = read_note(["See, among other works, Greenblatt, Stephen, Hamlet in Purgatory (Princeton, NJ, 2001), "
                              "Will in the World: How Shakespeare Became Shakespeare (New York, 2003); Wilson, "
                              "Richard, Secret Shakespeare (Manchester, 2004)."], tagger)
    assert [(c.prefix, c.body.split(" (")[0], c.author_hint) for c in citations] == [
        ("See, among other works,", "Greenblatt, Stephen, Hamlet in Purgatory", ""),
        ("", "Greenblatt, Stephen, Will in the World: How Shakespeare Became Shakespeare", "Greenblatt, Stephen"),
        ("", "Wilson, Richard, Secret Shakespeare", "")]
    citations, _ = read_note(["Ann Roe, The Age of Reform (London, 1990), 45, and The Age of Revolution (London, "
                              "1995), 12."], tagger)
    assert [(c.prefix, c.locator, c.author_hint) for c in citations] == [("", "45", ""), ("and", "12", "Ann Roe")]
    document = parse_text("2. Ann Roe, The Age of Reform (London, 1990), 45, and The Age of Revolution (London, 1995), "
                          "12.\n")
    second = document.work(document.notes[0].citations[1].work)
    assert second.csl["author"] == [{"family": "Roe", "given": "Ann"}]
    assert "author-from-prose" in [c.rule for c in second.corrections]


@pytest.mark.parametrize(("note", "read"), [
    # British notes cite a book by author, title and bracketed year; "and" and a quoted chapter after it
    ("Ann Roe, Women in the Harbour Towns (1980), and ‘Labour and the Ports’, in K. D. Brown (ed.), The First Labour "
     "Party 1906-14 (1985).",
     [("", "Ann Roe, Women in the Harbour Towns", ""), ("and", "Ann Roe, ‘Labour and the Ports’, in K. D. Brown",
                                                         "Ann Roe")]),
    # a cue's words reach past the cue's own length ("See, for example,"); the family name the labeller reads
    # before the first title is the second work's author too
    ("See, for example, Parmley, Grain: How Ports Fed the North (London: Lane, 2003) and Tides: The Rise of the "
     "Harbour (New York: Penguin, 2005).",
     [("See, for example,", "Parmley, Grain: How Ports Fed the North", ""),
      ("and", "Parmley, Tides: The Rise of the Harbour", "Parmley")]),
])
def test_a_work_after_and_that_follows_a_named_authors_work_is_a_second_citation_by_that_author(note, read):
    citations, _ = read_note([note], default_tagger())
    assert [(c.prefix, c.body.split(" (")[0], c.author_hint) for c in citations] == read


def test_a_bracketed_year_inside_a_title_or_words_after_the_work_make_no_second_citation():
    (one,), _ = read_note(["Ann Roe, The Constitutions of the Ports (1723), reprinted by Bob Poe (1734; repr., "
                           "Leeds: Moorland, 1971), 54."], default_tagger())
    assert one.body.startswith("Ann Roe, The Constitutions of the Ports (1723), reprinted")


def test_and_before_a_quoted_title_opens_the_citation():
    (citation,), _ = split_note(["and ‘Grain and Trade’, in K. D. Brown (ed.), The First Party (London, 1985)."])
    assert (citation.prefix, citation.body[:20]) == ("and", "‘Grain and Trade’, i")


def test_authors_after_a_titles_colon_are_the_titles_not_a_second_citation():
    cites, _ = split_note(["Probabilistic surface reconstruction: An example for the Australian Moho: Bodin, T., "
                           "Salmon, M., Kennett, B. L. N., Sambridge, M., 2012. J. Geophys. Res., 117, B10307."])
    assert all(not c.body.startswith(("Bodin", "Salmon")) for c in cites)


def test_a_quoted_titles_author_named_in_the_words_just_before_in_is_its_author():
    tagger = default_tagger()
    note = "Consider the gloomy outlook of Ann Roe in “Grain and Empire,” Past and Present 7 (1983): 116–43."
    (citation,), _ = read_note([note], tagger)
    assert (citation.author_hint, citation.prefix) == ("Ann Roe", "Consider the gloomy outlook of Ann Roe in")
    assert citation.body.startswith("Ann Roe, “Grain and Empire,”")
    (plain,), _ = read_note(["This is argued in “Grain and Empire,” Past and Present 7 (1983): 116–43."], tagger)
    assert plain.author_hint == ""  # no name before "in": no author


def test_a_family_name_before_a_quoted_short_title_is_its_author_not_the_notes_words():
    """The labeller reads the whole sentence as a title; the name after the note's lower-case words is the
    short form's author, and the words before it stay the prefix."""
    tagger = default_tagger()
    citations, _ = read_note(["Early historiographical landmarks include Parmley, ‘Harbour Wives’; Strand, Harbour "
                              "Women. For an appraisal of the literature, see Brindle, ‘Beyond the Harbour’."], tagger)
    assert (citations[0].prefix, citations[0].body) == ("Early historiographical landmarks include",
                                                        "Parmley, ‘Harbour Wives’")
    assert citations[-1].body == "Brindle, ‘Beyond the Harbour’"
    assert citations[-1].prefix.endswith("For an appraisal of the literature, see")
    # a capitalised word after a capitalised one stays where it was: no lower-case word before it
    (quoted,), _ = read_note(["As Printed In London, ‘Harbour Wives’."], tagger)
    assert not quoted.body.startswith("London")


def test_a_book_by_its_title_alone_after_a_semicolon_is_by_the_author_named_before_it():
    tagger = default_tagger()
    citations, _ = read_note(["Ann Roe, Harbour Lives (London, 1931); Grain and Empire (Leeds, 1938); "
                              "‘Obituary: Bob Poe’, The Times, 14 Nov. 1996."], tagger)
    assert [c.author_hint for c in citations] == ["", "Ann Roe", ""]  # an unsigned article is no one's
    assert citations[1].body == "Ann Roe, Grain and Empire (Leeds, 1938)"
    (alone,), _ = read_note(["Grain and Empire (Leeds, 1938)."], tagger)
    assert alone.author_hint == ""


def test_a_page_cited_in_brackets_after_the_works_own_pages_is_the_locator():
    """Taylor & Francis print a note's reference without its punctuation, the page cited in brackets after the
    article's own pages: "See Roe R. History of Leeds Harbour Review 1982 73 337 342 (p. 341)."."""
    document = parse_text("1. See Roe R. History of Science in Leeds Isis 1982 73 337 342 (p. 341).\n")
    citation = document.notes[0].citations[0]
    assert (citation.prefix, citation.locator) == ("See", "p. 341")
    assert citation.text.endswith("1982 73 337 342")


def test_one_page_after_an_articles_issue_is_the_page_cited():
    """"…, Vol. 41, No. 162, p. 208.": a single page with its word after an article's issue, where no bracketed
    imprint closes the reference, is the note's locator; an article's own range stays the work's."""
    document = parse_text("3 Roe, Ann, ‘The Tolls of the Docks’, in Harbour History Review, Vol. 16, No. 67, p. 637.\n"
                          "4 Poe, Bob, ‘Quays and Cranes’, in Harbour History Review, Vol. 17, No. 70, pp. 12–30.\n")
    first, second = (note.citations[0] for note in document.notes)
    assert first.locator == "637" and "page" not in document.work(first.work).csl
    assert second.locator == "" and document.work(second.work).csl["page"] == "12–30"


def test_a_dated_reference_without_pages_after_another_is_read_whole():
    """"…(1975); Poe, J., ‘Quais et marchés’, Annales des Ports, 1981 no. 2.": a reference after another in the note,
    longer than a short form and dated, with no page cited, is a full reference (its journal and date read), not a
    short form whose title runs on to the end."""
    document = parse_text("2 For example, Roe, B. B., ‘The dock market’, Harbour Review XII, 1 (1975); "
                          "Poe, J., ‘Quais, pouvoir et marché’, Annales des Ports, 1981 no. 2.\n")
    second = document.work(document.notes[0].citations[1].work).csl
    assert (second["type"], second["title"], second["container-title"]) == (
        "article-journal", "Quais, pouvoir et marché", "Annales des Ports")
    assert second["author"] == [{"family": "Poe", "given": "J."}]


def test_a_sentence_about_a_named_person_is_no_citation():
    """"Ann Roe, a retired harbour master, is a historian …" (a page's "About the Author"): a name, then a sentence
    about them, is the page's prose; a name, a comma and a title stay a citation."""
    document = parse_text("Ann Lowe, a retired harbour master, is a historian, lecturer, and author of many books on "
                          "harbours.\n\nMoss, Bob. Grain Ships. Leeds: Tide Press, 1975.\n")
    assert [document.work(c.work).csl["title"] for n in document.notes for c in n.citations] == ["Grain Ships"]
    assert any(d.line == 1 for d in document.dropped)
    kept = parse_text("1. Ann Lowe, The Harbour and the Town, 12.\n")
    assert [c.text for c in kept.notes[0].citations] == ["Ann Lowe, The Harbour and the Town"]


def test_a_cue_after_a_clause_closed_by_its_comma_opens_the_reference():
    """"Sur le Japon, voir A. Roe, …": the author's clause, its comma, a lower-case cue, then a reference the
    labeller reads whole: the clause and the cue are the prefix, the work is the reference after them."""
    document = parse_text("1. Sur le Japon, voir A. Roe, Les quais de la mer, Paris, Poe et fils, 1981.\n")
    citation = document.notes[0].citations[0]
    assert citation.prefix == "Sur le Japon, voir"
    work = document.work(citation.work).csl
    assert work["author"][0]["family"] == "Roe" and work["title"].startswith("Les quais de la mer")


def test_a_note_of_pages_alone_points_into_the_work_discussed():
    """"P. 45.", "Pp. 84–5: ‘…’": a review's note of pages, or of pages and the words quoted from them, cites no
    work; pages after a work's title still are its locator."""
    document = parse_text("1 Roe, Ann, The Harbour Towns (London, 1971).\n2 P. 45.\n"
                          "3 Pp. 84–5: ‘It was a long and hard winter for every one of the fishermen who stayed.’\n"
                          "4 P. 31, n. 2: ‘The harbour was never dredged again after the great storm.’\n"
                          "5 Roe, Harbour Towns, p. 45.\n")
    assert [len(note.citations) for note in document.notes] == [1, 0, 0, 0, 1]
    assert document.notes[3].text.startswith("P. 31, n. 2:")
    assert document.notes[4].citations[0].locator == "p. 45"


def test_an_ibid_in_brackets_after_a_quotation_may_cite_a_prefaces_page():
    """"‘…’ (ibid., p. xiv)": the quotation is the prefix, the ibid. cites the work above at a page in roman
    numerals, as it does at a page in figures."""
    document = parse_text("1 Roe, Ann, The Harbour Towns (London, 1971).\n"
                          "2 ‘The harbour was never dredged again’ (ibid., p. xiv).\n")
    citation = document.notes[1].citations[0]
    assert (citation.work, citation.locator) == (document.notes[0].citations[0].work, "p. xiv")
    assert citation.prefix == "‘The harbour was never dredged again’"
    assert len(document.works) == 1


def test_a_family_name_cut_off_before_its_initial_without_a_period_stays_the_first_authors():
    """"Marsh, Peter T, Ann Lowe, and …": an initial without its period looked to the rules like the end of a
    name, and they cut after "Marsh,"; the labeller reads the whole list as names, so the first author is
    Marsh, and nothing of it is the note's prefix. A cue before a name stays the prefix."""
    document = parse_text("Marsh, Peter T, Ann B. Lowe, and Carl Moe, Quays of the North, 2nd edn "
                          "(Tide Press, 1996)\n\nCf. Bob Poe, Quays and Cranes (Leeds, 1985).\n")
    first, second = (note.citations[0] for note in document.notes)
    assert first.prefix == "" and document.work(first.work).csl["author"][0]["family"] == "Marsh"
    assert second.prefix == "Cf." and document.work(second.work).csl["author"][0]["family"] == "Poe"


def test_a_capitalised_book_or_part_is_a_short_forms_locator_before_the_next_work():
    """"Roe, Harbours, Book IV; D. Moe, …": "Book IV" (as "book III", "Part 2") is where the short form
    points, and the semicolon after it opens the next work."""
    citations, _ = split_note(["Roe, Harbours, Book IV; D. Moe, La ville des ports (Paris, 1937)."])
    assert [(c.body, c.locator) for c in citations] == [
        ("Roe, Harbours", "Book IV"), ("D. Moe, La ville des ports (Paris, 1937)", "")]


def test_a_reference_whose_names_run_into_its_title_without_a_comma_is_one():
    """"F. W. Roe The Tolls of the Quays, Harbour Review, vol. 3, page 12-29 (May 1879).": no comma closes the
    names, so the rules cut before the journal; the labeller reads names, title, journal, volume, pages and date,
    so the whole line is the reference and nothing of it the note author's words."""
    document = parse_text("F. W. Roe The Tolls of the Quays, Harbour Review, vol. 3, page 12-29 (May 1879).\n\n"
                          "Description: A study of the harbour's tolls.\n\n"
                          "B. C. Poe The Cranes of the Docks, Harbour Review, vol. 2, page 7-19 (May 1886).\n")
    works = [document.work(c.work).csl for n in document.notes for c in n.citations]
    assert [(w["author"][0]["family"], w["title"], w["container-title"]) for w in works] == [
        ("Roe", "The Tolls of the Quays", "Harbour Review"), ("Poe", "The Cranes of the Docks", "Harbour Review")]
    assert all(not c.prefix for n in document.notes for c in n.citations)


def test_a_short_form_closed_inside_its_quotation_marks_ends_before_the_authors_next_sentence():
    """"Roe, "Harbour Governors." For more on the trade, see Bob Poe, …": the period inside the closing quotation
    mark ends the short form, and the next sentence (the author's words, then a cue) opens the next citation; a
    quoted title's own period before its journal or its book ("“The Docks.” Harbour Review 5", "“The Docks.” In
    Harbours of the North") ends nothing."""
    citations, _ = read_note(['Roe, "Harbour Governors." On the harbour trade at large, see Bob Poe, The Docks of '
                              "the South (Leeds: Tide Press, 1967), 224."], default_tagger())
    assert [(c.prefix, c.body) for c in citations] == [
        ("", 'Roe, "Harbour Governors."'),
        ("On the harbour trade at large, see", "Bob Poe, The Docks of the South (Leeds: Tide Press, 1967)")]
    for whole in ("Ann Roe, “The Docks.” Harbour Review 5 (1990): 3-19.",
                  "Ann Roe, “The Docks.” In Harbours of the North, ed. Bob Poe (Leeds: Tide, 1990), 3-19."):
        assert len(split_note([whole])[0]) == 1


def test_a_volume_and_its_pages_after_a_short_title_are_the_ones_cited():
    """"Roe, Harbour Towns: The Lean Years, 3:118, 240-52; …": a given name after the comma made the short form
    look like an inverted author's reference, so the rules read it whole; the volume and pages at its end are
    still the locator. A journal's issue and pages after its date stay the work's."""
    citations, _ = read_note(["Sandby, Thomas Lowe: The Lean Years, 3:118, 240-52; Ann Roe, ed., The Journal of the "
                              "Docks (Leeds: Tide Press, 1911), 2:288-90."], default_tagger())
    assert [(c.body, c.locator) for c in citations] == [
        ("Sandby, Thomas Lowe: The Lean Years", "3:118, 240-52"),
        ("Ann Roe, ed., The Journal of the Docks (Leeds: Tide Press, 1911)", "2:288-90")]
    (article,), _ = read_note(["Ann Roe, “The Docks,” Harbour Review 12 (1990): 45-67."], default_tagger())
    assert article.locator == ""
    (dated,), _ = read_note(["Roe, A. 1984. ‘Quays and Cranes’, Harbour Studies, 17: 203–19"], default_tagger())
    assert dated.locator == ""  # an author-date list's volume and pages are the article's


def test_a_name_with_initials_after_the_authors_words_opens_a_reference_in_an_essays_sentence():
    """"What I know of the docks comes from G. Roe, Harbour Towns (Leeds, 1940). Much is said in the two
    volumes of B. Poe, …": a bibliographic essay names works inside its sentences; a name given with initials
    right after a word in lower case (a given name before the initials perhaps), its bracketed imprint further
    on, opens the reference. Names joined by "and" stay one list."""
    citations, _ = read_note(["What I know of the docks comes from G. Roe, Harbour Towns (Leeds, 1940). Much is "
                              "said in the two volumes of B. Poe, Les quais (Paris, 1922) and a sharp review "
                              "by L. Moe, ‘Les grues’ in Études pour Ann Lowe (Paris, 1925)."], default_tagger())
    assert [(c.prefix, c.body.split(",")[0]) for c in citations] == [
        ("What I know of the docks comes from", "G. Roe"),
        ("Much is said in the two volumes of", "B. Poe"),
        ("and a sharp review by", "L. Moe")]
    (given,), _ = read_note(["A plain account of the quays is Ann B. Roe, Harbours: A Port Study (1998)."],
                            default_tagger())
    assert given.prefix == "A plain account of the quays is"
    assert given.body == "Ann B. Roe, Harbours: A Port Study (1998)"
    listed, _ = read_note(["Roe and J. Poe, Harbours: a first guide (Leeds: Tide 2011)."], default_tagger())
    assert [c.body.split(",")[0] for c in listed] == ["Roe and J. Poe"]


def test_the_same_authors_books_listed_by_title_after_semicolons_and_a_last_and_are_his():
    """"Ann Roe, Harbours (New York: Tide, 1958); Tides of the North (…, 1963); What Shall the Harbour Be? (…,1967);
    and The Bell of the Cranes (…, 1968).": each title with its bracketed imprint after a semicolon, the last after
    "and", is another book by the author named first."""
    citations, _ = read_note(["Ann Roe, Harbours: The Leeds Story (New York: Tide, 1958); Tides of the North (New "
                              "York: Tide and Moss, 1963); What Shall the Harbour Be: Docks or Quays? (New York: Tide "
                              "and Moss,1967); and The Bell of the Cranes (New York: Tide and Moss, 1968)."],
                             default_tagger())
    assert [c.author_hint for c in citations] == ["", "Ann Roe", "Ann Roe", "Ann Roe"]
    assert citations[3].body.startswith("Ann Roe, The Bell of the Cranes")


def test_a_surname_and_ibid_is_that_authors_work_cited_before_as_op_cit():
    """"Lowe, Ibid, p. 8." after "Lowe, Harbours (…), p. 3." is Lowe's Harbours, as "Lowe, op. cit." would be; with no
    work of the author's above it (cited in an earlier chapter), it is the author's work, untitled, not a work
    called "Ibid"."""
    document = parse_text("1 Poe, Ibid, p. 7.\n2 Lowe, Harbours (Leeds, 1990), p. 3.\n3 Lowe, Ibid, p. 8.\n")
    first, second, third = (note.citations[0] for note in document.notes)
    assert third.work == second.work and third.locator == "p. 8"
    assert "title" not in document.work(first.work).csl


def test_an_entry_whose_long_title_has_many_capitals_opens_at_its_authors_name():
    """"…(London, 1964). Roe, G. R., Quays and Tolls: the Keeping of the Harbour in the Age of King Henry Moe
    (Leeds, 1972). …": entries of a bibliography run together; the name right after the stop that closed the
    entry before is where the next one opens, however many capitalised words its title has."""
    citations, _ = references_in_prose("Hart, M., Sir Walter Lowe (London, 1958). Roe, G. R., Quays and Tolls: the "
                                       "Keeping of the Harbour in the Age of King Henry Moe (Leeds, 1972). Poe, F. G., "
                                       "Tudor Harbour Masters (London, 1961).", default_tagger())
    assert [(c.prefix, c.body.split(",")[0]) for c in citations] == [("", "Hart"), ("", "Roe"), ("", "Poe")]


def test_an_authors_thanks_to_a_list_of_people_cite_no_work():
    """"I wish to acknowledge the help of Ann Roe, Bob Poe, …, and the two readers for their careful
    comments": the rules take the names for an author and the thanks for a title; the words of an author's
    own note before them, a list of people and the sentence after them say it is no work. A work cited in the
    same note, or a short form thanked for, stays."""
    thanks = ("I wish to acknowledge the help of Ann Roe, Bob Poe, Carl Moe, Dan Lowe, and the two readers "
              "for their careful comments.")
    assert read_note([thanks], default_tagger()) == ([], thanks)
    cited, _ = read_note(["I owe thanks to Ann Roe, Bob Poe and Carl Moe, Harbour Ledgers of the North."],
                         default_tagger())
    assert len(cited) == 1 and cited[0].body.endswith("Harbour Ledgers of the North")
    cited, _ = read_note(["I thank Ann Roe. See Bob Poe, Harbour Ledgers, Leeds, Tide."], default_tagger())
    assert [c.body for c in cited] == ["Bob Poe, Harbour Ledgers, Leeds, Tide"]


def test_works_named_in_an_essays_sentences_with_their_year_alone_are_citations_of_their_own():
    """A bibliographic essay names each work by its author, title and year ("Ann Roe, Harbours of the North
    (1998). Peter Marsh, …"): each is a citation, its author the names before the title. An author-date
    citation inside a sentence ("the scholarship of Roe (1999)") makes the poet named before it no author."""
    essay = parse_text("1. A general account is Ann Roe, Harbours of the North (1998). Peter Marsh, The Grain Trade "
                       "of Lisbon: A New Geography (1999), examines the trade and its clerks.\n")
    read = [(c.prefix, essay.work(c.work).csl["author"][0]["family"], essay.work(c.work).csl["title"],
             essay.work(c.work).csl["issued"]) for c in essay.notes[0].citations]
    assert read == [("A general account is", "Roe", "Harbours of the North", {"date-parts": [[1998]]}),
                    ("", "Marsh", "The Grain Trade of Lisbon: A New Geography", {"date-parts": [[1999]]})]
    sentence = parse_text("1. The clerks' slogan appears in none of the poems of the harbour's orator Carl Moe: I "
                          "follow here the scholarship of Roe (1999) and Marsh (2001).\n")
    authors = [a.get("family") for work in sentence.works for a in work.csl.get("author", [])]
    assert "Moe" not in authors


def test_two_op_cit_short_forms_with_their_pages_stay_two_citations():
    """"Roe, op. cit., 62–68. Poe and Lowe, op. cit., 93, 94.": each an "op. cit." with its own pages, never one
    reference cut apart, even with a scrape's space before the first stop."""
    for note in ("4. Roe, op. cit., 62–68. Poe and Lowe, op. cit., 93, 94.\n",
                 "4. Roe, op. cit., 62–68 . Poe and Lowe, op. cit., 93, 94.\n"):
        citations = parse_text(note).notes[0].citations
        assert [(c.text, c.locator) for c in citations] == [("Roe", "62–68"), ("Poe and Lowe", "93, 94")], note
