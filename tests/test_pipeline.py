"""The whole pipeline on the bundled list, and the public API."""

from pathlib import Path

import pytest

from haliref import parse_text

SEED = Path(__file__).parent.parent / "seeds" / "halliday-1999-export-of-revolution.txt"


@pytest.fixture(scope="module")
def document():
    return parse_text(SEED.read_text(encoding="utf-8"), today_year=2026)


def test_bundled_list_counts(document):
    assert len(document.notes) == 29
    assert sum(len(note.citations) for note in document.notes) == 35
    assert len(document.works) == 33
    assert len({work.id for work in document.works}) == 33


def test_repeats_and_short_forms_share_a_work(document):
    by_number = {note.number: note for note in document.notes}
    assert by_number[45].citations[0].work == by_number[6].citations[0].work
    assert by_number[45].citations[0].short_form
    assert by_number[52].citations[0].work == by_number[13].citations[1].work


def test_no_link_noise_or_furniture_left_in_notes(document):
    for note in document.notes:
        assert "Google Scholar" not in note.text and "CrossRef" not in note.text
    noise = [d for d in document.dropped if d.reason == "link noise"]
    assert len(noise) == 32


def test_every_correction_is_undone_by_no_corrections():
    raw = parse_text(SEED.read_text(encoding="utf-8"), corrections=False)
    assert all(not work.corrections for work in raw.works)
    every_rule = {c.rule for work in parse_text(SEED.read_text(encoding="utf-8")).works for c in work.corrections}
    undone = parse_text(SEED.read_text(encoding="utf-8"), skip_rules=every_rule)
    assert [w.csl for w in undone.works] == [w.csl for w in raw.works]


def test_a_notes_page_after_a_chapters_last_paragraph_is_read_as_notes_not_as_prose():
    """A chapter's closing paragraphs and notes each a long line (SpringerLink): the notes hold most of the
    text, so the notes reader reads it; the paragraph is reported as dropped, not lost."""
    paragraph = " ".join(["The conclusion of this chapter is necessarily tentative, and the trends it names"] * 5)
    note = ("For a good summary of the long debate on the grain trade of the northern ports in the early modern "
            "period, see Peter Marsh, The Grain Trade of the Baltic Ports: Merchants, Ships and Markets, "
            "1550–1700 (Oxford: Clarendon Press, 1977), pp. 3–23, and the works cited there.")
    text = f"{paragraph}\n\n  1. 1.\n    {note}\n  2. 2.\n    {note.replace('3–23', '45')}\n"
    document = parse_text(text)
    assert [n.number for n in document.notes] == [1, 2]
    assert all(n.citations for n in document.notes)
    assert any(d.line == 1 for d in document.dropped)


def test_long_lines_in_which_the_prose_reader_finds_nothing_are_read_as_a_list():
    entry = ("Marsh, Peter (1977). The Grain Trade of the Baltic Ports: Merchants, Ships and Markets in the "
             "Northern Seas, 1550–1700, with an Account of the Sound Toll Registers and of the Prices Paid "
             "for Rye and Wheat in the Ports of Danzig and Königsberg. Oxford: Clarendon Press. ISBN 0-19-822000-1.")
    document = parse_text(f"{entry}\n{entry.replace('1977', '1979')}\n")
    assert sum(len(n.citations) for n in document.notes) == 2


def test_an_author_date_short_form_gives_its_author_and_year_not_a_name_ending_in_a_year():
    document = parse_text("4. Vgl. Frese (1988) S. 455.\n5. Cf. Smith 1990, 109.\n")
    works = [document.work(note.citations[0].work).csl for note in document.notes]
    assert [(w["author"], w["issued"]) for w in works] == [
        ([{"literal": "Frese"}], {"date-parts": [[1988]]}), ([{"literal": "Smith"}], {"date-parts": [[1990]]})]


