"""The prefix reader (haliref.parse.prefixes): where the author's words before a citation end and the work begins."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pytest

from haliref import parse_text
from haliref.parse.archival import ArchivalParts
from haliref.parse.prefixes import (
    PrefixExample,
    packaged_prefix_examples,
    read_prefix_examples,
    recut_prefixes,
    train_prefix_reader,
    word_features,
)
from haliref.parse.split import RawCitation
from haliref.resources import model_path

#: ``data/training/prefixes.tsv`` as ``benchmarks/derived_prefixes.py --without
#: benchmarks/notes_labeller_unseen.txt --synthetic 1000`` writes it, the features of its first 100 examples, and the
#: model ``haliref train --prefixes`` builds from it.
_PREFIX_DATA_SHA256 = "4e08664de50ac55e2e1b94c423d8fc238c41e8dbbacda35171899bfc53dbdfa9"
_PREFIX_FEATURES_SHA256 = "85be8c0810ac00c9e380d127d449e2988e4b243a1d954dcad9407b9847dfbbc8"
_PREFIX_MODEL_SHA256 = "586005b7117bfd2b0683db9c45e6b8bc3e0decbe10297a0923bd6ff51b96d8f8"


def test_the_shipped_prefix_reader_is_the_one_its_examples_build():
    """A change to the examples, to the cue words or given names the features read, or to the features themselves
    needs the model rebuilt (``haliref train --prefixes -o src/haliref/data/model/prefixes.crfsuite``, a few
    seconds), measured, and these digests updated. Training is kept out of the suite: the rebuild matched the model's
    digest when it was pinned."""
    data = model_path("prefixes.crfsuite").parent.parent / "training" / "prefixes.tsv"
    assert hashlib.sha256(data.read_bytes()).hexdigest() == _PREFIX_DATA_SHA256
    digest = hashlib.sha256()
    for example in packaged_prefix_examples()[:100]:
        digest.update(json.dumps(word_features(example.words, example.rules_cut)).encode())
    assert digest.hexdigest() == _PREFIX_FEATURES_SHA256, "the prefix reader's features changed: rebuild it"
    assert hashlib.sha256(model_path("prefixes.crfsuite").read_bytes()).hexdigest() == _PREFIX_MODEL_SHA256


def test_the_examples_file_is_read_as_written():
    text = "# a comment\n1\t3\tSee the profile in Roe, Harbour\n\n0\t0\tRoe, Harbour (1961)\n"
    assert read_prefix_examples(text) == [
        PrefixExample(("See", "the", "profile", "in", "Roe,", "Harbour"), 1, 3),
        PrefixExample(("Roe,", "Harbour", "(1961)"), 0, 0),
    ]
    examples = packaged_prefix_examples()
    assert len(examples) == 3_161  # 2,227 from the development pages, 934 synthetic
    assert all(0 <= e.cut < len(e.words) and 0 <= e.rules_cut <= len(e.words) for e in examples)


def test_training_on_the_same_examples_gives_the_same_model(tmp_path):
    examples = packaged_prefix_examples()[:60]
    first, second = train_prefix_reader(examples, tmp_path / "a"), train_prefix_reader(examples, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


def test_the_splitter_s_cut_and_the_cue_words_are_features():
    rows = word_features(["See", "also", "Roe,", "Harbour"], 2)
    assert [row[4] for row in rows] == ["side=P", "side=P", "side=C", "side=C"]
    assert "rulecut" in rows[2] and "rulecut" not in rows[1]
    assert "cue" in rows[0] and "cue" not in rows[2]
    assert "-1w=also" in rows[2] and "1w=roe" in rows[1] and "-2edge" in rows[1]


@pytest.mark.parametrize(
    ("prefix", "body", "wanted_prefix", "wanted_body"),
    [
        # prose the splitter left on the body
        ("See", "the profile in Peter Marsh, The Grain Trade of Lisbon (London: Methuen, 1961)",
         "See the profile in", "Peter Marsh, The Grain Trade of Lisbon (London: Methuen, 1961)"),
        # an author the splitter took for prose
        ("Quoted in Roe,", "The Harbour Ledgers (London: Methuen, 1961)",
         "Quoted in", "Roe, The Harbour Ledgers (London: Methuen, 1961)"),
        # a topic before the citation stays the author's words; a title opening with "On" stays the work's
        ("Lisbon and Porto,", "Ann Roe, The Harbour Ledgers (London: Methuen, 1961)",
         "Lisbon and Porto,", "Ann Roe, The Harbour Ledgers (London: Methuen, 1961)"),
        ("", "On Liberty and the Harbour (London: Methuen, 1961)",
         "", "On Liberty and the Harbour (London: Methuen, 1961)"),
    ],
)
def test_the_shipped_reader_moves_the_cut_where_the_splitter_missed_it(prefix, body, wanted_prefix, wanted_body):
    [citation] = recut_prefixes([RawCitation(body=body, prefix=prefix, locator="45")], f"{prefix} {body}, 45.")
    assert (citation.prefix, citation.body, citation.locator) == (wanted_prefix, wanted_body, "45")


class _Cuts:
    """A reader that answers a fixed cut."""

    def __init__(self, cut: int) -> None:
        self.at = cut
        self.asked = 0

    def cut(self, words, rules_cut):
        self.asked += 1
        return self.at


def test_a_citation_the_reader_may_not_read_again_keeps_the_splitter_s_cut():
    note = ("See Roe to Marsh, 3 May 1955, Lisbon Papers; Ibid., 4; Roe, Harbour, 5; but Ann Roe’s Harbour Ledgers "
            "(London, 1961) is better.")
    shaped = RawCitation(body="Roe to Marsh, 3 May 1955, Lisbon Papers", prefix="See",
                         shaped=ArchivalParts(author="Roe", title="Roe to Marsh", date="3 May 1955",
                                                archive="Lisbon Papers"))
    ibid = RawCitation(body="Ibid.", ibid=True, locator="4")
    hinted = RawCitation(body="Roe, Harbour", author_hint="Roe")
    elsewhere = RawCitation(body="Harbour Ledgers", prefix="See")  # its words do not stand so in the note
    possessive = RawCitation(body="Ann Roe’s Harbour Ledgers (London, 1961)", prefix="but")
    reader = _Cuts(0)
    citations = [shaped, ibid, hinted, elsewhere, possessive]
    assert recut_prefixes(citations, note, reader) == citations  # type: ignore[arg-type]
    assert reader.asked == 0


def test_a_cut_that_leaves_no_work_or_the_same_cut_changes_nothing():
    citation = RawCitation(body="Roe, Harbour (1961)", prefix="See")
    note = "1. See Roe, Harbour (1961), 4."
    assert recut_prefixes([citation], note, _Cuts(4))[0] is citation  # type: ignore[arg-type]
    assert recut_prefixes([citation], note, _Cuts(1))[0] is citation  # type: ignore[arg-type]
    moved = recut_prefixes([citation], note, _Cuts(0))[0]  # type: ignore[arg-type]
    assert moved == dataclasses.replace(citation, prefix="", body="See Roe, Harbour (1961)")


@pytest.mark.parametrize(
    ("note", "prefix", "family", "title"),
    [
        # the author's sentence runs into the citation with no cue word
        ("1. On the clerks, the standard account is Peter Marsh, The Grain Trade of Lisbon (London: Methuen, 1961), "
         "45.\n", "On the clerks, the standard account is", "Marsh", "The Grain Trade of Lisbon"),
        ("1. See the useful survey by Ann Roe, The Harbour Ledgers (London: Methuen, 1961).\n",
         "See the useful survey by", "Roe", "The Harbour Ledgers"),
        # a cue, then the author's description of the work
        ("1. See the recently established newsletter, Harbour Notes: Lisbon and Porto.\n",
         "See the recently established newsletter,", None, "Harbour Notes: Lisbon and Porto"),
    ],
)
def test_a_note_s_prose_is_kept_out_of_its_work(note, prefix, family, title):
    document = parse_text(note)
    [citation] = document.notes[0].citations
    [work] = [work for work in document.works if work.id == citation.work]
    assert citation.prefix == prefix
    assert (work.csl.get("author") or [{}])[0].get("family") == family
    assert work.csl["title"] == title
