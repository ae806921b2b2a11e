"""Notes numbered with roman or negative numbers before the first arabic note (issue 19 item 13).

A book's front matter (a preface's notes i, ii, iii …) or a list whose editor
numbered some notes below one (-2, -1) comes before note 1. Each such note must
be a note of its own, its marker read as its number, never glued to the note
above or left in the text where the labeller takes it for part of a name.
The references are made up.
"""

import pytest

from haliref import parse_text
from haliref.render.chicago import render

FRONT = [
    ("Mira Elsworth, The Salt Roads of the Lower Rhine (Leiden: Harbour Press,", "1978), 41.",
     "Elsworth", "The Salt Roads of the Lower Rhine"),
    ('Piet Galbraith, "Tariffs and Kinship in the Northern Ports," Journal of',
     "Maritime Ledgers 14, no. 2 (1991): 233–58.", "Galbraith", "Tariffs and Kinship in the Northern Ports"),
    ("Orla Jessop, Granary and Guild: Credit in Rural Parishes (Oxford: Quarry", "Books, 2004), 112.",
     "Jessop", "Granary and Guild: Credit in Rural Parishes"),
    ("Sven Marchbank, The Workshop and the Forge (Toronto: Lantern House,", "1999), 7–9.",
     "Marchbank", "The Workshop and the Forge"),
    ("Edda Fairhurst, Canals and Credit in the Upper Valley (Boston: Meridian,", "1966), 3.",
     "Fairhurst", "Canals and Credit in the Upper Valley"),
]
ARABIC = [
    "Celia Dunmore, The Compass of Empire (Chicago: Compass Press, 2011), 88.",
    "Ibid., 90.",
    "Elsworth, Salt Roads, 45.",
    'Hal Northcote, "Wages on the Estuary," Past and Record 102 (1984): 61–79.',
]
ROMAN = ["i", "ii", "iii", "iv", "v"]


def _page(markers: list[str], wrapped: bool) -> str:
    lines = ["Notes"]
    for marker, (first, second, _, _) in zip(markers, FRONT, strict=False):
        lines.extend([f"{marker} {first}", second] if wrapped else [f"{marker} {first} {second}"])
    lines.extend(f"{number}. {text}" for number, text in enumerate(ARABIC, 1))
    return "\n".join(lines) + "\n"


def _front_notes_read(markers: list[str], wrapped: bool) -> list[dict]:
    """The parse of a page with ``markers`` before the arabic notes: checks the arabic notes, returns the others."""
    document = parse_text(_page(markers, wrapped)).to_dict()
    notes = document["notes"]
    assert len(notes) == len(markers) + len(ARABIC), [note["text"][:40] for note in notes]
    assert [note["number"] for note in notes[len(markers):]] == [1, 2, 3, 4]
    works = {work["id"]: work["csl"] for work in document["works"]}
    for note, (first, second, family, title) in zip(notes[: len(markers)], FRONT, strict=False):
        assert note["text"] == f"{first} {second}"  # the marker is not note text
        assert len(note["citations"]) == 1
        csl = works[note["citations"][0]["work"]]
        assert csl["author"][0]["family"] == family
        assert csl["title"] == title
        assert note["citations"][0]["prefix"] == ""
    return notes[: len(markers)]


MARKER_STYLES = {
    "dot": "{}.",
    "paren": "{})",
    "parens": "({})",
    "brackets": "[{}]",
}


@pytest.mark.parametrize("wrapped", [False, True], ids=["one-line", "wrapped"])
@pytest.mark.parametrize("style", sorted(MARKER_STYLES))
def test_roman_numbered_notes_before_the_first_arabic_one_are_notes_of_their_own(style, wrapped):
    markers = [MARKER_STYLES[style].format(numeral) for numeral in ROMAN]
    front = _front_notes_read(markers, wrapped)
    assert [note["label"] for note in front] == ROMAN
    assert all(note["number"] is None for note in front)


@pytest.mark.parametrize("wrapped", [False, True], ids=["one-line", "wrapped"])
def test_capital_roman_numbers_in_a_run_are_note_markers(wrapped):
    front = _front_notes_read(["I.", "II.", "III.", "IV."], wrapped)
    assert [note["label"] for note in front] == ["I", "II", "III", "IV"]