def test_a_quoted_short_title_keeps_apart_the_year_after_its_closing_quote():
    """"Roe, “Title,” 1963": the comma sits inside the quotes, so the year is not the title's last word."""
    document = parse_text('5. Library of Congress, "The Grain Ledgers of the Ports," 1963.\n'
                          "6. Roe, “The Harbour Clerks, 1850–1964.”\n")
    first, second = (document.work(note.citations[0].work).csl for note in document.notes)
    assert (first["title"], first["issued"]) == ("The Grain Ledgers of the Ports", {"date-parts": [[1963]]})
    assert (second["title"], "issued" in second) == ("The Harbour Clerks, 1850–1964", False)  # inside the quotes


def test_an_author_date_citation_in_a_notes_sentence_gives_its_authors_year_and_pages():
    """"(Pardo, 1976: 64)", "Roe and Poe (2009: 755)", "… in Roe and Poe (1992).": the rules' reading stands (the
    year in brackets is no imprint the labeller should read the sentence around)."""
    document = parse_text("1. ‘A port is any harbour that ships reach at low tide’ (Pardo, 1976: 64).\n"
                          "2. In their restatement of the harbour thesis, Roe and Poe (2009: 755) pointed out that "
                          "the trade had changed.\n"
                          "3. The figures for the ports are taken from the contributions in Roe and Poe (1992).\n")
    read = [(c.prefix, c.locator, [a["literal"] for a in document.work(c.work).csl["author"]],
             document.work(c.work).csl["issued"], "title" in document.work(c.work).csl)
            for note in document.notes for c in note.citations]
    assert read == [
        ("‘A port is any harbour that ships reach at low tide’", "64", ["Pardo"], {"date-parts": [[1976]]}, False),
        ("In their restatement of the harbour thesis,", "755", ["Roe", "Poe"], {"date-parts": [[2009]]}, False),
        ("The figures for the ports are taken from the contributions in", "", ["Roe", "Poe"],
         {"date-parts": [[1992]]}, False)]


def test_a_paragraph_of_whole_references_run_together_is_one_entry_each():
    """A bibliography pasted from a PDF, its entries run together under a heading on their line: one entry each, as
    a list's lines are, each with its own text and the paragraph's line; nothing of the line is lost."""
    line = ("THE HARBOUR COUNCIL Roe, A. M., 'Why the History of the Early Harbour Council Remains Un• written' in "
            "Studies in Harbour and Quay Politics and Government, I (Cambridge, 1974). -'The King's Harbour Clerk' in "
            "ibid. Vance, D. E., The King's Harbour in the Reign of Edward VI (Cambridge, 1976). Tull, M. B., The "
            "Harbour Council in the Fifteen-seventies (Berke• ley, California, 1971).")
    document = parse_text(f"Books on the harbours, and the ports they served, are listed below.\n\n{line}\n")
    assert [(note.text.split(",")[0], len(note.citations), note.lines) for note in document.notes] == [
        ("Roe", 1, [3]), ("Vance", 1, [3]), ("Tull", 1, [3])]
    assert "-'The King's Harbour Clerk' in ibid." in document.notes[0].text
    assert [document.work(note.citations[0].work).csl["issued"] for note in document.notes] == [
        {"date-parts": [[1974]]}, {"date-parts": [[1976]]}, {"date-parts": [[1971]]}]
    # an entry by the same author as the one before, a dash for the name, is an entry of its own too
    repeated = parse_text("THE QUAYS Marsh, G. R., Quays and Ledgers: the Grain Trade in the Age of the Ports "
                          "(Cambridge, 1972). -Studies in Harbour Politics and Trade (Cambridge, 1974). "
                          "Pardo, F. G., Tudor Harbours (London, 1961).\n")
    assert [note.text[:8] for note in repeated.notes] == ["Marsh, G", "-Studies", "Pardo, F"]
    assert [a["family"] for note in repeated.notes for a in repeated.work(note.citations[0].work).csl["author"]] == [
        "Marsh", "Marsh", "Pardo"]


