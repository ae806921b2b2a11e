"""Segmentation: layouts, furniture, link noise, and every line accounted for."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT_DIR, TESTS_DIR

from haliref import parse_text
from haliref.read import segment as _segment
from haliref.read.segment import clean_line, longest_run, segment, strip_link_noise

DATA = TESTS_DIR / "data"
SEEDS = ROOT_DIR / "seeds"


def accounted_lines(text: str) -> set[int]:
    result = segment(text)
    in_notes = {line for note in result.notes for line in note.lines}
    dropped = {d.line for d in result.dropped}
    return in_notes | dropped


@pytest.mark.parametrize(
    ("text", "entry", "noise"),
    [
        ("Title (London: Verso, 1990) p. 4.Google Scholar", "Title (London: Verso, 1990) p. 4.", "Google Scholar"),
        (
            "Title (Oxford: Clarendon, 1993)CrossRefGoogle Scholar",
            "Title (Oxford: Clarendon, 1993)",
            "CrossRefGoogle Scholar",
        ),
        ("J. Phys. 12 (1990) 45.ArticleADSMathSciNet", "J. Phys. 12 (1990) 45.", "ArticleADSMathSciNet"),
        ("Title (1990) p. 3. [Crossref] [Google Scholar]", "Title (1990) p. 3.", "[Crossref] [Google Scholar]"),
        ("Title (1990) PubMed\u00a0Web of Science", "Title (1990)", "PubMed\u00a0Web of Science"),
        ("Google Scholar", "", "Google Scholar"),
        # ordinary words that are link text only when glued to punctuation
        ("A Review Article", "A Review Article", ""),
        ("The Mathematics of MATH", "The Mathematics of MATH", ""),
        ("Studies (1990).Article", "Studies (1990).", "Article"),
        # an e-book's and a web page's link back to the text
        ("Title, Madrid, 1977, p. 23. <<", "Title, Madrid, 1977, p. 23.", "<<"),
        ("Title (London, 1990), 45.↩", "Title (London, 1990), 45.", "↩"),
        ("Title «Rivista» << Storia", "Title «Rivista» << Storia", ""),
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


def test_a_note_made_of_several_list_items_when_only_two_items_print_a_note_number():
    """SpringerLink's older layout gives each citation of a note its own list item: "1. 2." opens note 2, the
    four items after it carry no printed number and go on with it, "6. 4." opens note 4."""
    items = "".join(f"  {n}. {who}, Book {n} (London, 19{60 + n}).Google Scholar\n"
                    for n, who in ((2, "Bob Poe"), (3, "Cy Doe"), (4, "Di Hay"), (5, "Ed Fay")))
    text = ("Chapter title\n\n  1. 2.\n    Ann Roe, A Book (Paris, 1968).Google Scholar\n" + items
            + "  6. 4.\n    Fay Lo, Last Book (London, 1969), p. 20.Google Scholar\n")
    result = segment(text)
    assert [n.number for n in result.notes] == [2, 4]
    assert result.notes[0].list_items == [1, 2, 3, 4, 5]


def test_a_plain_list_whose_notes_open_with_numbers_is_not_double_numbered():
    assert not _segment.double_numbered(["3.", "Ann Roe, A Book.", "Bob Poe, B.", "Cy Doe, C.", "2."])  # falling
    assert not _segment.double_numbered(["Ann Roe, A Book.", "4.", "Bob Poe, B.", "Cy Doe, C.", "5."])  # first bare


def test_a_note_the_page_cut_short_loses_its_mark_to_the_dropped_report():
    """OpenEdition's margin notes: "• 1 . Roe, …" (a space before the number's stop), cut at about a hundred
    characters with "(...)"; the mark and the comma it left go to ``dropped``."""
    result = segment("  • 1 . Ann Roe, Le port de Brest, Paris, Armand Colin, (...)\n"
                     "  • 2 . Bob Poe, « Les marins (...)\n")
    assert [(n.number, n.text) for n in result.notes] == [
        (1, "Ann Roe, Le port de Brest, Paris, Armand Colin"), (2, "Bob Poe, « Les marins")]
    assert [(d.text, d.reason) for d in result.dropped] == [
        (", (...)", "cut short by the page"), ("(...)", "cut short by the page")]


def test_a_heading_word_before_an_author_date_list_run_together_is_dropped_as_a_heading():
    result = segment("References Roe, Ann P. 1987. The harbour in its sentential aspect. PhD dissertation, MIT. "
                     "Poe, Bob C. 1988. Incorporation: A theory of harbours. Chicago: University of Chicago Press.\n")
    assert [n.text[:9] for n in result.notes] == ["Roe, Ann ", "Poe, Bob "]
    assert [(d.text, d.reason) for d in result.dropped] == [("References", "heading")]


def test_an_empty_field_between_two_commas_is_closed_up_and_reported():
    """Cambridge Core's footnotes print a name as a link the scrape leaves out: "Thomson, , Lollards"."""
    result = segment("1. Roe, , Lollards; Poe, , PR, pp. 144, 446–56.\n")
    assert result.notes[0].text == "Roe, Lollards; Poe, PR, pp. 144, 446–56."
    assert [(d.text, d.reason) for d in result.dropped] == [
        (",", "empty field: the page left out a name or title")] * 2
    assert segment("1. Roe, 12, , 14.\n").notes[0].text == "Roe, 12, 14."


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
    blocks = (
        "Ann Roe, A Long Book on the Agrarian History of the Northern Provinces, with a\n"
        "Preface by the Author (London: Verso, 1990).\n\n"
        "Bob Poe, Another Title on the Social History of the Southern Provinces, in Two\n"
        "Volumes (Paris: Seuil, 1980).\n"
    )
    notes = segment(blocks).notes
    assert [n.number for n in notes] == [None, None]
    assert notes[0].text == (
        "Ann Roe, A Long Book on the Agrarian History of the Northern Provinces, with a Preface by the Author "
        "(London: Verso, 1990)."
    )


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


# --- link-noise stripping and run finding --------------------------------------------------------------


def _real_lines() -> list[str]:
    paths = sorted(DATA.rglob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    return [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]


def _check_link_noise(text: str) -> None:
    """What strip_link_noise answers, whatever the text: the kept text is the line's start, the noise its
    whole rest (spaces aside) and noise through and through; on a line, what is kept has no noise left."""
    kept, noise = strip_link_noise(text)
    assert text.startswith(kept)
    assert text[len(kept) :].strip() == noise
    if noise:
        assert strip_link_noise(noise) == ("", noise)
    if "\n" not in text:
        assert strip_link_noise(kept) == (kept, "")


ENTRY = "Ann Roe, Life (London, 1990)."


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        (ENTRY + " CrossRefGoogle Scholar", (ENTRY, "CrossRefGoogle Scholar")),
        (ENTRY + "[CrossRef] [Google Scholar]", (ENTRY, "[CrossRef] [Google Scholar]")),
        ("Google Scholar", ("", "Google Scholar")),
        ("Ann Roe, Google and the State (London, 2010).", ("Ann Roe, Google and the State (London, 2010).", "")),
    ],
)
def test_link_noise_is_stripped_from_the_end_of_a_line(line, answer):
    assert strip_link_noise(line) == answer


