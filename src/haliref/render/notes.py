"""The notes assembler: each note's cites rendered in the author's order, with its prose, prefixes
and suffixes; ibid. and short forms from the positions; author-date's runs of one author (CMOS 17 15.29)."""

from __future__ import annotations

import re

from haliref.model import Document, Note, Work
from haliref.render.engine import _Engine
from haliref.render.locators import parse_locator
from haliref.render.positions import _Cite, _positions


def _note_cites(document: Document, works: dict[str, Work]) -> list[list[_Cite]]:
    cites_by_note = []
    for n, note in enumerate(document.notes):
        cites = []
        for c in note.citations:
            if c.work not in works:
                continue
            vol = works[c.work].csl.get("volume")
            cites.append(_Cite(n, c.work, parse_locator(c.locator, vol)))
        cites_by_note.append(cites)
    return cites_by_note


def _join_note(parts: list[str]) -> str:
    """Citations joined by "; ", or by ". " where the author's prose opens a new sentence.

    A part that starts a sentence is marked by a leading NUL (see ``_notes_ir``).
    """
    text = ""
    for part in (p for p in parts if p):
        sentence = part.startswith("\0")
        part = part.lstrip("\0")
        if part.startswith("\1"):        # the same author's next work (CMOS 17 15.29)
            text += part[1:]
            continue
        if not text:
            text = part
        elif sentence:
            text = text.rstrip(".") + ". " + part
        else:
            text += "; " + part
    if text and not text.endswith("."):
        text += "."  # after "?" or a closing quote, _fix_punctuation drops or moves it
    return text


def _cite_names(engine: _Engine, work: str) -> str:
    """The names part of an author-date cite ("Halliday" of "Halliday 1980"), "" if none."""
    text = _strip_parens(engine.cite(_Cite(0, work, None)).rstrip())
    m = re.match(r"^(.*?),? (\S+)$", text)
    return m.group(1) if m else ""


def _strip_parens(s: str) -> str:
    if s.startswith("(") and s.endswith(")"):
        return s[1:-1]
    return s


def _notes_ir(engine: _Engine, document: Document, works: dict[str, Work]) -> list[tuple[Note, str]]:
    cites_by_note = _note_cites(document, works)
    near = int(engine.root.citation.get("near-note-distance", 5))
    _positions(cites_by_note, near)
    author_date = engine.style_name == "author-date"
    out = []
    for note, cites in zip(document.notes, cites_by_note, strict=False):
        parts: list[str] = []
        it = iter(cites)
        prev: tuple[str, bool] | None = None     # (names, had a locator) of the last bare cite
        for c in note.citations:
            if c.work not in works:
                parts.append(((c.prefix + " ") if c.prefix else "") + c.text.strip().rstrip("."))
                prev = None
                continue
            cite = next(it)
            text = engine.cite(cite).rstrip()
            if author_date:
                text = _strip_parens(text)
                bare = not c.prefix.strip() and not c.suffix and not c.parenthetical
                names = _cite_names(engine, cite.work) if bare else ""
                if bare and prev and names and prev[0] == names and text.startswith(names + " "):
                    # CMOS 17 15.29: one author's works run together, "Halliday 1980, 1990"
                    parts.append("\1" + ("; " if prev[1] else ", ") + text[len(names) + 1:])
                    prev = (names, cite.locator is not None)
                    continue
                prev = (names, cite.locator is not None) if bare else None
            prefix = c.prefix.strip()
            if c.parenthetical:  # CMOS 6.97: parentheses within parentheses become brackets
                text = "(" + text.rstrip(".").replace("(", "[").replace(")", "]") + ")"
            if prefix:
                sentence = prefix[:1].isupper() and not prefix.endswith(",")
                text = ("\0" if sentence else "") + prefix + " " + text
            elif not parts and text[:1].islower():
                # "Ibid.", a particle ("van Dam" → "Van Dam"): a note opens with a capital (CMOS 17 8.5, 14.34)
                text = text[0].upper() + text[1:]
            if c.suffix:
                text = text.rstrip(".") + (". " if c.suffix[:1].isupper() else ", ") + c.suffix
            parts.append(text)
        if not note.citations:
            parts.append(note.text.strip())
        out.append((note, _join_note(parts)))
    return out