def test_a_page_after_a_newspapers_date_is_the_cited_page():
    document = parse_text("86. Ann Roe, “The Crisis,” New York Times, May 3, 1950, 4.\n")
    citation = document.notes[0].citations[0]
    csl = document.work(citation.work).csl
    assert (citation.locator, csl["type"], "volume" in csl, "page" in csl) == ("4", "article-newspaper", False, False)


def test_one_page_after_an_article_in_a_note_is_the_cited_page_and_a_range_the_articles_own():
    """CMOS 14.171: a note cites an article's page ("Lisbon Studies 2 (22), 48"), a bibliography gives its range."""
    document = parse_text("1. ‘The Harbour Clerks’, Lisbon Studies 2 (22), 48.\n"
                          "2. ‘The Grain Ledgers’, Lisbon Studies 3 (23), 41–60.\n")
    read = [(c.locator, document.work(c.work).csl.get("page"), document.work(c.work).csl["type"])
            for note in document.notes for c in note.citations]
    assert read == [("48", None, "article-journal"), ("", "41–60", "article-journal")]


def test_a_short_form_of_an_edited_book_after_the_authors_words_keeps_its_editors_title_and_pages():
    document = parse_text("3. Appropriation hearings testimony is in Carney and Way, eds., Politics 1964, 296-304.\n"
                          "4. For Oppenheimer quote, see “Scorpions in a Bottle,” Defense Journal, July 1998.\n")
    first, second = (note.citations[0] for note in document.notes)
    assert (first.prefix, first.locator) == ("Appropriation hearings testimony is in", "296-304")
    work = document.work(first.work).csl
    assert (work.get("editor"), work["title"]) == ([{"literal": "Carney"}, {"literal": "Way"}], "Politics 1964")
    article = document.work(second.work).csl
    assert (article["title"], article["container-title"], article["issued"]) == (
        "Scorpions in a Bottle", "Defense Journal", {"date-parts": [[1998, 7]]})


def test_an_unnumbered_entry_that_cites_nothing_is_reported_dropped_not_kept_as_a_note():
    """A wrapped sidebar or a sentence between a list's sections: no note, its lines reported; a numbered note
    citing nothing stays a note (an author's remark)."""
    from haliref.pipeline import UNCITED

    listed = parse_text("Auguste Roe, Les Noms de lieu de la France, Paris, 1920.\n"
                        "Albert Poe, La Toponymie française, Paris, 1939.\n\n"
                        "Peuplement par les Francs, Bretons, Basques.\n\n"
                        "Jules Doe, Les Limes et les fortifications de Belgique, Bruxelles, 1943.\n"
                        "Franz Moe, Germanisches Volksleben in Wallonien, Bonn, 1937.\n")
    assert [(note.lines, len(note.citations)) for note in listed.notes] == [([1], 1), ([2], 1), ([6], 1), ([7], 1)]
    assert [(d.line, d.text) for d in listed.dropped if d.reason == UNCITED] == [
        (4, "Peuplement par les Francs, Bretons, Basques.")]
    numbered = parse_text("1. Ann Roe, Life (London, 1990), 5.\n2. I return to this point below.\n")
    assert [(note.number, len(note.citations)) for note in numbered.notes] == [(1, 1), (2, 0)]


def test_a_dash_for_the_same_author_gets_the_author_of_the_entry_above_and_can_be_undone():
    from haliref.pipeline import REPEATED_AUTHOR

    text = ("Roe, Winston. Great Contemporaries. London: Butterworth, 1932.\n"
            "———. My African Journey. London: Hodder and Stoughton, 1908.\n"
            "——— Painting as a Pastime. London: Odhams Press, 1948.\n"
            "Poe, Ann. Harbours. Leeds: Northern Press, 1990.\n")
    document = parse_text(text)
    authors = [document.work(note.citations[0].work).csl["author"][0].get("family") for note in document.notes]
    assert authors == ["Roe", "Roe", "Roe", "Poe"]
    repeated = [c for c in document.work(document.notes[1].citations[0].work).corrections if c.rule == REPEATED_AUTHOR]
    assert [(c.field, c.before, c.after) for c in repeated] == [("author", "———", "Roe, Winston")]
    undone = parse_text(text, skip_rules={REPEATED_AUTHOR})
    assert undone.work(undone.notes[1].citations[0].work).csl["author"] == [{"literal": "———"}]


