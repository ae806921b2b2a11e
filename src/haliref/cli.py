"""The ``haliref`` command: I/O, options and one-line errors; the work is done by the pipeline."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from haliref import __version__
from haliref.files import InputError, Source, shown, stdout_stream, write_atomic, write_stdout

if TYPE_CHECKING:
    from haliref.model import Citation, Document, Work
    from haliref.parse.tagger import Tagger

# The pipeline, the exporters, citeproc, httpx and rich are imported inside the
# command handlers only: ``haliref --help`` stays fast (benchmarks/throughput.py).

__all__ = ["check_undo", "main"]


def _to_json(document: Document) -> str:
    return json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _summary(document: Document) -> str:
    lines = []
    for note in document.notes:
        number = note.printed or "–"
        citations: list[Citation | None] = [*note.citations] or [None]
        for citation in citations:
            if citation is None:
                lines.append(f"{number:>4}  (prose only)")
                continue
            work = document.work(citation.work)
            title = work.csl.get("title") or work.csl.get("container-title") or "?"
            lines.append(f"{number:>4}  {citation.work:<28} {title[:60]}")
    lines.append(
        f"{len(document.notes)} notes, {sum(len(n.citations) for n in document.notes)} citations, "
        f"{len(document.works)} works, {len(document.dropped)} lines or fragments dropped"
    )
    return "\n".join(lines) + "\n"


def undoable_rules() -> tuple[str, ...]:
    """Every rule ``--undo`` takes back: the parser's repairs, the normalizers, the author from the prose or from
    the entry above, the page's "Forename, Surname" names, the list's own abbreviations."""
    from haliref.normalize import RULES
    from haliref.parse.abbreviations import LIST_ABBREVIATION
    from haliref.parse.repair import REPAIR_RULES
    from haliref.pipeline import AUTHOR_FROM_PROSE, GIVEN_NAME_FIRST, REPEATED_AUTHOR

    return (*(rule for rule, _, _ in REPAIR_RULES), AUTHOR_FROM_PROSE, REPEATED_AUTHOR, GIVEN_NAME_FIRST,
            LIST_ABBREVIATION, *RULES)


def check_undo(names: Sequence[str]) -> None:
    """An unknown name is refused in one line (a typo would otherwise undo nothing, silently)."""
    known = set(undoable_rules())
    for name in names:
        if name in known:
            continue
        from haliref.report import rule_descriptions

        if name in rule_descriptions():
            raise InputError(
                f"--undo {name}: this correction is not undone by --undo ('haliref rules' lists those that are)"
            )
        raise InputError(f"--undo {name}: no such rule ('haliref rules' lists the rule names)")


def _cmd_rules(args: argparse.Namespace) -> None:
    from haliref.report import rule_descriptions

    described = rule_descriptions()
    names = undoable_rules()
    width = max(map(len, names))
    lines = ["Each correction haliref makes comes from one of these rules; --undo RULE takes a rule's back,"]
    lines.append("--no-corrections takes them all back.")
    lines.append("")
    lines.extend(f"  {name:<{width}}  {described.get(name, (True, ''))[1]}" for name in names)
    kept = [name for name, (undo, _) in described.items() if not undo]
    if kept:
        lines.append("")
        lines.append("Not undone by --undo: details filled in from another citation of the same work,")
        lines.append("or from an online record when you ask for it:")
        width = max(map(len, kept))
        lines.extend(f"  {name:<{width}}  {described[name][1]}" for name in kept)
    write_stdout("\n".join(lines) + "\n")


def _pipeline_options(args: argparse.Namespace) -> dict[str, Any]:
    """The pipeline's keyword arguments from the command line (the year read here, at the edge)."""
    check_undo(args.undo or ())
    return {
        "corrections": not args.no_corrections,
        "skip_rules": frozenset(args.undo or ()),
        "today_year": datetime.date.today().year,
        "prose": True if args.prose else None,
        "tagger": _tagger(args),
    }


def _source(args: argparse.Namespace) -> Source:
    """The input, opened once: a pipe, a FIFO or standard input (``-``) is read once and held."""
    source = getattr(args, "source", None)
    if source is None:
        source = args.source = Source(args.input)
    return source


