"""Checking works against Crossref and Open Library, politely, and without ever losing the run.

:func:`check_online` sends one Crossref query per work and one Open Library
query per book (or chapter's containing book), validates what comes back
(:mod:`haliref.check.crossref`, :mod:`haliref.check.openlibrary`) and returns a copy of
the document with ``work.checks`` filled (one dict per source) and a flag for
every field where a *matched* record disagrees with the entry.
:func:`add_dois` and :func:`apply_suggestions` then turn matched records into
ordinary, recorded corrections.

Etiquette, per service (each has its own gate):

* one shared ``httpx.Client``; a User-Agent naming haliref and, when given,
  ``mailto:<address>`` (Crossref's polite pool; Open Library also grants
  identified clients more);
* at most ``max_in_flight`` requests in flight (default 3), lowered to the
  ``x-concurrency-limit`` a response announces; the very first request goes
  alone, so the limits are known before anything runs in parallel;
* requests spaced evenly to stay under ``x-rate-limit-limit`` per
  ``x-rate-limit-interval`` (re-read from every response); before any header
  is seen: Crossref 10/s with a contact address, 5/s without; Open Library
  3/s identified, 1/s not;
* 429, 5xx, timeouts and broken connections are retried with exponential
  backoff (1, 2, 4, 8 s), honouring ``Retry-After`` (seconds or HTTP date);
  a 429 or 503 also holds back every other request to that service; a
  ``Retry-After`` over two minutes is not waited for;
* once more than 10 % of a service's look-ups have failed (after at least 10,
  or all of them for short lists) the rest of that service's look-ups are
  not sent: those works are marked ``error`` and a warning says so;
* every answer that succeeded is kept in an sqlite cache keyed by request URL;
  a re-run costs no network, and ``offline_cache_only`` never touches it
  (misses are marked ``not in cache``).

Statuses: ``matched``, ``inconclusive``, ``not found``, ``error``,
``not in cache``, and ``skipped`` (nothing to search for: no title).
"""

from __future__ import annotations

import copy
import email.utils
import json
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx

from haliref import progress as _progress
from haliref.check import crossref as _crossref
from haliref.check import openlibrary as _openlibrary
from haliref.check.cache import CacheError, ResponseCache, clear_cache, default_cache_path
from haliref.model import Correction, Document, Flag, OnlineCheck, csl_fields

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

SOURCES = ("crossref", "openlibrary")
LABELS = {"crossref": "Crossref", "openlibrary": "Open Library"}
FLAG_CODES = {"crossref": "crossref-differs", "openlibrary": "openlibrary-differs"}
ERROR_THRESHOLD = 0.10
MIN_SAMPLE = 10
MAX_RETRY_AFTER = 120.0
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
RATE_SAFETY = 1.02  # space requests 2 % wider than the advertised rate
SUGGESTIBLE = {"title", "container-title", "publisher", "publisher-place", "volume", "page", "author", "editor"}

PUBLIC_POOL_NOTICE = (
    "No contact address given (--mailto or HALIREF_MAILTO): Crossref serves anonymous "
    "requests from its public pool, which is slower and more tightly rate-limited "
    "(and Open Library allows unidentified clients fewer requests)."
)


def _version() -> str:
    try:
        from haliref import __version__

        return __version__
    except ImportError:  # pragma: no cover - during package init
        return "0"


def user_agent(mailto: str | None) -> str:
    """``haliref/<version> (https://pypi.org/project/haliref/; mailto:<address>)``."""
    contact = f"; mailto:{mailto.strip()}" if mailto and mailto.strip() else ""
    return f"haliref/{_version()} (https://pypi.org/project/haliref/{contact}) httpx/{httpx.__version__}"


# --- errors ------------------------------------------------------------------


class FetchError(Exception):
    """A look-up that failed for good: the reason is the message."""


class Unreachable(FetchError):
    """The service refused the connection or could not be found: not worth asking again."""


class NotInCache(Exception):
    pass


class Stopped(Exception):
    pass


# --- politeness --------------------------------------------------------------


def _parse_interval(value: str) -> float | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*", value or "")
    if not match:
        return None
    number = float(match.group(1))
    return number * {"ms": 0.001, "s": 1.0, None: 1.0, "m": 60.0, "h": 3600.0}[match.group(2)]


def _positive_int(value: str | None) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def retry_after(response: httpx.Response, now: Callable[[], float] = time.time) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta-seconds or HTTP date), else None."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now())


