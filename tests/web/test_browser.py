"""The page in a real headless Chromium (Selenium + chromium-driver), on a live local server.

Skipped, with one line saying why, when selenium, chromium or chromedriver is missing.
A screenshot of the page is kept under pytest's tmp dir (``page.png``).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from browser import start_chromium

from haliref.cli import main

ROOT = Path(__file__).parent.parent.parent
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"
HOSTILE = '1. <script>alert("x")</script> <img src=x onerror=alert(1)>, "&amp; Title" (London: Verso, 1990).\n'


def _fake_services(request: httpx.Request) -> httpx.Response:
    """Crossref and Open Library for the page's online check (never the network): nothing found but one book."""
    if request.url.host != "api.crossref.org":
        return httpx.Response(200, json={"numFound": 0, "start": 0, "docs": []})
    items = []
    if "Russian Revolution" in request.url.params.get("query.bibliographic", ""):
        items = [{"DOI": "10.5555/pipes", "type": "book", "score": 60.0, "title": ["The Russian Revolution"],
                  "author": [{"given": "Richard", "family": "Pipes", "sequence": "first"}],
                  "issued": {"date-parts": [[1992]]}, "publisher": "Fontana Press"}]
    return httpx.Response(200, json={"status": "ok", "message-type": "work-list",
                                     "message": {"total-results": len(items), "items": items, "items-per-page": 5}})


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from haliref.web.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    online = {"transport": httpx.MockTransport(_fake_services), "use_cache": False, "sleep": lambda seconds: None}
    config = uvicorn.Config(create_app(online=online), log_level="warning", access_log=False)
    live = uvicorn.Server(config)
    thread = threading.Thread(target=live.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not live.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert live.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        live.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    driver, profile = start_chromium("1400,1800", downloads)
    try:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait(driver, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d))


def _paste(driver, url: str, text: str) -> float:
    """Load the page, paste ``text``, press Read; the seconds until the notes are drawn."""
    from selenium.webdriver.common.by import By

    driver.get(url)
    area = driver.find_element(By.ID, "paste")
    driver.execute_script("arguments[0].value = arguments[1];", area, text)
    driver.execute_script("document.getElementById('notes').replaceChildren();")
    started = time.monotonic()
    driver.find_element(By.ID, "read").click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "section.note") or not d.find_element(By.ID, "message")
          .get_attribute("hidden"))
    return time.monotonic() - started


def _severe(driver) -> list:
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def _count(driver, selector: str) -> int:
    from selenium.webdriver.common.by import By

    return len(driver.find_elements(By.CSS_SELECTOR, selector))


def test_paste_the_bundled_list_and_see_29_notes_and_33_entries(server, browser, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    _paste(browser, server, SEED.read_text(encoding="utf-8"))  # the first paste loads the model
    seconds = _paste(browser, server, SEED.read_text(encoding="utf-8"))
    assert _count(browser, "section.note") == 29
    assert _count(browser, "div.entry") == 33
    assert _count(browser, "article.citation") == 35
    assert browser.find_element(By.CSS_SELECTOR, '#summary [data-count="entries"] b').text == "33"
    assert _count(browser, ".tok.f-author") and _count(browser, ".tok.f-title") and _count(browser, ".tok.unsure")
    assert _count(browser, "li.flag") == 9 + 2  # the works' flags and the whole list's findings
    assert _count(browser, ".corrections li") == 23  # titles keep their printed hyphens (no range-dash)
    assert "CrossRefGoogle Scholar" in browser.find_element(By.CSS_SELECTOR, 'section.note[data-note="7"] pre').text
    assert seconds < 5, f"the bundled list took {seconds:.1f} s to show"
    browser.save_screenshot(str(tmp_path / "page.png"))
    assert (tmp_path / "page.png").stat().st_size > 10_000
    assert _severe(browser) == []


def test_undo_a_correction_and_redo_it(server, browser) -> None:
    from selenium.webdriver.common.by import By

    _paste(browser, server, SEED.read_text(encoding="utf-8"))
    before = _count(browser, ".corrections li")
    pipes = browser.find_element(By.CSS_SELECTOR, 'div.entry[data-work="pipes1992russian"]')
    assert "1899–1919" in pipes.text
    pipes.find_element(By.CSS_SELECTOR, 'li[data-rule="dash-repair"] button.switch').click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, '#undone p[data-rule="dash-repair"]'))
    pipes = browser.find_element(By.CSS_SELECTOR, 'div.entry[data-work="pipes1992russian"]')
    assert "1899’1919" in pipes.text and _count(browser, ".corrections li") < before
    browser.find_element(By.CSS_SELECTOR, '#undone p[data-rule="dash-repair"] button.switch').click()
    _wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, "#undone p"))
    assert _count(browser, ".corrections li") == before


