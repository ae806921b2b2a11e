"""haliref.render.bibliography: entries in order, repeated names as the 3-em dash (CMOS 17 14.67)."""

from __future__ import annotations

from haliref.render.bibliography import _bibliography_ir
from haliref.render.engine import _Engine
from haliref.render.prepare import prepare_item


def book(title, year, **extra):
    return {"type": "book", "title": title, "author": [{"family": "Carr", "given": "E. H."}],
            "publisher": "Macmillan", "publisher-place": "London", "issued": {"date-parts": [[year]]}, **extra}


def test_entries_sorted_and_a_repeated_author_replaced_by_the_dash():
    items = [prepare_item("b", book("What Is History?", 1961)),
             prepare_item("a", book("The Twenty Years' Crisis", 1939))]
    entries = _bibliography_ir(_Engine("notes-bibliography", False, items), items)
    assert [i for i, _ in entries] == ["a", "b"]
    assert entries[0][1].startswith("Carr, E. H. ")
    assert entries[1][1].startswith("\u2014\u2014\u2014. ")
