"""Field comparisons shared by the Crossref and Open Library checks.

Everything here is pure: a work's CSL-JSON item on one side, a record's value on
the other, and a small verdict (does it agree, how, what would the record say
instead).  The thresholds live here, in one place:

* titles are compared after normalisation (accents and case folded, ``&`` read
  as "and", markup and punctuation dropped) with rapidfuzz's ``ratio``;
  >= ``TITLE_CLOSE`` agrees, a word-boundary prefix of >= 2 words and
  >= 12 characters agrees as a truncation, >= ``TITLE_WEAK`` only resembles;
* family names agree when equal after normalisation, when one ends with the
  other (particles: "van Dam" / "Dam"), or spelt differently when
  ``ratio`` >= ``NAME_CLOSE``;
* years agree within one year (a printing or online date often differs by one);
* publishers and places agree when ``token_set_ratio`` >= ``IMPRINT_CLOSE``
  ("Fontana" / "Fontana Press"), are "spelt differently" down to
  ``IMPRINT_SPELT``.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

TITLE_CLOSE = 90.0
TITLE_WEAK = 75.0
NAME_CLOSE = 85.0
CONTAINER_CLOSE = 85.0
IMPRINT_CLOSE = 90.0
IMPRINT_SPELT = 70.0

_TAG = re.compile(r"<[^>]{1,40}>")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def norm(text: Any) -> str:
    """Fold a value for comparison: no markup, accents, case or punctuation."""
    if text is None:
        return ""
    s = _TAG.sub(" ", str(text))
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold().replace("&", " and ").replace("ß", "ss")
    return " ".join(_NON_WORD.sub(" ", s).split())


def clean(text: Any) -> str:
    """A record's string as a user should read it: no markup, single spaces."""
    if text is None:
        return ""
    return " ".join(_TAG.sub("", str(text)).split())


def first(value: Any) -> str:
    """Crossref gives most strings as one-element lists."""
    if isinstance(value, list):
        return clean(value[0]) if value else ""
    return clean(value)


def main_title(title: str) -> str:
    """The title before a subtitle (colon, period-space or em dash)."""
    parts = re.split(r"\s*[:—]\s+|\.\s+|\s+[-–]\s+", title, maxsplit=1)
    return parts[0]


# --- names -------------------------------------------------------------------


def family_of(name: dict[str, Any]) -> str:
    """A CSL (or Crossref) name's family name with its particles."""
    if not isinstance(name, dict):
        return ""
    if name.get("family"):
        particle = name.get("non-dropping-particle") or ""
        return f"{particle} {name['family']}".strip()
    literal = name.get("literal") or name.get("name") or ""
    return literal.split()[-1] if literal.split() else ""


def first_family(csl: dict[str, Any], roles: tuple[str, ...] = ("author", "editor")) -> tuple[str, str]:
    """The first name in the first role that has one: (family, role)."""
    for role in roles:
        names = csl.get(role) or []
        for name in names:
            family = family_of(name)
            if family:
                return family, role
    return "", ""


@dataclass
class Verdict:
    """One field compared: agrees?, how (for the evidence), and a disagreement if any."""

    field: str
    agrees: bool
    how: str
    level: str = ""
    similarity: float | None = None
    disagreement: dict[str, Any] | None = None
    blocking: bool = False
    # dataclasses.field in full: the bare name is shadowed by the `field` attribute above
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)

    def evidence(self) -> dict[str, Any]:
        result: dict[str, Any] = {"agrees": self.agrees, "how": self.how}
        if self.similarity is not None:
            result["similarity"] = round(self.similarity, 1)
        return result


def disagreement(field_name: str, ours: Any, theirs: Any, note: str, suggestion: Any = None) -> dict[str, Any]:
    result = {"field": field_name, "ours": ours, "theirs": theirs, "note": note}
    if suggestion is not None:
        result["suggestion"] = suggestion
    return result


