"""haliref.render.fixes: the fixes that need the item, in order, on a rendered entry or cite."""

from __future__ import annotations

from haliref.render.fixes import _item_fixes


def test_a_files_bibliography_entry_is_its_name_alone():
    item = {"type": "document", "title": "FO 800/310"}
    assert _item_fixes(item, "“FO 800/310.” n.d.", True, False) == "FO 800/310."
    assert _item_fixes(item, "“FO 800/310,” n.d., 4.", False, False) == "FO 800/310, 4."


def test_other_items_pass_through_each_fix():
    reprint = {"type": "book", "original-date": {"date-parts": [[1923]]}, "issued": {"date-parts": [[1970]]}}
    assert _item_fixes(reprint, "T (1923; Dover, 1970), 4.", False, False) == "T (1923; repr., Dover, 1970), 4."
    assert _item_fixes({"type": "book"}, "Ann Roe, T (1990).", False, False) == "Ann Roe, T (1990)."
