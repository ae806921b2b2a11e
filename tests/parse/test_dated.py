"""Sources cited by their name and a numeric date alone (haliref.parse.dated)."""

from __future__ import annotations

from haliref import parse_text, to_chicago
from haliref.parse.dated import DatedSource, dated_sources
from haliref.parse.split import split_note


def test_a_source_and_its_dates_are_one_citation_for_each_date():
    assert dated_sources("NYT 8/20/14, 9/4/39.") == [DatedSource("NYT", "8/20/14", "document", text="NYT 8/20/14"),
                                                     DatedSource("NYT", "9/4/39", "document", text="9/4/39")]
    assert dated_sources("New York Sun 9/2/39") == [
        DatedSource("New York Sun", "9/2/39", "article-newspaper", text="New York Sun 9/2/39")]
    assert dated_sources("Churchill, Storm, 331") is None
    assert dated_sources("See the report of 9/2/39") is None


def test_a_dated_source_is_cut_from_a_full_reference_after_its_semicolon():
    cites, leftover = split_note(["Hansard 9/6/39; Winston Churchill, The Gathering Storm (Boston, 1948), 331."])
    assert [(c.body, c.locator, c.shaped is not None) for c in cites] == [
        ("Hansard 9/6/39", "", True), ("Winston Churchill, The Gathering Storm (Boston, 1948)", "331", False)]
    assert leftover == ""


def test_dated_sources_become_works_with_their_source_and_date_and_print_as_a_periodicals_issue():
    document = parse_text("3. Hansard 9/6/39; Churchill, The Gathering Storm (Boston, 1948), 331.\n"
                          "9. New York Sun 9/2/39; NYT 8/20/14, 9/4/39.\n")
    works = [document.work(c.work).csl for note in document.notes for c in note.citations]
    assert [(w["type"], w.get("container-title"), w["issued"]) for w in works if w["type"] != "book"] == [
        ("document", "Hansard", {"date-parts": [[1939]]}),
        ("article-newspaper", "New York Sun", {"date-parts": [[1939]]}),
        ("document", "NYT", {"date-parts": [[1914, 8, 20]]}),
        ("document", "NYT", {"date-parts": [[1939]]}),
    ]
    notes = to_chicago(document, what="notes")
    assert "Hansard, 1939; Churchill, The Gathering Storm (Boston, 1948), 331." in notes
    assert "NYT, August 20, 1914; NYT, 1939." in notes


def test_a_newspapers_issue_with_its_date_written_out_its_city_and_page():
    assert dated_sources("The Times (London), 12 March 1939, p. 8.") == [
        DatedSource("The Times", "12 March 1939", "article-newspaper", "London", "p. 8",
                    "The Times (London), 12 March 1939")]
    assert dated_sources("New York Herald, March 12, 1939") == [
        DatedSource("New York Herald", "March 12, 1939", "article-newspaper", text="New York Herald, March 12, 1939")]
    assert dated_sources("Roe to Poe, 12 March 1939") is None  # a letter: no periodical's name
    document = parse_text("7. The Times (London), 12 March 1939, 8.\n")
    citation = document.notes[0].citations[0]
    assert citation.locator == "8"
    assert document.work(citation.work).csl["issued"] == {"date-parts": [[1939, 3, 12]]}


def test_a_newspapers_issue_whose_year_the_notes_leave_out_is_still_its_issue():
    """"Leeds Herald, Sept. 14." in notes whose text gives the year: the newspaper and the day, not a book
    titled "Sept. 14" by an author "Herald"; a letter's date alone is still no periodical's issue."""
    assert dated_sources("Leeds Herald, Sept. 14.") == [
        DatedSource("Leeds Herald", "Sept. 14", "article-newspaper", text="Leeds Herald, Sept. 14")]
    assert dated_sources("The Harbour Herald, 31 July, p. 4") == [
        DatedSource("The Harbour Herald", "31 July", "article-newspaper", page="p. 4",
                    text="The Harbour Herald, 31 July")]
    assert dated_sources("Roe to Poe, 12 March") is None
    assert dated_sources("Harbour Voice, May 1958.") == [  # a monthly's issue
        DatedSource("Harbour Voice", "May 1958", "article-newspaper", text="Harbour Voice, May 1958")]
    work = parse_text("4 Leeds Herald, Sept. 14.\n").works[0].csl
    assert (work["type"], work["container-title"], "author" in work) == ("article-newspaper", "Leeds Herald", False)


