"""haliref.render.markup: rich text in, intermediate representation through citeproc, text/HTML/Markdown out."""

from __future__ import annotations

import pytest

from haliref.render.markup import _I_OFF, _I_ON, _finish, _markup_free, _markup_to_ir, _smart_quotes


def test_rich_text_becomes_markers_that_keep_their_case():
    ir = _markup_to_ir("The <i>Times</i> and <b>bold</b> x<sup>2</sup>")
    assert _I_ON + "Times" + _I_OFF in ir and '<span class="nocase">' in ir
    assert "bold" in ir and "<b>" not in ir and "<sup>" not in ir
    assert _markup_free("A <i>B</i>") == "A B"


def test_straight_quotes_become_typographic():
    assert _smart_quotes("it's the '60s, \"Title\"") == "it’s the ’60s, “Title”"
    assert _smart_quotes("no quotes") == "no quotes"


def test_periods_and_commas_go_inside_quotes_and_nested_quotes_flip():
    assert _finish("“Title”, 12.", "text") == "“Title,” 12."
    assert _finish("“A “B” C”.", "text") == "“A ‘B’ C.”"
    assert _finish("Why?.", "text") == "Why?"
    assert _finish("Ann  Roe", "text") == "Ann Roe"


def test_italics_in_each_format_and_escaping_in_one_place():
    ir = f"A {_I_ON}Book <1>{_I_OFF} & more"
    assert _finish(ir, "text") == "A Book <1> & more"
    assert _finish(ir, "html") == "A <i>Book &lt;1&gt;</i> &amp; more"
    assert _finish(ir, "md") == r"A *Book \<1\>* & more"


def test_nested_italics_are_roman():
    ir = f"{_I_ON}On {_I_ON}Hamlet{_I_OFF}{_I_OFF}"
    assert _finish(ir, "html") == '<i>On <span style="font-style:normal;">Hamlet</span></i>'
    assert _finish(ir, "md") == "*On* Hamlet"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        _finish("x", "pdf")
