"""haliref.render.imprint: seasons, reprints and a newspaper's section as CMOS 17 prints them."""

from __future__ import annotations

from haliref.render.imprint import _newspaper_section, _reprint, _season_date, _year


def test_a_season_by_name_or_as_month_13_to_24_becomes_citeprocs_number():
    assert _season_date({"date-parts": [[1959]], "season": "Winter"})["season"] == 4
    assert _season_date({"date-parts": [[1959, 13]]}) == {"date-parts": [[1959]], "season": 1}
    assert _season_date({"date-parts": [[1959, 23]]}) == {"date-parts": [[1959]], "season": 3}
    assert _season_date({"date-parts": [[1959, 5]]}) == {"date-parts": [[1959, 5]]}
    assert _season_date("1959") == "1959"


def test_year():
    assert _year({"issued": {"date-parts": [[1970, 3]]}}) == "1970"
    assert _year({}) == ""


def test_a_reprint_names_both_dates():
    item = {"original-date": {"date-parts": [[1923]]}, "issued": {"date-parts": [[1970]]}}
    assert _reprint(item, "Title. 1923; New York: Dover, 1970.", True, False) == (
        "Title. 1923. Reprint, New York: Dover, 1970.")
    assert _reprint(item, "Title (1923; New York: Dover, 1970)", False, False) == (
        "Title (1923; repr., New York: Dover, 1970)")
    assert _reprint(item, "Roe. (1923) 1970. Title. 1923; New York: Dover.", True, True) == (
        "Roe. (1923) 1970. Title. Reprint, New York: Dover.")
    assert _reprint({"issued": {"date-parts": [[1970]]}}, "as is", True, False) == "as is"


def test_a_newspapers_section_follows_its_date():
    item = {"type": "article-newspaper", "section": "Foreign News", "issued": {"date-parts": [[1968, 5, 20]]}}
    assert _newspaper_section(item, "Ann Roe, “Title,” Foreign News, Times, May 20, 1968.") == (
        "Ann Roe, “Title,” Times, May 20, 1968, Foreign News section.")
