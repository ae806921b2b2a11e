"""Passages of ancient and medieval works (haliref.parse.classical), read by their shape."""

from __future__ import annotations

from haliref.parse.classical import ClassicalParts, classical_parts
from haliref.parse.split import split_note


def test_abbreviated_author_title_and_passage_are_read_by_their_shape():
    assert classical_parts("Jul. Or. 7.22 (227D)") == ClassicalParts("Jul.", "Or.", "7.22 (227D)")
    assert classical_parts("Zos. 2.32.1–33.1, 38.2–4.") == ClassicalParts("Zos.", "", "2.32.1–33.1, 38.2–4")
    assert classical_parts("Aur. Vict. Caes. 40.15") == ClassicalParts("Aur. Vict.", "Caes.", "40.15")
    assert classical_parts("Bastardy: Zos. 2.8.2, 9.2") == ClassicalParts("Zos.", "", "2.8.2, 9.2", lead="Bastardy:")
    julian = ClassicalParts("Jul.", "Or.", "7.22")
    assert classical_parts("Caes. 335B, 336A", julian) == ClassicalParts("Jul.", "Caes.", "335B, 336A")
    assert classical_parts("Ep. ad Ath. 270C–D", julian) == ClassicalParts("Jul.", "Ep. ad Ath.", "270C–D")


def test_the_authors_words_after_a_passage_are_its_suffix_and_titles_or_figures_are_no_passage():
    assert classical_parts("Amm. 21.10.8 claims Julian also criticized him.") == ClassicalParts(
        "Amm.", "", "21.10.8", rest="claims Julian also criticized him")
    assert classical_parts("Roe, Life of Caesar, 2.3") is None
    assert classical_parts("Roe Life 2.3, Part Two") is None


def test_a_note_of_passages_is_one_citation_each_and_a_chapter_of_this_book_is_none():
    cites, _ = split_note(["Jul. Or. 7.22 (227D); Caes. 335B, 336A; cf. Aur. Vict. Caes. 40.15."])
    assert [(c.prefix, c.body, c.locator) for c in cites] == [
        ("", "Jul. Or.", "7.22 (227D)"), ("", "Caes.", "335B, 336A"), ("cf.", "Aur. Vict. Caes.", "40.15")]
    assert [c.shaped for c in split_note(["See Chapter 3.2 above."])[0]] in ([], [None])
    assert all(not isinstance(c.shaped, ClassicalParts) for c in split_note(["See Table 2.1 and Section 4.3."])[0])


def test_a_word_and_a_sections_number_is_no_passage():
    assert classical_parts("Abschnitt 2.1.3.3. des 2. Teils der Arbeit.") is None
    assert classical_parts("HE 10.5.2") == ClassicalParts("HE", "", "10.5.2")
