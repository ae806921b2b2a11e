"""The page's API without a browser (Starlette's test client): what it shows, the downloads
byte for byte against the command line, relabelling, and the safety checks."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from haliref.cli import main
from haliref.parse.relabel import examples_xml, parse_examples

ROOT = Path(__file__).parent.parent.parent
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"
TEXT = SEED.read_text(encoding="utf-8")
TOKEN = "test-token"
BASE = "http://127.0.0.1:8765"
HEADERS = {"X-Haliref-Token": TOKEN, "Origin": BASE}


@pytest.fixture(scope="module")
def client():
    import warnings

    with warnings.catch_warnings():  # starlette's test client wants httpx2; httpx is what haliref has
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from haliref.web.app import create_app

    with TestClient(create_app(token=TOKEN, limit=200_000), base_url=BASE) as test_client:
        yield test_client


def read(client, **payload):
    response = client.post("/api/read", json=payload, headers=HEADERS)
    assert response.status_code == 200, response.text
    return response.json()


def cli_bytes(capsys, *args: str) -> bytes:
    assert main(list(args)) == 0
    return capsys.readouterr().out.encode("utf-8")


def _armstrong(view):
    return next(c for n in view["notes"] for c in n["citations"] if c["work"].startswith("armstrong1993"))


# --------------------------------------------------------------------------- what the page shows
def test_the_bundled_list_is_shown_whole(client) -> None:
    view = read(client, text=TEXT)
    assert view["summary"]["notes"] == len(view["notes"]) == 29
    assert view["summary"]["works"] == len(view["works"]) == 33
    assert sum(len(n["citations"]) for n in view["notes"]) == 35
    note = next(n for n in view["notes"] if n["label"] == "7")
    assert "CrossRefGoogle Scholar" in note["scraped"]  # the note as scraped
    tokens = _armstrong(view)["tokens"]
    assert [t[0] for t in tokens][:2] == ["David", "Armstrong,"]
    assert {t[1] for t in tokens} == {"author", "title", "location", "publisher", "date"}
    assert all(0 <= t[2] <= 1 for t in tokens)
    assert view["dropped"] and all(d["reason"] and d["text"].strip() for d in view["dropped"])
    pipes = view["works"]["pipes1992russian"]
    assert ["Publisher", "Fontana Press"] in pipes["fields"]
    correction = pipes["corrections"][0]
    assert correction["rule"] == "dash-repair" and correction["undoable"] and "now reads" in correction["in_words"]
    flags = [f for w in view["works"].values() for f in w["flags"]]
    assert len(flags) == 9 and all(f["title"] and f["reason"] for f in flags)
    assert view["findings"] and "author" in view["fields"]


def test_undo_takes_a_rule_back_and_says_so(client) -> None:
    view = read(client, text=TEXT, undo=["dash-repair"])
    assert view["undone"][0]["rule"] == "dash-repair" and view["undone"][0]["why"]
    rules = [c["rule"] for w in view["works"].values() for c in w["corrections"]]
    assert "dash-repair" not in rules and rules
    assert ["Title", "The Russian Revolution 1899’1919"] in view["works"]["pipes1992russian"]["fields"]


def test_a_relabelled_citation_is_rebuilt_from_the_new_labels(client) -> None:
    tokens = _armstrong(read(client, text=TEXT))["tokens"]
    words = [t[0] for t in tokens]
    labels = ["container-title" if w in ("World", "Order") else t[1] for w, t in zip(words, tokens, strict=True)]
    view = read(client, text=TEXT, labels=[{"tokens": words, "labels": labels}])
    citation = _armstrong(view)
    assert citation["relabelled"] and [t[1] for t in citation["tokens"]] == labels
    assert all(t[2] == 1.0 for t in citation["tokens"])
    fields = dict(view["works"][citation["work"]]["fields"])
    assert fields["Title"] == "Revolution and" and fields["In"] == "World Order"
    assert view["labels"] == [{"tokens": words, "labels": labels}]
    others = [c for n in view["notes"] for c in n["citations"] if c is not citation]
    assert not any(c["relabelled"] for c in others)


# --------------------------------------------------------------------------- downloads = the command line
@pytest.mark.parametrize(
    ("kind", "args"),
    [("bib", ["bib"]), ("bibtex", ["bib", "--dialect", "bibtex"]), ("csl", ["csl"]), ("ris", ["ris"])],
)
@pytest.mark.parametrize("undo", [[], ["dash-repair", "place-publisher-split"]])
def test_downloads_are_the_command_lines_bytes(client, capsys, kind, args, undo) -> None:
    response = client.post(
        "/api/export", json={"text": TEXT, "undo": undo, "download": {"kind": kind}}, headers=HEADERS
    )
    assert response.status_code == 200
    undo_args = [arg for rule in undo for arg in ("--undo", rule)]
    assert response.content == cli_bytes(capsys, *args, str(SEED), *undo_args)
    assert response.headers["content-disposition"].startswith('attachment; filename="references')
    if kind == "bibtex":
        assert 'filename="references-bibtex.bib"' in response.headers["content-disposition"]


@pytest.mark.parametrize(("style", "what", "fmt"), [
    ("notes-bibliography", "all", "text"), ("shortened-notes-bibliography", "notes", "html"),
    ("author-date", "bibliography", "md"),
])
def test_the_chicago_rendering_is_the_command_lines(client, capsys, style, what, fmt) -> None:
    download = {"kind": "render", "style": style, "what": what, "format": fmt}
    response = client.post("/api/export", json={"text": TEXT, "download": download}, headers=HEADERS)
    assert response.status_code == 200
    expected = cli_bytes(capsys, "render", str(SEED), "--style", style, "--what", what, "--format", fmt)
    assert response.content == expected


def test_relabelled_downloads_equal_the_command_line_with_the_saved_labels(client, capsys, tmp_path) -> None:
    tokens = _armstrong(read(client, text=TEXT))["tokens"]
    words = [t[0] for t in tokens]
    labels = ["container-title" if w in ("World", "Order") else t[1] for w, t in zip(words, tokens, strict=True)]
    payload = {"text": TEXT, "labels": [{"tokens": words, "labels": labels}]}
    xml = client.post("/api/export", json={**payload, "download": {"kind": "examples"}}, headers=HEADERS)
    assert xml.status_code == 200 and "<container-title>World Order</container-title>" in xml.text
    saved = tmp_path / "mine.xml"
    saved.write_bytes(xml.content)
    bib = client.post("/api/export", json={**payload, "download": {"kind": "bib"}}, headers=HEADERS)
    assert bib.content == cli_bytes(capsys, "bib", str(SEED), "--labels", str(saved))
    assert b"World Order" in bib.content
    assert bib.content != cli_bytes(capsys, "bib", str(SEED))


def test_a_dropped_file_is_decoded_as_the_command_line_decodes_it(client, capsys, tmp_path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("1. Pierre Nora, Les Lieux de mémoire (Paris: Gallimard, 1984), 12.\n".encode("cp1252"))
    files = [{"name": "latin.txt", "data": base64.b64encode(latin.read_bytes()).decode()}]
    view = read(client, files=files)
    assert view["name"] == "latin" and "decoded as cp1252" in view["warnings"][0]
    response = client.post("/api/export", json={"files": files, "download": {"kind": "bib"}}, headers=HEADERS)
    assert response.content == cli_bytes(capsys, "bib", str(latin))
    assert 'filename="latin.bib"' in response.headers["content-disposition"]


def test_a_csl_json_export_is_read_as_works(client) -> None:
    items = [{"id": "a", "type": "book", "title": "Primitive Rebels",
              "author": [{"family": "Hobsbawm", "given": "Eric"}], "issued": {"date-parts": [[1959]]}}]
    files = [{"name": "zotero.json", "data": base64.b64encode(json.dumps(items).encode()).decode()}]
    view = read(client, files=files)
    assert len(view["works"]) == 1 and ["Title", "Primitive Rebels"] in next(iter(view["works"].values()))["fields"]


# --------------------------------------------------------------------------- bad input: one line, never a traceback
@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"text": "   \n"}, "the input is empty"),
        ({"text": "no references here at all"}, "no references found"),
        ({}, "nothing to read"),
        ({"text": "1. A, B (C: D, 1990).", "undo": ["no-such-rule"]}, "no such rule"),
        ({"text": "1. A, B (C: D, 1990).", "labels": [{"tokens": ["A"], "labels": ["villain"]}]}, "unknown field"),
        ({"text": "1. A, B (C: D, 1990).", "labels": [{"tokens": ["A", "B"], "labels": ["author"]}]},
         "one label for each"),
        ({"files": [{"name": "x", "data": "%%%"}]}, "not base64"),
        ({"text": "x" * 200_001}, "the page reads at most 200,000 bytes"),
        ({"text": "1. A, B (C: D, 1990).", "download": {"kind": "pdf"}}, "unknown download"),
    ],
)
def test_bad_requests_get_one_line(client, payload, message) -> None:
    url = "/api/export" if "download" in payload else "/api/read"
    response = client.post(url, json=payload, headers=HEADERS)
    assert response.status_code == 400
    error = response.json()["error"]
    assert message in error and "\n" not in error and "Traceback" not in error


def test_a_body_past_the_limit_is_refused_before_it_is_read(client) -> None:
    response = client.post("/api/read", content=b"{" + b" " * 2_000_000 + b"}",
                           headers={**HEADERS, "Content-Type": "application/json"})
    assert response.status_code == 413 and "the page reads at most" in response.json()["error"]


def test_invalid_json_is_said_in_one_line(client) -> None:
    response = client.post("/api/read", content=b"{nope", headers={**HEADERS, "Content-Type": "application/json"})
    assert response.status_code == 400 and response.json() == {"error": "the request is not valid JSON"}


# --------------------------------------------------------------------------- cross-site requests, hosts, the page
@pytest.mark.parametrize(
    "headers",
    [
        {},  # no token: a form or script of another site cannot read it
        {"X-Haliref-Token": "guessed"},
        {"X-Haliref-Token": TOKEN, "Origin": "http://evil.example"},
        {"X-Haliref-Token": TOKEN, "Origin": "http://127.0.0.1:9999"},
        {"X-Haliref-Token": TOKEN, "Sec-Fetch-Site": "cross-site"},
    ],
)
def test_cross_site_posts_are_refused(client, headers) -> None:
    response = client.post("/api/read", json={"text": TEXT}, headers=headers)
    assert response.status_code == 403 and "error" in response.json()


def test_a_form_post_is_refused_even_with_the_token(client) -> None:
    response = client.post("/api/read", data={"text": TEXT}, headers={"X-Haliref-Token": TOKEN})
    assert response.status_code == 403 and response.json()["error"] == "the request must be JSON"


def test_only_this_servers_names_are_answered(client) -> None:
    assert client.get("/", headers={"Host": "rebound.example:8765"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


def test_the_page_is_self_contained_and_strict(client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert f'content="{TOKEN}"' in page.text
    for path in ("/", "/page.js", "/page.css"):
        body = client.get(path).text
        assert "http://" not in body and "https://" not in body and "//cdn" not in body
    script = client.get("/page.js").text
    assert "innerHTML" not in script and "eval(" not in script and "insertAdjacentHTML" not in script
    assert client.get("/../pyproject.toml").status_code == 404
    assert client.get("/page.js/../../cli.py").status_code == 404


def test_the_view_of_the_same_request_is_the_same(client) -> None:
    first = client.post("/api/read", json={"text": TEXT}, headers=HEADERS).content
    assert client.post("/api/read", json={"text": TEXT}, headers=HEADERS).content == first


# --------------------------------------------------------------------------- AnyStyle XML
def test_labels_round_trip_through_anystyle_xml() -> None:
    sequences = [[("Eric", "author"), ("Hobsbawm,", "author"), ("Bandits", "title"), ("<&>", "title"),
                  ("1969", "date")]]
    xml = examples_xml(sequences)
    assert "<title>Bandits &lt;&amp;&gt;</title>" in xml
    assert parse_examples(xml, "x") == sequences


def test_relabelled_citations_are_saved_for_examples_file(tmp_path) -> None:
    """``haliref serve --examples FILE``: the user's labels written on each change, as AnyStyle XML."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from haliref.web.app import create_app
    from haliref.web.serve import _saver

    saved = tmp_path / "mine.xml"
    app = create_app(token=TOKEN, examples=_saver(str(saved)))
    with TestClient(app, base_url=BASE) as test_client:
        tokens = _armstrong(read(test_client, text=TEXT))["tokens"]
        assert not saved.exists()  # nothing relabelled, nothing written
        words = [t[0] for t in tokens]
        labels = [t[1] for t in tokens[:-1]] + ["note"]
        read(test_client, text=TEXT, labels=[{"tokens": words, "labels": labels}])
    assert parse_examples(saved.read_bytes(), "saved") == [list(zip(words, labels, strict=True))]


