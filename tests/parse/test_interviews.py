"""Interviews cited in notes (haliref.parse.interviews), read by their two shapes."""

from __future__ import annotations

import pytest

from haliref import parse_text
from haliref.parse.interviews import interview_parts


@pytest.mark.parametrize(
    "chunk, author, title, place, date, before",
    [
        ("Interview with Ann Roe, Fort Marsh, 1964.", "Ann Roe", "Interview with Ann Roe", "Fort Marsh", "1964", ""),
        ("Interview with Ann Roe (granddaughter of Bob Roe, 1870–1931), University of Leeds, 14 June 1999.",
         "Ann Roe", "Interview with Ann Roe", "University of Leeds", "14 June 1999", ""),
        ("Lord Lowe interview with author.", "Lord Lowe", "interview with author", "", "", ""),
        ("Sir Ann Roe MP, chairman of the Harbour Committee 1970-78, interview with the author, May 3, 1990.",
         "Sir Ann Roe", "interview with the author", "", "May 3, 1990", ""),
        ("Dislike would cost an argument its hearing: Sir Bob Lowe interview with author.", "Sir Bob Lowe",
         "interview with author", "", "", "Dislike would cost an argument its hearing:"),
    ],
)
def test_an_interview_is_read_by_its_shape(chunk, author, title, place, date, before):
    found = interview_parts(chunk)
    assert found is not None
    parts, prefix = found
    assert (parts.author, parts.title, parts.place, parts.date, prefix) == (author, title, place, date, before)
    assert dict(parts.spans())["type"] == "interview"


@pytest.mark.parametrize("chunk", [
    "Interview with Lowe, Bob, Harbour Hour, Leeds Television, 11 May 1975.",  # a broadcast's parts, no place
    "Interview with Ann Roe, who told me in 1964 that the harbour had never been dredged at all.",  # prose
    "Roe, Ann, Interviews with Sailors (Leeds, 1990).",  # a published book of interviews
    "Ann Roe, interview with author, which she later regretted giving.",  # no date after it: the note's words
])
def test_other_chunks_that_name_an_interview_are_not_read_as_one(chunk):
    assert interview_parts(chunk) is None


def test_an_interview_note_becomes_an_interview_item():
    document = parse_text("3. Lord Lowe interview with author.\n4. Interview with Ann Roe, Fort Marsh, 1964.\n")
    works = [document.work(citation.work).csl for note in document.notes for citation in note.citations]
    assert [(w["type"], w["author"][0]["family"], w.get("publisher-place")) for w in works] == [
        ("interview", "Lowe", None), ("interview", "Roe", "Fort Marsh")]
