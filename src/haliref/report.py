"""The report of a flagged document: a terminal table, a JSON form and one self-contained HTML page.

The functions only present what is in the :class:`~haliref.model.Document`;
run :func:`haliref.check.flags.flag_document` first to have the flag rules' verdicts
in it. None of them reads the clock, the environment or a file.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from haliref import resources
from haliref.caches import memo
from haliref.check.codes import describe, flag_spec, flag_specs, flag_title, plain_field
from haliref.check.context import format_missing, missing_note_numbers
from haliref.model import Correction, Document, Flag, Note, Work

__all__ = [
    "correction_in_words",
    "entry_fields",
    "plain",
    "report_html",
    "report_json",
    "report_text",
    "rule_descriptions",
    "rule_reason",
    "summarize",
]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

_LABELS = {
    "type": "Type",
    "author": "Author",
    "editor": "Editor",
    "translator": "Translator",
    "title": "Title",
    "container-title": "In",
    "collection-title": "Series",
    "edition": "Edition",
    "volume": "Volume",
    "number-of-volumes": "Volumes",
    "number-of-pages": "Pages in all",
    "issue": "Issue",
    "page": "Pages",
    "publisher-place": "Place",
    "publisher": "Publisher",
    "issued": "Year",
    "original-date": "First published",
    "genre": "Genre",
    "language": "Language",
    "DOI": "DOI",
    "ISBN": "ISBN",
    "URL": "URL",
    "note": "Note",
}


# --------------------------------------------------------------------------- plain words
def _tsv(name: str) -> list[list[str]]:
    rows = (line.split("\t") for line in resources.read_text(name).splitlines())
    return [[cell.strip() for cell in row] for row in rows if row[0].strip() and not row[0].startswith("#")]


@memo(None)
def rule_descriptions() -> dict[str, tuple[bool, str]]:
    """rule -> (undone by ``--undo``, what it does in plain words), from ``data/rules.tsv``."""
    return {row[0]: (row[1] == "yes", row[2]) for row in _tsv("rules.tsv")}


@memo(None)
def _languages() -> dict[str, str]:
    return {row[0]: row[1] for row in _tsv("language_names.tsv")}


@memo(None)
def _types() -> dict[str, str]:
    return {row[0]: row[1] for row in _tsv("type_names.tsv")}


@memo(None)
def _jargon() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Terms of the trade (``data/plain_words.tsv``) and hyphenated field codes, with their plain words."""
    terms = {row[0]: row[1] for row in _tsv("plain_words.tsv")}
    terms.update({key: plain_field(key) for key in _LABELS if "-" in key})
    return tuple(
        (re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])"), words)
        for term, words in sorted(terms.items(), key=lambda kv: -len(kv[0]))
    )


def plain(text: str) -> str:
    """``text`` with the trade's terms and field codes in plain words (text and HTML; JSON keeps them)."""
    for pattern, words in _jargon():
        text = pattern.sub(words, text)
    return text


def _language(code: str) -> str:
    return _languages().get(code, code)


_TOKEN = re.compile(r"^(\S+)/([\w-]+)$")
_EDGE = " ,;:.()[]"


def _tokens(described: str) -> list[tuple[str, str]] | None:
    """ "Gabriel/title García/title" -> [("Gabriel", "title"), ("García", "title")]; None if not that shape."""
    out = []
    for part in described.split():
        match = _TOKEN.match(part)
        if not match:
            return None
        out.append((match[1], match[2]))
    return out or None


