"""haliref.check.lookups: one work's online check, whatever its look-up answers or fails with."""

from __future__ import annotations

import threading

from haliref.check.lookups import _attach, _look_up, _tasks
from haliref.check.politeness import FetchError, NotInCache, Unreachable
from haliref.model import Flag, Work

BOOK = {"type": "book", "title": "The Russian Revolution", "author": [{"family": "Pipes", "given": "Richard"}],
        "publisher": "Knopf", "issued": {"date-parts": [[1990]]}}
ARTICLE = {"type": "article-journal", "title": "Peasants and Revolution", "container-title": "Past & Present"}


class Fetcher:
    """Answers every look-up with one answer, or raises it."""

    def __init__(self, answer):
        self.answer = answer
        self.offline = False
        self.cache = None
        self.kept = 0

    def get_json(self, source, url, params, *, cached=True):
        if isinstance(self.answer, Exception):
            raise self.answer

        def keep():
            self.kept += 1

        return self.answer, keep


def look_up(answer, csl=ARTICLE, req=("https://api.crossref.org/works", {"query.bibliographic": "x"})):
    fetcher = Fetcher(answer)
    check, failed, unreachable = _look_up(fetcher, "crossref", csl, req, threading.Event())
    return check, failed, unreachable, fetcher.kept


def test_crossref_is_asked_about_every_work_and_open_library_about_books():
    works = [Work("a", dict(ARTICLE)), Work("b", dict(BOOK)), Work("c", {"type": "book"})]
    tasks = _tasks(works, ["crossref", "openlibrary"], {"crossref": "https://cr", "openlibrary": "https://ol"})
    assert [(s, i) for s, i, _ in tasks] == [
        ("crossref", 0), ("crossref", 1), ("crossref", 2), ("openlibrary", 1), ("openlibrary", 2)]
    assert tasks[2][2] is None and tasks[4][2] is None  # nothing to search for without a title: skipped
    assert tasks[0][2] is not None and tasks[0][2][0].startswith("https://cr")


def test_a_work_without_title_is_skipped_uncounted():
    check, failed, unreachable, _ = look_up({}, req=None)
    assert (check["status"], check["reason"], failed, unreachable) == ("skipped", "no title to search for", None, "")
    assert list(check)[:2] == ["source", "status"] and "doi" in check and check["disagreements"] == []


def test_an_answer_is_assessed_and_kept_and_the_query_recorded():
    check, failed, _, kept = look_up({"status": "ok", "message": {"items": []}})
    assert check["status"] == "not found" and failed is False and kept == 1
    assert check["query"].startswith("https://api.crossref.org/works?")


def test_failures_become_checks_and_say_whether_they_count():
    check, failed, unreachable, _ = look_up(FetchError("HTTP 500"))
    assert (check["status"], check["reason"], failed, unreachable) == ("error", "HTTP 500", True, "")
    check, failed, unreachable, _ = look_up(Unreachable("cannot connect to x"))
    assert (check["status"], failed, unreachable) == ("error", True, "cannot connect to x")
    check, failed, _, _ = look_up(NotInCache("key"))
    assert (check["status"], failed) == ("not in cache", None)
    check, failed, _, kept = look_up({"message": "not a work list"})
    assert check["status"] == "error" and check["reason"].startswith("unexpected response") and kept == 0


def test_fresh_checks_replace_the_sources_earlier_ones_and_their_flags():
    work = Work("a", dict(BOOK), checks=[{"source": "crossref", "status": "error"}, {"source": "other"}],
                flags=[Flag("crossref-differs", "title", "old", ""), Flag("title-truncated", "title", "", "")])
    matched = {"source": "crossref", "status": "matched", "doi": "10.1/x",
               "disagreements": [{"field": "publisher", "ours": "Knopf", "theirs": "Vintage", "note": "differs"}]}
    _attach([work], ["crossref"], {("crossref", 0): matched})
    assert [c.get("status") for c in work.checks] == [None, "matched"]
    assert [f.code for f in work.flags] == ["title-truncated", "crossref-differs"]
    assert work.flags[1].field == "publisher" and work.flags[1].reason == "Crossref record 10.1/x: differs"
    assert work.flags[1].evidence == "ours: Knopf; record: Vintage"