def _model(path: str | None) -> Tagger | None:
    """The labeller of ``--model MODEL`` (None: the shipped model), or a one-line error."""
    if path is None:
        return None
    from haliref.parse.tagger import Tagger

    if not Path(path).is_file():
        raise InputError(f"--model {path}: no such file (haliref train -o MODEL builds one)")
    try:
        return Tagger(path)
    except (OSError, ValueError, RuntimeError):
        raise InputError(f"--model {path}: not a model haliref train wrote") from None


def _tagger(args: argparse.Namespace) -> Tagger | None:
    """``--model``, with the labelled citations of ``--labels FILE`` and the edits of ``--edits FILE`` over it."""
    tagger = _model(getattr(args, "model", None))
    if not getattr(args, "labels", None) and not getattr(args, "edits", None):
        return tagger
    from haliref.parse.edits import read_edits
    from haliref.parse.relabel import RelabellingTagger, merged, read_examples
    from haliref.parse.tagger import default_tagger

    sequences = merged(sequence for path in args.labels or () for sequence in read_examples(path))
    edits = [edit for path in args.edits or () for edit in read_edits(path)]
    return RelabellingTagger(tagger or default_tagger(), sequences, edits)


def _parse_input(args: argparse.Namespace) -> Document:
    from haliref.pipeline import parse_text
    from haliref.read.kinds import StructuredInputError, structured_document

    text, warnings = _source(args).read()
    for warning in warnings:
        print(f"haliref: warning: {warning}", file=sys.stderr)
    try:  # an export from a reference manager (CSL-JSON, BibTeX): its items are the works
        document = structured_document(text, _source(args).name)
    except StructuredInputError as error:
        raise InputError(str(error)) from None
    if document is None:
        document = parse_text(text, **_pipeline_options(args))
    if not any(note.citations for note in document.notes):
        raise InputError(f"no references found in {_source(args).name}")
    document.warnings.extend(warnings)
    if args.online or args.offline_cache_only:
        document = _check_online(args, document)
    return document


#: Exit status when the online check failed wholesale (the output is written, unchecked).
ONLINE_FAILED = 3


def _service_url(option: str, value: str | None, variable: str) -> str | None:
    """``--crossref-url`` / ``--openlibrary-url`` (or their environment variable): an http(s) URL."""
    import httpx

    value = value or os.environ.get(variable) or None
    if value is None:
        return None
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError, ValueError):
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        source = option if value != os.environ.get(variable) else variable
        raise InputError(f"{source} must be an http:// or https:// address, not {value!r}")
    return value


def _check_online(args: argparse.Namespace, document: Document) -> Document:
    from haliref.check import online as _online

    if args.cache and not args.offline_cache_only:
        folder = Path(args.cache).parent
        if not folder.is_dir():
            raise InputError(f"the cache folder does not exist: {shown(folder)}")
    urls: dict[str, Any] = {}  # only those given: check_online's defaults otherwise
    for name, option, variable in (
        ("crossref_url", "--crossref-url", "HALIREF_CROSSREF_URL"),
        ("openlibrary_url", "--openlibrary-url", "HALIREF_OPENLIBRARY_URL"),
    ):
        url = _service_url(option, getattr(args, name), variable)
        if url is not None:
            urls[name] = url
    document = _online.check_online(
        document,
        mailto=args.mailto or os.environ.get("HALIREF_MAILTO") or None,
        cache_path=args.cache,
        offline_cache_only=args.offline_cache_only,
        progress=sys.stderr.isatty(),
        refresh_cache=args.refresh_cache,
        timeout=args.timeout,
        notify=lambda message: print(f"haliref: {message}", file=sys.stderr),
        **urls,
    )
    if getattr(args, "add_dois", False):
        document = _online.add_dois(document)
    if args.apply_suggestions:
        document = _online.apply_suggestions(document)
    for warning in document.warnings:
        print(f"haliref: {warning}", file=sys.stderr)
    summary, failed = _online.online_summary(document)
    if failed:
        args.exit_status = ONLINE_FAILED
        print(f"haliref: online check failed: {summary}; exit status {ONLINE_FAILED}", file=sys.stderr)
    elif summary:
        print(f"haliref: online check: {summary}", file=sys.stderr)
    return document


