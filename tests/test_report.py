"""The report: JSON shape, the terminal table, HTML escaping, and the page in a real headless browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser import start_chromium

from haliref import Citation, Correction, Document, Dropped, Flag, Note, Work
from haliref.check.codes import flag_title
from haliref.check.flags import flag_document
from haliref.report import correction_in_words, entry_fields, report_html, report_json, report_text

SOURCE = """Notes
1. E. P. Thompson, The Making of the English Working Class (London: Gollancz, 1963) p. 12.Google Scholar
4. Raymond Williams, <script>alert(1)</script> & "Culture" (Lndon: Chatto & Windus, 1958)
5. Ibid., p. 9.
"""


def sample() -> Document:
    works = [
        Work(
            id="thompson1963making",
            csl={
                "type": "book",
                "author": [{"family": "Thompson", "given": "E. P."}],
                "title": "The Making of the English Working Class",
                "publisher-place": "London",
                "publisher": "Victor Gollancz",
                "issued": {"date-parts": [[1963]]},
            },
            corrections=[Correction("publisher", "Gollancz", "Victor Gollancz", "publisher-abbreviation", 0.9)],
        ),
        Work(
            id="williams1958script",
            csl={
                "type": "book",
                "author": [{"family": "Williams", "given": "Raymond"}],
                "title": '<script>alert(1)</script> & "Culture"',
                "publisher-place": "Lndon",
                "publisher": "Chatto & Windus",
                "issued": {"date-parts": [[1958]]},
            },
            flags=[Flag("place-suspect", "publisher-place", "close to known place 'London' but not corrected",
                        "'Lndon' ~ 'London' <b>bold</b>")],
        ),
    ]
    notes = [
        Note(1, [1], "E. P. Thompson, The Making of the English Working Class (London: Gollancz, 1963) p. 12.",
             lines=[2], citations=[Citation("thompson1963making", "E. P. Thompson, …", locator="p. 12")]),
        Note(4, [2], 'Raymond Williams, <script>alert(1)</script> & "Culture" (Lndon: Chatto & Windus, 1958)',
             lines=[3], citations=[Citation("williams1958script", "Raymond Williams, …")]),
        Note(5, [3], "Ibid., p. 9.", lines=[4], citations=[Citation("williams1958script", "Ibid.", locator="p. 9")]),
    ]
    document = Document(notes=notes, works=works, dropped=[Dropped(1, "Notes", "before the list")])
    return flag_document(document, today_year=2024)


# --------------------------------------------------------------------------- JSON
def test_json_shape() -> None:
    data = json.loads(report_json(sample()))
    assert set(data) >= {"haliref", "summary", "findings", "entries", "notes", "dropped", "codes"}
    summary = data["summary"]
    assert summary["notes"] == 3 and summary["citations"] == 3 and summary["works"] == 2
    assert summary["missing_notes"] == [2, 3] and summary["missing_notes_text"] == "2–3"
    assert summary["flags"] == sum(len(e["flags"]) for e in data["entries"])
    assert summary["flags_by_code"]["place-suspect"] == 1
    assert [e["id"] for e in data["entries"]] == ["thompson1963making", "williams1958script"]
    entry = data["entries"][1]
    assert entry["notes"] == ["4", "5"]
    assert set(entry) >= {"id", "type", "notes", "csl", "corrections", "flags"}
    assert {"code", "severity", "field", "reason", "evidence"} <= set(entry["flags"][0])
    assert data["entries"][0]["corrections"][0]["rule"] == "publisher-abbreviation"
    assert data["findings"][0]["code"] == "note-gaps"
    assert data["codes"]["place-suspect"]["severity"] == "warning"


# --------------------------------------------------------------------------- text
def test_text_table_has_every_flag_and_no_colour_when_not_asked() -> None:
    document = sample()
    out = report_text(document, color=False)
    assert "\x1b[" not in out
    assert "3 notes, 3 citations, 2 works" in out
    assert "missing notes: 2–3" in out
    flags = [f for w in document.works for f in w.flags] + document.findings
    assert flags
    for flag in flags:  # named in words; the code is for JSON
        assert flag_title(flag.code) in out and flag.code not in out
    assert "williams1958script" in out and "(whole list)" in out
    wide = report_text(document, color=False, width=400)
    for flag in flags:  # wide enough not to fold: every reason and evidence verbatim
        assert flag.reason in wide and flag.evidence in wide
    assert "'Lndon' ~ 'London' <b>bold</b>" in wide


def test_text_colour_when_asked() -> None:
    out = report_text(sample(), color=True)
    assert "\x1b[" in out


def test_text_with_no_flags() -> None:
    document = Document(notes=[], works=[], dropped=[])
    assert "no flags" in report_text(document, color=False)


# --------------------------------------------------------------------------- HTML
def test_html_is_escaped_and_self_contained() -> None:
    page = report_html(sample(), SOURCE)
    assert "<script" not in page.replace("&lt;script", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Culture&quot;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "http://" not in page and "https://" not in page
    assert page.count("<style>") == 1
    assert "Content-Security-Policy" in page


def test_html_shows_summary_notes_corrections_and_flags() -> None:
    page = report_html(sample(), SOURCE)
    assert "Missing note numbers: 2–3" in page
    assert "p. 12.Google Scholar" in page  # the note as scraped
    assert "the publisher “Gollancz” now reads “Victor Gollancz”" in page
    assert "an abbreviated publisher is written out" in page and "90%" in page
    assert "<code>--undo publisher-abbreviation</code>" in page
    assert 'data-code="place-suspect"' in page and 'data-code="note-gaps"' in page
    assert "place may be misspelt" in page and "notes missing" in page
    assert page.count('data-work="williams1958script"') == 2
    assert 'id="work-williams1958script"' in page
    assert entry_fields({"author": [{"family": "Thompson", "given": "E. P."}]}) == [("Author", "Thompson, E. P.")]


# --------------------------------------------------------------------------- a real browser
def _browser():
    return start_chromium("1280,1600")


@pytest.fixture()
def browser():
    driver, profile = _browser()
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_html_in_a_headless_browser(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    document = sample()
    page = tmp_path / "report.html"
    page.write_text(report_html(document, SOURCE), encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.title.startswith("haliref report")
    # no script ran: the title with <script> stayed text
    assert browser.execute_script("return document.scripts.length") == 0
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>alert(1)</script>" in body
    assert "Missing note numbers: 2–3" in body
    for work in document.works:
        element = browser.find_element(By.ID, f"work-{work.id}")
        assert element.is_displayed() and work.id in element.text
        for flag in work.flags:
            assert flag_title(flag.code) in element.text
    for note in document.notes:
        assert browser.find_elements(By.CSS_SELECTOR, f'section.note[data-note="{note.number}"]')
    severe = [entry for entry in browser.get_log("browser") if entry.get("level") == "SEVERE"]
    assert severe == [], severe


# --------------------------------------------------------------------------- issue 17: words a historian reads
BUNDLED = Path(__file__).parent.parent / "seeds" / "halliday-1999-export-of-revolution.txt"


@pytest.fixture(scope="module")
def bundled() -> Document:
    """The bundled list read with the list labeller alone (as ``--model parser.crfsuite`` reads it): its slips
    in the notes, which the notes labeller does not make, give the report boundary corrections to say."""
    from haliref import parse_text
    from haliref.parse.tagger import Tagger
    from haliref.resources import model_path

    list_labeller = Tagger(model_path("parser.crfsuite"))
    return parse_text(BUNDLED.read_text(encoding="utf-8"), today_year=2026, tagger=list_labeller)


def _visible(page: str) -> str:
    """The page's text as a reader sees it: no tags, no attributes, no style sheet."""
    import html
    import re

    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_corrections_are_said_in_words(bundled: Document) -> None:
    """17.2: no "Gabriel/title García/title Marquez,/title → Gabriel/author …"."""
    author = "the author is “Gabriel García Marquez”, not part of the title"
    said = [correction_in_words(c) for w in bundled.works for c in w.corrections]
    assert author in said
    assert "the place of publication is “Ann Arbor”, not part of the title" in said
    assert "the family name is “García Marquez”, not “Marquez” (given name “Gabriel”)" in said
    assert not [s for s in said if "/title" in s or "/author" in s or "|" in s]
    page = report_html(bundled, BUNDLED.read_text(encoding="utf-8"))
    assert author in page.replace("&#x27;", "'") and "/title" not in _visible(page)
    data = json.loads(report_json(bundled))
    words = [c["in_words"] for e in data["entries"] for c in e["corrections"]]
    assert author in words and len(words) == 26  # "Le Viet-minh" known as French (issue 16); no range-dash on titles
    assert all(c["rule"] and c["why"] for e in data["entries"] for c in e["corrections"])


