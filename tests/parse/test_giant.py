"""The synthetic references rendered through CSL styles (haliref.parse.giant)."""

from __future__ import annotations

import importlib.resources
import subprocess
import sys

from haliref.parse import giant
from haliref.parse.training import parse_dataset


def _shipped() -> bytes:
    return (importlib.resources.files("haliref") / "data" / "training" / "giant.xml").read_bytes()


def _labels(sequence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Runs of one label as (label, text)."""
    out: list[tuple[str, str]] = []
    for token, label in sequence:
        if out and out[-1][0] == label:
            out[-1] = (label, out[-1][1] + " " + token)
        else:
            out.append((label, token))
    return out


def _rendering(text: str, numbers: dict[str, str], given: dict[str, list[str]],
               words: dict[str, str] | None = None) -> giant.Rendering:
    return giant.Rendering(text, numbers, words or {}, given)


def test_same_seed_same_references_and_bytes():
    first = giant.generate(40, seed=7)
    assert first == giant.generate(40, seed=7)
    assert giant.to_xml(first) == giant.to_xml(giant.generate(40, seed=7))
    assert first != giant.generate(40, seed=8)
    assert len(first) == 40


def test_the_shipped_file_is_what_the_generator_writes():
    """Generation is sequential, so the first references of the default run are the shipped file's first."""
    shipped = parse_dataset(_shipped())
    assert len(shipped) == giant.DEFAULT_COUNT
    assert giant.generate(60) == shipped[:60]


def test_the_xml_round_trips():
    sequences = giant.generate(60, seed=3)
    assert parse_dataset(giant.to_xml(sequences)) == sequences
    assert b"&amp;" in giant.to_xml([[("Smith", "author"), ("A&B", "title")]])


def test_every_style_renders_and_its_references_are_labelled():
    """Each style and form turns up in the first rounds, and nearly every rendering keeps its labels."""
    seen: dict[tuple[str, str], int] = {}
    dropped = 0
    rounds = sum(len(style.forms) for style in giant.styles()) * 3
    for count, (style, form, rendering) in enumerate(giant.renderings(seed=11)):
        if count == rounds:
            break
        labelled = giant.label_rendering(rendering)
        if labelled is None:
            dropped += 1
            continue
        seen[(style.path, form)] = seen.get((style.path, form), 0) + 1
        assert [token for token, _ in labelled] == rendering.text.replace("\ue0ff", "").translate(
            {ord(ch): None for ch in map(chr, range(0xE100, 0xE110))}).split() or labelled[0][1] == "citation-number"
    assert len(giant.styles()) >= 15
    assert len(seen) >= sum(len(style.forms) for style in giant.styles()) - 2
    assert dropped < rounds * 0.15


def test_a_chicago_note_of_a_chapter_is_labelled_field_by_field():
    m = giant._mark
    text = (f"J. A. {m('author', 'Smith')} and M. {m('author', 'Dupont')}, “{m('title', 'The Rise of the West')},” "
            f"in {m('container-title', 'Essays on History')}, ed. K. {m('editor', 'Brown')}, trans. A. "
            f"{m('translator', 'Weiss')} ({m('location', 'Oxford')}: {m('publisher', 'Clarendon Press')}, 1987), 52.")
    rendering = _rendering(text, {"1987": "date", "52": "pages"},
                           {"author": ["John Alan", "Marie"], "editor": ["Karl"], "translator": ["Anna"]})
    assert _labels(giant.label_rendering(rendering) or []) == [
        ("author", "J. A. Smith and M. Dupont,"),
        ("title", "“The Rise of the West,”"),
        ("container-title", "in Essays on History,"),
        ("editor", "ed. K. Brown,"),
        ("translator", "trans. A. Weiss"),
        ("location", "(Oxford:"),
        ("publisher", "Clarendon Press,"),
        ("date", "1987),"),
        ("pages", "52."),
    ]


def test_a_numbered_article_with_et_al_and_an_issue():
    m = giant._mark
    text = (f"[4]M. {m('author', 'Kowalski')} et al., “{m('title', 'On the origin of things')}”, "
            f"{m('journal', 'Journal of Things')}, vol. 12, no. 3, pp. 145–67, Mar. 1987.")
    rendering = _rendering(text, {"1987": "date", "12": "volume", "3": "volume", "145": "pages", "167": "pages"},
                           {"author": ["Maria"]})
    assert _labels(giant.label_rendering(rendering) or []) == [
        ("citation-number", "[4]"),
        ("author", "M. Kowalski et al.,"),
        ("title", "“On the origin of things”,"),
        ("journal", "Journal of Things,"),
        ("volume", "vol. 12, no. 3,"),
        ("pages", "pp. 145–67,"),
        ("date", "Mar. 1987."),
    ]


def test_a_german_thesis_and_a_role_word_after_the_editors():
    m = giant._mark
    thesis = (f"{m('author', 'Weber')}, Anna: {m('title', 'Stadt und Land')}. {m('genre', 'Dissertation')}. "
              f"{m('location', 'Köln')} : {m('publisher', 'Universität Bonn')}, 1931")
    assert _labels(giant.label_rendering(_rendering(thesis, {"1931": "date"}, {"author": ["Anna"]})) or []) == [
        ("author", "Weber, Anna:"),
        ("title", "Stadt und Land."),
        ("genre", "Dissertation."),
        ("location", "Köln :"),
        ("publisher", "Universität Bonn,"),
        ("date", "1931"),
    ]
    chapter = (f"{m('author', 'Roe')}, P.: {m('title', 'Zeit')}. In: {m('editor', 'Lang')}, K. (Hrsg.): "
               f"{m('container-title', 'Geschichte')}. {m('location', 'Bonn')}, 1950, S. 210–19")
    assert _labels(giant.label_rendering(_rendering(
        chapter, {"1950": "date", "210": "pages"}, {"author": ["Paul"], "editor": ["Karl"]})) or []) == [
        ("author", "Roe, P.:"),
        ("title", "Zeit."),
        ("editor", "In: Lang, K. (Hrsg.):"),
        ("container-title", "Geschichte."),
        ("location", "Bonn,"),
        ("date", "1950,"),
        ("pages", "S. 210–19"),
    ]


def test_a_word_mixing_two_fields_drops_the_rendering():
    m = giant._mark
    text = f"{m('author', 'Smith')} J. {m('title', 'Things')}. {m('journal', 'J Things')} 1987;12:145–67."
    rendering = _rendering(text, {"1987": "date", "12": "volume", "145": "pages", "167": "pages"},
                           {"author": ["John"]})
    assert giant.label_rendering(rendering) is None


def test_a_real_rendering_through_citeproc_is_labelled():
    """One item through the vendored MLA style, end to end."""
    m = giant._mark
    item = giant._Item({"id": "x", "type": "article-journal", "title": m("title", "Ships and Ports"),
                        "container-title": m("journal", "Maritime Review"), "volume": "31", "issue": "4",
                        "page": "201-219", "issued": {"date-parts": [[1974]]},
                        "author": [{"family": m("author", "Lindqvist"), "given": "Eva"}]},
                       numbers={"1974": "date", "31": "volume", "4": "volume", "201": "pages", "219": "pages"},
                       given={"author": ["Eva"]})
    style = next(s for s in giant.styles() if s.path.endswith("modern-language-association.csl"))
    text = giant._render(style, item, "bibliography", 205)
    labelled = giant.label_rendering(giant.Rendering(text, item.numbers, item.words, item.given))
    assert _labels(labelled or []) == [
        ("author", "Lindqvist, E."),  # citeproc-py initialises MLA given names
        ("title", "“Ships and Ports”."),
        ("journal", "Maritime Review,"),
        ("volume", "vol. 31, no. 4,"),
        ("date", "1974,"),
        ("pages", "pp. 201–19."),
    ]


def test_the_command_writes_the_file(tmp_path):
    out = tmp_path / "g.xml"
    done = subprocess.run([sys.executable, "-m", "haliref.parse.giant", str(out), "--count", "5", "--seed", "2"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == giant.to_xml(giant.generate(5, seed=2))
    assert "5 references" in done.stderr
