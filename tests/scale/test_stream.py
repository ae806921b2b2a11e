"""A big input block by block (issues 8 and 9): same works as one document, nothing lost."""

import re

import pytest
from paths import ROOT_DIR, TESTS_DIR

from haliref import parse_text, to_bibtex
from haliref.cli import main
from haliref.files import InputError, read_input, stream_input
from haliref.scale.stream import blocks, parse_stream

ROOT = ROOT_DIR
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"
GOLDEN = TESTS_DIR / "golden"


WORDS = [
    "Empire", "Harbour", "Frontier", "Ledger", "Parish", "Famine", "Charter", "Guild", "Mill", "Canal", "Tithe",
    "Dowry", "Almanac",
]


def _numbered(count: int) -> str:
    lines = []
    for n in range(1, count + 1):
        k = n % 60  # each work cited again in later blocks
        title = f"{WORDS[k % 13]} and {WORDS[k % 11]} in the {WORDS[k % 7]} Age"
        lines.append(f"{n}. Ann Roe{k % 37}, {title} (London: Faber, {1900 + k}), p. {n}.")
        if n % 5 == 0:
            lines.append("Google Scholar")
        if n % 7 == 0:
            lines.append("")
    return "\n".join(lines) + "\n"


def test_blocks_keep_every_line_and_cut_only_before_a_note_or_a_blank():
    text = _numbered(300).replace("\n1", "\r\n1")
    parts = list(blocks(text.splitlines(keepends=True), size=40))
    assert "".join(parts) == text
    assert len(parts) > 5
    for part in parts[1:]:
        first = part.splitlines()[0]
        assert not first.strip() or first[0].isdigit()


def test_ibid_is_never_cut_from_its_antecedent():
    lines = [f"{n}. Ibid., p. {n}.\n" if n % 2 else f"{n}. Ann Roe, Book {n} (London, 1990).\n" for n in range(1, 60)]
    for part in list(blocks(lines, size=4))[1:]:
        assert "Ibid" not in part.splitlines()[0]


def test_one_block_is_exactly_the_one_document_pipeline():
    text = SEED.read_text(encoding="utf-8")
    with parse_stream(text.splitlines(keepends=True), today_year=2026) as streamed:
        assert streamed.blocks == 1
        bib = to_bibtex(list(streamed.works()), locators=streamed.locators)
    assert bib == (GOLDEN / "halliday.bib").read_text(encoding="utf-8")


def test_many_blocks_give_the_works_of_the_whole_list():
    text = _numbered(400)
    whole = parse_text(text)
    streamed = parse_stream(text.splitlines(keepends=True), size=50)
    assert streamed.blocks > 5
    assert streamed.citations == sum(len(n.citations) for n in whole.notes) == 400
    assert len(whole.works) == 60
    works = list(streamed.works())
    assert [w.csl for w in works] == [w.csl for w in whole.works]
    assert [w.id for w in works] == [w.id for w in whole.works]  # keyed once, as one list
    cited = {}
    for note in whole.notes:
        for citation in note.citations:
            cited.setdefault(citation.work, []).append(citation.locator)
    assert streamed.locators == cited


def test_the_command_streams_a_big_input_to_the_same_bib(tmp_path, monkeypatch):
    source = tmp_path / "big.txt"
    source.write_text(_numbered(400), encoding="utf-8")
    whole = tmp_path / "whole.bib"
    assert main(["bib", str(source), "-o", str(whole)]) == 0
    import haliref.scale.stream as stream

    seen = []
    real_blocks = stream.blocks

    def counted(lines, size):
        for block in real_blocks(lines, size):
            seen.append(block)
            yield block

    monkeypatch.setattr(stream, "BLOCK_LINES", 30)
    monkeypatch.setattr(stream, "blocks", counted)
    blocked = tmp_path / "blocked.bib"
    assert main(["bib", str(source), "-o", str(blocked)]) == 0
    assert len(seen) > 10  # really read in blocks
    assert blocked.read_bytes() == whole.read_bytes()


@pytest.mark.parametrize(
    "data",
    [
        "\ufeff1. Ann Roe, A Book (London, 1990).\r\n2. Bob Poe, Tale (Paris, 1991).\r\n".encode("utf-8"),
        "1. Ann Ro\u00e9, A Book (London, 1990) \u2013 p. 4.\n".encode("cp1252"),
        b"1. Ann Ro\x81\x8d, A Book.\n",  # not cp1252 either: latin-1
        "a\u2028b\rc\n".encode("utf-8"),
    ],
)
def test_streamed_input_decodes_as_the_whole_file(tmp_path, data):
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    lines, warnings = stream_input(str(path), chunk_size=7)
    text, whole_warnings = read_input(str(path))
    assert "".join(lines) == text
    assert warnings == whole_warnings


@pytest.mark.parametrize(("data", "message"), [(b"  \n\n", "empty"), (b"\x00\x01\x02abc", "binary")])
def test_streamed_input_refuses_what_the_whole_file_refuses(tmp_path, data, message):
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        stream_input(str(path))


def test_an_overlong_line_is_cut_into_pieces_after_sentence_ends_and_nothing_is_lost():
    from haliref.scale.stream import _pieces

    line = " ".join(f"{n}. Ann Roe, Book {n} (London, 1990); see also p. {n}." for n in range(2000)) + "\n"
    pieces = list(_pieces(line, 1000))
    assert "".join(pieces) == line
    assert all(len(piece) <= 1000 for piece in pieces) and len(pieces) > len(line) // 1000
    assert all(re.search(r"p\. \d+\. $", piece) for piece in pieces[:-1])  # after a note, never "p. | 12"
    assert all(piece[0].isdigit() for piece in pieces)  # each piece starts at a note number
    spaceless = "x" * 2500
    assert [len(piece) for piece in _pieces(spaceless, 1000)] == [1000, 1000, 500]


def test_blocks_give_an_overlong_line_blocks_of_its_own(monkeypatch):
    import haliref.scale.stream as stream

    monkeypatch.setattr(stream, "LONG_LINE", 500)
    lines = ["1. Ann Roe, Book (London, 1990).\n", "2. " + "Bob Poe, Tale (Paris, 1991). " * 60 + "\n", "3. Ibid.\n"]
    parts = list(blocks(lines, size=10))
    assert "".join(parts) == "".join(lines)
    assert parts[0] == lines[0] and parts[-1] == lines[2] and len(parts) > 4


def test_a_notes_page_after_a_chapters_last_paragraph_is_read_as_notes_when_streamed_too():
    """A chapter's last long paragraphs, then its notes: the whole-document reader tries the prose reader,
    finds no citation in the prose and reads the notes; the streamed exporters decide as it does (they took
    the page for running prose, and "haliref bib" ended in "no references found")."""
    paragraph = " ".join(["The harbour dues of the northern ports rose and fell with the grain trade, and the "
                          "merchants of every town argued over them in their guild halls for a generation."] * 8)
    text = (f"{paragraph}\n\n{paragraph}\n\n"
            "1. Ann Roe, The Grain Trade of the Baltic (London: Faber, 1977), pp. 3–23.\n"
            "2. Bob Lee, Harbours and Tolls (Leeds: Marsh Press, 1975), p. 275.\n")
    whole = parse_text(text)
    with parse_stream(text.splitlines(keepends=True)) as streamed:
        assert streamed.citations == 2
        assert [work.id for work in streamed.works()] == [work.id for work in whole.works]
