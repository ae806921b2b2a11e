"""haliref.check.politeness: the HTTP machinery of the online checks, without any matching.

Requests go through ``httpx.MockTransport``; waiting is injected, so no test sleeps.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from haliref.check.cache import ResponseCache
from haliref.check.politeness import (
    FetchError,
    NotInCache,
    Stopped,
    Unreachable,
    _client,
    _Counter,
    _Fetcher,
    _Gate,
    _open_cache,
    retry_after,
    user_agent,
)

URL = "https://api.example.org/works"


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def fetcher(handler, *, cache=None, offline=False, retries=2, fake=None):
    fake = fake or FakeTime()
    client = None if offline else _client(httpx.MockTransport(handler), "me@example.org", 5.0)
    gates = {"crossref": _Gate(3, 10, 1.0, clock=fake.clock, sleep=fake.sleep)}
    return _Fetcher(client, cache, offline, gates, fake.sleep, retries, {"crossref": threading.Event()})


def test_the_user_agent_names_haliref_and_the_contact_address():
    assert user_agent("me@example.org").startswith("haliref/")
    assert "; mailto:me@example.org)" in user_agent(" me@example.org ")
    assert "mailto" not in user_agent(None) and "mailto" not in user_agent("  ")


def test_retry_after_as_http_date():
    response = httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
    assert retry_after(response, now=lambda: 1445412480.0 - 30) == pytest.approx(30.0)
    assert retry_after(httpx.Response(429)) is None


def test_gate_adapts_to_rate_limit_headers():
    fake = FakeTime()
    gate = _Gate(3, 10, 1.0, clock=fake.clock, sleep=fake.sleep)
    assert gate.capacity == 1  # the first request probes alone
    gate.acquire()
    gate.release(httpx.Headers({"x-rate-limit-limit": "50", "x-rate-limit-interval": "2s",
                                "x-concurrency-limit": "2"}))
    assert gate.capacity == 2 and gate.limit == 50 and gate.interval == 2.0
    assert gate.spacing == pytest.approx(2.0 / 50 * 1.02)
    for _ in range(3):
        gate.acquire()
        gate.release(None)
    # Evenly spaced at the announced rate (25/s) from the first request on.
    assert sum(fake.sleeps) == pytest.approx(3 * gate.spacing, rel=0.01)


def test_gate_respaces_at_once_when_a_slower_rate_is_announced():
    fake = FakeTime()
    gate = _Gate(3, 10, 1.0, clock=fake.clock, sleep=fake.sleep)  # assumed 10/s before any header
    gate.acquire()
    gate.release(httpx.Headers({"x-rate-limit-limit": "5", "x-rate-limit-interval": "1s"}))
    gate.acquire()
    assert fake.sleeps == [pytest.approx(1.0 / 5 * 1.02, rel=0.01)]


def test_an_answer_is_decoded_kept_once_validated_and_then_served_from_the_cache():
    calls = []

    def handler(request):
        calls.append(request)
        assert "mailto:me@example.org" in request.headers["user-agent"]
        return httpx.Response(200, json={"ok": 1}, headers={"content-type": "application/json"})

    cache = ResponseCache(None)
    fetch = fetcher(handler, cache=cache)
    data, keep = fetch.get_json("crossref", URL, {"q": "a"})
    assert data == {"ok": 1} and keep is not None
    assert fetch.get_json("crossref", URL, {"q": "a"})[1] is not None   # not kept until validated: asked again
    keep()
    assert fetch.get_json("crossref", URL, {"q": "a"}) == ({"ok": 1}, None)
    assert len(calls) == 2 and fetch.network_requests == 2


def test_server_errors_are_retried_with_backoff_then_given_up():
    fake = FakeTime()
    fetch = fetcher(lambda request: httpx.Response(503, text="busy"), retries=2, fake=fake)
    with pytest.raises(FetchError, match=r"HTTP 503: busy \(gave up after 3 attempts\)"):
        fetch.get_json("crossref", URL, {})
    assert fake.sleeps[-2:] == [1.0, 2.0]


def test_a_client_error_and_a_refused_connection_fail_at_once():
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher(lambda request: httpx.Response(404, text="no")).get_json("crossref", URL, {})

    def refused(request):
        raise httpx.ConnectError("refused")

    with pytest.raises(Unreachable, match=r"cannot connect to api\.example\.org"):
        fetcher(refused).get_json("crossref", URL, {})


def test_offline_misses_and_a_stopped_service_send_nothing():
    with pytest.raises(NotInCache):
        fetcher(None, offline=True).get_json("crossref", URL, {})
    fetch = fetcher(lambda request: httpx.Response(200, json={}))
    fetch.stop["crossref"].set()
    with pytest.raises(Stopped):
        fetch.get_json("crossref", URL, {})
    assert fetch.network_requests == 0


def test_a_service_is_stopped_once_over_ten_percent_of_its_look_ups_failed():
    counter = _Counter(total=30)
    assert not any(counter.count(False, "") for _ in range(9))
    assert not counter.count(True, "HTTP 500")       # 1 of 10: not over 10 %
    assert counter.count(True, "HTTP 502")           # 2 of 11: stopped, once
    assert counter.stopped and counter.last_error == "HTTP 502"
    assert not counter.count(True, "HTTP 502")
    short = _Counter(total=2)
    assert not short.count(False, "") and short.count(True, "x")   # a short list: all of it is the sample


def test_an_unusable_cache_file_is_named_and_the_check_goes_on_in_memory(tmp_path):
    warnings: list[str] = []
    bad = tmp_path / "cache.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    cache, lock = _open_cache(True, bad, False, True, None, warnings)
    assert cache is not None and lock is None and len(warnings) == 1 and "going on without it" in warnings[0]
    cache.close()
    warnings.clear()
    cache, lock = _open_cache(True, tmp_path / "good.sqlite3", False, True, None, warnings)
    assert warnings == [] and lock is not None
    cache.close()
    lock.close()
    assert _open_cache(False, None, True, False, None, warnings) == (None, None)
