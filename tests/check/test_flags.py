"""The flag rules, table-driven, on hand-built works and documents (none from the bundled lists)."""

from __future__ import annotations

import copy
import hashlib
import re
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT_DIR
from rapidfuzz import fuzz

from haliref import Citation, Document, Dropped, Flag, Note, Work, parse_text, resources
from haliref.check import codes as _codes
from haliref.check import context as _context
from haliref.check import duplicates as _duplicates
from haliref.check import list_rules as _list_rules
from haliref.check import text_rules as _text_rules
from haliref.check.codes import flag_specs
from haliref.check.context import format_ranges, missing_note_numbers
from haliref.check.flags import flag_document
from haliref.model import SpanRecord
from haliref.report import summarize


def book(**fields: Any) -> dict[str, Any]:
    csl: dict[str, Any] = {
        "type": "book",
        "author": [{"family": "Thompson", "given": "E. P."}],
        "title": "The Making of the English Working Class",
        "publisher-place": "London",
        "publisher": "Victor Gollancz",
        "issued": {"date-parts": [[1963]]},
    }
    for key, value in fields.items():
        key = key.replace("_", "-")
        if value is None:
            csl.pop(key, None)
        else:
            csl[key] = value
    return csl


def doc(*csls: dict[str, Any], locators: tuple[str, ...] = (), numbers: tuple[int | None, ...] = ()) -> Document:
    works, notes = [], []
    for index, csl in enumerate(csls):
        key = f"w{index}"
        works.append(Work(id=key, csl=csl))
        number = numbers[index] if index < len(numbers) else index + 1
        locator = locators[index] if index < len(locators) else ""
        notes.append(
            Note(
                number=number,
                list_items=[index + 1],
                text=f"citation {index}",
                lines=[index + 1],
                citations=[Citation(work=key, text=f"citation {index}", locator=locator)],
            )
        )
    return Document(notes=notes, works=works, dropped=[])


def codes(document: Document, work: int = 0) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in document.works[work].flags]


def run(document: Document, **kwargs: Any) -> Document:
    kwargs.setdefault("today_year", 2024)
    return flag_document(document, **kwargs)


# --------------------------------------------------------------------------- data file
def test_flags_tsv_covers_every_code_raised_in_the_source() -> None:
    from importlib import resources

    def python_files(folder):  # every stage folder: flags are raised in check/, normalize/, merge/ …
        for entry in folder.iterdir():
            if entry.is_dir():
                yield from python_files(entry)
            elif entry.name.endswith(".py"):
                yield entry

    specs = flag_specs()
    source = "".join(p.read_text(encoding="utf-8") for p in python_files(resources.files("haliref")))
    raised = set(re.findall(r'(?:Flag\(\s*|ctx\.flag\(\s*|_flag\(\s*)"([a-z]+(?:-[a-z]+)+)"', source))
    raised |= set(re.findall(r'suspect = "([a-z-]+)"', source))
    assert raised, "no flag codes found in the source"
    assert raised <= set(specs), f"codes without a row in data/flags.tsv: {sorted(raised - set(specs))}"
    assert {s.severity for s in specs.values()} <= {"error", "warning", "info"}


# --------------------------------------------------------------------------- place / seats
@pytest.mark.parametrize(
    ("publisher", "place", "expected"),
    [
        ("MIT Press", "Cambridge, Mass.", None),
        ("MIT Press", "London", None),
        ("MIT Press", "Cambridge, MA and London", None),
        ("Harvard University Press", "Cambridge", None),
        ("Yale University Press", "New Haven and London", None),
        ("Yale University Press", "Chicago", "place-not-seat"),
        ("University of Texas Press", "Boston", "place-not-seat"),
        ("Princeton University Press", "Princeton and Berlin", "place-not-seat"),
        ("Fayard", "Madrid", "place-unusual-seat"),
        ("Clarendon", "Oxford", None),
        ("Clarendon", "Edinburgh", "place-unusual-seat"),
        ("Some Small Press Nobody Lists", "Reykjavik", None),
        ("Yale University Press", "Nw Haven", None),  # a typo is place-suspect's business
    ],
)
def test_place_inconsistent_with_seats(publisher: str, place: str, expected: str | None) -> None:
    result = run(doc(book(publisher=publisher, publisher_place=place)))
    found = [f for f in result.works[0].flags if f.code in ("place-not-seat", "place-unusual-seat")]
    if expected is None:
        assert found == []
    else:
        assert [f.code for f in found] == [expected]
        assert found[0].field == "publisher-place"
        assert "known seats" in found[0].evidence