class _Gate:
    """Concurrency and request spacing for one service, adapted from its response headers."""

    def __init__(
        self,
        max_in_flight: int,
        limit: float,
        interval: float,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        self.max_in_flight = max(1, int(max_in_flight))
        self.capacity = 1  # the first request probes the limits alone
        self.in_flight = 0
        self.limit = float(limit)
        self.interval = float(interval)
        self.concurrency_limit: int | None = None
        self.probed = False
        self.next_slot = 0.0
        self.last_slot: float | None = None
        self.pause_until = 0.0
        self._clock = clock
        self._sleep = sleep
        self._cond = threading.Condition()

    @property
    def spacing(self) -> float:
        return self.interval / self.limit * RATE_SAFETY if self.limit > 0 else 0.0

    def acquire(self) -> None:
        with self._cond:
            while self.in_flight >= self.capacity:
                self._cond.wait()
            self.in_flight += 1
            now = self._clock()
            slot = max(now, self.next_slot, self.pause_until)
            self.last_slot = slot
            self.next_slot = slot + self.spacing
        if slot > now:
            self._sleep(slot - now)

    def release(self, headers: httpx.Headers | None = None) -> None:
        with self._cond:
            self.in_flight -= 1
            if headers is not None:
                self._adapt(headers)
            self.probed = True
            self.capacity = min(self.max_in_flight, self.concurrency_limit or self.max_in_flight)
            self._cond.notify_all()

    def _adapt(self, headers: httpx.Headers) -> None:
        limit = _positive_int(headers.get("x-rate-limit-limit"))
        interval = _parse_interval(headers.get("x-rate-limit-interval", ""))
        if limit:
            self.limit = float(limit)
        if interval:
            self.interval = interval
        if (limit or interval) and self.last_slot is not None:
            # Re-space the next request at the rate now announced.
            self.next_slot = self.last_slot + self.spacing
        concurrency = _positive_int(headers.get("x-concurrency-limit"))
        if concurrency:
            self.concurrency_limit = concurrency

    def pause(self, seconds: float) -> None:
        """Hold back every request to this service for ``seconds`` (after a 429 or 503)."""
        with self._cond:
            self.pause_until = max(self.pause_until, self._clock() + seconds)

    def slow_down(self) -> None:
        """A 429 without limits in its headers: halve the rate (down to one request a second)."""
        with self._cond:
            self.limit = max(1.0 / self.interval if self.interval else 1.0, self.limit / 2)


@dataclass
class _Counter:
    total: int
    done: int = 0
    errors: int = 0
    stopped: bool = False
    last_error: str = ""
    unreachable: str = ""


class _Fetcher:
    def __init__(
        self,
        client: httpx.Client | None,
        cache: ResponseCache | None,
        offline: bool,
        gates: dict[str, _Gate],
        sleep: Callable[[float], None],
        retries: int,
        stop: dict[str, threading.Event],
        refresh: bool = False,
    ) -> None:
        self.client = client
        self.cache = cache
        self.refresh = refresh
        self.offline = offline
        self.gates = gates
        self.sleep = sleep
        self.retries = retries
        self.stop = stop
        self.network_requests = 0
        self._lock = threading.Lock()

    def get_json(
        self, source: str, url: str, params: dict[str, str], *, cached: bool = True
    ) -> tuple[Any, Callable[[], None] | None]:
        """The decoded answer, and how to keep it in the cache once it has passed validation
        (None: it came from the cache)."""
        key = str(httpx.URL(url, params=params))
        if self.cache is not None and cached and not self.refresh:
            hit = self.cache.get(key)
            if hit is not None:
                try:
                    return json.loads(hit[2]), None
                except ValueError:
                    self.cache.forget(key)  # a damaged entry: asked again
        if self.offline or self.client is None:
            raise NotInCache(key)
        gate = self.gates[source]
        reason = ""
        for attempt in range(self.retries + 1):
            if self.stop[source].is_set():
                raise Stopped()
            gate.acquire()
            delay = None
            response = None
            try:
                with self._lock:
                    self.network_requests += 1
                response = self.client.get(key)
                body = response.text
            except httpx.ConnectError as exc:  # refused, or no such host: fail fast, do not retry
                gate.release(None)
                raise Unreachable(f"cannot connect to {httpx.URL(url).host} ({exc})".replace(" ()", "")) from None
            except httpx.TimeoutException as exc:
                gate.release(None)
                reason = f"timed out ({type(exc).__name__})"
            except httpx.TransportError as exc:
                gate.release(None)
                reason = f"connection failed ({type(exc).__name__}: {exc})".replace(": )", ")")
            except Exception as exc:  # anything else (a faulty transport): fail this look-up only
                gate.release(None)
                raise FetchError(f"request failed: {type(exc).__name__}: {exc}") from None
            else:
                gate.release(response.headers)
                status = response.status_code
                if status == 200:
                    return self._decode(key, response, body)
                snippet = " ".join(body.split())[:120]
                if status == 429 or status >= 500:
                    reason = f"HTTP {status}" + (f": {snippet}" if snippet else "")
                    delay = retry_after(response)
                    if delay is not None and delay > MAX_RETRY_AFTER:
                        raise FetchError(f"HTTP {status}; the service asks to wait {delay:.0f} s, not waiting")
                    if status == 429 and not response.headers.get("x-rate-limit-limit"):
                        gate.slow_down()
                else:
                    raise FetchError(f"HTTP {status}" + (f": {snippet}" if snippet else ""))
            if attempt == self.retries:
                break
            if delay is None:
                delay = min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt)
            if response is not None and response.status_code in (429, 503):
                gate.pause(delay)
            self.sleep(delay)
        attempts = self.retries + 1
        raise FetchError(f"{reason} (gave up after {attempts} attempt{'s' if attempts != 1 else ''})")

    def _decode(self, key: str, response: httpx.Response, body: str) -> tuple[Any, Callable[[], None] | None]:
        content_type = response.headers.get("content-type", "")
        try:
            data = json.loads(body)
        except ValueError:
            kind = content_type.split(";")[0].strip() or "no content type"
            if "json" in content_type:
                raise FetchError(f"malformed JSON in the response ({len(body)} bytes)") from None
            raise FetchError(f"the response is not JSON ({kind}): {' '.join(body.split())[:80]}") from None
        cache = self.cache

        def keep() -> None:  # called only once the answer has passed the source's validation
            if cache is not None:
                cache.put(key, response.status_code, content_type, body)

        return data, keep


