"""Tests for haliref.export: CSL-JSON, BibTeX (through bibtexparser v2) and RIS.

All works here are invented for the tests.
"""

from __future__ import annotations

import copy
import json
import re

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT_DIR

from haliref.export import (
    bibtex_round_trip_fields,
    field_map,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from haliref.model import Work
from haliref.normalize.titles import with_short_title

# --------------------------------------------------------------------------- fixtures

BOOK = Work(
    "berg1988",
    {
        "type": "book",
        "title": "Harbours of the Low Countries",
        "author": [{"family": "Berg", "non-dropping-particle": "van den", "given": "Hendrik"}],
        "publisher": "Kustpers",
        "publisher-place": "Rotterdam",
        "issued": {"date-parts": [[1988]]},
        "edition": "Second",
        "ISBN": "978-0-00-000000-2",
    },
)

CHAPTER = Work(
    "okafor2004",
    {
        "type": "chapter",
        "title": "Radio and the Making of the Nation",
        "author": [{"family": "Okafor", "given": "Ngozi"}],
        "editor": [
            {"family": "Lindqvist", "given": "Maria"},
            {"family": "Cruz", "non-dropping-particle": "de la", "given": "Tomás"},
        ],
        "container-title": "Broadcasting Empires: Essays on Media History",
        "publisher": "Harbor University Press",
        "publisher-place": "Boston",
        "issued": {"date-parts": [[2004]]},
        "page": "211–38",
    },
)

ARTICLE = Work(
    "petrov1995",
    {
        "type": "article-journal",
        "title": "Grain Prices in the USSR, 1928–1932",
        "author": [{"family": "Petrov", "given": "Ivan"}, {"family": "Novak", "given": "Jana"}],
        "container-title": "Journal of Economic Chronicles",
        "volume": 12,
        "issue": "3",
        "page": "45–67",
        "issued": {"date-parts": [[1995, 6]]},
        "DOI": "10.1234/jec.1995.12.3.45",
    },
)

ANONYMOUS = Work(
    "shortguide1911",
    {
        "type": "pamphlet",
        "title": "A Short Guide to Cooperative Farming",
        "shorttitle": "Short Guide to Cooperative Farming",
        "publisher": "Rural Press",
        "publisher-place": "Dublin",
        "issued": {"date-parts": [[1911]]},
    },
)

PSEUDONYM = Work(
    "junius1850",
    {
        "type": "book",
        "title": "Letters from the Provinces",
        "author": [{"literal": "Junius Secundus"}],
        "issued": {"date-parts": [[1850]]},
        "note": "Pseudonym of an unidentified author",
    },
)

FRENCH = Work(
    "dupont1979",
    {
        "type": "book",
        "title": "La Vie quotidienne à Lyon au XIXe siècle",
        "author": [{"family": "Dupont", "given": "Marie-Claire"}],
        "language": "fr",
        "publisher": "Éditions du Rhône",
        "publisher-place": "Lyon",
        "issued": {"date-parts": [[1979]]},
        "edition": "3e éd.",
    },
)

HOSTILE_TITLE = r"Costs & Benefits: 50% Cuts, {Draft} \input{/etc/passwd} $5 #1 under_score ~ ^^5c } {"
HOSTILE = Work(
    "bwm2010",
    {
        "type": "report",
        "title": HOSTILE_TITLE,
        "author": [{"literal": "Bureau of Weights & Measures"}],
        "publisher": "Bureau of Weights & Measures",
        "publisher-place": "Ottawa",
        "genre": "Technical Report",
        "number": "TR-7",
        "issued": {"date-parts": [[2010]]},
        "note": "Ünïcödé stays: Straße, Łódź, 東京",
    },
)

WEBPAGE = Work(
    "harbours-web",
    {
        "type": "webpage",
        "title": "Harbour Records Online",
        "container-title": "Maritime Archive",
        "URL": "https://example.org/records?id=5&lang=en#top{x} y",
        "accessed": {"date-parts": [[2023, 4, 9]]},
    },
)

THESIS = Work(
    "ngata2015",
    {
        "type": "thesis",
        "genre": "MA thesis",
        "title": "Fishing Rights in Aotearoa",
        "author": [{"family": "Ngata", "given": "Aroha"}],
        "publisher": "University of Waikato",
        "issued": {"date-parts": [[2015]]},
    },
)

ALL = [BOOK, CHAPTER, ARTICLE, ANONYMOUS, PSEUDONYM, FRENCH, HOSTILE, WEBPAGE, THESIS]


# --------------------------------------------------------------------------- BibTeX: exact output


def test_biblatex_exact_book_and_chapter() -> None:
    out = to_bibtex([BOOK, CHAPTER], locators={"berg1988": ["p. 383", "p. 364"]})
    assert out == to_bibtex([BOOK, CHAPTER], locators={"berg1988": ["p. 383", "p. 364"]}, dialect="biblatex")
    assert out == (
        "@book{berg1988,\n"
        "  author = {van den Berg, Hendrik},\n"
        "  title = {Harbours of the Low Countries},\n"
        "  edition = {2},\n"
        "  publisher = {Kustpers},\n"
        "  location = {Rotterdam},\n"
        "  date = {1988},\n"
        "  isbn = {978-0-00-000000-2},\n"
        "  annotation = {Cited: p. 383; p. 364}\n"
        "}\n"
        "\n"
        "@incollection{okafor2004,\n"
        "  author = {Okafor, Ngozi},\n"
        "  editor = {Lindqvist, Maria and de la Cruz, Tomás},\n"
        "  title = {Radio and the Making of the Nation},\n"
        "  shorttitle = {Radio},\n"
        "  booktitle = {Broadcasting Empires: Essays on Media History},\n"
        "  pages = {211--38},\n"
        "  publisher = {Harbor University Press},\n"
        "  location = {Boston},\n"
        "  date = {2004}\n"
        "}\n"
    )


def test_bibtex_dialect_exact_book_and_chapter() -> None:
    out = to_bibtex([BOOK, CHAPTER], locators={"berg1988": ["p. 383", "p. 364"]}, dialect="bibtex")
    assert out == (
        "@book{berg1988,\n"
        "  author = {van den Berg, Hendrik},\n"
        "  title = {Harbours of the Low Countries},\n"
        "  edition = {Second},\n"  # classic styles print "Second edition", not "2 edition"
        "  publisher = {Kustpers},\n"
        "  address = {Rotterdam},\n"
        "  year = {1988},\n"
        "  isbn = {978-0-00-000000-2},\n"
        "  annote = {Cited: p. 383; p. 364}\n"
        "}\n"
        "\n"
        "@incollection{okafor2004,\n"
        "  author = {Okafor, Ngozi},\n"
        "  editor = {Lindqvist, Maria and de la Cruz, Tomás},\n"
        "  title = {Radio and the Making of the Nation},\n"
        "  booktitle = {Broadcasting Empires: Essays on Media History},\n"
        "  pages = {211--38},\n"
        "  publisher = {Harbor University Press},\n"
        "  address = {Boston},\n"
        "  year = {2004}\n"
        "}\n"
    )


def test_exact_article_with_issue_in_each_dialect() -> None:
    assert to_bibtex([ARTICLE]) == (
        "@article{petrov1995,\n"
        "  author = {Petrov, Ivan and Novak, Jana},\n"
        "  title = {Grain Prices in the {USSR}, 1928–1932},\n"
        "  shorttitle = {Grain Prices in the {USSR}},\n"
        "  journaltitle = {Journal of Economic Chronicles},\n"
        "  volume = {12},\n"
        "  number = {3},\n"
        "  pages = {45--67},\n"
        "  date = {1995-06},\n"
        "  doi = {10.1234/jec.1995.12.3.45}\n"
        "}\n"
    )
    assert to_bibtex([ARTICLE], dialect="bibtex") == (
        "@article{petrov1995,\n"
        "  author = {Petrov, Ivan and Novak, Jana},\n"
        "  title = {Grain Prices in the {USSR}, 1928–1932},\n"
        "  journal = {Journal of Economic Chronicles},\n"
        "  volume = {12},\n"
        "  number = {3},\n"
        "  pages = {45--67},\n"
        "  year = {1995},\n"
        "  month = jun,\n"
        "  doi = {10.1234/jec.1995.12.3.45}\n"
        "}\n"
    )


HOSTILE_ESCAPED = (
    "Costs \\& Benefits: 50\\% Cuts, \\{Draft\\} \\textbackslash{}input\\{/etc/passwd\\}"
    " \\$5 \\#1 under\\_score \\textasciitilde{} \\textasciicircum{}\\textasciicircum{}5c"
    " \\textbraceright{} \\textbraceleft{}"
)


def test_bibtex_exact_hostile_entry_is_escaped() -> None:
    # the title reads as sentence case (input, etc, passwd, score), so its capitalised words are protected
    title = HOSTILE_ESCAPED.replace("Benefits", "{Benefits}").replace("Cuts", "{Cuts}").replace("Draft\\", "{Draft}\\")
    assert to_bibtex([HOSTILE], dialect="bibtex") == (
        "@techreport{bwm2010,\n"
        "  author = {{Bureau of Weights \\& Measures}},\n"
        f"  title = {{{title}}},\n"
        "  number = {TR-7},\n"
        "  type = {Technical Report},\n"
        "  institution = {Bureau of Weights \\& Measures},\n"
        "  address = {Ottawa},\n"
        "  year = {2010},\n"
        "  note = {Ünïcödé stays: Straße, Łódź, 東京}\n"
        "}\n"
    )
    assert to_bibtex([HOSTILE]) == (
        "@report{bwm2010,\n"
        "  author = {{Bureau of Weights \\& Measures}},\n"
        f"  title = {{{title}}},\n"
        "  shorttitle = {Costs \\& Benefits},\n"
        "  number = {TR-7},\n"
        "  type = {Technical Report},\n"
        "  institution = {Bureau of Weights \\& Measures},\n"
        "  location = {Ottawa},\n"
        "  date = {2010},\n"
        "  note = {Ünïcödé stays: Straße, Łódź, 東京}\n"
        "}\n"
    )


# --------------------------------------------------------------------------- BibTeX: safety


def _values(bib: str) -> list[str]:
    lib = bibtexparser.parse_string(bib)
    assert not lib.failed_blocks
    return [f.value for e in lib.entries for f in e.fields]


def test_bibtex_no_executable_latex() -> None:
    bib = to_bibtex(ALL)
    assert "\\input" not in bib
    assert "\\textbackslash{}input\\{/etc/passwd\\}" in bib
    assert "^^" not in bib
    allowed = re.compile(
        r"\\(?:textbackslash|textasciitilde|textasciicircum|textbraceleft|textbraceright)\{\}"
        r"|\\[&%$#_{}]"
    )
    for value in _values(bib):
        if value.startswith(("https://", "10.")):
            continue  # url/doi are verbatim fields; checked below
        rest = allowed.sub("", value)
        assert not re.search(r"[\\&%$#_~^]", rest), value


def test_bibtex_braces_balanced_the_way_bibtex_counts() -> None:
    # BibTeX counts every brace, even one after a backslash.
    for value in _values(to_bibtex(ALL)):
        depth = 0
        for c in value:
            depth += {"{": 1, "}": -1}.get(c, 0)
            assert depth >= 0, value
        assert depth == 0, value


def test_bibtex_url_is_verbatim_but_cannot_break_out() -> None:
    fields = bibtex_round_trip_fields(to_bibtex([WEBPAGE]))["harbours-web"]
    assert fields == {
        "ENTRYTYPE": "online",
        "title": "Harbour Records Online",
        "organization": "Maritime Archive",
        "urldate": "2023-04-09",
        "url": "https://example.org/records?id=5&lang=en#top%7Bx%7D%20y",
    }
    classic = bibtex_round_trip_fields(to_bibtex([WEBPAGE], dialect="bibtex"))["harbours-web"]
    assert classic == {
        "ENTRYTYPE": "misc",
        "title": "Harbour Records Online",
        "howpublished": "Maritime Archive",
        "url": "https://example.org/records?id=5&lang=en#top%7Bx%7D%20y",
    }


# --------------------------------------------------------------------------- BibTeX: round trip


def test_bibtex_round_trip_no_failed_blocks_same_fields() -> None:
    locators = {"okafor2004": ["pp. 215–16"], "dupont1979": ["p. 12", "p. 12", "p. 40"]}
    bib = to_bibtex(ALL, locators=locators)
    assert not bibtexparser.parse_string(bib).failed_blocks
    back = bibtex_round_trip_fields(bib)
    assert list(back) == [w.id for w in ALL]  # order kept

    for work in ALL:
        fields = back[work.id]
        assert fields["title"] == work.csl["title"], work.id
    assert back["okafor2004"] == {
        "ENTRYTYPE": "incollection",
        "author": "Okafor, Ngozi",
        "editor": "Lindqvist, Maria and de la Cruz, Tomás",
        "title": "Radio and the Making of the Nation",
        "shorttitle": "Radio",
        "booktitle": "Broadcasting Empires: Essays on Media History",
        "pages": "211--38",
        "publisher": "Harbor University Press",
        "location": "Boston",
        "date": "2004",
        "annotation": "Cited: pp. 215–16",
    }
    assert back["dupont1979"] == {
        "ENTRYTYPE": "book",
        "author": "Dupont, Marie-Claire",
        "title": "La Vie quotidienne à Lyon au XIXe siècle",
        "shorttitle": "La Vie quotidienne",
        "edition": "3",
        "publisher": "Éditions du Rhône",
        "location": "Lyon",
        "date": "1979",
        "langid": "french",
        "annotation": "Cited: p. 12; p. 40",
    }
    assert back["bwm2010"]["title"] == HOSTILE_TITLE
    assert back["bwm2010"]["author"] == "Bureau of Weights & Measures"
    assert back["bwm2010"]["note"] == HOSTILE.csl["note"]
    # biblatex's @booklet has no publisher (its data model): the place and date stay
    assert back["shortguide1911"] == {
        "ENTRYTYPE": "booklet",
        "title": "A Short Guide to Cooperative Farming",
        "shorttitle": "Short Guide to Cooperative Farming",
        "location": "Dublin",
        "date": "1911",
    }
    assert back["ngata2015"]["ENTRYTYPE"] == "thesis"
    assert back["ngata2015"]["type"] == "mathesis"
    assert back["ngata2015"]["institution"] == "University of Waikato"
    assert back["petrov1995"]["journaltitle"] == "Journal of Economic Chronicles"
    assert back["petrov1995"]["number"] == "3"

    classic = bibtex_round_trip_fields(to_bibtex(ALL, locators=locators, dialect="bibtex"))
    assert list(classic) == [w.id for w in ALL]
    assert classic["ngata2015"]["ENTRYTYPE"] == "mastersthesis"
    assert classic["ngata2015"]["school"] == "University of Waikato"
    assert classic["petrov1995"]["journal"] == "Journal of Economic Chronicles"
    assert classic["dupont1979"]["annote"] == "Cited: p. 12; p. 40"
    assert classic["dupont1979"]["edition"] == "Third"


def test_bibtex_names_parse_back_into_the_right_parts() -> None:
    bib = to_bibtex([BOOK, CHAPTER, PSEUDONYM, HOSTILE])
    lib = bibtexparser.parse_string(
        bib, append_middleware=[SeparateCoAuthors(), SplitNameParts()]
    )
    assert not lib.failed_blocks
    entries = {e.key: e for e in lib.entries}

    berg = entries["berg1988"]["author"][0]
    assert (berg.von, berg.last, berg.first) == (["van", "den"], ["Berg"], ["Hendrik"])

    editors = entries["okafor2004"]["editor"]
    assert [(n.von, n.last, n.first) for n in editors] == [
        ([], ["Lindqvist"], ["Maria"]),
        (["de", "la"], ["Cruz"], ["Tomás"]),
    ]
    # literal names are one brace group: no first name, never split at spaces or "&"
    junius = entries["junius1850"]["author"]
    assert len(junius) == 1 and junius[0].first == [] and junius[0].last == ["{Junius Secundus}"]
    bureau = entries["bwm2010"]["author"]
    assert len(bureau) == 1 and bureau[0].last == ["{Bureau of Weights \\& Measures}"]


def test_name_parts_with_and_or_multiword_family_are_protected() -> None:
    work = Work(
        "x",
        {
            "type": "book",
            "title": "T",
            "author": [
                {"family": "Smith and Sons"},
                {"family": "Le Corbusier"},
                {"family": "Gates", "given": "Henry Louis", "suffix": "Jr."},
            ],
        },
    )
    bib = to_bibtex([work])
    assert "author = {{Smith and Sons} and {Le Corbusier} and Gates, Jr., Henry Louis}" in bib
    lib = bibtexparser.parse_string(bib, append_middleware=[SeparateCoAuthors()])
    assert len(lib.entries[0]["author"]) == 3


# --------------------------------------------------------------------------- BibTeX: decisions


def test_case_protection_rules() -> None:
    acr = Work("a", {"type": "book", "title": "NATO, the USSR and McCarthy in World War II"})
    plain = Work("b", {"type": "book", "title": "The Rise of Harbour Towns", "language": "en-GB"})
    german = Work("c", {"type": "book", "title": "Die Häfen der Nordsee", "language": "de"})
    bib = to_bibtex([acr, plain, german])
    assert "title = {{NATO}, the {USSR} and {McCarthy} in World War {II}}" in bib
    assert "title = {The Rise of Harbour Towns}" in bib
    assert "langid = {british}" in bib
    assert "langid" not in to_bibtex([german], dialect="bibtex")  # not a classic field; the braces stay
    assert "title = {{Die Häfen der Nordsee}}" in bib
    assert "langid = {german}" in bib
    # a protected title starting with an escape must not open a BibTeX special character
    odd = Work("d", {"type": "book", "title": "& Cie", "language": "fr"})
    assert "title = {{{}\\& Cie}}" in to_bibtex([odd])
    assert bibtex_round_trip_fields(to_bibtex([odd]))["d"]["title"] == "& Cie"


def test_dates_year_month_and_seasons() -> None:
    spring = Work("s", {"type": "article-journal", "title": "T", "issued": {"date-parts": [[1972, 21]]}})
    raw = Work("r", {"type": "book", "title": "T", "issued": {"raw": "c. 1850?"}})
    bib = to_bibtex([spring, raw], dialect="bibtex")
    assert "month" not in bib
    assert bib.count("year = {1972}") == 1 and bib.count("year = {1850}") == 1
    biblatex = to_bibtex([spring, raw])
    assert biblatex.count("date = {1972}") == 1 and biblatex.count("date = {1850}") == 1
    assert "DA  -" not in to_ris([spring])


@pytest.mark.parametrize(
    ("edition", "expected"),
    [
        (2, "2"),
        ("2", "2"),
        ("2nd", "2"),
        ("2nd ed.", "2"),
        ("2nd edn", "2"),
        ("Second", "2"),
        ("second edition", "2"),
        ("3e éd.", "3"),
        ("Revised", "Revised"),
        ("2nd rev. & enl.", "2nd rev. \\& enl."),
    ],
)
def test_edition_is_a_number_when_it_is_an_ordinal(edition: object, expected: str) -> None:
    work = Work("e", {"type": "book", "title": "T", "edition": edition})
    assert f"  edition = {{{expected}}}" in to_bibtex([work]).splitlines()


@pytest.mark.parametrize(
    ("edition", "expected"),
    [(2, "Second"), ("2nd ed.", "Second"), ("3e éd.", "Third"), ("21st", "21st"), ("22", "22nd"), ("111", "111th"),
     ("Revised", "Revised")],
)
def test_classic_bibtex_edition_is_a_word(edition: object, expected: str) -> None:
    # classic styles print "<edition> edition" ("Second edition"; a bare 2 gave "2 edition")
    work = Work("e", {"type": "book", "title": "T", "edition": edition})
    assert f"  edition = {{{expected}}}" in to_bibtex([work], dialect="bibtex").splitlines()


@pytest.mark.parametrize(
    ("language", "langid"),
    [("fr", "french"), ("de-DE", "german"), ("en-US", "american"), ("it", "italian"), ("xx", None)],
)
def test_language_becomes_langid(language: str, langid: str | None) -> None:
    bib = to_bibtex([Work("l", {"type": "book", "title": "T", "language": language})])
    if langid is None:
        assert "langid" not in bib
    else:
        assert f"langid = {{{langid}}}" in bib


def test_locators_only_when_given() -> None:
    assert "Cited" not in to_bibtex([BOOK])
    assert "Cited" not in to_bibtex([BOOK], locators={"other": ["p. 1"]})
    assert "Cited" not in to_bibtex([BOOK], locators={"berg1988": []})
    cited = {"berg1988": ["p. 5", " p.  5 ", "p. 9 % 10"]}
    assert "  annotation = {Cited: p. 5; p. 9 \\% 10}" in to_bibtex([BOOK], locators=cited).splitlines()
    assert "  annote = {Cited: p. 5; p. 9 \\% 10}" in to_bibtex([BOOK], locators=cited, dialect="bibtex").splitlines()


def test_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="dialect"):
        to_bibtex([BOOK], dialect="bibtex8")


