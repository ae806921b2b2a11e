"""haliref.render.order: bibliography order and author-date's year letters."""

from __future__ import annotations

from haliref.render.order import _add_year_suffixes, _fold, _sort_key


def book(id_, family, title, year=None, **extra):
    item = {"id": id_, "type": "book", "title": title, "author": [{"family": family, "given": "A."}], **extra}
    if year:
        item["issued"] = {"date-parts": [[year]]}
    return item


def test_folding_drops_accents_case_markup_and_punctuation():
    assert _fold("Élan <i>Vital</i>: “A” Study") == "elan vital a study"


def test_names_then_title_without_its_article():
    items = [book("c", "Roe", "The Zeal"), book("a", "Roe", "An Apple"), book("b", "Åberg", "Zoo")]
    assert [it["id"] for it in sorted(items, key=_sort_key)] == ["b", "a", "c"]
    unsigned = {"id": "u", "type": "chapter", "title": "The Anonymous", "container-title": "Book",
                "editor": [{"family": "Zed"}]}
    assert _sort_key(unsigned)[0] == "anonymous"     # under its title, not its book's editor


def test_author_date_by_year_then_undated_then_forthcoming():
    items = [book("f", "Roe", "F", status="forthcoming"), book("n", "Roe", "N"), book("b", "Roe", "B", 1990),
             book("a", "Roe", "A", 1980)]
    assert [it["id"] for it in sorted(items, key=lambda it: _sort_key(it, by_date=True))] == ["a", "b", "n", "f"]


def test_one_authors_works_of_one_year_are_lettered_by_title():
    items = [book("y", "Roe", "Yet", 1953), book("x", "Roe", "Ex", 1953), book("z", "Poe", "Z", 1953),
             book("u", "Roe", "Undated"), book("v", "Roe", "Very undated")]
    _add_year_suffixes(items)
    assert {it["id"]: it.get("year-suffix") for it in items} == {"x": "a", "y": "b", "z": None, "u": "a", "v": "b"}
