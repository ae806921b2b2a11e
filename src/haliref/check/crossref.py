"""Crossref: the query sent for a work, and the validation of what comes back.

One ``GET /works?query.bibliographic=<citation as text>&rows=5`` per work, as
Crossref advises for reference matching (no filters, no field queries).  The
raw relevance ``score`` is reported but never trusted on its own: a candidate
is a match only when it agrees with the entry on enough independent fields
(search-based matching with validation):

* its title agrees (identical, >= 90 % similar, or ours is a word-boundary
  prefix of the record's — a truncated title);
* its type fits ours (a chapter is only ever matched by a ``book-chapter``,
  a book by a ``book``/``monograph``/``edited-book``..., an article by a
  ``journal-article``);
* at least two more independent fields agree, among: first author's (or
  editor's, for edited books whose ``author`` is empty) family name, year
  within one, volume, first page, container title;
* nothing blocks: a different first name, a year off by more than one, a
  different volume or first page;
* a chapter's container title (the book) agrees;
* no second candidate (another DOI) validates equally well with a score
  within 10 % (a tie is inconclusive, never a match).

A candidate whose title at least resembles ours (>= 75 %) but fails the rest
makes the work "inconclusive"; nothing resembling is "not found".
"""

from __future__ import annotations

from typing import Any

from haliref.check import recordmatch as rm

SOURCE = "crossref"
BASE_URL = "https://api.crossref.org"
ROWS = 5
MIN_FURTHER_AGREEMENTS = 2
TIE_SCORE_RATIO = 0.9

# Our CSL type -> the Crossref types that can be the same work.
COMPATIBLE_TYPES: dict[str, set[str]] = {
    "book": {"book", "monograph", "edited-book", "reference-book", "book-set", "book-track"},
    "chapter": {"book-chapter", "book-section", "book-part", "reference-entry"},
    "entry-encyclopedia": {"reference-entry", "book-chapter"},
    "entry-dictionary": {"reference-entry", "book-chapter"},
    "article-journal": {"journal-article"},
    "article-magazine": {"journal-article", "other"},
    "article-newspaper": {"journal-article", "other"},
    "paper-conference": {"proceedings-article", "book-chapter"},
    "thesis": {"dissertation"},
    "report": {"report", "report-component"},
}


def _names_text(names: list[dict[str, Any]]) -> str:
    parts = []
    for name in names or []:
        family = rm.family_of(name)
        given = name.get("given", "") if isinstance(name, dict) else ""
        parts.append(f"{family}, {given}".strip(", ") if given else family)
    return "; ".join(p for p in parts if p)


def citation_text(csl: dict[str, Any]) -> str:
    """The cleaned citation as one line: what ``query.bibliographic`` receives."""
    pieces = [
        _names_text(csl.get("author", [])),
        _names_text(csl.get("editor", [])) if not csl.get("author") else "",
        csl.get("title", ""),
    ]
    if csl.get("container-title"):
        pieces.append(("In " if csl.get("type") == "chapter" else "") + str(csl["container-title"]))
        if csl.get("author") and csl.get("editor"):
            pieces.append("ed. " + _names_text(csl["editor"]))
    for key in ("volume", "issue"):
        if csl.get(key):
            pieces.append(str(csl[key]))
    imprint = ": ".join(str(csl[k]) for k in ("publisher-place", "publisher") if csl.get(k))
    pieces.append(imprint)
    year = rm.year_of(csl)
    if year:
        pieces.append(str(year))
    if csl.get("page"):
        pieces.append(str(csl["page"]))
    text = ""
    for piece in (" ".join(str(p).split()) for p in pieces if p and str(p).strip()):
        # "Tkaczyk, D." then "P. Szostek...": one period after an initial, not two
        text = piece if not text else f"{text}{' ' if text.endswith('.') else '. '}{piece}"
    return text


def request(csl: dict[str, Any], base_url: str = BASE_URL) -> tuple[str, dict[str, str]] | None:
    """The URL and query parameters for one work, or None when there is nothing to search for."""
    if not csl.get("title"):
        return None
    return f"{base_url.rstrip('/')}/works", {"query.bibliographic": citation_text(csl), "rows": str(ROWS)}


def _record_year(item: dict[str, Any]) -> int | None:
    for key in ("issued", "published-print", "published", "published-online", "created"):
        year = rm.year_of(item, key)
        if year:
            return year
    return None


def _record_names(item: dict[str, Any]) -> tuple[list[str], list[str]]:
    authors = [rm.family_of(n) for n in item.get("author") or []]
    editors = [rm.family_of(n) for n in item.get("editor") or []]
    return [a for a in authors if a], [e for e in editors if e]


