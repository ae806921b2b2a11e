"""Archival citations (haliref.parse.archival): letters, minutes and files cited by collection or call number."""

from __future__ import annotations

import pytest

from haliref import parse_text, to_bibtex, to_ris
from haliref.parse.archival import ArchivalParts, archival_parts


@pytest.mark.parametrize(
    ("chunk", "parts"),
    [
        ("FO 800/310.", ArchivalParts(archive_location="FO 800/310")),
        (  # a file's call number first, then the papers in it, however many parts
            "CAB 31/4, appendix to Harbour Board no. 42 of 7.6.19, Note by Mr Lund 9.5.19.",
            ArchivalParts(title="appendix to Harbour Board no. 42 of 7.6.19, Note by Mr Lund 9.5.19",
                          archive_location="CAB 31/4"),
        ),
        (  # a Russian archive's fond, opis', delo and sheets, the archive named before them
            "Lund to Avery, 3 May 1937, RGAMF, f. 55, op. 11, d. 712, ll. 3–5.",
            ArchivalParts(author="Lund", title="Lund to Avery", date="3 May 1937", archive="RGAMF",
                          archive_location="f. 55, op. 11, d. 712, ll. 3–5"),
        ),
        ("ГАМФ. Ф.46. Оп.6. Д.306. Л. 40.", ArchivalParts(archive="ГАМФ", archive_location="Ф.46. Оп.6. Д.306. Л. 40")),
        (  # the holder, the collection, a colon, then the document in it
            "Merton Hall, Leeds [Old Records], Avery papers: Lund to Tom Avery, 3 Oct. 1881.",
            ArchivalParts(author="Lund", title="Lund to Tom Avery", date="3 Oct. 1881",
                          archive="Merton Hall, Leeds [Old Records], Avery papers"),
        ),
        ("Hatton Papers.", ArchivalParts(archive="Hatton Papers")),
        ("Treasury Papers 12/404", ArchivalParts(archive="Treasury Papers", archive_location="12/404")),
        (
            "Avery to Lund, 3 March 1951, Lund Papers, LND2/44/7-9.",
            ArchivalParts(author="Avery", title="Avery to Lund", date="3 March 1951", archive="Lund Papers",
                          archive_location="LND2/44/7-9"),
        ),
        (
            "Memorandum by Kettering, June 1947, DO35/2210/4",
            ArchivalParts(author="Kettering", title="Memorandum by Kettering", date="June 1947",
                          archive_location="DO35/2210/4"),
        ),
        (
            "Pryce, minute, 9 May 1952, CO554/812, TNA.",
            ArchivalParts(author="Pryce", title="minute", date="9 May 1952", archive="TNA",
                          archive_location="CO554/812"),
        ),
        (  # the call number first, then the document and its date in brackets
            "PREM 11/902, Dunn to Orme (4 August 1956)",
            ArchivalParts(author="Dunn", title="Dunn to Orme", date="4 August 1956", archive_location="PREM 11/902"),
        ),
    ],
)
def test_an_archival_chunk_is_read_by_its_parts(chunk, parts):
    assert archival_parts(chunk) == parts


@pytest.mark.parametrize(
    "chunk",
    [
        "J. Roe, The Papers of a King (London, 1990), 4",  # a published book whose title names papers
        "Ann Lee, ‘The Mill Papers’, Northern History 12 (1976), 40–59",  # an article
        "Besprochen von Eva Holt, in: ZTR 8/2000, S. 35",  # a periodical's issue and year, not a piece number
        "Daily Courier 9/2/39",  # a date, not a call number
        "Roe, Short Title, 45",
        "The papers kept at the ministry were burnt in the war and nothing of them survives today",
    ],
)
def test_published_works_prose_and_dates_are_not_archival(chunk):
    assert archival_parts(chunk) is None


def test_archival_citations_become_manuscripts_with_their_archive_in_every_export():
    document = parse_text(
        "1. Avery to Lund, 3 March 1951, Lund Papers, LND2/44/7-9.\n"
        "2. See FO 800/310; Hatton Papers.\n"
    )
    cited = [(n.number, c.prefix, c.text) for n in document.notes for c in n.citations]
    assert cited == [
        (1, "", "Avery to Lund, 3 March 1951, Lund Papers, LND2/44/7-9"),
        (2, "See", "FO 800/310"),
        (2, "", "Hatton Papers"),
    ]
    letter = document.works[0].csl
    assert letter["type"] == "manuscript"
    assert (letter["title"], letter["archive"], letter["archive_location"]) == (
        "Avery to Lund", "Lund Papers", "LND2/44/7-9")
    assert letter["issued"] == {"date-parts": [[1951, 3, 3]]}
    bib = to_bibtex(document)
    assert "@unpublished{" in bib and "library = {Lund Papers, LND2/44/7-9}" in bib
    assert "library = {FO 800/310}" in bib and "library = {Hatton Papers}" in bib
    assert "note = {Lund Papers, LND2/44/7-9}" in to_bibtex(document, dialect="bibtex")
    ris = to_ris(document)
    assert "TY  - MANSCPT" in ris and "DB  - Lund Papers" in ris and "AN  - LND2/44/7-9" in ris


