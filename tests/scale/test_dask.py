"""haliref.scale.dask (issue 8): the pipeline over a Dask bag, on the local synchronous scheduler."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import ROOT_DIR

db = pytest.importorskip("dask.bag")
import dask  # noqa: E402

from haliref import parse_text, to_bibtex  # noqa: E402
from haliref.scale.dask import from_files, records_from_text, to_records, write_partitioned  # noqa: E402

SEEDS = ROOT_DIR / "seeds"
HALLIDAY = SEEDS / "halliday-1999-export-of-revolution.txt"


@pytest.fixture(autouse=True)
def _synchronous():
    with dask.config.set(scheduler="synchronous"):
        yield


def _items() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def test_records_are_the_works_as_csl_with_the_source() -> None:
    items = [*_items(), ("empty.txt", "   \n"), ("prose.txt", "No references in this one.\n")]
    records = to_records(db.from_sequence(items, npartitions=2), today_year=2026).compute()
    document = parse_text(HALLIDAY.read_text(encoding="utf-8"), today_year=2026)
    mine = [r for r in records if r["custom"].get("source") == HALLIDAY.name]
    assert [r["id"] for r in mine] == [w.id for w in document.works]
    assert {k: v for k, v in mine[0].items() if k not in ("id", "custom")} == document.works[0].csl
    errors = {r["custom"]["source"]: r["custom"]["error"] for r in records if "error" in r["custom"]}
    assert errors == {"empty.txt": "the input is empty", "prose.txt": "no references found"}
    assert records == [r for name, text in items for r in records_from_text(name, text, today_year=2026)]


def test_write_partitioned_bib_and_csl(tmp_path: Path) -> None:
    items = [*_items(), ("bad.bin", b"\x00\x01binary")]
    bag = to_records(db.from_sequence(items, npartitions=2), today_year=2026)
    bib = write_partitioned(bag, tmp_path / "bib", fmt="bib")
    assert [Path(p).name for p in bib] == ["part-00000.bib", "part-00001.errors.jsonl"]
    document = parse_text(HALLIDAY.read_text(encoding="utf-8"), today_year=2026)
    locators: dict[str, list[str]] = {}
    for note in document.notes:
        for citation in note.citations:
            if citation.locator and citation.locator not in locators.setdefault(citation.work, []):
                locators[citation.work].append(citation.locator)
    assert Path(bib[0]).read_text(encoding="utf-8").startswith(to_bibtex(document.works, locators=locators))
    error = json.loads(Path(bib[1]).read_text(encoding="utf-8"))
    assert error["source"] == "bad.bin" and "binary" in error["error"]

    csl = write_partitioned(bag, tmp_path / "csl", fmt="csl")
    items_out = [item for p in csl if p.endswith(".json") for item in json.loads(Path(p).read_text("utf-8"))]
    assert len({item["id"].lower() for item in items_out}) == len(items_out)
    assert all(item["custom"]["source"] for item in items_out)


def test_from_files_and_determinism(tmp_path: Path) -> None:
    one = write_partitioned(to_records(from_files(str(SEEDS / "*.txt"), partition_size=1)), tmp_path / "a", fmt="bib")
    two = write_partitioned(to_records(from_files(str(SEEDS / "*.txt"), partition_size=1)), tmp_path / "b", fmt="bib")
    assert [Path(p).read_bytes() for p in one] == [Path(p).read_bytes() for p in two]
    assert len(one) == 2
    with pytest.raises(FileNotFoundError):
        from_files(str(tmp_path / "nothing-*.txt"))