def test_bad_or_duplicate_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        to_bibtex([BOOK, BOOK])
    with pytest.raises(ValueError, match="BibTeX key"):
        to_bibtex([Work("a key,with}junk", {"type": "book", "title": "T"})])


def test_empty_inputs() -> None:
    assert to_bibtex([]) == ""
    assert to_ris([]) == ""
    assert to_csl_json([]) == "[]\n"


# --------------------------------------------------------------------------- RIS


def test_ris_exact_chapter() -> None:
    out = to_ris([CHAPTER], locators={"okafor2004": ["p. 215", "p. 230"]})
    assert out.splitlines() == [
        "TY  - CHAP",
        "ID  - okafor2004",
        "AU  - Okafor, Ngozi",
        "A2  - Lindqvist, Maria",
        "A2  - de la Cruz, Tomás",
        "TI  - Radio and the Making of the Nation",
        "ST  - Radio",
        "T2  - Broadcasting Empires: Essays on Media History",
        "SP  - 211",
        "EP  - 238",
        "PB  - Harbor University Press",
        "CY  - Boston",
        "PY  - 2004",
        "N1  - Cited: p. 215; p. 230",
        "ER  - ",
    ]
    assert out.endswith("ER  - \n")


def test_a_books_pages_in_all_go_to_pagetotal_and_to_ris_sp() -> None:
    book = Work(id="roe1946", csl={"type": "book", "author": [{"family": "Roe", "given": "Ann"}],
                                   "title": "The Idea of Law", "number-of-pages": "xxvi + 339",
                                   "publisher": "Clarendon Press", "issued": {"date-parts": [[1946]]}})
    assert "  pagetotal = {xxvi + 339},\n" in to_bibtex([book])
    assert "pagetotal" not in to_bibtex([book], dialect="bibtex")  # classic BibTeX has no such field
    assert "SP  - xxvi + 339" in to_ris([book]).splitlines()