def _positive_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds: {value!r}")
    return seconds


def _refuse_idle_online_options(args: argparse.Namespace) -> None:
    """--add-dois and --apply-suggestions work on the online check's answers: without one, say so."""
    if getattr(args, "online", False) or getattr(args, "offline_cache_only", False):
        return
    for option in ("add_dois", "apply_suggestions", "refresh_cache"):
        if getattr(args, option, False):
            raise InputError(f"--{option.replace('_', '-')} needs --online (or --offline-cache-only)")


def _emit(args: argparse.Namespace, text: str | Iterable[str], what: Callable[[], str] | None = None) -> None:
    """Write the output (whole, or in an exporter's chunks) to ``-o`` atomically, or to stdout.

    Written to a file, one line on standard error says what went where (``what()``,
    asked once the output is written: "33 works").
    """
    if args.output and args.output != "-":
        write_atomic(args.output, text, inputs=(args.input,))
        if what is not None:
            print(f"haliref: wrote {what()} to {shown(args.output)}", file=sys.stderr)
    else:
        write_stdout(text)


class _Counted:
    """The works as the exporter reads them (once), counted for the closing line."""

    def __init__(self, works: Iterable[Work]) -> None:
        self.works, self.count = works, 0

    def __iter__(self) -> Iterator[Work]:
        for work in self.works:
            self.count += 1
            yield work

    def said(self, form: str) -> str:
        return f"{self.count} work{'s' if self.count != 1 else ''} as {form}"


def _is_structured(args: argparse.Namespace) -> bool:
    """The input opens like CSL-JSON, BibTeX or HTML (judged from its first bytes only)."""
    from haliref.files import sniff_encoding
    from haliref.read.kinds import kind_of

    head = _source(args).head()
    text = head.decode(sniff_encoding(head) or "utf-8", "ignore")
    return kind_of(text) != "text"  # the same test _parse_input makes on the whole file


@contextmanager
def _works_of_input(args: argparse.Namespace) -> Iterator[tuple[Iterable[Work], Mapping[str, list[str]]]]:
    """Works and cited locators for the exporters: streamed block by block and kept on
    disk (bounded memory), or, with online checks, from the whole document."""
    if args.online or args.offline_cache_only or _is_structured(args):
        document = _parse_input(args)
        yield document.works, document.cited_locators()
        return
    from haliref.scale.stream import parse_stream

    lines, warnings = _source(args).lines()
    for warning in warnings:
        print(f"haliref: warning: {warning}", file=sys.stderr)
    with parse_stream(lines, **_pipeline_options(args)) as result:
        if not result.citations:
            raise InputError(f"no references found in {_source(args).name}")
        yield result.works(), result.locators


_DIALECT_NAMES = {"biblatex": "BibLaTeX", "bibtex": "BibTeX"}


def _cmd_bib(args: argparse.Namespace) -> None:
    from haliref.export import bibtex_chunks

    with _works_of_input(args) as (works, locators):
        counted = _Counted(works)
        _emit(
            args,
            bibtex_chunks(counted, locators=None if args.no_locators else locators, dialect=args.dialect),
            lambda: counted.said(_DIALECT_NAMES[args.dialect]),
        )


def _cmd_csl(args: argparse.Namespace) -> None:
    from haliref.export import csl_json_chunks

    with _works_of_input(args) as (works, _):
        counted = _Counted(works)
        _emit(args, csl_json_chunks(counted), lambda: counted.said("CSL-JSON"))


def _cmd_ris(args: argparse.Namespace) -> None:
    from haliref.export import ris_chunks

    with _works_of_input(args) as (works, locators):
        counted = _Counted(works)
        _emit(args, ris_chunks(counted, locators=None if args.no_locators else locators), lambda: counted.said("RIS"))


def _cmd_parse(args: argparse.Namespace) -> None:
    document = _parse_input(args)
    counts = f"{len(document.notes)} notes and {len(document.works)} works"
    _emit(
        args,
        _to_json(document) if args.json else _summary(document),
        lambda: counts + (" as JSON" if args.json else ""),
    )


