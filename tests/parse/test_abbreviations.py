"""A list's own abbreviations ("(hereafter DBFP)"): haliref.parse.abbreviations, through the pipeline."""

from __future__ import annotations

from haliref import parse_text
from haliref.parse.abbreviations import LIST_ABBREVIATION, Abbreviations
from haliref.parse.split import RawCitation

NOTES = (
    "3 For the harbour tolls, see Records of the Northern Ports 1800–1850 (hereafter RNP), 2nd Series, vol. XIII "
    "(Meridian, 1973).\n"
    "4 RNP, vol. XIII, no. 23.\n"
    "5 Ann Roe, The Harbour Ledger (London: Verso, 1990), p. 4.\n"
)


def test_a_short_name_a_note_defines_stands_for_the_works_title_in_later_notes():
    document = parse_text(NOTES)
    defining, later, other = (note.citations[0] for note in document.notes)
    assert defining.prefix == "For the harbour tolls, see"
    assert later.text.startswith("RNP, vol. XIII")  # the note's own words are kept
    title = document.work(defining.work).csl["title"]
    assert title.startswith("Records of the Northern Ports") and "hereafter" not in title
    assert document.work(later.work).csl["title"] == title
    expansion = [c for c in document.work(later.work).corrections if c.rule == LIST_ABBREVIATION]
    assert [(c.field, c.before, c.after) for c in expansion] == [("title", "RNP", title)]
    assert document.work(other.work).csl["title"] == "The Harbour Ledger"


def test_the_expansion_is_undone_by_its_rule():
    document = parse_text(NOTES, skip_rules={LIST_ABBREVIATION})
    later = document.notes[1].citations[0]
    assert not document.work(later.work).csl.get("title", "").startswith("Records")
    assert not any(c.rule == LIST_ABBREVIATION for work in document.works for c in work.corrections)


def test_only_a_whole_name_at_the_start_of_a_citation_is_expanded():
    abbreviations = Abbreviations()
    raw, name = abbreviations.defined(RawCitation(body="Records of the Ports (henceforth RP), vol. 2 (Leeds, 1980)"))
    assert (raw.body, name) == ("Records of the Ports, vol. 2 (Leeds, 1980)", "RP")
    abbreviations.learn(name, "Records of the Ports")
    assert abbreviations.expanded("RPG, vol. 3")[1] is None
    assert abbreviations.expanded("See RP, vol. 3")[1] is None
    assert abbreviations.expanded("RP, vol. 3")[0] == "Records of the Ports, vol. 3"
    assert abbreviations.defined(RawCitation(body="Roe, The Ports (London, 1990)"))[1] is None


def test_a_closing_sentence_hereafter_cited_as_defines_a_name_for_the_work_and_its_author():
    # (a name that is not the title's first words: a short title alone would find the work without the rule)
    text = ("3. James Roe, The Constitutions of the Harbour-Masters (London, 1723), 54. Hereafter cited as "
            "Harbour Rules.\n4. Harbour Rules, 48.\n")
    defining, later = (note.citations[0] for note in parse_text(text).notes)
    assert later.work == defining.work and later.locator == "48"
    assert defining.suffix == "Hereafter cited as Harbour Rules."  # the author's words stay
    undone = parse_text(text, skip_rules={LIST_ABBREVIATION})
    assert undone.notes[1].citations[0].work != undone.notes[0].citations[0].work
    sentence = RawCitation(body="Ann Poe, Ledger", suffix="Cited as an example of the genre by many.")
    assert Abbreviations().defined(sentence)[1] is None  # a remark, not a short name


def test_a_law_reviews_hereinafter_after_a_comma_defines_a_name_and_leaves_the_title():
    """Law reviews write the cue after a comma closing the citation ("… (2008), hereinafter Quays Unbound.")."""
    full = "Ann Roe, Bob Poe, & Carl Doe, Quays Unbound: Docks and Cranes (2008)"
    cited, name = Abbreviations().defined(RawCitation(body=f"{full}, hereinafter Quays Unbound"))
    assert (cited.body, name) == (full, "Quays Unbound")
