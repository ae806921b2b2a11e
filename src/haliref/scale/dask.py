"""haliref on Dask (``pip install haliref[dask]``): the same pipeline over a bag of texts.

The stages are pure functions of one input's text, so a :class:`dask.bag.Bag` of
``(name, text)`` pairs maps to a bag of *records*, one CSL-JSON dict per work::

    {"id": "pipes1992russian", "type": "book", "title": ..., ...,
     "custom": {"source": "chapters/ch01.txt", "locators": ["p. 669"]}}

(the input's name goes in CSL-JSON's extension object ``custom``). An input that
fails (binary, undecodable, no references, a bug) gives one *error record*
``{"custom": {"source": name, "error": "..."}}`` instead, so one bad text never
stops the job. :func:`write_partitioned` writes one file per partition
(``part-00000.json`` / ``.bib``), keys made unique within it, plus
``part-00000.errors.jsonl`` when that partition had failures.

Locally (threads, processes or the synchronous scheduler)::

    import dask.bag as db
    from haliref.scale.dask import from_files, to_records, write_partitioned

    bag = from_files("shelf/**/*.txt", partition_size=50)
    write_partitioned(to_records(bag, today_year=2026), "out/", fmt="bib")

On a cluster, the same code after connecting a ``dask.distributed`` client (the
workers need haliref installed and a shared file system for the inputs/outputs)::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")   # or LocalCluster(), dask-jobqueue, ...

No scheduling is done here: Dask does it.
"""

from __future__ import annotations

import glob as _glob
import json
import os
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import dask
import dask.bag as db

__all__ = ["from_files", "records_from_text", "to_records", "write_partitioned"]

Record = dict[str, Any]


def _read(path: str) -> tuple[str, bytes]:
    try:
        return path, Path(path).read_bytes()
    except OSError as error:
        return path, f"\x00cannot read: {error.strerror}".encode()


def from_files(pattern: str | Sequence[str], *, partition_size: int | None = None) -> db.Bag:
    """A bag of ``(path, bytes)`` for a glob (``**`` allowed) or a list of paths, read inside the tasks."""
    paths = sorted(_glob.glob(pattern, recursive=True)) if isinstance(pattern, str) else list(pattern)
    paths = [p for p in paths if not os.path.isdir(p)]
    if not paths:
        raise FileNotFoundError(f"no input files: {pattern}")
    return db.from_sequence(paths, partition_size=partition_size).map(_read)


def records_from_text(
    name: str,
    text: str | bytes,
    *,
    corrections: bool = True,
    skip_rules: Collection[str] = (),
    today_year: int | None = None,
    prose: bool | None = None,
) -> list[Record]:
    """One input → its records (the works as CSL-JSON, ``custom.source`` = name), or one error record."""
    from haliref.files import InputError, decode
    from haliref.pipeline import parse_text

    try:
        if isinstance(text, bytes):
            if text.startswith(b"\x00cannot read: "):
                raise InputError(text[1:].decode())
            text, _warnings = decode(text)
        elif not text.strip():
            raise InputError("the input is empty")
        document = parse_text(
            text, corrections=corrections, skip_rules=skip_rules, today_year=today_year, prose=prose
        )
        if not any(note.citations for note in document.notes):
            raise InputError("no references found")
    except Exception as error:
        message = str(error) if isinstance(error, InputError) else f"{type(error).__name__}: {error}"
        return [{"custom": {"source": name, "error": message}}]
    cited: dict[str, list[str]] = {}
    for note in document.notes:
        for citation in note.citations:
            if citation.locator and citation.locator not in cited.setdefault(citation.work, []):
                cited[citation.work].append(citation.locator)
    records = []
    for work in document.works:
        custom: dict[str, Any] = {"source": name}
        if cited.get(work.id):
            custom["locators"] = cited[work.id]
        records.append({"id": work.id, **{k: v for k, v in work.csl.items() if k != "id"}, "custom": custom})
    return records


