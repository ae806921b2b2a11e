"""Tests for the citation sequence labeller (haliref.parse.tagger / haliref.parse.training)."""

from __future__ import annotations

import hashlib
import importlib.resources
import itertools

import pytest

from haliref.parse.tagger import Span, Tagger, default_tagger, tokenize
from haliref.parse.training import load_dataset, parse_dataset, train


def _core_path():
    return importlib.resources.files("haliref") / "data" / "training" / "core.xml"


# ----------------------------------------------------------------- tokenization
@pytest.mark.parametrize("text", [
    "Eric Hobsbawm, The Age of Extremes (London: Michael Joseph, 1994)",
    "  leading and\ttrailing   whitespace\n",
    "‘Quoted’,  in  Some Book,\u00a0ed. A. B.",
    "",
])
def test_tokenize_offsets_round_trip(text):
    toks = tokenize(text)
    assert [t.text for t in toks] == text.split()
    for t in toks:
        assert text[t.start:t.end] == t.text
    assert all(a.end < b.start for a, b in itertools.pairwise(toks))


@pytest.mark.parametrize(("text", "words"), [
    # italics a scrape set without a space: the fields either side become words of their own
    ("of trade in the harboursMaritime Bulletin24, 284-293.",
     ["of", "trade", "in", "the", "harbours", "Maritime", "Bulletin", "24,", "284-293."]),
    ("the Post-war World(London, 1942) p. 64.", ["the", "Post-war", "World", "(London,", "1942)", "p.", "64."]),
    ("Memoirs ofLectures TheDiplomacy Studies.American 1979Google",
     ["Memoirs", "of", "Lectures", "The", "Diplomacy", "Studies.", "American", "1979", "Google"]),
    # an imprint's bracket glued to the title's years before it
    ("Harbours 1919–25(Leeds, 1969)", ["Harbours", "1919–25", "(Leeds,", "1969)"]),
    # a title glued to the year before it, even after the year's bracket; a year's page range stays whole
    ("Roe, A. eds. 2003.A Companion (1998).“Rain” 1990,Oxford 1871-1890.",
     ["Roe,", "A.", "eds.", "2003.", "A", "Companion", "(1998).", "“Rain”", "1990,", "Oxford", "1871-1890."]),
    # names and compounds keep their inner capital; addresses, DOIs and "e.g." stay whole
    ("McDonald MacMillan DeWitt NeuroImage HarperCollins 1990s 2nd e.g.The (portsci08) PortSci08",
     ["McDonald", "MacMillan", "DeWitt", "NeuroImage", "HarperCollins", "1990s", "2nd", "e.g.The", "(portsci08)",
      "PortSci08"]),
    ("https://doi.org/10.1080/abcDef archive.treasury.gov.uk/thmlist1.html doi:10.1000/xYz",
     ["https://doi.org/10.1080/abcDef", "archive.treasury.gov.uk/thmlist1.html", "doi:10.1000/xYz"]),
])
def test_words_a_scrape_glued_together_are_read_as_their_parts(text, words):
    tokens = tokenize(text)
    assert [t.text for t in tokens] == words
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_a_glued_journal_is_labelled_apart_from_the_title_before_it():
    """The span texts are the page's own characters: nothing is inserted, the fields are only cut apart."""
    text = "Roe, A. (1927). Concepts of trade in the northern harboursMaritime Bulletin24, 284-293."
    spans = {span.label: span.text for span in default_tagger().label(text)}
    assert spans["title"].endswith("harbours")
    assert spans["journal"].startswith("Maritime Bulletin")


def test_a_title_glued_to_its_year_keeps_its_first_word():
    text = "Roe, Ann. 2003.A Companion to Rain. Leeds: Poe."
    spans = {span.label: span.text for span in default_tagger().label(text)}
    assert spans["date"] == "2003."
    assert spans["title"].startswith("A Companion to Rain")


# ----------------------------------------------------------------- dataset
def test_parse_dataset_small_xml():
    xml = """<?xml version="1.0"?>
    <dataset>
      <sequence>
        <author>Heidegger M.,</author>
        <date>1927,</date>
        <title>Être et
           temps,</title>
        <publisher>Routledge &amp; Kegan Paul</publisher>
      </sequence>
      <sequence><title>Only a title</title></sequence>
      <sequence></sequence>
    </dataset>"""
    data = parse_dataset(xml)
    assert data == [
        [("Heidegger", "author"), ("M.,", "author"), ("1927,", "date"),
         ("Être", "title"), ("et", "title"), ("temps,", "title"),
         ("Routledge", "publisher"), ("&", "publisher"), ("Kegan", "publisher"),
         ("Paul", "publisher")],
        [("Only", "title"), ("a", "title"), ("title", "title")],
    ]


