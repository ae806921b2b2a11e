"""Render a Document in Chicago style (CMOS 17): notes, short notes, ibid., bibliography.

The renderer is citeproc-py driven by vendored copies of the CSL project's
17th-edition Chicago styles (``data/styles``; provenance and edits in
``styles/README.md`` at the repository root).  This module is the entry point;
the work is done by the modules of ``haliref.render``, one concern each:

    styles        the vendored styles, the style, format and part names
    engine        the bridge to citeproc-py: styles loaded, items converted, ``_Engine``
    elements      citeproc-py's CSL elements with the fixes below
    markup        the intermediate representation in and out (text, HTML, Markdown)
    prepare       a work's CSL-JSON as it is handed to citeproc (``prepare_item``)
    titles        a title's language and the article it loses when sorted
    names         initials, pseudonyms, given names that tell authors apart
    parts         unsigned chapters, dictionary and encyclopedia entries
    imprint       seasons, reprints, a newspaper's section
    archival      files and letters
    fixes         the fixes that need the item, in order
    locators      cited locators and page ranges
    positions     first, subsequent, ibid., near-note
    order         bibliography order and author-date's year letters
    notes         the notes assembler
    bibliography  the bibliography assembler
    page          the parts laid out as one output

citeproc-py 0.11 gets CMOS 17 wrong in a number of places; each known defect is
fixed in the cleanest place for it:

1. given names shortened to initials
       -> ``elements._Name``: ``initialize="false"`` honoured (citeproc-py ignores it and
          applied the root ``initialize-with``); typed initials spaced ("E. H.",
          ``names._space_initials``). The vendored styles are unedited.
2. periods and commas left outside closing quotes
       -> post-processing (``markup._fix_punctuation``): the en-US locale says
          ``punctuation-in-quote``, citeproc-py never applies it.
3. an anonymous work's title printed twice
       -> ``elements._Substitute``/``_Text``/``_Number``/``_Date``/``_Names``: the variables
          a ``cs:substitute`` rendered are recorded and suppressed in the rest of
          the entry and later in the substitution itself, with their labels (an
          unsigned dictionary entry names the dictionary and edition once, 14.232).
4. short notes polluted with "ed. X", "trans. X", "2nd ed.", "edition"
       -> ``elements._If``: ``disambiguate="true"`` tests false (haliref never needs
          disambiguation), citeproc-py rendered those branches unconditionally.
5. edited volumes rendered "E. Hobsbawm, T. Ranger. Title. Edited by ..."
       -> ``elements._Names``: a bare ``cs:names`` anywhere inside ``cs:substitute``
          inherits the parent's ``cs:name``/``cs:label`` (CSL spec), and a
          substituted name variable is not rendered again ("Edited by").
6. page ranges and locators not abbreviated per CMOS 17 9.61
       -> ``locators._abbreviate_last`` (for ``elements._FormatNumberMixin``) implements
          CMOS 16/17 (no more CMOS 15 four-digit rule; "45-6" is expanded to 45-46 first);
          locators go through the same rule (``locators._format_ranges``).
7. "?." after a title ending in "?"; nested double quotes not flipped; HTML
   specials not escaped
       -> post-processing (``markup``): duplicate/terminal punctuation is collapsed,
          quotes are flip-flopped, and escaping happens in exactly one place (the
          final formatter; citeproc-py itself runs on an unescaped marker
          format).
8. "ibid., 12." lower-case at note start; a second cite in one note reordered
       -> positions (first/subsequent/ibid/ibid-with-locator/near-note) are
          computed from the document's notes (``positions._positions``) and
          handed to ``elements._If``; ``elements._Layout`` keeps the cites of a note in
          the author's order; "ibid." opening a note is capitalised (``notes``).
9. non-English titles title-cased
       -> data preparation (``prepare.prepare_item``): ``language`` is guessed when
          missing (``normalize.language``: the title's function words, endings and
          letters, lingua when they are not enough); headline style only for
          a title given as English or confidently English, never for an
          undecided one; the English ``original-title`` of a foreign
          item is title-cased here (citeproc-py skips all title-casing when
          the item is not English); ``<i>`` spans keep their own case.
10. bibliography sort
       -> sorted by ``order._sort_key``: an initial article (A, An, The; Le, La,
          Les, L' in French; Der, Die, Das in German) is ignored, accents are
          folded; repeated authors get the 3-em dash (CMOS 17 14.67, ``bibliography``),
          as the style's ``subsequent-author-substitute`` asks (citeproc-py ignores it).
11. author-date (CMOS 17 15.17-15.21, 15.29)
       -> one author's works by date (``order._sort_key``), 1974a/1974b by title
          (``order._add_year_suffixes``); ``givenname-disambiguation-rule="primary-name"``
          (``elements._Name``, ``names._givenname_table``); one author's works in one
          citation run together (``notes._notes_ir``).
12. issue 16 items 5-6
       -> ``elements._Label``: no label for an empty variable (stray "Edition"), "3 vols."
          (14.116); ``elements._Names``: an unsigned part's editors never in the author
          slot (14.107, ``parts._unsigned_part``); the 3-em dash for the names whatever
          their role (14.67); ``fixes._item_fixes``: "repr." (14.114), a newspaper's
          section after its date (14.191, both ``imprint``); ``names._real_name_of_pseudonym``
          and ``elements._Name``: "Twain, Mark [Samuel Langhorne Clemens]" (14.81); a note
          opens with a capital, "Van Dam" (8.5).
13. issue 16, the held-out set
       -> ``imprint._season_date``: a season given by name or as CSL month 13-16/21-24 becomes
          the number citeproc-py renders ("Winter 1959", 14.171); ``elements._Text``/``_Label``:
          a cite renders its locator once; ``parts._entry_in_note``: "s.v." kept in a later note
          of an unsigned dictionary entry with a locator (14.232), an online one's
          too, its work named first (14.233), none in a signed entry's (14.234);
          ``prepare_item``: a title in another language opens title and subtitle with a
          capital (8.158, 11.27).

Everything citeproc-py produces goes through one intermediate representation:
plain text with private-use markers for italics, which ``markup._finish`` turns into
plain text, HTML or Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from haliref.model import Document, Note
from haliref.render.bibliography import _bibliography_ir
from haliref.render.engine import _Engine
from haliref.render.markup import _finish
from haliref.render.notes import _notes_ir
from haliref.render.order import _add_year_suffixes
from haliref.render.page import _html_page, _wrap_bibliography, _wrap_notes
from haliref.render.prepare import prepare_item
from haliref.render.styles import FORMATS, STYLES, WHATS, _canonical_style, style_path

__all__ = [
    "FORMATS", "STYLES", "WHATS", "Rendered", "prepare_item", "render", "render_entries", "render_golden",
    "render_items", "style_path",
]


def render_items(
    items: Iterable[dict[str, Any]],
    *,
    style: str = "notes-bibliography",
    fmt: str = "text",
) -> list[tuple[str, str]]:
    """(id, bibliography entry) for CSL-JSON items (each with an "id"), sorted, formatted."""
    style = _canonical_style(style)
    prepared = [prepare_item(str(it["id"]), it) for it in items]
    if style == "author-date":
        _add_year_suffixes(prepared)
    engine = _Engine(style, False, prepared)
    return [(i, _finish(e, fmt)) for i, e in _bibliography_ir(engine, prepared)]


@dataclass
class Rendered:
    """The parts of a rendering, already formatted: (note, text) pairs and (work id, entry) pairs."""

    notes: list[tuple[Note, str]]
    bibliography: list[tuple[str, str]]


def render_entries(
    document: Document,
    *,
    style: str = "notes-bibliography",
    fmt: str = "text",
    ibid: bool = True,
    notes: bool = True,
    bibliography: bool = True,
) -> Rendered:
    """The formatted notes and bibliography entries of a document, unwrapped (see ``render``)."""
    style = _canonical_style(style)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    works = {w.id: w for w in document.works}
    prepared = [prepare_item(w.id, w.csl) for w in document.works]
    if style == "author-date":
        _add_year_suffixes(prepared)
    engine = _Engine(style, ibid, prepared)
    rows: list[tuple[Note, str]] = []
    entries: list[tuple[str, str]] = []
    if notes:
        rows = [(n, _finish(t, fmt)) for n, t in _notes_ir(engine, document, works)]
    if bibliography:
        entries = [(i, _finish(e, fmt)) for i, e in _bibliography_ir(engine, prepared)]
    return Rendered(rows, entries)


def render(
    document: Document,
    *,
    style: str = "notes-bibliography",
    what: str = "all",
    fmt: str = "text",
    ibid: bool = True,
) -> str:
    """Render a document's notes and/or bibliography in Chicago style (CMOS 17).

    style: "notes-bibliography" (default; alias "notes"), "shortened-notes-bibliography"
    (alias "shortened-notes"), "author-date".  what: "all", "notes", "bibliography".
    fmt: "text", "html" (a whole page: doctype, charset, its own stylesheet with a
    hanging indent for the bibliography), "md".  ibid: "Ibid." for a cite of the same work as the
    previous note (which cites only it); False gives CMOS 17's preferred short form
    ("Roe, 13.").  The result ends with a newline.
    """
    style = _canonical_style(style)
    if what not in WHATS:
        raise ValueError(f"unknown part {what!r}; choose one of {', '.join(WHATS)}")
    parts = render_entries(
        document, style=style, fmt=fmt, ibid=ibid,
        notes=what in ("all", "notes"), bibliography=what in ("all", "bibliography"),
    )
    blocks: list[tuple[str, str]] = []
    if what in ("all", "notes") and (document.notes or what == "notes"):
        blocks.append(("Notes", _wrap_notes(parts.notes, fmt)))
    if what in ("all", "bibliography"):
        title = "References" if style == "author-date" else "Bibliography"
        blocks.append((title, _wrap_bibliography([e for _, e in parts.bibliography], fmt)))
    if fmt == "html":
        return _html_page(blocks, what)
    if what != "all":
        return blocks[0][1] + "\n"
    out = []
    for title, body in blocks:
        if fmt == "html":
            out.append(f"<h2>{title}</h2>\n{body}")
        elif fmt == "md":
            out.append(f"## {title}\n\n{body}")
        else:
            out.append(f"{title}\n\n{body}")
    return "\n\n".join(out) + "\n"


def render_golden(document: Document) -> dict[str, str]:
    """Every output the golden files pin, keyed by a file name (for the lead's golden tests).

    Keys: "<style>.<what>.<ext>" for the three styles, what in notes/bibliography
    (notes only for the two notes styles plus author-date), ext in txt/html/md,
    plus "notes-bibliography.notes-noibid.txt".
    """
    ext = {"text": "txt", "html": "html", "md": "md"}
    out = {}
    for style in STYLES:
        for what in ("notes", "bibliography"):
            for fmt in FORMATS:
                out[f"{style}.{what}.{ext[fmt]}"] = render(document, style=style, what=what, fmt=fmt)
    out["notes-bibliography.notes-noibid.txt"] = render(document, what="notes", ibid=False)
    return out
