"""Tests for the citation sequence labeller (haliref.parse.tagger / haliref.parse.training)."""

from __future__ import annotations

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
def _reference_features(tokens):
    """The feature tables applied literally, one loop per table: the specification the fast path must equal."""
    from haliref.parse import tagger as T

    dic = T._dictionary()
    n = len(tokens)
    obs = []
    depth = strong_before = 0
    seen_in = seen_year = seen_quote = False
    prev_low = ""
    for i, tok in enumerate(tokens):
        o = list(T._observations(tok))
        o[19] = ("only" if n == 1 else "first") if i == 0 else "last" if i == n - 1 else str(round(i / n * 10))
        o[26] = "open" if tok[0] in "([" else ("inside" if depth > 0 else "out")
        o[27], o[28], o[30] = ("y" if seen_in else "n"), ("y" if seen_year else "n"), ("y" if seen_quote else "n")
        o[29] = str(min(strong_before, 4))
        low = T._scrub(tok).lower()
        bigram = dic.get(prev_low + " " + low, ()) if prev_low and low else ()
        o[34] = "/".join(bigram) if bigram else "-"
        prev_low = low
        obs.append(o)
        depth = max(depth + tok.count("(") + tok.count("[") - tok.count(")") - tok.count("]"), 0)
        seen_in |= o[18] == "in"
        seen_year |= o[13] in ("year", "yearrange")
        seen_quote |= tok[0] in T._OPENQ
        strong_before += o[22] == "strong"

    def at(j, k):
        return obs[j][k] if 0 <= j < n else "#"

    out = []
    for i in range(n):
        f = ["bias"]
        f += [f"{nm}={at(i, k)}" for k, nm in T._SELF_LOCAL]
        f += [f"{nm}={at(i, k1)}|{at(i, k2)}" for (_, k1), (_, k2), nm in T._PAIRS_LOCAL]
        f += [f"{nm}={at(i, k)}" for k, nm in T._SELF_CTX]
        f += [f"{nm}[{off}]={at(i + off, k)}" for off in (-2, -1, 1, 2) for o, k, nm in T._WINDOW if o == off]
        f += [f"{nm}={at(i + o1, k1)}|{at(i + o2, k2)}" for (o1, k1), (o2, k2), nm in T._PAIRS_CTX]
        out.append(f)
    return out


def test_features_equal_the_reference_on_the_training_data():
    """The cached, generated feature path gives exactly the tables' features (so the shipped model still fits)."""
    from haliref.parse.tagger import features
    from haliref.parse.training import packaged_training_data

    sequences = [[w for w, _ in seq] for seq in packaged_training_data()]
    sequences += [["x"], ["(a", "b)"], ["«Titre»", "dans", "Paris:", "Gallimard,", "1950–1951."]]
    for words in sequences:
        assert features(words) == _reference_features(words)
    assert features([]) == []


def test_label_cache_gives_the_uncached_labelling():
    tagger = default_tagger()
    text = "Jane Doe, A Book (London: Fontana, 1992), p. 3."
    first = tagger.label_tokens(text)
    first.clear()
    tokens = tokenize(text)
    expected = [(t, lab, p) for t, (lab, p) in zip(tokens, tagger.tag_tokens([t.text for t in tokens]), strict=False)]
    assert tagger.label_tokens(text) == expected


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


def test_written_feature_function_equals_the_generated_one():
    """The plain feature function gives the generated (exec) one's features on every training sequence."""
    from haliref.parse import tagger as T
    from haliref.parse.training import packaged_training_data

    generated = T._compile_token_features()
    written = T._token_features

    def old(own, o, c, p, pc, n, wm2, wm1, wp1, wp2):
        return generated(own, o, c, p, pc, n, None, wm2, wm1, wp1, wp2)

    sequences = [[w for w, _ in seq] for seq in packaged_training_data()]
    assert len(sequences) > 1500
    try:
        for words in sequences:
            T._token_features = written
            new = T.features(words)
            T._token_features = old
            assert new == T.features(words), words
    finally:
        T._token_features = written