def test_ris_article_book_and_record_separation() -> None:
    out = to_ris([ARTICLE, BOOK, FRENCH, HOSTILE])
    records = out.split("\n\n")
    assert len(records) == 4
    assert all(r.startswith("TY  - ") and r.rstrip("\n").endswith("ER  - ") for r in records)
    for line in out.splitlines():
        assert line == "" or re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line
    assert "\r" not in out
    article = records[0].splitlines()
    assert article == [
        "TY  - JOUR",
        "ID  - petrov1995",
        "AU  - Petrov, Ivan",
        "AU  - Novak, Jana",
        "TI  - Grain Prices in the USSR, 1928–1932",
        "ST  - Grain Prices in the USSR",
        "T2  - Journal of Economic Chronicles",
        "VL  - 12",
        "IS  - 3",
        "SP  - 45",
        "EP  - 67",
        "PY  - 1995",
        "DA  - 1995/06//",
        "DO  - 10.1234/jec.1995.12.3.45",
        "ER  - ",
    ]
    book = records[1].splitlines()
    assert "AU  - van den Berg, Hendrik" in book and "ET  - 2" in book and "SN  - 978-0-00-000000-2" in book
    french = records[2].splitlines()
    assert "LA  - fr" in french and "ET  - 3" in french
    hostile = records[3].splitlines()
    assert "TY  - RPRT" in hostile and "AU  - Bureau of Weights & Measures" in hostile
    assert f"TI  - {HOSTILE_TITLE}" in hostile  # RIS is plain text: no escaping


