"""A parliament's debates cited by name, volume, columns and day (haliref.parse.debates)."""

from __future__ import annotations

import pytest

from haliref import parse_text
from haliref.parse.debates import DebatesParts, debates_parts


@pytest.mark.parametrize(
    ("chunk", "parts"),
    [
        ("HC Deb 5th Series Volume 412 Columns 1204, 1209, 3 March 1931.",
         DebatesParts(name="HC Deb", series="5th Series", volume="412", date="3 March 1931", columns="1204, 1209",
                      text="HC Deb 5th Series Volume 412 Columns 1204, 1209, 3 March 1931")),
        ("H.C. Deb., 5th ser., vol. 188, col. 1417.",
         DebatesParts(name="H.C. Deb.", series="5th ser.", volume="188", columns="1417",
                      text="H.C. Deb., 5th ser., vol. 188, col. 1417")),
        ("Speech by Lowe, 12 May 1921, Parl. Deb. (Commons), vol. 141, col. 1417",
         DebatesParts(name="Parl. Deb. (Commons)", volume="141", date="12 May 1921", columns="1417", speaker="Lowe",
                      text="Parl. Deb. (Commons), vol. 141, col. 1417")),
        ("See Hansard, vol. 33, 4 November 1966, c. 87",
         DebatesParts(name="Hansard", volume="33", date="4 November 1966", columns="87", prefix="See",
                      text="Hansard, vol. 33, 4 November 1966, c. 87")),
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
    document = parse_text("5. HC Deb 5th Series Volume 412 Columns 1204, 1209, 3 March 1931; Ann Roe, Harbours "
                          "(Leeds: Tide Press, 1990), 4.\n")
    debates, book = document.notes[0].citations
    work = document.work(debates.work).csl
    assert (work["type"], work["title"], work["volume"], work["issued"]) == (
        "document", "HC Deb", "412", {"date-parts": [[1931, 3, 3]]})
    assert debates.locator == "1204, 1209"
    assert document.work(book.work).csl["title"] == "Harbours" and book.locator == "4"


def test_the_congressional_record_is_cited_under_the_days_debate():
    """"Harbour Act of 1996, HR 2214, 104th Cong., 2nd sess., Congressional Record 142 (June 12, 1996): H6121
    (Lowe)": the debate's title is the document's, the record its container, the bill, Congress and session
    left in the text, the page the locator; a sentence that names the record is no citation of it."""
    document = parse_text("2 Harbour Act of 1996, HR 2214, 104th Cong., 2nd sess., Congressional Record 142 "
                          "(June 12, 1996): H6121 (Lowe).\n")
    citation = document.notes[0].citations[0]
    work = document.work(citation.work).csl
    assert (work["type"], work["title"], work["container-title"], work["volume"]) == (
        "document", "Harbour Act of 1996", "Congressional Record", "142")
    assert work["issued"] == {"date-parts": [[1996, 6, 12]]} and citation.locator == "H6121"
    assert debates_parts("the Congressional Record 142 (June 12, 1996) is silent") is None
