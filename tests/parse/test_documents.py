"""A documents edition's source notes (haliref.parse.documents), on invented documents."""

from __future__ import annotations

from haliref import parse_text
from haliref.parse.documents import documents_source


def test_a_source_note_gives_the_documents_title_writer_repository_and_place():
    parts, cited, remarks = documents_source(
        "Telegram From the Ministry of Trade to the Legation in Oslo Source: Ministry of Trade, Central Files, "
        "TRA 12 NOR. Secret; Immediate. Drafted by Ann Roe and approved by Poe.")
    assert (parts.author, parts.title, parts.archive, parts.archive_location) == (
        "Ministry of Trade", "Telegram From the Ministry of Trade to the Legation in Oslo", "Ministry of Trade",
        "Central Files, TRA 12 NOR")
    assert cited.endswith("Source: Ministry of Trade, Central Files, TRA 12 NOR")
    assert remarks == "Secret; Immediate. Drafted by Ann Roe and approved by Poe"


def test_a_persons_memorandum_and_an_abbreviations_stop_inside_the_place():
    parts, _, remarks = documents_source(
        "Memorandum From Ann B. Roe of the Planning Staff to President Poe Source: Poe Library, Country File, "
        "Norway, Vol. II. Secret.")
    assert (parts.author, parts.archive_location, remarks) == ("Ann B. Roe", "Country File, Norway, Vol. II", "Secret")
    assert documents_source("Memorandum of Conversation Source: Ministry of Trade, Files. Secret.")[0].author == ""
    assert documents_source("Ann Roe, Life of Leeds (London, 1990), 5.") is None


def test_a_documents_list_becomes_manuscripts_told_apart_by_their_files():
    text = ("1. Telegram From the Ministry of Trade to the Legation in Oslo\n"
            "Source: Ministry of Trade, Central Files, TRA 12 NOR. Secret; Immediate. Drafted by Roe, cleared by Lee "
            "and approved by Poe.\n"
            "2. Telegram From the Ministry of Trade to the Legation in Oslo\n"
            "Source: Ministry of Trade, Central Files, TRA 13 NOR. Secret. Repeated to London and Paris.\n"
            "3. Telegram From the Legation in Oslo to the Ministry of Trade\n"
            "Source: Ministry of Trade, Central Files, TRA 13 NOR. Confidential.\n")
    document = parse_text(text)
    assert [len(note.citations) for note in document.notes] == [1, 1, 1]  # the remarks cite nothing
    works = [document.work(note.citations[0].work).csl for note in document.notes]
    assert len({note.citations[0].work for note in document.notes}) == 3  # one title, two files: two documents
    assert [(w["type"], w["archive_location"]) for w in works] == [
        ("manuscript", "Central Files, TRA 12 NOR"), ("manuscript", "Central Files, TRA 13 NOR"),
        ("manuscript", "Central Files, TRA 13 NOR")]
    assert works[2]["author"] == [{"literal": "Legation in Oslo"}]
