"""CMOS 17 fixes of issue 16 (author-date, items 5 and 6, the HTML page), one test per paragraph.

Items are built here by hand; each expected string was read against the CMOS paragraph the
test names.
"""

from __future__ import annotations

from typing import Any

from haliref.model import Citation, Document, Note, Work
from haliref.render.chicago import render, render_entries, render_items


def book(id_: str, family: str, given: str, title: str, year: int | None, **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"id": id_, "type": "book", "title": title, "author": [{"family": family, "given": given}],
                            "publisher-place": "London", "publisher": "Verso"}
    if year is not None:
        item["issued"] = {"date-parts": [[year]]}
    item.update(extra)
    return item


def document(items: list[dict[str, Any]], *notes: list[tuple[str, str]]) -> Document:
    return Document(
        notes=[Note(i + 1, [i + 1], "", citations=[Citation(w, "", locator=loc) for w, loc in note])
               for i, note in enumerate(notes)],
        works=[Work(it["id"], {k: v for k, v in it.items() if k != "id"}) for it in items],
        dropped=[],
    )


def notes(d: Document, **kw: Any) -> list[str]:
    return [t for _, t in render_entries(d, bibliography=False, **kw).notes]


# --- author-date (CMOS 17 15.17-15.21, 15.29) ------------------------------------

AD = [
    book("w80", "Ward", "Fiona", "Zebras of the Steppe", 1980),
    book("w74b", "Ward", "Fiona", "Later Thoughts", 1974),
    book("w74a", "Ward", "Fiona", "Early Thoughts", 1974),
    book("w90", "Ward", "Fiona", "Apples and Empire", 1990),
    book("wnd", "Ward", "Fiona", "Undated Notes", None),
    book("jw", "Ward", "Jonas", "Korean Skies", 1993),
]


def test_15_17_one_authors_works_by_date_with_3em_dash():
    entries = [e for _, e in render_items(AD, style="author-date")]
    assert entries == [
        "Ward, Fiona. 1974a. Early Thoughts. London: Verso.",
        "———. 1974b. Later Thoughts. London: Verso.",
        "———. 1980. Zebras of the Steppe. London: Verso.",
        "———. 1990. Apples and Empire. London: Verso.",
        "———. n.d. Undated Notes. London: Verso.",
        "Ward, Jonas. 1993. Korean Skies. London: Verso.",
    ]


def test_14_68_notes_bibliography_keeps_title_order():
    entries = [e for _, e in render_items(AD, style="notes-bibliography")]
    assert entries[0].startswith("Ward, Fiona. Apples and Empire.")
    assert entries[1].startswith("———. Early Thoughts.")


def test_15_21_same_surname_told_apart_by_initials():
    d = document(AD, [("w80", "12")], [("jw", "")])
    assert notes(d, style="author-date") == ["F. Ward 1980, 12.", "J. Ward 1993."]
    # only where two people share the surname
    d = document(AD[:1], [("w80", "12")])
    assert notes(d, style="author-date") == ["Ward 1980, 12."]


def test_15_21_same_initials_give_the_full_given_name():
    items = [book("a", "Ward", "Fiona", "One", 1980), book("b", "Ward", "Frank", "Two", 1981)]
    d = document(items, [("a", "")], [("b", "")])
    assert notes(d, style="author-date") == ["Fiona Ward 1980.", "Frank Ward 1981."]


def test_15_29_one_authors_works_run_together_in_one_citation():
    d = document(AD[:4], [("w74a", ""), ("w74b", ""), ("w90", "")], [("w74a", "5"), ("w90", "7")])
    assert notes(d, style="author-date") == ["Ward 1974a, 1974b, 1990.", "Ward 1974a, 5; 1990, 7."]


# --- issue 16 items 5 and 6 -------------------------------------------------------

def bib(items: list[dict[str, Any]], style: str = "notes-bibliography") -> dict[str, str]:
    return dict(render_items(items, style=style))


def first_note(item: dict[str, Any], style: str = "notes-bibliography") -> str:
    return notes(document([item], [(item["id"], "12")]), style=style)[0]


def test_14_116_number_of_volumes_labelled():
    item = book("v", "Nevins", "Allan", "A History of the Civil War", 1959, **{"number-of-volumes": "3"})
    assert bib([item])["v"] == "Nevins, Allan. A History of the Civil War. 3 vols. London: Verso, 1959."