# --------------------------------------------------------------------------- split, join, prose
def _note(view, label):
    return next(n for n in view["notes"] if n["label"] == label)


def test_join_two_citations_then_split_them_again(client) -> None:
    fall, halliday = _note(read(client, text=TEXT), "9")["citations"]
    join = {"op": "join", "words": fall["words"], "next": halliday["words"]}
    view = read(client, text=TEXT, edits=[join])
    (joined,) = _note(view, "9")["citations"]
    assert joined["text"].startswith("Bernard Fall, Le Viet-minh")
    assert joined["text"].endswith("University Press, 1990)")
    assert joined["prefix"] == "On China and Vietnam," and joined["locator"] == "pp. 142–57"
    assert view["summary"]["works"] == 32 and view["edits"] == [join]
    assert "halliday1990revolution" not in view["works"]  # the second work is gone with its citation
    split = {"op": "split", "words": joined["words"], "at": joined["words"].index("Fred")}
    view = read(client, text=TEXT, edits=[join, split])
    first, second = _note(view, "9")["citations"]
    assert (first["work"], first["locator"], first["suffix"]) == ("fall1960viet", "pp. 195–6", "Yemen and Dhofar")
    assert second["work"] == "halliday1990revolution" and second["text"].startswith("Fred Halliday,")
    assert view["summary"]["works"] == 33