def test_a_collections_initials_before_its_box_and_a_month_first_date_are_read():
    assert archival_parts("George Kennan to Dean Acheson, January 31, 1947, GFKP, box 1.") == ArchivalParts(
        author="George Kennan", title="George Kennan to Dean Acheson", date="January 31, 1947", archive="GFKP",
        archive_location="box 1")
    assert archival_parts("Kennan, diary entry, January 28, 1948, Kennan Papers, folder 12") == ArchivalParts(
        author="Kennan", title="diary entry", date="January 28, 1948", archive="Kennan Papers",
        archive_location="folder 12")
    assert archival_parts("NATO, box 1") == ArchivalParts(archive="NATO", archive_location="box 1")
    assert archival_parts("See Roe, Life, vol. 1") is None


def test_letters_between_the_same_people_on_other_days_are_other_documents():
    document = parse_text("1. George Kennan to Dean Acheson, January 31, 1947, GFKP, box 1.\n"
                          "2. George Kennan to Dean Acheson, January 3, 1949, GFKP, box 1.\n"
                          "3. George Kennan to Dean Acheson, January 3, 1949, GFKP, box 1.\n")
    works = [note.citations[0].work for note in document.notes]
    assert works[0] != works[1] and works[1] == works[2]


def test_a_letter_quoted_in_a_work_is_a_manuscript_and_the_work_its_own_citation():
    document = parse_text("1. Thomas Gladstone to his son John, 31 March 1787, cit. in S. G. Checkland, The "
                          "Gladstones (London, 1971), p. 408.\n"
                          "2. Churchill to Halifax, 28 July 1940, quoted in Martin Gilbert, Finest Hour "
                          "(London, 1983), 45.\n")
    cited = [(c.prefix, document.work(c.work).csl) for note in document.notes for c in note.citations]
    assert [(prefix, csl["type"], csl.get("title"), csl["issued"]) for prefix, csl in cited] == [
        ("", "manuscript", "Thomas Gladstone to his son John", {"date-parts": [[1787, 3, 31]]}),
        ("cit. in", "book", "The Gladstones", {"date-parts": [[1971]]}),
        ("", "manuscript", "Churchill to Halifax", {"date-parts": [[1940, 7, 28]]}),
        ("quoted in", "book", "Finest Hour", {"date-parts": [[1983]]}),
    ]


@pytest.mark.parametrize(
    ("chunk", "parts"),
    [
        ("TNA WO 218/402, Appreciation on Harbour Policy, 1954.",
         ArchivalParts(title="Appreciation on Harbour Policy", date="1954", archive="TNA",
                       archive_location="WO 218/402")),
        ("Leeds Harbour Archives (LHA) DEF 4/12/9, Memos on Dock Labour, 1946–7",
         ArchivalParts(title="Memos on Dock Labour", date="1946–7", archive="Leeds Harbour Archives (LHA)",
                       archive_location="DEF 4/12/9")),
        ("The National Archives of the Port, Leeds (NAP) WO 218/402, Memo on Quays, 1954",
         ArchivalParts(title="Memo on Quays", date="1954", archive="The National Archives of the Port, Leeds (NAP)",
                       archive_location="WO 218/402")),
    ],
)
def test_the_archive_named_right_before_its_call_number_is_the_holder(chunk, parts):
    """"TNA WO 218/402, Title, 1954", "Leeds Harbour Archives (LHA) DEF 4/12/9, …": the holder (initials, or a
    name with its initials in brackets) and the call numbers in one part, then the document and its date."""
    assert archival_parts(chunk) == parts


def test_a_files_paper_in_quotes_after_its_call_number_is_the_documents_title():
    """"The Harbour Record Office, Leeds (henceforth HRO), CAB 129/88, ‘Harbour Policy Review, Part II, The
    Board’s Aims’, March 1956": quotes after a call number hold the file's paper, commas and all (a quote
    before a call number, or a bracketed imprint, still means a published work)."""
    assert archival_parts("The Harbour Record Office, Leeds (henceforth HRO), CAB 129/88, ‘Harbour Policy Review "
                          "1950–55, Part II, The Main Aims of the Harbour Board’s Docks, Quays and Cranes’, "
                          "March 1956.") == ArchivalParts(
        title="Harbour Policy Review 1950–55, Part II, The Main Aims of the Harbour Board’s Docks, Quays and "
              "Cranes", date="March 1956", archive="The Harbour Record Office, Leeds (henceforth HRO)",
        archive_location="CAB 129/88")
    assert archival_parts("Ann Roe, ‘Harbours’, CAB 21/4, 3 May 1950") is None
    assert archival_parts("CAB 21/4, ‘Harbours’, in Ports (Leeds, 1950)") is None


def test_a_letter_of_two_days_in_papers_named_with_their_holder_and_a_folio():
    """"Roe to Poe, 3 May and 9 August 1931, Poe papers (Leeds Library), 31815": two days of one month or of
    two, the papers with their holder in brackets, and the volume in them after a comma; a class mark cut from
    its piece number by a comma ("HARB, 12/2204"), and its holder in brackets after it."""
    assert archival_parts("Roe to Poe, 3 May and 9 August 1931, Poe papers (Leeds Library), 31815") == (
        ArchivalParts(author="Roe", title="Roe to Poe", date="3 May and 9 August 1931",
                      archive="Poe papers (Leeds Library)", archive_location="31815"))
    assert archival_parts("Moe to Lowe, 14 and 15 October 1958, HARB, 12/2204 (Harbour Board files, Leeds "
                          "Record Office)") == ArchivalParts(
        author="Moe", title="Moe to Lowe", date="14 and 15 October 1958",
        archive="Harbour Board files, Leeds Record Office", archive_location="HARB 12/2204")