def test_14_191_newspaper_section_after_name_and_no_stray_edition():
    item = {"id": "n", "type": "article-newspaper", "title": "Strikers Occupy the Docks",
            "author": [{"family": "Lyle", "given": "Tom"}], "container-title": "Guardian",
            "section": "Foreign News", "issued": {"date-parts": [[1968, 5, 20]]}}
    assert bib([item])["n"] == "Lyle, Tom. “Strikers Occupy the Docks.” Guardian, May 20, 1968, Foreign News section."
    assert first_note(item) == ("Tom Lyle, “Strikers Occupy the Docks,” Guardian, May 20, 1968, "
                                "Foreign News section, 12.")
    assert "Edition" not in bib([item], "author-date")["n"]


def test_14_67_3em_dash_after_an_edited_book_by_the_same_person():
    edited = {"id": "e", "type": "book", "title": "Documents of the Revolution",
              "editor": [{"family": "Carr", "given": "E.H."}], "issued": {"date-parts": [[1950]]}}
    written = book("w", "Carr", "E.H.", "What Is History?", 1961)
    out = bib([edited, written])
    assert out["e"] == "Carr, E. H., ed. Documents of the Revolution. 1950."
    assert out["w"] == "———. What Is History? London: Verso, 1961."


def test_10_12_typed_initials_spaced_given_names_kept():
    assert bib([book("k", "Karol", "K.S.", "Guerrillas", 1970)])["k"].startswith("Karol, K. S. Guerrillas.")
    assert first_note(book("p", "Pipes", "Richard", "Russia", 1990)).startswith("Richard Pipes, Russia")


def test_14_107_unsigned_chapter_under_its_title_editors_after_the_book():
    item = {"id": "u", "type": "chapter", "title": "The Second Declaration", "container-title": "Speeches",
            "editor": [{"family": "Kern", "given": "Mary"}, {"family": "Pratt", "given": "James"}],
            "publisher-place": "Harmondsworth", "publisher": "Pelican", "issued": {"date-parts": [[1972]]}}
    assert bib([item])["u"] == ("“The Second Declaration.” In Speeches, edited by Mary Kern and James Pratt. "
                                "Harmondsworth: Pelican, 1972.")
    assert first_note(item) == ("“The Second Declaration,” in Speeches, ed. Mary Kern and James Pratt "
                                "(Harmondsworth: Pelican, 1972), 12.")
    assert first_note(item, "author-date") == "“Second Declaration” 1972, 12."


def test_14_114_reprint():
    item = book("r", "Hale", "John", "The Making of Modern Europe", 1970, **{"original-date": {"date-parts": [[1923]]}})
    assert bib([item])["r"] == "Hale, John. The Making of Modern Europe. 1923. Reprint, London: Verso, 1970."
    assert first_note(item) == "John Hale, The Making of Modern Europe (1923; repr., London: Verso, 1970), 12."
    assert bib([item], "author-date")["r"] == ("Hale, John. (1923) 1970. The Making of Modern Europe. "
                                               "Reprint, London: Verso.")


def test_8_5_particle_capitalised_at_the_start_of_a_note():
    item = book("d", "Dam", "Hendrik", "The Dutch Republic", 1980)
    item["author"][0]["non-dropping-particle"] = "van"
    d = document([item], [("d", "12")], [("d", "13")])
    assert notes(d, style="author-date") == ["Van Dam 1980, 12.", "Van Dam 1980, 13."]
    assert notes(d, ibid=False)[1] == "Van Dam, 13."
    assert first_note(item).startswith("Hendrik van Dam, ")


def test_14_81_pseudonym_with_real_name():
    typed = book("t", "Twain", "Mark", "Adventures", 1885)
    typed["author"][0]["suffix"] = "[Samuel Langhorne Clemens]"
    assert bib([typed])["t"].startswith("Twain, Mark [Samuel Langhorne Clemens]. Adventures.")
    assert first_note(typed).startswith("Mark Twain [Samuel Langhorne Clemens], Adventures")
    # normalize keeps "(pseudonym of ...)" in the note: the real name is not dropped
    parsed = {"id": "p", "type": "book", "title": "Diario", "author": [{"literal": "Tomás"}],
              "note": "pseudonym of Luis Ortega Vidal", "issued": {"date-parts": [[1991]]}}
    assert bib([parsed])["p"] == "Tomás [Luis Ortega Vidal]. Diario. 1991."
    assert first_note(parsed, "author-date") == "Tomás 1991, 12."


# --- render --format html: a whole page (issue 16 item 7) -------------------------

