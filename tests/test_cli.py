"""The command line: outputs, determinism, and one-line errors with a non-zero exit."""

import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest

from haliref.cli import main

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"
OTHER = Path(__file__).parent / "data" / "springer-new-layout.txt"


def run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("command", ["bib", "csl", "ris", "parse", "check", "render"])
def test_each_output_command_writes_atomically_and_identically(command, tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run([command, str(OTHER), "-o", str(first)], capsys)[0] == 0
    assert run([command, str(OTHER), "-o", str(second)], capsys)[0] == 0
    assert first.read_bytes() == second.read_bytes() and first.stat().st_size > 0


def test_bib_loads_back_without_failed_blocks(tmp_path, capsys):
    out = tmp_path / "out.bib"
    run(["bib", str(OTHER), "-o", str(out)], capsys)
    library = bibtexparser.parse_string(out.read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == [
        "nora1984lieux", "halbwachs1950memoire", "winter1995sites", "koselleck1979vergangene"
    ]


def test_parse_json_has_the_documented_model(capsys):
    code, out, _ = run(["parse", str(OTHER), "--json"], capsys)
    model = json.loads(out)
    assert code == 0 and set(model) >= {"notes", "works", "dropped"}
    note = model["notes"][1]
    assert note["number"] == 2 and note["list_items"] == [2]
    citation = note["citations"][0]
    assert citation == {
        "work": "halbwachs1950memoire", "prefix": "", "locator": "pp. 35–8", "suffix": "",
        "short_form": False, "parenthetical": False, "named": False, "text": citation["text"],
        "start": citation["start"], "end": citation["end"], "sentence": "", "spans": citation["spans"],
    }
    source = OTHER.read_text(encoding="utf-8")
    assert source[citation["start"] : citation["end"]] == citation["text"]
    assert citation["text"].startswith("Maurice Halbwachs")
    work = model["works"][1]
    assert set(work) == {"id", "csl", "corrections", "flags"}
    assert work["csl"]["publisher"] == "Presses Universitaires de France"
    assert model["works"][0]["csl"]["language"] == "fr"  # Les Lieux de mémoire


def test_no_corrections_and_undo(capsys):
    _, raw, _ = run(["csl", str(SEED), "--no-corrections"], capsys)
    _, fixed, _ = run(["csl", str(SEED)], capsys)
    _, undone, _ = run(["csl", str(SEED), "--undo", "publisher-fuzzy"], capsys)
    assert "Grosset & Dunlop" in raw and "Grosset & Dunlop" not in fixed
    assert "Grosset & Dunlop" in undone and "1899–1919" in undone


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the input is empty"),
        (b"\x00\x01\x02binary\x00" * 20, "binary"),
        (b"just some words\nwithout any reference at all\n", "no references found"),
    ],
)
def test_bad_input_gives_one_line_and_exit_1(tmp_path, content, message, capsys):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    code, out, err = run(["bib", str(path)], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("haliref: error:")


def test_missing_path_and_overwriting_the_input(tmp_path, capsys):
    code, _, err = run(["bib", str(tmp_path / "missing.txt")], capsys)
    assert code == 1 and "no such file" in err
    copy = tmp_path / "list.txt"
    copy.write_bytes(OTHER.read_bytes())
    code, _, err = run(["bib", str(copy), "-o", str(copy)], capsys)
    assert code == 1 and "overwrite the input" in err
    assert copy.read_bytes() == OTHER.read_bytes()


def test_non_utf8_input_is_decoded_with_a_warning(tmp_path, capsys):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("1. Pierre Nora, Les Lieux de mémoire (Paris: Gallimard, 1984) p. 17.\n"
                     "2. Jay Winter, Sites of Memory (Cambridge: Cambridge University Press, 1995).\n".encode("cp1252"))
    code, out, err = run(["csl", str(path)], capsys)
    assert code == 0 and "mémoire" in out and "cp1252" in err


def test_console_entry_point_prints_no_traceback(tmp_path):
    missing = tmp_path / "missing.txt"
    result = subprocess.run(
        [sys.executable, "-m", "haliref.cli", "bib", str(missing)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.strip().startswith("haliref: error:")


def test_offline_cache_only_never_goes_online_and_marks_misses(tmp_path, capsys):
    code, out, _ = run(
        ["parse", str(OTHER), "--json", "--offline-cache-only", "--cache", str(tmp_path / "cache.sqlite3")], capsys
    )
    works = json.loads(out)["works"]
    assert code == 0
    assert {check["status"] for work in works for check in work["checks"]} == {"not in cache"}


def test_check_reports_flags_in_every_format(tmp_path, capsys):
    code, out, _ = run(["check", str(SEED), "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 0
    codes = set(report["summary"]["flags_by_code"])
    assert {"variant-citation", "short-form-unresolved"} <= codes
    code, out, _ = run(["check", str(SEED)], capsys)
    assert code == 0 and "missing notes: 2–4, 8, 10" in out and "\x1b[" not in out
    page = tmp_path / "report.html"
    assert run(["check", str(SEED), "--format", "html", "-o", str(page)], capsys)[0] == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
