"""Names as CMOS 17 prints them: typed initials spaced (10.12), a pseudonym's real name in
brackets (14.81), given names that tell two authors of one family name apart (15.21)."""

from __future__ import annotations

import re
from typing import Any

from haliref.render.parts import _unsigned_part

_NAME_VARS = {
    "author", "editor", "translator", "collection-editor", "composer", "container-author",
    "director", "editorial-director", "illustrator", "interviewer", "original-author",
    "recipient", "reviewed-author", "compiler", "contributor", "curator", "editor-translator",
    "executive-producer", "guest", "host", "narrator", "organizer", "performer", "producer",
    "script-writer", "series-creator", "chair",
}


_INITIAL_RE = re.compile(r"^(?:[A-Z\u00c0-\u00de]\.?)+$")


def _space_initials(given: str, mark: str) -> str:
    """CSL ``initialize="false"``: given names kept, typed initials punctuated and spaced
    ("E.H." -> "E. H.", "James T" -> "James T."; CMOS 17 10.12)."""
    out = []
    for token in given.split():
        if _INITIAL_RE.match(token) and any(c.isalpha() for c in token):
            out.append(mark.join(c for c in token if c != ".") + mark.rstrip())
        else:
            out.append(token)
    return " ".join(out)


_PSEUDONYM_NOTE_RE = re.compile(r"^\s*(?:pseudonym|pseud\.?)\s+of\s+(.+?)\s*$", re.I)


def _real_name_of_pseudonym(item: dict[str, Any]) -> None:
    """A pseudonym's real name, kept by normalize in the note, goes in brackets after it
    ("Tomás [Luis Ortega Vidal]", CMOS 17 14.81); the note loses that part."""
    authors = item.get("author")
    note = item.get("note")
    if not (isinstance(authors, list) and authors and isinstance(note, str) and "literal" in authors[0]):
        return
    parts = [p.strip() for p in note.split(";")]
    for i, part in enumerate(parts):
        m = _PSEUDONYM_NOTE_RE.match(part)
        if m:
            # a family name with the real name as a bracketed suffix: the short forms
            # ("Tomás 1991", "Tomás, Une vie") keep the pseudonym alone
            authors[0] = {"family": authors[0]["literal"], "suffix": f"[{m.group(1)}]"}
            rest = "; ".join(parts[:i] + parts[i + 1:])
            if rest:
                item["note"] = rest
            else:
                item.pop("note")
            return


_SORT_ROLES = ("author", "editor", "translator", "collection-editor", "compiler")


def _primary_name(item: dict[str, Any]) -> dict[str, Any] | None:
    for role in () if _unsigned_part(item) else _SORT_ROLES:
        names = item.get(role)
        if names:
            first = names[0]
            return first if isinstance(first, dict) and "family" in first else None
    return None


def _givenname_table(items: list[dict[str, Any]]) -> dict[str, str]:
    """Family name -> "initials" or "full" where two people share it (CMOS 17 15.21).

    citeproc-js's ``givenname-disambiguation-rule="primary-name"``: initials when they
    tell the people apart, else the given names in full.
    """
    givens: dict[str, set[str]] = {}
    for item in items:
        name = _primary_name(item)
        if name is None:
            continue
        family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
        givens.setdefault(family, set()).add(str(name.get("given", "")).strip())
    table = {}
    for family, names in givens.items():
        if len(names) > 1:
            initials = {"".join(w[:1] for w in re.split(r"[\s.]+", g) if w) for g in names}
            table[family] = "initials" if len(initials) == len(names) else "full"
    return table
