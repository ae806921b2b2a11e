"""Flags: the reasons to distrust an entry (or the list), each with a code, a field, a reason and evidence.

Every rule is a small pure function, in a module by concern (``imprint_rules``, ``text_rules``,
``field_rules``, ``duplicates``, ``list_rules``; codes and messages in ``codes``, what rules read in
``context``). A work rule takes ``(work, ctx)`` and a list
rule ``(document, ctx)``; both return a list of :class:`~haliref.model.Flag`.
The rules run in the order of :data:`WORK_RULES` and :data:`LIST_RULES`;
:func:`flag_document` returns a deep copy of the document with each work's flags
extended (deduplicated, first occurrence kept, the normalize/merge flags first)
and ``findings`` set to the list-level flags.

Codes, severities and message templates live in ``data/flags.tsv``; word lists in ``data/articles.tsv``,
``data/abbreviations.tsv`` and
``data/title_end_words.txt``; publisher seats in ``data/publishers.tsv``.
Nothing here reads the clock: the year "today" is a parameter (``today_year``),
which the command line supplies.

The parse-uncertain rule reads the labeller's spans of each citation from
``Citation.spans`` (:class:`haliref.model.SpanRecord`: label, text, confidence);
a citation without spans (built by hand, read from CSL-JSON) raises nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence

from haliref.check.codes import message
from haliref.check.context import (
    DEFAULT_UNCERTAIN_BELOW,
    FlagContext,
    citations_by_work,
    first_family,
    is_unresolved,
    note_label,
    quote,
    same_family_works,
)
from haliref.check.duplicates import rule_possible_duplicate
from haliref.check.field_rules import (
    rule_edition_year,
    rule_locator_range,
    rule_missing_fields,
    rule_parse_uncertain,
    rule_unsigned_chapter,
    rule_year_range,
)
from haliref.check.imprint_rules import rule_place_seat, rule_place_secondary_seat, rule_suspect_imprint
from haliref.check.list_rules import (
    rule_citation_in_prose,
    rule_dropped_noise,
    rule_note_gaps,
    rule_note_order,
    rule_unnumbered,
)
from haliref.check.text_rules import rule_char_damage, rule_name_accents, rule_title_shape
from haliref.model import Document, Flag, Work

__all__ = ["LIST_RULES", "WORK_RULES", "ListRule", "WorkRule", "flag_document"]


WorkRule = Callable[[Work, FlagContext], list[Flag]]
ListRule = Callable[[Document, FlagContext], list[Flag]]

#: Work rules in order; each flag they raise goes on the work.
WORK_RULES: tuple[WorkRule, ...] = (
    rule_suspect_imprint,
    rule_place_seat,
    rule_place_secondary_seat,
    rule_char_damage,
    rule_name_accents,
    rule_missing_fields,
    rule_unsigned_chapter,
    rule_title_shape,
    rule_edition_year,
    rule_year_range,
    rule_locator_range,
    rule_parse_uncertain,
    rule_possible_duplicate,
)


#: List-level rules in order; their flags become the document's findings.
LIST_RULES: tuple[ListRule, ...] = (
    rule_note_gaps,
    rule_note_order,
    rule_unnumbered,
    rule_citation_in_prose,
    rule_dropped_noise,
)


# --------------------------------------------------------------------------- driver
def _with_evidence(flag: Flag, work: Work, ctx: FlagContext) -> Flag:
    """Merge's short-form flags carry no evidence: give the citing notes and likely antecedents."""
    if flag.evidence or flag.code not in ("short-form-unresolved", "ibid-without-antecedent"):
        return flag
    cited = ctx.citations.get(work.id, ())
    parts = [f"note {note_label(note)}: {quote(c.text, 60)}" for note, c in cited[:3]]
    near = [
        w.id
        for w in same_family_works(ctx, first_family(work.csl))
        if w.id != work.id and not is_unresolved(w)
    ]
    detail = f" (same author as {', '.join(near)}?)" if near else ""
    if near:
        parts.append("same author family: " + ", ".join(near))
    reason = flag.reason
    if flag.reason == message(flag.code) or not flag.reason:
        reason = message(flag.code, detail=detail)
    return Flag(flag.code, flag.field, reason, "; ".join(parts))


def _dedupe(flags: Iterable[Flag]) -> list[Flag]:
    seen: set[Flag] = set()
    out = []
    for flag in flags:
        if flag not in seen:
            seen.add(flag)
            out.append(flag)
    return out


def flag_document(
    document: Document,
    *,
    today_year: int | None = None,
    uncertain_below: float = DEFAULT_UNCERTAIN_BELOW,
    work_rules: Sequence[WorkRule] = WORK_RULES,
    list_rules: Sequence[ListRule] = LIST_RULES,
    copy_document: bool = True,
) -> Document:
    """A deep copy of ``document`` with every work's flags and the list-level ``findings`` added.

    ``today_year`` bounds the year rule (``None``: no "future" check); the caller
    supplies it (the CLI passes the current year). Flags already on a work (from
    normalize and merge) come first; all are deduplicated in a stable order.
    Running it twice changes nothing.
    """
    # the pipeline passes a document it just built and owns (copy_document=False): no copy needed
    result = copy.deepcopy(document) if copy_document else document
    ctx = FlagContext(
        document=result,
        today_year=today_year,
        uncertain_below=uncertain_below,
        citations=citations_by_work(result),
    )
    new_flags: dict[str, list[Flag]] = {}
    for work in result.works:
        found: list[Flag] = []
        for rule in work_rules:
            found.extend(rule(work, ctx))
        new_flags[work.id] = found
    for work in result.works:
        existing = [_with_evidence(f, work, ctx) for f in work.flags]
        work.flags = _dedupe([*existing, *new_flags[work.id]])
    findings: list[Flag] = list(result.findings)
    for list_rule in list_rules:
        findings.extend(list_rule(result, ctx))
    result.findings = _dedupe(findings)
    return result
