"""Many inputs at once (issue 8): haliref bib DIR_OR_GLOB… -o OUTDIR --jobs N."""

from __future__ import annotations

import shutil
from pathlib import Path

import bibtexparser
import pytest
from paths import ROOT_DIR

from haliref.cli import main
from haliref.model import Flag, Work
from haliref.scale.batch import BatchOptions, FileResult, expand_inputs, is_batch, merge_works, output_names, run_batch

SEEDS = ROOT_DIR / "seeds"


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    # the same list twice, under another name and in a subfolder: keys must stay unique
    (folder / "sub").mkdir()
    shutil.copy(SEEDS / "halliday-1999-export-of-revolution.txt", folder / "sub" / "copy.txt")
    (folder / "a-binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "no-refs.txt").write_text("Nothing here looks like a reference at all.\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("1. Skipped, Hidden (London, 1990).\n", encoding="utf-8")
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_jobs_1_and_2_give_identical_bytes(inputs: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["bib", str(inputs), "-o", str(one), "--jobs", "1"]) == 1  # two bad files
    assert main(["bib", str(inputs), "-o", str(two), "--jobs", "2"]) == 1
    assert _tree(one) == _tree(two)
    assert set(_tree(one)) == {
        "halliday-1999-export-of-revolution.bib",
        "mlq-1972-peaceful-coexistence.bib",
        "copy.bib",
        "merged.bib",
    }


def test_bad_files_are_reported_and_the_rest_written(inputs: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["bib", str(inputs / "*.txt"), str(inputs / "sub"), "-o", str(out), "-j", "2"]) == 1
    err = capsys.readouterr().err
    failed = [line for line in err.splitlines() if line.startswith("haliref: failed:")]
    assert len(failed) == 2
    assert any("a-binary.txt" in line and "binary" in line for line in failed)
    assert any("no-refs.txt" in line and "no references" in line for line in failed)
    assert (out / "copy.bib").read_bytes() == (out / "halliday-1999-export-of-revolution.bib").read_bytes()
    merged = (out / "merged.bib").read_text(encoding="utf-8")
    keys = [line.split("{", 1)[1].rstrip(",") for line in merged.splitlines() if line.startswith("@")]
    assert len(keys) == len({k.lower() for k in keys})
    # the copy cites the same works: written once; the book the article cites in brackets is in the list too
    halliday = (out / "halliday-1999-export-of-revolution.bib").read_text(encoding="utf-8").count("\n@") + 1
    article = (out / "mlq-1972-peaceful-coexistence.bib").read_text(encoding="utf-8").count("\n@") + 1
    assert len(keys) == halliday + article - 1


def test_all_good_exit_zero_and_csl(tmp_path: Path) -> None:
    out = tmp_path / "csl"
    assert main(["csl", *map(str, sorted(SEEDS.glob("*.txt"))), "-o", str(out)]) == 0
    assert (out / "merged.json").read_text(encoding="utf-8").startswith("[")


def test_single_file_keeps_the_old_behaviour(tmp_path: Path) -> None:
    out = tmp_path / "one.bib"
    assert main(["bib", str(SEEDS / "halliday-1999-export-of-revolution.txt"), "-o", str(out)]) == 0
    assert out.is_file()
    assert not is_batch([str(out)])
    assert is_batch([str(tmp_path)]) and is_batch([str(tmp_path / "*.txt")]) and is_batch(["a", "b"])


def test_several_inputs_without_a_folder_give_one_merged_bibliography(tmp_path: Path, capsys) -> None:
    seeds = [str(SEEDS / "mlq-1972-peaceful-coexistence.txt"), str(SEEDS / "halliday-1999-export-of-revolution.txt")]
    assert main(["bib", *seeds, "-j", "1"]) == 0
    printed = capsys.readouterr().out
    library = bibtexparser.parse_string(printed)
    assert not library.failed_blocks
    # the book cited in brackets in the article and with its imprint in the notes list: one work,
    # under the key it had where it was first cited, with the imprint of the fuller record
    karol = [
        e for e in library.entries if "Guerrillas" in e.fields_dict.get("title", bibtexparser.model.Field("", "")).value
    ]
    assert [(e.key, e["publisher"], e["date"]) for e in karol] == [("karolguerrillas", "Hill \\& Wang", "1970")]
    assert karol[0]["annotation"] == "Cited: p. 383; p. 364"
    target = tmp_path / "all.bib"
    assert main(["bib", *seeds, "-o", str(target), "-j", "2"]) == 0
    assert target.read_text(encoding="utf-8") == printed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.bib"]


def test_the_same_work_in_two_files_is_one_work_with_the_fuller_record() -> None:
    prose = Work(
        "roebook",
        {"type": "book", "author": [{"family": "Roe", "given": "Ann"}], "title": "A Book"},
        flags=[Flag("incomplete-prose-citation", "publisher", "no imprint"), Flag("missing-field", "issued", "no")],
    )
    other = Work("poe1991tale", {"type": "book", "author": [{"family": "Poe"}], "title": "A Tale"})
    notes = Work(
        "roe1990book",
        {
            "type": "book",
            "author": [{"family": "Roe", "given": "A."}],
            "title": "The Book",
            "publisher": "Knopf",
            "issued": {"date-parts": [[1990]]},
        },
        flags=[Flag("missing-field", "publisher-place", "no place")],
    )
    short = Work(
        "roe",
        {"type": "book", "author": [{"family": "Roe"}], "title": "Book"},
        flags=[Flag("short-form-unresolved", "", "no full citation")],
    )
    a = FileResult("a.txt", "", works=[prose, other], locators={"roebook": ["p. 2"]})
    b = FileResult("b.txt", "", works=[notes], locators={"roe1990book": ["p. 9", "p. 2"]})
    c = FileResult("c.txt", "", works=[short], locators={"roe": ["p. 4"]})
    works, locators = merge_works([a, b, c])
    assert [w.id for w in works] == ["roebook", "poe1991tale"]
    book = works[0]
    assert book.csl["publisher"] == "Knopf" and book.csl["author"] == [{"family": "Roe", "given": "A."}]
    assert book.csl["title"] == "The Book"  # the fuller record's fields win; the difference is flagged
    assert [f.code for f in book.flags] == ["missing-field", "variant-citation", "variant-citation"]
    assert [(f.field, f.evidence) for f in book.flags if f.code == "variant-citation"] == [
        ("title", "'The Book' vs 'A Book'"),
        ("title", "'The Book' vs 'Book'"),
    ]
    assert not any(f.code in ("incomplete-prose-citation", "short-form-unresolved") for f in book.flags)
    assert locators == {"roebook": ["p. 2", "p. 9", "p. 4"]}


def test_keys_unique_across_files_deterministically() -> None:
    a = FileResult("a.txt", "a.bib", works=[Work("smith1990", {"title": "A"}), Work("jones", {"title": "J"})])
    b = FileResult("b.txt", "b.bib", works=[Work("Smith1990", {"title": "B"}), Work("smith1990-2", {"title": "C"})])
    c = FileResult("c.txt", "c.bib", works=[Work("jones", {"title": "J"})], locators={"jones": ["p. 3"]})
    works, locators = merge_works([a, b, c])
    assert [w.id for w in works] == ["smith1990", "jones", "Smith1990-2", "smith1990-2-2"]
    assert locators == {"jones": ["p. 3"]}


def test_expand_and_names(inputs: Path) -> None:
    found = expand_inputs([str(inputs), str(inputs / "*.txt")])
    assert not any(".hidden" in f for f in found)
    assert len(found) == len(set(found)) == 5
    assert output_names(["x/merged.txt", "y/a.txt", "z/a.txt"], "bib") == ["merged-2.bib", "a.bib", "a-2.bib"]


def test_run_batch_missing_file_does_not_stop_the_others(tmp_path: Path) -> None:
    import io

    err = io.StringIO()
    seed = str(SEEDS / "halliday-1999-export-of-revolution.txt")
    code = run_batch([str(tmp_path / "missing.txt"), seed], str(tmp_path / "o"), BatchOptions(), jobs=1, err=err)
    assert code == 1
    assert "missing.txt: no such file" in err.getvalue()
    assert (tmp_path / "o" / "halliday-1999-export-of-revolution.bib").is_file()


def test_the_merged_bibliography_is_the_same_whatever_order_the_files_finish_in() -> None:
    from haliref.scale.batch import MergedBibliography

    results = [
        FileResult(
            "a.txt",
            "",
            works=[Work("roe1990book", {"type": "book", "author": [{"family": "Roe"}], "title": "Book"})],
            locators={"roe1990book": ["p. 1"]},
        ),
        FileResult("b.txt", "", error="no references found"),
        FileResult(
            "c.txt",
            "",
            works=[
                Work(
                    "roe1990book",
                    {"type": "book", "author": [{"family": "Roe"}], "title": "Book", "publisher": "Knopf"},
                ),
                Work("poe", {"title": "Tale"}),
            ],
            locators={"roe1990book": ["p. 7"], "poe": ["p. 3"]},
        ),
    ]
    outcomes = []
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        merged = MergedBibliography()
        for index in order:
            merged.add(index, results[index])
        outcomes.append(([(w.id, w.csl) for w in merged.works()], dict(merged.locators)))
    assert outcomes[0] == outcomes[1] == outcomes[2]
    assert [key for key, _ in outcomes[0][0]] == ["roe1990book", "poe"]
    assert outcomes[0][0][0][1]["publisher"] == "Knopf"
    assert outcomes[0][1] == {"roe1990book": ["p. 1", "p. 7"], "poe": ["p. 3"]}


def test_a_work_cited_with_many_variants_keeps_a_bounded_record() -> None:
    from haliref.merge.combine import VARIANTS_NAMED

    copies = [
        FileResult(
            f"{n}.txt",
            "",
            works=[
                Work(
                    "roe",
                    {
                        "type": "book",
                        "author": [{"family": "Roe"}],
                        "title": "Book",
                        "issued": {"date-parts": [[1900 + n]]},
                    },
                )
            ],
        )
        for n in range(200)
    ]
    (work,), _ = merge_works(copies)
    variants = [f for f in work.flags if f.code == "variant-citation"]
    assert [f.field for f in variants] == ["issued"] * VARIANTS_NAMED
    assert variants[0].evidence == "'1900' vs '1901'"


def test_a_folder_is_read_for_its_text_files_only_and_never_for_the_tools_own_outputs(
    inputs: Path, tmp_path: Path, capsys
) -> None:
    """Issue 17.1: a second run into a folder inside the input folder reads the same two lists."""
    (inputs / "a-binary.txt").unlink()
    (inputs / "no-refs.txt").unlink()
    (inputs / "README.md").write_text("# My lists\n\nScraped from the publisher's site.\n", encoding="utf-8")
    (inputs / "halliday.expected.json").write_text('{"works": []}\n', encoding="utf-8")
    (inputs / "gone.txt").symlink_to(inputs / "nowhere.txt")
    out = inputs / "out"
    assert main(["bib", str(inputs), "-o", str(out) + "/", "-j", "1"]) == 0
    first = _tree(out)
    capsys.readouterr()
    assert main(["bib", str(inputs), "-o", str(out) + "/", "-j", "1"]) == 0
    assert _tree(out) == first  # the second run did not read the first one's .bib files
    assert set(first) == {
        "halliday-1999-export-of-revolution.bib",
        "mlq-1972-peaceful-coexistence.bib",
        "copy.bib",
        "merged.bib",
    }
    err = capsys.readouterr().err.splitlines()
    skipped = [line for line in err if line.startswith("haliref: skipped ")]
    assert len(skipped) == 1, err
    line = skipped[0]
    assert f"{inputs / 'README.md'}, {inputs / 'halliday.expected.json'} (only .txt files are read" in line
    assert f"{inputs / 'gone.txt'} (a broken link)" in line
    assert f"{out} (haliref's own output)" in line
    assert not any("failed" in line for line in err)


def test_a_pattern_that_matches_no_text_file_is_one_clear_error(inputs: Path, tmp_path: Path, capsys) -> None:
    (inputs / "notes.md").write_text("1. Ann Roe, A Book (London, 1990).\n", encoding="utf-8")
    assert main(["bib", str(inputs / "*.md"), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "notes.md (only .txt files are read from a folder or pattern; name a file to read it anyway)" in err
    assert "haliref: error: no text file to read" in err
    # named on its own, the same file is read
    assert main(["bib", str(inputs / "notes.md"), "-o", str(tmp_path / "one.bib")]) == 0
    assert "@book{roe1990book" in (tmp_path / "one.bib").read_text(encoding="utf-8")


def test_the_closing_line_says_what_was_read_and_where_it_went(inputs: Path, tmp_path: Path, capsys) -> None:
    """Issue 17.7: not "50 of 50 files read to out"."""
    seeds = [str(SEEDS / "halliday-1999-export-of-revolution.txt"), str(SEEDS / "mlq-1972-peaceful-coexistence.txt")]
    out = tmp_path / "out"
    assert main(["bib", *seeds, "-o", str(out), "-j", "1"]) == 0
    works = len(bibtexparser.parse_string((out / "merged.bib").read_text(encoding="utf-8")).entries)
    last = capsys.readouterr().err.splitlines()[-1]
    assert last == (
        f"haliref: read 2 files; wrote one .bib file per input to {out}/, "
        f"and the {works} works of all in {out / 'merged.bib'}"
    )
    assert main(["ris", *seeds, str(tmp_path / "missing.txt"), "-o", str(tmp_path / "all.ris"), "-j", "1"]) == 1
    last = capsys.readouterr().err.splitlines()[-1]
    assert (
        last == f"haliref: read 2 of 3 files; wrote their {works} works to {tmp_path / 'all.ris'}; 1 failed (see above)"
    )