def _cmd_check(args: argparse.Namespace) -> None:
    from haliref.report import report_html, report_json, report_text

    document = _parse_input(args)
    flags = sum(len(w.flags) for w in document.works)  # as the report's headline counts them
    corrections = sum(len(w.corrections) for w in document.works)

    def what() -> str:
        kind = {"html": "a page for the browser", "json": "JSON"}.get(args.format, "text")
        return f"the report ({len(document.works)} works, {flags} flags, {corrections} corrections) as {kind}"

    if args.format == "json":
        _emit(args, report_json(document), what)
    elif args.format == "html":
        text, _ = _source(args).read()
        _emit(args, report_html(document, text), what)
    else:
        to_terminal = not args.output or args.output == "-"
        color = to_terminal and stdout_stream().isatty()
        width = shutil.get_terminal_size().columns if color else 120
        _emit(args, report_text(document, color=color, width=width), what)


_FORMAT_NAMES = {"text": "text", "html": "HTML", "md": "Markdown"}


def _cmd_render(args: argparse.Namespace) -> None:
    from haliref.render.chicago import render

    document = _parse_input(args)
    what = {"all": "the notes and the bibliography", "notes": "the notes", "bibliography": "the bibliography"}[
        args.what
    ]
    _emit(
        args,
        render(document, style=args.style, what=args.what, fmt=args.format, ibid=not args.no_ibid),
        lambda: f"{what} ({args.style}, {len(document.works)} works) as {_FORMAT_NAMES[args.format]}",
    )


def _cmd_train(args: argparse.Namespace) -> None:
    from haliref.files import replace_atomically
    from haliref.parse.training import build_model, packaged_training_data, train

    if args.finder:
        from haliref.read.finder import build_finder_model

        with replace_atomically(args.output) as temporary:
            build_finder_model(temporary)
        print(f"haliref: page reader model written to {args.output}", file=sys.stderr)
        return
    if args.notes:
        from haliref.parse.training import build_notes_model

        with replace_atomically(args.output) as temporary:
            build_notes_model(temporary)
        print(f"haliref: notes labeller model written to {args.output}", file=sys.stderr)
        return
    if args.prefixes:
        from haliref.parse.prefixes import build_prefix_model

        with replace_atomically(args.output) as temporary:
            build_prefix_model(temporary)
        print(f"haliref: prefix reader model written to {args.output}", file=sys.stderr)
        return
    if args.joins:
        from haliref.parse.joins import build_join_model

        with replace_atomically(args.output) as temporary:
            build_join_model(temporary)
        print(f"haliref: join reader model written to {args.output}", file=sys.stderr)
        return
    if args.run_together:
        from haliref.read.runon import build_runon_model

        with replace_atomically(args.output) as temporary:
            build_runon_model(temporary)
        print(f"haliref: run-together notes model written to {args.output}", file=sys.stderr)
        return
    added = []
    if args.add:
        from haliref.parse.relabel import read_examples

        added = [sequence for path in args.add for sequence in read_examples(path)]
        if not added:
            raise InputError(f"no labelled citation in {', '.join(args.add)}")
    # The folder is checked before the minutes of training, and the model is
    # trained into a temporary file beside the target, then renamed.
    with replace_atomically(args.output) as temporary:
        if added:
            train([*packaged_training_data(), *added], temporary)
        else:
            build_model(temporary)
    mine = f" (the packaged data and {len(added)} citation{'s' if len(added) != 1 else ''} of yours)" if added else ""
    print(f"haliref: model written to {args.output}{mine}", file=sys.stderr)


def _cmd_serve(args: argparse.Namespace) -> None:
    from haliref.web.serve import serve

    if args.max_mb <= 0:
        raise InputError("--max-mb must be more than 0")
    serve(
        host=args.host,
        port=args.port,
        tagger=_model(args.model),
        limit=int(args.max_mb * 1_000_000),
        examples=args.examples,
        online=_online_options(args),
    )


