"""haliref.render.archival: files named by their call numbers or collections, letters by writer and recipient."""

from __future__ import annotations

from haliref.render.archival import (
    _archival_title,
    _file_entry,
    _file_in_note,
    _letter_heading,
    _letter_named,
    _named_by_its_file,
)


def test_a_file_cited_by_its_call_number_is_a_document_named_by_it():
    item = {"type": "manuscript", "archive_location": "FO 800/310", "archive": "TNA"}
    _archival_title(item)
    assert item == {"type": "document", "title": "FO 800/310", "archive": "TNA"}
    titled = {"type": "manuscript", "title": "Diary", "archive": "TNA"}
    _archival_title(titled)
    assert titled["type"] == "manuscript"


def test_a_file_is_printed_as_named_not_quoted_and_undated():
    item = {"type": "document", "title": "Hatton Papers"}
    assert _named_by_its_file(item)
    assert not _named_by_its_file({**item, "archive": "Bodleian"})
    assert _file_entry(item) == "Hatton Papers."
    assert _file_in_note(item, "“Hatton Papers,” n.d., 4.") == "Hatton Papers, 4."


def test_a_letter_is_named_by_writer_and_recipient_once():
    item = {"type": "manuscript", "author": [{"family": "Avery"}], "title": "Avery to Lund"}
    assert _letter_heading(item) == ("Avery", "Avery to Lund")
    assert _letter_named(item, "Avery, “Avery to Lund,” March 3, 1951.") == "Avery to Lund, March 3, 1951."
    assert _letter_heading({**item, "title": "Report"}) is None