@pytest.mark.parametrize(
    ("publisher", "place", "usual"),
    [
        ("Johns Hopkins University Press", "London", "Baltimore"),
        ("MIT Press", "London", "Cambridge, Mass."),
        ("Cambridge University Press", "London", "Cambridge"),
        ("Cambridge University Press", "New York and Melbourne", "Cambridge"),
        ("Piper", "Zürich", "München"),
        ("Johns Hopkins University Press", "Baltimore", None),
        ("Deutscher Taschenbuch Verlag", "Munich", None),  # one city, two names (data/place_names.tsv)
        ("Oxford University Press", "New York", None),  # also heads its imprints (data/publisher_first_cities.tsv)
        ("Oxford University Press", "Toronto", "Oxford"),
        ("Johns Hopkins University Press", "Baltimore and London", None),
        ("MIT Press", "Cambridge, MA", None),
        ("MIT Press", "Cambridge, MA and London", None),
        ("Cambridge University Press", "Cambridge and New York", None),
        ("Yale University Press", "Chicago", None),  # not a seat at all: place-not-seat's business
        ("Some Small Press Nobody Lists", "London", None),
    ],
)
def test_place_secondary_seat(publisher: str, place: str, usual: str | None) -> None:
    result = run(doc(book(publisher=publisher, publisher_place=place)))
    work = result.works[0]
    found = [f for f in work.flags if f.code == "place-secondary-seat"]
    if usual is None:
        assert found == []
        return
    assert len(found) == 1
    flag = found[0]
    assert flag.field == "publisher-place"
    assert flag_specs()["place-secondary-seat"].severity == "info"
    assert f"usually name {usual} first" in flag.reason
    assert place.split(" and ")[0] in flag.reason
    assert work.csl["publisher-place"] == place  # flagged, never corrected
    assert not [f for f in work.flags if f.code in ("place-not-seat", "place-unusual-seat")]


# --------------------------------------------------------------------------- misspelt imprint
@pytest.mark.parametrize(
    ("field", "value", "code", "target"),
    [
        ("publisher", "Routlege", "publisher-suspect", "Routledge"),
        ("publisher-place", "Harmondswoth", "place-suspect", "Harmondsworth"),
    ],
)
def test_misspelt_imprint_left_uncorrected_is_flagged(field: str, value: str, code: str, target: str) -> None:
    result = run(doc(book(**{field.replace("-", "_"): value})))
    found = [f for f in result.works[0].flags if f.code == code]
    assert len(found) == 1 and target in found[0].reason and value in found[0].evidence


def test_misspelt_publisher_flagged_once_when_normalizer_already_did() -> None:
    existing = Flag("publisher-suspect", "publisher", "close to known publisher 'Routledge' but not corrected", "x")
    document = doc(book(publisher="Routlege"))
    document.works[0].flags.append(existing)
    result = run(document)
    assert [f.code for f in result.works[0].flags].count("publisher-suspect") == 1


# --------------------------------------------------------------------------- character damage
@pytest.mark.parametrize(
    ("field", "value", "detail"),
    [
        ("title", "Les MisÃ©rables du XIXe siÃ¨cle", "mojibake"),
        ("title", "Die Zeit der Ã¼berlebenden", "mojibake"),
        ("title", "The Age of Extremes â€” A History", "mojibake"),
        ("title", "Europe 1848\ufffd1914", "U+FFFD"),
        ("title", "The Long Peace 1815’1914", "dash"),
        ("title", "Cold War Politics 1945?1962", "dash"),
        ("publisher", "Ã‰ditions du Seuil", "mojibake"),
        ("author", [{"family": "Gr\ufffdber", "given": "Helga"}], "U+FFFD"),
    ],
)
def test_character_damage(field: str, value: Any, detail: str) -> None:
    result = run(doc(book(**{field: value})))
    damage = [f for f in result.works[0].flags if f.code == "char-damage"]
    assert damage, result.works[0].flags
    assert damage[0].field == field and detail.casefold() in damage[0].reason.casefold()
    assert damage[0].evidence


@pytest.mark.parametrize(
    "title",
    ["L’Ancien Régime et la Révolution", "The 1960s' Legacy", "Workers’ Control in 1917–1921", "São Paulo Ã"],
)
def test_no_character_damage_in_clean_titles(title: str) -> None:
    result = run(doc(book(title=title)))
    assert "char-damage" not in [f.code for f in result.works[0].flags]


def test_damage_in_locator() -> None:
    result = run(doc(book(), locators=("pp. 12’15",)))
    assert ("char-damage", "locator") in codes(result)


# --------------------------------------------------------------------------- missing fields
@pytest.mark.parametrize(
    ("csl", "missing"),
    [
        (book(), []),
        (book(issued=None), ["issued"]),
        (book(publisher=None, publisher_place=None), ["publisher", "publisher-place"]),
        (book(author=None), ["author"]),
        (book(author=None, editor=[{"family": "Hobsbawm", "given": "Eric"}]), []),
        (book(type="chapter"), ["container-title"]),
        (book(type="chapter", container_title="The Invention of Tradition"), []),
        (
            {"type": "article-journal", "title": "The Moral Economy", "issued": {"date-parts": [[1971]]}},
            ["container-title"],
        ),
        ({"type": "article-journal", "title": "The Moral Economy", "container-title": "Past & Present"}, ["issued"]),
        (
            {
                "type": "article-journal",
                "title": "The Moral Economy",
                "container-title": "Past & Present",
                "issued": {"date-parts": [[1971]]},
            },
            [],
        ),
    ],
)
def test_missing_core_fields(csl: dict[str, Any], missing: list[str]) -> None:
    result = run(doc(csl))
    assert [f.field for f in result.works[0].flags if f.code == "missing-field"] == missing


