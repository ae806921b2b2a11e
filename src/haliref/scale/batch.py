"""Many inputs at once: ``haliref bib DIR_OR_GLOB… -o OUTDIR`` with a process pool.

Each input is parsed on its own (the pipeline is a pure function of the text), in
a worker process (``--jobs N``, default all cores), and written to
``OUTDIR/<name>.<ext>``; the works of all inputs then go, in input order, into one
merged bibliography ``OUTDIR/merged.<ext>``, the same work cited in several files
written once (matched as in :mod:`haliref.merge.combine`), keys unique across files
(the first file keeps ``smith1990``; a different work with the same key in a later
file becomes ``smith1990-2``...). Without a folder (``-o FILE`` or standard
output) only the merged bibliography is written.

The merged bibliography is built as the files are done, in input order, and
kept on disk (:mod:`haliref.scale.shelf`), so memory does not grow with the number
of files. A folder or a pattern gives its text files only (``.txt``), never the
run's own ``-o`` folder or file; what it passes over is said in one line. The
outputs depend on the inputs only, never on N or on the order in which the
workers finish. A file that fails (unreadable, binary, no references,
a bug) is reported in one line and never stops the others; the exit status is 1
if any did.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from haliref.files import InputError, path_status, read_input, shown, write_atomic, write_stdout

__all__ = [
    "BatchOptions",
    "FileResult",
    "MergedBibliography",
    "Skipped",
    "expand_inputs",
    "is_batch",
    "merge_works",
    "run_batch",
    "select_inputs",
]

EXTENSIONS = {"bib": ".bib", "csl": ".json", "ris": ".ris"}
MERGED = "merged"
_GLOB_CHARS = frozenset("*?[")


@dataclasses.dataclass(frozen=True)
class BatchOptions:
    fmt: str = "bib"  # bib | csl | ris
    corrections: bool = True
    skip_rules: frozenset[str] = frozenset()
    today_year: int | None = None
    locators: bool = True
    prose: bool | None = None  # None: detected per file
    dialect: str = "biblatex"  # of a .bib: biblatex | bibtex


@dataclasses.dataclass
class FileResult:
    """What a worker sends back: the works (for the merged file) or the error."""

    source: str
    output: str
    works: list[Any] = dataclasses.field(default_factory=list)
    locators: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    warnings: list[str] = dataclasses.field(default_factory=list)
    error: str | None = None


def is_batch(inputs: Sequence[str]) -> bool:
    """Several inputs, a folder or a glob pattern: batch mode (``-o`` is then a folder)."""
    if len(inputs) != 1:
        return True
    only = inputs[0]
    return Path(only).is_dir() or (not Path(only).exists() and bool(_GLOB_CHARS & set(only)))


#: What a folder or a glob pattern contributes: text files only (a file named on the
#: command line is read whatever its name).
TEXT_SUFFIXES = (".txt", ".text")


@dataclasses.dataclass(frozen=True)
class Skipped:
    """A path a folder or pattern held that is not read, and why (shown in one line)."""

    path: str
    reason: str


_NOT_TEXT = "only .txt files are read from a folder or pattern; name a file to read it anyway"
_BROKEN = "a broken link"
_OUTPUT = "haliref's own output"


def select_inputs(inputs: Sequence[str], outputs: Sequence[str] = ()) -> tuple[list[str], list[Skipped]]:
    """The files to read and the paths passed over, each with its reason.

    Folders are walked recursively (hidden files and folders left out silently),
    globs expanded, each sorted; duplicates dropped. From a folder or a pattern only
    text files (:data:`TEXT_SUFFIXES`) are read, never ``outputs`` (the ``-o`` folder
    or file: a second run does not read the first one's bibliographies), and a
    broken link is reported. A path that neither exists nor matches anything is
    kept: it fails alone, later.
    """
    out: list[str] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    own = {Path(o).resolve(): o for o in outputs if o}

    def own_output(path: Path) -> Path | None:
        resolved = path.resolve()
        return next((o for o in own if resolved == o or o in resolved.parents), None)

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)

    def skip(path: str, reason: str) -> None:
        key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            skipped.append(Skipped(path, reason))

    def consider(file: Path) -> None:
        if file.is_symlink() and not file.exists():
            skip(str(file), _BROKEN)
        elif not file.is_file():
            return
        elif (output := own_output(file)) is not None:
            skip(own[output], _OUTPUT)  # the -o folder once, not each file in it
        elif file.suffix.lower() not in TEXT_SUFFIXES:
            skip(str(file), _NOT_TEXT)
        else:
            add(str(file))

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if not any(part.startswith(".") for part in file.relative_to(path).parts):
                    consider(file)
        elif not path.exists() and not path.is_symlink() and _GLOB_CHARS & set(item):
            matches = sorted(glob.glob(item, recursive=True))
            for match in matches:
                consider(Path(match))
            if not matches:
                add(item)
        else:
            add(item)
    return out, skipped


def expand_inputs(inputs: Sequence[str], outputs: Sequence[str] = ()) -> list[str]:
    """The files :func:`select_inputs` reads."""
    return select_inputs(inputs, outputs)[0]


def skipped_line(skipped: Sequence[Skipped], shown: int = 3) -> str:
    """One line for everything passed over: grouped by reason, a few names each."""
    by_reason: dict[str, list[str]] = {}
    for item in skipped:
        by_reason.setdefault(item.reason, []).append(item.path)
    parts = []
    for reason, paths in by_reason.items():
        names = ", ".join(paths[:shown]) + (f" and {len(paths) - shown} more" if len(paths) > shown else "")
        parts.append(f"{names} ({reason})")
    return "skipped " + "; ".join(parts)


def output_names(sources: Sequence[str], fmt: str) -> list[str]:
    """``<stem><ext>`` per input; a repeated stem (or ``merged``) gets ``-2``, ``-3``... in input order."""
    ext = EXTENSIONS[fmt]
    used = {MERGED.lower()}
    names = []
    for source in sources:
        stem = Path(source).stem or "input"
        name, n = stem, 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name.lower())
        names.append(name + ext)
    return names


def _chunks(
    fmt: str, works: Iterable[Any], locators: Mapping[str, list[str]] | None, dialect: str = "biblatex"
) -> Iterator[str]:
    from haliref.export import bibtex_chunks, csl_json_chunks, ris_chunks

    if fmt == "csl":
        return csl_json_chunks(works)
    if fmt == "ris":
        return ris_chunks(works, locators=locators)
    return bibtex_chunks(works, locators=locators, dialect=dialect)


def process_file(source: str, output: str, options: BatchOptions) -> FileResult:
    """Parse one input and write its output; every failure is caught and returned."""
    result = FileResult(source=source, output=output)
    try:
        from haliref.pipeline import parse_text
        from haliref.read.kinds import StructuredInputError, structured_document

        text, result.warnings = read_input(source)
        try:  # a CSL-JSON or BibTeX export: its items are the works; an HTML page is refused
            document = structured_document(text, "the file")
        except StructuredInputError as error:
            raise InputError(str(error)) from None
        if document is None:
            document = parse_text(
                text,
                corrections=options.corrections,
                skip_rules=options.skip_rules,
                today_year=options.today_year,
                prose=options.prose,
            )
        if not any(note.citations for note in document.notes):
            raise InputError("no references found")
        result.locators = document.cited_locators() if options.locators else {}
        if output:
            chunks = _chunks(options.fmt, document.works, result.locators, options.dialect)
            write_atomic(output, chunks, inputs=(source,))
        result.works = list(document.works)
    except InputError as error:
        result.error = str(error)
    except Exception as error:
        result.error = f"{type(error).__name__}: {error}"
    return result


class MergedBibliography:
    """The works of many files combined as each file is done, in input order whatever
    order the pool finishes in (a file waits until those before it are in), on disk."""

    def __init__(self) -> None:
        from haliref.merge.combine import Combiner
        from haliref.scale.shelf import SpilledShelf

        self.shelf = SpilledShelf()
        self._combiner = Combiner(self.shelf)
        self._waiting: dict[int, FileResult] = {}
        self._next = 0

    def add(self, index: int, result: FileResult) -> None:
        """The result of the ``index``-th input (each index once)."""
        self._waiting[index] = result
        while self._next in self._waiting:
            done = self._waiting.pop(self._next)
            self._next += 1
            if done.error:
                continue
            rename = self._combiner.add(done.works)
            for key, cited in done.locators.items():
                for locator in cited:
                    self.shelf.cite(rename.get(key, key), locator)

    def works(self) -> Iterator[Any]:
        """The merged works under their combined keys (call once all files are in)."""
        self.shelf.keep_keys()
        return self.shelf.keyed_works()

    @property
    def locators(self) -> Mapping[str, list[str]]:
        return self.shelf.locators()


def merge_works(results: Sequence[FileResult]) -> tuple[list[Any], dict[str, list[str]]]:
    """The works of all files in input order, each distinct work once, keys unique across files."""
    merged = MergedBibliography()
    for index, result in enumerate(results):
        merged.add(index, result)
    works = list(merged.works())
    return works, dict(merged.locators)


def batch_summary(files: int, failed: int, works: int, fmt: str, folder: Path | None, out: Any) -> str:
    """The closing line: what was read, what was written where."""
    read = f"read {files - failed} of {files} files" if failed else f"read {files} file{'s' if files != 1 else ''}"
    plural = "s" if works != 1 else ""
    if not works:
        written = "no works to write"
    elif folder is not None:
        written = (
            f"wrote one {EXTENSIONS[fmt]} file per input to {folder}{os.sep}, "
            f"and the {works} work{plural} of all in {folder / (MERGED + EXTENSIONS[fmt])}"
        )
    elif out:
        written = f"wrote their {works} work{plural} to {out}"
    else:
        written = f"wrote their {works} work{plural} to standard output"
    return f"{read}; {written}" + (f"; {failed} failed (see above)" if failed else "")


def _progress(total: int) -> tuple[Callable[[], None], Callable[[], None]]:
    """A Rich progress bar on a terminal (stderr), nothing otherwise: (advance, close)."""
    if not sys.stderr.isatty():
        return (lambda: None), (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("haliref"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = progress.add_task("files", total=total)
    progress.start()
    return (lambda: progress.advance(task)), progress.stop


def _refuse_overwriting_inputs(sources: Sequence[str], outputs: Sequence[str]) -> None:
    """Before anything is written: no output of the batch may be one of its inputs."""
    inputs = {}
    for source in sources:
        try:
            status = path_status(source)
        except InputError:
            continue  # it fails alone, later
        if status is not None:
            inputs[(status.st_dev, status.st_ino)] = source
    for output in outputs:
        status = path_status(output)
        named = inputs.get((status.st_dev, status.st_ino)) if status is not None else None
        if named is not None:
            raise InputError(
                f"the output {shown(output)} would overwrite the input {shown(named)}: give another -o folder"
            )


def run_batch(
    inputs: Sequence[str],
    outdir: str | None,
    options: BatchOptions,
    *,
    jobs: int | None = None,
    progress: bool = True,
    err: Any = None,
    out: Any = None,
) -> int:
    """Process every input and write the merged bibliography; 1 if any file failed.

    ``outdir`` a folder: per-file outputs and ``merged.<ext>`` in it. Otherwise the
    merged bibliography only, to ``out`` (a file path, or standard output when None).
    """
    err = err or sys.stderr
    folder = None if outdir is None else Path(outdir)
    if folder is not None:
        if folder.exists() and not folder.is_dir():
            raise InputError(f"-o {outdir} is a file: give a folder for per-file outputs")
        folder.mkdir(parents=True, exist_ok=True)
    sources, skipped = select_inputs(inputs, [str(folder) if folder is not None else "", out or ""])
    if skipped:
        print(f"haliref: {skipped_line(skipped)}", file=err)
    if not sources:
        raise InputError("no text file to read (give a .txt file, or a folder that holds some)")
    merged = folder / (MERGED + EXTENSIONS[options.fmt]) if folder is not None else None
    if folder is not None:
        outputs = [str(folder / name) for name in output_names(sources, options.fmt)]
        _refuse_overwriting_inputs(sources, [*outputs, str(merged)])
    else:
        outputs = [""] * len(sources)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(sources)))
    results: list[FileResult | None] = [None] * len(sources)
    bibliography = MergedBibliography()
    advance, close = _progress(len(sources)) if progress else ((lambda: None), (lambda: None))

    def finished(i: int, result: FileResult) -> None:
        bibliography.add(i, result)
        results[i] = dataclasses.replace(result, works=[], locators={})  # the works are on the shelf now
        advance()

    try:
        if jobs == 1:
            for i, (source, output) in enumerate(zip(sources, outputs, strict=False)):
                finished(i, process_file(source, output, options))
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {
                    pool.submit(process_file, source, output, options): i
                    for i, (source, output) in enumerate(zip(sources, outputs, strict=False))
                }
                for future in as_completed(futures):
                    i = futures[future]
                    try:
                        finished(i, future.result())
                    except BrokenProcessPool as error:  # a worker died (killed, out of memory)
                        finished(i, FileResult(sources[i], outputs[i], error=f"worker died: {error}"))
    finally:
        close()
    done = [r for r in results if r is not None]
    for result in done:
        for warning in result.warnings:
            print(f"haliref: warning: {result.source}: {warning}", file=err)
    merged_works = len(bibliography.shelf)
    if merged_works:
        text = _chunks(options.fmt, bibliography.works(), bibliography.locators, options.dialect)
        if merged is not None:
            write_atomic(str(merged), text, inputs=tuple(sources))
        elif out:
            write_atomic(out, text, inputs=tuple(sources))
        else:
            write_stdout(text)
    failed = [r for r in done if r.error]
    for result in failed:
        print(f"haliref: failed: {result.source}: {result.error}", file=err)
    print(f"haliref: {batch_summary(len(done), len(failed), merged_works, options.fmt, folder, out)}", file=err)
    return 1 if failed else 0