def test_html_is_a_whole_page_with_hanging_indent():
    d = document([book("w80", "Ward", "Fiona", "Zebras & Lions", 1980)], [("w80", "12")])
    page = render(d, fmt="html")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    assert "<title>Notes and Bibliography</title>" in page
    # CMOS 17 14.60: bibliography entries with a hanging indent
    assert ".csl-bib-body .csl-entry { padding-left: 2em; text-indent: -2em; }" in page
    assert "<h2>Notes</h2>" in page and "<h2>Bibliography</h2>" in page
    assert "<i>Zebras &amp; Lions</i>" in page
    assert page.rstrip().endswith("</body>\n</html>")
    only = render(d, fmt="html", what="bibliography")
    assert only.startswith("<!DOCTYPE html>") and "<title>Bibliography</title>" in only and "<h2>" not in only


def test_15_18_undated_and_forthcoming_are_not_lettered_together():
    items = [book("nd", "Kautsky", "Karl", "The Road to Power", None),
             book("fc", "Kautsky", "Karl", "The Class Struggle", None, status="forthcoming")]
    assert [e for _, e in render_items(items, style="author-date")] == [
        "Kautsky, Karl. n.d. The Road to Power. London: Verso.",
        "———. Forthcoming. The Class Struggle. London: Verso.",
    ]


# --- unsigned dictionary and encyclopedia entries (CMOS 17 14.232-14.234) --------------

DICTIONARY = {"id": "dict", "type": "entry-dictionary", "title": "chronology",
              "container-title": "Merriam-Webster's Collegiate Dictionary", "edition": "11",
              "issued": {"date-parts": [[2003]]}}
ENCYCLOPEDIA = {"id": "enc", "type": "entry-encyclopedia", "title": "Peasantry",
                "container-title": "Encyclopaedia Britannica", "edition": "11", "issued": {"date-parts": [[1911]]}}


def test_14_232_unsigned_dictionary_entry_names_the_dictionary_and_edition_once():
    # "Merriam-Webster's Collegiate Dictionary, 11th ed. (2003), s.v. "chronology."": the
    # substitution for the missing author renders the title, edition and date, and none of
    # them again (it printed "…Dictionary, …Dictionary, 11th ed. (2003), s.v. …, 11th ed. (2003)")
    assert first_note(DICTIONARY) == "Merriam-Webster’s Collegiate Dictionary, 11th ed. (2003), s.v. “chronology,” 12."
    assert first_note(ENCYCLOPEDIA) == "Encyclopaedia Britannica, 11th ed. (1911), s.v. “Peasantry,” 12."


def test_14_232_unsigned_dictionary_entry_in_short_notes_and_author_date():
    # shortened notes: the short form throughout; author-date: the work and year, no bibliography entry
    # (14.232: well-known reference works are cited in notes, not listed in the bibliography)
    short = "Merriam-Webster’s Collegiate Dictionary, s.v. “chronology,” 12."
    assert first_note(DICTIONARY, "shortened-notes-bibliography") == short
    assert first_note(DICTIONARY, "author-date") == "Merriam-Webster’s Collegiate Dictionary 2003, 12."
    for style in ("notes-bibliography", "shortened-notes-bibliography"):
        assert bib([DICTIONARY, ENCYCLOPEDIA], style) == {}
        other = book("o", "Roe", "Ann", "Other Matters", 1990)
        later = notes(document([DICTIONARY, other], [("dict", "12")], [("o", "")], [("dict", "13")]),
                      style=style, ibid=False)[2]
        assert later == "Merriam-Webster’s Collegiate Dictionary, s.v. “chronology,” 13."


def test_14_234_signed_entry_keeps_its_edition_and_book():
    signed = {**ENCYCLOPEDIA, "id": "signed", "author": [{"family": "Shanin", "given": "Teodor"}],
              "publisher-place": "Detroit", "publisher": "Macmillan"}
    assert first_note(signed) == ("Teodor Shanin, “Peasantry,” in Encyclopaedia Britannica, 11th ed. "
                                  "(Detroit: Macmillan, 1911), 12.")
    assert bib([signed])["signed"] == ("Shanin, Teodor. “Peasantry.” In Encyclopaedia Britannica, 11th ed. "
                                       "Detroit: Macmillan, 1911.")
    # cited like a contribution to a multiauthor book, so its short note is author and title, no
    # "s.v." (CMOS 17 14.234; the style wrote "Shanin, s.v. “Peasantry,” 13.")
    other = book("o", "Roe", "Ann", "Other Matters", 1990)
    d = document([signed, other], [("signed", "12")], [("o", "")], [("signed", "13")], [("o", "")], [("signed", "")])
    for style in ("notes-bibliography", "shortened-notes-bibliography"):
        assert notes(d, style=style, ibid=False)[2::2] == ["Shanin, “Peasantry,” 13.", "Shanin, “Peasantry.”"]