@pytest.mark.parametrize("wrapped", [False, True], ids=["one-line", "wrapped"])
@pytest.mark.parametrize("style", ["-{}.", "-{}", "\u2212{}.", "\u2212{}"])
def test_negative_numbered_notes_before_the_first_arabic_one_keep_their_numbers(style, wrapped):
    front = _front_notes_read([style.format(k) for k in (3, 2, 1)], wrapped)
    assert [note["number"] for note in front] == [-3, -2, -1]
    assert all("label" not in note for note in front)


def test_a_front_note_is_not_flagged_as_unnumbered_and_is_printed_with_its_numeral():
    document = parse_text(_page(["i.", "ii."], wrapped=False))
    assert not [flag for flag in document.findings if flag.code == "notes-unnumbered"]
    notes = render(document, what="notes", fmt="text")
    assert "i. Mira Elsworth" in notes and "ii. Piet Galbraith" in notes


@pytest.mark.parametrize(
    "line",
    [
        "I. Berlin, Two Concepts of Liberty (Oxford: Clarendon, 1958).",  # an initial, not note I
        "V. Woolf, A Room of One's Own (London: Hogarth, 1929).",
        "i. e. the second of the two editions.",  # "i.e." spelled out across a space
        "-58.",  # the end of a page range wrapped to the next line
    ],
)
def test_what_only_looks_like_a_roman_or_negative_marker_inside_a_numbered_list_is_note_text(line):
    text = f"1. Celia Dunmore, The Compass of Empire (Chicago: Compass Press, 2011), 88.\n{line}\n"
    text += "2. Hal Northcote, Wages on the Estuary (London: Meridian, 1984), 61.\n"
    notes = parse_text(text).to_dict()["notes"]
    assert [note["number"] for note in notes] == [1, 2]
    assert notes[0]["text"].endswith(line)


def test_initials_that_are_roman_numerals_open_an_unnumbered_list_unharmed():
    lines = ["I. Berlin, Two Concepts of Liberty (Oxford: Clarendon, 1958).",
             "Ada Ashdown, The Harbour Ledger (London: Meridian, 1990).",
             "V. Stroud, Quarry and Parish (Boston: Compass Press, 1971)."]
    notes = parse_text("\n".join(lines) + "\n").to_dict()["notes"]
    assert [note["text"] for note in notes] == lines
    assert all(note["number"] is None and "label" not in note for note in notes)


def test_no_front_note_is_read_in_the_synthetic_pages():
    """The training references' initials ("I. Roe", "V. Lind"), enumerations inside notes and wrapped lines
    hold no run of roman or negative numbers the segmenter would read as notes."""
    from haliref.read.segment import front_notes_of
    from haliref.read.synthetic import synthetic_pages

    assert not any(front_notes_of(lines) for lines, _ in synthetic_pages(400, seed=20261204))


@pytest.mark.parametrize(("numeral", "value"), [("i", 1), ("iv", 4), ("ix", 9), ("xiv", 14), ("XL", 40),
                                                ("iiv", None), ("vx", None), ("iiii", None)])
def test_roman_numerals_are_read_only_when_written_the_usual_way(numeral, value):
    from haliref.read.segment import roman_numeral, roman_value

    assert roman_value(numeral) == value
    if value:
        assert roman_numeral(value) == numeral.lower()


@pytest.mark.parametrize("markers", [["(i)", "(ii)", "(iii)"], ["-3", "-2", "-1"]], ids=["roman", "negative"])
@pytest.mark.parametrize("size", [3, 1000])
def test_front_notes_give_the_same_works_streamed(markers, size):
    """The streamed path (blocks of ``size`` lines, one merge stage) reads them as the whole document does."""
    from haliref.scale.stream import parse_stream

    text = _page(markers, wrapped=True)
    with parse_stream(iter(text.splitlines(keepends=True)), size=size) as streamed:
        works = [(work.id, work.csl) for work in streamed.works()]
    assert works == [(work.id, work.csl) for work in parse_text(text).works]
    assert len(works) == 5
