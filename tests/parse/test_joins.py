"""The join reader (haliref.parse.joins): where a citation the splitter read as one holds the start of another."""

from __future__ import annotations

import hashlib
import json

import pytest

from haliref import parse_text
from haliref.parse.archival import ArchivalParts
from haliref.parse.joins import (
    JoinExample,
    join_features,
    packaged_join_examples,
    read_join_examples,
    splits_joined,
    train_join_reader,
)
from haliref.parse.split import RawCitation
from haliref.parse.tagger import default_tagger
from haliref.resources import model_path

#: ``data/training/joins.tsv`` as ``benchmarks/derived_joins.py --without benchmarks/notes_labeller_unseen.txt
#: --synthetic 1500`` writes it, the features of its first 100 examples, and the model ``haliref train --joins``
#: builds from it.
_JOIN_DATA_SHA256 = "61919e0306b4e3d513c9336bca5a3e77fc7d042961b3465b67ecfcaa6e06dd7e"
_JOIN_FEATURES_SHA256 = "a47c199dc3fb3714425047b2f75a9b3097be4a0058ab91ca73de392ffa216b9c"
_JOIN_MODEL_SHA256 = "1a8f7b003658944b77355abdffdc2596127c2889ec1a405b00d9211e1e01e2ce"


def test_the_shipped_join_reader_is_the_one_its_examples_build():
    """A change to the examples, to the words the features read, or to the features themselves needs the model
    rebuilt (``haliref train --joins -o src/haliref/data/model/joins.crfsuite``, a few seconds), measured, and these
    digests updated. Training is kept out of the suite: the rebuild matched the model's digest when it was pinned."""
    data = model_path("joins.crfsuite").parent.parent / "training" / "joins.tsv"
    assert hashlib.sha256(data.read_bytes()).hexdigest() == _JOIN_DATA_SHA256
    digest = hashlib.sha256()
    for example in packaged_join_examples()[:100]:
        digest.update(json.dumps(join_features(example.words, example.labels)).encode())
    assert digest.hexdigest() == _JOIN_FEATURES_SHA256, "the join reader's features changed: rebuild it"
    assert hashlib.sha256(model_path("joins.crfsuite").read_bytes()).hexdigest() == _JOIN_MODEL_SHA256


def test_the_examples_file_is_read_as_written():
    text = "# a comment\n3\tauthor title pages author\tRoe, Harbours, 45. Poe,\n\n\ttitle title\tThe Harbour\n"
    assert read_join_examples(text) == [
        JoinExample(("Roe,", "Harbours,", "45.", "Poe,"), ("author", "title", "pages", "author"), frozenset({3})),
        JoinExample(("The", "Harbour"), ("title", "title"), frozenset()),
    ]
    examples = packaged_join_examples()
    assert len(examples) == 3_246  # 1,353 citation bodies from the development pages, 1,893 synthetic
    assert sum(len(e.starts) for e in examples) == 660
    assert all(len(e.words) == len(e.labels) and all(0 < start < len(e.words) for start in e.starts)
               for e in examples)


