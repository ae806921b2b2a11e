"""haliref.render.page: the formatted parts laid out as one output."""

from __future__ import annotations

from haliref.model import Note
from haliref.render.page import _html_page, _wrap_bibliography, _wrap_notes


def test_notes_are_numbered_as_printed_in_each_format():
    rows = [(Note(1, [1], ""), "Roe, 4."), (Note(None, [2], ""), "See above.")]
    assert _wrap_notes(rows, "text") == "1. Roe, 4.\nSee above."
    assert _wrap_notes(rows, "md") == "1\\. Roe, 4.\n\nSee above."
    assert _wrap_notes(rows, "html") == (
        '<div class="csl-notes">\n<div class="csl-entry">1. Roe, 4.</div>\n'
        '<div class="csl-entry">See above.</div>\n</div>')


def test_bibliography_entries_and_the_html_page():
    assert _wrap_bibliography(["A.", "B."], "text") == "A.\nB."
    assert _wrap_bibliography(["A."], "html") == '<div class="csl-bib-body">\n<div class="csl-entry">A.</div>\n</div>'
    page = _html_page([("Notes", "N"), ("Bibliography", "B")], "all")
    assert page.startswith("<!DOCTYPE html>\n") and "<title>Notes and Bibliography</title>" in page
    assert "<h2>Notes</h2>\nN\n<h2>Bibliography</h2>\nB\n</body>" in page
    assert "text-indent: -2em" in page          # the bibliography's hanging indent
    assert "<h2>" not in _html_page([("Bibliography", "B")], "bibliography")


def test_a_notes_page_key_and_phrase_end_with_a_colon_a_number_with_a_stop():
    keyed = Note(number=None, list_items=[], text="", label="p. 3 ‘at best circumstantial . . .’")
    page_only = Note(number=None, list_items=[], text="", label="p. 3")
    numbered = Note(number=12, list_items=[], text="")
    assert _wrap_notes([(keyed, "Roe, Life, 29."), (page_only, "Roe, Life, 30."), (numbered, "Ibid.")], "text") == (
        "p. 3 ‘at best circumstantial . . .’: Roe, Life, 29.\np. 3. Roe, Life, 30.\n12. Ibid.")
