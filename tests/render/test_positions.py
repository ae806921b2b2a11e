"""haliref.render.positions: CSL positions over the document's notes."""

from __future__ import annotations

from haliref.render.positions import _Cite, _positions


def positions(notes, near=5):
    cites = [[_Cite(n, work, loc) for work, loc in note] for n, note in enumerate(notes)]
    _positions(cites, near)
    return [[(c.position, c.near) for c in note] for note in cites]


def test_first_ibid_and_subsequent():
    p = ("page", "4")
    assert positions([[("a", p)], [("a", p)], [("a", ("page", "5"))], [("a", None)], [("b", None)], [("a", None)]]) == [
        [("first", False)], [("ibid", True)], [("ibid-with-locator", True)], [("subsequent", True)],
        [("first", False)], [("subsequent", True)],
    ]


def test_ibid_needs_the_previous_note_to_cite_only_that_work_and_a_note_without_cites_breaks_it():
    assert positions([[("a", None), ("b", None)], [("a", None)]])[1] == [("subsequent", True)]
    assert positions([[("a", None)], [], [("a", None)]])[2] == [("subsequent", True)]
    assert positions([[("a", None), ("a", ("page", "3"))]])[0][1] == ("ibid-with-locator", True)


def test_near_note_distance():
    assert positions([[("a", None)], [("b", None)], [("c", None)], [("a", None)]], near=2)[3] == [
        ("subsequent", False)]