def test_an_article_in_a_periodical_named_as_newspapers_are_is_a_newspaper_article():
    document = parse_text('18. Lee Voe, "The Election," New York Times, November 9, 1960.\n'
                          '19. Ann Roe, "The Election," Past and Present 112 (1986): 3–24.\n')
    assert [document.work(n.citations[0].work).csl["type"] for n in document.notes] == [
        "article-newspaper", "article-journal"]


def test_a_newspaper_named_with_its_short_name_then_cited_by_it_is_the_same_newspaper():
    """"Harbour Defender (hereafter HD), 4 February 1948." then "HD, 5 February 1948.": each an issue of the
    newspaper; the short name stands for its name (rule list-abbreviation, undoable), not for an author "HD"."""
    assert dated_sources("Harbour Defender (hereafter HD), 4 February 1948.") == [
        DatedSource("Harbour Defender", "4 February 1948", "article-newspaper",
                    text="Harbour Defender (hereafter HD), 4 February 1948")]
    text = "1. Harbour Defender (hereafter HD), 4 February 1948.\n2. HD, 5 February 1948, 3.\n"
    document = parse_text(text)
    later = document.notes[1].citations[0]
    csl = document.work(later.work).csl
    assert (csl["type"], csl["container-title"], csl["issued"]) == (
        "article-newspaper", "Harbour Defender", {"date-parts": [[1948, 2, 5]]})
    assert later.locator == "3"
    assert [(c.field, c.before, c.after) for c in document.work(later.work).corrections] == [
        ("container-title", "HD", "Harbour Defender")]
    undone = parse_text(text, skip_rules={"list-abbreviation"})
    assert "container-title" not in undone.work(undone.notes[1].citations[0].work).csl


def test_a_pilot_a_voice_or_a_defender_names_a_newspaper():
    for name in ("West Coast Pilot", "Student Voice", "Harbour Defender", "Evening Advertiser"):
        (issue,) = dated_sources(f"{name}, 9 February 1948") or [None]
        assert issue is not None and issue.kind == "article-newspaper"


def test_a_newspapers_name_in_quotation_marks_and_a_date_in_italian_or_portuguese_is_its_issue():
    """"“Gazzetta di Leeds”, 3 febbraio 1871, p. 4.": Italian and French notes print the paper's name in quotation
    marks; with a date written out (the months of ``data/months.tsv``, Italian and Portuguese among them) it is
    that issue, as the name without quotation marks is."""
    document = parse_text("1 “Gazzetta di Leeds”, 3 febbraio 1871, p. 4.\n2 “Diario de Leeds”, 3 março 1901.\n")
    first, second = (document.work(note.citations[0].work).csl for note in document.notes)
    assert (first["type"], first["container-title"], first["issued"]["date-parts"]) == (
        "article-newspaper", "Gazzetta di Leeds", [[1871, 2, 3]])
    assert document.notes[0].citations[0].locator == "p. 4"
    assert (second["container-title"], second["issued"]["date-parts"]) == ("Diario de Leeds", [[1901, 3, 3]])


def test_periodicals_issues_listed_in_one_sentence_are_one_citation_each():
    """"See The Harbour Times, 14 June 1981, The Leeds Post, 2 October 1977, and …": the issues follow one
    another after commas and a last "and"; each is a newspaper article. A list that goes on with anything but an
    issue is no list of issues."""
    cited, leftover = split_note(["See The Harbour Times, 14 June 1981, The Leeds Post, 2 October 1977, "
                                  "and The Quays Herald, 9 May 1983."])
    assert [(c.prefix, c.body) for c in cited] == [
        ("See", "The Harbour Times, 14 June 1981"), ("", "The Leeds Post, 2 October 1977"),
        ("", "The Quays Herald, 9 May 1983")]
    assert leftover == ""
    assert [each.kind for each in dated_sources("The Harbour Times, 14 June 1981, and The Leeds Post, 3 May 1989")
            ] == ["article-newspaper", "article-newspaper"]
    assert dated_sources("The Harbour Times, 14 June 1981, and Ann Roe, Quays (Leeds, 1990)") is None
    assert [each.page for each in dated_sources("The Harbour Times (Leeds), 12 March 1939, 8")] == ["8"]