def test_a_reading_lists_numbered_section_heading_and_contact_line_are_dropped_and_its_entries_read():
    from haliref.pipeline import NUMBERED_HEADING

    text = ("Convenor: Dr. Ann Roe, Gonville and Caius College, ar20@cam.ac.uk\n"
            "11. RACE IN THE OCEANIC REPUBLIC OF LETTERS\n"
            "a. Was the idea of race created across oceans?\n"
            "Sujit Marsh and Marwa Lowe eds., Science, Race and Imperialism (2012), for primary sources.\n"
            "Tony Ballan, Race and orientalism: Aryanism in the British Empire (2002).\n"
            "Thomas Trout, Aryans and British India (1997).\n")
    document = parse_text(text)
    assert 11 not in [note.number for note in document.notes]
    entries = [note for note in document.notes if note.lines[0] >= 4]
    assert [note.lines for note in entries] == [[4], [5], [6]]
    first = document.work(entries[0].citations[0].work).csl
    assert [name["family"] for name in first["editor"]] == ["Marsh", "Lowe"]
    assert first["title"] == "Science, Race and Imperialism"
    reasons = {d.line: d.reason for d in document.dropped}
    assert reasons[1] == "page furniture: contact address" and reasons[2] == NUMBERED_HEADING
    numbered = parse_text("1. Ann Roe, Life (London, 1990), 5.\n2. SEE ABOVE.\n3. Bob Poe, Death (Leeds, 1991).\n")
    assert [note.number for note in numbered.notes] == [1, 2, 3]  # between notes 1 and 3: a note


def test_a_reading_guides_numbered_chapter_titles_are_dropped_and_its_paragraphs_read():
    from haliref.pipeline import NUMBERED_TITLE

    text = ("  1. Poetry and Society in the Age of Augustus (By A. B. Roe)\n\n\n"
            "The best introduction to the poets of this chapter is Ann Poe, Reading Horace (Edinburgh,\n"
            "1967); see also Bob Lee, Propertius (London, 1974), and for the period as a whole the\n"
            "survey of Carl Moe, The Latin Poets (Oxford, 1980).\n\n\n"
            "  1. Virgil (By Carl Moe)\n")
    document = parse_text(text)
    assert [note.number for note in document.notes] == [None]
    assert [document.work(c.work).csl["title"] for c in document.notes[0].citations] == [
        "Reading Horace", "Propertius", "The Latin Poets"]
    assert [d.line for d in document.dropped if d.reason == NUMBERED_TITLE] == [1, 9]
    # a title-case note with a note beside it, or one that ends as a citation does, stays a note
    notes = parse_text("1. Ann Roe, Life (London, 1990), 5.\n2. Further Reading And Sources\n3. Bob Poe, Death.\n")
    assert [note.number for note in notes.notes] == [1, 2, 3]
    assert [note.number for note in parse_text("7. Ibid.\n").notes] == [7]
    # a document's title with its source right under it, as a documents edition lists them, is a note
    documents = parse_text("1. Telegram From the Department of State to the Embassy in France\n"
                           "Source: Department of State, Central Files, POL 16 CHICOM. Secret; Immediate.\n")
    assert [note.number for note in documents.notes] == [1]


def test_a_short_forms_volume_after_its_title_goes_with_the_page_cited():
    """"Roe, Opere, 19, p. 606": one work in several volumes, cited at a volume and a page (CMOS 14.123)."""
    document = parse_text("1. Roe, Opere, 19, p. 606.\n2. Letter to Ann Poe, 1604 (Roe, Opere, 10, p. 115).\n")
    citations = [c for note in document.notes for c in note.citations]
    assert [c.locator for c in citations] == ["19, p. 606", "10, p. 115"]
    assert len({c.work for c in citations}) == 1 and document.works[0].csl["title"] == "Opere"