def compare_family(ours: str, theirs: list[str], field_name: str = "author") -> Verdict:
    """Our first family name against the record's names (first one first)."""
    if not theirs:
        return Verdict(field_name, False, "the record has no names", level="absent")
    a = norm(ours)
    b = norm(theirs[0])
    if a == b:
        return Verdict(field_name, True, f"first {field_name} {ours} = {theirs[0]}", level="exact")
    if a and b and (a.endswith(" " + b) or b.endswith(" " + a)):
        return Verdict(field_name, True, f"first {field_name} {ours} ≈ {theirs[0]} (particle)", level="particle")
    sim = fuzz.ratio(a, b)
    if sim >= NAME_CLOSE:
        return Verdict(
            field_name, True, f"first {field_name} {ours} ≈ {theirs[0]} ({sim:.0f} %)", level="close",
            similarity=sim,
            disagreement=disagreement(field_name, ours, theirs[0], "name spelt differently", suggestion=theirs[0]),
        )
    for other in theirs[1:]:
        if norm(other) == a:
            return Verdict(
                field_name, True, f"{ours} is among the record's names, not first", level="order",
                disagreement=disagreement(field_name, ours, theirs[0], "first name in the record is another"),
            )
    return Verdict(
        field_name, False, f"first {field_name} {ours} ≠ {theirs[0]}", level="none", similarity=sim,
        disagreement=disagreement(field_name, ours, theirs[0], "first name differs"), blocking=True,
    )


# --- titles ------------------------------------------------------------------


def _is_prefix(short: str, long: str) -> bool:
    return (
        len(short) >= 12
        and len(short.split()) >= 2
        and long.startswith(short)
        and len(long) > len(short)
        and long[len(short)] == " "
    )


def compare_title(ours: str, theirs: str, field_name: str = "title") -> Verdict:
    """Two titles: exact / close / prefix (truncation) / weak / none."""
    a, b = norm(ours), norm(theirs)
    if not a or not b:
        return Verdict(field_name, False, "no title to compare", level="absent")
    if a == b:  # same words; punctuation, case or accents are not worth a flag
        return Verdict(field_name, True, "titles identical", level="exact", similarity=100.0)
    ours_main, theirs_main = main_title(ours), main_title(theirs)
    if norm(ours_main) == norm(theirs_main) and len(norm(ours_main)) >= 3:
        ours_has, theirs_has = norm(ours_main) != a, norm(theirs_main) != b
        if theirs_has and not ours_has:
            return Verdict(
                field_name, True, "same main title; the record adds a subtitle", level="prefix",
                similarity=fuzz.ratio(a, b),
                disagreement=disagreement(
                    field_name, ours, theirs, "title in the record is longer (it adds a subtitle)", suggestion=theirs
                ),
            )
        if ours_has and not theirs_has:
            return Verdict(
                field_name, True, "same main title; the record has no subtitle", level="prefix",
                similarity=fuzz.ratio(a, b),
                disagreement=disagreement(field_name, ours, theirs, "title in the record has no subtitle"),
            )
    if _is_prefix(a, b):
        return Verdict(
            field_name, True, "our title is the start of the record's", level="prefix",
            similarity=fuzz.ratio(a, b),
            disagreement=disagreement(
                field_name, ours, theirs, "title in the record is longer — possibly truncated", suggestion=theirs
            ),
        )
    if _is_prefix(b, a):
        return Verdict(
            field_name, True, "the record's title is the start of ours", level="prefix",
            similarity=fuzz.ratio(a, b),
            disagreement=disagreement(field_name, ours, theirs, "title in the record is shorter (no subtitle?)"),
        )
    sim = max(fuzz.ratio(a, b), fuzz.ratio(norm(ours_main), norm(theirs_main)) - 5.0)
    if sim >= TITLE_CLOSE:
        return Verdict(
            field_name, True, f"titles {sim:.0f} % similar", level="close", similarity=sim,
            disagreement=disagreement(field_name, ours, theirs, "title spelt differently", suggestion=theirs),
        )
    if sim >= TITLE_WEAK:
        return Verdict(field_name, False, f"titles only {sim:.0f} % similar", level="weak", similarity=sim)
    return Verdict(field_name, False, f"titles differ ({sim:.0f} %)", level="none", similarity=sim)


TITLE_AGREES = ("exact", "close", "prefix")


def compare_container(ours: str, theirs: list[str]) -> Verdict:
    """Container titles (journal or book): the best of the record's full and short forms."""
    theirs = [t for t in theirs if t]
    if not ours or not theirs:
        return Verdict("container-title", False, "no container title to compare", level="absent")
    a = norm(ours)
    best, best_sim = theirs[0], -1.0
    for t in theirs:
        b = norm(t)
        sim = 100.0 if a == b else max(fuzz.ratio(a, b), fuzz.token_set_ratio(a, b) - 5.0)
        if _is_prefix(a, b) or _is_prefix(b, a):
            sim = max(sim, CONTAINER_CLOSE)
        if sim > best_sim:
            best, best_sim = t, sim
    if best_sim >= 100.0:
        return Verdict("container-title", True, "container titles identical", level="exact", similarity=100.0)
    if best_sim >= CONTAINER_CLOSE:
        return Verdict(
            "container-title", True, f"container titles {best_sim:.0f} % similar", level="close",
            similarity=best_sim,
            disagreement=disagreement("container-title", ours, best, "container title spelt differently",
                                      suggestion=best),
        )
    return Verdict(
        "container-title", False, f"container titles differ ({best_sim:.0f} %)", level="none",
        similarity=best_sim,
        disagreement=disagreement("container-title", ours, best, "container title differs"),
    )