def test_ris_editors_of_a_book_are_a3() -> None:
    # the RIS specification's BOOK: A3 is the editor (Zotero reads it so; rispy knows A3, not ED)
    edited = Work("ed", {"type": "book", "title": "T", "editor": [{"family": "Ng", "given": "Li"}]})
    lines = to_ris([edited]).splitlines()
    assert "A3  - Ng, Li" in lines and not any(line.startswith("ED  -") for line in lines)


def test_ris_journal_records_carry_no_publisher_or_place() -> None:
    article = Work("j", {**ARTICLE.csl, "publisher": "Chronicle Society", "publisher-place": "Leeds"})
    lines = to_ris([article]).splitlines()
    assert not any(line.startswith(("PB  -", "CY  -")) for line in lines)
    assert "PB  - Kustpers" in to_ris([BOOK]).splitlines()


# --------------------------------------------------------------------------- CSL-JSON


def test_csl_json_ids_first_and_valid() -> None:
    out = to_csl_json(ALL)
    assert out.endswith("]\n")
    items = json.loads(out)
    assert [i["id"] for i in items] == [w.id for w in ALL]
    for item, work in zip(items, ALL, strict=False):
        assert next(iter(item)) == "id"
        # every field as given, plus the CMOS 14.29-14.31 short title of a long title
        csl = with_short_title(work.csl)
        assert list(item)[1:] == sorted(csl)
        assert {k: v for k, v in item.items() if k != "id"} == csl
    assert "Łódź" in out  # ensure_ascii=False
    assert out.startswith('[\n  {\n    "id": "berg1988",\n')