def test_relabel_tokens_and_see_the_entry_change(server, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _paste(browser, server, SEED.read_text(encoding="utf-8"))
    citation = browser.find_element(By.CSS_SELECTOR, 'article.citation[data-work^="armstrong1993"]')
    words = citation.find_elements(By.CSS_SELECTOR, ".tok")
    world = next(w for w in words if w.text == "World")
    order = next(w for w in words if w.text == "Order")
    world.click()
    order.send_keys(" ")  # from the keyboard: Space selects, "f" goes to the field
    order.send_keys("f")
    assert browser.find_element(By.ID, "relabel").is_displayed()
    assert browser.switch_to.active_element.get_attribute("id") == "relabel-field"
    Select(browser.find_element(By.ID, "relabel-field")).select_by_value("container-title")
    browser.find_element(By.ID, "relabel-apply").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".relabelled-mark"))
    entry = browser.find_element(By.CSS_SELECTOR, 'article.citation[data-work^="armstrong1993"] div.entry')
    assert "Title\nRevolution and\n" in entry.text and "In\nWorld Order\n" in entry.text
    assert not browser.find_element(By.ID, "examples").get_attribute("disabled")
    browser.find_element(By.CSS_SELECTOR, "button.reset").click()
    _wait(browser, lambda d: not d.find_elements(By.CSS_SELECTOR, ".relabelled-mark"))


def test_the_downloaded_bib_is_haliref_bibs_bytes(server, browser, downloads, capsys) -> None:
    from selenium.webdriver.common.by import By

    _paste(browser, server, SEED.read_text(encoding="utf-8"))
    target = downloads / "references.bib"
    target.unlink(missing_ok=True)
    browser.find_element(By.CSS_SELECTOR, '#downloads button[data-kind="bib"]').click()
    _wait(browser, lambda d: target.exists() and target.stat().st_size > 0, timeout=20)
    time.sleep(0.2)  # Chromium renames the finished download into place
    assert main(["bib", str(SEED)]) == 0
    assert target.read_bytes() == capsys.readouterr().out.encode("utf-8")


def test_hostile_text_is_shown_as_text(server, browser) -> None:
    from selenium.webdriver.common.by import By

    _paste(browser, server, HOSTILE)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert '<script>alert("x")</script>' in body and "<img src=x onerror=alert(1)>" in body
    assert browser.execute_script("return document.querySelectorAll('#notes script, #notes img').length") == 0
    assert browser.execute_script("return document.scripts.length") == 1  # the page's own


def test_an_input_past_the_limit_gets_a_message(server, browser) -> None:
    from selenium.webdriver.common.by import By

    _paste(browser, server, "x" * 8_000_001)
    message = browser.find_element(By.ID, "message")
    assert message.is_displayed() and "at most 8,000,000 bytes" in message.text


def test_join_two_citations_then_split_them_from_the_keyboard(server, browser) -> None:
    from selenium.webdriver.common.by import By

    _paste(browser, server, SEED.read_text(encoding="utf-8"))
    note = 'section.note[data-note="9"] article.citation'
    assert _count(browser, note) == 2
    browser.find_element(By.CSS_SELECTOR, note + " button.join").send_keys("\n")  # Enter on the focused button
    _wait(browser, lambda d: _count(d, note) == 1)
    assert browser.find_element(By.CSS_SELECTOR, '#summary [data-count="entries"] b').text == "32"
    assert _count(browser, '#edits p[data-op="join"]') == 1
    fred = next(w for w in browser.find_elements(By.CSS_SELECTOR, note + " .tok") if w.text == "Fred")
    fred.send_keys(" ")  # Space selects the word, "s" splits the citation before it
    fred.send_keys("s")
    _wait(browser, lambda d: _count(d, note) == 2)
    assert browser.find_element(By.CSS_SELECTOR, '#summary [data-count="entries"] b').text == "33"
    assert _count(browser, 'div.entry[data-work="halliday1990revolution"]') == 1
    browser.find_element(By.CSS_SELECTOR, '#edits p[data-op="split"] button').click()  # undo the split
    _wait(browser, lambda d: _count(d, note) == 1)
    assert _severe(browser) == []


