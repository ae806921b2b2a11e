"""One pipeline: ``haliref bib`` (streamed block by block) and ``haliref parse`` (the whole text) give the same works.

Every text input of the tests and the bundled seeds is read both ways; the works
(keys and CSL fields, in order) and the cited locators must be identical, so
that what ``parse --json`` shows is what the .bib holds.
"""

from __future__ import annotations

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