def test_csl_json_work_id_wins_over_an_id_in_the_item() -> None:
    items = json.loads(to_csl_json([Work("real", {"id": "stale", "type": "book", "title": "T"})]))
    assert items == [{"id": "real", "title": "T", "type": "book"}]


# --------------------------------------------------------------------------- determinism


def _reordered(work: Work) -> Work:
    csl = copy.deepcopy(work.csl)
    return Work(work.id, dict(reversed(list(csl.items()))))


def test_same_input_same_bytes() -> None:
    locs = {"berg1988": ["p. 3"], "okafor2004": ["p. 215"]}
    shuffled = [_reordered(w) for w in ALL]
    for render in (
        lambda ws: to_bibtex(ws, locators=locs),
        lambda ws: to_ris(ws, locators=locs),
        to_csl_json,
    ):
        first = render(ALL).encode()
        assert render(ALL).encode() == first
        assert render(shuffled).encode() == first
    assert json.loads(to_csl_json(ALL)) == json.loads(to_csl_json(shuffled))


def test_export_does_not_mutate_works() -> None:
    before = copy.deepcopy([w.csl for w in ALL])
    to_bibtex(ALL, locators={"berg1988": ["p. 1"]})
    to_ris(ALL)
    to_csl_json(ALL)
    assert [w.csl for w in ALL] == before


