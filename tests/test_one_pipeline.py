"""One pipeline: ``haliref bib`` (streamed block by block) and ``haliref parse`` (the whole text) give the same works.

Every text input of the tests and the bundled seeds is read both ways; the works
(keys and CSL fields, in order) and the cited locators must be identical, so
that what ``parse --json`` shows is what the .bib holds.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from paths import ROOT_DIR, TESTS_DIR

from haliref import parse_text
from haliref.scale.stream import parse_stream

INPUTS = sorted((TESTS_DIR / "data").rglob("*.txt")) + sorted((ROOT_DIR / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(ROOT_DIR)))
def test_streamed_and_whole_document_give_the_same_works(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    document = parse_text(text)
    with parse_stream(iter(text.splitlines(keepends=True))) as streamed:
        works = [(work.id, work.csl) for work in streamed.works()]
        locators = {key: list(found) for key, found in streamed.locators.items() if found}
    assert works == [(work.id, work.csl) for work in document.works]
    assert locators == {key: found for key, found in document.cited_locators().items() if found}
    assert works, "every input here holds references"


@pytest.mark.parametrize("size", [5, 20])
def test_blocks_go_through_one_merge_stage(size: int) -> None:
    """The bundled list cut into blocks of a few lines: ibid., short forms and repeats find their works in
    earlier blocks, and the keys are given once, so the works are those of the whole document."""
    text = (ROOT_DIR / "seeds" / "halliday-1999-export-of-revolution.txt").read_text(encoding="utf-8")
    document = parse_text(text)
    with parse_stream(iter(text.splitlines(keepends=True)), size=size) as streamed:
        assert streamed.blocks > 4
        assert streamed.citations == sum(len(note.citations) for note in document.notes)
        works = [(work.id, work.csl, work.corrections) for work in streamed.works()]
        locators = {key: list(found) for key, found in streamed.locators.items()}
    assert works == [(work.id, work.csl, work.corrections) for work in document.works]
    assert locators == {key: found for key, found in document.cited_locators().items() if found}


def _benchmark(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT_DIR / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _benchmark_inputs(folder: Path) -> list[tuple[str, str]]:
    """The benchmarks' own inputs, small: big_file.py's generated list (plain and numbered per chapter)
    and the first 100 AnyStyle gold references as a numbered list (as benchmarks/features_speed.py makes it)."""
    big_file = _benchmark("big_file")
    inputs = []
    for restart in (0, 40):
        path = folder / f"big-{restart}.txt"
        big_file.generate(path, 0.02, restart)
        inputs.append((path.name, path.read_text(encoding="utf-8")))
    from haliref.parse.training import load_dataset

    refs = [" ".join(word for word, _ in sequence) for sequence in load_dataset(ROOT_DIR / "benchmarks/data/gold.xml")]
    inputs.append(("gold", "\n".join(f"{number}. {ref}" for number, ref in enumerate(refs[:100], start=1)) + "\n"))
    return inputs


def test_the_benchmarks_inputs_give_the_same_works_both_ways(tmp_path: Path) -> None:
    for name, text in _benchmark_inputs(tmp_path):
        document = parse_text(text)
        with parse_stream(iter(text.splitlines(keepends=True)), size=50) as streamed:
            assert streamed.blocks > 1, name
            works = [(work.id, work.csl) for work in streamed.works()]
            locators = {key: list(found) for key, found in streamed.locators.items() if found}
        assert works == [(work.id, work.csl) for work in document.works], name
        assert locators == {key: found for key, found in document.cited_locators().items() if found}, name
        assert len(works) > 20, name
