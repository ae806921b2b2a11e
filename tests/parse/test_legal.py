"""Legal citations (haliref.parse.legal): cases, codes' sections and session laws, read by their shape."""

from __future__ import annotations

import pytest

from haliref import parse_text
from haliref.parse.legal import LegalParts, legal_parts
from haliref.parse.split import split_note


@pytest.mark.parametrize(
    "chunk, kind, title, report, volume, page, locator, date",
    [
        ("Marsh v. Lowe, 912 U.S. 78 (1927).", "legal_case", "Marsh v. Lowe", "U.S.", "912", "78", "", "1927"),
        ("912 U.S. 497, 500 (1954).", "legal_case", "", "U.S.", "912", "497", "500", "1954"),
        ("Marsh, 912 U.S. at 521-22.", "legal_case", "Marsh", "U.S.", "912", "", "521-22", ""),
        ("Roe v. Poe, 41 S.Ct. 7 (1999)", "legal_case", "Roe v. Poe", "S. Ct.", "41", "7", "", "1999"),
        ("Act of May 2, 1921, c. 12, 61 Stat. 95, 96", "legislation", "Act of May 2, 1921", "Stat.", "61", "95", "96",
         "1921"),
        ("15 U.S.C. §903(a).", "legislation", "15 U.S.C. §903", "", "", "", "(a)", ""),
        # a company's "Inc." ends no sentence; a statute's public law number is no part of its name
        ("See also Harbour Motel Inc. v. Lowe, 912 U.S. 24 (1931).", "legal_case", "Harbour Motel Inc. v. Lowe",
         "U.S.", "912", "24", "", "1931"),
        ("Harbour Rights Act of 1931, Pub.L. No. 12-345, 91 Stat. 17.", "legislation", "Harbour Rights Act of 1931",
         "Stat.", "91", "17", "", "1931"),
    ],
)
def test_a_chunk_is_read_by_its_report_or_code(chunk, kind, title, report, volume, page, locator, date):
    parts = legal_parts(chunk)
    assert parts is not None
    assert (parts.kind, parts.title, parts.reporter, parts.volume, parts.page, parts.locator, parts.date) == (
        kind, title, report, volume, page, locator, date)


def test_the_authors_words_around_a_case_are_its_prefix_and_suffix():
    parts = legal_parts("The figures that follow are taken from A.B.C. Harbour Company v. United States, 912 U.S. 495 "
                        "(1935). The Court was unanimous.")
    assert parts is not None
    assert parts.prefix == "The figures that follow are taken from"
    assert parts.title == "A.B.C. Harbour Company v. United States"
    assert parts.suffix == "The Court was unanimous"


def test_books_and_articles_are_not_legal_citations():
    assert legal_parts("Ann Roe, The Harbour Ledger (London: Verso, 1990), p. 4.") is None
    assert legal_parts("Peter Marsh, ‘Tolls’, Northern History 12 (1980), 1–36.") is None


def test_a_semicolon_before_a_codes_section_separates_two_citations():
    citations, _ = split_note(["Act of May 2, 1921, c. 12, 61 Stat. 95, 96; 15 U.S.C. §903."])
    titles = [c.shaped.title for c in citations if isinstance(c.shaped, LegalParts)]
    assert titles == ["Act of May 2, 1921", "15 U.S.C. §903"]


def test_cases_and_statutes_become_legal_items_and_a_pinned_short_form_finds_its_case():
    document = parse_text("1 See A.B.C. Harbour Company v. United States, 912 U.S. 495 (1935).\n"
                          "2 15 U.S.C. §903(d).\n"
                          "3 Harbour Company, 912 U.S. at 521-22.\n")
    case, code, short = (note.citations[0] for note in document.notes)
    assert document.work(case.work).csl["type"] == "legal_case"
    assert document.work(case.work).csl["container-title"] == "U.S."
    assert (case.prefix, short.locator) == ("See", "521-22")
    assert short.work == case.work
    statute = document.work(code.work).csl
    assert (statute["type"], statute["title"], code.locator) == ("legislation", "15 U.S.C. §903", "(d)")


def test_a_cases_name_keeps_its_lower_case_v_in_the_chicago_rendering():
    from haliref.render.chicago import render

    out = render(parse_text("1 See Marsh v. Lowe, 912 U.S. 78 (1927).\n"), style="notes-bibliography", fmt="text")
    assert "Marsh v. Lowe, 912 U.S. 78 (1927)" in out and "Marsh V. Lowe" not in out


def test_english_reports_as_oscola_writes_them():
    """"[1932] AC 562" (the year names the volume), "(1860) 8 HLC 369" (the year before the report, no parties),
    a pinned page after "at pp.", "v" without its stop; "Ch 5" stays a chapter (one stop: kept)."""
    case = legal_parts("Donoghue v Stevenson [1932] AC 562.")
    assert case is not None
    assert (case.title, case.reporter, case.volume, case.page, case.date) == (
        "Donoghue v Stevenson", "A.C.", "", "562", "1932")
    bare = legal_parts("(1861) 9 H. L. C. 274, at pp. 338–9.")
    assert bare is not None
    assert (bare.title, bare.reporter, bare.volume, bare.page, bare.date, bare.locator) == (
        "", "H. L. C.", "9", "274", "1861", "338–9")
    numbered = legal_parts("R v Smith [1959] 2 QB 35")
    assert numbered is not None and (numbered.volume, numbered.reporter, numbered.date) == ("2", "Q.B.", "1959")
    assert legal_parts("See vol. 2 Ch 5 of his book.") is None


@pytest.mark.parametrize(
    ("chunk", "title", "report", "volume", "page", "court", "date"),
    [
        # a state's or a reporter's own volumes, which the data file does not hold: the parties make it a case
        ("State v. Bell, 1872, 7 Baxter (Tenn.) 9.", "State v. Bell", "Baxter", "7", "9", "Tenn.", "1872"),
        ("State v. Ross, 1877, 76 N. C. 242", "State v. Ross", "N. C.", "76", "242", "", "1877"),
        ("Roe v. Poe, 76 N. C. 242 (1877)", "Roe v. Poe", "N. C.", "76", "242", "", "1877"),
    ],
)
def test_a_case_named_by_its_parties_before_any_report(chunk, title, report, volume, page, court, date):
    parts = legal_parts(chunk)
    assert parts is not None and parts.kind == "legal_case"
    assert (parts.title, parts.reporter, parts.volume, parts.page, parts.court, parts.date) == (
        title, report, volume, page, court, date)


def test_no_parties_no_case_before_an_unknown_report():
    assert legal_parts("Ann Roe, Life of Leeds, 1990, 7 Oxford 9.") is None


@pytest.mark.parametrize(
    ("chunk", "title", "date", "locator"),
    [
        ("Laws of S. C., 1866, extra sess., pp. 393–94.", "Laws of S. C.", "1866", "393–94"),
        ("Laws of Ark., 1866–67, p. 99.", "Laws of Ark.", "1866", "99"),
        ("Acts of Va., 1865, ch. 3.", "Acts of Va.", "1865", "3"),
    ],
)
def test_session_laws_named_by_the_state_that_made_them(chunk, title, date, locator):
    parts = legal_parts(chunk)
    assert parts is not None and (parts.kind, parts.title, parts.date, parts.locator) == (
        "legislation", title, date, locator)