def test_missing_fields_not_piled_on_an_unresolved_short_form() -> None:
    document = doc({"type": "book", "author": [{"family": "Hill", "given": "Christopher"}]})
    document.works[0].flags.append(
        Flag("short-form-unresolved", "", "short form whose full citation is not in the list")
    )
    result = run(document)
    assert [f.code for f in result.works[0].flags] == ["short-form-unresolved"]


# --------------------------------------------------------------------------- short forms, ibid (from merge)
def test_unresolved_short_form_gets_evidence_and_a_candidate() -> None:
    text = (
        "1. Christopher Hill, The World Turned Upside Down (London: Temple Smith, 1972) p. 87.\n"
        "2. Thompson, Whigs and Hunters, p. 12.\n"
        "3. Ibid., p. 14.\n"
    )
    result = run(parse_text(text))
    unresolved = [(w, f) for w in result.works for f in w.flags if f.code == "short-form-unresolved"]
    assert unresolved, [w.to_dict() for w in result.works]
    _work, flag = unresolved[0]
    assert "note 2" in flag.evidence and "Thompson" in flag.evidence


def test_ibid_without_antecedent_is_described() -> None:
    document = doc({"type": "book"})
    document.works[0].flags.append(Flag("ibid-without-antecedent", "", "ibid. with no earlier citation in the list"))
    result = run(document)
    flag = result.works[0].flags[0]
    assert flag.code == "ibid-without-antecedent" and flag.evidence.startswith("note 1:")
    assert flag_specs()["ibid-without-antecedent"].severity == "error"


# --------------------------------------------------------------------------- note numbers
@pytest.mark.parametrize(
    ("numbers", "missing", "text"),
    [
        ((1, 2, 3), [], ""),
        ((1, 5, 6, 7, 9, 11), [2, 3, 4, 8, 10], "missing notes 2–4, 8, 10"),
        ((3, 4), [1, 2], "missing notes 1–2"),
        ((1, None, 3), [2], "missing notes 2"),
    ],
)
def test_note_gaps(numbers: tuple[int | None, ...], missing: list[int], text: str) -> None:
    document = doc(*[book(title=f"Title number {k}") for k in range(len(numbers))], numbers=numbers)
    assert missing_note_numbers(document) == missing
    result = run(document)
    gaps = [f for f in result.findings if f.code == "note-gaps"]
    assert [f.reason for f in gaps] == ([text] if text else [])


def test_note_order_and_unnumbered() -> None:
    document = doc(*[book(title=f"Title number {k}") for k in range(4)], numbers=(1, 3, 2, None))
    result = run(document)
    found = {f.code: f for f in result.findings}
    assert "2 after 3" in found["note-order"].reason
    assert found["notes-unnumbered"].reason.startswith("1 note")


def _chapter(letter: str, numbers: Any) -> list[str]:
    return [f"{n}. Ann Roe{letter}{n}, Life and Times {letter}{n} (London: Faber, 19{50 + n}), {n}." for n in numbers]


@pytest.mark.parametrize("between", [["", "Chapter 2: The Second Part", ""], []], ids=["heading", "no heading"])
def test_endnotes_numbered_per_chapter_are_in_order(between: list[str]) -> None:
    document = parse_text("\n".join(_chapter("A", range(1, 6)) + between + _chapter("B", range(1, 5))))
    assert [(n.run, n.number) for n in document.notes] == [(0, k) for k in range(1, 6)] + [(1, k) for k in range(1, 5)]
    assert "note-order" not in {f.code for f in document.findings}


def test_a_chapter_starting_after_1_and_numbers_going_back_inside_a_chapter_are_reported() -> None:
    document = doc(*[book(title=f"Title number {k}") for k in range(10)], numbers=(1, 2, 3, 4, 2, 3, 1, 3, 2, 4))
    for note, restarts in zip(document.notes, (0, 0, 0, 0, 1, 1, 2, 2, 2, 2), strict=False):
        note.run = restarts
    (order,) = [f for f in run(document).findings if f.code == "note-order"]
    assert order.reason == "note numbers out of sequence: 2 after 4; 2 after 3"  # lost first notes, then a shuffle
    assert order.evidence == "1 → 2 → 3 → 4 | 2 → 3 | 1 → 3 → 2 → 4"