def _partition(items: Iterable[tuple[str, str | bytes]], options: dict[str, Any]) -> list[Record]:
    out: list[Record] = []
    for name, text in items:
        out.extend(records_from_text(name, text, **options))
    return out


def to_records(
    bag: db.Bag,
    *,
    corrections: bool = True,
    skip_rules: Collection[str] = (),
    today_year: int | None = None,
    prose: bool | None = None,
) -> db.Bag:
    """Map a bag of ``(name, text)`` (text as ``str``, or ``bytes`` to decode) to a bag of records.

    Pass ``today_year`` for the "year in the future" flag: the pipeline never reads the clock.
    """
    options = {
        "corrections": corrections, "skip_rules": frozenset(skip_rules), "today_year": today_year, "prose": prose,
    }
    return bag.map_partitions(_partition, options)


def _works(records: Iterable[Record]) -> tuple[list[Any], dict[str, list[str]], list[Record]]:
    """Records → Work objects with keys unique (case-insensitively) in the partition, in order."""
    from haliref.model import Work, csl_item
    from haliref.scale.batch import FileResult, merge_works

    results: list[FileResult] = []
    errors: list[Record] = []
    for record in records:
        custom = record.get("custom") or {}
        if "error" in custom:
            errors.append(record)
            continue
        csl = {k: v for k, v in record.items() if k not in ("id", "custom")}
        work = Work(id=str(record["id"]), csl=csl_item(csl))
        locators = {work.id: list(custom["locators"])} if custom.get("locators") else {}
        results.append(FileResult(source=str(custom.get("source", "")), output="", works=[work], locators=locators))
    works, locators = merge_works(results)
    return works, locators, errors


def _write_partition(records: list[Record], path: str, fmt: str) -> list[str]:
    from haliref.export import to_bibtex, to_csl_json
    from haliref.files import write_atomic

    works, locators, errors = _works(records)
    if fmt == "csl":  # every record, its custom block (source, locators) kept; ids unique
        good = [r for r in records if "error" not in (r.get("custom") or {})]
        seen: set[str] = set()
        items = []
        for record in good:
            key, n = str(record["id"]), 1
            while key.lower() in seen:
                n += 1
                key = f"{record['id']}-{n}"
            seen.add(key.lower())
            items.append({**record, "id": key})
        text = to_csl_json([_as_work(item) for item in items]) if items else ""
    else:
        text = to_bibtex(works, locators=locators or None)
    written = []
    if text:
        write_atomic(path, text)
        written.append(path)
    if errors:
        error_path = str(Path(path).with_suffix(".errors.jsonl"))
        write_atomic(error_path, "".join(json.dumps(e["custom"], ensure_ascii=False) + "\n" for e in errors))
        written.append(error_path)
    return written


def _as_work(record: Record) -> Any:
    from haliref.model import Work, csl_item

    return Work(id=str(record["id"]), csl=csl_item({k: v for k, v in record.items() if k != "id"}))


def write_partitioned(
    records: db.Bag, outdir: str | os.PathLike[str], *, fmt: str = "csl", compute: bool = True, **compute_kwargs: Any
) -> list[str] | list[Any]:
    """Write one file per partition, ``OUTDIR/part-00000.json`` (``fmt="csl"``) or ``.bib`` (``fmt="bib"``).

    Returns the paths written (sorted), or the delayed tasks if ``compute=False``.
    Extra keyword arguments go to :func:`dask.compute` (e.g. ``scheduler="sync"``).
    """
    if fmt not in ("csl", "bib"):
        raise ValueError(f"fmt must be 'csl' or 'bib', not {fmt!r}")
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    ext = ".json" if fmt == "csl" else ".bib"
    tasks = [
        dask.delayed(_write_partition)(part, str(folder / f"part-{i:05d}{ext}"), fmt)
        for i, part in enumerate(records.to_delayed())
    ]
    if not compute:
        return tasks
    return sorted(path for paths in dask.compute(*tasks, **compute_kwargs) for path in paths)
