"""Checking works against Crossref and Open Library, politely, and without ever losing the run.

:func:`check_online` sends one Crossref query per work and one Open Library
query per book (or chapter's containing book), validates what comes back
(:mod:`haliref.check.lookups`, with :mod:`haliref.check.crossref` and
:mod:`haliref.check.openlibrary`) and returns a copy of the document with
``work.checks`` filled (one dict per source) and a flag for every field where a
*matched* record disagrees with the entry. The requests keep each service's
limits (:mod:`haliref.check.politeness`: rate and concurrency, retries, the
cache, a service stopped once too many of its look-ups fail).
:func:`add_dois` and :func:`apply_suggestions` (:mod:`haliref.check.suggestions`)
then turn matched records into ordinary, recorded corrections.

Statuses: ``matched``, ``inconclusive``, ``not found``, ``error``,
``not in cache``, and ``skipped`` (nothing to search for: no title).
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from haliref import progress as _progress
from haliref.check import crossref as _crossref
from haliref.check import openlibrary as _openlibrary
from haliref.check.cache import ResponseCache, clear_cache, default_cache_path
from haliref.check.lookups import LABELS, SOURCES, Task, _attach, _look_up, _tasks
from haliref.check.politeness import (
    ERROR_THRESHOLD,
    PUBLIC_POOL_NOTICE,
    _client,
    _Counter,
    _Fetcher,
    _Gate,
    _initial_rate,
    _open_cache,
    user_agent,
)
from haliref.check.suggestions import add_dois, apply_suggestions
from haliref.model import Document, OnlineCheck

__all__ = [
    "SOURCES",
    "add_dois",
    "apply_suggestions",
    "check_online",
    "clear_cache",
    "default_cache_path",
    "online_summary",
    "user_agent",
]



def check_online(
    document: Document,
    *,
    mailto: str | None = None,
    cache_path: str | Path | None = None,
    offline_cache_only: bool = False,
    transport: httpx.BaseTransport | None = None,
    progress: bool = False,
    max_in_flight: int = 3,
    sources: Iterable[str] = SOURCES,
    use_cache: bool = True,
    timeout: float = 20.0,
    retries: int = 4,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
    crossref_url: str = _crossref.BASE_URL,
    openlibrary_url: str = _openlibrary.BASE_URL,
    refresh_cache: bool = False,
    notify: Callable[[str], None] | None = None,
) -> Document:
    """Check every work of ``document`` online; return a copy with ``checks`` and flags filled.

    ``cache_path`` None means :func:`default_cache_path`; ``use_cache=False``
    keeps the cache in memory only (nothing written, nothing reused).
    ``transport`` replaces the network (tests: ``httpx.MockTransport``);
    ``sleep``/``clock`` replace ``time.sleep``/``time.monotonic`` (tests).
    ``refresh_cache`` asks every look-up again and replaces what the cache held.
    A cache file that cannot be used is named in a warning and the check goes on
    without it. While it asks the network, a run holds ``<cache>.lock``: a second
    process sharing the cache waits (``notify`` is told), so the services' limits
    are kept by one process at a time. The input document is not modified.
    """
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    wanted = _wanted(sources)
    result = copy.deepcopy(document)
    tasks = _tasks(result.works, wanted, {"crossref": crossref_url, "openlibrary": openlibrary_url})
    asking = any(t[2] is not None for t in tasks)
    identified = bool(mailto and mailto.strip())
    if not offline_cache_only and not identified and asking and PUBLIC_POOL_NOTICE not in result.warnings:
        result.warnings.append(PUBLIC_POOL_NOTICE)
    cache, lock_file = _open_cache(use_cache, cache_path, offline_cache_only, asking, notify, result.warnings)
    client = None if offline_cache_only else _client(transport, mailto, timeout)
    gates = {s: _Gate(max_in_flight, *_initial_rate(s, identified), clock=clock, sleep=sleep) for s in wanted}
    run = _Run(result, wanted, tasks, progress)
    fetcher = _Fetcher(client, cache, offline_cache_only, gates, sleep, retries, run.stop, refresh=refresh_cache)
    try:
        run.all(fetcher, max_in_flight)
    finally:
        _close(run, client, cache, lock_file, result.warnings)
    result.warnings.extend(_stop_warnings(wanted, run.counters, run.results))
    _attach(result.works, wanted, run.results)
    return result


def _wanted(sources: Iterable[str]) -> list[str]:
    """The sources asked, in ``SOURCES``'s order; an unknown one is refused."""
    wanted = [s for s in SOURCES if s in set(sources)]
    unknown = set(sources) - set(SOURCES)
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(sorted(unknown))}")
    return wanted