def _online_options(args: argparse.Namespace) -> dict[str, Any]:
    """What the page's online check (asked for on the page, never by default) is run with."""
    if args.cache and not Path(args.cache).parent.is_dir():
        raise InputError(f"the cache folder does not exist: {shown(Path(args.cache).parent)}")
    options: dict[str, Any] = {"mailto": args.mailto or os.environ.get("HALIREF_MAILTO") or None}
    if args.cache:
        options["cache_path"] = args.cache
    for name, option, variable in (
        ("crossref_url", "--crossref-url", "HALIREF_CROSSREF_URL"),
        ("openlibrary_url", "--openlibrary-url", "HALIREF_OPENLIBRARY_URL"),
    ):
        url = _service_url(option, getattr(args, name), variable)
        if url is not None:
            options[name] = url
    return options


_BATCH_COMMANDS = ("bib", "csl", "ris")


def _cmd_batch(args: argparse.Namespace) -> int:
    from haliref.scale.batch import BatchOptions, run_batch

    if args.online or args.offline_cache_only:
        raise InputError("--online is for one input at a time")
    if args.model or args.labels or args.edits:
        raise InputError("--model, --labels and --edits are for one input at a time")
    pipeline = _pipeline_options(args)
    del pipeline["tagger"]
    options = BatchOptions(
        fmt=args.command,
        locators=not getattr(args, "no_locators", False),
        dialect=getattr(args, "dialect", "biblatex"),
        **pipeline,
    )
    target = args.output if args.output and args.output != "-" else None
    if target and _is_file_target(target, args.command):
        return run_batch(args.input, None, options, jobs=args.jobs, out=target)
    return run_batch(args.input, target, options, jobs=args.jobs)


def _is_file_target(output: str, command: str) -> bool:
    """``-o merged.bib`` (an existing file, or the format's extension): one merged file, not a folder."""
    from haliref.scale.batch import EXTENSIONS

    path = Path(output)
    return path.is_file() or (not path.is_dir() and path.suffix.lower() == EXTENSIONS[command])


