"""Character offsets of citations in the input (issue 7)."""

import re

import pytest
from paths import ROOT_DIR, TESTS_DIR

from haliref import parse_text
from haliref.read.offsets import Locator, line_starts

DATA = TESTS_DIR / "data"
INPUTS = sorted(
    [*DATA.glob("*.txt"), *(DATA / "shapes").glob("*.txt"), *(DATA / "fresh").glob("*.txt"),
     *(ROOT_DIR / "seeds").glob("*.txt")],
    key=str,
)


def _visible(text: str) -> str:
    return re.sub(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]+", "", text)


def test_line_starts_follow_splitlines():
    text = "a\r\nbb\rc\u2028d\n"
    starts = line_starts(text)
    assert [text[starts[i] : starts[i + 1]].rstrip("\r\n\u2028") for i in range(4)] == text.splitlines()


def test_exact_then_whitespace_blind_then_tolerant():
    text = "1. Ann  Roe, A\u200b Book (Lon-\ndon: Knopf, 1990).\n2. Next.\n"
    locator = Locator(text)
    begin, end = locator.region([1, 2])
    assert locator.find("Ann  Roe", begin, end) == (3, 11)
    start, stop = locator.find("Ann Roe, A Book", begin, end)
    assert text[start:stop] == "Ann  Roe, A\u200b Book"
    start, stop = locator.find("Ann Roe, A Book (London: Knopf, 1990).", begin, end)
    assert text[start:stop] == "Ann  Roe, A\u200b Book (Lon-\ndon: Knopf, 1990)."
    assert locator.find("Bob Poe, Another Book (Paris, 1991).", begin, end) is None
    assert locator.find("Next.", begin, end) is None  # outside the region: never a guess


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_citation_is_placed_in_the_input(path):
    text = path.read_text(encoding="utf-8")
    document = parse_text(text)
    previous_end = -1
    for note in document.notes:
        for citation in note.citations:
            assert citation.start is not None and citation.end is not None, citation.text
            placed = re.sub(r"-\r?\n\s*", "", text[citation.start : citation.end])  # a line-break hyphen
            if _visible(placed) != _visible(citation.text):  # the author was taken from the prose
                name, _, rest = citation.text.partition(", ")
                assert placed.startswith(name) and _visible(placed).endswith(_visible(rest))
            assert citation.start >= previous_end  # in reading order, never overlapping
            previous_end = citation.end
