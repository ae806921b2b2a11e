"""Issue 19, files and streams: never touch what is not ours, one line and never a
traceback, read what we are given once (items 1-6, 8-11)."""

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from paths import TESTS_DIR

from haliref.cli import main
from haliref.files import InputError, decode, read_input, stream_input, write_atomic

LIST = TESTS_DIR / "data" / "springer-new-layout.txt"
OTHER = TESTS_DIR / "data" / "cambridge-style-notes.txt"


def run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def haliref(*args, env=None, **kwargs):
    """The console command in a subprocess (what a shell sees: exit status, stdout, stderr)."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "haliref.cli", *args], capture_output=True, env=full_env, **kwargs
    )


def one_line_error(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if line.startswith("haliref: error:")]
    assert len(lines) == 1, text
    return lines[0]


def expected_bib() -> bytes:
    return haliref("bib", str(LIST)).stdout


# --- 1. batch mode never overwrites an input -----------------------------------


def test_batch_refuses_an_output_folder_whose_merged_file_is_an_input(tmp_path, capsys):
    merged = tmp_path / "merged.bib"
    merged.write_text("@book{mine, title={Mine}}\n")
    other = tmp_path / "other.txt"
    other.write_bytes(LIST.read_bytes())
    code, _, err = run(["bib", str(merged), str(other), "-o", str(tmp_path)], capsys)
    assert code == 1 and "merged.bib" in err and "input" in err
    assert merged.read_text() == "@book{mine, title={Mine}}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["merged.bib", "other.txt"]


def test_batch_refuses_a_per_file_output_that_is_another_input(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(LIST.read_bytes())
    (tmp_path / "a.bib").write_text("keep me\n")
    code, _, err = run(["bib", str(tmp_path / "a.txt"), str(tmp_path / "a.bib"), "-o", str(tmp_path)], capsys)
    assert code == 1 and "a.bib" in err
    assert (tmp_path / "a.bib").read_text() == "keep me\n"


# --- 2. -o onto a device, a FIFO or /dev/stdout ---------------------------------
# (Through /dev/fd/N, never /dev/stdout or /dev/null themselves: run as root
# before the fix, the old temp-file-and-rename would have replaced the system's
# device nodes; in /dev/fd it can only fail.)


def test_output_to_dev_fd_1_goes_to_standard_output(tmp_path):
    out_file = tmp_path / "captured.bib"
    with out_file.open("wb") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "haliref.cli", "bib", str(LIST), "-o", "/dev/fd/1"],
            stdout=stdout, stderr=subprocess.PIPE,
        )
    assert result.returncode == 0, result.stderr
    assert out_file.read_bytes() == expected_bib()


@pytest.mark.parametrize(("device", "code"), [(os.devnull, 0), ("/dev/full", 1)])
def test_output_to_a_device_is_written_into(device, code):
    with open(device, "wb") as stdout:
        result = subprocess.run(
            [sys.executable, "-m", "haliref.cli", "bib", str(LIST), "-o", "/dev/fd/1"],
            stdout=stdout, stderr=subprocess.PIPE,
        )
    assert result.returncode == code, result.stderr
    if code:
        assert "No space left" in one_line_error(result.stderr)
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_output_to_a_fifo_writes_into_it_and_keeps_it_a_fifo(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = haliref("bib", str(LIST), "-o", str(fifo), timeout=60)
    reader.join(60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received == [expected_bib()]


def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.bib"
    real.write_text("old\n")
    link = tmp_path / "link.bib"
    link.symlink_to(real)
    write_atomic(str(link), "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


# --- 3. a legal output name of 255 bytes ------------------------------------------


@pytest.mark.parametrize("length", [242, 255])
def test_an_output_name_up_to_255_bytes_is_written(tmp_path, length):
    target = tmp_path / ("é" * ((length - 4) // 2) + "x" * ((length - 4) % 2) + ".bib")
    assert len(target.name.encode()) == length
    write_atomic(str(target), "text\n")
    assert target.read_text() == "text\n" and os.listdir(tmp_path) == [target.name]


# --- 5. standard output that fails --------------------------------------------------


def test_stdout_to_dev_full_is_one_line_and_exit_1():
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "haliref.cli", "bib", str(LIST)], stdout=full, stderr=subprocess.PIPE
        )
    assert result.returncode == 1
    assert "standard output" in one_line_error(result.stderr)


def test_closed_stdout_is_one_line_and_exit_1():
    result = subprocess.run(
        [sys.executable, "-m", "haliref.cli", "bib", str(LIST)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 1
    assert "standard output" in one_line_error(result.stderr)


@pytest.mark.parametrize("env", [
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
])
def test_an_ascii_only_stdout_still_gets_utf8(env):
    result = haliref("bib", str(LIST), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_bib() and "–".encode() in result.stdout


# --- 6. over-long paths ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["bib", "parse", "check"])
def test_over_long_input_names_and_paths_are_one_line(tmp_path, command):
    for path in [tmp_path / ("n" * 300 + ".txt"), Path("/" + "d/" * 2100 + "x.txt")]:
        result = haliref(command, str(path))
        assert result.returncode == 1
        line = one_line_error(result.stderr)
        assert len(line) < 300


def test_over_long_output_names_and_paths_are_one_line(tmp_path):
    for path in [tmp_path / ("n" * 300 + ".bib"), Path("/" + "d/" * 2100 + "x.bib")]:
        result = haliref("bib", str(LIST), "-o", str(path))
        assert result.returncode == 1
        assert len(one_line_error(result.stderr)) < 300


# --- 8. endless or huge inputs are bounded before they are judged ------------------


@pytest.mark.parametrize("command", ["parse", "bib", "check"])
def test_dev_zero_is_refused_at_once(command):
    result = haliref(command, "/dev/zero", timeout=30)
    assert result.returncode == 1 and "binary" in one_line_error(result.stderr)


def test_a_nul_byte_anywhere_is_refused(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(LIST.read_bytes() + b"x" * 70000 + b"\x00" + LIST.read_bytes())
    with pytest.raises(InputError, match="binary"):
        read_input(str(path))
    with pytest.raises(InputError, match="binary"):
        stream_input(str(path))


# --- 9. pipes, FIFOs and "-" are read once ---------------------------------------------


@pytest.mark.parametrize("command", ["bib", "csl", "ris"])
def test_dash_and_dev_stdin_read_a_pipe_once(command):
    want = haliref(command, str(LIST)).stdout
    for name in ("-", "/dev/stdin"):
        result = haliref(command, name, input=LIST.read_bytes())
        assert result.returncode == 0, result.stderr
        assert result.stdout == want


def test_check_html_from_a_pipe(tmp_path):
    want = haliref("check", str(LIST), "--format", "html").stdout
    result = haliref("check", "-", "--format", "html", input=LIST.read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout == want


def test_a_named_fifo_is_read_once(tmp_path):
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(LIST.read_bytes()))
    writer.start()
    result = haliref("bib", str(fifo), timeout=60)
    writer.join(60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_bib()


def test_an_empty_pipe_is_one_line():
    result = haliref("bib", "-", input=b"")
    assert result.returncode == 1 and "empty" in one_line_error(result.stderr)


# --- 10. UTF-16 and UTF-32 ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_encodings_are_read(tmp_path, encoding):
    text = LIST.read_text(encoding="utf-8")
    path = tmp_path / f"list-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read_input(str(path))[0] == text
    lines, _ = stream_input(str(path), chunk_size=1000)
    assert "".join(lines) == text
    result = haliref("bib", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_bib()


def test_utf16_with_a_nul_character_is_still_binary():
    with pytest.raises(InputError, match="binary"):
        decode("Ann Roe, Life (1990)\x00\x00\x00".encode("utf-16"))


# --- 4. train -o: the folder checked first, the model written atomically ---------------


def test_train_into_a_missing_folder_or_under_a_file_is_one_line_at_once(tmp_path, monkeypatch, capsys):
    import haliref.parse.training as training

    calls = []
    monkeypatch.setattr(training, "build_model", lambda out: calls.append(out))
    (tmp_path / "file").write_text("x")
    for target in (tmp_path / "missing" / "model.crfsuite", tmp_path / "file" / "model.crfsuite"):
        code, _, err = run(["train", "-o", str(target)], capsys)
        assert code == 1 and err.startswith("haliref: error:") and "Traceback" not in err
    assert calls == [] and sorted(os.listdir(tmp_path)) == ["file"]


def test_train_writes_the_model_atomically(tmp_path, monkeypatch, capsys):
    import haliref.parse.training as training

    target = tmp_path / "model.crfsuite"
    target.write_bytes(b"old model")

    def half_then_fail(out):
        Path(out).write_bytes(b"half a mod")
        raise KeyboardInterrupt

    monkeypatch.setattr(training, "build_model", half_then_fail)
    assert run(["train", "-o", str(target)], capsys)[0] == 130
    assert target.read_bytes() == b"old model" and os.listdir(tmp_path) == ["model.crfsuite"]

    monkeypatch.setattr(training, "build_model", lambda out: Path(out).write_bytes(b"new model"))
    assert run(["train", "-o", str(target)], capsys)[0] == 0
    assert target.read_bytes() == b"new model" and os.listdir(tmp_path) == ["model.crfsuite"]


def test_train_notes_builds_the_notes_labeller_atomically_and_says_so(tmp_path, monkeypatch, capsys):
    import haliref.parse.training as training

    target = tmp_path / "notes.crfsuite"
    target.write_bytes(b"old model")
    monkeypatch.setattr(training, "build_model", lambda out: pytest.fail("the list labeller was built"))
    monkeypatch.setattr(training, "build_notes_model", lambda out: Path(out).write_bytes(b"notes model"))
    code, _, err = run(["train", "--notes", "-o", str(target)], capsys)
    assert code == 0 and "notes labeller" in err
    assert target.read_bytes() == b"notes model" and os.listdir(tmp_path) == ["notes.crfsuite"]


# --- 11. BibTeX, CSL-JSON and HTML given as input ----------------------------------------

BIBTEX = r"""% exported from a reference manager
@article{tkaczyk2015,
  author = {Tkaczyk, Dominika and Szostek, Pawe{\l} and Fedoryszak, Mateusz},
  title = {{CERMINE}: automatic extraction of structured metadata from scientific literature},
  journal = {International Journal on Document Analysis and Recognition},
  volume = {18}, number = {4}, pages = {317--335}, year = {2015}, doi = {10.1007/s10032-015-0249-8}
}

