"""The model given to crfsuite with its attributes under short names (haliref.parse.crfmodel)."""

from __future__ import annotations

import pycrfsuite
import pytest

from haliref import resources
from haliref.parse.crfmodel import attribute_names, hashlittle, short_named


def test_hashlittle_gives_lookup3s_own_test_values():
    # lookup3.c's driver5: the hash of an empty key and of "Four score and seven years ago"
    assert hashlittle(b"") == 0xDEADBEEF
    assert hashlittle(b"", 0xDEADBEEF) == 0xBD5B7DDE
    assert hashlittle(b"Four score and seven years ago") == 0x17770551
    assert hashlittle(b"Four score and seven years ago", 1) == 0xCD628161


@pytest.mark.parametrize("name", ["parser.crfsuite", "notes.crfsuite", "finder.crfsuite", "runon.crfsuite",
                                  "prefixes.crfsuite", "joins.crfsuite"])
def test_the_shipped_models_names_are_read_and_their_table_written_again_byte_for_byte(name):
    model = resources.model_path(name).read_bytes()
    crf = pycrfsuite.Tagger()
    crf.open(str(resources.model_path(name)))
    names = attribute_names(model)  # None unless the table written from them is the model's own, byte for byte
    assert names is not None
    assert [n.decode() for n in names] == list(crf.info().attributes)


def test_the_renamed_model_labels_as_the_model_with_every_attribute_under_its_short_name():
    path = resources.model_path("parser.crfsuite")
    model = path.read_bytes()
    renamed, shorts = short_named(model)  # type: ignore[misc]
    assert len(set(shorts.values())) == len(shorts) and not any(b"\0" in s for s in shorts.values())
    assert max(map(len, shorts.values())) <= 2
    original, short = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    original.open(str(path))
    short.open_inmemory(renamed)
    names = list(shorts)
    sequences = [[names[(i * 7 + k * 13) % len(names) : (i * 7 + k * 13) % len(names) + 40] for k in range(9)]
                 for i in range(50)]
    for sequence in sequences:
        original.set(sequence)
        short.set([[shorts[name] for name in item] for item in sequence])
        labels = original.tag()
        assert short.tag() == labels
        assert [short.marginal(label, i) for i, label in enumerate(labels)] == [
            original.marginal(label, i) for i, label in enumerate(labels)
        ]


def test_a_file_that_is_no_model_is_left_alone():
    assert short_named(b"not a model at all, not even a header's length of bytes") is None
    assert attribute_names(b"") is None