def _record_title(item: dict[str, Any]) -> str:
    title = rm.first(item.get("title"))
    subtitle = rm.first(item.get("subtitle"))
    if subtitle and rm.norm(subtitle) not in rm.norm(title):
        return f"{title}: {subtitle}"
    return title


def summary(item: dict[str, Any]) -> dict[str, Any]:
    """What the record says, briefly, for the report."""
    authors, editors = _record_names(item)
    result = {
        "type": item.get("type"),
        "title": _record_title(item),
        "author": authors[:3],
        "editor": editors[:3],
        "year": _record_year(item),
        "container-title": rm.first(item.get("container-title")),
        "publisher": rm.clean(item.get("publisher")),
        "publisher-place": rm.clean(item.get("publisher-location")),
        "volume": rm.clean(item.get("volume")),
        "page": rm.clean(item.get("page")),
    }
    return {k: v for k, v in result.items() if v not in ("", None, [])}


class Assessment:
    """One candidate record compared with one work."""

    def __init__(self, csl: dict[str, Any], item: dict[str, Any], rank: int) -> None:
        self.item = item
        self.rank = rank
        self.doi = str(item.get("DOI") or "")
        try:
            self.score = float(item.get("score") or 0.0)
        except (TypeError, ValueError):
            self.score = 0.0
        self.verdicts: list[rm.Verdict] = []
        self.problems: list[str] = []
        ours_type = csl.get("type", "")
        theirs_type = str(item.get("type") or "")
        compatible = COMPATIBLE_TYPES.get(ours_type)
        self.type_ok = compatible is None or theirs_type in compatible
        if not self.type_ok:
            what = "the containing book" if ours_type == "chapter" and "book" in theirs_type else f"a {theirs_type}"
            self.problems.append(f"the record is {what}, ours a {ours_type}")

        self.title = rm.compare_title(csl.get("title", ""), _record_title(item))
        self.verdicts.append(self.title)

        ours_family, ours_role = rm.first_family(csl)
        authors, editors = _record_names(item)
        if ours_family and (authors or editors):
            theirs = authors if (ours_role == "author" and authors) or not editors else editors
            verdict = rm.compare_family(ours_family, theirs, "author" if theirs is authors else "editor")
            if not verdict.agrees and theirs is authors and editors:
                alt = rm.compare_family(ours_family, editors, "editor")
                verdict = alt if alt.agrees else verdict
            if not verdict.agrees and theirs is editors and authors:
                alt = rm.compare_family(ours_family, authors, "author")
                verdict = alt if alt.agrees else verdict
            verdict.field = ours_role  # disagreements are about our field
            if verdict.disagreement:
                verdict.disagreement["field"] = ours_role
            self.verdicts.append(verdict)

        ours_year, theirs_year = rm.year_of(csl), _record_year(item)
        if ours_year and theirs_year:
            self.verdicts.append(rm.compare_year(ours_year, theirs_year))

        if csl.get("volume") and item.get("volume"):
            self.verdicts.append(rm.compare_simple("volume", csl["volume"], rm.clean(item["volume"]), "volume"))
        if csl.get("page") and item.get("page") and rm.first_page(csl["page"]) and rm.first_page(item["page"]):
            self.verdicts.append(rm.compare_pages(csl["page"], rm.clean(item["page"])))

        self.container: rm.Verdict | None = None
        if csl.get("container-title"):
            theirs_containers = list(item.get("container-title") or []) + list(item.get("short-container-title") or [])
            if theirs_containers:
                self.container = rm.compare_container(csl["container-title"], [rm.clean(t) for t in theirs_containers])
                if ours_type != "chapter" and not self.container.agrees:
                    self.container.blocking = False  # journal abbreviations: not proof of another work
                self.verdicts.append(self.container)
        if ours_type == "chapter" and (self.container is None or not self.container.agrees):
            self.problems.append("the container titles do not agree")

        if csl.get("publisher") and item.get("publisher"):
            publisher = rm.compare_imprint("publisher", csl["publisher"], [rm.clean(item["publisher"])], "publisher")
            publisher.blocking = False
            self.imprint = [publisher]
        else:
            self.imprint = []
        if csl.get("publisher-place") and item.get("publisher-location"):
            place = rm.compare_imprint("publisher-place", csl["publisher-place"],
                                       [rm.clean(item["publisher-location"])], "place")
            place.blocking = False
            self.imprint.append(place)

        self.further = [v for v in self.verdicts[1:] if v.agrees]
        self.blocking = [v for v in self.verdicts[1:] if v.blocking and not v.agrees]
        compared = [v for v in self.verdicts + self.imprint if v.level != "absent"]
        weights = {"exact": 1.0, "particle": 1.0, "close": 0.9, "prefix": 0.85, "order": 0.7, "spelt": 0.5}
        self.confidence = (
            sum(weights.get(v.level, 0.0) if v.agrees or v.level == "spelt" else 0.0 for v in compared) / len(compared)
            if compared
            else 0.0
        )

    @property
    def resembles(self) -> bool:
        return self.title.level in rm.TITLE_AGREES or self.title.level == "weak"

    @property
    def valid(self) -> bool:
        return (
            self.title.level in rm.TITLE_AGREES
            and self.type_ok
            and not self.blocking
            and not self.problems
            and len(self.further) >= MIN_FURTHER_AGREEMENTS
        )

    def why_not(self) -> str:
        reasons = list(self.problems)
        if self.title.level not in rm.TITLE_AGREES:
            reasons.append(self.title.how)
        reasons += [v.how for v in self.blocking]
        if len(self.further) < MIN_FURTHER_AGREEMENTS:
            agreeing = ["title"] + [v.field for v in self.further]
            reasons.append("weak agreement: only " + ", ".join(agreeing) + " agree")
        return "; ".join(reasons)

    def evidence(self) -> dict[str, Any]:
        result: dict[str, Any] = {v.field: v.evidence() for v in self.verdicts + self.imprint if v.level != "absent"}
        result["type"] = {"agrees": self.type_ok, "how": f"{self.item.get('type')}"}
        result["rank"] = self.rank
        return result

    def disagreements(self) -> list[dict[str, Any]]:
        return [dict(v.disagreement) for v in self.verdicts + self.imprint if v.disagreement]


