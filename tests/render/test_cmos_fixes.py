"""CMOS 17 fixes of issue 16 (author-date, items 5 and 6, the HTML page), one test per paragraph.

Items are built here by hand; each expected string was read against the CMOS paragraph the
test names.
"""

from __future__ import annotations

from typing import Any

from haliref.model import Citation, Document, Note, Work
from haliref.render.chicago import render_entries, render_items


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