class _Run:
    """The look-ups of one check, run in one pool of threads per source: their checks as they come,
    each service's tally, the events that stop a service, the progress shown."""

    def __init__(self, result: Document, wanted: list[str], tasks: list[Task], progress: bool) -> None:
        self.result = result
        self.wanted = wanted
        self.tasks = tasks
        self.counters = {s: _Counter(total=sum(1 for t in tasks if t[0] == s and t[2] is not None)) for s in wanted}
        self.stop = {s: threading.Event() for s in wanted}
        self.results: dict[tuple[str, int], OnlineCheck] = {}
        self.lock = threading.Lock()
        self.bar = _progress_bar(len(tasks)) if progress else None
        self.report = _progress.bound()  # the page's progress bar (record runs in the pool's threads)
        self.report("check", 0, len(tasks))

    def all(self, fetcher: _Fetcher, max_in_flight: int) -> None:
        """Every look-up, at most ``max_in_flight`` at once per source (the gates keep the rates)."""
        if self.bar is not None:
            self.bar[0].start()
        executors = {s: ThreadPoolExecutor(max_workers=max(1, max_in_flight), thread_name_prefix=f"haliref-{s}")
                     for s in self.wanted}
        try:
            futures = [executors[s].submit(self.one, fetcher, s, i, r) for s, i, r in self.tasks]
            for future in futures:
                future.result()
        finally:
            for executor in executors.values():
                executor.shutdown(wait=True, cancel_futures=True)

    def one(self, fetcher: _Fetcher, source: str, index: int, req: tuple[str, dict[str, str]] | None) -> None:
        check, failed, unreachable = _look_up(fetcher, source, self.result.works[index].csl, req, self.stop[source])
        if unreachable:  # refused, or no such host: the service's other look-ups are not sent
            with self.lock:
                self.counters[source].unreachable = unreachable
            self.stop[source].set()
        self.record(source, index, check, failed)

    def record(self, source: str, index: int, check: OnlineCheck, failed: bool | None) -> None:
        with self.lock:
            self.results[(source, index)] = check
            self.report("check", len(self.results), len(self.tasks))
            if failed is not None and self.counters[source].count(failed, check.get("reason", "")):
                self.stop[source].set()
        if self.bar is not None:
            progress_obj, task_id = self.bar
            progress_obj.advance(task_id)


def _close(run: _Run, client: httpx.Client | None, cache: ResponseCache | None, lock_file: Any,
           warnings: list[str]) -> None:
    """The progress bar, the client, the cache (a warning if it failed on the way) and its lock."""
    if run.bar is not None:
        run.bar[0].stop()
    if client is not None:
        client.close()
    if cache is not None:
        if cache.failure:
            warnings.append(
                f"{cache.failure}: gave it up; answers were neither reused nor stored (delete it to rebuild it)"
            )
        cache.close()
    if lock_file is not None:
        lock_file.close()  # releases the lock


def _stop_warnings(
    wanted: list[str], counters: dict[str, _Counter], results: dict[tuple[str, int], OnlineCheck]
) -> list[str]:
    """A warning for each service stopped (unreachable, or too many failures) and for cache misses; the
    checks not sent say why."""
    warnings = []
    for source in wanted:
        counter = counters[source]
        label = LABELS[source]
        if counter.unreachable:
            for (s, _), check in results.items():
                if s == source and check.get("reason", "").startswith("not checked"):
                    check["reason"] = f"not checked: {counter.unreachable}"
            skipped = sum(1 for (s, _), c in results.items() if s == source and c["status"] == "error") - 1
            warnings.append(
                f"{label}: {counter.unreachable}; gave up at once, {skipped} more work(s) not checked "
                "and marked “error”."
            )
        elif counter.stopped:
            skipped = sum(
                1 for (s, _), c in results.items() if s == source and c.get("reason", "").startswith("not checked")
            )
            for (s, _), check in results.items():
                if s == source and check.get("reason", "").startswith("not checked"):
                    check["reason"] = (
                        f"not checked: {label} look-ups were stopped after {counter.errors} of "
                        f"{counter.done} failed (over {ERROR_THRESHOLD:.0%})"
                    )
            warnings.append(
                f"{label}: stopped after {counter.errors} of {counter.done} look-ups failed "
                f"(over {ERROR_THRESHOLD:.0%}); {skipped} work(s) not checked and marked “error”. "
                f"Last error: {counter.last_error}"
            )
        misses = sum(1 for (s, _), c in results.items() if s == source and c["status"] == "not in cache")
        if misses:
            warnings.append(
                f"{label}: {misses} look-up(s) not in the cache (offline run); run online once to fill it."
            )
    return warnings


def _progress_bar(total: int) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("[bold]Checking online"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("check", total=total, note="")
    return progress, task


def online_summary(document: Document) -> tuple[str, bool]:
    """One line saying what the online check found, per source, and whether it failed
    wholesale: a source none of whose look-ups got an answer, or whose look-ups were
    stopped (the list is then not checked, and a script must be able to tell)."""
    parts = []
    failed = False
    order = ("matched", "inconclusive", "not found", "skipped", "not in cache", "error")
    for source in SOURCES:
        checks = [c for work in document.works for c in work.checks if c.get("source") == source]
        if not checks:
            continue
        counts = {status: sum(1 for c in checks if c.get("status") == status) for status in order}
        answered = counts["matched"] + counts["inconclusive"] + counts["not found"]
        stopped = any(str(c.get("reason", "")).startswith("not checked") for c in checks)
        if counts["error"] and (stopped or not answered):
            failed = True
        shown = ", ".join(f"{n} {status}" if status != "error" else f"{n} error{'s' if n != 1 else ''}"
                          for status, n in counts.items() if n)
        parts.append(f"{LABELS[source]} {shown}" + (" (stopped)" if stopped else ""))
    return "; ".join(parts), failed
