"""A parliament's debates cited by name, volume, columns and day (haliref.parse.debates)."""

from __future__ import annotations

import pytest

from haliref import parse_text
from haliref.parse.debates import DebatesParts, debates_parts


@pytest.mark.parametrize(
    ("chunk", "parts"),
    [
        ("HC Deb 5th Series Volume 290 Columns 1930, 1932, 14 June 1934.",
         DebatesParts(name="HC Deb", series="5th Series", volume="290", date="14 June 1934", columns="1930, 1932",
                      text="HC Deb 5th Series Volume 290 Columns 1930, 1932, 14 June 1934")),
        ("H.C. Deb., 5th ser., vol. 150, col. 1682.",
         DebatesParts(name="H.C. Deb.", series="5th ser.", volume="150", columns="1682",
                      text="H.C. Deb., 5th ser., vol. 150, col. 1682")),
        ("Speech by Lowe, 20 May 1920, Parl. Deb. (Commons), vol. 129, col. 1682",
         DebatesParts(name="Parl. Deb. (Commons)", volume="129", date="20 May 1920", columns="1682", speaker="Lowe",
                      text="Parl. Deb. (Commons), vol. 129, col. 1682")),
        ("See Hansard, vol. 71, 18 December 1968, c. 52",
         DebatesParts(name="Hansard", volume="71", date="18 December 1968", columns="52", prefix="See",
                      text="Hansard, vol. 71, 18 December 1968, c. 52")),
    ],
)
def test_the_debates_name_volume_day_and_columns_are_read(chunk, parts):
    assert debates_parts(chunk) == parts


@pytest.mark.parametrize(
    "chunk",
    [
        "The Hansard of that week was silent on the harbours.",  # the name in the author's sentence
        "Hansard",  # the name alone: nothing cited in it
        "HC Deb, vol. 12, col. 4, where the minister spoke at length",  # words the citation does not hold
    ],
)
def test_prose_that_names_the_debates_is_no_citation_of_them(chunk):
    assert debates_parts(chunk) is None


def test_debates_become_documents_with_their_columns_as_the_locator():
    """In a note among other works: the debates are a document titled with their name, the day its date, the
    volume kept; the columns are the place the note cites; a semicolon after the columns ends the citation."""
    document = parse_text("5. HC Deb 5th Series Volume 290 Columns 1930, 1932, 14 June 1934; Ann Roe, Harbours "
                          "(Leeds: Tide Press, 1990), 4.\n")
    debates, book = document.notes[0].citations
    work = document.work(debates.work).csl
    assert (work["type"], work["title"], work["volume"], work["issued"]) == (
        "document", "HC Deb", "290", {"date-parts": [[1934, 6, 14]]})
    assert debates.locator == "1930, 1932"
    assert document.work(book.work).csl["title"] == "Harbours" and book.locator == "4"


def test_the_congressional_record_is_cited_under_the_days_debate():
    """"Trade Act of 2002, HR 3009, 107th Cong., 2nd sess., Congressional Record 148 (July 27, 2002): H5975
    (Thomas)": the debate's title is the document's, the record its container, the bill, Congress and session
    left in the text, the page the locator; a sentence that names the record is no citation of it."""
    document = parse_text("2 Harbour Act of 2002, HR 3009, 107th Cong., 2nd sess., Congressional Record 148 "
                          "(July 27, 2002): H5975 (Lowe).\n")
    citation = document.notes[0].citations[0]
    work = document.work(citation.work).csl
    assert (work["type"], work["title"], work["container-title"], work["volume"]) == (
        "document", "Harbour Act of 2002", "Congressional Record", "148")
    assert work["issued"] == {"date-parts": [[2002, 7, 27]]} and citation.locator == "H5975"
    assert debates_parts("the Congressional Record 148 (July 27, 2002) is silent") is None