def test_load_dataset_packaged_core():
    with importlib.resources.as_file(_core_path()) as p:
        data = load_dataset(p)
    assert len(data) == 1514
    assert data[0][0] == ("Heidegger", "author")


# ----------------------------------------------------------------- training
def test_training_is_deterministic(tmp_path):
    with importlib.resources.as_file(_core_path()) as p:
        seqs = load_dataset(p)[:50]
    params = {"max_iterations": 25}
    a = train(seqs, tmp_path / "a.crfsuite", params=params)
    b = train(seqs, tmp_path / "b.crfsuite", params=params)
    assert a.read_bytes() == b.read_bytes()
    tagger = Tagger(a)
    out = tagger.label_tokens("Heidegger M., 1927, Être et temps")
    assert len(out) == 6
    assert all(0.0 <= p <= 1.0 for _, _, p in out)


# ----------------------------------------------------------------- labelling
def _fields(text):
    spans = default_tagger().label(text)
    for s in spans:
        assert isinstance(s, Span)
        assert s.text == text[s.start:s.end]
        assert 0.0 < s.confidence <= 1.0
    # spans are maximal runs: adjacent spans differ in label
    assert all(a.label != b.label for a, b in itertools.pairwise(spans))
    return [(s.label, s.text) for s in spans]


def test_book_with_imprint():
    assert _fields("Richard Roe, The Long Revolution in Europe 1789–1848 (London: Fontana Press, 1992)") == [
        ("author", "Richard Roe,"),
        ("title", "The Long Revolution in Europe 1789–1848"),
        ("location", "(London:"),
        ("publisher", "Fontana Press,"),
        ("date", "1992)"),
    ]


def test_german_book():
    assert _fields("Hans Weber, Die deutsche Frage und die Einheit 1945–1990 (Munich: Beck, 1991)") == [
        ("author", "Hans Weber,"),
        ("title", "Die deutsche Frage und die Einheit 1945–1990"),
        ("location", "(Munich:"),
        ("publisher", "Beck,"),
        ("date", "1991)"),
    ]


def test_chapter_with_editor_before_book():
    got = _fields("Ann Lee, ‘An Essay’, in William J. Black (ed.), "
                  "A Collection of Essays: Subtitle Here (Chicago: Some Press, 1993)")
    assert got == [
        ("author", "Ann Lee,"),
        ("title", "‘An Essay’,"),
        ("editor", "in William J. Black (ed.),"),
        ("container-title", "A Collection of Essays: Subtitle Here"),
        ("location", "(Chicago:"),
        ("publisher", "Some Press,"),
        ("date", "1993)"),
    ]


def test_chapter_with_ed_after_book():
    got = dict(_fields("‘Speeches of the Year’, in The Orator’s Handbook, ed. M. Jones and J. Brown "
                       "(Harmondsworth: Penguin, 1972)"))
    assert got["title"] == "‘Speeches of the Year’,"
    assert got["editor"] == "ed. M. Jones and J. Brown"
    assert got["location"] == "(Harmondsworth:"
    assert got["publisher"] == "Penguin,"
    assert got["date"] == "1972)"
    assert "The Orator’s Handbook" in got["container-title"]


def test_edition_and_short_imprint():
    got = dict(_fields("Anna Grey, Rulers and Ruled in the Near East, second edition (Oxford, 1988)"))
    assert got["author"] == "Anna Grey,"
    assert got["edition"] == "second edition"
    assert got["location"] == "(Oxford,"
    assert got["date"] == "1988)"


def test_journal_article_in_note():
    got = dict(_fields("Jane Doe, ‘The Making of a Republic: Was It Inevitable?’, "
                       "Journal of Modern Studies, 12 (1980)"))
    assert got["author"] == "Jane Doe,"
    assert got["title"] == "‘The Making of a Republic: Was It Inevitable?’,"
    assert got["journal"] == "Journal of Modern Studies,"
    assert got["date"] == "(1980)"