def test_words_marked_as_prose_leave_the_citation(client) -> None:
    pipes = _note(read(client, text=TEXT), "1")["citations"][0]
    assert pipes["words"][:2] == ["Richard", "Pipes,"]
    view = read(client, text=TEXT, edits=[{"op": "prose", "words": pipes["words"], "prose": [0, 1]}])
    citation = _note(view, "1")["citations"][0]
    assert citation["prefix"] == "Richard Pipes," and citation["text"].startswith("The Russian Revolution")
    assert "Richard" not in [t[0] for t in citation["tokens"]]
    work = view["works"][citation["work"]]
    assert not citation["work"].startswith("pipes") and "Author" not in dict(work["fields"])


def test_edited_downloads_equal_the_command_line_with_the_saved_edits(client, capsys, tmp_path) -> None:
    fall, halliday = _note(read(client, text=TEXT), "9")["citations"]
    payload = {"text": TEXT, "edits": [{"op": "join", "words": fall["words"], "next": halliday["words"]}]}
    saved = client.post("/api/export", json={**payload, "download": {"kind": "edits"}}, headers=HEADERS)
    assert saved.status_code == 200 and 'filename="references-edits.json"' in saved.headers["content-disposition"]
    (tmp_path / "edits.json").write_bytes(saved.content)
    for kind in ("bib", "ris"):
        response = client.post("/api/export", json={**payload, "download": {"kind": kind}}, headers=HEADERS)
        assert response.content == cli_bytes(capsys, kind, str(SEED), "--edits", str(tmp_path / "edits.json"))
    assert b"halliday1990revolution" not in response.content


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ({"op": "split"}, "edits must be a list"),
        ([{"op": "cut", "words": ["A"]}], "each edit needs an op"),
        ([{"op": "split", "words": ["A", "B"], "at": 2}], "a split needs a word"),
        ([{"op": "split", "words": ["A B"], "at": 1}], "without spaces"),
        ([{"op": "join", "words": ["A"]}], "a join's next"),
        ([{"op": "prose", "words": ["A"], "prose": [3]}], "prose needs the indexes"),
    ],
)
def test_bad_edits_get_one_line(client, edits, message) -> None:
    response = client.post("/api/read", json={"text": TEXT, "edits": edits}, headers=HEADERS)
    assert response.status_code == 400 and message in response.json()["error"]


