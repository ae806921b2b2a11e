"""Splitting notes into citations: prefixes, locators, several works, prose-embedded citations."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT_DIR

from haliref.parse import split as _split
from haliref.parse.split import _chunks, _citation_start, names_end, split_note
from haliref.read.segment import segment


def one(text):
    citations, leftover = split_note([text])
    assert len(citations) == 1, citations
    assert leftover == ""
    return citations[0]


@pytest.mark.parametrize(
    ("text", "prefix", "body", "locator"),
    [
        ("Ann Roe, A Book (London: Verso, 1990) p. 4.", "", "Ann Roe, A Book (London: Verso, 1990)", "p. 4"),
        (
            "Quoted in J. K. Poe, Title (Paris: Seuil, 1980), pp. 115–17.", "Quoted in",
            "J. K. Poe, Title (Paris: Seuil, 1980)", "pp. 115–17",
        ),
        (
            "On the war in Spain, Hugh Lane, Title (Oxford, 1983) vol. 3, pp. 303–4.", "On the war in Spain,",
            "Hugh Lane, Title (Oxford, 1983)", "vol. 3, pp. 303–4",
        ),
        (
            "Text of the treaty in Maria Ruiz, Title (Madrid: Alianza, 1977) p. 9.", "Text of the treaty in",
            "Maria Ruiz, Title (Madrid: Alianza, 1977)", "p. 9",
        ),
        (
            "For a full account see Tom Ash, ‘An Essay’, in Bo Lin (ed.), A Book (Leiden: Brill, 2001).",
            "For a full account see", "Tom Ash, ‘An Essay’, in Bo Lin (ed.), A Book (Leiden: Brill, 2001)", "",
        ),
        (
            "‘A Speech’, in Collected Speeches, ed. A. Lee (London: Pluto, 1972) pp. 4-5.", "",
            "‘A Speech’, in Collected Speeches, ed. A. Lee (London: Pluto, 1972)", "pp. 4-5",
        ),
        (
            "Lucy Ward, ‘An Article’, Past and Present 12 (1989) 45.", "",
            "Lucy Ward, ‘An Article’, Past and Present 12 (1989)", "45",
        ),
    ],
)
def test_prefix_body_locator(text, prefix, body, locator):
    citation = one(text)
    assert (citation.prefix, citation.body, citation.locator) == (prefix, body, locator)
    assert not citation.short_form


def test_several_works_in_one_note():
    citations, _ = split_note(
        ["For two views, see Ann Roe, First Title; Bob Poe, Second Title (Boston: Beacon, 1996)."]
    )
    assert [c.body for c in citations] == ["Ann Roe, First Title", "Bob Poe, Second Title (Boston: Beacon, 1996)"]
    assert citations[0].prefix == "For two views, see"
    assert citations[0].short_form and not citations[1].short_form


def test_sentence_after_a_locator_starts_a_new_citation():
    citations, _ = split_note(
        [
            "Ann Roe, A Book (London: Verso, 1990) pp. 4-5. "
            "For the context, see Bob Poe, Other (Paris: Seuil, 1980) p. 2."
        ]
    )
    assert [(c.prefix, c.locator) for c in citations] == [("", "pp. 4-5"), ("For the context, see", "p. 2")]


def test_continuation_items_are_separate_citations():
    citations, _ = split_note(
        ["Ann Roe, A Book (London: Verso, 1990) p. 4", "Bob Poe, Other (Paris: Seuil, 1980) p. 2."]
    )
    assert [c.locator for c in citations] == ["p. 4", "p. 2"]


def test_citation_inside_prose_parenthesis_takes_author_from_prose():
    citation = one(
        "Karl Weber argues that the plan failed in 1961–3 (Die Planung der Zukunft, Munich: Beck, 1969, pp. 11–13)."
    )
    assert citation.author_hint == "Karl Weber"
    assert citation.body == "Karl Weber, Die Planung der Zukunft, Munich: Beck, 1969"
    assert citation.locator == "pp. 11–13"
    assert citation.prefix.startswith("Karl Weber argues")


def test_short_forms():
    citations, _ = split_note(["Ann Roe, p. 12. The rest is commentary (Bob Poe, A Title Here, Paris: Seuil, 1985)."])
    assert citations[0].short_form and citations[0].body == "Ann Roe" and citations[0].locator == "p. 12"
    assert citations[1].body == "Bob Poe, A Title Here, Paris: Seuil, 1985"
    assert citations[1].author_hint == ""
    assert citations[1].prefix == "The rest is commentary"
    ibid = one("Ibid., p. 230.")
    assert ibid.ibid and ibid.short_form and ibid.locator == "p. 230"
    surname = one("Hobbes, p. 61.")
    assert surname.short_form and surname.body == "Hobbes"
    op_cit = one("Ann Roe, op. cit., p. 9.")
    assert op_cit.short_form and not op_cit.ibid and op_cit.body == "Ann Roe"


def test_pure_prose_note_has_no_citation():
    citations, leftover = split_note(["This point is made by many, and disputed by few."])
    assert citations == [] and leftover.startswith("This point")


# --- issue 7: shapes beyond the bundled list -------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "Roe, Ann. 1983. A Title. Boston: Little, Brown.",
        "Poe, B. J. 1990. Another Title. London: Verso.",
        "Doe, C. (2011). Third title. Paris: Seuil.",
    ],
)
def test_author_date_entry_is_one_citation_without_prefix_or_locator(entry):
    citations, leftover = split_note([entry])
    assert [(c.body, c.prefix, c.locator) for c in citations] == [(entry, "", "")]
    assert leftover == ""


@pytest.mark.parametrize(
    ("note", "body", "locator"),
    [
        ("Roe, op. cit., p. 9.", "Roe", "p. 9"),
        ("Roe, op. cit., 50.", "Roe", "50"),
        ("Roe, loc. cit.", "Roe", ""),
        ("Roe, Short Title, 60.", "Roe, Short Title", "60"),
        ("Ibid., 110.", "Ibid.", "110"),
    ],
)
def test_short_forms_with_bare_page_numbers(note, body, locator):
    (citation,), _ = split_note([note])
    assert citation.short_form
    assert (citation.body.rstrip("."), citation.locator) == (body.rstrip("."), locator)


def test_inverted_name_opens_the_citation():
    (citation,), _ = split_note(["Roe, Ann B., A Title (Leeds: Moorland, 1975), p. 8."])
    assert (citation.prefix, citation.locator) == ("", "p. 8")
    assert citation.body.startswith("Roe, Ann B., A Title")


def test_place_before_a_forward_name_is_not_an_inverted_name():
    (citation,), _ = split_note(["In Spain, Ann Roe, A Title (Oxford, 1983) p. 3."])
    assert citation.prefix == "In Spain,"


def test_cue_word_is_not_an_initial():
    (citation,), _ = split_note(["Cf. Ann Roe, A Title (Leeds: Moorland, 1975), p. 8."])
    assert citation.prefix == "Cf."


# --- linear name and citation-start scanning: same answers as the old slicing code ----------------


def _reference_names_end(text):
    """The old reading: split the whole rest at every call (quadratic when called at every gap)."""
    tokens = text.split(" ")
    position, index, found = 0, 0, False
    while index < len(tokens):
        length = _split._person_length(tokens[index:])
        if not length:
            return 0
        index += length
        found = True
        last = tokens[index - 1]
        position = len(" ".join(tokens[:index])) - (len(last) - len(last.rstrip(",;:")))
        if index < len(tokens) and tokens[index] in ("and", "&"):
            index += 1
            continue
        break
    return position if found else 0


def _reference_starts_citation(text):
    if not text:
        return False
    if text[0] in _split._OPEN_QUOTES or _split.SHORT_FORM.match(text):
        return True
    end = _reference_names_end(text)
    return bool(end) and bool(_split._FOLLOWERS.match(text[end:]))


def _reference_citation_start(text):
    depths = _split._depths(text)
    candidates = [0]
    for match in re.finditer(r"(?:[,;:.]\s+|\s+)", text):
        if depths[match.start()]:
            continue
        before = text[: match.start()].casefold()
        if match.group().strip() or any(before.endswith(" " + cue) or before == cue for cue in _split._cues()):
            candidates.append(match.end())
    inverted = _split._inverted_end(text)
    if inverted and re.match(r"^\.?,\s", text[inverted:]):
        return 0
    return next((p for p in candidates if _reference_starts_citation(text[p:])), None)


ROOT = ROOT_DIR
REAL_ITEMS = [
    item
    for path in sorted((ROOT / "tests" / "data").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    for note in segment(path.read_text(encoding="utf-8")).notes
    for item in note.item_texts
]
WORDS = ["Ann", "Roe", "Roe,", "and", "&", "see", "Quoted", "in", "cf.", "J.", "K.", "van", "Dam,", "Smith,", "John",
         "(ed.),", "ed.", "Life", "(London,", "1990)", "p.", "4;", "op.", "cit.,", "Ibid.,", "‘Essay’,", ";", ",", ".",
         "", "\u00a0", "see also", "quoted in", "The", "Paris:", "Seuil,", "1985).", "(", ")"]


def test_name_and_citation_scanning_is_unchanged_on_real_notes():
    for item in REAL_ITEMS:
        assert names_end(item) == _reference_names_end(item), item
        assert _citation_start(item) == _reference_citation_start(item), item


@given(st.lists(st.sampled_from(WORDS), max_size=14), st.sampled_from([" ", "  ", ", ", "; "]))
def test_name_and_citation_scanning_matches_the_old_code(words, glue):
    text = glue.join(words)
    assert names_end(text) == _reference_names_end(text)
    assert _citation_start(text) == _reference_citation_start(text)


@pytest.mark.parametrize("space", [" ", "\u00a0", "\t"])
def test_whitespace_runs_in_a_note(space):
    (citation,), leftover = split_note(["Ann Roe, Life (London: Faber, 1990)," + space * 20_000 + "p. 4."])
    assert (citation.body, citation.locator, leftover) == ("Ann Roe, Life (London: Faber, 1990)", "p. 4", "")
    (citation,), _ = split_note(["Roe," + space * 20_000 + "op. cit.," + space * 20_000 + "p. 9."])
    assert citation.short_form and citation.locator == "p. 9"
    (citation,), _ = split_note(["Ann Roe," + space * 20_000 + "Life, 1990."])
    assert citation.body.startswith("Ann Roe,")


def test_long_runs_of_names_commas_colons_and_initials():
    names = " and ".join(["Ann Roe"] * 3000)
    (citation,), _ = split_note([f"See {names}, Life (London: Faber, 1990), p. 4."])
    assert citation.prefix == "See" and citation.body.startswith(names + ", Life") and citation.locator == "p. 4"
    assert names_end(names + " and the rest") == 0
    assert names_end(names + ", Life") == len(names)
    for text in ("a, " * 5000 + "1990.", "a: b, " * 5000 + "1990.", "a; " * 5000):
        assert split_note([text]) == ([], text.strip())  # prose: no name, no cue, no imprint
    (citation,), _ = split_note(["A. " * 5000 + "Roe, Life, 1990."])
    assert citation.short_form and (citation.prefix + " " + citation.body).endswith("A. Roe, Life, 1990")
    assert _chunks("a; " * 5000) == ["a; " * 4999 + "a;"]
    assert len(_chunks("Ann Roe, Life; " * 3000)) == 3000


def test_short_forms_after_a_cue_with_quoted_titles_and_between_semicolons():
    citations, _ = split_note(
        ["Roe, “A Title, with Commas,” 95; Poe, Another Short Title, 62–64; cf. Doe, Third Title, 110."]
    )
    assert [(c.prefix, c.body, c.locator, c.short_form) for c in citations] == [
        ("", "Roe, “A Title, with Commas,”", "95", True),
        ("", "Poe, Another Short Title", "62–64", True),
        ("cf.", "Doe, Third Title", "110", True),
    ]
    quoted, _ = split_note(["Quoted in Roe, Short Title, 52."])
    assert [(c.prefix, c.body, c.locator) for c in quoted] == [("Quoted in", "Roe, Short Title", "52")]


# --- bracket scanning by regex runs: same answers as the per-character loops -----------------------


def _reference_depths(text):
    depth, depths = 0, []
    for char in text:
        if char in "([":
            depth += 1
        depths.append(depth)
        if char in ")]" and depth:
            depth -= 1
    return depths


def _reference_paren_groups(text):
    groups, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            if depth == 0:
                start = index
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
            if depth == 0:
                groups.append((start, index + 1))
    return groups


def test_bracket_scanning_is_unchanged_on_real_notes():
    for item in REAL_ITEMS:
        assert _split._depths(item) == _reference_depths(item), item
        assert _split.paren_groups(item) == _reference_paren_groups(item), item


@given(st.text(alphabet="()[]a ,;.\u00a0\n‘"))
def test_bracket_scanning_matches_the_per_character_loops(text):
    assert _split._depths(text) == _reference_depths(text)
    assert _split.paren_groups(text) == _reference_paren_groups(text)


@given(st.lists(st.sampled_from([*WORDS, "(Roe,", "[Ann", "Poe]", "\u2003", "\t"]), max_size=14),
       st.sampled_from([" ", "\u00a0", ",\u2003", ". "]))
def test_citation_start_with_brackets_and_unicode_spaces_matches_the_old_code(words, glue):
    text = glue.join(words)
    assert _citation_start(text) == _reference_citation_start(text)
    assert _chunks(text) == _reference_chunks(text)


def _reference_chunks(text):
    """The old cutting: a fresh scanner for every note, built before the first boundary."""
    depths = _reference_depths(text)
    starts = _split._Starts(text)
    cuts = [0]
    for match in re.finditer(
        rf"(?:;\s+|(?:(?<=\))|(?<=\d)|(?<=\bibid)|(?<=\bIbid))\.\s+(?=[A-Z{_split._OPEN_QUOTES}]))", text
    ):
        if depths[match.start()]:
            continue
        if match.group().startswith(";") and starts.citation_start(match.end()) is None:
            stop = text.find(";", match.end())
            while stop != -1 and depths[stop]:
                stop = text.find(";", stop + 1)
            if _split._surname_short_form(text[match.end() : stop if stop != -1 else len(text)].strip()) is None:
                continue
        cuts.append(match.end())
    pieces = [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=False)]
    return [piece for piece in pieces if piece]


def test_chunks_are_unchanged_on_real_notes():
    for item in REAL_ITEMS:
        assert _chunks(item) == _reference_chunks(item), item


def _reference_anchor_end(text, start):
    for begin, end in _reference_paren_groups(text):
        if begin >= start and re.search(rf"\b{_split._YEAR}\b", text[begin:end]):
            return end
    match = _split._COMMA_IMPRINT.search(text, start)
    return match.end() if match else None


def test_anchor_end_is_unchanged_on_real_notes():
    for item in REAL_ITEMS:
        for start in {0, len(item) // 3, len(item) // 2}:
            assert _split._anchor_end(item, start) == _reference_anchor_end(item, start), item


@given(st.lists(st.sampled_from(["(", ")", "[", "]", "1990", "a1990", "1990b", "19900", " ", ",", "London: ", "Verso",
                                 "x", "2001"]), max_size=12), st.integers(0, 6))
def test_anchor_end_matches_the_sliced_search(pieces, start):
    text = "".join(pieces)
    assert _split._anchor_end(text, start) == _reference_anchor_end(text, start)


_FIRST_CHUNK_BOUNDARY = re.compile(
    rf"(?:;\s+|(?:(?<=\))|(?<=\d)|(?<=\bibid)|(?<=\bIbid))\.\s+(?=[A-Z{_split._OPEN_QUOTES}]))"
)


def _boundaries(pattern, text):
    return [match.span() for match in pattern.finditer(text)]


def test_chunk_boundaries_are_unchanged_on_real_notes():
    for item in REAL_ITEMS:
        assert _boundaries(_split._CHUNK_BOUNDARY, item) == _boundaries(_FIRST_CHUNK_BOUNDARY, item), item


@given(st.lists(st.sampled_from([";", ".", " ", "\u00a0", ")", "1", "ibid", "Ibid", "xibid", "A", "a", "‘", "“", "(",
                                 "Roe", "p"]), max_size=16))
def test_chunk_boundaries_match_the_first_pattern(pieces):
    text = "".join(pieces)
    assert _boundaries(_split._CHUNK_BOUNDARY, text) == _boundaries(_FIRST_CHUNK_BOUNDARY, text)
