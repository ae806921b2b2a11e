"""haliref.render.names: initials spaced, pseudonyms with their real names, given names that tell authors apart."""

from __future__ import annotations

from haliref.render.names import _givenname_table, _real_name_of_pseudonym, _space_initials


def test_typed_initials_are_punctuated_and_spaced():
    assert _space_initials("E.H.", ". ") == "E. H."
    assert _space_initials("James T", ". ") == "James T."
    assert _space_initials("Ann", ". ") == "Ann"


def test_a_pseudonyms_real_name_goes_in_brackets_and_leaves_the_note():
    item = {"author": [{"literal": "Mark Twain"}], "note": "pseud. of Samuel Langhorne Clemens; 2nd printing"}
    _real_name_of_pseudonym(item)
    assert item["author"] == [{"family": "Mark Twain", "suffix": "[Samuel Langhorne Clemens]"}]
    assert item["note"] == "2nd printing"
    alone = {"author": [{"literal": "Tomás"}], "note": "pseudonym of Luis Ortega Vidal"}
    _real_name_of_pseudonym(alone)
    assert "note" not in alone


def test_two_authors_of_one_family_name_are_told_apart_by_initials_or_in_full():
    def item(family, given):
        return {"type": "book", "author": [{"family": family, "given": given}]}
    table = _givenname_table([item("Halliday", "Fred"), item("Halliday", "Jon"), item("Roe", "Ann"),
                              item("Smith", "John"), item("Smith", "Jane")])
    assert table == {"Halliday": "initials", "Smith": "full"}