def test_mark_words_as_prose_from_the_keyboard(server, browser) -> None:
    from selenium.webdriver.common.by import By

    _paste(browser, server, SEED.read_text(encoding="utf-8"))
    first = 'section.note[data-note="1"] article.citation'
    words = browser.find_elements(By.CSS_SELECTOR, first + " .tok")
    assert [w.text for w in words[:2]] == ["Richard", "Pipes,"]
    words[0].send_keys(" ")
    words[1].send_keys(" ")
    words[1].send_keys("p")
    _wait(browser, lambda d: _count(d, '#edits p[data-op="prose"]'))
    citation = browser.find_element(By.CSS_SELECTOR, first)
    assert citation.find_element(By.CSS_SELECTOR, "p.ctx").text == "Richard Pipes,"
    assert "Richard" not in [w.text for w in citation.find_elements(By.CSS_SELECTOR, ".tok")]
    assert not browser.find_element(By.ID, "edits-download").get_attribute("disabled")


def test_a_long_paste_shows_how_far_the_reading_has_got(server, browser) -> None:
    from selenium.webdriver.common.by import By

    lines = SEED.read_text(encoding="utf-8").splitlines()
    browser.get(server)
    area = browser.find_element(By.ID, "paste")
    browser.execute_script("arguments[0].value = arguments[1];", area, "\n".join(lines * 6))
    browser.execute_script("""
        window.seen = [];
        new MutationObserver(() => window.seen.push([document.getElementById('busytext').textContent,
            document.getElementById('progress').getAttribute('value')]))
          .observe(document.getElementById('busy'), {subtree: true, childList: true, characterData: true,
                                                     attributes: true});""")
    browser.find_element(By.ID, "read").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "section.note"), timeout=60)
    seen = browser.execute_script("return window.seen")
    texts = [text for text, _ in seen]
    assert any(t.startswith("reading the page's lines ") and " / " in t for t in texts), texts[:5]
    assert any(t.startswith("reading notes ") and " / " in t for t in texts), texts[-5:]
    assert any(value not in (None, "0") for _, value in seen)  # the bar fills, not an endless spinner


def test_the_online_check_asked_for_on_the_page_shows_its_progress_and_results(server, browser) -> None:
    from selenium.webdriver.common.by import By

    _paste(browser, server, SEED.read_text(encoding="utf-8"))
    assert not browser.find_elements(By.ID, "online-summary") and not _count(browser, "li.check")
    browser.execute_script("""
        window.seen = [];
        new MutationObserver(() => window.seen.push(document.getElementById('busytext').textContent))
          .observe(document.getElementById('busy'), {subtree: true, childList: true, characterData: true});""")
    online = browser.find_element(By.ID, "online")
    online.send_keys(" ")  # from the keyboard: Space ticks the box, and the list is read again, checked
    _wait(browser, lambda d: d.find_elements(By.ID, "online-summary"), timeout=60)
    assert browser.find_element(By.ID, "online-summary").text.startswith("Online check: Crossref 1 matched")
    assert any(text.startswith("checking online ") and " / " in text for text in browser.execute_script(
        "return window.seen"))
    pipes = browser.find_element(By.CSS_SELECTOR, 'div.entry[data-work="pipes1992russian"] li.check.matched')
    assert "Crossref: matched" in pipes.text and "10.5555/pipes" in pipes.text
    assert _count(browser, "div.entry li.check") >= 33
    online.send_keys(" ")
    _wait(browser, lambda d: not d.find_elements(By.ID, "online-summary"))
