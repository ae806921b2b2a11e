"""Patterns on untrusted text, rewritten to be linear: what they answer, on ordinary text and on long runs.

The patterns that split names ("and", "&", ";", "et al."), places ("London; Paris"),
a journal's imprint in brackets and page ranges add lookbehinds so that no match is
tried from inside a run of spaces (or commas, or digits) that a start at the run's
first character already covers. These tests give their answers through the public
readers on ordinary strings, on the edge cases where the rewrite had to take care,
and on runs of 20,000 spaces; the labeller's ordinal feature is pinned on every
training token by the features digest in tests/parse/test_tagger.py. The timings
are in benchmarks/hostile_inputs.py.
"""

from __future__ import annotations

import pytest

from haliref import to_bibtex, to_ris
from haliref.model import Work
from haliref.normalize import imprint, names, normalize
from haliref.parse.tagger import features

ROE = {"family": "Roe", "given": "Ann"}
POE = {"family": "Poe", "given": "Bob"}


@pytest.mark.parametrize(
    ("text", "people", "et_al"),
    [
        ("Ann Roe et al.", [ROE], True),
        ("Ann Roe, et al", [ROE], True),
        ("Ann Roe and others", [ROE], True),
        ("Ann Roe u. a.", [ROE], True),
        ("Ann Roe and Bob Poe", [ROE, POE], False),
        ("Ann Roe & Bob Poe", [ROE, POE], False),
        ("Ann Roe; Bob Poe", [ROE, POE], False),
        ("Ann Roe und Bob Poe", [ROE, POE], False),
        ("Ann Roe et Bob Poe", [ROE, POE], False),
        ("Ann Roe, and", [ROE], False),  # a dangling "and" at either end, or after a comma, is dropped
        ("and Ann Roe", [ROE], False),
        ("Ann Roe ,and", [ROE], False),
    ],
)
def test_names_are_split_at_and_and_semicolons_and_lose_et_al(text, people, et_al):
    found, _role, _rest, marked = names.parse_name_list(text)
    assert (found, marked) == (people, et_al)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("London; Paris", ["London", "Paris"]),
        ("London/New York", ["London", "New York"]),
        ("London - Paris", ["London", "Paris"]),
        ("Paris et Lyon", ["Paris", "Lyon"]),
        ("Berlin und Wien", ["Berlin", "Wien"]),
        ("Baltimore and London; Paris", ["Baltimore", "London", "Paris"]),
        ("Ayr Troon", ["Ayr Troon"]),
        ("Ann-Arbor", ["Ann-Arbor"]),
    ],
)
def test_places_are_split_at_their_separators(text, places):
    assert imprint.split_places(text) == places


@pytest.mark.parametrize(
    ("text", "pages"),
    [("115-17", ("115", "117")), ("115 -- 117", ("115", "117")), ("3—9", ("3", "9")), ("12 \u2212 19", ("12", "19")),
     ("x", None)],
)
def test_page_ranges_across_every_dash(text, pages):
    assert _ris_pages(text) == pages


def _ris_pages(page: str) -> tuple[str, str] | None:
    """The first and last page RIS gives an article's page range (None: not read as a range)."""
    ris = to_ris([Work("roe1990", {"type": "article-journal", "title": "A", "page": page})])
    tags = dict(line.split("  - ", 1) for line in ris.splitlines() if line[:2] in ("SP", "EP"))
    return (tags["SP"], tags["EP"]) if "EP" in tags else None


def _labeller_number(token: str) -> str:
    """The field labeller's number feature of a token alone."""
    (kind,) = [feature.removeprefix("num=") for feature in features([token])[0] if feature.startswith("num=")]
    return kind


def _journal_and_imprint(journal: str) -> tuple[str, str | None]:
    csl = normalize([("author", "Ann Roe,"), ("title", "A Study,"), ("journal", journal), ("date", "1990")]).csl
    return csl["container-title"], csl.get("publisher-place")


@pytest.mark.parametrize(
    ("token", "kind"),
    [("12th", "ordinal"), ("3rd", "ordinal"), ("2e", "ordinal"), ("1er", "ordinal"), ("2ème", "ordinal"),
     ("2d", "ordinal"), ("12", "double"), ("th", "none"), ("12thx", "numeric")],
)
def test_the_labellers_number_feature(token, kind):
    assert _labeller_number(token) == kind


def test_journal_title_and_bracketed_imprint():
    assert _journal_and_imprint("Past and Present (Oxford)") == ("Past and Present", "Oxford")


def test_names_on_long_runs_of_spaces_and_commas():
    run = " " * 20_000
    assert names.parse_name_list(f"Ann Roe,{run}and{run}Bob Poe{run}et{run}al.") == (
        [{"family": "Roe", "given": "Ann"}, {"family": "Poe", "given": "Bob"}], None, "", True
    )
    assert names.parse_name_list("Ann Roe" + ", " * 10_000 + "and")[0] == [ROE]
    assert names.parse_name_list("Ann" + run + ";" + run + "Bob")[0] == [{"literal": "Ann"}, {"literal": "Bob"}]


def test_places_and_journal_imprint_on_long_runs_of_spaces():
    run = " " * 20_000
    assert imprint.split_places(f"Baltimore{run}and{run}London{run};{run}Paris") == ["Baltimore", "London", "Paris"]
    assert imprint.split_places(f"Ayr{run}Troon{run}") == [f"Ayr{run}Troon"]
    assert _journal_and_imprint(f"Past{run}and Present{run}(Oxford)") == ("Past and Present", "Oxford")
    assert _journal_and_imprint("Past" + run) == ("Past", None)


def test_page_ranges_on_long_runs_of_spaces():
    run = " " * 20_000
    assert _ris_pages(f"115{run}–{run}17") == ("115", "117")
    bib = to_bibtex([Work("roe1990", {"type": "article-journal", "title": "A", "page": f"3{run}-{run}9"})])
    assert "  pages = {3--9}\n" in bib


def test_ordinal_on_a_long_run_of_digits():
    assert _labeller_number("1" * 20_000 + "th") == "ordinal"
