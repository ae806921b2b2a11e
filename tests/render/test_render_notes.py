"""haliref.render.notes: a note's cites joined as the author wrote them."""

from __future__ import annotations

from haliref.render.notes import _join_note, _strip_parens


def test_cites_join_with_semicolons_and_prose_opens_a_sentence():
    assert _join_note(["Roe, 4", "Poe, 5"]) == "Roe, 4; Poe, 5."
    assert _join_note(["Roe, 4.", "\0See also Poe, 5"]) == "Roe, 4. See also Poe, 5."
    assert _join_note(["Halliday 1980", "\1, 1990"]) == "Halliday 1980, 1990."
    assert _join_note(["", "“Title?”"]) == "“Title?”."   # the final period is dropped or moved when finished
    assert _strip_parens("(Roe 1990)") == "Roe 1990"
