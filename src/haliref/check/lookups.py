"""The online check of one work: what to ask each source about it, what the answer says (matched
against the entry by :mod:`haliref.check.crossref` and :mod:`haliref.check.openlibrary`), and the
check and flags the work gets. How the requests are sent is :mod:`haliref.check.politeness`'s."""

from __future__ import annotations

import threading
from typing import Any, cast

import httpx

from haliref.check import crossref as _crossref
from haliref.check import openlibrary as _openlibrary
from haliref.check.politeness import FetchError, NotInCache, Stopped, Unreachable, _Fetcher
from haliref.model import CslItem, Flag, OnlineCheck, Work

#: a look-up: (source, the work's index, the request (url, params), None when there is nothing to ask)
Task = tuple[str, int, tuple[str, dict[str, str]] | None]



SOURCES = ("crossref", "openlibrary")
LABELS = {"crossref": "Crossref", "openlibrary": "Open Library"}
FLAG_CODES = {"crossref": "crossref-differs", "openlibrary": "openlibrary-differs"}


def _modules() -> dict[str, Any]:
    return {"crossref": _crossref, "openlibrary": _openlibrary}


def _tasks(works: list[Work], wanted: list[str], base_urls: dict[str, str]) -> list[Task]:
    """What to ask, per source: every work of Crossref, a book (or a chapter's book) of Open Library."""
    modules = _modules()
    tasks: list[Task] = []
    for source in wanted:
        for index, work in enumerate(works):
            if source == "openlibrary" and _openlibrary.target(work.csl) is None:
                continue
            tasks.append((source, index, modules[source].request(work.csl, base_urls[source])))
    return tasks


def _look_up(
    fetcher: _Fetcher, source: str, csl: CslItem, req: tuple[str, dict[str, str]] | None,
    stop: threading.Event,
) -> tuple[OnlineCheck, bool | None, str]:
    """One work's check by one source, whatever happens: (the check, whether the look-up failed (None:
    not counted, it was skipped, stopped or not in the cache), why the service is unreachable or "")."""
    module = _modules()[source]
    if req is None:
        check = {"source": source, "status": "skipped", "reason": "no title to search for"}
        return _uniform(check), None, ""
    url, params = req
    unreachable = ""
    try:
        if stop.is_set():
            raise Stopped()
        data, keep = fetcher.get_json(source, url, params)
        try:
            check = module.assess(csl, data)
        except Exception:
            if keep is not None or fetcher.offline:
                raise
            # A cached answer that no longer passes validation (stored by an older
            # version): forget it and ask again.
            if fetcher.cache is not None:
                fetcher.cache.forget(str(httpx.URL(url, params=params)))
            data, keep = fetcher.get_json(source, url, params, cached=False)
            check = module.assess(csl, data)
        if keep is not None:
            keep()
        failed: bool | None = False
    except Stopped:
        check = {"source": source, "status": "error", "reason": "not checked: the online check was stopped"}
        failed = None
    except NotInCache:
        check = {"source": source, "status": "not in cache", "reason": "not in the cache (offline run)"}
        failed = None
    except Unreachable as exc:
        check = {"source": source, "status": "error", "reason": str(exc)}
        failed = True
        unreachable = str(exc)
    except FetchError as exc:
        check = {"source": source, "status": "error", "reason": str(exc)}
        failed = True
    except Exception as exc:  # a malformed record must not lose the run
        check = {"source": source, "status": "error", "reason": f"unexpected response: {type(exc).__name__}: {exc}"}
        failed = True
    check.setdefault("query", str(httpx.URL(url, params=params)))
    return _uniform(check), failed, unreachable


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


def _attach(works: list[Work], wanted: list[str], results: dict[tuple[str, int], OnlineCheck]) -> None:
    """Each work's checks by the sources asked replace its earlier ones, and so do their flags."""
    for index, work in enumerate(works):
        own = [c for c in work.checks if c.get("source") not in wanted]
        fresh = [results[(s, index)] for s in wanted if (s, index) in results]
        work.checks = own + fresh
        codes = {FLAG_CODES[s] for s in wanted}
        work.flags = [f for f in work.flags if f.code not in codes]
        for check in fresh:
            work.flags.extend(_flags_for(check["source"], check))
