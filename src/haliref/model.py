"""The one data model: a document holds notes, notes hold citations, citations point to works.

A work carries its fields as a CSL-JSON item (the hub every exporter and renderer
reads), the corrections that produced them and the flags raised on them.
Everything here is plain data; the stages that fill it are pure functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict, cast

__all__ = [
    "Citation",
    "Correction",
    "CslItem",
    "Document",
    "Dropped",
    "Flag",
    "Note",
    "OnlineCheck",
    "SpanRecord",
    "Work",
    "csl_fields",
    "csl_item",
]

#: A CSL-JSON item as the pipeline writes it (every key optional). Names are
#: lists of ``{"family", "given", ...}`` dicts, ``issued`` a CSL date
#: (``{"date-parts": [[year, month, day]]}`` or ``{"literal": ...}``).
#: The functional form because CSL keys contain hyphens.
CslItem = TypedDict(
    "CslItem",
    {
        "id": str,
        "type": str,
        "title": str,
        "title-short": str,
        "container-title": str,
        "collection-title": str,
        "author": list[dict[str, Any]],
        "editor": list[dict[str, Any]],
        "translator": list[dict[str, Any]],
        "issued": dict[str, Any],
        "accessed": dict[str, Any],
        "edition": str,
        "volume": str,
        "number-of-volumes": str,
        "number-of-pages": str,
        "issue": str,
        "page": str,
        "publisher": str,
        "publisher-place": str,
        "archive": str,
        "archive_location": str,
        "genre": str,
        "DOI": str,
        "ISBN": str,
        "URL": str,
        "note": str,
        "language": str,
        "medium": str,
        "locator": str,
    },
    total=False,
)


def csl_item(fields: Mapping[str, Any]) -> CslItem:
    """The fields a stage built (with computed keys, in a plain dict) as the model's CSL item: same object, typed."""
    return cast(CslItem, fields)


def csl_fields(item: CslItem) -> dict[str, Any]:
    """A work's CSL item as a plain dict, for a stage that reads or writes fields named by a variable
    (``for role in ("author", "editor")``): the same object, untyped."""
    return cast(dict[str, Any], item)


class SpanRecord(TypedDict):
    """One labelled span of a citation as kept on it: the label, its text and
    the CRF's lowest marginal probability in the span (rounded to 3 places)."""

    label: str
    text: str
    confidence: float


class OnlineCheck(TypedDict, total=False):
    """The result of one online look-up (Crossref, Open Library) for one work.

    ``source`` and ``status`` are always there; the rest depends on the source
    and the status (``matched``, ``uncertain``, ``not found``, ``error``, ...).
    """

    source: str
    status: str
    reason: str
    query: str
    doi: str | None
    key: str | None
    score: float | None
    confidence: float | None
    record: dict[str, Any]
    evidence: dict[str, Any]
    disagreements: list[dict[str, Any]]


@dataclass(frozen=True)
class Correction:
    """One change a normalizer made to a field, so a user can see and undo it.

    ``confidence`` is in [0, 1]; only corrections a rule is sure of are applied,
    doubtful ones become flags instead.
    """

    field: str
    before: str
    after: str
    rule: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        # written out: dataclasses.asdict copies each value through a recursive walk (a streamed input's works
        # are written to disk at every citation of them)
        return {"field": self.field, "before": self.before, "after": self.after, "rule": self.rule,
                "confidence": self.confidence}


@dataclass(frozen=True)
class Flag:
    """A reason to distrust a work (or the list): a code, the field concerned, a one-line reason."""

    code: str
    field: str
    reason: str
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "reason": self.reason, "evidence": self.evidence}