def test_label_tokens_cover_text():
    text = "Mary Poe, Memoirs of a Rebel 1901–1941 (London: OUP, 1963)"
    out = default_tagger().label_tokens(text)
    assert [t.text for t, _, _ in out] == text.split()
    assert out[0][1] == "author"
    assert out[-1][1] == "date"
    assert default_tagger() is default_tagger()
    assert default_tagger().label("") == []


# ----------------------------------------------------------------- features
# sha256 of the features of every packaged training sequence (one line per token, features joined by
# tabs, a blank line after each sequence): the features the shipped model was trained on.
_TRAINED_FEATURES_SHA256 = "26a847aea2f6862466f23228f1ea1147c54c105debc9f6ea478d6ea526098583"


def test_features_are_the_ones_the_shipped_model_was_trained_on():
    """Byte for byte, on all 35,840 training tokens: a change to any observation, table, context slot or to
    the features' order needs a retrained model (python -m haliref.parse.training) and a new digest."""
    from haliref.parse.tagger import features
    from haliref.parse.training import packaged_training_data

    digest = hashlib.sha256()
    tokens = 0
    for seq in packaged_training_data():
        for token_features in features([w for w, _ in seq]):
            digest.update(("\t".join(token_features) + "\n").encode())
            tokens += 1
        digest.update(b"\n")
    assert tokens == 35_840
    assert digest.hexdigest() == _TRAINED_FEATURES_SHA256


#: The notes labeller's own training references (``data/training/notes.xml``, made by
#: ``benchmarks/derived_labels.py``) and the model ``haliref train --notes`` builds from them and the list
#: labeller's data.
_NOTES_DATA_SHA256 = "2368519be5b56d070f52f354b7b7f645cf83b257deec3c83cbefff138dad67bf"
_NOTES_MODEL_SHA256 = "287c9c8ce7383511847dcbca18c47c34706e838c23347f5e5139b9bb528e4f52"


def test_the_shipped_notes_labeller_is_the_one_its_training_data_builds():
    """The notes labeller learns from all of the list labeller's references and from those derived from real
    notes. A change to either (or to the features, pinned above) needs it rebuilt (``haliref train --notes -o
    src/haliref/data/model/notes.crfsuite``, about four minutes), measured, and both digests updated; training is
    too slow for the suite, so the data and the model are pinned by their digests."""
    from haliref.parse.training import NOTES_TRAINING_FILES, packaged_training_data
    from haliref.resources import model_path

    lists = packaged_training_data()
    notes = packaged_training_data(NOTES_TRAINING_FILES)
    assert notes[: len(lists)] == lists and len(notes) - len(lists) == 1_230
    derived = model_path("notes.crfsuite").parent.parent / "training" / "notes.xml"
    assert hashlib.sha256(derived.read_bytes()).hexdigest() == _NOTES_DATA_SHA256
    assert hashlib.sha256(model_path("notes.crfsuite").read_bytes()).hexdigest() == _NOTES_MODEL_SHA256


def test_features_see_position_brackets_and_neighbours():
    from haliref.parse.tagger import features

    assert features([]) == []
    (only,) = features(["x"])
    assert only[0] == "bias" and "pos=only" in only and "c[-1]=#" in only and "c[1]=#" in only
    first, second, third = features(["(Paris:", "Gallimard)", "1950."])
    assert len(first) == len(second) == len(third)
    assert {"pos=first", "par=open", "c/c+1=paris|gallimard", "c-1/c=#|paris", "pos-1/pos=#|first"} <= set(first)
    assert {"pos=3", "par=inside", "c[-1]=paris", "c[1]=1950", "c[2]=#", "pos-1/pos=first|3"} <= set(second)
    assert {"pos=last", "par=out", "syr=n", "c[-2]=paris"} <= set(third)
    assert "nst=1" in third and "nst=0" in second  # strong terminals ("Gallimard)") before the token


def test_label_cache_gives_the_uncached_labelling():
    tagger = default_tagger()
    text = "Jane Doe, A Book (London: Fontana, 1992), p. 3."
    first = tagger.label_tokens(text)
    first.clear()
    tokens = tokenize(text)
    expected = [(t, lab, p) for t, (lab, p) in zip(tokens, tagger.tag_tokens([t.text for t in tokens]), strict=False)]
    assert tagger.label_tokens(text) == expected


