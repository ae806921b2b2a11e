"""Notes keyed to the pages of the text: the keys and phrases are labels, not numbers nor prefixes."""

from __future__ import annotations

from haliref import parse_text
from haliref.read.keyed import keyed_lines, leading_phrase, split_keys_inside
from haliref.read.segment import segment

KEYED = """I have listed precise citations for the Introduction, where I have used many sources.
p. 1. ‘the oceans of . . .’, many sources repeat this phrase, see Niall Ferguson, Civilization (London, 2011), p. 29.
p. 2. ‘a king without . . .’, see Miles Dawson, The Wisdom of Confucius (Boston, 1932), pp. 57-8.
p. 3. ‘at best circumstantial . . .’, Ferguson, Civilization, p. 29.
p. 6. ‘However, the complexity of . . Secret Report LA-602, p. 18. p. 7. ‘even more . . Ann Roe, Life (Leeds, 1990), 4.
"""

BARE = """282 For
Point of Order
distribution, see “Film Is Surprise Hit,” New York Times, February 11, 1964.
283
“The New Yorker's movie critic”:
Dwight MacDonald,
Dwight MacDonald on Movies
(Englewood Cliffs, N.J.: De Capo, 1969), 289-92.
283 For the briefing, see Ann Roe, Life (London: Faber, 1990), 5.
284 Appropriation hearings testimony is in Carney and Way, eds., Politics 1964, 296-304.
"""


def test_a_page_of_notes_keyed_to_pages_is_told_by_its_keys():
    assert sorted(keyed_lines(KEYED.splitlines())) == [1, 2, 3, 4]
    assert sorted(keyed_lines(BARE.splitlines())) == [0, 3, 8, 9]
    numbered = ["1. Ann Roe, Life (London, 1990), 5.", "2. Ibid., 6.", "3. Ibid., 7.", "4. Ibid., 8."]
    assert keyed_lines(numbered) == {}  # numbers that never share a page are note numbers
    going_back = ["12 Ann Roe, Life, 5.", "12 Ibid., 6.", "3 Ibid., 7.", "3 Ibid., 8."]
    assert keyed_lines(going_back) == {}


def test_keyed_notes_carry_their_page_and_phrase_as_label_and_cite_what_follows():
    document = parse_text(KEYED)
    assert [(note.number, note.printed) for note in document.notes] == [
        (None, "p. 1 ‘the oceans of . . .’"), (None, "p. 2 ‘a king without . . .’"),
        (None, "p. 3 ‘at best circumstantial . . .’"), (None, "p. 6 ‘However, the complexity of . ."),
        (None, "p. 7 ‘even more . ."),
    ]
    first = document.notes[0].citations[0]
    assert first.prefix.startswith("many sources repeat this phrase")
    assert document.work(first.work).csl["title"] == "Civilization"
    assert document.notes[2].citations[0].work == first.work
    assert "prose" in [d.reason for d in document.dropped if d.line == 1]


def test_a_key_alone_on_its_line_opens_a_note_with_the_lines_below_it():
    notes = segment(BARE).notes
    assert [note.label for note in notes] == ["282", "283 “The New Yorker's movie critic”", "283", "284"]
    assert notes[0].text == ("For Point of Order distribution, see “Film Is Surprise Hit,” New York Times, "
                             "February 11, 1964.")
    assert notes[1].text.startswith("Dwight MacDonald, Dwight MacDonald on Movies (Englewood Cliffs")
    assert all(note.number is None for note in notes)


def test_the_phrase_a_note_annotates_and_keys_run_on_inside_a_note():
    assert leading_phrase("", "‘a king without . . .’, see Dawson") == len("‘a king without . . .’, ")
    assert leading_phrase("", "“Churchill’s war”: Roe, Life") == len("“Churchill’s war”: ")
    left_open = "‘However, the complexity of . . "
    assert leading_phrase("", left_open + "Secret Report") == len(left_open)
    assert leading_phrase("There usually followed the spectacle:", "There usually followed the spectacle: Kennedy") \
        == len("There usually followed the spectacle: ")
    assert leading_phrase("For the briefing, see Ann Roe, Life", "For the briefing, see Ann Roe, Life") == 0
    assert split_keys_inside("Secret Report, p. 18. p. 7. ‘even more . . Roe, 4.") == [
        ("", "Secret Report, p. 18."), ("p. 7.", "‘even more . . Roe, 4.")]


def test_numbers_with_a_stop_are_note_numbers_not_page_keys():
    """A list's doubled numbers ("1." above "1.", as SpringerLink prints them) repeat a number, but a bare page
    key has no stop after it (hypothesis found such a list read as keyed, and "p. 5." cut as a key inside)."""
    springer = ["References", "1.", "1.", "Ann Roe, Life (London, 1990) p. 17.", "2.", "2.",
                "Bob Poe, Death (Leeds, 1991) p. 5. “Carl Doe, Birth (Paris, 1992) p. 9.”", "3.", "3."]
    assert keyed_lines(springer) == {}


def test_a_manuals_notes_keyed_by_chapter_and_page_and_paragraph():
    """Field manuals number pages by chapter ("1-4") and key their source notes so, with the paragraph's number
    after the page's where there is one ("1-3      1-10."); the pages never go back."""
    lines = ["1-1      “You may fly.”: Ann Roe, Life (London, 1963), 427.",
             "1-1      1-5. “The object.”: Bob Poe, Reports (Leeds, 1899), 45.",
             "1-3      1-10. “The army.”: Carl Moe, Writings (York, 1931), 202.",
             "1-9      Dan Lo, Words (London, 1992), 265."]
    keyed = keyed_lines(lines)
    assert [key for key, _ in keyed.values()] == ["1-1", "1-1      1-5.", "1-3      1-10.", "1-9"]
    assert keyed[3][1] == "Dan Lo, Words (London, 1992), 265."
    assert keyed_lines(["2-1 Ann Roe, Life.", "1-4 Bob Poe, Death.", "1-5 Carl Moe, Writings."]) == {}  # back


def test_a_count_of_zero_alone_on_its_lines_is_no_page_key():
    """An article page's counters ("0" above "Views", "0" above "Citations") are bare numbers on lines of their
    own that never go back, but no page is numbered 0: they key nothing, and the note below keeps its number."""
    lines = ["0", "Views", "0", "Citations to date", "0", "Altmetric", "Notes",
             "1. Ann Roe, “Harbour Songs,” Harbour Review, XII (Dec. 1953), 41–59."]
    assert keyed_lines(lines) == {}
    assert [note.number for note in parse_text("\n".join(lines) + "\n").notes] == [1]


def test_an_older_journals_notes_lettered_on_their_pages_are_keyed_to_them():
    """"page ix note a …", "page x note a …", "page x note b Ib.": footnotes lettered on each page, the page in the
    preface's numerals or in figures, are notes keyed to their pages (no number), and "Ib." is the older ibid."""
    document = parse_text("References\n\npage ix note a The quay was rebuilt by his heirs.\n\n"
                          "page x note a Roe, History of the Port, iii. 721.\n\npage x note b Ib.\n\n"
                          "page 12 note a Poe, Tolls and Dues (Leeds, 1871), p. 40.\n")
    assert [(note.number, note.label) for note in document.notes] == [
        (None, "page ix note a"), (None, "page x note a"), (None, "page x note b"), (None, "page 12 note a")]
    assert [len(note.citations) for note in document.notes] == [0, 1, 1, 1]
    assert document.notes[2].citations[0].work == document.notes[1].citations[0].work