@dataclass
class Citation:
    """One reference to a work inside a note.

    ``prefix`` is the author's prose kept around the citation ("Quoted in"),
    ``locator`` the cited pages ("p. 341"), apart from the work's own page range;
    ``suffix`` any prose after the citation in the same note; ``parenthetical``
    marks a citation that stood in brackets inside the author's prose.
    ``spans`` are the labeller's fields ({label, text, confidence}, the CRF's
    lowest marginal probability in the span), kept to flag uncertain parses.
    ``text`` is the citation as it stood in the note, before parsing; ``start``
    and ``end`` are its character offsets in the input text (``input[start:end]``
    holds it, up to the whitespace, zero-width characters and line-break hyphens
    the segmenter removed; None when it cannot be placed; a citation in brackets
    whose author was taken from the surrounding prose spans from that name to the
    end of the bracketed text). In running prose,
    ``sentence`` is the sentence the citation stood in, and ``named`` marks a
    work named in the text itself rather than cited in brackets.
    """

    work: str
    text: str
    prefix: str = ""
    locator: str = ""
    suffix: str = ""
    short_form: bool = False
    parenthetical: bool = False
    spans: list[SpanRecord] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    sentence: str = ""
    named: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "work": self.work,
            "prefix": self.prefix,
            "locator": self.locator,
            "suffix": self.suffix,
            "short_form": self.short_form,
            "parenthetical": self.parenthetical,
            "named": self.named,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "spans": [dict(span) for span in self.spans],
        }


@dataclass
class Note:
    """A note as printed: its number (None when the list had none), the list items it spans.

    ``run`` is the run of numbering the note is in: 0, then one more at each
    restart the segmenter read (endnotes numbered per chapter: 1 … 40, 1 … 35).
    ``label`` is a roman numeral the note was numbered with (front matter's
    notes i, ii … before note 1), or the page a note is keyed to and the phrase it
    annotates ("p. 3 ‘at best circumstantial . . .’", trade books' endnotes); its
    ``number`` is then None.
    """

    number: int | None
    list_items: list[int]
    text: str
    lines: list[int] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    run: int = 0
    label: str | None = None

    @property
    def printed(self) -> str | None:
        """The note's number as printed ("12", "-1", "iv"), None for an unnumbered note."""
        return self.label or (None if self.number is None else str(self.number))

    def to_dict(self) -> dict[str, Any]:
        result = {
            "number": self.number,
            "list_items": list(self.list_items),
            "text": self.text,
            "lines": list(self.lines),
            "citations": [c.to_dict() for c in self.citations],
        }
        if self.run:  # only lists numbered per chapter have more than one run
            result["run"] = self.run
        if self.label:  # only notes numbered with roman numerals or keyed to pages
            result["label"] = self.label
        return result


@dataclass
class Work:
    """A distinct work: its citation key, its CSL-JSON item, and what was done to and found in it.

    ``checks`` holds the results of online look-ups (Crossref, Open Library), one
    JSON-ready dict per source, only when the user asked for them.
    """

    id: str
    csl: CslItem
    corrections: list[Correction] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    checks: list[OnlineCheck] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        result = {
            "id": self.id,
            "csl": self.csl,
            "corrections": [c.to_dict() for c in self.corrections],
            "flags": [f.to_dict() for f in self.flags],
        }
        if self.checks:
            result["checks"] = list(self.checks)
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Work:
        """The work :meth:`to_dict` gave (to keep works on disk, :mod:`haliref.scale.shelf`)."""
        return cls(
            id=data["id"],
            csl=csl_item(data["csl"]),
            corrections=[Correction(**c) for c in data["corrections"]],
            flags=[Flag(**f) for f in data["flags"]],
            checks=list(data.get("checks", ())),
        )


@dataclass(frozen=True)
class Dropped:
    """An input line that is not part of any note, and why (page furniture, link noise, blank)."""

    line: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    """The result of the pipeline on one input text.

    ``findings`` are list-level flags (missing note numbers, dropped noise, counts).
    """

    notes: list[Note]
    works: list[Work]
    dropped: list[Dropped]
    warnings: list[str] = field(default_factory=list)
    findings: list[Flag] = field(default_factory=list)

    def work(self, work_id: str) -> Work:
        for work in self.works:
            if work.id == work_id:
                return work
        raise KeyError(work_id)

    def cited_locators(self) -> dict[str, list[str]]:
        """Each work's cited pages, in order of first citation (for the .bib's ``locators`` field)."""
        cited: dict[str, list[str]] = {}
        for note in self.notes:
            for citation in note.citations:
                if citation.locator and citation.locator not in cited.setdefault(citation.work, []):
                    cited[citation.work].append(citation.locator)
        return cited

    def to_dict(self) -> dict[str, Any]:
        return {
            "notes": [n.to_dict() for n in self.notes],
            "works": [w.to_dict() for w in self.works],
            "dropped": [d.to_dict() for d in self.dropped],
            "warnings": list(self.warnings),
            "findings": [f.to_dict() for f in self.findings],
        }