def test_a_text_labelled_once_gets_the_cached_labelling_and_is_not_kept():
    """The page reader's windows across line breaks are read once: kept, they pushed a long page's lines out of
    the labelling cache before the note reader asked for them again."""
    tagger = Tagger(default_tagger().model_path)
    text = "1983), 12. Jane Doe, A Book (London: Fontana, 1992), p. 3."
    assert tagger.label_once(text) == default_tagger().label_tokens(text)
    assert tagger._labelled.cache_info().currsize == 0
    tagger.label_tokens(text)
    assert tagger._labelled.cache_info().currsize == 1


@pytest.mark.parametrize("words", [
    [], ["1983),"], ["1983),", "12.", "Jane", "Doe,", "A", "Book", "(London:"], ["Roe\ud800,", "Life"],
])
def test_labels_once_are_the_labels_of_the_words_joined(words):
    """The page reader's windows are labelled from their words: the labels of the text they make."""
    tagger = Tagger(default_tagger().model_path)
    assert tagger.labels_once(words) == [label for _, label, _ in tagger.label_once(" ".join(words))]
    assert tagger._labelled.cache_info().currsize == 0


def test_the_tagger_gives_crfsuite_the_model_attributes_of_features_and_the_same_scores():
    """The tagger leaves out of each token's features the attributes its model does not know (crfsuite skips
    them) and passes the others, in their order, by their short names in the model it gives crfsuite
    (haliref.parse.crfmodel): the same labels and marginals, to the bit, as crfsuite reading every feature by
    its name in the model as trained."""
    import pycrfsuite

    from haliref.parse.tagger import features
    from haliref.parse.training import packaged_training_data

    tagger = Tagger(default_tagger().model_path)
    known = set(tagger._model_attributes())
    name_of = {short: name for name, short in tagger._model_attributes().items()}
    crf = pycrfsuite.Tagger()
    crf.open(tagger.model_path)
    words_seen = [w for seq in packaged_training_data()[:40] for w, _ in seq]
    texts = [[w for w, _ in seq] for seq in packaged_training_data()[:300]]
    texts += [words_seen[i : i + n] for i, n in zip(range(0, 600, 7), itertools.cycle((1, 2, 3, 5, 17)))]
    # crfsuite reads an attribute up to a NUL in it: "w=life\0x" is the model's "w=life"
    texts += [["a\0b", "Roe,", "Life\0x", "(London:", "Faber,\0", "1990)."], ["\0", "the", "\0\0"]]
    for words in texts:
        full = features(words)
        ours = tagger._features(words)
        assert len(ours) == len(full)
        for mine, every in zip(ours, full, strict=True):
            # as crfsuite looks a name up: a C string
            looked_up = [f.partition("\0")[0] for f in every]
            assert [name_of[f] for f in mine] == [f for f in looked_up if f in known]  # every known one, in order
        crf.set(full)
        labels = crf.tag()
        assert tagger.tag_tokens(words) == [(label, crf.marginal(label, i)) for i, label in enumerate(labels)]


def test_gazetteer_dictionary_equals_line_by_line_reading():
    from haliref.parse import tagger as T

    expected: dict[str, set[str]] = {}
    base = importlib.resources.files("haliref") / "data" / "anystyle"
    for tag, files in T._DICT_FILES.items():
        for fname in files:
            for line in (base / fname).read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    entry = line.split("\t", 1)[0].strip().lower()
                    if entry:
                        expected.setdefault(entry, set()).add(tag)
    assert T._dictionary() == {k: tuple(sorted(v)) for k, v in expected.items()}



def test_a_year_glued_to_an_initial_or_a_bracket_and_a_publisher_to_its_colon_are_tokens_apart():
    """"Ann B.1990.", "Roe).1995.", "Roe Ann,1975,", "New York:Tide Press": a scrape lost the space; the year
    and the publisher are read as words of their own, so the labeller sees a date and a publisher (a URL or a DOI
    stays whole)."""
    assert [t.text for t in tokenize("Roe, Ann B.1990. Quays. New York:Tide Press.")] == [
        "Roe,", "Ann", "B.", "1990.", "Quays.", "New", "York:", "Tide", "Press."]
    assert [t.text for t in tokenize("(with Bob Poe).1995. Docks")] == ["(with", "Bob", "Poe).", "1995.", "Docks"]
    assert [t.text for t in tokenize("Roe Ann,1975,Quays")] == ["Roe", "Ann,", "1975,", "Quays"]
    assert [t.text for t in tokenize("https://example.org/A.1990.html")] == ["https://example.org/A.1990.html"]