def test_printed_note_numbers_out_of_order_are_reported() -> None:
    lines = [f"  {item}. {n}. " + _chapter("A", [n])[0].split(". ", 1)[1] for item, n in enumerate([1, 2, 4, 3, 5], 1)]
    document = parse_text("\n".join(lines))
    assert [(n.run, n.number) for n in document.notes] == [(0, 1), (0, 2), (0, 4), (0, 3), (0, 5)]
    (order,) = [f for f in document.findings if f.code == "note-order"]
    assert order.reason == "note numbers out of sequence: 3 after 4"


def test_format_ranges() -> None:
    assert format_ranges([10, 2, 3, 4, 8]) == "2–4, 8, 10"
    assert format_ranges([]) == ""


def test_dropped_noise_and_citation_in_prose() -> None:
    document = doc(book())
    document.notes.append(
        Note(number=2, list_items=[2], text="See also the discussion in Hill (London: Penguin, 1975) at length.")
    )
    document.dropped = [Dropped(1, "", "blank line"), Dropped(2, "Google Scholar", "link noise")]
    result = run(document)
    found = {f.code: f for f in result.findings}
    assert found["citation-in-prose"].reason.startswith("note 2")
    assert (
        found["dropped-noise"].reason.startswith("1 line(s) left out that are not notes")
        and "link noise" in found["dropped-noise"].reason
    )


# --------------------------------------------------------------------------- title shape
@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("The Making of the English Working Class", None),
        ("Whigs and Hunters: The Origin of the Black Act", None),
        ("Captain Swing", None),
        ("Carry On", None),
        ("The Poverty of", "title-truncated"),
        ("Reflections on the Revolution in", None),  # "in" can end a title ("Let Me In"): not in the list
        ("Reflections on the Revolution and", "title-truncated"),
        ("Histoire de la Révolution et", "title-truncated"),
        ("Die Entstehung der", "title-truncated"),
        ("Studies in the Development of Capitalism (Cambridge", "title-truncated"),
        ("“The Moral Economy of the English Crowd", "title-truncated"),
        ("Primitive Rebels…", "title-truncated"),
        ("The Age of Revolution,", "title-truncated"),
        ("Customs in Common, The Moral Economy Revisited", "title-run-in"),
        ("‘The Peculiarities of the English’, Socialist Register", "title-run-in"),
        ("Witness Against the Beast. William Blake and the Moral Law", "title-run-in"),
        ("Workers’ Control in Russia", None),
        ("U.S. Policy in Latin America", None),
        ("Europe, 1815–1914", None),
    ],
)
def test_title_shape(title: str, code: str | None) -> None:
    result = run(doc(book(title=title)))
    found = [f.code for f in result.works[0].flags if f.code in ("title-truncated", "title-run-in")]
    assert found == ([code] if code else [])


# --------------------------------------------------------------------------- edition / year
def test_edition_dated_in_its_original_year() -> None:
    csl = book(edition="2", original_date={"date-parts": [[1963]]})
    assert ("edition-year", "edition") in codes(run(doc(csl)))


def test_original_date_after_issued() -> None:
    csl = book(original_date={"date-parts": [[1968]]})
    assert ("edition-year", "original-date") in codes(run(doc(csl)))


@pytest.mark.parametrize(
    ("first_year", "second_year", "flagged"),
    [(1963, 1968, False), (1963, 1963, True), (1966, 1963, True)],
)
def test_edition_against_the_same_work_elsewhere(first_year: int, second_year: int, flagged: bool) -> None:
    first = book(issued={"date-parts": [[first_year]]})
    second = book(
        title="Making of the English Working-Class",
        edition="second edition",
        issued={"date-parts": [[second_year]]},
        publisher="Penguin",
        publisher_place="Harmondsworth",
    )
    result = run(doc(first, second))
    assert (("edition-year", "edition") in codes(result, 1)) is flagged


# --------------------------------------------------------------------------- year range
@pytest.mark.parametrize(
    ("issued", "title", "code"),
    [
        (1963, "The Making of the English Working Class", None),
        (2031, "The Making of the English Working Class", "year-future"),
        (1066, "The Making of the English Working Class", "year-too-early"),
        (1985, "The Russian Revolution 1917–1991", "year-before-title-range"),
        (1992, "The Russian Revolution 1917–91", None),
        (1990, "The Russian Revolution 1917–95", "year-before-title-range"),
        (2024, "Revolutionary Europe 1783–1815", None),
    ],
)
def test_year_out_of_range(issued: int, title: str, code: str | None) -> None:
    result = run(doc(book(title=title, issued={"date-parts": [[issued]]})), today_year=2024)
    found = [f.code for f in result.works[0].flags if f.code.startswith("year-")]
    assert found == ([code] if code else [])


def test_no_future_check_without_today() -> None:
    result = flag_document(doc(book(issued={"date-parts": [[2999]]})))
    assert "year-future" not in [f.code for f in result.works[0].flags]