# --------------------------------------------------------------------------- mapping data


def test_field_map_is_consistent() -> None:
    data = field_map()
    assert set(data["types"]) >= {"book", "chapter", "article-journal", "thesis", "report", "webpage"}
    for row in data["types"].values():
        assert row["bibtex"] and row["biblatex"] and re.fullmatch(r"[A-Z]+", row["ris"])
        for dialect in ("bibtex", "biblatex"):
            assert row[dialect] in data["allowed"][dialect], row
    for row in data["fields"]:
        assert row["csl"] and ("bibtex" in row) and ("biblatex" in row) and ("ris" in row)
    assert data["types"]["chapter"] == {"bibtex": "incollection", "biblatex": "incollection", "ris": "CHAP"}
    assert len(data["months"]) == 12


# --------------------------------------------------------------------------- chunks (streamed output)


@pytest.mark.parametrize("count", [0, 1, 3, 4, 7])
def test_chunked_writers_give_the_bytes_of_the_whole_writers(monkeypatch, count):
    import haliref.export as export
    from haliref.export import fields

    monkeypatch.setattr(fields, "CHUNK_WORKS", 3)
    works = [Work(f"{w.id}{n}", copy.deepcopy(w.csl)) for n in range(count) for w in [BOOK]][:count]
    locators = {works[0].id: ["p. 4", "p. 9"]} if works else {}
    chunks = list(export.bibtex_chunks(iter(works), locators=locators))
    assert len(chunks) == -(-count // 3)  # really written a chunk at a time
    assert "".join(chunks) == to_bibtex(works, locators=locators)
    assert "".join(export.ris_chunks(iter(works), locators=locators)) == to_ris(works, locators=locators)
    csl = "".join(export.csl_json_chunks(iter(works)))
    assert csl == to_csl_json(works)  # the array as written whole: one JSON document, each item with its id
    assert json.loads(csl) == [{"id": w.id, **w.csl} for w in works]


def test_chunked_bibtex_checks_the_keys_of_each_chunk():
    from haliref.export import bibtex_chunks

    with pytest.raises(ValueError, match="not usable"):
        list(bibtex_chunks([Work("bad key", dict(BOOK.csl))]))


# --------------------------------------------------------------------------- the writer: bibtexparser's bytes
def _as_bibtexparser_writes_it(bib: str, works: list[Work]) -> None:
    """The .bib is read back whole by bibtexparser (one entry per work, in order, under its key), and
    bibtexparser's own writer, given what it read, writes the same bytes: our writer is its format."""
    from bibtexparser.writer import BibtexFormat

    library = bibtexparser.parse_string(bib, parse_stack=[])
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == [work.id for work in works]
    fmt = BibtexFormat()
    fmt.indent, fmt.value_column, fmt.block_separator, fmt.trailing_comma = "  ", 0, "\n", False
    assert bibtexparser.write_string(library, unparse_stack=[], bibtex_format=fmt) == bib


def test_bibtex_bytes_are_bibtexparsers_on_real_lists() -> None:
    from haliref import parse_text

    for path in sorted((ROOT_DIR / "tests" / "data").rglob("*.txt")) + sorted((ROOT_DIR / "seeds").glob("*.txt")):
        document = parse_text(path.read_text(encoding="utf-8"))
        for dialect in ("biblatex", "bibtex"):
            _as_bibtexparser_writes_it(to_bibtex(document.works, dialect=dialect), document.works)
            with_locators = to_bibtex(document, dialect=dialect)
            _as_bibtexparser_writes_it(with_locators, document.works)
            if any(c.locator for n in document.notes for c in n.citations):
                assert ("annotation = {Cited: " if dialect == "biblatex" else "annote = {Cited: ") in with_locators


_CSL_VALUES = st.one_of(st.text(max_size=20), st.sampled_from(["", "2nd ed.", "1990", "NATO and USSR", "{a}", "%&"]))


@given(st.lists(st.fixed_dictionaries(
    {"type": st.sampled_from(["book", "chapter", "article-journal", "thesis", "report", "webpage", ""])},
    optional={
        "title": _CSL_VALUES, "publisher": _CSL_VALUES, "page": _CSL_VALUES, "edition": _CSL_VALUES,
        "language": st.sampled_from(["en", "de", "fr", ""]), "month": _CSL_VALUES,
        "issued": st.sampled_from([{"date-parts": [[1990, 5]]}, {"raw": "1990"}, {}]),
        "author": st.lists(st.fixed_dictionaries({"family": _CSL_VALUES}, optional={"given": _CSL_VALUES}), max_size=3),
    },
), max_size=4))
def test_bibtex_bytes_are_bibtexparsers(items: list[dict]) -> None:
    works = [Work(f"w{index}", csl) for index, csl in enumerate(items)]
    _as_bibtexparser_writes_it(to_bibtex(works), works)
    _as_bibtexparser_writes_it(to_bibtex(works, dialect="bibtex"), works)
    cited = to_bibtex(works, locators={"w0": ["p. 4", "p. 4", " "]})
    _as_bibtexparser_writes_it(cited, works)
    if works:
        assert cited.count("annotation = {Cited: p. 4}") == 1  # the pages once, blanks left out
