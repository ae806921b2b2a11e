"""Segmentation: layouts, furniture, link noise, and every line accounted for."""

from pathlib import Path

import pytest

from haliref._segment import segment, strip_link_noise

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent.parent / "seeds"


def accounted_lines(text: str) -> set[int]:
    result = segment(text)
    in_notes = {line for note in result.notes for line in note.lines}
    dropped = {d.line for d in result.dropped}
    return in_notes | dropped


@pytest.mark.parametrize(
    ("text", "entry", "noise"),
    [
        ("Title (London: Verso, 1990) p. 4.Google Scholar", "Title (London: Verso, 1990) p. 4.", "Google Scholar"),
        ("Title (Oxford: Clarendon, 1993)CrossRefGoogle Scholar", "Title (Oxford: Clarendon, 1993)", "CrossRefGoogle Scholar"),
        ("J. Phys. 12 (1990) 45.ArticleADSMathSciNet", "J. Phys. 12 (1990) 45.", "ArticleADSMathSciNet"),
        ("Title (1990) p. 3. [Crossref] [Google Scholar]", "Title (1990) p. 3.", "[Crossref] [Google Scholar]"),
        ("Title (1990) PubMed\u00a0Web of Science", "Title (1990)", "PubMed\u00a0Web of Science"),
        ("Google Scholar", "", "Google Scholar"),
        # ordinary words that are link text only when glued to punctuation
        ("A Review Article", "A Review Article", ""),
        ("The Mathematics of MATH", "The Mathematics of MATH", ""),
        ("Studies (1990).Article", "Studies (1990).", "Article"),
    ],
)
def test_link_noise_is_split_off(text, entry, noise):
    assert strip_link_noise(text) == (entry, noise)


def test_double_numbered_list_uses_printed_numbers_and_continuations():
    text = (
        "Chapter title\n\n"
        "  1. 3.\n    Ann Roe, A Book (London: Verso, 1990) p. 4.Google Scholar\n"
        "  2. Bob Poe, Another Book (Paris: Seuil, 1980).Google Scholar\n"
        "  3. 7.\n    Cy Doe, Third Book (Oxford: Blackwell, 1970).CrossRef\n"
        "\nCopyright information\n"
    )
    result = segment(text)
    assert [n.number for n in result.notes] == [3, 7]
    assert result.notes[0].list_items == [1, 2]
    assert result.notes[0].item_texts == [
        "Ann Roe, A Book (London: Verso, 1990) p. 4.",
        "Bob Poe, Another Book (Paris: Seuil, 1980).",
    ]
    reasons = {d.text.strip(): d.reason for d in result.dropped}
    assert reasons["Chapter title"] == "before the list"
    assert reasons["Copyright information"].startswith("page furniture")
    assert reasons["CrossRef"] == "link noise"


def test_plain_numbered_notes_keep_their_numbers():
    text = "1. Ann Roe, A Book (London: Verso, 1990).\n2. Bob Poe, Other (Paris: Seuil, 1980).\n"
    assert [n.number for n in segment(text).notes] == [1, 2]


def test_bracket_and_space_numbered_notes():
    text = "[12] Ann Roe, A Book (1990).\n[13] Bob Poe, Other (1980).\n"
    assert [n.number for n in segment(text).notes] == [12, 13]
    text = "7 Ann Roe, A Book (1990).\n8 Bob Poe, Other (1980).\n"
    assert [n.number for n in segment(text).notes] == [7, 8]


def test_one_reference_per_line_and_blank_line_blocks():
    per_line = "Ann Roe, A Book (1990).\nBob Poe, Other (1980).\n"
    assert [n.text for n in segment(per_line).notes] == ["Ann Roe, A Book (1990).", "Bob Poe, Other (1980)."]
    blocks = "Ann Roe, A Long\nBook (1990).\n\nBob Poe, Other\nTitle (1980).\n"
    notes = segment(blocks).notes
    assert [n.number for n in notes] == [None, None]
    assert notes[0].text == "Ann Roe, A Long Book (1990)."


def test_hyphenated_line_break_is_rejoined():
    text = "Ann Roe, The Revo-\nlution (1990).\n\nBob Poe, Other\nTitle (1980).\n"
    assert segment(text).notes[0].text == "Ann Roe, The Revolution (1990)."


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")) + sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_line_is_in_a_note_or_dropped(path):
    text = path.read_text(encoding="utf-8")
    assert accounted_lines(text) == set(range(1, len(text.splitlines()) + 1))


def test_bundled_list_layout():
    result = segment((SEEDS / "halliday-1999-export-of-revolution.txt").read_text(encoding="utf-8"))
    assert len(result.notes) == 29
    numbers = [n.number for n in result.notes]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] == 74
    assert sum(len(n.list_items) for n in result.notes) == 32
    assert all("Google Scholar" not in t for n in result.notes for t in n.item_texts)
    reasons = {d.reason for d in result.dropped}
    assert {"link noise", "blank line", "before the list", "after the list"} <= reasons
    assert "page furniture: preview placeholder" in reasons
    assert "page furniture: affiliations heading" in reasons


def test_running_heads_inside_a_pasted_pdf_list_are_dropped():
    text = (
        "1. Ann Roe, A Book on Hyphen-\nated Things (London: Verso, 1990), p. 4.\n"
        "212\nA RUNNING TITLE\n"
        "2. Ibid., p. 5.\n"
    )
    result = segment(text)
    assert result.notes[0].item_texts == ["Ann Roe, A Book on Hyphenated Things (London: Verso, 1990), p. 4."]
    reasons = {d.line: d.reason for d in result.dropped}
    assert reasons[3] == "running head: page number"
    assert reasons[4] == "running head: running title"
    assert accounted_lines(text) == set(range(1, 6))


def test_plain_numbered_notes_with_gaps_keep_every_note():
    text = "1. Ann Roe, A Book (1990).\n4. Bob Poe, Other (1980).\n5. Cy Doe, Third (1970).\n"
    assert [n.number for n in segment(text).notes] == [1, 4, 5]
    text = "1. Ann Roe, A Book (1990).\n2. Bob Poe, Other (1980).\n5. Cy Doe, Third (1970).\n6. Di Loe, Four (1971).\n"
    assert [n.number for n in segment(text).notes] == [1, 2, 5, 6]


def test_a_year_opening_a_line_is_not_a_note_number():
    text = "1. Ann Roe, A Book (1990).\n2. Bob Poe, Other (1980).\n1990 was the year it appeared.\n"
    notes = segment(text).notes
    assert [n.number for n in notes] == [1, 2]
    assert "1990 was the year" in notes[-1].text
