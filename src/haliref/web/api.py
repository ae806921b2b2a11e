"""What the page asks and what it is answered: pure functions, no web framework in here.

A request carries the whole state the page holds (the input, the rules undone,
the citations relabelled), so the server keeps nothing between requests and the
same request always gives the same answer. Downloads go through the very code
paths of the command line (:func:`export`), so the page's .bib is the bytes of
``haliref bib FILE`` for the same input, ``--undo`` rules and ``--labels``.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from haliref.files import InputError, decode
from haliref.model import Document, Flag, Note
from haliref.parse.edits import Edit, edits_json, parse_edits
from haliref.parse.tagger import LABELS, Tagger, default_tagger
from haliref.parse.training import LabelledSequence

__all__ = ["EXPORTS", "Request", "export", "read_document", "read_request", "view"]

#: download name → (extension, media type)
EXPORTS: dict[str, tuple[str, str]] = {
    "bib": (".bib", "application/x-bibtex; charset=utf-8"),  # BibLaTeX, as haliref bib writes by default
    "bibtex": ("-bibtex.bib", "application/x-bibtex; charset=utf-8"),  # haliref bib --dialect bibtex
    "csl": (".json", "application/vnd.citationstyles.csl+json; charset=utf-8"),
    "ris": (".ris", "application/x-research-info-systems; charset=utf-8"),
    "render": ("", "text/plain; charset=utf-8"),
    "examples": (".xml", "application/xml; charset=utf-8"),
    "edits": (".json", "application/json; charset=utf-8"),
}
_RENDER_FORMATS = {"text": (".txt", "text/plain"), "html": (".html", "text/html"), "md": (".md", "text/markdown")}
_STYLES = ("notes-bibliography", "shortened-notes-bibliography", "author-date")
_WHATS = ("all", "notes", "bibliography")


@dataclass
class Request:
    """One request of the page: the decoded input and what the user asked of it."""

    text: str
    name: str = "references"
    warnings: list[str] = field(default_factory=list)
    undo: frozenset[str] = frozenset()
    corrections: bool = True
    labels: list[LabelledSequence] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)

    def tagger(self, base: Tagger | None = None) -> Tagger | None:
        """The labeller: the served model, with the user's labels and edits over it when there are some."""
        if not self.labels and not self.edits:
            return base
        from haliref.parse.relabel import RelabellingTagger

        return RelabellingTagger(base or default_tagger(), self.labels, self.edits)


def too_big(size: int, limit: int) -> str:
    return (
        f"the input is {size:,} bytes; the page reads at most {limit:,} bytes at a time "
        f"(the command line has no such limit: haliref bib FILE)"
    )


def _input_bytes(payload: dict[str, Any], limit: int) -> tuple[bytes, str]:
    files = payload.get("files")
    text = payload.get("text")
    if files:
        if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
            raise InputError("files must be a list of {name, data}")
        parts: list[bytes] = []
        for file in files:
            try:
                data = base64.b64decode(str(file.get("data", "")), validate=True)
            except (binascii.Error, ValueError):
                raise InputError(f"{file.get('name', 'a file')}: not base64 data") from None
            parts.append(data.rstrip(b"\r\n") + b"\n" if len(files) > 1 else data)
        data = b"\n".join(parts)
        name = PurePath(str(files[0].get("name") or "references")).stem or "references"
    elif isinstance(text, str):
        data, name = text.encode("utf-8"), "references"
    else:
        raise InputError("nothing to read: paste a list or drop a file")
    if len(data) > limit:
        raise InputError(too_big(len(data), limit))
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in name)[:80].strip(".") or "references"
    return data, safe


