"""Issue 19, the cache and the online check (items 4, 7, 16-20): a cache that heals and
an online check that tells the truth. Never the network: httpx.MockTransport, or a
server on 127.0.0.1."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from check.test_online import ARTICLE, ARTICLE_ITEM, BOOK, Service, check_of, cr_item, doc, run, work_list
from paths import TESTS_DIR

from haliref.check.cache import ResponseCache

LIST = TESTS_DIR / "data" / "springer-new-layout.txt"


def haliref(*args, env=None, **kwargs):
    full_env = dict(os.environ, **(env or {}))
    for name in ("HALIREF_CROSSREF_URL", "HALIREF_OPENLIBRARY_URL"):
        if env is None or name not in env:
            full_env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "haliref.cli", *args], capture_output=True, text=True,
                          env=full_env, **kwargs)


class LocalServer:
    """Crossref and Open Library on 127.0.0.1: ``answer(path_and_query)`` -> (status, headers, body)."""

    def __init__(self, answer):
        self.paths: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                outer.paths.append(self.path)
                status, headers, body = answer(self.path)
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


FAST = {"content-type": "application/json", "x-rate-limit-limit": "200", "x-rate-limit-interval": "1s"}


def answers(path):
    if path.startswith("/works"):
        return 200, FAST, work_list()
    return 200, FAST, {"numFound": 0, "start": 0, "docs": []}


# --- 4. --cache into a missing folder with --offline-cache-only ------------------------


def test_offline_cache_only_creates_no_folder(tmp_path):
    cache = tmp_path / "missing" / "deeper" / "cache.sqlite3"
    result = haliref("bib", str(LIST), "--offline-cache-only", "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    assert os.listdir(tmp_path) == []


def test_online_with_a_cache_in_a_missing_folder_is_one_line(tmp_path):
    with LocalServer(answers) as server:
        result = haliref("bib", str(LIST), "--online", "--cache", str(tmp_path / "missing" / "c.sqlite3"),
                         "--crossref-url", server.url, "--openlibrary-url", server.url)
        assert server.paths == []
    assert result.returncode == 1 and "haliref: error: the cache folder does not exist" in result.stderr
    assert os.listdir(tmp_path) == []


# --- 7. a cache that is a folder, not SQLite, or damaged ----------------------------------


def damaged_cache(path):
    with ResponseCache(path) as cache:
        for i in range(400):
            cache.put(f"https://example.org/{i}", 200, "application/json", json.dumps({"n": i, "pad": "x" * 300}))
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # every third page, the header kept
        data[start : start + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["folder", "text", "damaged"])
def test_an_unusable_cache_is_named_and_the_check_goes_on(tmp_path, kind):
    path = tmp_path / "cache.sqlite3"
    if kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("@book{mine, title={Not a cache}}\n")
    else:
        damaged_cache(path)
    before = path.read_bytes() if path.is_file() else None
    service = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    out = run(doc(ARTICLE), service, tmp_path, sources=["crossref"])
    assert check_of(out)["status"] == "matched"
    assert any(str(path) in w and "cache" in w for w in out.warnings), out.warnings
    if before is not None:
        assert path.read_bytes() == before  # not ours to repair or delete


def test_a_damaged_cache_really_fails_sqlite(tmp_path):
    """The damage the test above uses is real: SQLite itself refuses the pages."""
    path = tmp_path / "cache.sqlite3"
    damaged_cache(path)
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        for i in range(400):
            db.execute("SELECT body FROM responses WHERE url = ?", (f"https://example.org/{i}",)).fetchone()


# --- 16. an online check that failed wholesale has its own exit status --------------------


def test_every_answer_503_exits_3_with_a_summary(tmp_path):
    def unavailable(path):
        if path.startswith("/works"):
            return 503, {**FAST, "content-type": "text/plain", "retry-after": "0"}, "unavailable"
        return answers(path)

    with LocalServer(unavailable) as server:
        result = haliref("bib", str(LIST), "--online", "--cache", str(tmp_path / "c.sqlite3"),
                         "--crossref-url", server.url, "--openlibrary-url", server.url)
    assert result.returncode == 3, result.stderr
    assert "haliref: online check failed: Crossref" in result.stderr and "error" in result.stderr
    assert result.stdout.startswith("@")  # the bibliography is still written, unchecked


def test_a_successful_check_exits_0_with_a_summary(tmp_path):
    with LocalServer(answers) as server:
        result = haliref("bib", str(LIST), "--online", "--cache", str(tmp_path / "c.sqlite3"),
                         "--crossref-url", server.url, "--openlibrary-url", server.url)
    assert result.returncode == 0, result.stderr
    assert "haliref: online check: Crossref" in result.stderr and "not found" in result.stderr


# --- 17. one bad answer never poisons the cache -----------------------------------------------


def test_a_200_that_fails_validation_is_not_cached(tmp_path):
    bad = {"status": "ok", "message-type": "work", "message": {"DOI": "10.1/x"}}
    first = run(doc(ARTICLE), Service(default_cr=bad), tmp_path, sources=["crossref"])
    assert check_of(first)["status"] == "error"
    good = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    second = run(doc(ARTICLE), good, tmp_path, sources=["crossref"])
    assert good.count() == 1 and check_of(second)["status"] == "matched"


def test_a_poisoned_entry_from_before_heals(tmp_path):
    service = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    run(doc(ARTICLE), service, tmp_path, sources=["crossref"])
    with ResponseCache(tmp_path / "cache.sqlite3") as cache:
        db = cache._db
        (url,) = db.execute("SELECT url FROM responses").fetchone()
        cache.put(url, 200, "application/json", json.dumps({"status": "ok", "message": "poison"}))
    again = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    out = run(doc(ARTICLE), again, tmp_path, sources=["crossref"])
    assert again.count() == 1 and check_of(out)["status"] == "matched"
    third = Service()
    assert check_of(run(doc(ARTICLE), third, tmp_path, sources=["crossref"]))["status"] == "matched"
    assert third.count() == 0  # healed: served from the cache again


def test_refresh_cache_asks_again_and_replaces(tmp_path):
    run(doc(ARTICLE), Service(default_cr=work_list()), tmp_path, sources=["crossref"])
    fresh = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    out = run(doc(ARTICLE), fresh, tmp_path, sources=["crossref"], refresh_cache=True)
    assert fresh.count() == 1 and check_of(out)["status"] == "matched"
    later = Service()
    assert check_of(run(doc(ARTICLE), later, tmp_path, sources=["crossref"]))["status"] == "matched"
    assert later.count() == 0


def test_refresh_cache_on_the_command_line(tmp_path):
    cache = str(tmp_path / "c.sqlite3")
    with LocalServer(answers) as server:
        urls = ["--crossref-url", server.url, "--openlibrary-url", server.url, "--cache", cache]
        assert haliref("bib", str(LIST), "--online", *urls).returncode == 0
        asked = len(server.paths)
        assert haliref("bib", str(LIST), "--online", *urls).returncode == 0
        assert len(server.paths) == asked
        assert haliref("bib", str(LIST), "--online", "--refresh-cache", *urls).returncode == 0
        assert len(server.paths) == 2 * asked
    assert haliref("bib", str(LIST), "--refresh-cache").returncode == 1


# --- 18. a refused connection fails fast ---------------------------------------------------


def test_connection_refused_is_not_retried_and_stops_the_source():
    def refused(request):
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    works = [dict(BOOK, title=f"Book number {i} on revolutions") for i in range(25)]
    service = Service(default_cr=refused)
    out = run(doc(*works), service, sources=["crossref"], max_in_flight=1)
    assert service.count() == 1
    assert [check_of(out, i)["status"] for i in range(25)] == ["error"] * 25
    assert "Connection refused" in check_of(out, 0)["reason"]
    assert any("gave up at once" in w for w in out.warnings)


def test_a_dead_local_service_gives_up_after_one_attempt(tmp_path):
    dead = closed_port()
    result = haliref("bib", str(LIST), "--online", "--cache", str(tmp_path / "c.sqlite3"),
                     "--crossref-url", dead, "--openlibrary-url", dead)
    assert result.returncode == 3
    assert "cannot connect to 127.0.0.1" in result.stderr and "gave up at once" in result.stderr


# --- 19. base URLs and the timeout from the command line -------------------------------------


def test_urls_from_options_and_environment_reach_the_local_server(tmp_path):
    with LocalServer(answers) as server:
        by_option = haliref("parse", str(LIST), "--online", "--cache", str(tmp_path / "a.sqlite3"),
                            "--crossref-url", server.url, "--openlibrary-url", server.url, "--timeout", "5")
        assert by_option.returncode == 0, by_option.stderr
        asked = len(server.paths)
        assert asked and any(p.startswith("/works?") for p in server.paths)
        assert any(p.startswith("/search.json?") for p in server.paths)
        by_environment = haliref("parse", str(LIST), "--online", "--cache", str(tmp_path / "b.sqlite3"),
                                 env={"HALIREF_CROSSREF_URL": server.url, "HALIREF_OPENLIBRARY_URL": server.url})
        assert by_environment.returncode == 0, by_environment.stderr
        assert len(server.paths) == 2 * asked


def test_the_timeout_reaches_the_check(tmp_path, monkeypatch, capsys):
    from haliref.check import online
    from haliref.cli import main

    seen = {}
    real = online.check_online

    def spy(document, **kwargs):
        seen.update(kwargs)
        return real(document, **kwargs)

    monkeypatch.setattr(online, "check_online", spy)
    with LocalServer(answers) as server:
        code = main(["bib", str(LIST), "--online", "--cache", str(tmp_path / "c.sqlite3"), "--timeout", "2.5",
                     "--crossref-url", server.url, "--openlibrary-url", server.url])
    assert code == 0 and seen["timeout"] == 2.5 and seen["crossref_url"] == server.url
    with pytest.raises(SystemExit):  # argparse: a usage error, exit 2
        main(["bib", str(LIST), "--online", "--timeout", "0"])
    assert "more than 0 seconds" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["--crossref-url", "ftp://example.org"],
    ["--openlibrary-url", "not a url"],
])
def test_bad_urls_are_one_line(args):
    result = haliref("bib", str(LIST), "--online", *args)
    assert result.returncode == 1 and result.stderr.startswith("haliref: error:") and "Traceback" not in result.stderr


# --- 20. two processes sharing one cache keep one rate limit --------------------------------


def test_a_second_process_on_the_same_cache_waits_for_the_first(tmp_path):
    cache = tmp_path / "cache.sqlite3"
    service = Service(crossref={"Sixth": work_list(ARTICLE_ITEM)})
    told: list[str] = []
    done: list[object] = []
    with open(tmp_path / "cache.sqlite3.lock", "a") as lock:  # another haliref holds the cache
        fcntl.flock(lock, fcntl.LOCK_EX)
        worker = threading.Thread(target=lambda: done.append(
            run(doc(ARTICLE), service, tmp_path, sources=["crossref"], notify=told.append)))
        worker.start()
        for _ in range(100):
            if told:
                break
            time.sleep(0.02)
        assert told and "waiting for another haliref" in told[0] and str(cache) in told[0]
        assert service.count() == 0 and not done
    worker.join(30)
    assert check_of(done[0])["status"] == "matched" and service.count() == 1


# --- 21. --add-dois and --apply-suggestions need the online check ---------------------------


@pytest.mark.parametrize("option", ["--add-dois", "--apply-suggestions"])
def test_online_only_options_without_online_are_refused(option):
    result = haliref("bib", str(LIST), option)
    assert result.returncode == 1 and f"{option} needs --online" in result.stderr



# --- 21. matching: IEEE-style entries, never a shorter title, one period after initials -----

IEEE = {  # what the reader makes of an IEEE-style reference today (initials first, title in quotes)
    "type": "book",
    "author": [{"family": "Tkaczyk", "given": "D."}],
    "title": "P. Szostek, M. Fedoryszak, P. J. Dendek, and L. Bolikowski, “CERMINE: automatic extraction of "
             "structured metadata from scientific literature,” International Journal on Document Analysis and "
             "Recognition, vol. 18, no. 4",
}
CERMINE = cr_item("CERMINE: automatic extraction of structured metadata from scientific literature",
                  family="Tkaczyk", given="Dominika", year=2015, doi="10.1007/s10032-015-0249-8",
                  container="International Journal on Document Analysis and Recognition", volume="18",
                  page="317-335", score=80.0)


def test_an_ieee_entry_whose_record_is_the_first_hit_is_inconclusive_not_not_found():
    out = run(doc(IEEE), Service(default_cr=work_list(CERMINE)), sources=["crossref"])
    check = check_of(out)
    assert check["status"] == "inconclusive" and check["doi"] == "10.1007/s10032-015-0249-8"
    assert "doubtful" in check["reason"]
    assert not out.works[0].flags  # inconclusive: nothing is flagged or suggested
    unrelated = run(doc(IEEE), Service(default_cr=work_list(cr_item("Something else entirely", family="Roe"))),
                    sources=["crossref"])
    assert check_of(unrelated)["status"] == "not found"


def test_the_query_has_one_period_after_initials():
    from haliref.check.crossref import citation_text

    text = citation_text(IEEE)
    assert ".." not in text and text.startswith("Tkaczyk, D. P. Szostek")
    assert citation_text(ARTICLE).startswith("Halliday, Fred. The Sixth Great Power")


def test_apply_suggestions_never_shortens_a_title():
    from haliref.check.online import apply_suggestions
    from haliref.model import Document, Work

    long_title = "Shoulder Stiffness: Current Concepts and Concerns"
    work = Work(id="w0", csl={"type": "chapter", "title": "Frozen shoulder", "container-title": long_title})
    work.checks = [{"source": "crossref", "status": "matched", "confidence": 0.9, "disagreements": [
        {"field": "container-title", "ours": long_title, "theirs": "Shoulder Stiffness",
         "suggestion": "Shoulder Stiffness"},
        {"field": "title", "ours": "Frozen shoulder", "theirs": "Frozen shoulder: a review",
         "suggestion": "Frozen shoulder: a review"},
    ]}]
    out = apply_suggestions(Document(notes=[], works=[work], dropped=[]))
    assert out.works[0].csl["container-title"] == long_title
    assert out.works[0].csl["title"] == "Frozen shoulder: a review"  # a longer one still applies
