"""haliref.render.parts: unsigned chapters and dictionary entries, rendered as CMOS 17 14.107, 14.232-14.234 ask."""

from __future__ import annotations

from haliref.render.markup import _I_OFF, _I_ON
from haliref.render.parts import _entry_in_note, _signed_entry, _unsigned_entry, _unsigned_part

OED = {"type": "entry-dictionary", "title": "sansculotte", "container-title": "Oxford English Dictionary"}


def test_an_unsigned_part_is_a_chapter_in_a_titled_book_without_an_author():
    assert _unsigned_part({"type": "chapter", "container-title": "Book"})
    assert _unsigned_part({"type": "chapter", "container_title": "Book"})  # citeproc-py's keys
    assert not _unsigned_part({"type": "chapter", "container-title": "Book", "author": [{"family": "Roe"}]})
    assert not _unsigned_part({"type": "book", "container-title": "Series"})


def test_dictionary_entries_signed_or_not():
    assert _unsigned_entry(OED) and not _signed_entry(OED)
    signed = {**OED, "author": [{"family": "Shanin"}]}
    assert _signed_entry(signed) and not _unsigned_entry(signed)


def test_an_unsigned_entry_keeps_sv_in_every_note_and_a_signed_one_has_none():
    dictionary = _I_ON + "Oxford English Dictionary" + _I_OFF
    cited = f"{dictionary}, “sansculotte,” 12."
    assert _entry_in_note(OED, cited, False, False) == f"{dictionary}, s.v. “sansculotte,” 12."
    online = f"“sansculotte”, {dictionary}, accessed May 1, 2020."
    assert _entry_in_note(OED, online, False, False) == f"{dictionary}, s.v. “sansculotte”, accessed May 1, 2020."
    assert _entry_in_note(OED, cited, True, False) == cited      # the bibliography is the style's
    signed = {**OED, "author": [{"family": "Shanin"}], "title": "Peasantry"}
    assert _entry_in_note(signed, "Shanin, s.v. “Peasantry,” 13.", False, False) == "Shanin, “Peasantry,” 13."