# --------------------------------------------------------------------------- locator vs page range
@pytest.mark.parametrize(
    ("page", "locator", "flagged"),
    [
        ("76–136", "p. 80", False),
        ("76–136", "pp. 130–6", False),
        ("76–136", "p. 341", True),
        ("76–136", "pp. 130–42", True),
        ("76–136", "p. 12", True),
        ("315–28", "p. 320", False),
        ("315–28", "p. 330", True),
        ("76–136", "p. 80 n. 341", False),
        ("xi–xx", "p. 341", False),
    ],
)
def test_locator_outside_page_range(page: str, locator: str, flagged: bool) -> None:
    csl = {
        "type": "article-journal",
        "author": [{"family": "Thompson", "given": "E. P."}],
        "title": "The Moral Economy of the English Crowd in the Eighteenth Century",
        "container-title": "Past & Present",
        "page": page,
        "issued": {"date-parts": [[1971]]},
    }
    result = run(doc(csl, locators=(locator,)))
    assert (("locator-out-of-range", "page") in codes(result)) is flagged


# --------------------------------------------------------------------------- parse confidence
@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([("author", "E. P. Thompson,", 0.97), ("title", "Whigs and Hunters", 0.91)], []),
        ([("author", "E. P. Thompson, Whigs and", 0.41), ("title", "Hunters", 0.88)], ["author"]),
        ([("location", "this was argued at length in", 0.3)], ["publisher-place"]),
        ([("title", "   ", 0.1)], []),  # a blank span says nothing
    ],
)
def test_parse_uncertain(spans: list[tuple[str, str, float]], expected: list[str]) -> None:
    document = doc(book())
    document.notes[0].citations[0].spans = [
        SpanRecord(label=label, text=text, confidence=confidence) for label, text, confidence in spans
    ]
    result = run(document)
    found = [f for f in result.works[0].flags if f.code == "parse-uncertain"]
    assert [f.field for f in found] == expected
    for flag in found:
        assert "note 1" in flag.evidence


def test_parse_uncertain_threshold_is_a_parameter() -> None:
    document = doc(book())
    document.notes[0].citations[0].spans = [SpanRecord(label="title", text="Whigs and Hunters", confidence=0.7)]
    assert "parse-uncertain" not in [f.code for f in run(document).works[0].flags]
    assert "parse-uncertain" in [f.code for f in run(document, uncertain_below=0.8).works[0].flags]


# --------------------------------------------------------------------------- possible duplicates
@pytest.mark.parametrize(
    ("family2", "title2", "flagged"),
    [
        ("Thompson", "The Making of the English Working-Class", True),
        ("Thomson", "Making of the English Working Class", True),
        ("Thompson", "The Making of the English Working Class, Volume One", True),
        ("Thompson", "Whigs and Hunters", False),
        ("Hobsbawm", "The Making of the English Working Class", False),
    ],
)
def test_possible_duplicates(family2: str, title2: str, flagged: bool) -> None:
    other = book(
        author=[{"family": family2, "given": "E. P."}],
        title=title2,
        issued={"date-parts": [[1968]]},
        publisher="Penguin",
        publisher_place="Harmondsworth",
    )
    result = run(doc(book(), other))
    assert (("possible-duplicate", "title") in codes(result, 0)) is flagged
    assert (("possible-duplicate", "title") in codes(result, 1)) is flagged


# --------------------------------------------------------------------------- the driver
def test_flag_document_is_pure_stable_and_idempotent() -> None:
    document = doc(book(title="The Poverty of", issued=None), book(title="Customs in Common"))
    before = copy.deepcopy(document)
    once = run(document)
    assert document == before  # input untouched
    assert once is not document
    twice = run(once)
    assert [w.flags for w in twice.works] == [w.flags for w in once.works]
    assert twice.findings == once.findings
    assert [f.code for f in once.works[0].flags] == ["missing-field", "title-truncated"]


def test_existing_flags_first_and_deduplicated() -> None:
    document = doc(book(title="The Poverty of"))
    existing = Flag("name-suspect", "author", "name contains title words", "E. P. Thompson, The")
    document.works[0].flags = [existing, existing]
    result = run(document)
    assert result.works[0].flags[0] == existing
    assert result.works[0].flags.count(existing) == 1


def test_parsed_text_end_to_end() -> None:
    # the list-item / note-number layout of a publisher's web page, with a jump in the note numbers
    text = (
        "References\n\n"
        "  1. 1.\n    Eric Hobsbawm, Primitive Rebels (Manchester: Manchester University Press, 1959) p. 12."
        "Google Scholar\n"
        "  2. 2.\n    Raymond Williams, Culture and Society (London: Chatto & Windus, 1958) p. 5.Google Scholar\n"
        "  3. 5.\n    Raymond Williams, The Long (London: Chatto & Windus, 1961) p. 5.Google Scholar\n"
        "  4. 6.\n    Perry Anderson, Lineages of the Absolutist State (London: NLB, 2091) p. 30.Google Scholar\n"
    )
    result = run(parse_text(text))
    assert [f.reason for f in result.findings if f.code == "note-gaps"] == ["missing notes 3–4"]
    every = {(w.id, f.code) for w in result.works for f in w.flags}
    assert any(code == "year-future" for _, code in every), every
    for work in result.works:
        for flag in work.flags:
            assert flag.reason