def test_link_noise_stripping_keeps_its_promises_on_real_lines():
    for line in _real_lines():
        for text in (line, clean_line(line)):
            _check_link_noise(text)


_PIECES = ["CrossRef", "Google", "Scholar", "Google Scholar", "[", "]", "Article", "ADS", "Full Text", "via",
           "Web of Science", "®", "MATH", "Link", " ", "\u00a0", "\t", ".", ")", "?", ",", "1990", "a", "(", "-",
           "’", "\"", "\n", "Find it", "PubMed Central"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_link_noise_stripping_keeps_its_promises(pieces):
    _check_link_noise("".join(pieces))


@pytest.mark.parametrize("unit", ["CrossRef ", "Google Scholar ", "[CrossRef]", "CrossRefGoogle Scholar"])
def test_long_runs_of_link_text_are_stripped_whole(unit):
    noise = (unit * 3000).strip()
    assert strip_link_noise("Ann Roe, Life (London, 1990). " + noise) == ("Ann Roe, Life (London, 1990).", noise)
    assert strip_link_noise(noise) == ("", noise)
    assert strip_link_noise(noise + " and more") == (noise + " and more", "")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\t"])
def test_whitespace_runs_before_and_inside_link_text(space):
    entry = "Ann Roe, Life (London, 1990)."
    assert strip_link_noise(entry + space * 20_000 + "Google" + space * 20_000 + "Scholar") == (
        entry, "Google" + space * 20_000 + "Scholar"
    )
    assert strip_link_noise("Ann Roe," + space * 20_000 + "Life") == ("Ann Roe," + space * 20_000 + "Life", "")


def _brute_force_longest_run(markers):
    best = []
    for start in range(len(markers)):
        run = [start]
        expected = markers[start][1] + 1
        for index in range(start + 1, len(markers)):
            if markers[index][1] == expected:
                run.append(index)
                expected += 1
        if len(run) > len(best):
            best = run
    return best


@given(st.lists(st.integers(1, 8), max_size=40))
def test_longest_run_matches_the_quadratic_search(numbers):
    markers = list(enumerate(numbers))
    assert longest_run(markers) == _brute_force_longest_run(markers)


def test_longest_run_on_thousands_of_identical_markers():
    assert longest_run([(i, 1) for i in range(20_000)]) == [0]
    markers = [(i, 1 + i % 2) for i in range(20_000)]  # 1, 2, 1, 2 …
    assert longest_run(markers) == [0, 1]
    assert longest_run([(i, i + 1) for i in range(20_000)]) == list(range(20_000))


def test_thousands_of_identical_markers_keep_every_line():
    text = "\n".join("1. Ann Roe, Life (London, 1990)." for _ in range(3000))
    assert accounted_lines(text) == set(range(1, 3001))


def test_numbered_first_line_is_cleaned():
    text = "1.\u00a0Ann\u200bRoe,\u00a0\u00a0 Life\u2007and Times (London, 1990).\n2. Ibid."
    assert [note.text for note in segment(text).notes] == ["AnnRoe, Life and Times (London, 1990).", "Ibid."]


def _translated_then_collapsed(line: str) -> str:
    """clean_line's definition: invisible characters removed, runs of odd spaces made one space, ends stripped."""
    return re.sub(
        "[ \t\u00a0\u2007\u202f]+", " ", line.translate(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff")))
    ).strip()


@given(st.text(alphabet=" \t\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff\u3000\u2003\nab.", max_size=30))
def test_clean_line_matches_translate_then_collapse(line):
    assert clean_line(line) == _translated_then_collapsed(line)


def test_clean_line_on_real_lines():
    for line in _real_lines():
        assert clean_line(line) == _translated_then_collapsed(line), line


# --- endnotes of a whole book: numbering restarts in each chapter ---------------------------------

def _entry(chapter: int, number: int) -> str:
    return f"Ann Roe{chapter}, Life {number} (London: Faber, 19{50 + number % 40}), {number}."


def test_numbering_that_restarts_per_chapter_keeps_every_note():
    lines = ["Notes", ""]
    for chapter, count in enumerate([40, 35, 52], 1):
        if chapter > 1:
            lines += [f"Chapter {chapter}: A Chapter Title", ""]
        for number in range(1, count + 1):
            lines.append(f"{number}. {_entry(chapter, number)}")
            if number == 7:
                lines.append("with a second line.")
        lines.append("")
    text = "\n".join(lines)
    result = segment(text)
    assert [n.number for n in result.notes] == list(range(1, 41)) + list(range(1, 36)) + list(range(1, 53))
    assert result.notes[6].text == _entry(1, 7) + " with a second line."
    assert result.notes[39].text == _entry(1, 40)  # the heading below is not glued to the chapter's last note
    assert result.notes[40].text == _entry(2, 1)
    headings = [(d.text, d.reason) for d in result.dropped if d.reason == "heading"]
    assert headings == [("Notes", "heading"), ("Chapter 2: A Chapter Title", "heading"),
                        ("Chapter 3: A Chapter Title", "heading")]
    assert accounted_lines(text) == set(range(1, len(text.splitlines()) + 1))


def test_chapter_headings_without_blank_lines_and_short_chapters():
    lines = [f"{i}. {_entry(1, i)}" for i in range(1, 6)] + ["2 The Second Chapter"]
    lines += [f"{i}. {_entry(2, i)}" for i in range(1, 5)] + ["Notes to the third chapter"]
    lines += [f"{i}. {_entry(3, i)}" for i in range(1, 4)]
    text = "\n".join(lines)
    result = segment(text)
    assert [n.number for n in result.notes] == [1, 2, 3, 4, 5, 1, 2, 3, 4, 1, 2, 3]
    assert {d.line: d.reason for d in result.dropped} == {6: "heading", 11: "heading"}
    # a chapter's last note running on to the next chapter keeps its text
    text = "\n".join([f"{i}. {_entry(1, i)}" for i in range(1, 6)] + ["and the end of five."]
                     + [f"{i}. {_entry(2, i)}" for i in range(1, 6)])
    assert segment(text).notes[4].text == _entry(1, 5) + " and the end of five."


def test_each_restart_of_numbering_starts_a_run():
    lines = [f"{i}. {_entry(1, i)}" for i in range(1, 6)] + ["2 The Second Chapter"]
    lines += [f"{i}. {_entry(2, i)}" for i in range(1, 5)] + [f"{i}. {_entry(3, i)}" for i in range(1, 4)]
    assert [(n.run, n.number) for n in segment("\n".join(lines)).notes] == (
        [(0, i) for i in range(1, 6)] + [(1, i) for i in range(1, 5)] + [(2, i) for i in range(1, 4)]
    )
    assert {n.run for n in segment("\n".join(f"{i}. {_entry(1, i)}" for i in range(1, 9))).notes} == {0}
    notes = parse_text("\n".join(lines)).to_dict()["notes"]
    assert [note.get("run") for note in notes] == [None] * 5 + [1] * 4 + [2] * 3  # only lists numbered per chapter


@pytest.mark.parametrize("where", [5, 40])
def test_an_enumeration_inside_a_note_is_not_a_chapter(where):
    lines = [f"{i}. {_entry(1, i)}" for i in range(1, 41)]
    lines[where - 1:where - 1] = ["1) a first point;", "2) a second point;"]
    result = segment("\n".join(lines))
    assert [n.number for n in result.notes] == list(range(1, 41))
    assert "1) a first point; 2) a second point;" in result.notes[where - 2].text


def test_restarting_numbering_as_generated_for_the_big_file_benchmark():
    import random

    rng = random.Random(3)
    lines, number = [], 0
    for note in range(1, 1999):  # 54 chapters of 37 notes
        number = number + 1 if number < 37 else 1
        lines.append(f"{number}. {_entry(note, number)}")
        if rng.random() > 0.95:
            lines.append(rng.choice(["CrossRef", "Google Scholar", ""]))
    text = "\n".join(lines)
    result = segment(text)
    assert [n.number for n in result.notes] == list(range(1, 38)) * 54
    assert accounted_lines(text) == set(range(1, len(lines) + 1))
    assert {d.reason for d in result.dropped} <= {"link noise", "blank line"}


def test_a_chapter_of_two_notes_is_read_as_a_new_run():
    """The page reader reads two notes numbered 1 and 2 after note 40 as a new chapter's notes.

    (The rules before it glued them to note 40 as an enumeration: a chapter had to
    bring three notes to count.)
    """
    lines = [f"{i}. {_entry(1, i)}" for i in range(1, 41)] + [f"{i}. {_entry(2, i)}" for i in (1, 2)]
    result = segment("\n".join(lines))
    assert [n.number for n in result.notes] == [*range(1, 41), 1, 2]
    assert [n.run for n in result.notes] == [0] * 40 + [1, 1]
    assert result.notes[-1].text == _entry(2, 2)


@given(
    st.lists(st.integers(3, 30), min_size=2, max_size=6),
    st.lists(st.sampled_from(["", "Chapter Two", "NOTES TO CHAPTER TWO", "Part One: A Title", "CrossRef"]), max_size=3),
)
def test_every_chapter_of_three_notes_or_more_is_found(sizes, between):
    lines: list[str] = []
    for chapter, size in enumerate(sizes, 1):
        if chapter > 1:
            lines += between
        lines += [f"{number}. {_entry(chapter, number)}" for number in range(1, size + 1)]
    text = "\n".join(lines)
    result = segment(text)
    expected = [(chapter, number) for chapter, size in enumerate(sizes, 1) for number in range(1, size + 1)]
    assert [(n.number, n.text) for n in result.notes] == [(number, _entry(c, number)) for c, number in expected]
    assert accounted_lines(text) == set(range(1, len(lines) + 1))


def test_note_numbers_glued_to_the_text_are_markers_but_years_are_not():
    text = (
        "1Ann Roe, A Book (London, 1990), 3.\n"
        "2“A Quoted Article,” Journal 4 (1991): 5.\n"
        "3Ibid., 7.\n"
        "1984 Orwell Society, Annual Report (Leeds, 1985).\n"
    )
    notes = segment(text).notes
    assert [note.number for note in notes] == [1, 2, 3]
    assert notes[1].text.startswith("“A Quoted Article,”")
    assert notes[2].text.endswith("Ibid., 7. 1984 Orwell Society, Annual Report (Leeds, 1985).")


def test_note_numbers_of_five_and_six_digits_are_markers():
    """Issue 19 item 14: a list past note 9,999 goes on being read note by note."""
    reference = "Ada Ashdown, The Harbour Ledger (London: Meridian, {year}), p. {page}."
    numbers = [9998, 9999, 10000, 10001, 99999, 100000, 100001]
    text = "\n".join(f"{n}. {reference.format(year=1900 + i, page=i + 1)}" for i, n in enumerate(numbers))
    notes = segment(text).notes
    assert [note.number for note in notes] == numbers
    assert all(note.text.startswith("Ada Ashdown, The Harbour Ledger") for note in notes)
    assert _segment.note_marker("[12345] Text") == (12345, "Text")
    assert _segment.note_marker("123456) Text") == (123456, "Text")
    assert _segment.note_marker("1234567. Text") is None  # seven digits: not a note number


def test_joining_a_giant_note_keeps_every_line_and_its_hyphen_breaks():
    """Issue 19 item 14: the parts are joined once (it was a copy of the note so far per line: quadratic)."""
    parts = [f"word{i} lo-" if i % 2 else f"ng{i}" for i in range(20_001)]
    joined = _segment.join_parts(parts)
    assert joined.split(" ")[:4] == ["ng0", "word1", "long2", "word3"]
    assert joined.count("long") == 10_000 and "-" not in joined
    assert _segment.join_parts(["a-", "B", "", "c-", "-d"]) == "a- B c- -d"
    # a note broken at a link or an italic span: the comma or bracket that opens a line is glued back
    assert _segment.join_parts(["J. Roe", ", ‘A Title’,", "A Journal", "(1957)", "; and", "(ed.)"]) == (
        "J. Roe, ‘A Title’, A Journal (1957); and (ed.)")
    note = segment("1. " + "\n".join(["Ada Ashdown, The Harbour Ledger (London: Meridian, 1990), where"]
                                     + ["the record of trade and credit in the northern ports"] * 3000)).notes
    assert len(note) == 1 and note[0].lines == list(range(1, 3002))


def test_a_note_written_out_with_a_label_and_its_number_is_a_marker():
    """E-books and Project Gutenberg texts: "[Footnote 182: Alison, c. lxxvi.]" (labels in data/note_labels.txt)."""
    # the closing bracket stays with the text (nothing is lost); the citation's edges are stripped later
    assert _segment.note_marker("[Footnote 182:  Alison, c. lxxvi.]") == (182, "Alison, c. lxxvi.]")
    assert _segment.note_marker("[Anm. 4: Roe, Leben, 12.") == (4, "Roe, Leben, 12.")
    assert _segment.note_marker("[Chapter 4: The Town]") is None


def test_a_label_and_number_without_a_bracket_open_a_note_when_a_dash_or_colon_follows():
    """Italian and other web editions: "nota 03 - text", "Note 4: text"; a sentence that starts with the word does
    not ("Note 4 of the list …")."""
    assert _segment.note_marker("nota 03 - Vedi Rossi, Storia, p. 4.") == (3, "Vedi Rossi, Storia, p. 4.")
    assert _segment.note_marker("Note 4: Roe, Leben, 12.") == (4, "Roe, Leben, 12.")
    assert _segment.note_marker("Note 4 of the list gives the sources.") is None
    assert _segment.note_marker("page 12 note 3 Roe, Leben, 12.") == (3, "Roe, Leben, 12.")
    assert _segment.note_marker("page 12 of the note 3 says") is None
    notes = segment("Note storiche\nnota 01 - Lo racconta il Rossi.\nnota 02 - Rossi, Storia, p. 4.\n").notes
    assert [(n.number, n.text) for n in notes] == [(1, "Lo racconta il Rossi."), (2, "Rossi, Storia, p. 4.")]


def test_an_older_journals_notes_on_one_page_are_numbered_notes_not_notes_keyed_to_that_page():
    """"page 221 note 1 …" three times over looks like notes keyed to page 221; the label and number say
    otherwise."""
    text = ("page 221 note 1 I am indebted to Ann Roe for criticism.\n"
            "page 221 note 2 This view is old (see Poe, B., Hamartia, 1968, 69 ff.).\n"
            "page 221 note 3 Doe, C., ‘Tragic error’, C.Q. xliii (1949), 47–57.\n")
    notes = segment(text).notes
    assert [(n.number, n.label) for n in notes] == [(1, None), (2, None), (3, None)]
    assert notes[1].text == "This view is old (see Poe, B., Hamartia, 1968, 69 ff.)."


def test_words_opening_with_a_heading_word_before_run_together_notes_are_a_heading():
    """A PDF's notes pasted as one paragraph, led by "NOTES" and a list of abbreviations: a heading, dropped with its
    words, not a note of its own."""
    result = segment("NOTES Abbreviations used in the notes: RHS Royal Harbour Society Notes to the Introduction "
                     "1. Ann Roe, A Book (London: Verso, 1990), p. 4. 2. Ibid., p. 5. 3. Ibid., p. 7.")
    assert [n.number for n in result.notes] == [1, 2, 3]
    assert [d.reason for d in result.dropped] == ["heading"]
    assert result.dropped[0].text.startswith("NOTES Abbreviations used in the notes")


def test_a_bulleted_number_glued_to_its_text_is_a_marker():
    assert _segment.note_marker("- 1.All references are to the files of the Foreign Office.") == (
        1, "All references are to the files of the Foreign Office.",
    )
    assert _segment.note_marker("- 12.The Baghdad Pact has generated interest.")[0] == 12


def test_a_bulleted_note_number_is_a_marker():
    assert _segment.note_marker("  • 13. Sutton, Britain and the Cold War, p. 106.") == (
        13, "Sutton, Britain and the Cold War, p. 106.",
    )
    assert _segment.note_marker("• Cited in Hume, Life, p. 4.") is None  # a bullet alone numbers nothing



def test_note_numbers_glued_to_their_text_on_several_lines_get_their_space_back():
    text = ("Endnotes\n1.T. Irving, Labour Historians (Sydney, 1994), 3.\n"
            "2.J. Merritt, The Canberra Years (Perth, 1991), 8.\n")
    assert [(n.number, n.text[:10]) for n in segment(text).notes] == [(1, "T. Irving,"), (2, "J. Merritt")]
    assert _segment.note_marker("1.LondonUK") is None  # one such line alone is not read as a note number


def test_a_bracketed_number_with_its_full_stop_is_a_marker():
    """Digitised older books print "[396.] Archivio …": the bracket holds the number and its full stop."""
    assert _segment.note_marker("[396.] Archivio Roe, Conferma della donazione, 12.") == (
        396, "Archivio Roe, Conferma della donazione, 12.",
    )
    text = "[396.] Archivio Roe, Lettere, 12.\n\n[397.] Ann Roe, Storie, in-8. Milano, 1807, III, 56.\n"
    assert [note.number for note in segment(text).notes] == [396, 397]
    # or its full stop after the bracket, as e-book sites print a book's bracketed note numbers: "[150]. State …"
    assert _segment.note_marker("[150]. Ann Roe, Lettere, 12.") == (150, "Ann Roe, Lettere, 12.")


def test_a_number_followed_by_a_semicolon_opens_no_note():
    """An issue number wrapped onto its own line ("… 2009/2 (n°" / "12) ; Roe, Title …") is no note 12."""
    assert _segment.note_marker("12) ; Napoléon III, Paris, Fayard, 1985.") is None
    assert _segment.note_marker("12, 45–67.") is None
    assert _segment.note_marker("12) Roe, Title, 45.") == (12, "Roe, Title, 45.")


def test_notes_shown_as_table_rows_lose_the_rows_rules_which_are_reported():
    text = ("Authors: Ann Roe\n"
            "10 . | Marsh, The Grain Trade , vi. pp. 83–4. |\n"
            "11 . | Lowe, Diaries, iii., 218. |\n"
            "12 . | Although the ports were free, see Jan de Vries, The Dutch Rural Economy (New Haven, 1974), "
            "pp. 26–42. |\n")
    result = segment(text)
    assert [(n.number, n.text) for n in result.notes] == [
        (10, "Marsh, The Grain Trade , vi. pp. 83–4."), (11, "Lowe, Diaries, iii., 218."),
        (12, "Although the ports were free, see Jan de Vries, The Dutch Rural Economy (New Haven, 1974), pp. 26–42."),
    ]
    assert {d.line for d in result.dropped if d.reason == "table rule"} == {2, 3, 4}


def test_link_text_glued_after_a_stop_with_the_authors_words_after_it_is_removed():
    """"pp. 407–451.Google Scholar Although …": glued on its left, the phrase is the page's link, not the author's
    mention of it, which a space precedes."""
    assert _segment.strip_inline_link_noise("Review 9, pp. 407–451.Google Scholar Although valuable, it errs.") == (
        "Review 9, pp. 407–451. Although valuable, it errs.", ["Google Scholar"])
    assert _segment.strip_inline_link_noise("as one finds with Google Scholar for instance")[1] == []


def test_link_text_after_a_space_and_before_a_stop_is_removed():
    """"(Leipzig 1881) 16 Google Scholar.": the page's link after the cited page, a space before it and the
    note's stop after it; the author's own mention of the service, words on both sides, stays."""
    assert _segment.strip_inline_link_noise("Roe, A., Der Rat (Leipzig 1881) 16 Google Scholar.") == (
        "Roe, A., Der Rat (Leipzig 1881) 16.", ["Google Scholar"])
    assert _segment.strip_inline_link_noise("Origo: 6 Google Scholar.30: ‘Ibi senatum’") == (
        "Origo: 6.30: ‘Ibi senatum’", ["Google Scholar"])
    assert _segment.strip_inline_link_noise("I searched Google Scholar and found none.")[1] == []
    # before the pages cited, after the work's imprint
    assert _segment.strip_inline_link_noise("Roe, Lives (Leeds, 1990), Google Scholar p. 45.") == (
        "Roe, Lives (Leeds, 1990), p. 45.", ["Google Scholar"])
    assert _segment.strip_inline_link_noise("as found in Google Scholar 2 times")[1] == []  # the author's words


def test_a_year_links_word_glued_to_an_in_text_citations_year_is_removed():
    """Taylor & Francis's pages print "Citation" hidden before each in-text citation's year: glued to the year it is
    link text ("(Citation2009: 755)"), not the author's word ("the Citation of 1990", "Citation 2009")."""
    assert _segment.strip_inline_link_noise("Katz and Mair (Citation2009: 755) pointed out; (Mair, Citation2011c)") == (
        "Katz and Mair (2009: 755) pointed out; (Mair, 2011c)", ["Citation", "Citation"])
    for kept in ("the Citation of 1990", "Citation 2009", "ACitation2009", "Citation20091"):
        assert _segment.strip_inline_link_noise(kept) == (kept, [])
    result = _segment.segment("4. Katz and Mair (Citation2009: 755) pointed out that the cartel held.\n")
    assert [(d.line, d.text, d.reason) for d in result.dropped] == [(1, "Citation", "link noise")]


def test_a_number_followed_by_a_semicolon_in_run_together_notes_opens_no_note():
    """As a line's "12) ; Title" opens none (hypothesis found "2:_ 3;" read as note 3 holding ";", its "3" lost).
    Whether "2:" is read as the note's number is the run-together reader's call (its model weighs the "2" and
    the "3"); the "3" never opens a note and nothing is lost."""
    notes = segment("2:_ 3;").notes
    assert [n.text for n in notes] in ([":_ 3;"], ["2:_ 3;"])
    assert all(n.number in (2, None) for n in notes)


def test_numbers_inside_a_numbered_line_that_later_lines_open_are_the_notes_own():
    """"Abschnitt 1.2.1. und 2.3.des 2. Teils": the chain 2, 3 inside note 1 and 2 is the text's section numbers,
    since the page's next lines open notes 2 and 3 themselves."""
    text = ("1. Vgl. Abschnitt 2.1.3.3. des 2. Teils der Arbeit.\n"
            "2. Vgl. Abschnitt 1.2.1. und 2.3.des 2. Teils der Arbeit.\n"
            "3. Vgl. Frese (1988) S. 455.\n")
    assert [(n.number, n.text) for n in segment(text).notes] == [
        (1, "Vgl. Abschnitt 2.1.3.3. des 2. Teils der Arbeit."),
        (2, "Vgl. Abschnitt 1.2.1. und 2.3.des 2. Teils der Arbeit."),
        (3, "Vgl. Frese (1988) S. 455."),
    ]


def test_a_sections_name_before_its_run_together_notes_is_a_heading_and_the_next_section_restarts():
    """"Preface 1. … 2. … 3. …" then "Introduction" and its own notes 1, 2: the first paragraph's chain is cut
    although later lines open notes 1 and 2 again (a chain in an unnumbered paragraph starts a section)."""
    text = ("Notes\n\nPreface 1. Ann Roe, Life (London, 1990), p. 5. 2. Bob Poe to Ann Roe, 3 May 1969. "
            "3. See Ann Roe, Death (London, 1991), p. 6.\n\nIntroduction\n\n"
            "1. Ann Roe, Birth (London, 1992), p. 7. 2. Bob Poe, Youth (Leeds, 1993), p. 8. 3. Roe, Life, p. 9.\n")
    segmentation = segment(text)
    assert [(n.number, n.text) for n in segmentation.notes] == [
        (1, "Ann Roe, Life (London, 1990), p. 5."), (2, "Bob Poe to Ann Roe, 3 May 1969."),
        (3, "See Ann Roe, Death (London, 1991), p. 6."), (1, "Ann Roe, Birth (London, 1992), p. 7."),
        (2, "Bob Poe, Youth (Leeds, 1993), p. 8."), (3, "Roe, Life, p. 9."),
    ]
    assert ("Preface", "heading") in [(d.text, d.reason) for d in segmentation.dropped]


def test_digits_a_pdf_spaced_apart_are_one_note_number_where_joined_they_continue_the_notes():
    text = ("8. Ann Roe, Life (London, 1990), p. 5.\n9. Bob Poe, Death (Leeds, 1991), p. 6.\n"
            "1 0. The pamphlet sold well.\n1 1. Roe, Life, p. 7.\n")
    assert [n.number for n in segment(text).notes] == [8, 9, 10, 11]
    assert [n.number for n in segment("1. Ann Roe, Life (London, 1990).\n1 2. Roe, Life, p. 7.\n").notes] != [1, 12]


def test_a_note_number_after_a_lists_bullet_is_the_notes_number_a_year_is_not():
    text = ("- 1 Le réalisateur produit lui-même ses films.\n"
            "- 2 Alfred de Musset, La Confession d’un enfant du siècle, Gallimard, 1973.\n- 3 Idem.\n- 4 Idem.\n")
    assert [(n.number, n.text) for n in segment(text).notes] == [
        (1, "Le réalisateur produit lui-même ses films."),
        (2, "Alfred de Musset, La Confession d’un enfant du siècle, Gallimard, 1973."), (3, "Idem."), (4, "Idem.")]
    assert _segment._bulleted_marker("• 1998a Roe, Ann. Title. Leeds: Moor Press.") is None


def test_a_note_the_numbering_skips_is_found_inside_the_line_above():
    """Notes 2 and 4 on their lines, "3. Charles Hill, …" inside note 2's wrapped line: note 3 is there."""
    text = ("1. Ann Roe, Life (London, 1990), 5.\n"
            "2. Memorandum from Colby Cooper to Ann Roe, September 11, 2001, https://\n"
            "www .example .gov /research /speech 3. Charles Hill, Grand Strategies (New Haven, CT: Yale, 2010), 3.\n"
            "4. Bob Poe, Death (Leeds, 1991), 6.\n")
    assert [(n.number, n.text[:24]) for n in segment(text).notes] == [
        (1, "Ann Roe, Life (London, 1"), (2, "Memorandum from Colby Co"), (3, "Charles Hill, Grand Stra"),
        (4, "Bob Poe, Death (Leeds, 1")]
    skipped = "1. Ann Roe, Life (London, 1990), 5.\n2. Bob Poe, Death, vol. 3. Leeds, 1991.\n4. Roe, Life, 6.\n"
    assert [n.number for n in segment(skipped).notes] == [1, 2, 4]  # "vol. 3. Leeds": a volume, not note 3


def test_indented_bulleted_note_numbers_are_note_numbers_and_words_above_them_are_not_notes():
    text = ("Évelyne Cohen\n, \net al.\n\n"
            "  • 19 Ce texte a été publié en 2005 dans le bulletin annuel de l’Association (...)\n"
            "  • 20 Pascal Ory, L’histoire culturelle, Paris, Presses universitaires de France, 2004.\n"
            "  • 21 Ibid.\n")
    assert [(n.number, n.text[:20]) for n in segment(text).notes] == [
        (19, "Ce texte a été publi"), (20, "Pascal Ory, L’histoi"), (21, "Ibid.")]


def test_a_note_number_without_text_is_reported_dropped_or_numbers_the_text_under_it():
    text = "  1.  \n  2. Ann Roe, Life (London, 1990), 5.\n  3. Bob Poe, Death (Leeds, 1991), 6.\n"
    segmentation = segment(text)
    assert [n.number for n in segmentation.notes] == [2, 3]
    assert (1, "note number without text") in [(d.line, d.reason) for d in segmentation.dropped]
    lone = _segment.notes_from_labels(["12.", "Ann Roe, Life (London, 1990), 5.", "13. Ibid., 6."], ["B", "B", "B"])
    assert [(n.number, n.lines, n.text) for n in lone.notes] == [
        (12, [1, 2], "Ann Roe, Life (London, 1990), 5."), (13, [3], "Ibid., 6.")]


def test_a_page_number_before_run_together_notes_1_2_3_is_the_pages_not_a_note_number():
    text = ("271 Notes Introduction 1. New York Times, January 9, 2008, 18. 2. Ann Roe, Life (London, 1990), 5. "
            "3. Kotz, Judgment Days, 12. 4. Lawson and Payne, Debating the Civil Rights Movement, 109–10.\n")
    segmentation = segment(text)
    assert [n.number for n in segmentation.notes] == [1, 2, 3, 4]
    assert [(d.text, d.reason) for d in segmentation.dropped] == [
        ("271", "running head: page number"), ("Notes Introduction", "heading")]


def test_a_heading_before_the_unnumbered_note_that_opens_run_together_notes_is_a_heading():
    """"[ 93 ] Notes Notes to Chapter 1 The epigraph is from …  1. …": the page's number and the headings are
    reported, and the epigraph's note before note 1 keeps only its own words."""
    text = ("[ 93 ] Notes Notes to Chapter 1 The epigraph is drawn from Roe v. Poe, 912 U.S. 24 (1931). 1. Ann Roe, "
            "Harbours 41 (Leeds Press 2002). 2. Bob Poe, Ports 24 (Poe Press 2007). 3. Roe, Harbours, 42.\n")
    segmentation = segment(text)
    assert [n.number for n in segmentation.notes] == [None, 1, 2, 3]
    assert segmentation.notes[0].text.startswith("The epigraph is drawn from")
    assert [(d.text, d.reason) for d in segmentation.dropped] == [("[ 93 ] Notes Notes to Chapter 1", "heading")]


def test_a_lone_note_after_its_heading_is_note_one():
    """"Notes Notes to the Editor’s Preface 1. For …": a page that holds one note has no chain of numbers
    for the run-together reader; its number after the heading words still opens note 1, the heading reported."""
    text = ("Notes Notes to the Editor’s Preface 1. On the docks' decline, see Ann Roe, Harbours (Leeds: Tide "
            "Press, 2004), 63–140. See also Bob Poe, Ports (Leeds: Lane, 2005), 2.\n")
    segmentation = segment(text)
    assert [n.number for n in segmentation.notes] == [1]
    assert segmentation.notes[0].text.startswith("On the docks' decline")
    assert [(d.text, d.reason) for d in segmentation.dropped] == [("Notes Notes to the Editor’s Preface",
                                                                   "heading")]
    prose = "Notes on the text 1914 was the year the harbour closed, as Ann Roe, Harbours (Leeds, 2004), 6 shows.\n"
    assert [n.number for n in segment(prose).notes] == [None]  # a year, not a note's number and stop


@pytest.mark.parametrize("page", ["272 ", ""])
def test_a_letter_spaced_heading_before_run_together_notes_going_on_from_an_earlier_page_is_a_heading(page):
    """"272 N O T E S 17 … 18 … 19 …": the page's number and its letter-spaced heading, then the notes it goes
    on with (not from 1): neither the page's number nor the heading is a note."""
    text = (f"{page}N O T E S 17 The quote is noted in Ann Roe, Life, volume 1, p. 279. 18 Roe to Poe, June 5, "
            "1942, quoted in Bob Poe, The Version (Leeds: Lane, 2002), p. 305. 19 The speech is in Carl Doe, "
            "Works (Leeds, 1958), volume 76, pp. 384–96. 20 Doe, telegram to Poe, August 31, 1942.\n")
    segmentation = segment(text)
    assert [n.number for n in segmentation.notes] == [17, 18, 19, 20]
    assert [(d.text, d.reason) for d in segmentation.dropped] == (
        [("272", "running head: page number")] if page else []) + [("N O T E S", "heading")]


def test_notes_run_together_in_a_paragraph_the_page_reader_reads_as_prose_are_notes():
    """A book's notes run together after a roman page number and a heading, short forms in the author's
    sentences: the page reader reads the paragraph as prose; the run-together reader's chain 1, 2, 3 … and the
    citations the rules find in its notes make it notes, not "no references found"."""
    text = ("In lieu of an abstract, here is a brief excerpt of the content:\n\n"
            "xii Notes to the Introduction 1 Ibn Sahl, Kitab al-Ahkam, 2:57. Where two dates stand, the first is by"
            " the harbour board's reckoning and the second by the town's. 2 Al-Harawi, Irshad, 98. 3 Coulter called the"
            " jurist that in the title of his History of Law. A reassessment is offered by Lindqvist, “Was He the"
            " Architect?,” and doubts are voiced by Marsh, “Economy of Doubt,” 3; and Vries, Before Law, 14. 4 See"
            " generally Holl, Origins of Jurisprudence, 12. 5 Tarvek, in his Origins and Evolution, stresses the"
            " courts.\n")
    document = parse_text(text)
    assert [note.number for note in document.notes] == [1, 2, 3, 4, 5]
    assert [(c.locator, document.work(c.work).csl["title"]) for c in document.notes[1].citations] == [
        ("98", "Irshad")]
    assert [document.work(c.work).csl["title"] for c in document.notes[3].citations] == ["Origins of Jurisprudence"]


def test_a_paragraph_counting_its_points_1_2_3_stays_prose():
    text = ("The reforms of the decade came in three stages, each of them resisted in the provinces for years: 1 the"
            " old council was abolished in 1848 after a long debate in the assembly, 2 the courts of the towns were"
            " merged with those of the countryside, and 3 the assemblies met every year from then on, as the"
            " charter required them to do.\n")
    segmentation = segment(text)
    assert segmentation.notes == [] and [d.reason for d in segmentation.dropped] == ["prose"]


def test_the_next_pages_number_in_a_running_head_does_not_make_the_page_number_a_note_number():
    """"229 introduction 1. … 5. …, 230.": 230 follows 229 (a cited page, or the next page's number in a running
    head), but no chain of notes 230, 231 … does; a PDF's small capitals read as lower case still name the
    section before note 1."""
    text = ("229 introduction 1. Ann Roe, Life (London, 1990), 64–122. 2. Bob Poe, Death (Leeds, 1991), 6. "
            "3. Carl Doe, Suetonius (London, 1983), 54. 4. Roe, Life, 48. 5. Dan Moe, Lives (Chicago: University "
            "of Chicago Press, 1998), 230.\n")
    segmentation = segment(text)
    assert [n.number for n in segmentation.notes] == [1, 2, 3, 4, 5]
    assert [(d.text, d.reason) for d in segmentation.dropped] == [
        ("229", "running head: page number"), ("introduction", "heading")]


def test_a_running_head_a_pdf_ran_into_a_note_is_cut_out_and_reported():
    text = ("1. Ann Roe, Life (London, 1990), 5.\n"
            "2. Dan Moe, Savage Systems: Colonialism Notes 230 | Notes to Pages 3–6 and Comparative Religion "
            "(Charlottesville: University Press of Virginia, 1996).\n")
    segmentation = segment(text)
    assert segmentation.notes[1].text == ("Dan Moe, Savage Systems: Colonialism and Comparative Religion "
                                          "(Charlottesville: University Press of Virginia, 1996).")
    assert ("Notes 230 | Notes to Pages 3–6", "running head: inside a note") in [
        (d.text, d.reason) for d in segmentation.dropped]


def test_entries_glued_where_a_lists_line_breaks_were_lost_are_cut_apart():
    text = ("Literaturnachweis\n\n"
            "Marsh, Herbert: Luthers Reformation: Länder und Städte, in: Deutscher Kulturatlas, Berlin, 1928, 215."
            "Die Territorien des Reichs im Zeitalter der Reformation, hrsg. v. Anton Lowe, Münster, 1990."
            "Roe, Bernd: Reichsstadt und Reformation im 19.Jahrhundert, 3.Aufl., Berlin, 1987.\n")
    assert [n.text[:14] for n in segment(text).notes] == ["Marsh, Herbert", "Die Territorie", "Roe, Bernd: Re"]
    dated = "Roe, Ann, Bob Poe and Carl Lee. 2011.Key concepts in economic geography. London: Sage.\n"
    assert len(segment("References\n\n" + dated).notes) == 1  # the year of an author-date entry, glued to its title
    alone = "Montesquieu,C.deSecondat 1768.The Spirit of Laws, 4 th edn. 2 vols. Edinburgh: Donaldson.\n"
    assert len(segment("References\n\n" + alone).notes) == 1  # an author and year glued to the title


def test_an_author_date_list_run_together_on_one_line_is_cut_at_each_entrys_authors_and_year():
    text = ("Roe, C. (1999). What infants imitate. In J. Nadel & G. Poe (Eds.), Imitation in infancy. New York: "
            "Cambridge University Press, pp. 127–185. Roe, C. (2003a). The infant’s world. Journal of Child "
            "Psychology, 44, 1, 154–155. Roe, C., & Aitken, K. J. (2001). Infant intersubjectivity. Human "
            "Development, 42, 3–48. "
            "Moe, L. (1934). The history of the Revolution (M. Eastman, Trans.). London: Gollancz. References 279 "
            "Van der Poe, A., Lo, B., & Tyler, E. (1996). Introduction. Oxford: Erlbaum.\n")
    segmentation = segment(text)
    assert [n.text[:14] for n in segmentation.notes] == [
        "Roe, C. (1999)", "Roe, C. (2003a", "Roe, C., & Ait", "Moe, L. (1934)", "Van der Poe, A"]
    assert segmentation.notes[3].text.endswith("London: Gollancz.")
    assert ("References 279", "running head: inside a note") in [(d.text, d.reason) for d in segmentation.dropped]
    # a list that does not open with an author and a bracketed year is not cut at such names inside an entry
    prose = "A study of infants. See the review by Roe, C. (2003a). The infant’s world. London: Murray.\n"
    assert len(segment("References\n\n" + prose).notes) == 1


@pytest.mark.parametrize(
    "entries",
    [
        # the linguists' and Chicago's author-date: the year after the name's stop
        ["Roe, Ann. 1965. Aspects of the grammar. Cambridge, MA: MIT Press.",
         "Roe, Ann and Bob Poe. 1968. The sound pattern of Leeds. New York: Harper and Row.",
         "Poe, Bob. 1962a. Phonology in a grammar. Word 18: 54-72."],
        # Harvard: the year in brackets with no stop after it
        ["Roe, Ann (1999) A grammar of Leeds. Oxford: Blackwell.", "Poe, Bob Carl (2001) Syntax. London: Murray."],
        # the same author's next entry, its names a dash
        ["Roe, Ann (1985) Phonology of Leeds. Chicago: Harbour Press.", "—— (1992) Morphology. Leeds: Murray.",
         "Poe, Bob. 1985. Morphology. Amsterdam: Benjamins.", "———. 1988. Grain. London: Murray."],
        # British linguistics' author-date: a colon after the year
        ["Roe, A. 1981: Language Change in Leeds. London: Fontana.", "Poe, S. R. 1985: Phonology. Leeds: Murray.",
         "Doe, L. and Moe, M. (eds) 1979: The Languages of the Ports. Austin: Harbour Press.",
         "—— 1990: Grain. Leeds: Murray."],
    ],
)
def test_author_date_entries_of_other_styles_run_together_are_cut_apart(entries):
    assert [n.text for n in segment(" ".join(entries) + "\n").notes] == entries


def test_a_list_run_together_after_bracketed_imprints_is_cut_at_each_next_name():
    text = ("Some useful books D. Roe, The Oxford Handbook of Leeds (Oxford, 2012) W. Poe, Contemporary Leeds: An "
            "Introduction, 2nd ed. (Oxford, 2001) R. Lee, P. Moe, and T. Lo (eds.), A Companion to Leeds (Oxford, "
            "2007) [available at www.example.org] T. Ball and R. Bell (eds.) The History of Leeds (Cambridge, 2003)\n")
    assert [n.text[:8] for n in segment(text).notes] == ["Some use", "W. Poe, ", "R. Lee, ", "T. Ball "]
    one = "Ann Roe, Life (Oxford, 2012) B. Poe, Death (Leeds, 1990).\n"  # one such place: perhaps a note's second work
    assert len(segment("References\n\n" + one).notes) == 1


def test_a_text_layers_i_for_note_1_before_run_together_note_2_is_note_1():
    text = ("I. Ann Roe, Life of Charles (London, 1990), p. 66. 2. On Roe see Bob Poe, Roe (Paris, 1942). "
            "3. Carl Doe, Suetonius (London, 1983), pp. 50-72.\n")
    assert [(n.number, n.text[:8]) for n in segment(text).notes] == [(1, "Ann Roe,"), (2, "On Roe s"), (3, "Carl Doe")]


def test_a_key_to_abbreviations_before_run_together_note_1_is_reported_not_a_note():
    text = ("Notes Abbreviations LBJL Lyndon B. Johnson Presidential Library, Austin, Texas WHCF White House "
            "Central Files Introduction 1. New York Times, January 9, 2008, 18. 2. Ann Roe, Life (London, 1990), 5. "
            "3. Kotz, Judgment Days, 12.\n")
    segmentation = segment(text)
    assert [n.number for n in segmentation.notes] == [1, 2, 3]
    assert [d.reason for d in segmentation.dropped] == ["key to abbreviations"]


def test_a_bulleted_line_whose_number_continues_the_notes_begins_a_note():
    """A notes list scraped with its bullets ("• 3 KA 12-19 Fol."): a short line the page reader reads as going on
    from the note above still begins note 3 when its number, after the bullet, continues the numbering; its
    bullet is reported, not left at the end of note 2."""
    text = ("Texte intégral\n\n"
            "  • 1 Ann Roe, Catalogue des quais du port de Leeds, Paris, Poe et fils, 1871.\n"
            "  • 2 Bob Poe, Les ports français du XIXe siècle ou inventaire des quais et des bassins, cal (...)\n"
            "  • 3 KA 12-19 Fol.\n")
    notes = segment(text).notes
    assert [note.number for note in notes] == [1, 2, 3]
    assert "•" not in notes[1].text and notes[2].text == "KA 12-19 Fol."


def test_the_authors_own_note_before_note_one_is_an_unnumbered_note():
    """"This essay is dedicated to Ann Roe, …" right before note 1, which the page reader read as prose: the
    author's note a journal prints first without a number begins an unnumbered note; an abstract there without
    such words, or one before a note that is not the first, stays prose."""
    from haliref.read.segment import _authors_note_before_note_one

    lines = ["Published online by Leeds University Press: 1 May 2020",
             "This essay is dedicated to Ann Roe, who first asked why the harbours closed.",
             "1 Bob Poe, Ports of the North (London: Lane, 1990), 68.",
             "2 Carl Moe, Quays and Cranes (Leeds: Tide Press, 1985), 12."]
    assert _authors_note_before_note_one(lines, ["X", "P", "B", "B"]) == ["X", "B", "B", "B"]
    abstract = [lines[0], "The harbours of the north closed in a decade; this article asks why.", *lines[2:]]
    assert _authors_note_before_note_one(abstract, ["X", "P", "B", "B"]) == ["X", "P", "B", "B"]
    later = [*lines[:2], "7 Bob Poe, Ports of the North (London: Lane, 1990), 68."]
    assert _authors_note_before_note_one(later, ["X", "P", "B"]) == ["X", "P", "B"]


def test_a_heading_word_glued_to_note_one_is_set_apart():
    """"Click to enlarge Notes1. Ann Roe, …": the heading word a scrape glued to note 1 is set apart, so note 1
    is read as the first note; a word that is no heading's keeps its figure ("Item1. …")."""
    text = ("Click to enlarge image Notes1. Ann Lowe, Harbours (Leeds, 1983), 12; Bob Moss, Ports (Hull, 1950), 4. "
            "2. Carl Dunn, Quays (York, 1926), 9. 3. Lowe, Harbours, 14.\n")
    assert [n.number for n in segment(text).notes if n.number is not None] == [1, 2, 3]
    from haliref.read.segment import _numbers_given_their_space

    assert _numbers_given_their_space(["Item1. Ann Lowe"]) == ["Item1. Ann Lowe"]


def test_a_bulleted_number_in_brackets_alone_on_its_line_numbers_the_note_below():
    """"• [7]" on its line and the note's text on the next (a French journal's notes): the bracketed number after
    the bullet is the note's, not an author's bullet, and no bullet is left in a note's text."""
    text = ("Notes\n\n"
            "  • [1]\n    Ann Roe, Les quais de la mer, Paris, Poe et fils, 1981.\n"
            "  • [2]\n    Bob Poe, « Les bassins du port », Revue des ports, n° 12, 1990, p. 7-19.\n"
            "  • [3]\n    Carl Moe, Grues et quais, Lyon, Tide, 1985.\n")
    notes = segment(text).notes
    assert [note.number for note in notes] == [1, 2, 3]
    assert notes[1].text.startswith("Bob Poe,") and "•" not in notes[0].text


def test_a_note_label_and_its_number_alone_on_a_line_number_the_note_below():
    """"fn18" on its line, the note's text below it broken at its italics (an e-book's anchors): the label and
    the number are the note's number, as "[Footnote 18: …]" is."""
    text = ("fn18\n\nBest told in Ann Roe,\n\nHarbour Towns\n\n(Leeds, 2003), pp. 57–9.\n\n"
            "fn19\n\nSee Bob Poe,\n\nQuays and Cranes\n\n(Leeds, 1985), p. 12.\n")
    notes = segment(text).notes
    assert [note.number for note in notes] == [18, 19]
    assert notes[0].text.startswith("Best told in Ann Roe,") and "Harbour Towns" in notes[0].text


def test_a_bibliographys_section_heading_in_capitals_and_its_entries_run_together_come_apart():
    """"THE HARBOUR BOARD Roe, A. B., Quays (Leeds, 1964). Poe, C. D., Tolls (York, 1972). …": a section heading in
    capitals run into its first entry is a heading; entries glued after each bracketed imprint and its stop, each
    opening with a surname and initials, are entries of their own."""
    document = parse_text("Select Bibliography\n\nTHE HARBOUR BOARD Roe, A. B., Quays and Cranes (Leeds, 1964). Poe, "
                          "C. D., The Tolls of the Port (York, 1972). Moe, E. F., Harbour Masters (Hull, 1981).\n")
    assert [note.text.split(",")[0] for note in document.notes] == ["Roe", "Poe", "Moe"]
    assert "THE HARBOUR BOARD" in [d.text for d in document.dropped]


def test_a_wikis_links_back_to_the_text_open_its_notes_as_bullets_do():
    """A wiki's notes copied from the page keep the link back to the text before each ("^", "↑"), with its letters
    when the note is cited more than once ("^ a b"): not the first author's given name, nor part of the note."""
    text = ("Notes\n^ Ann Roe, Harbour Ledgers, Leeds, Tide, 1981.\n^ a b Bob Poe, Quays and Docks, York, 1990, p. 4.\n"
            "↑ Carl Moe, Tides, Leeds, Tide, 1981.\n")
    read = segment(text)
    assert [(n.lines, n.text) for n in read.notes] == [
        ([2], "Ann Roe, Harbour Ledgers, Leeds, Tide, 1981."), ([3], "Bob Poe, Quays and Docks, York, 1990, p. 4."),
        ([4], "Carl Moe, Tides, Leeds, Tide, 1981.")]
    assert sorted((d.line, d.text) for d in read.dropped if d.reason == "list bullet") == [
        (2, "^"), (3, "^ a b"), (4, "↑")]
