"""Open Library: books, and the books that contain chapters.

One ``GET /search.json?title=<main title>&author=<family name>&fields=...&limit=5``
per book (for a chapter: the containing book's title and its first editor).
Open Library's search documents are *works*, with lists gathered from all
their editions (``publisher``, ``publish_place``, ``publish_year``); when the
response carries ``editions.docs`` (asked for with ``fields=editions``), the
edition that fits our publisher and year is reported.

A document is a match when its title agrees (as for Crossref), its names agree
with our first author or editor (or, for a work without names, when year and
publisher both agree), at least one of year / publisher / place agrees, and
nothing blocks (a different first name, a work first published more than a
year after our date).  Equal agreement between two documents is a tie:
inconclusive.  Open Library has no relevance score; ``score`` is None and
``confidence`` (the mean agreement over compared fields) is given instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from haliref.check import recordmatch as rm

SOURCE = "openlibrary"
BASE_URL = "https://openlibrary.org"
LIMIT = 5
FIELDS = ",".join(
    [
        "key", "title", "subtitle", "author_name", "first_publish_year", "publish_year",
        "publisher", "publish_place", "edition_key", "edition_count", "editions",
        "editions.key", "editions.title", "editions.publisher", "editions.publish_place",
        "editions.publish_date", "editions.publish_year",
    ]
)

BOOK_TYPES = {"book"}
CONTAINER_TYPES = {"chapter", "entry-encyclopedia", "entry-dictionary", "paper-conference"}


def target(csl: Mapping[str, Any]) -> dict[str, Any] | None:
    """The book to look up for a work: itself, or the book containing it; None for articles."""
    kind = csl.get("type", "")
    if kind in BOOK_TYPES:
        return {"about": "work", "title": csl.get("title", ""), "names": csl, "roles": ("author", "editor")}
    if kind in CONTAINER_TYPES and csl.get("container-title"):
        return {"about": "container", "title": csl.get("container-title", ""), "names": csl, "roles": ("editor",)}
    return None


def request(csl: dict[str, Any], base_url: str = BASE_URL) -> tuple[str, dict[str, str]] | None:
    found = target(csl)
    if not found or not found["title"]:
        return None
    params = {"title": rm.main_title(found["title"])}
    family, _role = rm.first_family(csl, found["roles"])
    if family:
        params["author"] = family
    params["fields"] = FIELDS
    params["limit"] = str(LIMIT)
    return f"{base_url.rstrip('/')}/search.json", params


def _years(doc: dict[str, Any]) -> list[int]:
    years = []
    for y in doc.get("publish_year") or []:
        try:
            years.append(int(y))
        except (TypeError, ValueError):
            continue
    return sorted(set(years))


def _editions(doc: dict[str, Any]) -> list[dict[str, Any]]:
    editions = doc.get("editions")
    if isinstance(editions, dict):
        return [e for e in editions.get("docs") or [] if isinstance(e, dict)]
    return []


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [rm.clean(v) for v in value if v]
    return [rm.clean(value)] if value else []


class Assessment:
    def __init__(self, csl: dict[str, Any], doc: dict[str, Any], rank: int) -> None:
        found = target(csl) or {"about": "work", "title": csl.get("title", ""), "roles": ("author", "editor")}
        self.about = found["about"]
        self.doc = doc
        self.rank = rank
        self.key = str(doc.get("key") or "")
        prefix = "container-" if self.about == "container" else ""
        title_field = "container-title" if self.about == "container" else "title"
        theirs_title = rm.clean(doc.get("title"))
        if doc.get("subtitle") and rm.norm(doc["subtitle"]) not in rm.norm(theirs_title):
            theirs_title = f"{theirs_title}: {rm.clean(doc['subtitle'])}"
        self.title = rm.compare_title(found["title"], theirs_title, title_field)
        self.verdicts: list[rm.Verdict] = [self.title]
        self.blocking: list[rm.Verdict] = []
        self.soft: list[dict[str, Any]] = []

        family, role = rm.first_family(csl, found["roles"])
        self.has_names = bool(family)
        self.names = None
        authors = _list(doc.get("author_name"))
        if family and authors:
            # Open Library names are "Given Family": compare with their last word(s).
            verdict = self._names(family, authors, role)
            self.names = verdict
            self.verdicts.append(verdict)
            if verdict.blocking:
                self.blocking.append(verdict)

        self.year = None
        ours_year = rm.year_of(csl)
        years = _years(doc)
        fpy = doc.get("first_publish_year")
        if ours_year and (years or fpy):
            self.year = self._year(ours_year, years, fpy, prefix)
            self.verdicts.append(self.year)
            if self.year.blocking:
                self.blocking.append(self.year)

        self.publisher = rm.compare_imprint(
            "publisher", csl.get("publisher", ""), _list(doc.get("publisher")), "publisher"
        )
        self.place = rm.compare_imprint(
            "publisher-place", csl.get("publisher-place", ""), _list(doc.get("publish_place")), "place"
        )
        for v in (self.publisher, self.place):
            if v.level != "absent":
                self.verdicts.append(v)

        self.edition = self._edition(csl, doc)
        compared = [v for v in self.verdicts if v.level != "absent"]
        weights = {"exact": 1.0, "particle": 1.0, "close": 0.9, "prefix": 0.85, "order": 0.7, "spelt": 0.5}
        self.confidence = (
            sum(weights.get(v.level, 0.0) if v.agrees or v.level == "spelt" else 0.0 for v in compared) / len(compared)
            if compared else 0.0
        )
        self.further = [v for v in self.verdicts[1:] if v.agrees and v is not self.names]

    @staticmethod
    def _names(family: str, authors: list[str], role: str) -> rm.Verdict:
        a = rm.norm(family)
        for i, name in enumerate(authors):
            n = rm.norm(name)
            if n == a or n.endswith(" " + a) or (a and a in n.split()):
                how = f"{family} in {name}" + ("" if i == 0 else " (not first)")
                return rm.Verdict(role, True, how, level="exact" if i == 0 else "order")
        # Spelling: compare with the last word of each name.
        named = [name for name in authors if name.split()]
        lasts = [name.split()[-1] for name in named]
        verdict = rm.compare_family(family, lasts, role)
        if verdict.disagreement:
            if verdict.agrees:  # spelt differently: show the full name, suggest only the family
                verdict.disagreement["theirs"] = named[lasts.index(verdict.disagreement["theirs"])]
            else:
                verdict.disagreement["theirs"] = ", ".join(named[:3])
        return verdict

    @staticmethod
    def _year(ours: int, years: list[int], fpy: Any, prefix: str) -> rm.Verdict:
        try:
            first_year = int(fpy) if fpy is not None else (years[0] if years else None)
        except (TypeError, ValueError):
            first_year = years[0] if years else None
        if ours in years:
            return rm.Verdict("issued", True, f"an edition of {ours} is known", level="exact")
        near = [y for y in years if abs(y - ours) == 1]
        if near:
            return rm.Verdict(
                "issued", True, f"an edition of {near[0]} is known (ours {ours})", level="close",
                disagreement=rm.disagreement("issued", ours, near[0], "year differs by one from the nearest edition"),
            )
        if first_year is not None and first_year > ours + 1:
            return rm.Verdict(
                "issued", False, f"first published {first_year}, after our {ours}", level="none", blocking=True,
                disagreement=rm.disagreement("issued", ours, first_year, "the record's first edition is later"),
            )
        if first_year is not None:
            shown = ", ".join(str(y) for y in years[:8]) + (" …" if len(years) > 8 else "")
            return rm.Verdict(
                "issued", False, f"first published {first_year}; no edition of {ours} known", level="later",
                disagreement=rm.disagreement(
                    "issued", ours, shown or first_year, "no edition of our year is known (a reprint?)"
                ),
            )
        return rm.Verdict("issued", False, "no years in the record", level="absent")

    def _edition(self, csl: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any] | None:
        """The edition (from ``editions.docs``) that best fits our publisher, place and year."""
        ours_year = rm.year_of(csl)
        best, best_fit = None, -1.0
        for ed in _editions(doc):
            fit = 0.0
            ed_years = []
            for y in _list(ed.get("publish_year")) + _list(ed.get("publish_date")):
                digits = "".join(ch for ch in y if ch.isdigit())[-4:]
                if len(digits) == 4:
                    ed_years.append(int(digits))
            if ours_year and ours_year in ed_years:
                fit += 1.0
            if csl.get("publisher") and _list(ed.get("publisher")):
                fit += rm.best_imprint(csl["publisher"], _list(ed.get("publisher")))[1] / 100.0
            if csl.get("publisher-place") and _list(ed.get("publish_place")):
                fit += rm.best_imprint(csl["publisher-place"], _list(ed.get("publish_place")))[1] / 200.0
            if fit > best_fit:
                best_fit = fit
                best = {
                    "key": ed.get("key"),
                    "title": rm.clean(ed.get("title")),
                    "publisher": _list(ed.get("publisher")),
                    "publish_place": _list(ed.get("publish_place")),
                    "year": ed_years[0] if ed_years else None,
                    "fit": round(fit, 2),
                }
        if best:
            return {k: v for k, v in best.items() if v not in (None, "", [])}
        return None

    @property
    def resembles(self) -> bool:
        return self.title.level in rm.TITLE_AGREES or self.title.level == "weak"

    def problems(self) -> list[str]:
        reasons = []
        if self.title.level not in rm.TITLE_AGREES:
            reasons.append(self.title.how)
        reasons += [v.how for v in self.blocking]
        if self.has_names and self.names is None:
            reasons.append("the record has no names")
        if not self.has_names and not (
            self.year and self.year.agrees and self.publisher.agrees
        ):
            reasons.append("no names to compare, and year and publisher do not both agree")
        if not self.further:
            reasons.append("weak agreement: only the title and names agree")
        return reasons

    @property
    def valid(self) -> bool:
        return not self.problems()

    def evidence(self) -> dict[str, Any]:
        result: dict[str, Any] = {v.field: v.evidence() for v in self.verdicts if v.level != "absent"}
        result["rank"] = self.rank
        return result

    def disagreements(self) -> list[dict[str, Any]]:
        return [dict(v.disagreement) for v in self.verdicts if v.disagreement]

    def record(self) -> dict[str, Any]:
        doc = self.doc
        result = {
            "title": rm.clean(doc.get("title")),
            "subtitle": rm.clean(doc.get("subtitle")),
            "author_name": _list(doc.get("author_name"))[:3],
            "first_publish_year": doc.get("first_publish_year"),
            "edition_count": doc.get("edition_count"),
        }
        return {k: v for k, v in result.items() if v not in (None, "", [])}


def _result(status: str, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"source": SOURCE, "status": status}
    result.update({k: v for k, v in fields.items() if v is not None})
    return result


def _from(a: Assessment, status: str, reason: str | None = None, **extra: Any) -> dict[str, Any]:
    return _result(
        status,
        about=a.about,
        key=a.key or None,
        url=f"https://openlibrary.org{a.key}" if a.key.startswith("/") else None,
        score=None,
        confidence=round(a.confidence, 3),
        reason=reason,
        edition=a.edition,
        record=a.record(),
        evidence=a.evidence(),
        disagreements=a.disagreements(),
        **extra,
    )


def assess(csl: dict[str, Any], data: Any) -> dict[str, Any]:
    """The check result for one work from one ``search.json`` response (ValueError if malformed)."""
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        raise ValueError("the response is not an Open Library search result (no docs list)")
    docs = [d for d in data["docs"] if isinstance(d, dict)]
    about = (target(csl) or {}).get("about", "work")
    if not docs:
        return _result("not found", about=about, reason="Open Library returned no records",
                       evidence={}, disagreements=[])
    candidates = [Assessment(csl, doc, rank) for rank, doc in enumerate(docs, 1)]
    valid = sorted(
        (c for c in candidates if c.valid), key=lambda c: (len(c.further), c.confidence), reverse=True
    )
    if valid:
        best = valid[0]
        for other in valid[1:]:
            if other.key != best.key and len(other.further) == len(best.further) \
                    and abs(other.confidence - best.confidence) < 0.02:
                return _from(best, "inconclusive", reason=f"tie: {best.key} and {other.key} agree equally well",
                             candidates=[best.key, other.key])
        return _from(best, "matched")
    resembling = sorted(
        (c for c in candidates if c.resembles),
        key=lambda c: (c.title.level in rm.TITLE_AGREES, len(c.further) - len(c.blocking), c.confidence),
        reverse=True,
    )
    if resembling:
        best = resembling[0]
        return _from(best, "inconclusive", reason="; ".join(best.problems()))
    top = candidates[0]
    return _result(
        "not found", about=about,
        reason=f"no record resembles the entry (top hit: “{rm.clean(top.doc.get('title'))[:80]}”, {top.title.how})",
        evidence={}, disagreements=[],
    )
