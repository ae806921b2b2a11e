"""Online checks against Crossref and Open Library — never the real services.

Every response here is a fixture written in the shape of the real APIs
(Crossref ``work-list`` messages, Open Library ``search.json`` documents),
served through ``httpx.MockTransport`` or, for timeouts and broken
connections, by a small HTTP server on 127.0.0.1.  Waiting is injected
(``sleep=``), so no test sleeps for a backoff.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from haliref import parse_text
from haliref.check.cache import ResponseCache, clear_cache
from haliref.check.online import PUBLIC_POOL_NOTICE, add_dois, apply_suggestions, check_online, user_agent
from haliref.model import Document, Work

# --- fixtures in the shape of the APIs ---------------------------------------------


def cr_item(title, *, family=None, given="A.", year=None, type="journal-article", doi="10.1000/x",
            score=50.0, container=None, volume=None, page=None, editor=None, publisher=None,
            subtitle=None, location=None):
    item = {"DOI": doi, "type": type, "score": score, "title": [title], "publisher": publisher or "Some Press"}
    if subtitle:
        item["subtitle"] = [subtitle]
    if family:
        item["author"] = [{"given": given, "family": family, "sequence": "first", "affiliation": []}]
    if editor:
        item["editor"] = [{"given": "E.", "family": editor, "sequence": "first", "affiliation": []}]
    if year:
        item["issued"] = {"date-parts": [[year, 3]]}
        item["published-print"] = {"date-parts": [[year]]}
    if container:
        item["container-title"] = [container]
    if volume:
        item["volume"] = volume
    if page:
        item["page"] = page
    if location:
        item["publisher-location"] = location
    return item


def work_list(*items):
    return {
        "status": "ok",
        "message-type": "work-list",
        "message-version": "1.0.0",
        "message": {
            "facets": {},
            "total-results": len(items),
            "items": list(items),
            "items-per-page": 5,
            "query": {"start-index": 0, "search-terms": None},
        },
    }


def ol_doc(title, *, authors=(), key="/works/OL1W", first_year=None, years=(), publishers=(), places=(),
           editions=None, subtitle=None):
    doc = {
        "key": key,
        "title": title,
        "author_name": list(authors),
        "publish_year": list(years),
        "publisher": list(publishers),
        "publish_place": list(places),
        "edition_count": max(1, len(years)),
        "edition_key": ["OL1M"],
    }
    if subtitle:
        doc["subtitle"] = subtitle
    if first_year:
        doc["first_publish_year"] = first_year
    if editions is not None:
        doc["editions"] = {"numFound": len(editions), "start": 0, "numFoundExact": True, "docs": editions}
    return doc


def ol_result(*docs):
    return {"numFound": len(docs), "start": 0, "numFoundExact": True, "docs": list(docs), "q": "", "offset": None}


CR_HEADERS = {"x-rate-limit-limit": "10", "x-rate-limit-interval": "1s", "x-concurrency-limit": "3"}


class Service:
    """A MockTransport handler: the first route whose marker is in the query answers."""

    def __init__(self, crossref=None, openlibrary=None, default_cr=None, default_ol=None):
        self.crossref = crossref or {}
        self.openlibrary = openlibrary or {}
        self.default_cr = default_cr if default_cr is not None else work_list()
        self.default_ol = default_ol if default_ol is not None else ol_result()
        self.requests: list[httpx.Request] = []
        self.lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
        if request.url.host == "api.crossref.org":
            query = request.url.params.get("query.bibliographic", "")
            routes, default = self.crossref, self.default_cr
        else:
            query = request.url.params.get("title", "")
            routes, default = self.openlibrary, self.default_ol
        answer = default
        for marker, value in routes.items():
            if marker in query:
                answer = value
                break
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, httpx.Response):
            return answer
        return httpx.Response(200, json=answer, headers=CR_HEADERS)

    @property
    def transport(self):
        return httpx.MockTransport(self)

    def count(self, host=None):
        return sum(1 for r in self.requests if host is None or r.url.host == host)


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.lock = threading.Lock()

    def clock(self):
        with self.lock:
            return self.now

    def sleep(self, seconds):
        with self.lock:
            self.sleeps.append(round(seconds, 3))
            self.now += seconds


def doc(*csls):
    return Document(notes=[], works=[Work(id=f"w{i}", csl=dict(c)) for i, c in enumerate(csls)], dropped=[])


def run(document, service, tmp_path=None, **kwargs):
    fake = kwargs.pop("fake", None) or FakeTime()
    kwargs.setdefault("mailto", "me@example.org")
    if tmp_path is None:
        kwargs.setdefault("use_cache", False)
    else:
        kwargs.setdefault("cache_path", tmp_path / "cache.sqlite3")
    return check_online(document, transport=service.transport, sleep=fake.sleep, clock=fake.clock, **kwargs)


def check_of(document, work_index=0, source="crossref"):
    return next(c for c in document.works[work_index].checks if c["source"] == source)


ARTICLE = {
    "type": "article-journal",
    "author": [{"family": "Halliday", "given": "Fred"}],
    "title": "The Sixth Great Power: On the Study of Revolution and International Relations",
    "container-title": "Review of International Studies",
    "volume": "16",
    "page": "207-221",
    "issued": {"date-parts": [[1990]]},
}
ARTICLE_ITEM = cr_item(
    "The Sixth Great Power", subtitle="On the Study of Revolution and International Relations",
    family="Halliday", given="Fred", year=1990, container="Review of International Studies", volume="16",
    page="207-221", doi="10.1017/S0260210500112021", score=98.4,
)

BOOK = {
    "type": "book",
    "author": [{"family": "Armstrong", "given": "David"}],
    "title": "Revolution and World Order",
    "publisher-place": "Oxford",
    "publisher": "Clarendon",
    "issued": {"date-parts": [[1993]]},
}


# --- Crossref validation -----------------------------------------------------------


def test_matched_article_reports_doi_score_and_evidence():
    service = Service(crossref={"Sixth Great Power": work_list(ARTICLE_ITEM, cr_item("Unrelated", score=20))})
    out = run(doc(ARTICLE, BOOK), service, sources=["crossref"])
    check = check_of(out)
    assert check["status"] == "matched"
    assert check["doi"] == "10.1017/S0260210500112021"
    assert check["score"] == 98.4
    for field in ("title", "author", "issued", "volume", "page", "container-title"):
        assert check["evidence"][field]["agrees"] is True, field
    assert check["disagreements"] == []
    assert out.works[0].flags == []
    # The query is the cleaned citation as text, with rows=5 and nothing else.
    request = service.requests[0]
    assert set(request.url.params.keys()) == {"query.bibliographic", "rows"}
    assert request.url.params["rows"] == "5"
    assert "Halliday" in request.url.params["query.bibliographic"]
    assert "1990" in request.url.params["query.bibliographic"]
    json.dumps(out.to_dict())  # JSON-ready


def test_input_document_is_not_modified():
    original = doc(ARTICLE)
    run(original, Service(crossref={"Sixth": work_list(ARTICLE_ITEM)}), sources=["crossref"])
    assert original.works[0].checks == [] and original.works[0].flags == []


def test_truncated_title_is_matched_flagged_and_suggested():
    truncated = dict(ARTICLE, title="The Sixth Great Power: On the Study of Revolution")
    item = cr_item("The Sixth Great Power: On the Study of Revolution and International Relations",
                   family="Halliday", year=1990, container="Review of International Studies", volume="16",
                   page="207-221", doi="10.1/six")
    out = run(doc(truncated), Service(crossref={"Sixth": work_list(item)}), sources=["crossref"])
    check = check_of(out)
    assert check["status"] == "matched"
    [d] = check["disagreements"]
    assert d["field"] == "title" and "possibly truncated" in d["note"]
    [flag] = out.works[0].flags
    assert flag.code == "crossref-differs" and flag.field == "title"
    # Only --apply-suggestions changes the entry, and it is recorded.
    assert out.works[0].csl["title"] == "The Sixth Great Power: On the Study of Revolution"
    applied = apply_suggestions(out)
    assert applied.works[0].csl["title"].endswith("International Relations")
    [corr] = applied.works[0].corrections
    assert corr.field == "title" and corr.rule == "crossref-suggestion"
    assert corr.before == "The Sixth Great Power: On the Study of Revolution"
    assert applied.works[0].flags == []


def test_a_subtitle_only_in_the_record_is_noted_as_such():
    short = dict(ARTICLE, title="The Sixth Great Power")
    check = check_of(run(doc(short), Service(crossref={"Sixth": work_list(ARTICLE_ITEM)}), sources=["crossref"]))
    assert check["status"] == "matched"
    [d] = check["disagreements"]
    assert d["note"] == "title in the record is longer (it adds a subtitle)"


def test_tie_between_two_records_is_inconclusive():
    a = cr_item("Revolution and World Order", family="Armstrong", year=1993, type="book", doi="10.1/a", score=40.0)
    b = cr_item("Revolution and World Order", family="Armstrong", year=1993, type="book", doi="10.1/b", score=39.0)
    out = run(doc(BOOK), Service(crossref={"Revolution": work_list(a, b)}), sources=["crossref"])
    check = check_of(out)
    assert check["status"] == "inconclusive"
    assert "tie" in check["reason"] and set(check["candidates"]) == {"10.1/a", "10.1/b"}
    assert add_dois(out).works[0].csl.get("DOI") is None


def test_weak_agreement_is_inconclusive_despite_a_high_score():
    # Same title, but no names and no year in the record: only the title agrees.
    item = cr_item("Revolution and World Order", type="book", doi="10.1/weak", score=120.0)
    out = run(doc(BOOK), Service(crossref={"Revolution": work_list(item)}), sources=["crossref"])
    check = check_of(out)
    assert check["status"] == "inconclusive"
    assert "weak agreement" in check["reason"]
    assert check["doi"] == "10.1/weak"
    assert out.works[0].flags == []  # disagreements of unconfirmed records raise no flags


def test_year_far_off_blocks_a_match():
    item = cr_item("Revolution and World Order", family="Armstrong", year=2004, type="book", doi="10.1/late")
    check = check_of(run(doc(BOOK), Service(crossref={"Revolution": work_list(item)}), sources=["crossref"]))
    assert check["status"] == "inconclusive" and "1993 ≠ 2004" in check["reason"]


def test_year_within_one_still_matches_with_a_note():
    item = cr_item("Revolution and World Order", family="Armstrong", year=1994, type="book", doi="10.1/y")
    check = check_of(run(doc(BOOK), Service(crossref={"Revolution": work_list(item)}), sources=["crossref"]))
    assert check["status"] == "matched"
    assert any(d["field"] == "issued" and "by one" in d["note"] for d in check["disagreements"])


def test_not_found_when_nothing_or_nothing_resembling():
    out = run(doc(BOOK, ARTICLE), Service(crossref={
        "World Order": work_list(),
        "Sixth": work_list(cr_item("Photosynthesis in Maize Leaves", family="Zhang", year=2015, score=12.0)),
    }), sources=["crossref"])
    assert check_of(out, 0)["status"] == "not found"
    second = check_of(out, 1)
    assert second["status"] == "not found" and "Photosynthesis" in second["reason"]


CHAPTER = {
    "type": "chapter",
    "author": [{"family": "Skocpol", "given": "Theda"}],
    "title": "Social Revolutions and Mass Military Mobilization",
    "container-title": "Social Revolutions in the Modern World",
    "editor": [{"family": "Skocpol", "given": "Theda"}],
    "publisher-place": "Cambridge",
    "publisher": "Cambridge University Press",
    "issued": {"date-parts": [[1994]]},
}


def test_chapter_matches_a_book_chapter_with_the_same_container():
    item = cr_item(CHAPTER["title"], family="Skocpol", year=1994, type="book-chapter",
                   container="Social Revolutions in the Modern World", doi="10.1017/CBO9781139173834.011")
    check = check_of(run(doc(CHAPTER), Service(crossref={"Mobilization": work_list(item)}), sources=["crossref"]))
    assert check["status"] == "matched"
    assert check["evidence"]["container-title"]["agrees"] is True


def test_chapter_with_another_container_or_a_book_record_is_not_matched():
    other_container = cr_item(CHAPTER["title"], family="Skocpol", year=1994, type="book-chapter",
                              container="States and Social Revolutions", doi="10.1/other")
    check = check_of(run(doc(CHAPTER), Service(crossref={"Mobilization": work_list(other_container)}),
                         sources=["crossref"]))
    assert check["status"] == "inconclusive" and "container" in check["reason"]
    as_book = cr_item(CHAPTER["title"], family="Skocpol", year=1994, type="book", doi="10.1/book")
    check = check_of(run(doc(CHAPTER), Service(crossref={"Mobilization": work_list(as_book)}), sources=["crossref"]))
    assert check["status"] == "inconclusive" and "ours a chapter" in check["reason"]


def test_edited_book_with_empty_author_and_filled_editor_matches():
    edited = {
        "type": "book",
        "editor": [{"family": "Katz", "given": "Mark N."}],
        "title": "Revolution: International Dimensions",
        "publisher-place": "Washington, DC",
        "publisher": "CQ Press",
        "issued": {"date-parts": [[2001]]},
    }
    item = cr_item("Revolution", subtitle="International Dimensions", editor="Katz", year=2001,
                   type="edited-book", doi="10.4135/9781483330839", publisher="CQ Press")
    assert "author" not in item
    check = check_of(run(doc(edited), Service(crossref={"Katz": work_list(item)}), sources=["crossref"]))
    assert check["status"] == "matched", check.get("reason")
    assert check["evidence"]["editor"]["agrees"] is True


def test_author_listed_as_editor_in_the_record_still_agrees():
    # Scraped lists often give an editor as the author.
    ours = dict(BOOK, title="Revolution: International Dimensions", author=[{"family": "Katz", "given": "M."}])
    item = cr_item("Revolution", subtitle="International Dimensions", editor="Katz", year=1993,
                   type="edited-book", doi="10.1/ed")
    assert check_of(run(doc(ours), Service(crossref={"Katz": work_list(item)}), sources=["crossref"]))["status"] \
        == "matched"


def test_misspelt_author_is_matched_and_suggested():
    ours = dict(BOOK, author=[{"family": "Armstorng", "given": "David"}])
    item = cr_item("Revolution and World Order", family="Armstrong", year=1993, type="book", doi="10.1/arm")
    out = run(doc(ours), Service(crossref={"Revolution": work_list(item)}), sources=["crossref"])
    check = check_of(out)
    assert check["status"] == "matched"
    [d] = [d for d in check["disagreements"] if d["field"] == "author"]
    assert d["note"] == "name spelt differently" and d["suggestion"] == "Armstrong"
    applied = apply_suggestions(out)
    assert applied.works[0].csl["author"][0]["family"] == "Armstrong"
    assert applied.works[0].corrections[-1].rule == "crossref-suggestion"


def test_add_dois_only_for_matched_records():
    service = Service(crossref={
        "Sixth": work_list(ARTICLE_ITEM),
        "Revolution": work_list(cr_item("Revolution and World Order", type="book", doi="10.1/weak")),
    })
    out = add_dois(run(doc(ARTICLE, BOOK), service, sources=["crossref"]))
    assert out.works[0].csl["DOI"] == "10.1017/S0260210500112021"
    [corr] = out.works[0].corrections
    assert (corr.field, corr.before, corr.after, corr.rule) == ("DOI", "", "10.1017/S0260210500112021",
                                                                "crossref-doi")
    assert 0.5 < corr.confidence <= 1.0
    assert "DOI" not in out.works[1].csl and out.works[1].corrections == []


# --- Open Library ------------------------------------------------------------------


def test_open_library_book_reports_fitting_edition_and_imprint_disagreements():
    editions = [
        {"key": "/books/OL2M", "title": "Revolution and world order", "publisher": ["Oxford University Press"],
         "publish_place": ["New York"], "publish_year": [2004]},
        {"key": "/books/OL1M", "title": "Revolution and world order", "publisher": ["Clarendon Press"],
         "publish_place": ["Oxford", "New York"], "publish_year": [1993]},
    ]
    good = ol_doc("Revolution and world order", subtitle="the revolutionary state in international society",
                  authors=["David Armstrong"], key="/works/OL123W", first_year=1993, years=[1993, 2004],
                  publishers=["Clarendon Press", "Oxford University Press"], places=["London"], editions=editions)
    service = Service(openlibrary={"Revolution": ol_result(good)})
    out = run(doc(BOOK), service, sources=["openlibrary"])
    check = check_of(out, source="openlibrary")
    assert check["status"] == "matched", check.get("reason")
    assert check["key"] == "/works/OL123W" and check["about"] == "work"
    assert check["edition"]["key"] == "/books/OL1M"
    assert check["evidence"]["publisher"]["agrees"] is True  # Clarendon ~ Clarendon Press
    [place] = [d for d in check["disagreements"] if d["field"] == "publisher-place"]
    assert place["note"] == "place differs"
    assert any(f.code == "openlibrary-differs" and f.field == "publisher-place" for f in out.works[0].flags)
    [request] = service.requests
    assert request.url.path == "/search.json"
    assert request.url.params["title"] == "Revolution and World Order"
    assert request.url.params["author"] == "Armstrong"


def test_open_library_publisher_spelt_differently_and_later_first_edition():
    ours = dict(BOOK, publisher="Clarendom Pres")
    spelt = ol_doc("Revolution and World Order", authors=["David Armstrong"], first_year=1993, years=[1993],
                   publishers=["Clarendon Press"], places=["Oxford"])
    check = check_of(run(doc(ours), Service(openlibrary={"Revolution": ol_result(spelt)}),
                         sources=["openlibrary"]), source="openlibrary")
    assert check["status"] == "matched"
    [d] = [d for d in check["disagreements"] if d["field"] == "publisher"]
    assert d["note"] == "publisher spelt differently" and d["suggestion"] == "Clarendon Press"
    later = ol_doc("Revolution and World Order", authors=["David Armstrong"], first_year=2010, years=[2010])
    check = check_of(run(doc(BOOK), Service(openlibrary={"Revolution": ol_result(later)}),
                         sources=["openlibrary"]), source="openlibrary")
    assert check["status"] == "inconclusive" and "after our 1993" in check["reason"]


def test_open_library_looks_up_a_chapters_containing_book():
    container = ol_doc("Social revolutions in the modern world", authors=["Theda Skocpol"], first_year=1994,
                       years=[1994], publishers=["Cambridge University Press"], places=["Cambridge"])
    service = Service(openlibrary={"Social Revolutions in the Modern World": ol_result(container)})
    out = run(doc(CHAPTER, ARTICLE), service, sources=["openlibrary"])
    check = check_of(out, source="openlibrary")
    assert check["status"] == "matched" and check["about"] == "container"
    assert "container-title" in check["evidence"]
    [request] = service.requests  # the article is not looked up in Open Library
    assert request.url.params["author"] == "Skocpol"
    assert [c["source"] for c in out.works[1].checks] == []


def test_open_library_tie_and_malformed_answers():
    twin = {"authors": ["David Armstrong"], "first_year": 1993, "years": [1993], "publishers": ["Clarendon Press"],
                "places": ["Oxford"]}
    tie = ol_result(ol_doc("Revolution and World Order", key="/works/OL1W", **twin),
                    ol_doc("Revolution and World Order", key="/works/OL2W", **twin))
    check = check_of(run(doc(BOOK), Service(openlibrary={"Revolution": tie}), sources=["openlibrary"]),
                     source="openlibrary")
    assert check["status"] == "inconclusive" and "tie" in check["reason"]
    broken = httpx.Response(200, json={"error": "Invalid search query"})
    check = check_of(run(doc(BOOK), Service(openlibrary={"Revolution": broken}), sources=["openlibrary"]),
                     source="openlibrary")
    assert check["status"] == "error" and "no docs list" in check["reason"]


def test_open_library_misspelt_author_shows_the_full_name():
    ours = dict(BOOK, author=[{"family": "Armstorng", "given": "David"}])
    found = ol_doc("Revolution and World Order", authors=["", "David Armstrong"], first_year=1993, years=[1993],
                   publishers=["Clarendon Press"])
    check = check_of(run(doc(ours), Service(openlibrary={"Revolution": ol_result(found)}), sources=["openlibrary"]),
                     source="openlibrary")
    assert check["status"] == "matched"
    [d] = [d for d in check["disagreements"] if d["field"] == "author"]
    assert d["theirs"] == "David Armstrong" and d["suggestion"] == "Armstrong"


def test_both_sources_fill_one_check_each():
    service = Service(crossref={"World Order": work_list()}, openlibrary={"Revolution": ol_result()})
    out = run(doc(BOOK), service)
    assert [c["source"] for c in out.works[0].checks] == ["crossref", "openlibrary"]
    assert {c["status"] for c in out.works[0].checks} == {"not found"}


# --- etiquette ---------------------------------------------------------------------


def test_user_agent_carries_mailto_and_no_notice():
    service = Service()
    out = run(doc(BOOK), service, mailto="me@example.org")
    for request in service.requests:
        assert "mailto:me@example.org" in request.headers["user-agent"]
        assert "mailto" not in str(request.url)  # the cache key does not depend on the address
    assert PUBLIC_POOL_NOTICE not in out.warnings
    assert user_agent(None).startswith("haliref/") and "mailto" not in user_agent(None)


def test_without_mailto_a_single_notice():
    out = run(doc(BOOK, ARTICLE, CHAPTER), Service(), mailto=None)
    assert out.warnings.count(PUBLIC_POOL_NOTICE) == 1
    again = run(out, Service(), mailto=None)
    assert again.warnings.count(PUBLIC_POOL_NOTICE) == 1


def test_429_with_retry_after_then_success():
    calls = []

    def crossref(request):
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(429, text="Too Many Requests", headers={"Retry-After": "7"})
        return httpx.Response(200, json=work_list(ARTICLE_ITEM), headers=CR_HEADERS)

    fake = FakeTime()
    out = run(doc(ARTICLE), Service(crossref={"Sixth": crossref}), sources=["crossref"], fake=fake)
    assert check_of(out)["status"] == "matched"
    assert len(calls) == 2
    assert 7.0 in fake.sleeps


def test_5xx_backs_off_exponentially_then_succeeds():
    calls = []

    def crossref(request):
        calls.append(request)
        if len(calls) <= 3:
            return httpx.Response([503, 502, 500][len(calls) - 1], text="<html>busy</html>",
                                  headers={"content-type": "text/html"})
        return httpx.Response(200, json=work_list(ARTICLE_ITEM), headers=CR_HEADERS)

    fake = FakeTime()
    out = run(doc(ARTICLE), Service(crossref={"Sixth": crossref}), sources=["crossref"], fake=fake)
    assert check_of(out)["status"] == "matched"
    backoffs = [s for s in fake.sleeps if s in (1.0, 2.0, 4.0, 8.0)]
    assert backoffs[:3] == [1.0, 2.0, 4.0]


def test_a_request_that_keeps_failing_is_an_error_and_the_rest_are_checked():
    service = Service(crossref={
        "Sixth": httpx.Response(503, text="unavailable"),
        "Revolution": work_list(cr_item("Revolution and World Order", family="Armstrong", year=1993, type="book")),
    })
    out = run(doc(ARTICLE, BOOK), service, sources=["crossref"], retries=2)
    first = check_of(out, 0)
    assert first["status"] == "error" and "HTTP 503" in first["reason"] and "3 attempts" in first["reason"]
    assert check_of(out, 1)["status"] == "matched"


@pytest.mark.parametrize(
    "response, words",
    [
        (httpx.Response(200, text='{"status": "ok", "message": {"items": [', headers={"content-type":
                                                                                        "application/json"}),
         "malformed JSON"),
        (httpx.Response(200, text="<html><title>Gateway</title>oops</html>", headers={"content-type": "text/html"}),
         "not JSON (text/html)"),
        (httpx.Response(404, text="Resource not found.", headers={"content-type": "text/plain"}),
         "HTTP 404: Resource not found."),
        (httpx.Response(200, json={"status": "failed", "message-type": "validation-failure", "message": []}),
         "not a Crossref work list"),
        (httpx.Response(200, json=work_list({"DOI": "10.1/odd", "title": "not a list", "author": "nobody",
                                             "issued": {"date-parts": [[None]]}, "score": "x"})),
         None),
    ],
)
def test_faults_mark_one_work_error_and_never_lose_the_run(response, words):
    service = Service(crossref={"Sixth": response, "Revolution": work_list(
        cr_item("Revolution and World Order", family="Armstrong", year=1993, type="book", doi="10.1/ok"))})
    out = run(doc(ARTICLE, BOOK), service, sources=["crossref"])
    first = check_of(out, 0)
    if words is None:  # odd but parseable record: judged, not crashed
        assert first["status"] in ("not found", "inconclusive", "error")
    else:
        assert first["status"] == "error" and words in first["reason"]
    assert check_of(out, 1)["status"] == "matched"


def test_connection_reset_is_retried_then_reported():
    attempts = []

    def reset(request):
        attempts.append(request)
        raise httpx.ReadError("[Errno 104] Connection reset by peer", request=request)

    out = run(doc(ARTICLE, BOOK), Service(crossref={"Sixth": reset}), sources=["crossref"], retries=2)
    first = check_of(out, 0)
    assert first["status"] == "error" and "Connection reset" in first["reason"]
    assert len(attempts) == 3
    assert check_of(out, 1)["status"] == "not found"


def test_error_rate_over_ten_percent_stops_cleanly():
    works = [dict(BOOK, title=f"Book number {i} on revolutions") for i in range(30)]
    service = Service(default_cr=httpx.Response(500, text="Internal Server Error"))
    out = run(doc(*works), service, sources=["crossref"], retries=1, max_in_flight=1)
    statuses = [check_of(out, i)["status"] for i in range(30)]
    assert statuses == ["error"] * 30
    stopped = [check_of(out, i) for i in range(30) if check_of(out, i)["reason"].startswith("not checked")]
    assert len(stopped) == 20
    assert "stopped after 10 of 10" in stopped[0]["reason"]
    assert service.count() == 10 * 2  # ten works, two attempts each, then nothing
    assert any(w.startswith("Crossref: stopped after 10 of 10") for w in out.warnings)


def test_a_few_errors_under_the_threshold_do_not_stop():
    works = [dict(BOOK, title=f"Book number {i} on revolutions") for i in range(20)]
    service = Service(crossref={"number 3 ": httpx.Response(404, text="nope")})
    out = run(doc(*works), service, sources=["crossref"])
    assert [check_of(out, i)["status"] for i in range(20)].count("error") == 1
    assert not any("stopped" in w for w in out.warnings)


def test_concurrency_is_bounded_by_max_in_flight_and_the_server_limit():
    state = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def slow(limit):
        def handler(request):
            with lock:
                state["now"] += 1
                state["peak"] = max(state["peak"], state["now"])
            time.sleep(0.02)
            with lock:
                state["now"] -= 1
            return httpx.Response(200, json=work_list(), headers=dict(CR_HEADERS, **{"x-concurrency-limit": limit}))
        return handler

    works = [dict(BOOK, title=f"Book number {i}") for i in range(24)]
    run(doc(*works), Service(default_cr=slow("5")), sources=["crossref"], max_in_flight=3)
    assert 2 <= state["peak"] <= 3
    state["peak"] = 0
    run(doc(*works), Service(default_cr=slow("1")), sources=["crossref"], max_in_flight=3)
    assert state["peak"] == 1


# --- cache -------------------------------------------------------------------------


def test_rerun_is_served_from_the_cache(tmp_path):
    service = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    first = run(doc(ARTICLE, BOOK), service, tmp_path)
    assert service.count() == 3  # two Crossref, one Open Library
    again = Service()
    second = run(doc(ARTICLE, BOOK), again, tmp_path)
    assert again.count() == 0
    assert [w.checks for w in second.works] == [w.checks for w in first.works]


def test_failures_are_not_cached(tmp_path):
    run(doc(ARTICLE), Service(default_cr=httpx.Response(404, text="no")), tmp_path, sources=["crossref"])
    again = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    out = run(doc(ARTICLE), again, tmp_path, sources=["crossref"])
    assert again.count() == 1 and check_of(out)["status"] == "matched"


def test_offline_cache_only_never_touches_the_network(tmp_path):
    run(doc(ARTICLE), Service(crossref={"Sixth": work_list(ARTICLE_ITEM)}), tmp_path)

    def forbidden(request):
        raise AssertionError("network used")

    out = check_online(doc(ARTICLE, BOOK), offline_cache_only=True, cache_path=tmp_path / "cache.sqlite3",
                       transport=httpx.MockTransport(forbidden), mailto=None)
    assert check_of(out, 0)["status"] == "matched"
    assert check_of(out, 1)["status"] == "not in cache"
    assert check_of(out, 1, "openlibrary")["status"] == "not in cache"
    assert PUBLIC_POOL_NOTICE not in out.warnings
    assert any("not in the cache" in w for w in out.warnings)


def test_cache_file_and_clearing(tmp_path):
    path = tmp_path / "sub" / "c.sqlite3"
    with ResponseCache(path) as cache:
        cache.put("https://x/y?a=1", 200, "application/json", "{}")
        assert cache.get("https://x/y?a=1") == (200, "application/json", "{}")
        assert len(cache) == 1
    assert clear_cache(path) is True and not path.exists()
    assert clear_cache(path) is False


# --- the rest ----------------------------------------------------------------------


def test_work_without_title_is_skipped_and_checks_are_replaced_on_rerun():
    untitled = {"type": "book", "author": [{"family": "Anon"}]}
    service = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    out = run(doc(untitled, ARTICLE), service, sources=["crossref"])
    assert check_of(out, 0)["status"] == "skipped" and service.count() == 1
    again = run(out, service, sources=["crossref"])
    assert len(again.works[1].checks) == 1


def test_progress_bar_does_not_disturb(capsys):
    out = run(doc(ARTICLE), Service(crossref={"Sixth": work_list(ARTICLE_ITEM)}), sources=["crossref"],
              progress=True)
    assert check_of(out)["status"] == "matched"
    assert capsys.readouterr().out == ""


def test_parsed_seed_goes_through():
    text = (
        "1. David Armstrong, Revolution and World Order (Oxford: Clarendon, 1993), p. 12.\n"
        "2. Fred Halliday, ‘The Sixth Great Power’, Review of International Studies 16 (1990): 207–21.\n"
    )
    document = parse_text(text)
    service = Service(crossref={"Armstrong": work_list(
        cr_item("Revolution and World Order", family="Armstrong", year=1993, type="book", doi="10.1/arm"))})
    out = run(document, service)
    assert len(out.works) == len(document.works)
    assert all(w.checks for w in out.works)
    statuses = {w.id: w.checks[0]["status"] for w in out.works}
    assert "matched" in statuses.values()


# --- a real socket: timeouts, resets, 429 without Retry-After, slow answers ----------


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        query = parse_qs(urlparse(self.path).query).get("query.bibliographic", [""])[0]
        with self.lock:
            self.hits[query] = self.hits.get(query, 0) + 1
            hit = self.hits[query]
        if "Timeout" in query:
            time.sleep(1.0)
        elif "Reset" in query:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.close()
            return
        elif "Throttled" in query and hit == 1:
            self._send(429, b"Too many requests", "text/plain")
            return
        elif "Slow" in query:
            time.sleep(0.3)
        title = query.split(". ")[1] if ". " in query else query
        body = json.dumps(work_list(cr_item(title, family="Smith", year=2000, doi=f"10.1/{hit}"))).encode()
        self._send(200, body, "application/json")

    def _send(self, status, body, kind):
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for key, value in CR_HEADERS.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_against_a_local_server(local_server):
    def article(title):
        return {"type": "article-journal", "title": title, "author": [{"family": "Smith", "given": "J."}],
                "issued": {"date-parts": [[2000]]}}

    titles = ["Plain Answer Here", "Slow Answer Here", "Throttled Answer Here", "Reset Answer Here",
              "Timeout Answer Here"]
    fake = FakeTime()
    started = time.monotonic()
    out = check_online(doc(*[article(t) for t in titles]), mailto="me@example.org", use_cache=False,
                       crossref_url=local_server, sources=["crossref"], timeout=0.4, retries=1,
                       sleep=fake.sleep)
    elapsed = time.monotonic() - started
    statuses = [check_of(out, i)["status"] for i in range(5)]
    assert statuses[:3] == ["matched"] * 3, [c["reason"] for w in out.works for c in w.checks if "reason" in c]
    assert statuses[3] == "error" and "connection failed" in check_of(out, 3)["reason"]
    assert statuses[4] == "error" and "timed out" in check_of(out, 4)["reason"]
    assert 2.0 in fake.sleeps or 1.0 in fake.sleeps  # backoff after the 429 without Retry-After
    assert elapsed < 5
