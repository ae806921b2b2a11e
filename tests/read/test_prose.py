"""Citations inside running prose (issue 7)."""


import pytest
from paths import ROOT_DIR

from haliref import parse_text
from haliref.read.prose import find_citations, find_named_works, is_prose

SEEDS = ROOT_DIR / "seeds"
FILLER = "This sentence is filler of no bibliographic interest and it goes on for a while. " * 4


@pytest.mark.parametrize(
    "aside",
    ["(July 26, 1920)", "(and the Soviet Union)", "(on July 19, 1920)", "(Nov. 7-8, 1917)", "(including herself)"],
)
def test_asides_are_not_citations(aside):
    assert find_citations(f"Something happened {aside} and then more.") == []


def test_author_title_and_newspaper_citations():
    text = "As one observer showed (Ann B. Roe, The Long Road) the plan failed. Papers agreed (The Herald, 3.4.75)."
    first, second = find_citations(text)
    assert first.csl["author"] == [{"family": "Roe", "given": "Ann B."}] and first.incomplete
    assert first.prefix == "As one observer showed" and first.suffix == "the plan failed"
    assert text[first.start : first.end] == "(Ann B. Roe, The Long Road)"
    assert second.csl == {"type": "article-newspaper", "container-title": "The Herald",
                          "issued": {"date-parts": [[1975, 4, 3]]}}


def test_lists_are_not_prose():
    assert not is_prose("1. Ann Roe, A Book (London, 1990).\n2. Ibid., p. 4.\n")
    assert is_prose(FILLER + "\n\n" + FILLER + "\n")


def test_seed_article_citations_and_every_line_accounted_for():
    text = (SEEDS / "mlq-1972-peaceful-coexistence.txt").read_text(encoding="utf-8")
    document = parse_text(text)
    # checked by hand against the article: the header, two bracketed citations, four works named in the text
    assert [(w.csl["type"], w.csl.get("title") or w.csl["container-title"]) for w in document.works] == [
        ("article-journal", "Peaceful Coexistence and Proletarian Internationalism"),
        ("pamphlet", "Communist Manifesto"),
        ("legislation", "Decree on Peace"),
        ("book", "Left-Wing Communism"),
        ("book", "Guerrillas in Power"),
        ("speech", "State of the Union"),
        ("article-newspaper", "The Times"),
    ]
    paper = next(w for w in document.works if w.csl["type"] == "article-newspaper")
    assert paper.csl["issued"] == {"date-parts": [[1972, 1, 21]]}
    book = next(w for w in document.works if w.csl.get("title") == "Guerrillas in Power")
    assert book.csl["author"] == [{"family": "Karol", "given": "K.S."}]
    assert any(f.code == "incomplete-prose-citation" for f in book.flags)
    assert not any(f.code == "named-in-text" for f in book.flags)
    named = next(w for w in document.works if w.csl.get("title") == "Left-Wing Communism")
    assert named.csl["author"] == [{"family": "Lenin"}]
    assert {f.code for f in named.flags} >= {"named-in-text", "incomplete-prose-citation"}
    citations = [c for note in document.notes for c in note.citations]
    # "The Manifesto also emphasizes" cites the manifesto named two paragraphs before
    assert [c.work for c in citations].count(document.works[1].id) == 2
    for citation in citations:
        assert text[citation.start : citation.end] == citation.text
    bracketed = next(c for c in citations if c.text.startswith("K.S."))
    assert bracketed.parenthetical and not bracketed.named
    assert text[bracketed.start - 1] == "(" and text[bracketed.end] == ")"
    assert bracketed.sentence.endswith("(K.S. Karol, Guerrillas in Power).")
    lines = {line for note in document.notes for line in note.lines} | {d.line for d in document.dropped}
    assert lines == set(range(1, len(text.splitlines()) + 1))


NAMED = (
    "In her Capital Flows and Empire, Rosa Ferrante argued that trade followed the flag, a view the "
    "Erfurt Programme states in other words. The Programme also insists on it. In his youth Marx wrote "
    "poems. The Soviet Union declared nothing. His ’Fireside’ address Roosevelt delivered later, and the "
    "’Treaty of Ghent’ settled the war. The usual ’peaceful coexistence’ followed, as the Programme says. "
    + FILLER
)


def test_works_named_in_the_text_are_found_by_their_cues():
    found = find_named_works(NAMED, [])
    assert [(c.csl["type"], c.csl["title"], c.csl.get("author")) for c in found] == [
        ("book", "Capital Flows and Empire", [{"family": "Ferrante", "given": "Rosa"}]),
        ("pamphlet", "Erfurt Programme", None),
        ("pamphlet", "Programme", None),
        ("speech", "Fireside", None),
        ("legislation", "Treaty of Ghent", None),
        ("pamphlet", "Programme", None),
    ]
    assert [c.refers_back for c in found] == [False, False, True, False, False, True]
    assert all(NAMED[c.start : c.end] == c.text for c in found)
    assert found[0].sentence.startswith("In her Capital Flows") and found[0].sentence.endswith("other words.")


def test_a_bare_document_noun_is_a_second_citation_or_nothing():
    document = parse_text(NAMED + "\n\n" + FILLER + "\n", prose=True)
    programme = [w for w in document.works if w.csl["title"].endswith("Programme")]
    assert [w.csl["title"] for w in programme] == ["Erfurt Programme"]
    citations = [c for note in document.notes for c in note.citations]
    assert [c.work for c in citations].count(programme[0].id) == 3
    alone = parse_text("The Programme says so, " + FILLER + "\n\n" + FILLER + "\n", prose=True)
    assert not alone.works  # nothing named before it to refer back to


def test_named_works_do_not_overlap_bracketed_citations():
    paragraph = "As the Erfurt Programme states (Ann Roe, The Erfurt Programme States), it holds. " + FILLER
    bracketed = find_citations(paragraph)
    named = find_named_works(paragraph, [(c.start, c.end) for c in bracketed])
    assert [c.csl["title"] for c in bracketed] == ["The Erfurt Programme States"]
    assert [c.csl["title"] for c in named] == ["Erfurt Programme"]
