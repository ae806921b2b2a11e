"""haliref.check.suggestions: matched records become ordinary, recorded corrections; nothing else does."""

from __future__ import annotations

from haliref.check.suggestions import add_dois, apply_suggestions
from haliref.model import Document, Flag, Work


def document(csl, *checks, flags=()):
    return Document(notes=[], works=[Work("w", dict(csl), checks=list(checks), flags=list(flags))], dropped=[])


MATCHED = {"source": "crossref", "status": "matched", "doi": "10.1/x", "confidence": 0.95, "disagreements": [
    {"field": "title", "ours": "The Russian Revolu", "theirs": "The Russian Revolution",
     "suggestion": "The Russian Revolution"},
    {"field": "container-title", "ours": "Past and Present", "theirs": "Past", "suggestion": "Past"},
    {"field": "author", "ours": "Pipe", "theirs": "Pipes", "suggestion": "Pipes"},
]}
CSL = {"title": "The Russian Revolu", "container-title": "Past and Present", "author": [{"family": "Pipe"}]}


def test_a_matched_records_doi_is_added_once_and_recorded():
    out = add_dois(document(CSL, MATCHED))
    assert out.works[0].csl["DOI"] == "10.1/x"
    assert [(c.field, c.after, c.rule, c.confidence) for c in out.works[0].corrections] == [
        ("DOI", "10.1/x", "crossref-doi", 0.95)]
    assert add_dois(document(dict(CSL, DOI="10.9/y"), MATCHED)).works[0].csl["DOI"] == "10.9/y"
    assert "DOI" not in add_dois(document(CSL, dict(MATCHED, status="inconclusive"))).works[0].csl


def test_suggestions_are_applied_and_their_flags_removed_but_a_title_is_never_shortened():
    before = document(CSL, MATCHED, flags=[Flag("crossref-differs", "title", "r"), Flag("crossref-differs",
                                                                                      "container-title", "r")])
    out = apply_suggestions(before)
    work = out.works[0]
    assert work.csl["title"] == "The Russian Revolution" and work.csl["author"] == [{"family": "Pipes"}]
    assert work.csl["container-title"] == "Past and Present"
    assert [(c.field, c.rule) for c in work.corrections] == [("title", "crossref-suggestion"),
                                                             ("author", "crossref-suggestion")]
    assert [f.field for f in work.flags] == ["container-title"]
    assert before.works[0].csl["title"] == "The Russian Revolu"          # the input is not modified
    assert apply_suggestions(before, sources=["openlibrary"]).works[0].corrections == []