def _result(status: str, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"source": SOURCE, "status": status}
    result.update({k: v for k, v in fields.items() if v is not None})
    return result


def _from(assessment: Assessment, status: str, reason: str | None = None, **extra: Any) -> dict[str, Any]:
    return _result(
        status,
        doi=assessment.doi or None,
        score=round(assessment.score, 3),
        confidence=round(assessment.confidence, 3),
        reason=reason,
        record=summary(assessment.item),
        evidence=assessment.evidence(),
        disagreements=assessment.disagreements(),
        **extra,
    )


def assess(csl: dict[str, Any], data: Any) -> dict[str, Any]:
    """The check result for one work from one Crossref ``work-list`` response.

    Raises ValueError when the response is not a work list (the caller makes
    that an "error" for this work only).
    """
    if not isinstance(data, dict) or not isinstance(data.get("message"), dict):
        raise ValueError("the response is not a Crossref work list")
    items = data["message"].get("items")
    if not isinstance(items, list):
        raise ValueError("the response has no message.items list")
    items = [item for item in items if isinstance(item, dict)]
    if not items:
        return _result("not found", reason="Crossref returned no records", evidence={}, disagreements=[])
    candidates = [Assessment(csl, item, rank) for rank, item in enumerate(items, 1)]
    valid = sorted(
        (c for c in candidates if c.valid),
        key=lambda c: (len(c.further), c.confidence, c.score),
        reverse=True,
    )
    if valid:
        best = valid[0]
        for other in valid[1:]:
            if (
                other.doi.casefold() != best.doi.casefold()
                and len(other.further) == len(best.further)
                and abs(other.confidence - best.confidence) < 0.05
                and min(other.score, best.score) >= TIE_SCORE_RATIO * max(other.score, best.score)
            ):
                return _from(
                    best, "inconclusive",
                    reason=f"tie: {best.doi} and {other.doi} agree equally well",
                    candidates=[best.doi, other.doi],
                )
        return _from(best, "matched")
    resembling = sorted(
        (c for c in candidates if c.resembles),
        key=lambda c: (c.title.level in rm.TITLE_AGREES, c.type_ok, len(c.further) - len(c.blocking), c.score),
        reverse=True,
    )
    if resembling:
        best = resembling[0]
        return _from(best, "inconclusive", reason=best.why_not())
    top = candidates[0]
    top_title = rm.norm(_record_title(top.item))
    if len(top_title.split()) >= 3 and f" {top_title} " in f" {rm.norm(citation_text(csl))} ":
        # The record's whole title is in the entry, but not where we read the title
        # (an IEEE-style list: initials first, the title in quotes): the parse is
        # doubtful, not the record; a person should look.
        return _from(
            top, "inconclusive",
            reason="the record's title is in the entry but not read as its title: the parse looks doubtful",
        )
    return _result(
        "not found",
        reason=f"no record resembles the entry (top hit: “{_record_title(top.item)[:80]}”, {top.title.how})",
        score=round(top.score, 3),
        evidence={},
        disagreements=[],
    )