def _input_command(
    commands: argparse._SubParsersAction, name: str, help_text: str, handler: Callable[[argparse.Namespace], None]
) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help_text, description=help_text)
    if name in _BATCH_COMMANDS:  # issue 8: many files at once (see _batch.py)
        command.add_argument(
            "input",
            nargs="+",
            help="the scraped list (a text file, or - for standard input), or a CSL-JSON or BibTeX export; "
            "or several files, folders or globs (from folders and globs: .txt files only)",
        )
        command.add_argument(
            "-o",
            "--output",
            help="write here (atomically) instead of standard output; with several inputs: a folder for "
            "per-file outputs plus merged.EXT, or one file (NAME.bib/.json/.ris) for the merged bibliography",
        )
        command.add_argument(
            "-j",
            "--jobs",
            type=int,
            default=None,
            metavar="N",
            help="with several inputs: worker processes (default: all cores)",
        )
    else:
        command.add_argument(
            "input",
            help="the scraped list (a text file, or - for standard input), or a CSL-JSON or BibTeX export "
            "(Zotero, Better BibTeX)",
        )
        command.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    command.add_argument("--no-corrections", action="store_true", help="the raw parse: apply no correction at all")
    command.add_argument(
        "--undo",
        action="append",
        metavar="RULE",
        help="undo the corrections of this rule (repeatable; 'haliref rules' lists the rules)",
    )
    command.add_argument(
        "--prose",
        action="store_true",
        help="read the input as running prose with citations in brackets (default: detected)",
    )
    command.add_argument(
        "--model",
        metavar="MODEL",
        help="label every citation with this model, in place of the list and notes labellers "
        "(haliref train -o MODEL builds one)",
    )
    command.add_argument(
        "--labels",
        action="append",
        metavar="FILE",
        help="your own labels for some citations: AnyStyle XML, as the page (haliref serve) saves them (repeatable)",
    )
    command.add_argument(
        "--edits",
        action="append",
        metavar="FILE",
        help="your own splits, joins and prose words: JSON, as the page downloads them ('my edits'; repeatable)",
    )
    online = command.add_argument_group("online checks (only with --online)")
    online.add_argument("--online", action="store_true", help="check every work against Crossref and Open Library")
    online.add_argument("--mailto", help="your e-mail, for Crossref's polite pool (or HALIREF_MAILTO)")
    online.add_argument("--cache", help="the on-disk cache file (default: the user cache folder)")
    online.add_argument("--offline-cache-only", action="store_true", help="re-run from the cache: no network at all")
    online.add_argument(
        "--apply-suggestions", action="store_true", help="apply the corrections confirmed records suggest"
    )
    online.add_argument(
        "--refresh-cache", action="store_true", help="ask every look-up again and replace what the cache held"
    )
    online.add_argument(
        "--crossref-url", metavar="URL", help="the Crossref API (a mirror, a test server; or HALIREF_CROSSREF_URL)"
    )
    online.add_argument("--openlibrary-url", metavar="URL", help="the Open Library API (or HALIREF_OPENLIBRARY_URL)")
    online.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=20.0,
        metavar="SECONDS",
        help="give up on one request after this long (default 20)",
    )
    command.set_defaults(handler=handler)
    return command


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on standard error (and exit status 2), naming the help to read."""

    def error(self, message: str) -> NoReturn:
        line = " ".join(message.split())
        self.exit(2, f"haliref: error: {line} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="haliref", description="Turn a scraped reference list into a clean bibliography."
    )
    parser.add_argument("--version", action="version", version=f"haliref {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    bib = _input_command(
        commands,
        "bib",
        "write the distinct works as BibLaTeX, or classic BibTeX (--dialect bibtex), for LaTeX and reference managers",
        _cmd_bib,
    )
    bib.add_argument(
        "--dialect",
        choices=["biblatex", "bibtex"],
        default="biblatex",
        help="biblatex (default): for biber and biblatex (date, location, journaltitle, @thesis, @online); "
        "bibtex: for classic BibTeX and its styles, natbib (year, address, journal, @phdthesis, classic fields only)",
    )
    bib.add_argument(
        "--no-locators",
        action="store_true",
        help="leave out the cited pages (in the annotation field; annote with --dialect bibtex)",
    )
    bib.add_argument("--add-dois", action="store_true", help="add the DOIs of confirmed Crossref matches")
    csl = _input_command(
        commands, "csl", "write the distinct works as CSL-JSON, for pandoc --citeproc and Zotero", _cmd_csl
    )
    csl.add_argument("--add-dois", action="store_true", help="add the DOIs of confirmed Crossref matches")
    ris = _input_command(commands, "ris", "write the distinct works as RIS, for EndNote, Zotero and Mendeley", _cmd_ris)
    ris.add_argument("--no-locators", action="store_true", help="leave out the cited pages (N1 notes)")
    parse = _input_command(
        commands, "parse", "show the notes, their citations and the works (--json: the whole data model)", _cmd_parse
    )
    parse.add_argument("--json", action="store_true", help="the full data model as JSON")
    check = _input_command(
        commands,
        "check",
        "report the suspect entries, each flag with its reason, and every correction made",
        _cmd_check,
    )
    check.add_argument(
        "--format",
        default="text",
        choices=["text", "json", "html"],
        help="text: tables for the terminal (default); html: one page to open in a browser (use -o report.html); "
        "json: everything, with the flag and rule codes, for programs",
    )
    render = _input_command(
        commands, "render", "render the list in Chicago style (CMOS 17): notes, short notes, bibliography", _cmd_render
    )
    render.add_argument(
        "--style",
        default="notes-bibliography",
        choices=["notes-bibliography", "shortened-notes-bibliography", "author-date"],
        help="CMOS 17 notes and bibliography (default), shortened notes, or author-date",
    )
    render.add_argument(
        "--what",
        default="all",
        choices=["all", "notes", "bibliography"],
        help="the notes, the bibliography, or both (default)",
    )
    render.add_argument(
        "--format",
        default="text",
        choices=["text", "html", "md"],
        help="plain text (default; italics are lost), HTML (italics kept) or Markdown (*italics*)",
    )
    render.add_argument("--no-ibid", action="store_true", help="short notes instead of ibid. (CMOS 17's preference)")
    rules = commands.add_parser(
        "rules",
        help="list the correction rules (the names --undo takes), each with what it does",
        description="List the rules haliref corrects with, each with what it does; --undo RULE takes one back.",
    )
    rules.set_defaults(handler=_cmd_rules)
    train_help = (
        "build the list labeller (the field labeller of a list's entries) from the packaged training data, "
        "and your own (--add FILE)"
    )
    train = commands.add_parser(
        "train",
        help=train_help,
        description=train_help + ": the packaged model is already built; the same data gives the same model, "
        "byte for byte",
    )
    train.add_argument("-o", "--output", required=True, help="where to write the model file")
    train.add_argument(
        "--add",
        action="append",
        metavar="FILE",
        help="also learn from these labelled citations (AnyStyle XML, as the page saves your corrections)",
    )
    which = train.add_mutually_exclusive_group()
    which.add_argument(
        "--finder",
        action="store_true",
        help="build the page reader (which line begins a note, continues it, or is page chrome or prose) "
        "from its synthetic pages, instead of the list labeller",
    )
    which.add_argument(
        "--notes",
        action="store_true",
        help="build the notes labeller (the field labeller of numbered notes) from the packaged training data and "
        "the references derived from real notes, instead of the list labeller",
    )
    which.add_argument(
        "--prefixes",
        action="store_true",
        help="build the prefix reader (where the author's words before a citation end and the work begins) "
        "from the examples derived from real notes, instead of the list labeller",
    )
    which.add_argument(
        "--joins",
        action="store_true",
        help="build the join reader (where a citation the splitter read as one holds the start of another) "
        "from the examples derived from real notes and synthetic ones, instead of the list labeller",
    )
    which.add_argument(
        "--run-together",
        action="store_true",
        help="build the run-together notes reader (which numbers in a pasted paragraph begin notes) "
        "from its synthetic texts, instead of the list labeller",
    )
    train.set_defaults(handler=_cmd_train)
    serve_help = "open a local web page: paste a list, see what haliref read, correct it, download it"
    serve = commands.add_parser("serve", help=serve_help, description=serve_help)
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this computer only; any other is warned about)",
    )
    serve.add_argument("--port", type=int, default=8765, help="the port (default 8765)")
    serve.add_argument(
        "--model",
        metavar="MODEL",
        help="label every citation with this model, in place of the list and notes labellers (haliref train -o MODEL)",
    )
    serve.add_argument(
        "--examples",
        metavar="FILE",
        help="save the citations you relabel on the page here, as AnyStyle XML (for haliref train --add FILE)",
    )
    serve.add_argument(
        "--max-mb", type=float, default=8.0, help="the largest input the page reads, in MB (default 8)"
    )
    online = serve.add_argument_group("the page's online check (only when asked for on the page)")
    online.add_argument("--mailto", help="your e-mail, for Crossref's polite pool (or HALIREF_MAILTO)")
    online.add_argument("--cache", help="the on-disk cache file (default: the user cache folder)")
    online.add_argument(
        "--crossref-url", metavar="URL", help="the Crossref API (a mirror, a test server; or HALIREF_CROSSREF_URL)"
    )
    online.add_argument("--openlibrary-url", metavar="URL", help="the Open Library API (or HALIREF_OPENLIBRARY_URL)")
    serve.set_defaults(handler=_cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # "haliref" alone: the help, not only an error
        parser.print_help()
        return 0
    try:
        _refuse_idle_online_options(args)
        if isinstance(getattr(args, "input", None), list):  # bib, csl, ris: one input or many
            from haliref.scale.batch import is_batch

            if is_batch(args.input):
                return _cmd_batch(args)
            args.input = args.input[0]
        args.handler(args)
        status = getattr(args, "exit_status", 0)
    except InputError as error:
        print(f"haliref: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("haliref: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as error:  # the last resort: a file system failure not foreseen above, in one line
        where = f"{shown(error.filename)}: " if error.filename else ""
        print(f"haliref: error: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        _silence_stdout()
        print(f"haliref: error: cannot write to standard output: {error.strerror or error}", file=sys.stderr)
        return 1
    return status


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