@pytest.mark.parametrize(
    ("family", "flagged"),
    [("Gomez", True), ("Gómez", False), ("Ruiz Sanchez", True), ("Smith", False)],
)
def test_name_accents_lost_in_the_scrape(family, flagged):
    from haliref.check.text_rules import rule_name_accents

    work = Work(id="x", csl={"type": "book", "author": [{"family": family, "given": "Ana"}], "title": "Un libro"})
    flags = rule_name_accents(work, None)
    assert bool(flags) is flagged
    if flagged:
        assert flags[0].code == "name-accents" and "usually written" in flags[0].reason


# --------------------------------------------------------------------------- linear rules, same findings
ROOT = ROOT_DIR
REAL_LISTS = sorted((ROOT / "tests" / "data").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def real_documents() -> list[Document]:
    return [parse_text(path.read_text(encoding="utf-8")) for path in REAL_LISTS]


def _prose_flagged(text: str) -> bool:
    """Whether a note with no citation read in it is reported as holding one (citation-in-prose)."""
    note = Note(number=1, list_items=[1], text=text, lines=[1], citations=[])
    result = flag_document(Document(notes=[note], works=[], dropped=[]), work_rules=(),
                           list_rules=(_list_rules.rule_citation_in_prose,))
    return [f.code for f in result.findings] == ["citation-in-prose"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("See the discussion in Hill (London: Penguin, 1975) at length.", True),  # a bracketed imprint
        ("Hill (Paris: Seuil 1998)", True),
        ("Thompson, Making, pp. 12-14, first printed 1963.", True),  # a page cue, a year later on its line
        ("Müller, Geschichte, S. 45 (1921).", True),
        ("As in 1963, see p. 12.", False),  # the year before the page cue
        ("Thompson, p. 12,\nwritten in 1963.", False),  # the year on another line than the cue
        ("(London, 1975)", False),  # no publisher after a colon
        ("(London: Penguin)", False),  # no year
        ("(London: Penguin, 1375)", False),  # not a year of print
        ("Discussed at length by Hill and Thompson.", False),
        ("", False),
    ],
)
def test_a_note_without_citations_but_with_an_imprint_is_reported(text: str, flagged: bool) -> None:
    assert _prose_flagged(text) is flagged


def test_citation_in_prose_is_found_on_long_runs_of_page_cues() -> None:
    assert _prose_flagged("p. 1, " * 20_000 + "1990")
    assert not _prose_flagged("p. 1, " * 20_000)
    assert not _prose_flagged("p. 1, " * 20_000 + "\n1990")  # the year must be on the cue's line


def _all_pairs(document: Document) -> set[tuple[str, str]]:
    """The duplicate pairs found by comparing every work with every other (the rule before blocking)."""
    keys = {w.id: (_context.title_key(w.csl.get("title", "")), _context.first_family(w.csl)) for w in document.works}
    pairs = set()
    for work in document.works:
        title, family = keys[work.id]
        for other in document.works:
            other_title, other_family = keys[other.id]
            if other.id == work.id or not (title and family and other_title):
                continue
            if not _context.same_family(family, other_family):
                continue
            prefix = (
                len(title.split()) >= 2
                and len(other_title.split()) >= 2
                and (other_title.startswith(title + " ") or title.startswith(other_title + " "))
            )
            if fuzz.ratio(title, other_title) >= _context.DUPLICATE_TITLE_AT or prefix:
                pairs.add((work.id, other.id))
    return pairs


def _flagged_pairs(document: Document) -> set[tuple[str, str]]:
    """Every pair the rule finds (no cap on how many a work names)."""
    with mock.patch.object(_duplicates, "MAX_DUPLICATES_NAMED", len(document.works)):
        result = flag_document(document, work_rules=(_duplicates.rule_possible_duplicate,), list_rules=())
    return {
        (work.id, re.search(r" vs (\S+):", flag.evidence)[1])
        for work in result.works
        for flag in work.flags
        if flag.code == "possible-duplicate"
    }


def test_possible_duplicates_are_the_all_pairs_ones_on_real_lists(real_documents: list[Document]) -> None:
    for document in real_documents:
        document = copy.deepcopy(document)
        for work in document.works:
            work.flags = []
        assert _flagged_pairs(document) == _all_pairs(document)


