"""haliref.render.styles: the vendored CMOS 17 styles and the names the API takes."""

from __future__ import annotations

import pytest
from paths import ROOT_DIR

from haliref.render.styles import FORMATS, STYLES, WHATS, _canonical_style, style_path


@pytest.mark.parametrize("filename", sorted({f for pair in STYLES.values() for f in pair}))
def test_runtime_style_is_the_vendored_file(filename):
    assert (ROOT_DIR / "styles" / filename).read_bytes() == style_path(filename).read_bytes()


def test_every_style_is_17th_edition():
    for filename in {f for pair in STYLES.values() for f in pair}:
        assert "17th-edition" in filename
        assert "17th edition" in style_path(filename).read_text(encoding="utf-8")


def test_aliases_name_the_styles_and_unknown_names_are_refused():
    assert _canonical_style("notes") == "notes-bibliography"
    assert _canonical_style("shortened") == "shortened-notes-bibliography"
    assert _canonical_style("author-date") == "author-date"
    with pytest.raises(ValueError, match="unknown style"):
        _canonical_style("apa")
    assert FORMATS == ("text", "html", "md") and WHATS == ("all", "notes", "bibliography")
