"""haliref.render.locators: cited locators read, page ranges abbreviated per CMOS 17 9.61."""

from __future__ import annotations

import pytest

from haliref.render.locators import _abbreviate_last, _format_ranges, parse_locator


@pytest.mark.parametrize("first,last,expected", [
    ("1496", "1504", "504"), ("45", "6", "46"), ("115", "17", "17"), ("115", "117", "17"),
    ("3", "10", "10"), ("71", "72", "72"), ("96", "117", "117"), ("100", "104", "104"),
    ("1100", "1113", "1113"), ("101", "108", "8"), ("808", "33", "33"), ("1103", "1104", "4"),
    ("321", "328", "28"), ("498", "532", "532"), ("1087", "1089", "89"), ("1496", "1500", "500"),
    ("11564", "11615", "615"),
])
def test_page_range_abbreviation(first, last, expected):
    assert _abbreviate_last(first, last) == expected


def test_other_range_formats_and_non_numbers():
    assert _abbreviate_last("321", "328", "expanded") == "328"
    assert _abbreviate_last("321", "328", "minimal") == "8"
    assert _abbreviate_last("xi", "xiv") == "xiv"


def test_every_range_of_a_locator_gets_an_en_dash():
    assert _format_ranges("xi-xiv") == "xi–xiv"
    assert _format_ranges("1496-1504, 1510 - 1512") == "1496–504, 1510–12"
    assert _format_ranges("3.12-3.14") == "3.12-3.14"  # section numbers are not ranges


def test_locator_parsing():
    assert parse_locator("p. 341") == ("page", "341")
    assert parse_locator("pp. 115–17") == ("page", "115–17")
    assert parse_locator("vol. 3, pp. 303–4") == ("page", "3:303–4")
    assert parse_locator("vol. 3, pp. 303–4", work_volume="3") == ("page", "303–4")
    assert parse_locator("vol. 2") == ("volume", "2")
    # nineteenth-century notes: a full stop after the volume, and "Vol." capitalised ("i:. p. 114" before)
    assert parse_locator("vol. i. p. 114") == ("page", "i:114")
    assert parse_locator("Vol. III. p. 44") == ("page", "III:44")
    assert parse_locator("n. 4") == ("note", "4")
    assert parse_locator("chap. 5") == ("chapter", "5")
    assert parse_locator("§ 12") == ("section", "12")
    assert parse_locator("341.") == ("page", "341")
    assert parse_locator("") is None