def _relabelled(before: list[tuple[str, str]], after: list[tuple[str, str]]) -> str | None:
    """A repair that moved words from one field to another, in a sentence per run of words."""
    if len(before) != len(after) or any(b[0] != a[0] for b, a in zip(before, after, strict=False)):
        return None
    runs: list[tuple[str, list[str], list[str]]] = []  # (new label, words, old labels)
    for (word, old), (_, new) in zip(before, after, strict=True):
        if runs and runs[-1][0] == new:
            runs[-1][1].append(word)
            if old not in runs[-1][2]:
                runs[-1][2].append(old)
        else:
            runs.append((new, [word], [old]))
    sentences = []
    for new, words, olds in runs:
        olds_named = " or ".join(f"the {plain_field(old)}" for old in olds if old != new)
        sentence = f"the {plain_field(new)} is “{' '.join(words).strip(_EDGE)}”"
        sentences.append(sentence + (f", not part of {olds_named}" if olds_named else ""))
    return "; ".join(sentences)


def _value_words(field_name: str, value: str) -> str:
    return _language(value) if field_name == "language" else value


def correction_in_words(correction: Correction) -> str:
    """What a correction changed, as a sentence: "the author is “Gabriel García Marquez”, not
    part of the title", "the publisher “OUP” now reads “Oxford University Press”"."""
    field_name = plain_field(correction.field)
    before, after = correction.before, correction.after
    tokens_before, tokens_after = _tokens(before), _tokens(after)
    if tokens_before and tokens_after:
        words = _relabelled(tokens_before, tokens_after)
        if words:
            return words
    if " | " in before and " | " in after:  # "given | family", as the name rules record it
        given, family = (part.strip() for part in after.split(" | ", 1))
        old_family = before.split(" | ", 1)[1].strip()
        return f"the family name is “{family}”, not “{old_family}” (given name “{given}”)"
    if not before:
        return f"the {field_name} “{_value_words(correction.field, after)}” added"
    if not after:
        return f"the {field_name} “{before}” removed"
    if correction.rule == "initials":
        return f"the {field_name}’s given name “{before}” now reads “{after}”"
    old, new = _value_words(correction.field, before), _value_words(correction.field, after)
    return f"the {field_name} “{old}” now reads “{new}”"


def rule_reason(rule: str) -> str:
    """Why a correction rule exists, in plain words (``data/rules.tsv``)."""
    return rule_descriptions().get(rule, (False, rule.replace("-", " ")))[1]


def _undo(rule: str) -> str:
    """How to take the correction back ("" when --undo does not apply)."""
    return f"--undo {rule}" if rule_descriptions().get(rule, (False, ""))[0] else ""


# --------------------------------------------------------------------------- shared pieces
def _name(person: dict[str, Any]) -> str:
    if person.get("literal"):
        return str(person["literal"])
    family = " ".join(str(person[k]) for k in ("non-dropping-particle", "family") if person.get(k))
    given = " ".join(str(person[k]) for k in ("given", "dropping-particle") if person.get(k))
    suffix = f", {person['suffix']}" if person.get("suffix") else ""
    return f"{family}, {given}{suffix}" if given else f"{family}{suffix}"


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_name(v) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict):
        if value.get("date-parts"):
            return "–".join("-".join(str(p) for p in parts) for parts in value["date-parts"])
        return str(value.get("literal") or value.get("raw") or json.dumps(value, ensure_ascii=False))
    return str(value)


