"""The HTTP politeness of the online checks, apart from what is asked and what the answers say:
one client (the transport seam), the on-disk cache and its lock, and per service a gate (rate and
concurrency limits), retries and a tally that stops a failing service.

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
"""

from __future__ import annotations

import email.utils
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from haliref.check.cache import CacheError, ResponseCache, default_cache_path

__all__ = ["FetchError", "NotInCache", "Stopped", "Unreachable", "retry_after", "user_agent"]



ERROR_THRESHOLD = 0.10
MIN_SAMPLE = 10
MAX_RETRY_AFTER = 120.0
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
RATE_SAFETY = 1.02  # space requests 2 % wider than the advertised rate


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


# --- limits and retries ------------------------------------------------------


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
    """One service's look-ups: how many were answered and failed, and whether the rest are stopped."""

    total: int
    done: int = 0
    errors: int = 0
    stopped: bool = False
    last_error: str = ""
    unreachable: str = ""

    def count(self, failed: bool, reason: str) -> bool:
        """Count one answered look-up; True when the service's other look-ups are to be stopped now
        (more than ``ERROR_THRESHOLD`` of them failed, after ``MIN_SAMPLE`` or all of them)."""
        self.done += 1
        if failed:
            self.errors += 1
            self.last_error = reason
        if (
            not self.stopped
            and self.done >= min(MIN_SAMPLE, self.total)
            and self.errors > ERROR_THRESHOLD * self.done
        ):
            self.stopped = True
            return True
        return False


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


def _initial_rate(source: str, identified: bool) -> tuple[float, float]:
    if source == "crossref":
        return (10.0 if identified else 5.0), 1.0
    return (3.0 if identified else 1.0), 1.0


def _open_cache(
    use_cache: bool,
    cache_path: str | Path | None,
    offline_cache_only: bool,
    asking: bool,
    notify: Callable[[str], None] | None,
    warnings: list[str],
) -> tuple[ResponseCache | None, Any]:
    """The response cache (in memory when ``use_cache`` is False or the file cannot be used, which a
    warning names; none for an offline run without a file) and the lock held while the network is
    asked (None when nothing is asked)."""
    cache: ResponseCache | None = None
    lock_file = None
    if use_cache:
        path = Path(cache_path) if cache_path is not None else default_cache_path()
        try:
            cache = ResponseCache(path, read_only=offline_cache_only)
        except CacheError as error:
            warnings.append(f"{error}; going on without it (move it away or give another --cache)")
        if cache is not None and not offline_cache_only and asking:
            lock_file = _hold_lock(path, notify)
    if cache is None and not offline_cache_only:
        cache = ResponseCache(None)
    return cache, lock_file


def _client(transport: httpx.BaseTransport | None, mailto: str | None, timeout: float) -> httpx.Client:
    """The one client every request goes through; ``transport`` replaces the network (tests)."""
    return httpx.Client(
        transport=transport,
        headers={"User-Agent": user_agent(mailto), "Accept": "application/json"},
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
    )