# --------------------------------------------------------------------------- progress
def test_a_streamed_read_says_its_progress_then_gives_the_view(client) -> None:
    response = client.post("/api/read", json={"text": TEXT, "stream": True}, headers=HEADERS)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-ndjson")
    items = [json.loads(line) for line in response.text.splitlines()]
    steps = [item["progress"] for item in items[:-1]]
    assert steps and all(0 <= s["done"] <= s["total"] for s in steps)
    stages = [s["stage"] for s in steps]
    assert stages.index("lines") < stages.index("notes") < stages.index("works")
    assert {"stage": "lines", "done": 145, "total": 145} in steps  # every line and line break of the page
    assert {"stage": "notes", "done": 0, "total": 29} in steps
    assert items[-1] == {"view": read(client, text=TEXT)}


def test_a_streamed_read_ends_with_the_error_in_one_line(client) -> None:
    response = client.post("/api/read", json={"text": "no references here", "stream": True}, headers=HEADERS)
    assert json.loads(response.text.splitlines()[-1]) == {"error": "no references found in the input"}


# --------------------------------------------------------------------------- the online check, asked for on the page
def fake_services(request):
    """Crossref and Open Library as httpx.MockTransport answers them: one record found, nothing else."""
    import httpx

    if request.url.host == "api.crossref.org":
        items = []
        if "Russian Revolution" in request.url.params.get("query.bibliographic", ""):
            items = [{"DOI": "10.5555/pipes", "type": "book", "score": 60.0, "title": ["The Russian Revolution"],
                      "author": [{"given": "Richard", "family": "Pipes", "sequence": "first"}],
                      "issued": {"date-parts": [[1992]]}, "publisher": "Fontana Press"}]
        return httpx.Response(200, json={"status": "ok", "message-type": "work-list", "message": {
            "total-results": len(items), "items": items, "items-per-page": 5}})
    return httpx.Response(200, json={"numFound": 0, "start": 0, "docs": []})


