"""The two .bib dialects and RIS, loaded by the programs they are for.

BibLaTeX is checked by biber (``biber --tool --validate-datamodel``: biber's own
data model), classic BibTeX by ``bibtex`` with the standard ``plain.bst``, RIS by
rispy. Each runs on real lists (the bundled list and the test lists) when the program
is on this machine (Debian: biber, texlive-binaries and texlive-base), and is skipped
otherwise; bibtexparser v2 reads both dialects everywhere.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest
from paths import ROOT_DIR

from haliref import parse_text
from haliref.export import field_map, to_bibtex, to_ris
from haliref.model import Work

LISTS = sorted((ROOT_DIR / "tests" / "data").glob("*.txt")) + sorted((ROOT_DIR / "seeds").glob("*.txt"))
SEED = ROOT_DIR / "seeds" / "halliday-1999-export-of-revolution.txt"
BIBER_CONF = Path("/usr/share/perl5/Biber/biber-tool.conf")


def _documents():
    return [(path.name, parse_text(path.read_text(encoding="utf-8"))) for path in LISTS]


@pytest.fixture(scope="module")
def documents():
    return _documents()


def _title(title: str, language: str = "") -> str:
    csl = {"type": "book", "title": title, **({"language": language} if language else {})}
    text = to_bibtex([Work("t", csl)], dialect="bibtex")
    return re.search(r"^  title = \{(.*)\},?$", text, flags=re.M).group(1)


# --------------------------------------------------------------------------- protected titles


@pytest.mark.parametrize(
    ("title", "protected"),
    [
        # title case: proper nouns (not common English words) and acronyms; never the first word
        ("Revolution in Iran", "Revolution in {Iran}"),
        ("The Conservative Approach: Sandinista Nicaragua’s Foreign Policy",
         "The Conservative Approach: Sandinista {Nicaragua’s} Foreign Policy"),
        ("The Rise and Fall of Lin Piao", "The Rise and Fall of {Lin} {Piao}"),
        ("Revolution and World Order", "Revolution and World Order"),
        ("Mao and the Chinese Revolution", "Mao and the {Chinese} Revolution"),
        ("Trade with China and Turkey", "Trade with {China} and {Turkey}"),  # common words too, but countries
        ("NATO and the USSR", "{NATO} and the {USSR}"),
        ("McCarthy and O’Brien", "{McCarthy} and {O’Brien}"),
        ("World War II", "World War {II}"),
        ("The Anglo-American Relationship", "The {Anglo}-{American} Relationship"),
        # sentence case (Zotero's convention): every capitalised word but a title's or subtitle's first
        ("The rise of the Soviet state in Central Asia: Policy and people",
         "The rise of the {Soviet} state in {Central} {Asia}: Policy and people"),
        # another language: the whole title, once
        ("La Pensée révolutionnaire en France", "{La Pensée révolutionnaire en France}"),
    ],
)
def test_titles_are_protected_as_better_bibtex_does(title, protected):
    assert _title(title, "fr" if title.startswith("La ") else "") == protected


def test_protection_is_never_doubled():
    for title in ("NATO", "The NATO Summit in Brussels", "{Draft} for Iran"):
        value = _title(title)
        depth = deepest = 0
        for c in value.replace("\\{", "").replace("\\}", ""):
            depth += {"{": 1, "}": -1}.get(c, 0)
            deepest = max(deepest, depth)
        assert deepest == 1, value
    assert _title("Le Monde de l’URSS", "fr") == "{Le Monde de l’URSS}"  # no inner braces in a whole one


def test_both_dialects_protect_alike_and_load_in_bibtexparser(documents):
    for name, document in documents:
        biblatex, classic = to_bibtex(document), to_bibtex(document, dialect="bibtex")
        for text in (biblatex, classic):
            library = bibtexparser.parse_string(text)
            assert not library.failed_blocks, name
            assert len(library.entries) == len(document.works), name
        titles = re.findall(r"^  title = (.*?),?$", biblatex, flags=re.M)
        assert titles == re.findall(r"^  title = (.*?),?$", classic, flags=re.M), name


# --------------------------------------------------------------------------- each dialect's own fields


def test_bundled_list_in_each_dialect(documents):
    document = dict(documents)[SEED.name]
    biblatex = bibtexparser.parse_string(to_bibtex(document)).entries_dict
    classic = bibtexparser.parse_string(to_bibtex(document, dialect="bibtex")).entries_dict
    article = "halliday1980revolution"
    assert biblatex[article].entry_type == classic[article].entry_type == "article"
    assert {"journaltitle", "date"} <= set(biblatex[article].fields_dict)
    assert {"journal", "year"} <= set(classic[article].fields_dict)
    for entries in (biblatex, classic):  # an article has no publisher or place in either data model
        assert not {"publisher", "location", "address"} & set(entries[article].fields_dict)
    assert biblatex["buchta1997iranische"]["langid"] == "german"
    assert "langid" not in classic["buchta1997iranische"].fields_dict
    assert biblatex["ramazani1988revolutionary"]["edition"] == "2"
    assert classic["ramazani1988revolutionary"]["edition"] == "Second"
    assert biblatex["pipes1992russian"]["shorttitle"] == "Russian Revolution"
    assert "shorttitle" not in classic["pipes1992russian"].fields_dict
    assert biblatex["pipes1992russian"]["annotation"] == classic["pipes1992russian"]["annote"] == "Cited: p. 669"
    for entries, dialect in ((biblatex, "biblatex"), (classic, "bibtex")):
        allowed = field_map()["allowed"][dialect]
        for entry in entries.values():
            assert set(entry.fields_dict) <= {*allowed["*"], *allowed[entry.entry_type]}, entry.key


def test_thesis_report_and_web_page_types():
    thesis = Work("t", {"type": "thesis", "title": "T", "author": [{"family": "A", "given": "B"}],
                        "publisher": "University of Ghent", "genre": "PhD diss."})
    undeclared = Work("u", {"type": "thesis", "title": "T", "publisher": "University of Ghent"})
    page = Work("w", {"type": "webpage", "title": "T", "URL": "https://example.org/", "translator": [{"family": "X"}]})
    newspaper = Work("n", {"type": "article-newspaper", "title": "T", "container-title": "The Times"})
    compiled = Work("c", {"type": "book", "title": "T", "compiler": [{"family": "Roe", "given": "Ann"}]})
    bib = to_bibtex([thesis, undeclared, page, newspaper, compiled])
    assert "@thesis{t,\n" in bib and "  type = {phdthesis},\n  institution = {University of Ghent}" in bib
    assert "@thesis{u,\n  title = {T},\n  type = {phdthesis}," in bib
    assert "@online{w,\n" in bib and "translator" not in bib  # not in @online's data model
    assert "@article{n,\n  entrysubtype = {newspaper},\n" in bib and "journaltitle = {The Times}" in bib
    assert "  editora = {Roe, Ann},\n  editoratype = {compiler}," in bib
    classic = to_bibtex([thesis, page, newspaper, compiled], dialect="bibtex")
    assert "@phdthesis{t,\n" in classic and "  type = {PhD diss.}," in classic and "school = {" in classic
    assert "@misc{w,\n" in classic and "@article{n,\n  title = {T},\n  journal = {The Times}" in classic
    assert "entrysubtype" not in classic and "editora" not in classic


# --------------------------------------------------------------------------- the programs themselves


def test_the_biblatex_field_table_is_bibers_data_model():
    if not BIBER_CONF.exists():
        pytest.skip("biber is not installed (Debian: biber)")
    model = next(e for e in ET.parse(BIBER_CONF).getroot().iter() if e.tag.endswith("datamodel"))
    known: dict[str, set[str]] = {"*": {"date", "origdate", "urldate"}}  # biber splits dates before checking
    for block in (e for e in model.iter() if e.tag.endswith("entryfields")):
        types = [c.text for c in block if c.tag.endswith("entrytype")] or ["*"]
        for entry_type in types:
            known.setdefault(entry_type, set()).update(c.text for c in block if c.tag.endswith("field"))
    for entry_type, fields in field_map()["allowed"]["biblatex"].items():
        assert set(fields) <= known[entry_type] | known["*"], entry_type


def _biber_warnings(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--quiet", "refs.bib"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return [line for line in (done.stdout + done.stderr).splitlines() if line.startswith(("WARN", "ERROR"))]


def test_biber_validates_the_biblatex_of_real_lists(documents, tmp_path):
    if not shutil.which("biber"):
        pytest.skip("biber is not installed (Debian: biber)")
    for name, document in documents:
        warnings = _biber_warnings(tmp_path, to_bibtex(document))
        # only the gaps of the data itself, each flagged by haliref (a chapter without an author,
        # a short form without a date): no field the data model does not know, none in the wrong entry type
        for warning in warnings:
            assert "Missing mandatory field" in warning, (name, warning)
        works = {w.id: w for w in document.works}
        for warning in warnings:
            key = re.search(r"Entry '([^']+)'", warning).group(1)
            assert works[key].flags, (name, warning)


def _bibtex_run(tmp_path: Path, text: str) -> tuple[str, str]:
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    (tmp_path / "doc.aux").write_text("\\citation{*}\n\\bibdata{refs}\n\\bibstyle{plain}\n", encoding="utf-8")
    done = subprocess.run(["bibtex", "doc"], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode in (0, 1), done.stdout  # 1: warnings only
    return done.stdout, (tmp_path / "doc.bbl").read_text(encoding="utf-8")


def test_classic_bibtex_keeps_proper_nouns_and_prints_editions(tmp_path, documents):
    if not shutil.which("bibtex") or subprocess.run(["kpsewhich", "plain.bst"], capture_output=True).returncode:
        pytest.skip("bibtex and plain.bst are not installed (Debian: texlive-binaries, texlive-base)")
    log, bbl = _bibtex_run(tmp_path, to_bibtex(dict(documents)[SEED.name], dialect="bibtex"))
    flat = " ".join(bbl.split())
    assert "Revolution in {Iran}: Was it possible in 1921?" in flat  # plain.bst lower-cases the rest
    assert "Sandinista {Nicaragua’s} foreign policy" in flat
    assert "second edition" in flat and "2 edition" not in flat
    warnings = [line for line in log.splitlines() if line.startswith("Warning--")]
    # the data's own gaps only (no author, no imprint, an issue without a volume)
    gaps = re.compile(r"Warning--(empty|to sort, need|there's a number but no volume)")
    assert all(gaps.match(warning) for warning in warnings), warnings
    for name, document in documents:
        log, _ = _bibtex_run(tmp_path, to_bibtex(document, dialect="bibtex"))
        assert "error message" not in log and "I was expecting" not in log, (name, log)


def test_rispy_reads_every_tag(documents):
    rispy = pytest.importorskip("rispy")
    for name, document in documents:
        records = rispy.loads(to_ris(document))
        assert len(records) == len(document.works), name
        for record, work in zip(records, document.works, strict=True):
            assert "unknown_tag" not in record, (name, record)
            assert record["id"] == work.id
            editors = [e for e in work.csl.get("editor", []) if e.get("family")]
            if editors:
                read = record.get("secondary_authors", []) + record.get("tertiary_authors", [])
                assert [e["family"] for e in editors] == [n.split(",")[0].split()[-1] for n in read], name
            if record["type_of_reference"] == "JOUR":
                assert "publisher" not in record and "place_published" not in record