def test_training_on_the_same_examples_gives_the_same_model(tmp_path):
    examples = packaged_join_examples()[:60]
    first, second = train_join_reader(examples, tmp_path / "a"), train_join_reader(examples, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_only_a_word_after_a_stop_a_semicolon_a_dash_a_bracket_and_comma_or_a_joining_word_is_asked():
    words = ["Roe,", "Harbours,", "45;", "Poe,", "Ledgers", "y", "Ann", "Lee,", "Docks"]
    labels = ["author", "title", "pages", "author", "title", "title", "author", "author", "title"]
    rows = join_features(words, labels)
    assert [index for index, row in enumerate(rows) if "cand" in row] == [3, 6]
    assert "closer=;" in rows[3] and "closer=and" in rows[6]
    assert "capital comma" in rows[3] and "name starts" in rows[6]  # "Poe," an inverted name; "Ann Lee," a name
    assert "labs=pages|author" in rows[3] and "lab=author" in rows[6]
    # the fields the labeller reads in the stretches before and after each place
    assert "before=autipa" in rows[3] and "after=auti" in rows[3]  # "Roe, Harbours, 45;" | "Poe, Ledgers y"
    assert "before=auti" in rows[6] and "after=auti" in rows[6]  # "Poe, Ledgers y" | "Ann Lee, Docks"
    # a bracket and its comma close an imprint after which a sentence's list of works goes on ("B." an initial)
    listed = join_features(["Roe,", "Harbours", "(1968),", "B.", "Poe,", "Quays", "(1979)"],
                           ["author", "title", "date", "author", "author", "title", "date"])
    assert [index for index, row in enumerate(listed) if "cand" in row] == [3, 4] and "closer=)," in listed[3]


class _Starts:
    """A reader that answers fixed starts and counts the questions."""

    def __init__(self, *starts: int) -> None:
        self.at = list(starts)
        self.asked = 0

    def starts(self, words, labels):
        self.asked += 1
        return self.at


def test_a_shape_an_ibid_or_an_author_from_the_prose_is_not_read_again():
    shaped = RawCitation(body="Roe to Marsh, 3 May 1955. Lisbon Papers, box 4",
                         shaped=ArchivalParts(author="Roe", title="Roe to Marsh", date="3 May 1955",
                                              archive="Lisbon Papers"))
    ibid = RawCitation(body="Ibid., 4. Roe, Harbours", ibid=True)
    hinted = RawCitation(body="Roe, Harbours, 4. Poe, Ledgers", author_hint="Roe")
    reader = _Starts(3)
    citations = [shaped, ibid, hinted]
    note = "Roe to Marsh, 3 May 1955. Lisbon Papers, box 4; Ibid., 4. Roe, Harbours; Roe, Harbours, 4. Poe, Ledgers"
    assert splits_joined(citations, note, default_tagger(), reader) == citations  # type: ignore[arg-type]
    assert reader.asked == 0


def test_a_cut_that_leaves_no_work_on_either_side_is_not_made():
    tagger = default_tagger()
    # a publisher after a book's pages is no work of its own
    book = RawCitation(body="Ann Roe, The Harbour Ledgers of Lisbon, pp. 81-131. Methuen and Co.")
    note = book.body
    assert splits_joined([book], note, tagger, _Starts(9)) == [book]  # type: ignore[arg-type]
    # the names before "and" are no work either
    names = RawCitation(body="Roe, A., Poe, B., and Lee, C., “The Harbour Ledgers,” Harbour Review, 5 (1961), 3–9")
    assert splits_joined([names], names.body, tagger, _Starts(5)) == [names]  # type: ignore[arg-type]


def test_a_cut_is_read_again_by_the_splitter_its_prefix_and_suffix_kept_at_the_ends():
    joined = RawCitation(body="Ann Roe, The Harbour Ledgers (London, 1961), 45. Peter Marsh, Grain and Salt "
                              "(Leeds, 1970)", prefix="See", locator="12", suffix="on the clerks.")
    note = f"See {joined.body}, 12, on the clerks."
    first, second = splits_joined([joined], note, default_tagger(), _Starts(8))  # type: ignore[arg-type]
    assert (first.prefix, first.body, first.locator) == ("See", "Ann Roe, The Harbour Ledgers (London, 1961)", "45")
    assert (second.prefix, second.body, second.locator) == ("", "Peter Marsh, Grain and Salt (Leeds, 1970)", "12")
    assert second.suffix == "on the clerks."


@pytest.mark.parametrize(
    ("note", "families", "titles"),
    [
        # a full stop between an article and a book, the second author's name inverted
        ("1. A. Roe, ‘The Grain Trade of Lisbon’, Harbour Review, no. 12 (1961), 33–50. Marsh, P., Ledgers and "
         "Clerks in the Age of Sail, London 1964, passim.\n",
         ["Roe", "Marsh"], ["The Grain Trade of Lisbon", "Ledgers and Clerks in the Age of Sail"]),
        # semicolons the splitter did not trust, after a cited page
        ("1. Roe, Harbours of the North, 1918, p. 95; Marsh, in Revue des ports, xxxiii, 19; Lee, Ledgers of Lisbon, "
         "1916, p. 4.\n", ["Roe", "Marsh", "Lee"], None),
    ],
)
def test_works_joined_in_one_note_are_cited_apart(note, families, titles):
    document = parse_text(note)
    citations = document.notes[0].citations
    works = {work.id: work for work in document.works}
    firsts = [(works[c.work].csl.get("author") or [{}])[0] for c in citations]
    assert [first.get("family") or first.get("literal") for first in firsts] == families
    if titles:
        assert [works[c.work].csl.get("title") for c in citations] == titles


@pytest.mark.parametrize(
    "note",
    [
        "Pate, C. Marvin. What Does the Future Hold? Exploring Various Views on the End Times. Grand Rapids: Baker, "
        "2010.\n",
        "1. Roe, A. (1911) “The Harbour” and “The Ledger.” Essays on Lisbon, pp. 81-131, 208-241. Methuen and Co.\n",
        "1. Roe, A., Poe, B., and Lee, C., “The Harbour Ledgers,” Harbour Review, vol. 5, pp. 3–9, 1961.\n",
    ],
)
def test_one_reference_with_stops_inside_stays_one_citation(note):
    assert len(parse_text(note).notes[0].citations) == 1