def test_a_numbered_headings_number_alone_on_its_line_is_reported_with_it():
    """Found by the property test: "4." above "Chapter" is one heading on two lines; both are reported."""
    text = ("4.\n\nChapter\nFirst Online: 02 March 2019\n\nReferences\n1.\n"
            "Ann Roe, Les Lieux (Paris: Gallimard, 1984) p. 17.\n2.\n"
            "Bob Poe, La Mémoire (Paris: PUF, 1950) pp. 35–8.\n")
    document = parse_text(text)
    seen = {line for note in document.notes for line in note.lines} | {d.line for d in document.dropped}
    assert seen == set(range(1, len(text.splitlines()) + 1))
    assert [note.number for note in document.notes] == [1, 2]
    # again by the property test: a byte-order mark before the number, and nothing under the heading
    marked = parse_text("\ufeff" + text)
    assert {line for note in marked.notes for line in note.lines} | {d.line for d in marked.dropped} == seen
    assert [(d.line, d.text) for d in marked.dropped if d.reason.startswith("heading: numbered")] == [
        (1, "\ufeff4."), (3, "Chapter")]


def test_a_reading_lists_author_title_and_year_entry_has_its_year_apart_from_its_title():
    document = parse_text("ROE A., Theory and Practice in Archaeology, 1992.\n\n"
                          "POE B., Reading the Past, Current Approaches, 1986/93.\n")
    works = [document.work(note.citations[0].work).csl for note in document.notes]
    assert [(w["title"], w["issued"]["date-parts"][0][0]) for w in works] == [
        ("Theory and Practice in Archaeology", 1992), ("Reading the Past, Current Approaches", 1986)]


def test_a_short_entrys_known_publisher_or_place_before_its_year_is_its_imprint():
    document = parse_text("1. Y. Roe, Les genres littéraires, Hachette, 1992 ; M. Poe, Le genre, Flammarion, 2004 ; "
                          "K. Lee, Les genres, Leeds Press, 1999.\n")
    works = [document.work(c.work).csl for c in document.notes[0].citations]
    assert [(w["title"], w.get("publisher")) for w in works] == [
        ("Les genres littéraires", "Hachette"), ("Le genre", "Flammarion"),
        ("Les genres, Leeds Press", None)]  # a publisher nobody knows stays where it was (an entry this short is
    # not given to the labeller: tests/parse/test_notes.py, a dated reference without pages)


def test_a_page_that_prints_forename_comma_surname_has_its_names_read_the_other_way_round():
    """Cambridge Core's older notes print "Dorothy, Thompson, ‘Title’": where the page does so for two names or
    more, and the second word is a family name it gives elsewhere, the names are read the other way round
    (rule given-name-first, undoable); one such name alone is a true "Thomas, Keith"."""
    text = ("1 Dorothy, Parmley, ‘Ports as a subject’, Harbour History, 2 (1959), 42–59; Parmley, E. P., The making "
            "of the ports (1963).\n2 Harriet, Wendover, ‘Grain reconsidered’, Harbour History, 3 (1960), 1–9; "
            "Wendover, (ed.), Grain studies (1961).\n")
    document = parse_text(text)
    first = [document.work(note.citations[0].work).csl["author"][0] for note in document.notes]
    assert first == [{"family": "Parmley", "given": "Dorothy"}, {"family": "Wendover", "given": "Harriet"}]
    undone = parse_text(text, skip_rules={"given-name-first"})
    assert undone.work(undone.notes[0].citations[0].work).csl["author"][0]["family"] == "Dorothy"
    alone = parse_text("1 Dorothy, Parmley, ‘Ports as a subject’, Harbour History, 2 (1959), 42–59; Parmley, E. P., "
                       "The making of the ports (1963).\n")
    assert alone.work(alone.notes[0].citations[0].work).csl["author"][0]["family"] == "Dorothy"


