"""The public API: its __all__, the README's library example, CSL-JSON in, exporters taking a Document."""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import subprocess
import sys

import pytest
from paths import ROOT_DIR

import haliref

SEED = ROOT_DIR / "seeds" / "halliday-1999-export-of-revolution.txt"


def test_all_is_the_documented_api():
    assert sorted(haliref.__all__) == sorted([
        "Citation", "Correction", "CslJsonError", "Document", "Dropped", "Flag", "Note", "Work", "__version__",
        "check_online", "flag_document", "parse_text", "read_csl_json", "to_bibtex", "to_chicago", "to_csl_json",
        "to_ris",
    ])
    for name in haliref.__all__:
        assert getattr(haliref, name) is not None, name
    with pytest.raises(AttributeError):
        haliref.not_a_name  # noqa: B018


def test_readme_library_example_runs(tmp_path):
    """The README's "Use as a library" block, run as it is written (no network: a mock transport)."""
    readme = (ROOT_DIR / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Use as a library", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    script = tmp_path / "example.py"
    script.write_text(block, encoding="utf-8")
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT_DIR)
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(str(script), run_name="__main__")
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    assert lines[0] == "29 33"
    assert lines[1] == "pipes1992russian The Russian Revolution 1899–1919"
    assert lines[-1] == "not found"
    assert lines[-2].startswith("Behbehani, Hashim. China and the People’s Democratic Republic of Yemen")


@pytest.fixture(scope="module")
def document():
    return haliref.parse_text(SEED.read_text(encoding="utf-8"), today_year=2026)


def test_exporters_take_a_document_with_its_locators(document):
    works_only = haliref.to_bibtex(document.works, locators=document.cited_locators())
    assert haliref.to_bibtex(document) == works_only
    assert "annotation = {Cited: " in works_only
    classic = haliref.to_bibtex(document, dialect="bibtex")
    assert "annote = {Cited: " in classic and "  year = {" in classic
    assert haliref.to_ris(document) == haliref.to_ris(document.works, locators=document.cited_locators())
    assert haliref.to_csl_json(document) == haliref.to_csl_json(document.works)


def test_csl_json_round_trip_keeps_every_field(document):
    items = haliref.read_csl_json(haliref.to_csl_json(document))
    assert [w.id for w in items.works] == [w.id for w in document.works]
    # every field comes back, with the exported CMOS 14.29-14.31 short title
    from haliref.normalize.titles import with_short_title
    assert [w.csl for w in items.works] == [
        with_short_title({k: v for k, v in w.csl.items() if v is not None}) for w in document.works]
    assert haliref.to_bibtex(items) == haliref.to_bibtex(document.works)
    assert len(items.notes) == len(items.works)


ZOTERO = [
    {"id": "http://zotero.org/users/1/items/ABC", "type": "book", "title": "The Guerrillas in Power",
     "author": [{"family": "Karol", "given": "K. S."}], "issued": {"date-parts": [[1970]]},
     "publisher": "Hill and Wang", "publisher-place": "New York"},
    {"id": "x2", "type": "article-journal", "title": "Internationalism in Practice",
     "author": [{"family": "Roe", "given": "Ann"}], "issued": {"date-parts": [[1999]]},
     "container-title": "Review of International Studies", "volume": "25", "page": "1-20"},
]


def test_zotero_export_renders_in_chicago():
    items = haliref.read_csl_json(json.dumps(ZOTERO))
    assert [w.id for w in items.works] == ["karol1970guerrillas", "roe1999internationalism"]
    bibliography = haliref.to_chicago(items, what="bibliography")
    assert "Karol, K. S. The Guerrillas in Power. New York: Hill and Wang, 1970." in bibliography
    notes = haliref.to_chicago(items, what="notes")
    assert "1. K. S. Karol, The Guerrillas in Power (New York: Hill and Wang, 1970)." in notes


@pytest.mark.parametrize("text, message", [
    ("[]", "non-empty list of items"),
    ("[1, 2]", "item 1 is not an object"),
    ('[{"type": 3}]', "type that is not a string"),
    ("[{", "not valid JSON"),
])
def test_bad_csl_json_says_why(text, message):
    with pytest.raises(haliref.CslJsonError, match=message):
        haliref.read_csl_json(text)


def test_command_line_reads_csl_json(tmp_path):
    items = tmp_path / "items.json"
    items.write_text(json.dumps(ZOTERO), encoding="utf-8")
    run = [sys.executable, "-m", "haliref.cli"]
    rendered = subprocess.run([*run, "render", str(items), "--what", "bibliography"],
                              capture_output=True, text=True, check=True)
    assert "Karol, K. S. The Guerrillas in Power" in rendered.stdout
    bib = subprocess.run([*run, "bib", str(items)], capture_output=True, text=True, check=True)
    assert bib.stdout == haliref.to_bibtex(haliref.read_csl_json(json.dumps(ZOTERO)))
    wrapped = tmp_path / "wrapped.json"  # {"items": [...]}, as some exporters write it
    wrapped.write_text(json.dumps({"items": ZOTERO}), encoding="utf-8")
    ris = subprocess.run([*run, "ris", str(wrapped)], capture_output=True, text=True, check=True)
    assert ris.stdout == haliref.to_ris(haliref.read_csl_json(json.dumps(ZOTERO)))
    assert ris.stdout.count("ER  -") == 2 and "TI  - The Guerrillas in Power" in ris.stdout
    broken = tmp_path / "broken.json"
    broken.write_text("[1]", encoding="utf-8")
    failed = subprocess.run([*run, "bib", str(broken)], capture_output=True, text=True)
    assert failed.returncode != 0
    assert failed.stderr.strip().count("\n") == 0 and "item 1 is not an object" in failed.stderr