def entry_fields(csl: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The CSL item as (label, text) rows in a readable order: names as "Family, Given"."""
    rows = []
    keys = [k for k in _LABELS if k in csl] + [k for k in csl if k not in _LABELS]
    for key in keys:
        value = csl[key]
        if value in ("", [], None, {}):
            continue
        if key == "language" and isinstance(value, str):
            text = _language(value)
        elif key == "type" and isinstance(value, str):
            text = _types().get(value, value)
        else:
            text = _value(value)
        rows.append((_LABELS.get(key, key), text))
    return rows


def _sorted_flags(flags: list[Flag]) -> list[Flag]:
    return sorted(flags, key=lambda f: _SEVERITY_ORDER.get(flag_spec(f.code).severity, 1))


def _cited_in(document: Document) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for note in document.notes:
        label = note.printed or "?"
        for citation in note.citations:
            seen = out.setdefault(citation.work, [])
            if label not in seen:
                seen.append(label)
    return out


def summarize(document: Document) -> dict[str, Any]:
    """Counts for the report's header (JSON-ready)."""
    flags = [f for w in document.works for f in w.flags]
    by_code = Counter(f.code for f in flags)
    by_severity = Counter(flag_spec(f.code).severity for f in flags)
    missing = missing_note_numbers(document)
    return {
        "notes": len(document.notes),
        "notes_without_citation": sum(1 for n in document.notes if not n.citations),
        "citations": sum(len(n.citations) for n in document.notes),
        "works": len(document.works),
        "works_flagged": sum(1 for w in document.works if w.flags),
        "flags": len(flags),
        "flags_by_severity": {s: by_severity[s] for s in ("error", "warning", "info") if by_severity[s]},
        "flags_by_code": dict(sorted(by_code.items(), key=lambda kv: (-kv[1], kv[0]))),
        "corrections": sum(len(w.corrections) for w in document.works),
        "dropped": len(document.dropped),
        "dropped_noise": sum(1 for d in document.dropped if d.text.strip()),
        "missing_notes": missing,
        "missing_notes_text": format_missing(missing),
        "findings": len(document.findings),
    }


def _version() -> str:
    from haliref import __version__  # late: haliref/__init__ may import this module

    return __version__


def _flag_dict(flag: Flag) -> dict[str, Any]:
    return {"code": flag.code, "severity": flag_spec(flag.code).severity, **flag.to_dict()}


# --------------------------------------------------------------------------- JSON
def report_json(document: Document) -> str:
    """The machine form: summary, findings, one entry per work (fields, corrections, flags), notes, dropped."""
    cited = _cited_in(document)
    used = {f.code for w in document.works for f in w.flags} | {f.code for f in document.findings}
    data = {
        "haliref": _version(),
        "summary": summarize(document),
        "findings": [_flag_dict(f) for f in document.findings],
        "entries": [
            {
                "id": work.id,
                "type": work.csl.get("type", ""),
                "notes": cited.get(work.id, []),
                "csl": work.csl,
                "corrections": [
                    {**c.to_dict(), "in_words": correction_in_words(c), "why": rule_reason(c.rule)}
                    for c in work.corrections
                ],
                "flags": [_flag_dict(f) for f in work.flags],
                **({"checks": list(work.checks)} if work.checks else {}),
            }
            for work in document.works
        ],
        "notes": [note.to_dict() for note in document.notes],
        "dropped": [d.to_dict() for d in document.dropped],
        "warnings": list(document.warnings),
        "codes": {
            code: {
                "severity": spec.severity,
                "title": flag_title(code),
                "meaning": describe(code),
                "message": spec.message,
            }
            for code, spec in flag_specs().items()
            if code in used
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- terminal
def _headline(summary: dict[str, Any]) -> str:
    line = (
        f"{summary['notes']} notes, {summary['citations']} citations, {summary['works']} works; "
        f"{summary['flags']} flags on {summary['works_flagged']} works; "
        f"{summary['corrections']} corrections; {summary['dropped']} lines left out "
        f"({summary['dropped_noise']} not blank)"
    )
    return line


def report_text(document: Document, *, color: bool, width: int = 120) -> str:
    """A Rich table (entry | flag | reason), list-level findings first; ANSI colour only when ``color``."""
    summary = summarize(document)
    cited = _cited_in(document)
    table = Table(title=None, show_lines=True, expand=False, header_style="bold" if color else "")
    table.add_column("entry", overflow="fold", ratio=2)
    table.add_column("flag", overflow="fold", ratio=2)
    table.add_column("reason", overflow="fold", ratio=6)

    def row(entry: Text, flag: Flag) -> None:
        level = flag_spec(flag.code).severity
        code = Text(flag_title(flag.code), style=_SEVERITY_STYLE.get(level, ""))
        code.append(f"\n{level}" + (f" · {plain_field(flag.field)}" if flag.field else ""), style="dim")
        reason = Text(plain(flag.reason))
        if flag.evidence:
            reason.append("\n" + plain(flag.evidence), style="dim")
        table.add_row(entry, code, reason)

    def entry_cell(work: Work) -> Text:
        notes = cited.get(work.id, [])
        entry = Text(work.id, style="bold")
        if notes:
            entry.append(("\nnote " if len(notes) == 1 else "\nnotes ") + ", ".join(notes), style="dim")
        return entry

    for flag in document.findings:
        row(Text("(whole list)", style="italic"), flag)
    for work in document.works:
        for flag in _sorted_flags(work.flags):
            row(entry_cell(work), flag)

    changes = Table(title=None, show_lines=True, expand=False, header_style="bold" if color else "")
    changes.add_column("entry", overflow="fold", ratio=2)
    changes.add_column("what was corrected", overflow="fold", ratio=5)
    changes.add_column("why", overflow="fold", ratio=3)
    for work in document.works:
        for correction in work.corrections:
            why = Text(rule_reason(correction.rule))
            undo = _undo(correction.rule)
            if undo:
                why.append(f"\nto undo: {undo}", style="dim")
            changes.add_row(entry_cell(work), Text(correction_in_words(correction)), why)

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    console.print(Text("haliref check: " + _headline(summary), style="bold" if color else ""))
    if summary["missing_notes"]:
        console.print(Text("missing notes: " + summary["missing_notes_text"]))
    if table.row_count:
        console.print(table)
    else:
        console.print(Text("no flags"))
    if changes.row_count:
        console.print(Text(f"corrections ({changes.row_count}):", style="bold" if color else ""))
        console.print(changes)
    return buffer.getvalue()


# --------------------------------------------------------------------------- HTML
_CSS = """
:root { --err: #b00020; --warn: #8a5a00; --info: #005f87; --line: #d0d0d0; --soft: #f5f5f2; }
* { box-sizing: border-box; }
body { font: 15px/1.45 Georgia, "Times New Roman", serif; margin: 0; color: #1d1d1d; background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem; }
header { border-bottom: 2px solid #333; }
h1 { font-size: 1.5rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.15rem; margin: 0 0 0.4rem; }
h3 { font-size: 1rem; margin: 0 0 0.3rem; font-family: ui-monospace, Menlo, Consolas, monospace; }
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0; padding: 0; list-style: none; }
.counts li b { font-size: 1.2rem; }
table { border-collapse: collapse; margin: 0.4rem 0; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 0.2rem 0.45rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
.note { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 1rem;
        border-bottom: 1px solid var(--line); padding: 0.9rem 0; }
.scraped pre { white-space: pre-wrap; word-break: break-word; background: var(--soft); padding: 0.5rem;
               margin: 0; font: 0.85rem/1.4 ui-monospace, Menlo, Consolas, monospace; }
.entry { border-left: 4px solid #4a7; padding: 0.3rem 0 0.3rem 0.7rem; margin-bottom: 0.8rem; }
.entry.flagged { border-left-color: var(--warn); }
.entry.has-error { border-left-color: var(--err); }
.entry.repeat { border-left-color: var(--line); }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; margin: 0.3rem 0; }
dl.fields dt { color: #555; }
dl.fields dd { margin: 0; }
.ctx { color: #555; font-style: italic; }
.before { background: #fde8e8; text-decoration: line-through; }
.after { background: #e6f4e6; }
ul.flags { list-style: none; padding: 0; margin: 0.3rem 0; }
ul.flags li { margin: 0.2rem 0; }
.sev { display: inline-block; min-width: 4.2rem; font: bold 0.75rem/1.6 sans-serif; text-transform: uppercase;
       text-align: center; color: #fff; border-radius: 3px; padding: 0 0.3rem; margin-right: 0.3rem; }
.sev.error { background: var(--err); } .sev.warning { background: var(--warn); } .sev.info { background: var(--info); }
code, .code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; }
.field { color: #555; }
.evidence { color: #555; font-size: 0.85rem; display: block; margin-left: 4.9rem; }
.empty { color: #777; font-style: italic; }
details { margin: 0.6rem 0; }
@media (max-width: 760px) { .note { grid-template-columns: 1fr; } }
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _anchor(work_id: str) -> str:
    return "work-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in work_id)


def _html_flag(flag: Flag) -> str:
    level = flag_spec(flag.code).severity
    field = f' <span class="field">({_e(plain_field(flag.field))})</span>' if flag.field else ""
    evidence = f'<span class="evidence">{_e(plain(flag.evidence))}</span>' if flag.evidence else ""
    return (
        f'<li class="flag {_e(level)}" data-code="{_e(flag.code)}"><span class="sev {_e(level)}">'
        f"{_e(level)}</span><b>{_e(flag_title(flag.code))}</b>{field}: {_e(plain(flag.reason))}{evidence}</li>"
    )


def _html_work(work: Work, citation_bits: list[str], first: bool, first_note: str) -> str:
    levels = {flag_spec(f.code).severity for f in work.flags}
    classes = ["entry"]
    if work.flags:
        classes.append("flagged")
    if "error" in levels:
        classes.append("has-error")
    if not first:
        classes.append("repeat")
    out = [f'<article class="{" ".join(classes)}" data-work="{_e(work.id)}"']
    out.append(f' id="{_e(_anchor(work.id))}">' if first else ">")
    out.append(f"<h3>{_e(work.id)}</h3>")
    out.extend(citation_bits)
    if not first:
        out.append(
            f'<p class="ctx">cited again: fields, corrections and flags at its first citation '
            f'(<a href="#{_e(_anchor(work.id))}">note {_e(first_note)}</a>)</p></article>'
        )
        return "".join(out)
    out.append('<dl class="fields">')
    for label, value in entry_fields(work.csl):
        out.append(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>")
    out.append("</dl>")
    if work.corrections:
        out.append(
            '<table class="corrections"><caption>corrections</caption><tr><th>what was corrected</th>'
            "<th>why</th><th>how sure</th><th>to undo</th></tr>"
        )
        for c in work.corrections:
            undo = _undo(c.rule)
            undo_cell = f"<code>{_e(undo)}</code>" if undo else '<span class="empty">(kept)</span>'
            out.append(
                f'<tr data-rule="{_e(c.rule)}"><td>{_e(correction_in_words(c))}</td><td>{_e(rule_reason(c.rule))}</td>'
                f"<td>{c.confidence:.0%}</td><td>{undo_cell}</td></tr>"
            )
        out.append("</table>")
    if work.flags:
        out.append('<ul class="flags">' + "".join(_html_flag(f) for f in _sorted_flags(work.flags)) + "</ul>")
    out.append("</article>")
    return "".join(out)


def _scraped(note: Note, lines: list[str]) -> str:
    if note.lines and lines and all(1 <= k <= len(lines) for k in note.lines):
        return "\n".join(lines[k - 1] for k in note.lines)
    return note.text


def report_html(document: Document, source_text: str = "") -> str:
    """One self-contained page (inline CSS, no script, no external resource), everything escaped.

    ``source_text`` is the input as read, to show each note's lines exactly as
    scraped; without it the note's joined text is shown.
    """
    summary = summarize(document)
    lines = source_text.splitlines()
    out = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>haliref report — {summary['works']} works, {summary['flags']} flags</title>",
        f"<style>{_CSS}</style></head><body>",
        '<header id="summary"><h1>haliref report</h1><ul class="counts">',
    ]
    for label, key in (
        ("notes", "notes"),
        ("citations", "citations"),
        ("works", "works"),
        ("works flagged", "works_flagged"),
        ("flags", "flags"),
        ("corrections", "corrections"),
        ("lines left out", "dropped"),
    ):
        out.append(f"<li><b>{summary[key]}</b> {_e(label)}</li>")
    out.append("</ul>")
    out.append(
        "<p>Missing note numbers: "
        + (_e(summary["missing_notes_text"]) if summary["missing_notes"] else '<span class="empty">none</span>')
        + f". Lines left out that are not blank (web page text, links): {summary['dropped_noise']}.</p>"
    )
    if summary["flags_by_code"]:
        out.append(
            '<table class="by-code"><caption>the flags, by kind</caption><tr><th>flag</th><th>severity</th>'
            "<th>count</th><th>meaning</th></tr>"
        )
        for code, count in summary["flags_by_code"].items():
            spec = flag_spec(code)
            out.append(
                f'<tr data-code="{_e(code)}"><td>{_e(flag_title(code))}</td><td><span class="sev {_e(spec.severity)}">'
                f"{_e(spec.severity)}</span></td><td>{count}</td><td>{_e(describe(code))}</td></tr>"
            )
        out.append("</table>")
    if document.findings:
        out.append('<h2>Findings on the whole list</h2><ul class="flags findings">')
        out.extend(_html_flag(f) for f in document.findings)
        out.append("</ul>")
    if document.warnings:
        out.append('<ul class="warnings">' + "".join(f"<li>{_e(w)}</li>" for w in document.warnings) + "</ul>")
    out.append("</header><main>")

    works = {w.id: w for w in document.works}
    first_note: dict[str, str] = {}
    for index, note in enumerate(document.notes):
        label = note.printed or "(unnumbered)"
        out.append(f'<section class="note" id="note-{index + 1}" data-note="{_e(label)}">')
        out.append(f'<div class="scraped"><h2>Note {_e(label)}</h2><pre>{_e(_scraped(note, lines))}</pre></div>')
        out.append('<div class="clean">')
        if not note.citations:
            out.append('<p class="empty">no citation found in this note (prose only)</p>')
        for citation in note.citations:
            bits = []
            if citation.prefix:
                bits.append(f'<p class="ctx">{_e(citation.prefix)}</p>')
            if citation.locator:
                bits.append(f"<p>cited at <b>{_e(citation.locator)}</b></p>")
            if citation.suffix:
                bits.append(f'<p class="ctx">{_e(citation.suffix)}</p>')
            work = works.get(citation.work)
            if work is None:
                out.append(
                    f'<article class="entry"><h3>{_e(citation.work)}</h3><p class="empty">unknown work</p></article>'
                )
                continue
            first = citation.work not in first_note
            first_note.setdefault(citation.work, label)
            out.append(_html_work(work, bits, first, first_note[citation.work]))
        out.append("</div></section>")
    orphans = [w for w in document.works if w.id not in first_note]
    if orphans:
        out.append('<section class="note"><div class="scraped"><h2>Not cited in any note</h2></div><div class="clean">')
        out.extend(_html_work(w, [], True, "") for w in orphans)
        out.append("</div></section>")

    noise = [d for d in document.dropped if d.text.strip()]
    out.append(
        f'<details id="dropped"><summary>Lines left out ({len(noise)} not blank, '
        f"{len(document.dropped) - len(noise)} blank)</summary>"
    )
    if noise:
        out.append("<table><tr><th>line</th><th>reason</th><th>text</th></tr>")
        for d in noise:
            out.append(f"<tr><td>{d.line}</td><td>{_e(plain(d.reason))}</td><td><code>{_e(d.text)}</code></td></tr>")
        out.append("</table>")
    out.append("</details></main>")
    out.append(f'<footer><p class="ctx">haliref {_e(_version())}</p></footer></body></html>\n')
    return "".join(out)