def test_a_numbered_note_that_is_a_title_alone_cites_that_title():
    """"3. ^ Storia di Lecco." (an online encyclopedia's note, a linked page): a numbered note of a few capitalised
    words, the small words of titles and names between them, cites a work by that title; a sentence, a name alone
    or an unnumbered line does not."""
    document = parse_text("1. ^ Storia di Lecco.\n2. ^ Roberto da Lecco.\n3. See above.\n4. Roe.\n")
    assert [[document.work(c.work).csl.get("title") for c in n.citations] for n in document.notes] == [
        ["Storia di Lecco"], ["Roberto da Lecco"], [], []]
    assert parse_text("Storia di Lecco.\n").notes == []


def test_an_undated_paragraph_right_before_note_one_is_the_pages_text():
    """"CONSTITUTION. The Harbour Board consists of the ports of …" above a list's note 1, taken for an entry by
    the page reader and for a reference by the rules, has no year in it: it is the page's text, reported dropped;
    an author's note there that cites a dated work stays a note, as does an undated entry not before note 1."""
    from haliref.pipeline import _undated_before_note_one
    from haliref.read.segment import RawNote

    def raw(number, text):
        return RawNote(number=number, lines=[1], items=[[text]])

    prose = raw(None, "CONSTITUTION. The Harbour Board consists of the ports of Leeds, Hull and York.")
    assert _undated_before_note_one(prose, [raw(1, "Ann Lowe, Harbours (Leeds, 1983), 12.")])
    tribute = raw(None, "This essay is dedicated to Carl Dunn (Quays and Cranes (York, 2000), 13).")
    assert not _undated_before_note_one(tribute, [raw(1, "Ann Lowe, Harbours (Leeds, 1983), 12.")])
    assert not _undated_before_note_one(prose, [raw(5, "Ann Lowe, Harbours (Leeds, 1983), 12.")])
    assert not _undated_before_note_one(prose, [])


def test_an_epigraphs_source_before_note_one_stays_a_note():
    """"The epigraph is from Carl Dunn, Quays and Cranes, 13." above note 1: no year in it, but a work cited with its
    page is the epigraph's source, not the page's text."""
    document = parse_text("The epigraph is drawn from Carl Dunn, Quays and Cranes, 13.\n"
                          "1. Ann Lowe, Harbours (Leeds, 1983), 12.\n2. Bob Moss, Ports (Hull, 1950), 4.\n")
    assert [n.number for n in document.notes] == [None, 1, 2] and document.notes[0].citations


def test_numbered_notes_are_labelled_by_the_notes_labeller_and_a_lists_entries_by_the_list_labeller(monkeypatch):
    from haliref import pipeline
    from haliref.parse.tagger import Tagger, default_tagger
    from haliref.resources import model_path

    class Recording(Tagger):
        def __init__(self) -> None:
            super().__init__(model_path("notes.crfsuite"))
            self.texts: list[str] = []

        def label_tokens(self, text):
            self.texts.append(text)
            return super().label_tokens(text)

    recording = Recording()
    asked = []
    monkeypatch.setattr(pipeline, "notes_labeller", lambda tagger: asked.append(tagger) or recording)
    notes = ("1. Ann Roe, A Harbour Town (Leeds: Tide Press, 1988), 12.\n"
             "2. Bob Poe, The Quiet Mill (York: Lark Books, 1975), 3.\n")
    document = parse_text(notes)
    assert asked == [default_tagger()]
    assert [work.csl["title"] for work in document.works] == ["A Harbour Town", "The Quiet Mill"]
    assert any("Harbour Town" in text for text in recording.texts)
    assert any("Quiet Mill" in text for text in recording.texts)
    recording.texts.clear()
    entries = ("Roe, Ann. A Harbour Town. Leeds: Tide Press, 1988.\n"
               "Poe, Bob. The Quiet Mill. York: Lark Books, 1975.\n")
    assert len(parse_text(entries).works) == 2
    assert recording.texts == []