# --- years, numbers, imprint -------------------------------------------------


def year_of(csl: dict[str, Any], key: str = "issued") -> int | None:
    try:
        value = csl[key]["date-parts"][0][0]
        return int(value)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def compare_year(ours: int, theirs: int) -> Verdict:
    if ours == theirs:
        return Verdict("issued", True, f"year {ours} = {theirs}", level="exact")
    if abs(ours - theirs) == 1:
        return Verdict(
            "issued", True, f"year {ours} ≈ {theirs} (±1)", level="close",
            disagreement=disagreement("issued", ours, theirs, "year differs by one (printing or online date?)"),
        )
    return Verdict(
        "issued", False, f"year {ours} ≠ {theirs}", level="none", blocking=True,
        disagreement=disagreement("issued", ours, theirs, "year differs (another edition?)"),
    )


def first_page(page: Any) -> str:
    match = re.match(r"\s*([A-Za-z]*\d+|[ivxlcdm]+)", str(page or ""), re.IGNORECASE)
    return match.group(1).lower() if match else ""


def compare_simple(field_name: str, ours: Any, theirs: Any, label: str) -> Verdict:
    a, b = norm(ours), norm(theirs)
    if a == b:
        return Verdict(field_name, True, f"{label} {ours} = {theirs}", level="exact")
    return Verdict(
        field_name, False, f"{label} {ours} ≠ {theirs}", level="none", blocking=True,
        disagreement=disagreement(field_name, ours, theirs, f"{label} differs", suggestion=theirs),
    )


def compare_pages(ours: Any, theirs: Any) -> Verdict:
    a, b = first_page(ours), first_page(theirs)
    if a and a == b:
        return Verdict("page", True, f"first page {a} = {b}", level="exact")
    return Verdict(
        "page", False, f"pages {ours} ≠ {theirs}", level="none", blocking=True,
        disagreement=disagreement("page", ours, theirs, "pages differ", suggestion=theirs),
    )


def best_imprint(ours: str, theirs: list[str]) -> tuple[str, float]:
    """The record's value closest to ours (publishers, places) and its similarity."""
    a = norm(ours)
    best, best_sim = "", -1.0
    for t in theirs:
        b = norm(t)
        if not b:
            continue
        sim = 100.0 if a == b else max(fuzz.ratio(a, b), fuzz.token_set_ratio(a, b) - 2.0)
        if sim > best_sim:
            best, best_sim = clean(t), sim
    return best, best_sim


def compare_imprint(field_name: str, ours: str, theirs: list[str], label: str) -> Verdict:
    """Publisher or place against the record's list of them (Open Library) or its one value (Crossref)."""
    theirs = [t for t in theirs if t and norm(t)]
    if not ours or not theirs:
        return Verdict(field_name, False, f"no {label} to compare", level="absent")
    best, sim = best_imprint(ours, theirs)
    if sim >= 100.0 or norm(best) == norm(ours):
        return Verdict(field_name, True, f"{label} {ours} = {best}", level="exact", similarity=100.0)
    if sim >= IMPRINT_CLOSE:
        return Verdict(field_name, True, f"{label} {ours} ≈ {best} ({sim:.0f} %)", level="close", similarity=sim)
    if sim >= IMPRINT_SPELT:
        return Verdict(
            field_name, False, f"{label} {ours} ~ {best} ({sim:.0f} %)", level="spelt", similarity=sim,
            disagreement=disagreement(field_name, ours, best, f"{label} spelt differently", suggestion=best),
        )
    shown = ", ".join(theirs[:5]) + (" …" if len(theirs) > 5 else "")
    return Verdict(
        field_name, False, f"{label} {ours} not in the record", level="none", similarity=sim,
        disagreement=disagreement(field_name, ours, shown, f"{label} differs"),
    )
