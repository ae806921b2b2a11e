"""The pipeline: segment → split → parse → normalize → merge → flag, as pure functions over text."""

from __future__ import annotations

from collections.abc import Collection

from haliref.check.flags import flag_document
from haliref.merge.works import Cited, assign_keys, merge
from haliref.model import Citation, Correction, Document, Note, SpanRecord, Work
from haliref.normalize import normalize
from haliref.parse.notes import read_note
from haliref.parse.repair import repair
from haliref.parse.split import RawCitation
from haliref.parse.tagger import Span, Tagger, default_tagger, spans_of
from haliref.read.offsets import Locator
from haliref.read.prose import is_prose, parse_prose
from haliref.read.segment import segment

__all__ = ["parse_text"]

AUTHOR_FROM_PROSE = "author-from-prose"


def _short_form_spans(body: str) -> list[tuple[str, str]]:
    """A short form has a fixed shape, "Author" or "Author, Short Title": no labeller needed."""
    if not body or body.casefold().startswith(("ibid", "idem", "id.")):
        return []
    author, _, title = body.partition(", ")
    return [("author", author)] + ([("title", title)] if title else [])


def _parse_citation(
    raw: RawCitation, tagger: Tagger, corrections: bool, skip_rules: frozenset[str]
) -> tuple[Cited, list[SpanRecord]]:
    use_hint = bool(raw.author_hint) and corrections and AUTHOR_FROM_PROSE not in skip_rules
    body = raw.body if use_hint or not raw.author_hint else raw.body[len(raw.author_hint) + 2 :]
    repairs: list[Correction] = []
    tagged: list[Span] = []
    if raw.short_form:
        spans = _short_form_spans(body)
    else:
        labelled = tagger.label_tokens(body)
        if corrections:
            tagged, repairs = repair(body, labelled, skip_rules)
        else:
            tagged = spans_of(body, labelled)
        spans = [(span.label, span.text) for span in tagged]
    result = normalize(spans, apply_corrections=corrections, skip_rules=skip_rules)
    found = repairs + list(result.corrections)
    if use_hint:
        found.insert(0, Correction("author", "", raw.author_hint, AUTHOR_FROM_PROSE, 0.8))
    cited = Cited(
        csl=dict(result.csl),
        corrections=found,
        flags=list(result.flags),
        short_form=raw.short_form,
        ibid=raw.ibid,
    )
    return cited, [
        {"label": span.label, "text": span.text, "confidence": round(span.confidence, 3)} for span in tagged
    ]


def parse_text(
    text: str,
    *,
    corrections: bool = True,
    skip_rules: Collection[str] = (),
    tagger: Tagger | None = None,
    today_year: int | None = None,
    prose: bool | None = None,
) -> Document:
    """Run the whole pipeline on the text of one input: segment → split → parse → normalize → merge → flag.

    ``corrections=False`` gives the raw parse; ``skip_rules`` undoes the named
    correction rules only. ``today_year`` enables the "year in the future" flag
    (the pipeline never reads the clock itself, so its output stays reproducible).
    """
    if prose or (prose is None and is_prose(text)):  # issue 7: citations inside running prose
        return flag_document(parse_prose(text), today_year=today_year, copy_document=False)
    tagger = tagger or default_tagger()
    skip = frozenset(skip_rules)
    segmentation = segment(text)
    notes: list[Note] = []
    pending: list[tuple[Note, RawCitation, list[SpanRecord]]] = []
    cited: list[Cited] = []
    for raw_note in segmentation.notes:
        raw_citations, _prose_only = read_note(raw_note.item_texts, tagger)
        note = Note(
            number=raw_note.number,
            list_items=list(raw_note.list_items),
            text=raw_note.text,
            lines=list(raw_note.lines),
            run=raw_note.run,
        )
        notes.append(note)
        for raw in raw_citations:
            parsed, spans = _parse_citation(raw, tagger, corrections, skip)
            pending.append((note, raw, spans))
            cited.append(parsed)
    merged, assignment = merge(cited)
    keys = assign_keys(merged)
    locator = Locator(text)
    for (note, raw, spans), work_index in zip(pending, assignment, strict=False):
        if raw.author_hint:  # the author came from the prose: placed from that name on
            found = locator.place(raw.body[len(raw.author_hint) + 2 :], note.lines, lead=raw.author_hint)
        else:
            found = locator.place(raw.body, note.lines)
        note.citations.append(
            Citation(
                work=keys[work_index],
                text=raw.body,
                prefix=raw.prefix,
                locator=raw.locator,
                suffix=raw.suffix,
                short_form=raw.short_form,
                parenthetical=raw.parenthetical,
                spans=spans,
                start=found[0] if found else None,
                end=found[1] if found else None,
            )
        )
    works = [
        Work(id=key, csl=work.csl, corrections=work.corrections, flags=work.flags)
        for key, work in zip(keys, merged, strict=False)
    ]
    dropped = sorted(segmentation.dropped, key=lambda d: (d.line, d.reason != "blank line"))
    return flag_document(
        Document(notes=notes, works=works, dropped=dropped), today_year=today_year, copy_document=False
    )