def online_options() -> dict:
    import httpx

    return {"transport": httpx.MockTransport(fake_services), "use_cache": False, "sleep": lambda seconds: None}


def test_the_online_check_runs_only_when_asked_and_shows_its_progress_and_results() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from haliref.web.app import create_app

    asked: list[str] = []

    def counting(request):
        asked.append(str(request.url))
        return fake_services(request)

    import httpx

    options = {**online_options(), "transport": httpx.MockTransport(counting)}
    with TestClient(create_app(token=TOKEN, online=options), base_url=BASE) as test_client:
        plain = read(test_client, text=TEXT)
        assert asked == [] and plain["online"] == "" and all(not w["checks"] for w in plain["works"].values())
        response = test_client.post("/api/read", json={"text": TEXT, "stream": True, "online": True}, headers=HEADERS)
    items = [json.loads(line) for line in response.text.splitlines()]
    checks = [item["progress"] for item in items[:-1] if item["progress"]["stage"] == "check"]
    total = checks[0]["total"]
    assert total == len(asked) > 33 and checks[-1] == {"stage": "check", "done": total, "total": total}
    view = items[-1]["view"]
    assert view["online"].startswith("Crossref 1 matched")
    pipes = view["works"]["pipes1992russian"]["checks"]
    assert {"source": "Crossref", "status": "matched", "doi": "10.5555/pipes"}.items() <= pipes[0].items()
    assert all(w["checks"] for w in view["works"].values())
