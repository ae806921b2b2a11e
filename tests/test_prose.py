"""Citations inside running prose (issue 7)."""

from pathlib import Path

import pytest

from haliref import parse_text
from haliref._prose import find_citations, is_prose

SEEDS = Path(__file__).parent.parent / "seeds"
FILLER = "This sentence is filler of no bibliographic interest and it goes on for a while. " * 4


@pytest.mark.parametrize(
    "aside",
    ["(July 26, 1920)", "(and the Soviet Union)", "(on July 19, 1920)", "(Nov. 7-8, 1917)", "(including herself)"],
)
def test_asides_are_not_citations(aside):
    assert find_citations(f"Something happened {aside} and then more.") == []


def test_author_title_and_newspaper_citations():
    text = "As one observer showed (Ann B. Roe, The Long Road) the plan failed. Papers agreed (The Herald, 3.4.75)."
    first, second = find_citations(text)
    assert first.csl["author"] == [{"family": "Roe", "given": "Ann B."}] and first.incomplete
    assert first.prefix == "As one observer showed" and first.suffix == "the plan failed"
    assert text[first.start : first.end] == "(Ann B. Roe, The Long Road)"
    assert second.csl == {"type": "article-newspaper", "container-title": "The Herald",
                          "issued": {"date-parts": [[1975, 4, 3]]}}


def test_lists_are_not_prose():
    assert not is_prose("1. Ann Roe, A Book (London, 1990).\n2. Ibid., p. 4.\n")
    assert is_prose(FILLER + "\n\n" + FILLER + "\n")


def test_seed_article_citations_and_every_line_accounted_for():
    text = (SEEDS / "mlq-1972-peaceful-coexistence.txt").read_text(encoding="utf-8")
    document = parse_text(text)
    types = sorted(w.csl["type"] for w in document.works)
    assert types == ["article-journal", "article-newspaper", "book"]
    paper = next(w for w in document.works if w.csl["type"] == "article-newspaper")
    assert paper.csl["issued"] == {"date-parts": [[1972, 1, 21]]}
    book = next(w for w in document.works if w.csl["type"] == "book")
    assert any(f.code == "incomplete-prose-citation" for f in book.flags)
    lines = {line for note in document.notes for line in note.lines} | {d.line for d in document.dropped}
    assert lines == set(range(1, len(text.splitlines()) + 1))