def read_request(payload: Any, *, limit: int) -> Request:
    """The page's JSON as a :class:`Request`, every field checked (one-line InputError)."""
    if not isinstance(payload, dict):
        raise InputError("the request must be a JSON object")
    data, name = _input_bytes(payload, limit)
    text, warnings = decode(data)
    undo = payload.get("undo") or []
    if not isinstance(undo, list) or not all(isinstance(rule, str) for rule in undo):
        raise InputError("undo must be a list of rule names")
    from haliref.cli import check_undo

    check_undo(undo)
    labels: list[LabelledSequence] = []
    raw_labels = payload.get("labels") or []
    if not isinstance(raw_labels, list):
        raise InputError("labels must be a list of {tokens, labels}")
    from haliref.parse.relabel import merged, validate_sequence

    for item in raw_labels:
        if not isinstance(item, dict) or not isinstance(item.get("tokens"), list):
            raise InputError("labels must be a list of {tokens, labels}")
        labels.append(validate_sequence(item["tokens"], item.get("labels") or []))
    return Request(
        text=text,
        name=name,
        warnings=warnings,
        undo=frozenset(undo),
        corrections=not payload.get("no_corrections", False),
        labels=merged(labels),
        edits=parse_edits(payload.get("edits") or []),
    )


def _options(request: Request, base: Tagger | None) -> dict[str, Any]:
    """The pipeline's options as the command line gives them (the year read here, at the edge)."""
    return {
        "corrections": request.corrections,
        "skip_rules": request.undo,
        "today_year": datetime.date.today().year,
        "prose": None,
        "tagger": request.tagger(base),
    }


def check_online(document: Document, options: dict[str, Any]) -> Document:
    """The document checked against Crossref and Open Library (``--online``), as the server was told to
    (``haliref serve --mailto --cache --crossref-url --openlibrary-url``; tests: a transport)."""
    from haliref.check.online import check_online as check

    return check(document, **options)


def read_document(request: Request, base: Tagger | None = None) -> Document:
    """The document the command line's parse, check and render read (``cli._parse_input``)."""
    from haliref.pipeline import parse_text
    from haliref.read.csl_json import CslJsonError, document_from_csl_json, looks_like_csl_json

    if looks_like_csl_json(request.text):
        try:
            document = document_from_csl_json(request.text)
        except CslJsonError as error:
            raise InputError(str(error)) from None
    else:
        document = parse_text(request.text, **_options(request, base))
    if not any(note.citations for note in document.notes):
        raise InputError("no references found in the input")
    document.warnings.extend(request.warnings)
    return document


def export(request: Request, what: dict[str, Any], base: Tagger | None = None) -> tuple[str, str, str]:
    """(file name, media type, content) of a download, written by the command line's own code path."""
    kind = what.get("kind")
    if kind not in EXPORTS:
        raise InputError(f"unknown download {str(kind)[:40]!r} (one of: {', '.join(EXPORTS)})")
    extension, media = EXPORTS[kind]
    if kind == "examples":
        from haliref.parse.relabel import examples_xml

        return f"{request.name}-labels.xml", media, examples_xml(request.labels)
    if kind == "edits":
        return f"{request.name}-edits.json", media, edits_json(request.edits)
    if kind == "render":
        style, part, fmt = what.get("style", _STYLES[0]), what.get("what", "all"), what.get("format", "text")
        if style not in _STYLES or part not in _WHATS or fmt not in _RENDER_FORMATS:
            raise InputError("unknown style, part or format for the Chicago rendering")
        from haliref.render.chicago import render

        document = read_document(request, base)
        extension, media = _RENDER_FORMATS[fmt]
        content = render(document, style=style, what=part, fmt=fmt, ibid=not what.get("no_ibid", False))
        return f"{request.name}-{style}-{part}{extension}", media + "; charset=utf-8", content
    from functools import partial

    from haliref.export import bibtex_chunks, csl_json_chunks, ris_chunks
    from haliref.read.csl_json import looks_like_csl_json

    chunks: dict[str, Callable[..., Iterator[str]]] = {
        "bib": partial(bibtex_chunks, dialect="biblatex"),
        "bibtex": partial(bibtex_chunks, dialect="bibtex"),
        "ris": ris_chunks,
    }
    if looks_like_csl_json(request.text):  # as cli._works_of_input: the whole document
        document = read_document(request, base)
        works, locators = document.works, document.cited_locators()
        if kind == "csl":
            return request.name + extension, media, "".join(csl_json_chunks(works))
        return request.name + extension, media, "".join(chunks[kind](works, locators=locators))
    from haliref.scale.stream import parse_stream

    # as cli._works_of_input: the input streamed block by block, its lines split as a file's are
    with parse_stream(io.StringIO(request.text, newline=""), **_options(request, base)) as result:
        if not result.citations:
            raise InputError("no references found in the input")
        if kind == "csl":
            content = "".join(csl_json_chunks(result.works()))
        else:
            content = "".join(chunks[kind](result.works(), locators=result.locators))
    return request.name + extension, media, content


