"""Works kept on disk (issue 9, bounded memory): the shelf behaves exactly as the list in memory."""

import hashlib
from collections.abc import Iterator

import pytest
from paths import ROOT_DIR

from haliref import parse_text
from haliref.merge.combine import Combiner
from haliref.merge.works import assign_keys, citation_key
from haliref.model import Work
from haliref.scale.shelf import SpilledShelf

ROOT = ROOT_DIR
LISTS = sorted((ROOT / "tests" / "data").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))


def _book(family: str, title: str, year: int | None = 1990, **extra) -> Work:
    csl = {"type": "book", "author": [{"family": family, "given": "A."}], "title": title, **extra}
    if year:
        csl["issued"] = {"date-parts": [[year]]}
    return Work(id=citation_key(csl), csl=csl)


class MemoryShelf:
    """The reference: the works in a list, with an index by bucket and the keys taken
    (lower-cased), as the Combiner kept them before they went to disk."""

    def __init__(self) -> None:
        self._works: list[Work] = []
        self._buckets: dict[tuple[str, str], list[int]] = {}  # see _bucket
        self._taken: set[str] = set()

    def __len__(self) -> int:
        return len(self._works)

    def __iter__(self) -> Iterator[Work]:
        return iter(self._works)

    def candidates(self, bucket: tuple[str, str]) -> Iterator[tuple[int, Work]]:
        """The works of a bucket, latest first."""
        return ((i, self._works[i]) for i in reversed(self._buckets.get(bucket, [])))

    def replace(self, index: int, work: Work) -> None:
        self._works[index] = work

    def append(self, work: Work, bucket: tuple[str, str]) -> None:
        self._taken.add(work.id.lower())
        self._buckets.setdefault(bucket, []).append(len(self._works))
        self._works.append(work)

    def has_id(self, folded: str) -> bool:
        return folded in self._taken


@pytest.fixture(scope="module")
def groups() -> list[list[Work]]:
    """The works of every list of the test corpus, each list one input, plus the first list again."""
    found = [[Work(id=w.id, csl=w.csl) for w in parse_text(path.read_text(encoding="utf-8")).works] for path in LISTS]
    return found + found[:1]


def test_combining_on_disk_gives_the_works_and_renames_of_combining_in_memory(groups):
    in_memory, on_disk = Combiner(MemoryShelf()), Combiner(SpilledShelf())
    for group in groups:
        assert on_disk.add(group) == in_memory.add(group)
    assert [(w.id, w.csl) for w in on_disk.shelf] == [(w.id, w.csl) for w in in_memory.shelf]
    assert len(on_disk.shelf) == len(in_memory.shelf) > 100
    assert len(on_disk.shelf) < sum(map(len, groups))  # the repeated list was absorbed, not added


def test_keys_assigned_on_disk_are_the_keys_of_one_list():
    works = [
        _book("Roe", "Alpha One"), _book("Roe", "Alpha Two"), _book("Roe", "Alpha Three"),
        _book("Roe", "Alphaa"),  # its base is roe1990alphaa, the first suffixed key of the others
        _book("Poe", "Beta", year=None), _book("Doe", "Gamma"), _book("Doe", "Gamma Rays Again"),
    ]
    shelf = SpilledShelf()
    Combiner(shelf).add(works)
    shelf.assign_keys()
    keys = [w.id for w in shelf.keyed_works()]
    assert keys == assign_keys(list(shelf)) == [
        "roe1990alphab", "roe1990alphac", "roe1990alphad", "roe1990alphaa", "poebeta", "doe1990gamma",
    ]


def test_cited_locators_are_kept_once_in_order_under_the_final_keys():
    shelf = SpilledShelf()
    rename = Combiner(shelf).add([_book("Roe", "Alpha"), _book("Poe", "Beta")])
    for work_id, locator in [("roe1990alpha", "p. 4"), ("poe1990beta", "p. 9"), ("roe1990alpha", "p. 2"),
                             ("ROE1990ALPHA", "p. 4")]:
        shelf.cite(rename.get(work_id, work_id), locator)
    shelf.assign_keys()
    cited = shelf.locators()
    assert dict(cited) == {"roe1990alpha": ["p. 4", "p. 2"], "poe1990beta": ["p. 9"]}
    assert len(cited) == 2 and cited.get("nobody") is None


def test_closing_the_shelf_deletes_it():
    shelf = SpilledShelf()
    shelf.close()
    with pytest.raises(Exception, match="closed"):
        len(shelf)


def test_exporting_a_shelf_reads_each_work_once_and_never_counts_per_work():
    from haliref.export import bibtex_chunks

    families = ["".join(chr(97 + int(c, 16)) for c in hashlib.sha1(bytes([n])).hexdigest()[:6]) for n in range(50)]
    works = [_book(family.capitalize(), "A Title") for family in families]
    shelf = SpilledShelf()
    Combiner(shelf).add(works)
    for n, work in enumerate(works):
        shelf.cite(work.id, f"p. {n}")
    shelf.assign_keys()
    statements: list[str] = []
    shelf._db.set_trace_callback(statements.append)
    text = "".join(bibtex_chunks(shelf.keyed_works(), locators=shelf.locators()))
    assert text.count("@book{") == 50 and "annotation = {Cited: p. 49}" in text
    assert not any("COUNT" in statement for statement in statements)  # a count per work made export quadratic
    assert len(statements) <= 50 + 3  # one locator look-up per work, a page of works at a time


def test_corrections_and_flags_are_written_as_dataclasses_would_write_them():
    """Their to_dict is written out (the shelf writes a work at each of its citations); it gives what
    dataclasses.asdict gives, key for key and in order."""
    from dataclasses import asdict

    from haliref.model import Correction, Flag

    for item in (Correction("title", "a", "A", "title-case", 0.9), Flag("year-future", "issued", "after 2026"),
                 Flag("x", "", "why", evidence="seen")):
        assert list(item.to_dict().items()) == list(asdict(item).items())
