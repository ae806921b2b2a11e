"""The vendored CMOS 17 styles (``data/styles``) and the style, format and part names the API takes."""

from __future__ import annotations

from importlib import resources

#: style name -> (CSL file without ibid, CSL file with ibid)
STYLES: dict[str, tuple[str, str]] = {
    "notes-bibliography": (
        "chicago-notes-bibliography-17th-edition.csl",
        "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl",
    ),
    "shortened-notes-bibliography": (
        "chicago-shortened-notes-bibliography-17th-edition.csl",
        "chicago-shortened-notes-bibliography-subsequent-ibid-17th-edition.csl",
    ),
    "author-date": (
        "chicago-author-date-17th-edition.csl",
        "chicago-author-date-17th-edition.csl",
    ),
}
_STYLE_ALIASES = {
    "notes": "notes-bibliography",
    "note": "notes-bibliography",
    "shortened-notes": "shortened-notes-bibliography",
    "shortened": "shortened-notes-bibliography",
}
FORMATS = ("text", "html", "md")
WHATS = ("all", "notes", "bibliography")


_CSL_NS = "http://purl.org/net/xbiblio/csl"


def _canonical_style(style: str) -> str:
    style = _STYLE_ALIASES.get(style, style)
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
    return style


def style_path(filename: str):
    """The runtime copy of a vendored CSL file (a Traversable inside the package)."""
    return resources.files("haliref").joinpath("data", "styles", filename)