@book{hobsbawm1962,
  author = {Eric Hobsbawm}, title = {The Age of Revolution}, publisher = {Weidenfeld \& Nicolson},
  address = {London}, year = 1962
}
"""


@pytest.mark.parametrize("command", ["bib", "csl", "parse"])
def test_a_bibtex_file_is_read_as_its_entries(tmp_path, command, capsys):
    path = tmp_path / "export.bib"
    path.write_text(BIBTEX)
    code, out, err = run([command, str(path), "--json"] if command == "parse" else [command, str(path)], capsys)
    assert code == 0, err
    assert "Szostek" in out and "Paweł" in out and "Hobsbawm" in out and "Weidenfeld" in out
    assert "{\\l}" not in out and "% exported" not in out  # read as entries, not as text


def test_bibtex_in_gives_the_same_works_back(tmp_path, capsys):
    import bibtexparser

    path = tmp_path / "export.bib"
    path.write_text(BIBTEX)
    code, out, _ = run(["bib", str(path)], capsys)
    entries = {e.entry_type: {f.key: f.value for f in e.fields} for e in bibtexparser.parse_string(out).entries}
    assert code == 0 and set(entries) == {"article", "book"}
    assert entries["article"]["volume"] == "18" and entries["article"]["pages"] == "317--335"
    assert entries["article"]["doi"] == "10.1007/s10032-015-0249-8"
    assert entries["book"]["location"] == "London" and entries["book"]["date"] == "1962"
    classic = run(["bib", str(path), "--dialect", "bibtex"], capsys)[1]
    assert "  address = {London}" in classic and "  year = {1962}" in classic


def test_bibtex_and_csl_json_in_batch_mode_are_read_as_works(tmp_path, capsys):
    (tmp_path / "a.bib").write_text(BIBTEX)
    (tmp_path / "b.json").write_text('[{"type": "book", "title": "Sites of Memory", '
                                     '"author": [{"family": "Winter", "given": "Jay"}]}]')
    code, out, err = run(["csl", str(tmp_path / "a.bib"), str(tmp_path / "b.json")], capsys)
    titles = sorted(item["title"] for item in json.loads(out))
    assert code == 0, err
    assert titles == ["CERMINE: automatic extraction of structured metadata from scientific literature",
                      "Sites of Memory", "The Age of Revolution"]


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html>\n<html><body><p>1. Ann Roe, Life (London: Penguin, 1990).</p></body></html>",
    "\n<html lang='en'><head><title>Notes</title></head><body>1. Roe, Life (1990)</body></html>",
])
@pytest.mark.parametrize("command", ["bib", "parse", "check", "render"])
def test_an_html_page_is_refused_in_one_line_that_says_so(tmp_path, page, command, capsys):
    path = tmp_path / "page.html"
    path.write_text(page)
    code, out, err = run([command, str(path)], capsys)
    assert code == 1 and out == ""
    assert err.startswith("haliref: error:") and "HTML page" in err and err.count("\n") == 1


def test_a_broken_bibtex_file_says_what_it_is(tmp_path, capsys):
    path = tmp_path / "broken.bib"
    path.write_text("@article{x,\n  title = {unclosed\n")
    code, _, err = run(["bib", str(path)], capsys)
    assert code == 1 and "BibTeX" in err and err.count("\n") == 1


def test_a_list_numbered_in_brackets_is_not_taken_for_json(tmp_path, capsys):
    path = tmp_path / "ieee.txt"
    path.write_text('[1] D. Tkaczyk and P. Szostek, "CERMINE: automatic extraction of structured metadata," '
                    "International Journal on Document Analysis and Recognition, vol. 18, no. 4, 2015.\n"
                    '[2] A. Smith and B. Jones, "A study of things," in Proc. Conf. on Stuff, 2019, pp. 1-10.\n')
    code, out, err = run(["csl", str(path)], capsys)
    assert code == 0, err
    assert "Tkaczyk" in out and "Smith" in out
