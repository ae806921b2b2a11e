"""``haliref serve`` (loopback by default, a warning otherwise), ``--model``, ``--labels`` and
``haliref train --add``: one-line errors, and a model that has learnt the user's labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from haliref.cli import main
from haliref.parse.relabel import examples_xml
from haliref.web.serve import is_loopback

ROOT = Path(__file__).parent.parent.parent
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"


@pytest.fixture()
def served(monkeypatch):
    """uvicorn.run replaced: what it was asked to serve, and where."""
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    monkeypatch.setattr("haliref.web.serve._warm_up", lambda tagger: None)
    return calls


def test_serve_binds_to_loopback_by_default_without_warning(served, capsys) -> None:
    assert main(["serve"]) == 0
    err = capsys.readouterr().err
    assert served[0]["host"] == "127.0.0.1" and served[0]["port"] == 8765
    assert "warning" not in err and "http://127.0.0.1:8765/" in err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "example.org"])
def test_serve_warns_when_not_loopback(served, capsys, host) -> None:
    assert main(["serve", "--host", host, "--port", "9000"]) == 0
    err = capsys.readouterr().err
    assert "warning: serving on " + host in err and served[0]["host"] == host


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.3.4.5", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("10.0.0.1", False), ("::", False), ("myhost", False),
])
def test_is_loopback(host, loopback) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("args", "message"), [
    (["serve", "--model", "no-such.model"], "--model no-such.model: no such file"),
    (["serve", "--max-mb", "0"], "--max-mb must be more than 0"),
    (["serve", "--port", "70000"], "not a port number"),
    (["bib", str(SEED), "--labels", "missing.xml"], "no such file: missing.xml"),
    (["bib", str(SEED), str(SEED), "--model", "m"], "--model, --labels and --edits are for one input at a time"),
])
def test_bad_options_are_one_line(served, capsys, args, message) -> None:
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and not served


def test_a_file_that_is_not_a_model_is_refused(tmp_path, capsys) -> None:
    fake = tmp_path / "fake.model"
    fake.write_text("not a model")
    assert main(["bib", str(SEED), "--model", str(fake)]) == 1
    assert "not a model haliref train wrote" in capsys.readouterr().err


@pytest.mark.parametrize(("xml", "message"), [
    ("<dataset><sequence><villain>x</villain></sequence></dataset>", "unknown field 'villain'"),
    ("<dataset><sequence>", "not AnyStyle XML"),
])
def test_bad_label_files_are_one_line(tmp_path, capsys, xml, message) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text(xml)
    assert main(["bib", str(SEED), "--labels", str(bad)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_train_add_learns_the_users_labels(tmp_path, capsys, monkeypatch) -> None:
    """A small model (the packaged data cut down, for time) trained with a user's file, then used."""
    from haliref.parse import training
    from haliref.parse.tagger import Tagger

    small = training.packaged_training_data()[:150]
    monkeypatch.setattr(training, "packaged_training_data", lambda: small)
    monkeypatch.setitem(training.DEFAULT_PARAMS, "max_iterations", 60)
    mine = [[("Zorblax", "publisher"), ("Quux,", "publisher"), ("1999.", "date")]] * 20
    examples = tmp_path / "mine.xml"
    examples.write_text(examples_xml(mine), encoding="utf-8")
    model = tmp_path / "mine.crfsuite"
    assert main(["train", "--add", str(examples), "-o", str(model)]) == 0
    assert "20 citations of yours" in capsys.readouterr().err
    labels = [label for _, label, _ in Tagger(model).label_tokens("Zorblax Quux, 1999.")]
    assert labels == ["publisher", "publisher", "date"]
    again = tmp_path / "again.crfsuite"
    assert main(["train", "--add", str(examples), "-o", str(again)]) == 0
    assert again.read_bytes() == model.read_bytes()  # same data, same model
    assert main(["bib", str(SEED), "--model", str(model)]) == 0
    assert "@" in capsys.readouterr().out


def test_train_add_with_no_citation_is_refused(tmp_path, capsys) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_text("<dataset></dataset>")
    assert main(["train", "--add", str(empty), "-o", str(tmp_path / "m")]) == 1
    assert "no labelled citation in" in capsys.readouterr().err


def test_the_warm_up_loads_the_language_detector() -> None:
    """Issue 18: the first paste is read at once. The warm-up's titles are decided by their words, so lingua
    (about two seconds to load) would otherwise load during the user's first paste."""
    from haliref import caches
    from haliref.web.serve import _warm_up

    caches.clear_all()
    _warm_up(None)
    assert caches.stats()["haliref.normalize.language._detector"].currsize == 1
