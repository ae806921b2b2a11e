"""Merging citations into works, and citation keys."""

from haliref._merge import Cited, assign_keys, citation_key, merge


def book(family, title, year=1990, given="Ann", **extra):
    csl = {"type": "book", "author": [{"family": family, "given": given}], "title": title,
           "issued": {"date-parts": [[year]]}}
    csl.update(extra)
    return Cited(csl=csl, corrections=[], flags=[])


def short(family, title=None, ibid=False):
    csl = {"author": [{"family": family}]} if family else {}
    if title:
        csl["title"] = title
    return Cited(csl=csl, corrections=[], flags=[], short_form=True, ibid=ibid)


def test_repeated_full_citation_and_short_forms_point_to_one_work():
    works, assignment = merge([
        book("Roe", "The Guerrilla Years", publisher="Verso"),
        book("Poe", "Another Book"),
        short("Roe"),
        book("Roe", "Guerrilla Years", publisher="Verso"),
        short("Roe", "Guerrilla Years"),
        short(None, ibid=True),
    ])
    assert len(works) == 2
    assert assignment == [0, 1, 0, 0, 0, 0]
    assert [f.code for f in works[0].flags] == ["variant-citation"]
    assert works[0].flags[0].field == "title"


def test_same_author_different_titles_stay_apart():
    works, assignment = merge([book("Roe", "My Life"), book("Roe", "History of the Revolution"), short("Roe")])
    assert len(works) == 2
    assert assignment == [0, 1, 1]  # an author-only short form goes to the most recent work


def test_unresolved_short_form_is_a_flagged_work():
    works, assignment = merge([short("Lane", "A Title Alone")])
    assert assignment == [0]
    assert [f.code for f in works[0].flags] == ["short-form-unresolved"]
    works, _ = merge([short(None, ibid=True)])
    assert [f.code for f in works[0].flags] == ["ibid-without-antecedent"]


def test_repeat_fills_missing_fields_and_records_it():
    works, _ = merge([book("Roe", "A Book"), book("Roe", "A Book", publisher="Verso")])
    assert works[0].csl["publisher"] == "Verso"
    assert [(c.field, c.after, c.rule) for c in works[0].corrections] == [("publisher", "Verso", "merge-fill-from-repeat")]


def test_citation_keys_are_readable_ascii_and_unique():
    assert citation_key(book("Rudé", "The Crowd in History", 1964).csl) == "rude1964crowd"
    particle = {"author": [{"family": "Ginneken", "non-dropping-particle": "van", "given": "J."}],
                "title": "Le Monde", "issued": {"date-parts": [[1976]]}}
    assert citation_key(particle) == "ginneken1976monde"
    assert citation_key({"title": "The Anonymous Chronicle", "issued": {"date-parts": [[1800]]}}) == "anonymous1800chronicle"
    newspaper = {"type": "article-newspaper", "container-title": "The Daily Courier", "issued": {"date-parts": [[1972, 1, 21]]}}
    assert citation_key(newspaper) == "daily1972"
    editors = {"editor": [{"family": "Chan"}], "title": "Renegades"}
    assert citation_key(editors) == "chanrenegades"
    works, _ = merge([book("Roe", "Same Words"), book("Roe", "Same Words Differ Much Later On Here")])
    assert len(works) == 1  # a title that is the start of another is its short title
    works, _ = merge([book("Roe", "Alpha One"), book("Roe", "Alpha Two Completely Different Title")])
    assert assign_keys(works) == ["roe1990alphaa", "roe1990alphab"]