# --- issue 16, the held-out set (benchmarks/data/citeprocjs_heldout.json) -------------------

ARTICLE = {"id": "ar", "type": "article-journal", "author": [{"family": "Arendt", "given": "Hannah"}],
           "title": "Reflections on Little Rock", "container-title": "Dissent", "volume": "6", "issue": "1",
           "page": "45-56"}


def test_14_171_season_of_a_journal_issue_by_name_or_as_csl_month():
    # CMOS 17 14.171: "Journal of Women's History 23, no. 2 (Summer 2011)"; CSL-JSON gives the
    # season by name or as month 21-24 (13-16), citeproc-py rendered only a number
    for issued in ({"date-parts": [[1959]], "season": "Winter"}, {"date-parts": [[1959, 24]]},
                   {"date-parts": [[1959, 16]]}, {"date-parts": [[1959]], "season": 4}):
        (_, entry), = render_items([dict(ARTICLE, issued=issued)])
        assert entry == "Arendt, Hannah. “Reflections on Little Rock.” Dissent 6, no. 1 (Winter 1959): 45–56."
    d = document([dict(ARTICLE, issued={"date-parts": [[1959]], "season": "summer"})], [("ar", "50")])
    assert notes(d) == ["Hannah Arendt, “Reflections on Little Rock,” Dissent 6, no. 1 (Summer 1959): 50."]


DICT = {"id": "oed", "type": "entry-dictionary", "title": "Sansculotte", "container-title": "Oxford English Dictionary",
        "publisher": "Oxford University Press", "issued": {"date-parts": [[1989]]}, "edition": "2"}
ENCYC = {"id": "eb", "type": "entry-encyclopedia", "title": "Jacquerie", "container-title": "Encyclopædia Britannica",
         "edition": "11", "issued": {"date-parts": [[1911]]}}


def test_14_232_a_repeated_dictionary_entry_keeps_sv_with_a_locator():
    # CMOS 17 14.232: a dictionary entry is cited "s.v." in every note; the style dropped it
    # from a later note that carries a locator ("Oxford English Dictionary, “Sansculotte,” 12.")
    d = document([DICT, ENCYC], [("oed", "12")], [("oed", "12")], [("eb", "")], [("eb", "3")], [("oed", "14")])
    later = ["Encyclopædia Britannica, s.v. “Jacquerie,” 3.", "Oxford English Dictionary, s.v. “Sansculotte,” 14."]
    assert notes(d, ibid=False) == [
        "Oxford English Dictionary, 2nd ed. (Oxford University Press, 1989), s.v. “Sansculotte,” 12.",
        "Oxford English Dictionary, s.v. “Sansculotte,” 12.",
        "Encyclopædia Britannica, 11th ed. (1911), s.v. “Jacquerie.”", *later]
    assert notes(d, style="shortened-notes-bibliography", ibid=False) == [
        "Oxford English Dictionary, s.v. “Sansculotte,” 12.", "Oxford English Dictionary, s.v. “Sansculotte,” 12.",
        "Encyclopædia Britannica, s.v. “Jacquerie.”", *later]


def test_14_233_an_online_dictionary_entry_is_cited_sv_under_the_work():
    # CMOS 17 14.233: "Merriam-Webster.com Dictionary, s.v. “Chartism,” accessed …"; the style
    # (written for CMOS 18) led with the entry's title and gave no "s.v." ("“Chartism,”
    # Merriam-Webster.com Dictionary, accessed …")
    web = {"id": "mw", "type": "entry-dictionary", "title": "Chartism",
           "container-title": "Merriam-Webster.com Dictionary", "accessed": {"date-parts": [[2024, 2, 9]]},
           "URL": "https://www.merriam-webster.com/dictionary/Chartism"}
    d = document([web], [("mw", "")], [("mw", "")], [("mw", "3")])
    assert notes(d, ibid=False) == [
        "Merriam-Webster.com Dictionary, s.v. “Chartism,” accessed February 9, 2024, "
        "https://www.merriam-webster.com/dictionary/Chartism.",
        "Merriam-Webster.com Dictionary, s.v. “Chartism.”", "Merriam-Webster.com Dictionary, s.v. “Chartism,” 3."]
    assert notes(d, style="shortened-notes-bibliography", ibid=False)[0] == (
        "Merriam-Webster.com Dictionary, s.v. “Chartism.”")


