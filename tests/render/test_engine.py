"""haliref.render.engine: the bridge to citeproc-py, one style and one set of items."""

from __future__ import annotations

from haliref.render.engine import _Engine, _load_style, _to_citeproc
from haliref.render.markup import _I_OFF, _I_ON
from haliref.render.positions import _Cite
from haliref.render.prepare import prepare_item
from haliref.render.styles import STYLES

BOOK = {"type": "book", "title": "The Rise of <i>Homo</i> Politicus", "author": [{"family": "Roe", "given": "Ann"}],
        "publisher": "Verso", "publisher-place": "London", "issued": {"date-parts": [[1990]]}}


def test_a_style_is_parsed_once():
    assert _load_style(STYLES["notes-bibliography"][0]) is _load_style(STYLES["notes-bibliography"][0])


def test_items_reach_citeproc_with_markers_and_season_numbers():
    item = _to_citeproc({"id": "x", "title": "A <i>B</i>", "issued": {"date-parts": [[1959]], "season": "Winter"}})
    assert _I_ON + "B" + _I_OFF in item["title"]
    assert item["issued"]["season"] == 4
    assert item["id"] == "x"


def test_cites_and_entries_are_rendered_as_intermediate_representation():
    engine = _Engine("notes-bibliography", True, [prepare_item("roe", BOOK)])
    first = engine.cite(_Cite(0, "roe", ("page", "12")))
    assert first.startswith("Ann Roe, " + _I_ON + "The Rise of ")
    assert first.rstrip(".").endswith("(London: Verso, 1990), 12")
    ibid = engine.cite(_Cite(1, "roe", ("page", "13"), position="ibid-with-locator"))
    assert ibid.lower().startswith("ibid., 13")
    entry = engine.entry("roe")
    assert entry is not None and entry.startswith("Roe, Ann. " + _I_ON)
    assert engine.names_part("roe") == "Roe, Ann"
