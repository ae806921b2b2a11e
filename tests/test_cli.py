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


# --------------------------------------------------------------------------- issue 17.6 and 17.7
def test_undo_refuses_an_unknown_rule_in_one_line(tmp_path, capsys):
    for args in (["csl", str(SEED)], ["bib", str(SEED), str(OTHER), "-o", str(tmp_path / "out")]):
        code, out, err = run([*args, "--undo", "publisher-fuzzy", "--undo", "nonsense-rule"], capsys)
        assert code == 1 and out == ""
        assert err == "haliref: error: --undo nonsense-rule: no such rule ('haliref rules' lists the rule names)\n"
    code, _, err = run(["csl", str(SEED), "--undo", "merge-fill-from-repeat"], capsys)
    assert code == 1 and "not undone by --undo" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_rules_lists_every_rule_undo_takes_and_the_data_file_matches_the_code(capsys):
    from haliref.cli import undoable_rules
    from haliref.report import rule_descriptions

    code, out, _ = run(["rules"], capsys)
    assert code == 0
    described = rule_descriptions()
    assert {name for name, (undo, _) in described.items() if undo} == set(undoable_rules())
    for name in undoable_rules():
        assert f"  {name}  " in out or f"  {name} " in out
        assert described[name][1] in out
        assert run(["csl", str(SEED), "--undo", name], capsys)[0] == 0  # each listed name is accepted
    # every rule a correction of the bundled list carries is described
    from haliref import parse_text

    used = {c.rule for w in parse_text(SEED.read_text(encoding="utf-8")).works for c in w.corrections}
    assert used <= set(described)


def test_haliref_alone_prints_the_help(capsys):
    code, out, err = run([], capsys)
    assert code == 0 and err == ""
    assert out.startswith("usage: haliref") and "Turn a scraped reference list" in out
    for command in ("bib", "csl", "ris", "parse", "check", "render", "rules", "train"):
        assert f"    {command} " in out


def test_every_command_and_option_has_help_text():
    import argparse

    from haliref.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        assert command.description, name
        for action in command._actions:
            assert action.help, (name, action.dest)


def test_writing_to_a_file_says_what_was_written(tmp_path, capsys):
    out = tmp_path / "out.bib"
    code, stdout, err = run(["bib", str(SEED), "-o", str(out)], capsys)
    works = len(bibtexparser.parse_string(out.read_text(encoding="utf-8")).entries)
    assert code == 0 and stdout == ""
    assert err == f"haliref: wrote {works} works as BibLaTeX to {out}\n"
    code, _, err = run(["check", str(SEED), "--format", "html", "-o", str(tmp_path / "r.html")], capsys)
    assert err.startswith("haliref: wrote the report (33 works, ") and err.endswith(f"to {tmp_path / 'r.html'}\n")
    code, stdout, err = run(["bib", str(SEED)], capsys)  # to standard output: the output only
    assert err == "" and stdout.startswith("@")


def test_bib_dialects_from_the_command_line(tmp_path, capsys):
    code, biblatex, _ = run(["bib", str(SEED)], capsys)
    assert code == 0 and "  date = {" in biblatex and "  year = {" not in biblatex
    assert run(["bib", str(SEED), "--dialect", "biblatex"], capsys)[1] == biblatex
    out = tmp_path / "classic.bib"
    code, _, err = run(["bib", str(SEED), "--dialect", "bibtex", "-o", str(out)], capsys)
    classic = out.read_text(encoding="utf-8")
    assert code == 0 and err == f"haliref: wrote 33 works as BibTeX to {out}\n"
    assert "  year = {" in classic and "  date = {" not in classic and "  address = {" in classic
    assert "edition = {Second}" in classic and "annote = {Cited: " in classic
    # several inputs: the merged file in the dialect asked for
    merged = tmp_path / "merged.bib"
    code, _, _ = run(["bib", str(SEED), str(SEED), "--dialect", "bibtex", "-o", str(merged)], capsys)
    assert code == 0 and "  address = {" in merged.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as refused:
        main(["bib", str(SEED), "--dialect", "bibtex8"])
    err = capsys.readouterr().err
    assert refused.value.code == 2 and "invalid choice: 'bibtex8'" in err and "Traceback" not in err


def test_the_readme_command_table_matches_the_help():
    import argparse
    import re

    from haliref.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| command | what it does") :].split("\n\n")[0]
    rows = re.findall(r"^\| `haliref (\w+)[^`]*` \| (.+) \|$", table, flags=re.M)
    assert [name for name, _ in rows] == list(commands.choices)
    helps = {action.dest: action.help for action in commands._choices_actions}
    assert dict(rows) == helps  # word for word what "haliref --help" lists


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["frob"], "invalid choice: 'frob'"),
        (["bib"], "the following arguments are required: input (see haliref bib --help)"),
        (["bib", "x.txt", "--bogus"], "unrecognized arguments: --bogus (see haliref --help)"),
        (["render", "x.txt", "--style", "nope"], "argument --style: invalid choice: 'nope'"),
        (["bib", "x.txt", "--timeout", "-3"], "argument --timeout: must be more than 0 seconds"),
    ],
)
def test_a_usage_error_is_one_line_and_a_non_zero_exit(args, says, capsys):
    with pytest.raises(SystemExit) as exited:
        main(args)
    out, err = capsys.readouterr()
    assert exited.value.code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("haliref: error: ") and says in err
    assert "usage:" not in err