# --- orchestration -----------------------------------------------------------


def _hold_lock(cache: Path, notify: Callable[[str], None] | None) -> Any:
    """An exclusive lock on ``<cache>.lock`` while the network is asked (POSIX; elsewhere none).

    Two processes sharing one cache would each keep the services' limits alone
    (together twice the rate): the second waits for the first instead.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: one process at a time is documented
        return None
    try:
        handle = open(cache.with_name(cache.name + ".lock"), "a")  # noqa: SIM115 - held until the run ends
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if notify is not None:
            notify(f"waiting for another haliref process using the cache {cache}")
        fcntl.flock(handle, fcntl.LOCK_EX)
    except OSError:
        pass  # a file system without locks: go on
    return handle


def _modules() -> dict[str, Any]:
    return {"crossref": _crossref, "openlibrary": _openlibrary}


def _initial_rate(source: str, identified: bool) -> tuple[float, float]:
    if source == "crossref":
        return (10.0 if identified else 5.0), 1.0
    return (3.0 if identified else 1.0), 1.0


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


def _flags_for(source: str, check: OnlineCheck) -> list[Flag]:
    if check.get("status") != "matched":
        return []
    label = LABELS[source]
    ref = check.get("doi") or check.get("key") or ""
    flags = []
    for d in check.get("disagreements", []):
        flags.append(
            Flag(
                code=FLAG_CODES[source],
                field=str(d.get("field", "")),
                reason=f"{label} record{' ' + ref if ref else ''}: {d.get('note', 'differs')}",
                evidence=f"ours: {d.get('ours')!s}; record: {d.get('theirs')!s}",
            )
        )
    return flags


def _uniform(check: dict[str, Any]) -> OnlineCheck:
    """Every check has the same keys, whatever its status."""
    ident = "doi" if check["source"] == "crossref" else "key"
    ordered = {"source": check["source"], "status": check["status"], ident: check.get(ident)}
    for key, default in (("score", None), ("confidence", None), ("reason", ""), ("evidence", {}),
                         ("disagreements", [])):
        ordered[key] = check.get(key, default)
    ordered.update({k: v for k, v in check.items() if k not in ordered})
    return cast(OnlineCheck, ordered)  # built key by key above: the keys of an OnlineCheck


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
    wanted = [s for s in SOURCES if s in set(sources)]
    unknown = set(sources) - set(SOURCES)
    if unknown:
        raise ValueError(f"unknown source(s): {', '.join(sorted(unknown))}")
    result = copy.deepcopy(document)
    base_urls = {"crossref": crossref_url, "openlibrary": openlibrary_url}
    modules = _modules()

    # What to ask, per source.
    tasks: list[tuple[str, int, tuple[str, dict[str, str]] | None]] = []
    for source in wanted:
        for index, work in enumerate(result.works):
            if source == "openlibrary" and _openlibrary.target(work.csl) is None:
                continue
            tasks.append((source, index, modules[source].request(work.csl, base_urls[source])))
    counters = {s: _Counter(total=sum(1 for t in tasks if t[0] == s and t[2] is not None)) for s in wanted}
    stop = {s: threading.Event() for s in wanted}
    results: dict[tuple[str, int], OnlineCheck] = {}
    lock = threading.Lock()

    identified = bool(mailto and mailto.strip())
    if (
        not offline_cache_only
        and not identified
        and any(t[2] is not None for t in tasks)
        and PUBLIC_POOL_NOTICE not in result.warnings
    ):
            result.warnings.append(PUBLIC_POOL_NOTICE)

    cache: ResponseCache | None = None
    lock_file = None
    if use_cache:
        path = Path(cache_path) if cache_path is not None else default_cache_path()
        try:
            cache = ResponseCache(path, read_only=offline_cache_only)
        except CacheError as error:
            result.warnings.append(f"{error}; going on without it (move it away or give another --cache)")
        if cache is not None and not offline_cache_only and any(t[2] is not None for t in tasks):
            lock_file = _hold_lock(path, notify)
    if cache is None and not offline_cache_only:
        cache = ResponseCache(None)
    client = None
    if not offline_cache_only:
        client = httpx.Client(
            transport=transport,
            headers={"User-Agent": user_agent(mailto), "Accept": "application/json"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
        )
    gates = {
        s: _Gate(max_in_flight, *_initial_rate(s, identified), clock=clock, sleep=sleep) for s in wanted
    }
    fetcher = _Fetcher(client, cache, offline_cache_only, gates, sleep, retries, stop, refresh=refresh_cache)
    bar = _progress_bar(len(tasks)) if progress else None
    report = _progress.bound()  # the page's progress bar (record runs in the pool's threads)
    report("check", 0, len(tasks))

    def record(source: str, index: int, check: OnlineCheck, failed: bool | None) -> None:
        with lock:
            results[(source, index)] = check
            report("check", len(results), len(tasks))
            counter = counters[source]
            if failed is not None:
                counter.done += 1
                if failed:
                    counter.errors += 1
                    counter.last_error = check.get("reason", "")
                if (
                    not counter.stopped
                    and counter.done >= min(MIN_SAMPLE, counter.total)
                    and counter.errors > ERROR_THRESHOLD * counter.done
                ):
                    counter.stopped = True
                    stop[source].set()
        if bar is not None:
            progress_obj, task_id = bar
            progress_obj.advance(task_id)

    def run(source: str, index: int, req: tuple[str, dict[str, str]] | None) -> None:
        work = result.works[index]
        module = modules[source]
        if req is None:
            check = {"source": source, "status": "skipped", "reason": "no title to search for"}
            record(source, index, _uniform(check), None)
            return
        url, params = req
        try:
            if stop[source].is_set():
                raise Stopped()
            data, keep = fetcher.get_json(source, url, params)
            try:
                check = module.assess(work.csl, data)
            except Exception:
                if keep is not None or offline_cache_only:
                    raise
                # A cached answer that no longer passes validation (stored by an older
                # version): forget it and ask again.
                if cache is not None:
                    cache.forget(str(httpx.URL(url, params=params)))
                data, keep = fetcher.get_json(source, url, params, cached=False)
                check = module.assess(work.csl, data)
            if keep is not None:
                keep()
            failed = False
        except Stopped:
            check = {"source": source, "status": "error", "reason": "not checked: the online check was stopped"}
            failed = None
        except NotInCache:
            check = {"source": source, "status": "not in cache", "reason": "not in the cache (offline run)"}
            failed = None
        except Unreachable as exc:
            check = {"source": source, "status": "error", "reason": str(exc)}
            failed = True
            with lock:
                counters[source].unreachable = str(exc)
            stop[source].set()
        except FetchError as exc:
            check = {"source": source, "status": "error", "reason": str(exc)}
            failed = True
        except Exception as exc:  # a malformed record must not lose the run
            check = {"source": source, "status": "error", "reason": f"unexpected response: {type(exc).__name__}: {exc}"}
            failed = True
        check.setdefault("query", str(httpx.URL(url, params=params)))
        record(source, index, _uniform(check), failed)

    try:
        if bar is not None:
            bar[0].start()
        executors = {s: ThreadPoolExecutor(max_workers=max(1, max_in_flight), thread_name_prefix=f"haliref-{s}")
                     for s in wanted}
        try:
            futures = [executors[s].submit(run, s, i, r) for s, i, r in tasks]
            for future in futures:
                future.result()
        finally:
            for executor in executors.values():
                executor.shutdown(wait=True, cancel_futures=True)
    finally:
        if bar is not None:
            bar[0].stop()
        if client is not None:
            client.close()
        if cache is not None:
            if cache.failure:
                result.warnings.append(
                    f"{cache.failure}: gave it up; answers were neither reused nor stored (delete it to rebuild it)"
                )
            cache.close()
        if lock_file is not None:
            lock_file.close()  # releases the lock

    # Warnings: stops, cache misses.
    for source in wanted:
        counter = counters[source]
        label = LABELS[source]
        if counter.unreachable:
            for (s, _), check in results.items():
                if s == source and check.get("reason", "").startswith("not checked"):
                    check["reason"] = f"not checked: {counter.unreachable}"
            skipped = sum(1 for (s, _), c in results.items() if s == source and c["status"] == "error") - 1
            result.warnings.append(
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
            result.warnings.append(
                f"{label}: stopped after {counter.errors} of {counter.done} look-ups failed "
                f"(over {ERROR_THRESHOLD:.0%}); {skipped} work(s) not checked and marked “error”. "
                f"Last error: {counter.last_error}"
            )
        misses = sum(1 for (s, _), c in results.items() if s == source and c["status"] == "not in cache")
        if misses:
            result.warnings.append(
                f"{label}: {misses} look-up(s) not in the cache (offline run); run online once to fill it."
            )

    for index, work in enumerate(result.works):
        own = [c for c in work.checks if c.get("source") not in wanted]
        fresh = [results[(s, index)] for s in wanted if (s, index) in results]
        work.checks = own + fresh
        codes = {FLAG_CODES[s] for s in wanted}
        work.flags = [f for f in work.flags if f.code not in codes]
        for check in fresh:
            work.flags.extend(_flags_for(check["source"], check))
    return result


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


# --- turning matched records into corrections ---------------------------------


def _matched(work_checks: list[OnlineCheck], source: str | None = None) -> list[OnlineCheck]:
    return [
        c for c in work_checks
        if c.get("status") == "matched" and (source is None or c.get("source") == source)
    ]


def add_dois(document: Document) -> Document:
    """A copy of ``document`` with the DOI of every *matched* Crossref record added.

    Each addition is recorded as ``Correction("DOI", "", doi, "crossref-doi",
    confidence)``; a work that already has a DOI keeps it.
    """
    result = copy.deepcopy(document)
    for work in result.works:
        for check in _matched(work.checks, "crossref"):
            doi = str(check.get("doi") or "").strip()
            if not doi or work.csl.get("DOI"):
                continue
            work.csl["DOI"] = doi
            work.corrections.append(
                Correction("DOI", "", doi, "crossref-doi", float(cast(float, check.get("confidence", 0.9))))
            )
            break
    return result


def _set_family(names: list[dict[str, Any]], before: str, after: str) -> bool:
    for name in names:
        if isinstance(name, dict) and name.get("family") == before:
            name["family"] = after
            return True
    return False


def apply_suggestions(document: Document, *, sources: Iterable[str] = SOURCES) -> Document:
    """A copy of ``document`` with the suggestions of matched records applied and recorded.

    A suggestion is a disagreement that carries one (a truncated or misspelt
    title, a misspelt publisher or name, different pages...); it is applied
    only if the field still holds the value that was checked, first source
    first (Crossref, then Open Library).  Each becomes a ``Correction`` with
    rule ``<source>-suggestion`` and the check's confidence, and its flag is
    removed.
    """
    wanted = set(sources)
    result = copy.deepcopy(document)
    for work in result.works:
        changed: set[str] = set()
        fields = csl_fields(work.csl)
        for check in _matched(work.checks):
            source = check.get("source")
            if source not in wanted:
                continue
            confidence = float(cast(float, check.get("confidence", 0.8)))  # a matched check has one
            for d in check.get("disagreements", []):
                field_name = d.get("field")
                if "suggestion" not in d or field_name not in SUGGESTIBLE or field_name in changed:
                    continue
                before, after = str(d.get("ours", "")), str(d["suggestion"])
                if not after or before == after:
                    continue
                if field_name in ("title", "container-title") and len(after.strip()) < len(before.strip()):
                    continue  # never shorten a title: a record's short form loses our subtitle
                if field_name in ("author", "editor"):
                    if not _set_family(fields.get(field_name) or [], before, after):
                        continue
                elif str(fields.get(field_name, "")) == before:
                    fields[field_name] = after
                else:
                    continue
                changed.add(field_name)
                work.corrections.append(Correction(field_name, before, after, f"{source}-suggestion", confidence))
                work.flags = [
                    f for f in work.flags if not (f.code == FLAG_CODES.get(source) and f.field == field_name)
                ]
    return result