VARIANTS = [
    ("Thompson", "The Making of the English Working Class"),
    ("Thompson", "Making of the English Working-Class"),
    ("Thomson", "The Making of the English Working Class, Volume One"),
    ("Thompsen", "The Making of the Englsh Working Class"),
    ("van Thompson", "Making of the English"),
    ("E. P. Thompson", "The Making of the English Working Clas"),
    ("Hobsbawm", "The Making of the English Working Class"),
    ("Hobsbawm", "Primitive Rebels"),
    ("Hobsbaum", "Primitive Rebels: Studies"),
    ("Hill", "The World Turned Upside Down"),
    ("Hill", "World Turned Upside-Down"),
    ("Hil", "The World Turned Upside Down"),
]


@given(st.lists(st.sampled_from(VARIANTS), min_size=2, max_size=10))
def test_possible_duplicates_are_the_all_pairs_ones(variants: list[tuple[str, str]]) -> None:
    document = doc(*(book(author=[{"family": family}], title=title) for family, title in variants))
    assert _flagged_pairs(document) == _all_pairs(document)


def test_possible_duplicates_in_a_long_list_of_one_author() -> None:
    titles = [f"Study of {hashlib.sha1(str(n).encode()).hexdigest()[:32]}" for n in range(1000)]
    works = [book(title=title) for title in titles]
    works += [book(title=titles[7] + "."), book(title=titles[9][:-1]), book(title="Making of the English")]
    assert _flagged_pairs(doc(*works)) == {("w7", "w1000"), ("w1000", "w7"), ("w9", "w1001"), ("w1001", "w9")}


def test_near_copies_name_a_few_others_and_count_the_rest() -> None:
    document = doc(*(book(title=f"The Making of the English Working Class{'.' * (n % 3)}") for n in range(40)))
    result = flag_document(document, work_rules=(_duplicates.rule_possible_duplicate,), list_rules=())
    for work in result.works:
        flags = [f for f in work.flags if f.code == "possible-duplicate"]
        assert len(flags) == _duplicates.MAX_DUPLICATES_NAMED + 1  # output linear in the works, not quadratic
        assert flags[-1].reason.startswith("same author and near-identical title as 34 more works")


def test_a_gap_inside_one_chapter_is_not_hidden_by_another_chapter() -> None:
    document = parse_text("\n".join([*_chapter("A", range(1, 6)), "", "Chapter 2", "", *_chapter("B", [1, 2, 4, 5])]))
    assert [n.run for n in document.notes] == [0] * 5 + [1] * 4
    assert missing_note_numbers(document) == [[], [3]]
    (gaps,) = [f for f in document.findings if f.code == "note-gaps"]
    assert gaps.reason == "missing notes run 2: 3"
    assert summarize(document)["missing_notes_text"] == "run 2: 3"


# --------------------------------------------------------------------------- faster rules, brute-force oracles
def _reference_char_damage(work: Work, ctx: _context.FlagContext) -> list[Flag]:
    """Brute force: every damage pattern on every text of the work, no joint scan first."""
    texts = list(_context.strings_of(work.csl))
    texts += [("locator", c.locator) for _, c in ctx.citations.get(work.id, ()) if c.locator]
    return [
        _codes.new_flag("char-damage", key, f"…{snippet}…", detail=label)
        for key, text in texts
        for label, snippet in _text_rules._damage_in(text)
    ]


def _same_as_reference(document: Document) -> None:
    ctx = _context.FlagContext(document=document, citations=_context.citations_by_work(document))
    for work in document.works:
        assert _text_rules.rule_char_damage(work, ctx) == _reference_char_damage(work, ctx), work.csl


def test_damage_rule_equals_the_brute_force_on_real_lists(real_documents: list[Document]) -> None:
    for document in real_documents:
        _same_as_reference(document)


DAMAGE_PIECES = [
    "a",
    "1",
    "9",
    " ",
    "’",
    "‘",
    "'",
    "´",
    "`",
    "?",
    "\ufffd",
    "ï¿½",
    "Ã©",
    "â€™",
    "Å\u00a0",
    "Ä\u00b0",
    "\u0007",
    "\u000b",
    "|",
    "\u0085",
    "Â",
    "Ã",
    "â€",
]


@given(
    st.lists(st.lists(st.sampled_from(DAMAGE_PIECES), max_size=6).map("".join), min_size=1, max_size=4),
)
def test_damage_rule_equals_the_brute_force(texts: list[str]) -> None:
    csl = book(title=texts[0], author=[{"family": piece, "given": "A."} for piece in texts[1:]])
    _same_as_reference(doc(csl, locators=(texts[-1],)))


def _reference_same_family_works(ctx: _context.FlagContext, family: str) -> list[Work]:
    """Brute force: a pass over every work."""
    return [
        w for w in (ctx.document.works if family else ()) if _context.same_family(family, _context.first_family(w.csl))
    ]