def test_14_219_an_archived_interview_gives_the_cited_place_once():
    # CMOS 17 14.219 (an unpublished interview, its recording in an archive): the style renders
    # the locator after the date and again, labelled, after the shelfmark; citeproc-js prints it
    # once ("…, June 3, 1991, 12, audio recording, 12045, …"), and so does haliref now
    interview = {"id": "i", "type": "interview", "author": [{"family": "Hughes", "given": "Mary"}],
                 "interviewer": [{"family": "Bourke", "given": "Joanna"}], "medium": "audio recording",
                 "issued": {"date-parts": [[1991, 6, 3]]}, "archive": "Imperial War Museum Sound Archive",
                 "archive-place": "London", "archive_location": "12045"}
    assert notes(document([interview], [("i", "12")])) == [
        "Mary Hughes, interview by Joanna Bourke, June 3, 1991, 12, audio recording, 12045, "
        "Imperial War Museum Sound Archive, London."]
    # a manuscript's locator stays where the style puts it, after the shelfmark (CMOS 17 14.232)
    manuscript = {"id": "m", "type": "manuscript", "title": "Minutes of the strike committee",
                  "author": [{"literal": "Strike Committee"}], "issued": {"date-parts": [[1842, 8, 12]]},
                  "archive": "Tameside Archives", "archive_location": "MS 1289/4"}
    assert notes(document([manuscript], [("m", "12")])) == [
        "Strike Committee, “Minutes of the Strike Committee,” August 12, 1842, MS 1289/4, p. 12, Tameside Archives."]


def test_8_158_11_27_a_foreign_subtitle_opens_with_a_capital():
    # CMOS 17 8.158 (sentence style: the first word of title and subtitle capitalised) and
    # 11.27 (titles in other languages in sentence style); catalogues print "riformatore : da"
    items = [book("v", "Venturi", "Franco", "Settecento riformatore: da Muratori a Beccaria", 1969),
             book("p", "Prado Júnior", "Caio", "Formação do Brasil contemporâneo: colônia", 1942),
             book("h", "Huizinga", "Johan", "herfsttij der middeleeuwen", 1919)]
    assert [e for _, e in render_items(items)] == [
        "Huizinga, Johan. Herfsttij der middeleeuwen. London: Verso, 1919.",
        "Prado Júnior, Caio. Formação do Brasil contemporâneo: Colônia. London: Verso, 1942.",
        "Venturi, Franco. Settecento riformatore: Da Muratori a Beccaria. London: Verso, 1969.",
    ]


# --- archival documents (CMOS 17 14.224, 14.232, 14.238) ---------------------------

ARCHIVAL = [
    {"id": "letter", "type": "manuscript", "author": [{"literal": "Avery"}], "title": "Avery to Lund",
     "issued": {"date-parts": [[1951, 3, 3]]}, "archive": "Lund Papers", "archive_location": "LND2/44/7-9"},
    {"id": "file", "type": "manuscript", "archive_location": "FO 800/310"},
    {"id": "papers", "type": "manuscript", "archive": "Hatton Papers"},
]


def test_a_letter_in_a_collection_is_named_by_writer_and_recipient_unquoted():
    """CMOS 14.224, 14.232: "Henry Thomas to Fred Thomas, March 9, 1862, …"; the writer not printed twice."""
    d = document(ARCHIVAL, [("letter", "")], [("file", "")], [("letter", "")])
    assert notes(d) == ["Avery to Lund, March 3, 1951, LND2/44/7-9, Lund Papers.", "FO 800/310.", "Avery to Lund."]


def test_a_file_cited_by_its_call_number_or_collection_is_named_by_it():
    """CMOS 14.238: a file is cited by its reference ("FO 800/310"), not as an "unpublished manuscript"
    with a quoted title and "n.d."."""
    d = document(ARCHIVAL, [("file", ""), ("papers", "")])
    assert notes(d) == ["FO 800/310; Hatton Papers."]
    entries = [text for _, text in render_items(ARCHIVAL[1:], style="shortened-notes-bibliography")]
    assert entries == ["FO 800/310.", "Hatton Papers."]
