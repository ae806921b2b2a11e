"""Inputs written after the rules, to see how the pipeline does on lists it was not built on."""

from pathlib import Path

import pytest

from haliref import parse_text

FRESH = Path(__file__).parent / "data" / "fresh"


def works_by_note(name):
    document = parse_text((FRESH / name).read_text(encoding="utf-8"))
    works = {work.id: work.csl for work in document.works}
    return document, works


def test_chicago_notes_with_ibid_short_forms_chapter_and_article():
    document, works = works_by_note("chicago-notes-plain.txt")
    cited = [(n.number, c.work, c.prefix, c.locator) for n in document.notes for c in n.citations]
    assert cited == [
        (1, "hunt1984politics", "", "52"),
        (2, "furet1978penser", "See", "38–41"),
        (3, "furet1978penser", "", "45"),
        (4, "sewell1985ideologies", "", ""),  # an article's range alone is the article's (FORMAT.md, CMOS 14.175)
        (5, "hunt1984politics", "", "60"),
        (6, "baker1987representation", "Cf.", ""),  # and a chapter's range of 24 pages, the chapter's (FORMAT.md)
        (7, "koselleck1959kritik", "", "12"),
    ]
    article = works["sewell1985ideologies"]
    assert (article["type"], article["container-title"], article["volume"], article["issue"], article["page"]) == (
        "article-journal", "Journal of Modern History", "57", "1", "57–85")
    chapter = works["baker1987representation"]
    assert chapter["type"] == "chapter" and chapter["container-title"] == "The Political Culture of the Old Regime"
    assert chapter["page"] == "469–492"
    assert chapter["editor"] == [{"family": "Baker", "given": "Keith Michael"}]
    assert works["sewell1985ideologies"]["author"][0]["suffix"] == "Jr."


def test_author_date_list_under_a_heading():
    _document, works = works_by_note("author-date-under-heading.txt")
    assert list(works) == ["anderson1983imagined", "gellner1983nations", "hobsbawm1983invention", "skocpol1979states"]
    edited = works["hobsbawm1983invention"]
    assert "author" not in edited and [e["family"] for e in edited["editor"]] == ["Hobsbawm", "Ranger"]
    assert works["anderson1983imagined"]["publisher"] == "Verso"


@pytest.mark.parametrize(("note", "work", "locator"), [
    (1, "taylor1961origins", "p. 102"), (4, "bullock1962hitler", "p. 315"),
    (8, "taylor1961origins", "p. 110"), (9, "kershaw1993working", ""),  # the article's own range, its page
])
def test_springer_list_with_a_short_title_form(note, work, locator):
    document, works = works_by_note("springer-short-forms.txt")
    by_number = {n.number: n for n in document.notes}
    assert (by_number[note].citations[0].work, by_number[note].citations[0].locator) == (work, locator)
    assert works["kershaw1993working"]["container-title"] == "Contemporary European History"
    assert works["kershaw1993working"]["page"] == "103–118"