def test_same_family_works_are_the_full_scans_on_real_lists(real_documents: list[Document]) -> None:
    for document in real_documents:
        ctx = _context.FlagContext(document=document)
        for work in document.works:
            family = _context.first_family(work.csl)
            assert _context.same_family_works(ctx, family) == _reference_same_family_works(ctx, family)


@given(
    st.lists(
        st.sampled_from(
            [
                "Thompson",
                "Thomson",
                "Thompsen",
                "van Dam",
                "Dam",
                "de la Dam",
                "Hill",
                "Hil",
                "Ng",
                "de Ng",
                "Müller",
                "Muller",
                "Mueller",
                "O'Brien",
                "OBrien",
            ]
        ),
        min_size=1,
        max_size=12,
    )
)
def test_same_family_works_are_the_full_scans(families: list[str]) -> None:
    document = doc(*(book(author=[{"family": family}], title=f"Title {n}") for n, family in enumerate(families)))
    ctx = _context.FlagContext(document=document)
    for family in {_context.first_family(w.csl) for w in document.works} | {"", "dam", "zz"}:
        assert _context.same_family_works(ctx, family) == _reference_same_family_works(ctx, family)


# --------------------------------------------------------------------------- issue 17.8: the unsigned chapter
def test_a_chapter_with_editors_and_no_author_is_flagged() -> None:
    editors = [{"family": "Kenner", "given": "M."}, {"family": "Petras", "given": "J."}]
    chapter = book(type="chapter", author=None, editor=editors, title="A Speech", container_title="Speeches")
    found = run(doc(chapter))
    flag = next(f for f in found.works[0].flags if f.code == "unsigned-chapter")
    assert flag.field == "author" and flag.evidence == "note 1: 'citation 0'"
    assert flag.reason.startswith("a chapter in a book edited by Kenner and Petras, with no author of its own")
    assert _codes.severity("unsigned-chapter") == "warning"
    # signed, or a whole edited book, or no name at all (missing-field says that): no flag
    signed = book(type="chapter", editor=editors, title="A Speech", container_title="Speeches")
    edited_book = book(author=None, editor=editors)
    nameless = book(type="chapter", author=None, title="A Speech", container_title="Speeches")
    for csl in (signed, edited_book, nameless):
        assert "unsigned-chapter" not in {code for code, _ in codes(run(doc(csl)))}
    assert ("missing-field", "author") in codes(run(doc(nameless)))


def test_the_bundled_lists_unsigned_chapter_is_flagged() -> None:
    """The speech in "Fidel Castro Speaks", ed. Kenner and Petras: natbib cited it as "Kenner (1972)"."""
    text = (ROOT_DIR / "seeds" / "halliday-1999-export-of-revolution.txt").read_text(encoding="utf-8")
    document = parse_text(text, today_year=2026)
    flagged = [w.id for w in document.works for f in w.flags if f.code == "unsigned-chapter"]
    chapters = [w.id for w in document.works if w.csl.get("type") == "chapter" and not w.csl.get("author")]
    assert flagged == chapters == ["kenner1972duty"]


def test_possible_duplicates_in_a_large_block_are_found_among_neighbours(monkeypatch):
    """Issue 19 item 15: one author's 600 works whose titles end alike (one block) are not scored each against
    all the others; a near-identical pair, damaged at either end, is still found."""
    import random

    from haliref.model import Document, Work

    rng = random.Random(15)
    titles = [" ".join("".join(rng.choice("abcdefghiklmnoprstu") for _ in range(6)) for _ in range(3)) + " history"
              for _ in range(600)]
    titles[300] = "x" + titles[100][1:]  # the same title, its first letter damaged
    titles[400] = titles[200][:-2] + "yy"  # and its last letters
    works = [Work(id=f"w{k}", csl={"author": [{"family": "Roe"}], "title": t}) for k, t in enumerate(titles)]
    document = Document(notes=[], works=works, dropped=[])
    scored = []
    real = _duplicates.process.extract

    def counting(query, choices, **kwargs):
        scored.append(len(choices))
        return real(query, choices, **kwargs)

    monkeypatch.setattr(_duplicates.process, "extract", counting)
    ctx = _context.FlagContext(document=document)
    found = {w.id: [f.evidence.split(" vs ")[1].split(":")[0] for f in _duplicates.rule_possible_duplicate(w, ctx)]
             for w in works}
    assert found["w100"] == ["w300"] and found["w300"] == ["w100"]
    assert found["w200"] == ["w400"] and found["w400"] == ["w200"]
    assert max(scored) <= 4 * (2 * _duplicates.NEIGHBOURS + 1) < 600


@pytest.mark.parametrize("article", resources.word_list("run_in_articles.txt"))
def test_a_title_run_in_after_a_comma_is_told_by_each_article_of_the_data_file(article):
    title = f"Peasants and Power, {article} Making of Rural Order"
    flags = _text_rules.rule_title_shape(Work("w", {"type": "book", "title": title}), None)
    assert [f.code for f in flags] == ["title-run-in"]
