"""Hostile inputs (small sizes; the big ones are in benchmarks/) and hostile file situations."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import bibtexparser
import pytest

from haliref import parse_text, to_bibtex, to_csl_json, to_ris
from haliref.cli import main
from haliref.render.chicago import render

ENTRY = "Ann Roe, Life and Times (London: Faber, 1990), 12."
SPECIALS = "{ } % # \\ ~ ^ $ & _"


def _lines_accounted(text, document):
    seen = {line for note in document.notes for line in note.lines} | {d.line for d in document.dropped}
    return seen == set(range(1, len(text.splitlines()) + 1))


def _bib_ok(document):
    bib = to_bibtex(document.works)
    library = bibtexparser.parse_string(bib)
    assert library.failed_blocks == []
    assert len(library.entries) == len(document.works)
    return bib


HOSTILE = {
    "nested parentheses": "1. Ann Roe, " + "(" * 300 + "Life" + ")" * 300 + " (London, 1990).",
    "unbalanced brackets": "1. Ann Roe, " + "([{“«‘" * 100 + " Life (London, 1990).\n2. Ibid.",
    "closing only": "1. " + ")]}”»’" * 100 + ENTRY,
    "nested braces": "1. Ann Roe, " + "{" * 200 + "Life" + "}" * 199 + " (London, 1990).",
    "quotes": "1. " + "\"'“”‘’«»„" * 100 + ENTRY,
    "specials everywhere": "\n".join(f"{i}. " + SPECIALS.join(ENTRY.split(" ")) for i in range(1, 6)),
    "specials as names": "1. {Roe}, \\Ann, %Life% #1 (London~: Faber & $Co^, 1990), 12_3.",
    "lone backslashes": "1. Ann Roe\\, Life\\ (London: Faber\\, 1990)\\",
    "long line": "1. " + "Ann Roe, Life, " * 700 + "1990.",
    "one 20k token": "1. " + "x" * 20_000 + " (London, 1990).",
    "many markers": "\n".join("1. " + ENTRY for _ in range(300)),
    "restarting markers": "\n".join(f"{i % 3 + 1}. " + ENTRY for i in range(300)),
    "link words": "1. " + ENTRY + " " + "CrossRef Google Scholar " * 300 + "\n2. " + "[CrossRef]" * 300,
    "space runs": "1. Ann Roe," + " \u00a0\u200b" * 3000 + "Life, 1990.\n2. Ibid.," + "\u00a0" * 3000 + "p. 4.",
    "control characters": "1. Ann\x07 Roe,\x1b Life\x0b (London:\x0c Faber, 1990).\x7f",
    "bidi overrides": "1. \u202eAnn Roe\u202c, \u2067Life\u2069 (London, 1990).",
    "surrogate-free astral": "1. 𝔄𝔫𝔫 ℜ𝔬𝔢, 🙂 Life (London, 1990).",
    "only markers": "1.\n2.\n3.\n[4]\n5)",
    "only noise": "CrossRef\nGoogle Scholar\n[Google Scholar]\n",
    "mixed line ends": "1. Ann Roe, Life\r2. Bob Poe, Work\r\n3. Cy Doe, Book\u2028\u20294. Ibid.\x85",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_parsed_and_exported(name):
    text = HOSTILE[name]
    document = parse_text(text)
    assert _lines_accounted(text, document)
    _bib_ok(document)
    to_csl_json(document.works)
    to_ris(document.works)
    for fmt in ("text", "html", "md"):
        render(document, fmt=fmt)


INJECTIONS = [
    "\\input{/etc/passwd}",
    "\\include{/etc/shadow}",
    "\\write18{rm -rf ~}",
    "\\immediate\\write18{id}",
    "\\openout\\x=evil.tex",
    "\\catcode`\\@=11",
    "\\def\\x{y}",
    "\\csname input\\endcsname{/etc/passwd}",
    "^^5cinput{/etc/passwd}",
    "}\\input{/etc/passwd}{",
    "@misc{evil, title={x}}",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_latex_injection_is_escaped_in_the_bib(payload):
    text = f"1. Ann Roe, {payload} Life (London: Faber, 1990), 12.\n2. {payload}, Work, 1991."
    document = parse_text(text)
    bib = _bib_ok(document)
    library = bibtexparser.parse_string(bib)
    commands = {"input", "include", "write18", "write", "immediate", "openout", "catcode", "def", "csname",
                "endcsname"}
    for entry in library.entries:
        for field in entry.fields:
            value = str(field.value)
            # every backslash starts one of the exporter's own text-mode escapes
            for match in re.finditer(r"\\([A-Za-z]+|.)", value):
                assert match.group(1) not in commands, (field.key, value)
            assert "^^" not in value.replace("\\textasciicircum{}", ""), (field.key, value)
    assert len(library.entries) == len(document.works)  # "@misc{evil" did not open an entry


HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<i onmouseover=alert(1)>x</i>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "</div><script>x</script>",
    "&lt;script&gt;",
    "<svg/onload=alert(1)>",
    "<iframe src=//evil>",
    "<<script>script>",
]
ALLOWED_TAGS = {"h2", "div", "i", "b", "em", "strong", "span", "sup", "sub", "p"}


@pytest.mark.parametrize("payload", HTML_PAYLOADS)
def test_html_injection_is_escaped(payload):
    text = f"1. Ann Roe, {payload} Life (London: {payload}, 1990), 12.\n2. {payload}, Work, 1991.\n3. Ibid."
    document = parse_text(text)
    for style in ("notes-bibliography", "shortened-notes-bibliography", "author-date"):
        page = render(document, style=style, fmt="html")
        # the page's own head (doctype, charset, stylesheet) carries nothing of the input
        head, html = page.split("<body>\n", 1)
        assert payload not in head and "<script" not in head.lower()
        html = html.removesuffix("</body>\n</html>\n")
        for match in re.finditer(r"<\s*(/?)\s*([A-Za-z][\w-]*)([^>]*)>", html):
            assert match.group(2).lower() in ALLOWED_TAGS, match.group()
            assert "on" not in match.group(3).lower() or "class=" in match.group(3), match.group()
        assert "<script" not in html.lower()


# --- files ---------------------------------------------------------------------------------------

LIST = "\n".join(f"{i}. Ann Roe{i}, Life {i} (London: Faber, 1990), {i}." for i in range(1, 6)) + "\n"


def _one_line_error(capsys, code, *words):
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("haliref: error:")]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], err


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_refuses_to_overwrite_the_input(source, capsys):
    _one_line_error(capsys, main(["bib", str(source), "-o", str(source)]), "overwrite the input")
    assert source.read_text(encoding="utf-8") == LIST


def test_refuses_to_overwrite_the_input_through_a_link(source, tmp_path, capsys):
    link = tmp_path / "link.bib"
    os.symlink(source, link)
    _one_line_error(capsys, main(["bib", str(source), "-o", str(link)]), "overwrite the input")
    hard = tmp_path / "hard.bib"
    os.link(source, hard)
    _one_line_error(capsys, main(["ris", str(source), "-o", str(hard)]), "overwrite the input")
    assert source.read_text(encoding="utf-8") == LIST


def test_directory_as_output_and_missing_folder(source, tmp_path, capsys):
    _one_line_error(capsys, main(["bib", str(source), "-o", str(tmp_path)]), "directory")
    _one_line_error(capsys, main(["bib", str(source), "-o", str(tmp_path / "no" / "out.bib")]), "does not exist")
    assert sorted(os.listdir(tmp_path)) == ["in.txt"]


def test_directory_as_input(tmp_path, capsys):
    _one_line_error(capsys, main(["parse", str(tmp_path)]), "directory")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permissions")
def test_unwritable_folder(source, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        _one_line_error(capsys, main(["bib", str(source), "-o", str(locked / "out.bib")]), "cannot write")
        assert os.listdir(locked) == []
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize("where", ["fsync", "replace", "write"])
def test_full_disk_is_one_line_and_leaves_nothing(source, tmp_path, capsys, monkeypatch, where):
    out = tmp_path / "out.bib"
    out.write_text("old output", encoding="utf-8")

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "write":
        real_fdopen = os.fdopen

        class Full:  # a stream whose data never fits on the disk
            def __init__(self, stream):
                self.stream = stream

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.stream.close()

            def fileno(self):
                return self.stream.fileno()

            write = flush = no_space

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(os, where, no_space)
    code = main(["bib", str(source), "-o", str(out)])
    monkeypatch.undo()
    _one_line_error(capsys, code, "No space left on device")
    assert out.read_text(encoding="utf-8") == "old output"
    assert sorted(os.listdir(tmp_path)) == ["in.txt", "out.bib"]


def test_new_output_gets_the_ordinary_file_mode(source, tmp_path):
    out = tmp_path / "new.bib"
    umask = os.umask(0o022)
    try:
        assert main(["bib", str(source), "-o", str(out)]) == 0
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644
    existing = tmp_path / "existing.bib"
    existing.write_text("old")
    existing.chmod(0o640)
    assert main(["bib", str(source), "-o", str(existing)]) == 0
    assert existing.stat().st_mode & 0o777 == 0o640


_SLOW_CHILD = textwrap.dedent(
    """
    import os, sys, time
    real_fsync = os.fsync
    def slow_fsync(fd):
        real_fsync(fd)
        open(sys.argv[3], "w").close()   # tell the parent the temporary file is written
        time.sleep(60)
    os.fsync = slow_fsync
    from haliref.cli import main
    sys.exit(main(["bib", sys.argv[1], "-o", sys.argv[2]]))
    """
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_killed_mid_write_leaves_the_old_output(source, tmp_path, signum):
    out = tmp_path / "out.bib"
    out.write_text("old output", encoding="utf-8")
    ready = tmp_path.parent / f"ready-{tmp_path.name}"
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_CHILD, str(source), str(out), str(ready)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # a shell's background job starts with SIGINT ignored, and Python then installs no Ctrl-C
        # handler: give the child the default disposition, as a terminal would
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the child never reached the write"
            time.sleep(0.02)
        temporaries = [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]
        assert temporaries, "the temporary file should exist mid-write"
        child.send_signal(signum)
        _, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert out.read_text(encoding="utf-8") == "old output"
    assert "Traceback" not in err
    if signum != signal.SIGKILL:  # SIGKILL cannot be caught: the temporary may stay behind
        assert child.returncode == 130
        assert sorted(os.listdir(tmp_path)) == ["in.txt", "out.bib"]


# --- the segmenter cleans every line alike ------------------------------------------------------

def test_numbered_first_lines_are_cleaned_like_the_others():
    numbered = parse_text("1. Ann\u200bRoe,   Life\u00a0and Times (London, 1990).\n2. Ibid.")
    unnumbered = parse_text("Ann\u200bRoe,   Life\u00a0and Times (London, 1990).\nBob Poe, Works (Paris: Seuil, 1991).")
    assert numbered.notes[0].text == unnumbered.notes[0].text == "AnnRoe, Life and Times (London, 1990)."


# --- the prose reader: every line kept (were strict xfails until fixed) ---------------------------


def test_prose_header_title_text_is_kept():
    text = (Path(__file__).resolve().parent.parent / "seeds" / "mlq-1972-peaceful-coexistence.txt").read_text(
        encoding="utf-8"
    )
    document = parse_text(text)
    kept = " ".join(note.text for note in document.notes) + " " + " ".join(d.text for d in document.dropped)
    assert "Peaceful Coexistence and Proletarian Internationalism" in kept


def test_prose_duplicated_header_line_keeps_every_line():
    lines = (Path(__file__).resolve().parent.parent / "seeds" / "mlq-1972-peaceful-coexistence.txt").read_text(
        encoding="utf-8"
    ).splitlines()
    lines.insert(5, lines[5])  # "First Published: …" twice
    document = parse_text("\n".join(lines))
    assert _lines_accounted("\n".join(lines), document)


def test_bidirectional_controls_around_references_change_nothing():
    """Issue 19, item 12: U+2066–U+2069 (and U+200E/F, U+202A–E) wrapped around each line are invisible."""
    plain = (
        "1. Ann Roe, Life and Times (London: Verso, 1990), 4.\n2. Ibid., 5.\n3. Bob Poe, Works (Paris: Seuil, 1991).\n"
    )
    wrapped = "".join(f"\u2066{line}\u2069\n" if i % 2 else f"\u202b\u200f{line}\u202c\n"
                      for i, line in enumerate(plain.splitlines()))
    a, b = parse_text(plain), parse_text(wrapped)
    assert [(n.number, [c.work for c in n.citations]) for n in b.notes] == [(1, ["roe1990life"]), (2, ["roe1990life"]),
                                                                             (3, ["poe1991works"])]
    assert [w.csl for w in b.works] == [w.csl for w in a.works]
    assert [n.citations[0].short_form for n in b.notes] == [False, True, False]