def test_the_text_report_lists_every_correction(bundled: Document) -> None:
    """17.3: the headline counts 26 corrections, and the text report shows them."""
    out = report_text(bundled, color=False, width=400)
    assert "26 corrections" in out and "corrections (26):" in out
    for work in bundled.works:
        for correction in work.corrections:
            assert correction_in_words(correction) in out
    assert "to undo: --undo author-boundary" in out


def test_the_html_legend_has_no_unfilled_placeholder(bundled: Document) -> None:
    """17.4: no ‹field›, ‹confidence›, ‹detail›… in the table of flags."""
    page = report_html(bundled, BUNDLED.read_text(encoding="utf-8"))
    assert "‹" not in page and "›" not in page
    assert "a chapter of an edited book has no author of its own" in page  # the legend's own words


def test_plain_words_in_text_and_html_codes_in_json(bundled: Document) -> None:
    """17.5: no "parse-uncertain", "page furniture", "container-title", "fr" where a person reads."""
    jargon = ("parse-uncertain", "page furniture", "container-title", "publisher-place", "link noise",
              "article-journal", "note-gaps", "dropped-noise")
    seen = {
        "text": report_text(bundled, color=False, width=400),
        "html": _visible(report_html(bundled, BUNDLED.read_text(encoding="utf-8"))),
    }
    for name, text in seen.items():
        for term in jargon:
            assert term not in text, (name, term)
    assert "the reading may be wrong" in seen["text"] and "web page text" in seen["text"]
    assert "Language French" in " ".join(seen["html"].split())
    assert "Type chapter in a book" in " ".join(seen["html"].split())
    data = json.loads(report_json(bundled))
    assert "parse-uncertain" in data["summary"]["flags_by_code"]
    assert any(e["csl"].get("language") == "fr" for e in data["entries"])
    assert data["codes"]["parse-uncertain"]["title"] == "the reading may be wrong"