# --------------------------------------------------------------------------- the page's view
def _flag(flag: Flag) -> dict[str, Any]:
    from haliref.check.codes import flag_spec, flag_title, plain_field
    from haliref.report import plain

    return {
        "code": flag.code,
        "title": flag_title(flag.code),
        "severity": flag_spec(flag.code).severity,
        "field": plain_field(flag.field) if flag.field else "",
        "reason": plain(flag.reason),
        "evidence": plain(flag.evidence) if flag.evidence else "",
    }


def _scraped(note: Note, lines: Sequence[str]) -> str:
    if note.lines and lines and all(1 <= k <= len(lines) for k in note.lines):
        return "\n".join(lines[k - 1] for k in note.lines)
    return note.text


def view(document: Document, request: Request, tagger: Tagger | None = None) -> dict[str, Any]:
    """What the page shows, as JSON-ready data: every string is shown as text, never as markup."""
    from haliref.cli import undoable_rules
    from haliref.report import correction_in_words, entry_fields, plain, rule_descriptions, rule_reason, summarize

    described = rule_descriptions()
    undoable = set(undoable_rules())
    corrected = getattr(tagger, "corrected", None)
    lines = request.text.splitlines()
    notes = []
    for note in document.notes:
        citations = []
        for citation in note.citations:
            tokens = [  # the labeller's tokens (tokenize's texts: the whitespace-split words)
                [word, span["label"], span["confidence"]] for span in citation.spans for word in span["text"].split()
            ]
            citations.append(
                {
                    "work": citation.work,
                    "text": citation.text,
                    "prefix": citation.prefix,
                    "locator": citation.locator,
                    "suffix": citation.suffix,
                    "short_form": citation.short_form,
                    "sentence": citation.sentence,
                    "tokens": tokens,
                    "words": citation.text.split(),
                    "relabelled": bool(corrected and tokens and corrected([t[0] for t in tokens])),
                }
            )
        notes.append(
            {
                "label": note.printed or "–",
                "scraped": _scraped(note, lines),
                "citations": citations,
            }
        )
    from haliref.check.online import LABELS as SOURCE_NAMES
    from haliref.check.online import online_summary

    works = {}
    for work in document.works:
        works[work.id] = {
            "checks": [
                {
                    "source": SOURCE_NAMES.get(str(c.get("source")), str(c.get("source"))),
                    "status": str(c.get("status", "")),
                    "reason": plain(str(c.get("reason") or "")),
                    "doi": str(c.get("doi") or ""),
                    "score": c.get("score"),
                }
                for c in work.checks
            ],
            "fields": entry_fields(work.csl),
            "corrections": [
                {
                    "rule": c.rule,
                    "in_words": correction_in_words(c),
                    "why": rule_reason(c.rule),
                    "confidence": round(c.confidence, 2),
                    "undoable": c.rule in undoable,
                }
                for c in work.corrections
            ],
            "flags": [_flag(f) for f in work.flags],
        }
    return {
        "name": request.name,
        "summary": summarize(document),
        "notes": notes,
        "works": works,
        "order": [work.id for work in document.works],
        "findings": [_flag(f) for f in document.findings],
        "dropped": [
            {"line": d.line, "text": d.text, "reason": plain(d.reason)} for d in document.dropped if d.text.strip()
        ],
        "warnings": list(document.warnings),
        "online": online_summary(document)[0],
        "undone": [{"rule": rule, "why": described.get(rule, (True, rule))[1]} for rule in sorted(request.undo)],
        "corrections_off": not request.corrections,
        "fields": list(LABELS),
        "labels": [{"tokens": [t for t, _ in s], "labels": [label for _, label in s]} for s in request.labels],
        "edits": [edit.as_json() for edit in request.edits],
    }
