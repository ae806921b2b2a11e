"""The page reader (haliref.read.finder) and its synthetic training pages (haliref.read.synthetic)."""

from __future__ import annotations

import itertools

from haliref import parse_text
from haliref.read.finder import (
    LABELS,
    TRAINING_PAGES,
    TRAINING_SEED,
    _gaps_between_notes_go_on,
    _lone_numbers_in_a_row,
    _whole_references_apart,
    default_finder,
    line_features,
)
from haliref.read.segment import segment
from haliref.read.synthetic import synthetic_pages


def test_synthetic_pages_are_the_same_for_the_same_seed_and_label_every_line():
    first = list(itertools.islice(synthetic_pages(30, seed=11), 30))
    again = list(itertools.islice(synthetic_pages(30, seed=11), 30))
    other = list(itertools.islice(synthetic_pages(30, seed=12), 30))
    assert first == again
    assert first != other
    for lines, labels in first:
        assert len(lines) == len(labels)
        for line, label in zip(lines, labels, strict=True):
            assert (label is None) == (not line.strip()), (line, label)
            assert label is None or label in LABELS
    seen = {label for _, labels in first for label in labels}
    assert set(LABELS) <= seen


def test_features_are_given_for_each_non_blank_line():
    lines = ["Notes", "", "1. Ann Roe, A Book (London: Verso, 1990), 4.", "2. Ibid., 5."]
    kept, features = line_features(lines)
    assert kept == [0, 2, 3]
    assert "marker=dot" in features[1] and "number-follows" in features[2]
    assert "furniture=heading" in features[0]


def test_unnumbered_notes_as_paragraphs_under_a_heading_are_found():
    """Class 1 of the issue: notes without numbers, one paragraph each, under a "Notes" heading."""
    text = (
        "Notes\n\n"
        "On the early years of the movement, see Margaret Lowe, The Radical Press in Provincial England,\n"
        "1790–1830 (Manchester: Manchester University Press, 1987), 12–40.\n\n"
        "The figures are taken from Henry Aldous, Wages and Prices in the Northern Counties (London:\n"
        "Macmillan, 1951), 88.\n\n"
        "Lowe, Radical Press, 55.\n"
    )
    result = segment(text)
    assert [n.number for n in result.notes] == [None, None, None]
    assert result.notes[0].text.startswith("On the early years of the movement")
    assert result.notes[0].text.endswith("12–40.")
    assert result.notes[2].text == "Lowe, Radical Press, 55."
    assert [d.reason for d in result.dropped if d.text.strip()] == ["heading"]


def test_chrome_around_a_numbered_list_is_dropped_and_prose_is_told_from_it():
    text = (
        "The Grain Trade in the Baltic\n"
        "Cite this chapter\n\n"
        "This chapter follows the trade from the ports to the inland markets, where the prices were set by "
        "the merchants of the larger towns. The records of the customs houses survive only in part.\n\n"
        "References\n"
        "1. Peter Marsh, The Baltic Grain Trade (Oxford: Clarendon Press, 1977), 14.\n"
        "2. Ibid., 20.\n"
        "Google Scholar\n"
        "3. Jan de Vries, The Dutch Rural Economy (New Haven: Yale University Press, 1974), 110–12.\n\n"
        "© Springer Nature 2020\n"
    )
    labels = default_finder().label_lines(text.splitlines())
    assert labels == ["X", "X", None, "P", None, "X", "B", "B", "X", "B", None, "X"]
    result = segment(text)
    assert [n.number for n in result.notes] == [1, 2, 3]
    reasons = {d.line: d.reason for d in result.dropped}
    assert reasons[4] == "prose" and reasons[9] == "link noise"


def test_notes_run_together_on_one_line_are_cut_where_the_numbers_follow():
    """Class 5 of the issue: a PDF paste with every note on one line; pages, volumes and years are not cuts."""
    text = (
        "Notes\n"
        "1 Marcel Roe, Les origines (Paris: Colin, 1961), 33. 2 Ernst Holl, Die Entstehung (Berlin, 1974), "
        "pp. 112–18. 3Ibid., 120. 4 See also Lemaire, op. cit., p. 5 and vol. 4. 6 is not next. "
        "5 Quoted in Ambler, Enclosure (London, 1988), 2.\n"
    )
    notes = segment(text).notes
    assert [n.number for n in notes] == [1, 2, 3, 4, 5]
    assert notes[2].text == "Ibid., 120."
    assert notes[3].text == "See also Lemaire, op. cit., p. 5 and vol. 4. 6 is not next."
    assert all(n.lines == [2] for n in notes)


def test_a_prose_paragraph_that_holds_a_whole_reference_is_a_note():
    """A humanities note is often prose around a citation: it must not be dropped as the author's prose."""
    from haliref.read.finder import _prose_that_cites

    lines = [
        "The argument of the chapter owes much to the discussion of the grain trade, and of the prices set by "
        "the merchants of the larger towns, in Peter Marsh, The Baltic Grain Trade (Oxford: Clarendon Press, "
        "1977), where the customs records are read with more care than in any earlier study of the ports.",
        "This is not the place to rehearse the whole controversy, which has a large literature of its own.",
    ]
    labels = _prose_that_cites(lines, [0, 1], ["P", "P"])
    assert labels == ["B", "P"]


def test_notes_whose_numbers_stand_alone_hold_every_line_up_to_the_next_number():
    """An e-reader page: each number alone on its line, each note broken at every link or italic span."""
    text = (
        "Read the book online\n\n"
        "41.\n"
        "On the dispute over the harbour dues, see\n"
        "R. Alden\n"
        ", ‘Tolls and Tariffs on the Northern Coast’,\n"
        "Maritime History Review\n"
        "(1961), 12–40.\n"
        "42.\n"
        "See\n"
        "T. Birch\n"
        ",\n"
        "The Salt Roads: Carriers of the Western Isles\n"
        "(Glasgow, 1979).\n"
        "43.\n"
        "Birch, Salt Roads, p. 88.\n\n"
        "Chapter 4\n\n"
        "1.\n"
        "Exports rose fourfold in the decade.\n"
        "E. Coyle\n"
        ",\n"
        "Shipping and Credit\n"
        "(Leeds, 1990), p. 7.\n"
    )
    notes = segment(text).notes
    assert [n.number for n in notes] == [41, 42, 43, 1]
    assert notes[0].text == (
        "On the dispute over the harbour dues, see R. Alden, ‘Tolls and Tariffs on the Northern Coast’, "
        "Maritime History Review (1961), 12–40."
    )
    assert notes[1].text == "See T. Birch, The Salt Roads: Carriers of the Western Isles (Glasgow, 1979)."
    assert notes[3].text == "Exports rose fourfold in the decade. E. Coyle, Shipping and Credit (Leeds, 1990), p. 7."
    assert "Chapter 4" in [d.text.strip() for d in segment(text).dropped]


def test_a_short_numbered_note_taken_for_a_heading_is_a_note_where_its_number_fits():
    """Notes a blank line apart, some as short as a heading ("2 Ibid., p. 20", no end punctuation): the page
    reader takes them for chrome; their numbers continue the notes' and their text cites a work."""
    text = (
        "The Northern Ports: Trade and Towns\n\nChapter 4: Notes\n\n\n\n"
        "1 Karl Lowe, The Grain Trade of the Baltic, edited by J. Marsh (1977), p. 14\n\n"
        "2 Ibid., p. 20\n\n"
        "3 Anna Vries, ‘Rents and Tenants in the Port Towns’, in Economic History Review, Vol. 43, No. 2, p. 201.\n\n"
        "4 Lowe, op. cit., pp. 31–2\n\n"
        "5 Ibid., pp. 33–5\n\n"
        "6 See P. Hart (ed.), The Sound Toll Registers, 2 vols (1990–2), p. 18\n\n"
        "7 Vries, ‘Rents and Tenants’, op. cit., p. 203\n"
    )
    result = segment(text)
    assert [n.number for n in result.notes] == [1, 2, 3, 4, 5, 6, 7]
    assert {d.line for d in result.dropped if d.reason != "blank line"} == {1, 3}


def test_a_line_that_says_it_is_a_footnote_begins_a_note():
    """E-books print every note as "[Footnote 182: …]": the page reader alone took them all for chrome."""
    text = (
        "The Northern Ports eBook\n\nThis eBook from a digital library holds about 600 pages about the ports.\n\n"
        "Notes:\n\n"
        "[Footnote 12:  Marsh, c. lxxvi.]\n\n"
        "[Footnote 13:  See Lowe’s account of the first voyage.—Diaries of Karl Lowe, iii., 218.]\n\n"
        "[Footnote 14:  “Parliamentary Debates,” series 2, ii., 632.]\n"
    )
    result = segment(text)
    assert [n.number for n in result.notes if n.number is not None] == [12, 13, 14]
    # the bracket the label opened closes the note, and is no part of its text; a bracket of the note's own stays
    assert [n.text for n in result.notes if n.number is not None][0::2] == [
        "Marsh, c. lxxvi.", "“Parliamentary Debates,” series 2, ii., 632."]
    (own,) = segment("[Footnote 15: Lowe, Ports [1990], 45.]\n").notes
    assert own.text == "Lowe, Ports [1990], 45."


def test_a_number_alone_on_its_line_that_fits_the_notes_begins_one_though_it_looks_like_a_page_number():
    """A book's notes pasted with each number alone on its line: the first and the last numbers, with no
    note above or below them, look like page numbers to the page reader; they fit the numbering and the line
    after each cites a work."""
    notes = [
        "“Northern Review,” vol. cxl. p. 24.", "“Letters of a Merchant,” p. 6.",
        "Lowe's “Life of Marsh,” vol. ii. p. 76.", "Hart's “Grain Trade,” vol. i. p. 31.",
        "Vries's “History of the Ports,” vol. ii. p. 381.", "Coyle's “Life of Alden,” vol. i. p. 317.",
        "Birch's “Recollections,” p. 114.", "Hart's “Grain Trade,” p. 140.",
        "Lowe's “Life of Marsh,” 185.", "Alden' “Reminiscences,” p. 203.",
    ]
    text = "".join(f"{number}\n{note}\n" for number, note in enumerate(notes, start=512))
    result = segment(text)
    assert [n.number for n in result.notes] == list(range(512, 522))
    assert not [d for d in result.dropped if d.reason != "blank line"]


#: What the shipped page reader was trained on: the first pages of its synthetic training set, their labels and
#: the features the page reader computes (which read link text, the splitter and the field labeller), hashed.
TRAINING_PAGES_SHA256 = "62f9c88738e255b18c0ab7310a76fd739f5614e4f4b422731fd669dfb080744c"
#: The shipped model, as ``haliref train --finder`` builds it from those pages (all ``TRAINING_PAGES`` of them).
FINDER_MODEL_SHA256 = "3e54887642f05b069c4c236c46acdc88f4ca6d7f898416d5127bd1de612884cb"


def test_the_shipped_page_reader_is_the_one_its_training_pages_build():
    """A change to the link words, the splitter or the labeller changes the page reader's training pages or
    features, and the shipped model no longer rebuilds byte for byte: rebuild it (``haliref train --finder -o
    src/haliref/data/model/finder.crfsuite``, about 3 minutes), measure the benchmarks, and update both hashes.
    The whole rebuild is too slow for the suite; the first 150 pages are checked here (about 5 seconds)."""
    import hashlib
    import json

    from haliref.resources import model_path

    digest = hashlib.sha256()
    for lines, labels in itertools.islice(synthetic_pages(TRAINING_PAGES, seed=TRAINING_SEED), 150):
        kept, features = line_features(lines)
        digest.update(json.dumps([kept, features, labels], sort_keys=True, default=str).encode())
    assert digest.hexdigest() == TRAINING_PAGES_SHA256, "the page reader's training pages changed: rebuild it"
    assert hashlib.sha256(model_path("finder.crfsuite").read_bytes()).hexdigest() == FINDER_MODEL_SHA256


def test_review_headers_one_per_line_are_one_entry_each():
    """A review's headers, each a whole reference ending in its ISBN's digits, one per line with no blank line
    between: the page reader may read the later lines as the first one wrapped; two whole references are
    never one entry."""
    text = (
        "Reviews\n\n"
        "The Grain Trade of the Baltic by Karl Lowe. Clarendon, 403 pp., £25, October 1997, 0 224 04252 1\n"
        "Rents and Tenants in the Port Towns by Anna Vries. Yale, 523 pp., £19.95, April 1997, 0 300 06703 8\n"
        "The Sound Toll Registers edited by Peter Hart. Murray, 228 pp., £20, July 1997, 0 7195 5596 5\n"
    )
    notes = segment(text).notes
    assert [n.text[:12] for n in notes] == ["The Grain Tr", "Rents and Te", "The Sound To"]


def test_a_word_broken_at_a_line_end_goes_on_in_the_next_line():
    """The page reader's model can take a line that breaks a word for chrome and the next for an entry: a
    line ending in a broken word ("The Revo-") and one going on in lower case are one entry."""
    from haliref.read.finder import _broken_words_go_on

    lines = ["Ann Roe, The Revo-", "lution (1990).", "", "Bob Poe, Other", "Title (1980)."]
    kept = [0, 1, 3, 4]
    assert _broken_words_go_on(lines, kept, ["X", "B", None, "B", "I"]) == ["B", "I", None, "B", "I"]
    assert _broken_words_go_on(lines, kept, ["P", "B", None, "B", "I"]) == ["P", "B", None, "B", "I"]  # prose
    numbered = ["1. Ann Roe, The Revo-", "2. lution", "3. Bob Poe"]
    assert _broken_words_go_on(numbered, [0, 1, 2], ["B", "B", "B"]) == ["B", "B", "B"]


def test_the_pages_own_words_above_numbered_notes_are_no_note():
    """An e-book's blurb above its numbered notes ("This eBook … consists of about 600 pages …") cites no work:
    it is the page's own words, dropped, not a note; a line above them that cites a work stays a note."""
    text = (
        "The Northern Ports eBook\n\n"
        "This eBook from a digital library consists of approximately 600 pages of information about the ports.\n\n"
        "Notes:\n\n"
        "[Footnote 12:  Marsh, c. lxxvi.]\n\n"
        "[Footnote 13:  See Lowe’s account of the first voyage.—Diaries of Karl Lowe, iii., 218.]\n\n"
        "[Footnote 14:  “Parliamentary Debates,” series 2, ii., 632.]\n"
    )
    result = segment(text)
    assert [n.number for n in result.notes] == [12, 13, 14]
    assert 3 in {d.line for d in result.dropped}
    cited = segment("Abbreviations: GT, Peter Marsh, The Grain Trade (Oxford, 1977).\n" + text).notes
    assert [n.number for n in cited][:1] == [None]


def test_lines_taken_for_prose_after_a_note_that_stops_mid_sentence_go_on_in_it():
    """A note's line ending on a word with no stop, then lines opening in lower case with no blank line: the
    note goes on, however long (the model's prose-to-prose transition outweighs each line over a long run)."""
    from haliref.read.finder import _sentences_go_on

    lines = ["1. Ada Ashdown, The Harbour Ledger (London: Meridian, 1990), where", "the record of trade",
             "and credit in the ports", "", "Prose after the notes, in a paragraph of its own."]
    kept = [0, 1, 2, 4]
    assert _sentences_go_on(lines, kept, ["B", "P", "P", None, "P"]) == ["B", "I", "I", None, "P"]
    ended = ["1. Ada Ashdown, The Harbour Ledger (London: Meridian, 1990).", "the record of trade"]
    assert _sentences_go_on(ended, [0, 1], ["B", "P"]) == ["B", "P"]
    note = segment("1. " + "\n".join(["Ada Ashdown, The Harbour Ledger (London: Meridian, 1990), where"]
                                     + ["the record of trade and credit in the northern ports"] * 400)).notes
    assert len(note) == 1 and note[0].lines == list(range(1, 402))


def test_a_copyright_line_closing_the_notes_is_page_chrome_though_it_holds_a_year_and_a_name():
    text = ("1. Ann Roe, A Book (London: Verso, 1990), p. 4.\n2. Ibid., p. 5.\n"
            "© 1998 - by prof. Piero Bassi, Torino\n")
    assert default_finder().label_lines(text.splitlines())[-1] == "X"
    result = segment(text)
    assert [n.number for n in result.notes] == [1, 2]
    assert [d.line for d in result.dropped] == [3]


def test_the_authors_words_above_a_bulleted_list_are_prose_and_a_bullet_may_lose_its_space():
    text = ("Les ports du Nord\npar Jeanne Roe\n\n"
            "Ici encore, partir de l'autorité reconnue sur la question, qui propose une excellente bibliographie, "
            "malheureusement pas remise à jour au delà de 1970:\n\n"
            "-Marsh, Peter. The Grain Trade. London : Meridian, 1955.\n\n\nGénéralités sur les ports\n\n\n"
            " - Vries, Jan de. The Dutch Rural Economy. New Haven : Yale University Press, 1974.\n"
            "- Lowe, Karl. The Northern Ports. Paris, 1978.\n- Bell, Ann. The Harbour Ledger. Londres : Verso, 1986.\n")
    assert default_finder().label_lines(text.splitlines())[3] == "P"
    result = segment(text)
    assert result.notes[0].text == "Marsh, Peter. The Grain Trade. London : Meridian, 1955."
    assert len(result.notes) == 4 and {d.line: d.reason for d in result.dropped}[4] == "prose"


def test_a_wrapped_list_of_entries_with_section_headings_and_wrapped_issue_numbers():
    """An unnumbered list whose entries wrap onto two lines: an entry read whole (both its lines) before a line
    read whole ends; a bulleted section heading that cites nothing is no entry, though a wrapped entry follows;
    "12) ; Title …" (an issue number wrapped onto the line) opens no entry."""
    text = ("• Les ports du Nord\n"
            "Maurice LEROUX, 1848 ou la naissance des ports (1848-1852), Paris, Le Seuil,\n"
            "tome 8 de la coll. « Nouvelle histoire des ports », 1992, 290 p.\n"
            "Éric ANSELME, « Le port de Brest en 1851 ou la chronique de deux crises annoncées\n"
            "et l’avènement d’un grand commerce », Revue d'histoire maritime 2009/2 (n°\n"
            "12) ; Brest, un port à cheval, Paris, Taillandier, 2008, 750 p.\n"
            "Alain PERRIN, De la fête des ports au mur des quais, 1852-1871, Paris, Le Seuil, 1993\n"
            "(rééditions), 257 p., tome 9 de la coll. « Nouvelle histoire des ports ».\n"
            "Charles-Henri POULAIN, Histoire politique des ports, Paris, CDU, 1955, 519 p.\n"
            "• Les ports du Sud (outre les biographies des armateurs déjà citées)\n"
            "Maurice LEROUX, Les armateurs (tome 1, L’élan fondateur et la grande crise, 1880-\n"
            "1932), Paris, le Grand livre du mois, 1999 (rééd.), 468 p.\n"
            "Pierre ANTOINE, Marseille héraut du Sud, Paris, Michalon, 1999, 608 p.\n")
    assert default_finder().label_lines(text.splitlines()) == ["X", "B", "I", "B", "I", "I", "B", "I", "B", "X", "B",
                                                               "I", "B"]


def test_a_publication_date_and_a_bulleted_copyright_line_are_chrome_and_the_words_after_them_no_note():
    extract = ("‘Because of the tolls by which the ports were bound, the trade declined.’ The more we learn of the "
               "ports the less likely it seems that they will be remembered in the future, as they used to be in the "
               "past, principally for this letter of defiance to the crown. Yet the letter itself remains something "
               "of an enigma in spite of all the attention it has received.")
    text = ("Article contents\n"
            "The Grain Trade of the Baltic\n"
            "Published online by Meridian Press: 25 March 2011\n"
            f"{extract}\n"
            "- Copyright © Meridian Press 1955\n"
            "References\n"
            "page 1 note 1 Ann Roe, The Harbour Ledger (London: Verso, 1990), p. 436.\n"
            "page 1 note 2 For recent work on the trade see Marsh, Peter, The Grain Trade (Oxford, 1977), "
            "pp. 320–52.\n")
    assert default_finder().label_lines(text.splitlines()) == ["X", "X", "X", "P", "X", "X", "B", "B"]
    assert [n.number for n in segment(text).notes] == [1, 2]


def test_an_abstract_above_numbered_notes_is_prose_though_the_labeller_finds_a_title_and_a_date_in_it():
    abstract = ("The nature of the trade in the northern ports in the 1830s meant that both the customs houses and the "
                "merchants were necessarily closely involved with the making of policy. While the officials resented "
                "this intrusion into their domain, they were themselves disdainful of so-called technical "
                "considerations, and under the dynamic impetus of the Comptroller, Sir Henry Marsh, the customs made a "
                "bold foray between 1833 and 1836 into realms of policy hitherto regarded as the exclusive sphere of "
                "the board.")
    text = ("Published online by Meridian Press: 28 November 2008\n"
            f"{abstract}\n"
            "2 Roe, Ann, ‘The Foreign Presence in the Ports’, in History of the Ports, vol. 12 (Leeds, 1983).\n"
            "3 Ibid., p. 4.\n"
            "4 Marsh, Peter, The Grain Trade (Oxford, 1977), p. 14.\n")
    assert default_finder().label_lines(text.splitlines())[:2] == ["X", "P"]
    assert [n.number for n in segment(text).notes] == [2, 3, 4]


def test_a_sentence_ending_in_a_colon_between_entries_is_the_authors_introduction():
    text = ("Les sources\n\n"
            "Archives des ports. Recueil complet des registres des douanes, 1re série : 1789-1799, tome 5, "
            "CNRS éditions, Paris, 1879.\n\n \n\n"
            "Autre recueil précieux, contenant, outre les registres des douanes, des extraits des journaux du "
            "port :\n\n"
            "Jeanne Marsh et Pierre Lowe, Histoire des ports de la Manche, Paulin, Paris, 1835-1838, 4 vol.\n\n"
            "Alphonse Roe, La Société des armateurs, 1889-1897, 6 vol., librairie Jouaust, Paris, 1889.\n")
    labels = [label for label in default_finder().label_lines(text.splitlines()) if label]
    assert labels == ["X", "B", "P", "B", "B"]


def test_a_sentence_ending_in_a_colon_right_above_an_entry_opening_with_an_inverted_name_introduces_it():
    text = ("Surveys of the period may be found in the following works:\n\n"
            "Marsh, Peter. The Grain Trade. Oxford, 1977.\n"
            "Lowe, Ann. The Ports of Europe. London, 1981.\n\n"
            "The following volumes in the series, History of the Sea, edited by J. H. Roe (published in England "
            "as the Fontana History of the Sea):\n"
            "Hale, J. R. Harbours of Europe, 1480-1520. London, 1971.\n"
            "Elton, G. R. Ships of Europe, 1517-1559. London, 1963.\n")
    labels = [label for label in default_finder().label_lines(text.splitlines()) if label]
    assert labels[-3:] == ["P", "B", "B"]


def test_a_short_numbered_line_between_notes_n_minus_1_and_n_plus_1_is_note_n_even_citing_nothing():
    """The page reader takes "5. In dialetto Berry" for a heading; between notes 4 and 6 it is note 5. A list's
    line numbers ("1." alone, then "2. Ireland", a heading) are no notes' numbering."""
    text = ("Note e riferimenti\n\n"
            "  1. Philippe Roe, Patriarchium Bituricense in Novae Bibliothecae Mss Librorum, t.II\n"
            "  2. Le vite dei santi ... , tX, Paris Herissant, 1739, p. 226.\n"
            "  3. Universal Martyrology ... , Paris chez F. Leonard, 1709, p.663.\n"
            "  4. Le vite dei santi ... , tX, Paris, Herissant, 1739, p. 230\n"
            "  5. In dialetto Berry\n"
            "  6. Collettivo di religiosi della Congregazione di Saint Maur, Storia letteraria di Francia ... , "
            "t.III, Parigi, 1735, p.671.\n"
            "  7. Gaspard Thaumas de La Doe , History of Berry , 1689 . “Antoine Vialart” p. 333; “Sant'Orsino” "
            "p. 283.\n"
            "  8. Nominato dal Napoleone  I ° , il papa. Fonte: Adolphe Robert, Dictionary of French "
            "Parliamentarians (1789-1891).\n")
    assert [n.number for n in segment(text).notes] == [1, 2, 3, 4, 5, 6, 7, 8]
    listed = "Advertisement\n\n  1.  \n  2. Ireland\n  3. Roe, Ann. Religion and Power. London, 1992.\n"
    assert [n.number for n in segment(listed).notes] == [3]


def test_a_document_sharing_sites_title_and_preview_above_the_notes_is_chrome_though_it_cites():
    text = ("Notes - Springer978-1-349-24765-3/1.pdf · NOTES TO CHAPTER 3 393 taken here see B. Roe, ......\n\n87\n"
            "Notes 1. N. Marsh, 'The Lead Blanks Used for Seals', in Studies in Sigillography, ed. N. Marsh "
            "(Washington, D.C., 1987), pp. 97-103. 2. John Lowe, De Magistratibus (Philadelphia, 1983), pp. 160-3. "
            "3. Ninth-century deed of sale: Actes de Lavra, ed. P. Doe (Paris, 1970), pp. 85-91.\n")
    assert default_finder().label_lines(text.splitlines())[0] == "X"
    result = segment(text)
    assert [n.number for n in result.notes] == [1, 2, 3]
    assert result.dropped[0].reason == "page furniture: a document-sharing site's title and preview"
    glued = "Notes - Springer978-1-349-14585-0/1.pdfNotes PREFACE Alfred Roe, ... However, management has..."
    assert default_finder().label_lines([glued, "", *text.splitlines()[3:]])[0] == "X"


def test_an_ebooks_titles_on_lines_of_their_own_and_the_lines_going_on_with_a_comma_stay_in_their_note():
    """"[25] Zuga, / Guerra / , I, p. 198; …": a title set on its own line looks like a heading and the line
    after it, opening with a comma, like a note's start to the page reader; neither is, between notes 25 and 26."""
    text = ("[23] Marsh,\nDiario\n, pp. 189-190; Julio Lowe y Jesús A. Doe,\nLa Junta de Defensa de Madrid\n"
            ", Madrid, 1984, pp. 43-80; López Roe, Defensa, pp. 80-92. <<\n"
            "[24] Gibson,\nQueipo\n, pp. 240, 263-264, 279. <<\n"
            "[25] Zuga,\nGuerra\n, I, p. 198; Gregorio Gallo,\nMadrid, corazón que se desangra\n"
            ", Madrid, 1976, pp. 220-222; Largo Moe,\nMis recuerdos\n, pp. 188-189. <<\n"
            "[26] López Roe,\nDefensa\n, pp. 109-110; Lázaro Silva,\nEl general Miaja: biografía de un héroe\n"
            ", México, D. F., 1944, p. 185. <<\n"
            "[27] Rojo,\nAsí fue\n, pp. 36-45; informe de Miaja a la Junta de Defensa, 7 de noviembre de 1936,\n"
            "Junta de Defensa\n, p. 292. <<\n"
            "[28] Henry Buck,\nLife and Death of the Spanish Republic\n, Londres, 1940, p. 261. <<\n")
    assert [(n.number, n.lines) for n in segment(text).notes] == [
        (23, [1, 2, 3, 4, 5]), (24, [6, 7, 8]), (25, [9, 10, 11, 12, 13, 14, 15]), (26, [16, 17, 18, 19, 20]),
        (27, [21, 22, 23, 24, 25]), (28, [26, 27, 28])]


def test_lines_that_end_alike_are_one_entry_each():
    text = ("Unpublished Sources\n"
            "Personal papers\n"
            "(Leo) Marsh papers, Harbour College, Cambridge (AMEL)\n"
            "(Julian) Marsh papers, Harbour College, Cambridge (AMEJ)\n"
            "Broadwater Collection, Harbour College, Cambridge (BRDW)\n"
            "Chartwell Manuscripts, Harbour College, Cambridge (CHWL)\n"
            "(John) Lowe papers, Harbour College, Cambridge (CLVL)\n"
            "Published Sources\n"
            "Roe, Winston, A History of the Harbour Peoples, Vols I–IV. London: Cassell and Company Ltd., 1956.\n"
            "——— Amid These Storms: Thoughts and Adventures. London: Thornton Butterworth, Ltd., 1932.\n")
    labels = default_finder().label_lines(text.splitlines())
    assert labels[2:7] == ["B"] * 5


def test_review_headers_between_reviewers_names_are_entries():
    text = ("Vol. 12 No. 4 · 3 March 1999\n\n"
            "Ann Roe\n\n"
            "The Harbour Ledger by Peter Marsh. Verso, 403 pp., £25, October 1997, 0 224 04252 1\n\n"
            "Jan de Vries\n\n"
            "‘Tolls’: The Lively Youth of a Northern Port, 1841-51 by Richard Alton. Ohio State, 776 pp., £38.50, "
            "July 1997, 0 8142 0710 3\n\n"
            "Jonathan Rees\n\n"
            "Grain: A History by Felipe Marsh-Armesto. Bantam, 247 pp., £12.99, October 1997, 0 593 04140 2\n")
    cited = [n for n in parse_text(text).notes if n.citations]
    assert [n.citations[0].text[:6] for n in cited] == ["The Ha", "‘Tolls", "Grain:"]


def test_lines_without_a_number_between_notes_n_and_n_plus_1_are_note_ns():
    """A PDF's wrapped lines the model took for chrome and a note's start ("Library, 2003).") continue note 6,
    as note 7 follows; a numbered heading's entries, each a whole reference, and a short heading stay apart.
    (The constraint is called with the labels the shipped model gave such a page.)"""
    lines = ["6. For a good overview of the political thought of the",
             "period, see Gordon S. Wood, The Radicalism of the American Revolution (New York: Vintage Books, 1993).",
             "For an excellent summary of the history, see Wood’s",
             "The American Revolution: A History (New York: Modern",
             "Library, 2003).",
             "7. David McCullough, John Adams (New York: Simon and Schuster, 2001), p. 90."]
    kept = list(range(len(lines)))
    labels: list[str | None] = ["B", "I", "X", "X", "B", "B"]
    assert _gaps_between_notes_go_on(lines, kept, list(labels)) == ["B", "I", "I", "I", "I", "B"]
    entries = ["1. Official Publications", "Ann Roe, The Ottoman Empire (London: Faber, 1990).",
               "Bob Poe, Turkey in Europe (Leeds: Moor Press, 1991).", "2. Other Publications"]
    assert _gaps_between_notes_go_on(entries, [0, 1, 2, 3], ["B", "B", "B", "B"]) == ["B", "B", "B", "B"]
    headed = ["6. Ann Roe, Life (London, 1990), p. 5.", "Chapter Two", "7. Roe, Life, p. 9."]
    assert _gaps_between_notes_go_on(headed, [0, 1, 2], ["B", "X", "B"]) == ["B", "X", "B"]


def test_a_line_holding_a_copyright_notice_anywhere_is_page_chrome():
    lines = ["PRINTED FROM OXFORD SCHOLARSHIP ONLINE (www.example.com). (c) Copyright Example University Press, 2017. "
             "All Rights Reserved. Under the terms of the licence agreement, a user may print one chapter.",
             "",
             "Abramson, Tony (2006), Sceattas: An Illustrated Guide (King’s Lynn).",
             "",
             "Aitchison, Nick (2006), Forteviot: A Pictish and Scottish Royal Centre (Stroud)."]
    labels = default_finder().label_lines(lines)
    assert labels[0] == "X" and labels[2] == labels[4] == "B"


def test_a_long_paragraph_without_a_figure_in_an_unnumbered_list_is_prose():
    lines = ["The stirring events of the period have often been represented in literature. They gave dramatic material "
             "to playwrights from Ann Roe to Bob Poe, and to novelists from Carl Doe and Dan Moe to Eve Loe, Fay Noe "
             "and Gus Joe. Older histories, still read for their literary value, are those of Hal Koe and Ivy Zoe.",
             "",
             "Some examples are H. E. Wildes, Valley Forge (1938); R. B. Morris, ed., The Era of the American "
             "Revolution (1939); C. Van Doren, Secret History of the American Revolution (1941)."]
    assert default_finder().label_lines(lines)[0] == "P"
    assert default_finder().label_lines(lines)[2] in ("B", "I")


def test_an_undated_entry_of_many_words_the_page_reader_begins_and_the_labeller_reads_whole_is_an_entry():
    """"Roe, Ann, Bob M. Poe, …, eds., Title. Place: Publisher." holds no figure but is an entry: the page
    reader begins it, and the labeller reads a title, a place and a publisher in it."""
    lines = ["Books",
             "",
             "Roe, Ann, Bob M. Poe, Carl D. Doe, Dan E. Moe, and Eve F. Loe, eds., Quays and Cranes: Papers on the "
             "Grain Trade, the Docks, and the Harbour Boards of the North. Leeds: Quay Press.",
             "Papers from the boards' own files, with a short guide to each of them.",
             "",
             "Lowe, Fay G. Tides and Tolls: Harbour Boards in the North, 1802-1831. Leeds: Quay Press, 1977.",
             "A survey of the boards' dues and of the men who set them."]
    labels = default_finder().label_lines(lines)
    assert labels[2] == labels[5] == "B"


def test_an_annotation_whose_only_figures_are_years_and_counts_in_its_sentences_is_prose():
    """An annotated bibliography's paragraph under its entry: several sentences, a year and a count they name."""
    lines = ["Roe, Ann. The Coming of the Storm: Europe 1919-1939. New York: Mercer, 1986.",
             "",
             "Roe asks three questions: how could the crisis come about so fast, and why did nobody stop it? In her "
             "view, the slump was the direct result of the war debts. Her book is a major statement of that school. "
             "According toRoe, the debts were central to every government's plans from 1919 onward, in over 200 "
             "cabinets.",
             "",
             "Poe, Bob. A Reader on the Slump. West Orange, NJ: Hale House, 1976.",
             "",
             "Loe, Carl. The Long Depression. Quoted in Dan Moe, Crisis and Recovery (London: Verso, 1990), 12–14."]
    labels = default_finder().label_lines(lines)
    assert labels[0] == labels[4] == "B"
    assert labels[2] == "P"
    assert labels[6] == "B"  # a reference with its pages is no annotation


def test_an_abstract_and_a_bulleted_menu_above_numbered_notes_are_the_pages_not_notes():
    lines = ["Article contents", "Extract",
             "The agreement between the British Foreign Minister and the French Premier, in early December, 1935, was "
             "a major turning point in European international politics during the interwar period.",
             "- Type", "- Research Article", "- Information", "References",
             "1 For example: Easum, Chester V., Half Century of Conflict (New York, 1952), pp. 479–84.",
             "2 Toynbee, Arnold J., Survey of International Affairs, 1935 (London, 1936).",
             "3 Gathorne-Hardy, G. M., A Short History of International Affairs (London, 1950), pp. 414–15."]
    labels = default_finder().label_lines(lines)
    assert labels[2] == "P"
    assert labels[3] in ("P", "X") and labels[4] in ("P", "X") and labels[5] in ("P", "X")
    assert labels[7:] == ["B", "B", "B"]


def test_numbers_alone_on_their_lines_counting_up_a_few_lines_apart_are_note_numbers():
    """An e-book's imprint page above them made the model read the numbers as chrome (the labels it gave such a
    page); a PDF's page numbers, tens of lines apart, stay what the model read."""
    lines = ["Copyright © 1998 by Rowohlt Taschenbuch Verlag GmbH", "Anmerkungen", "1", "Busch 3, S. 276", "2",
             "Vgl. Christoph Studt: Lothar Bucher. Göttingen 1992, S. 320ff.", "3", "Busch 3, S. 330"]
    kept = list(range(len(lines)))
    labels: list[str | None] = ["X", "X", "X", "X", "X", "B", "X", "X"]
    assert _lone_numbers_in_a_row(lines, kept, list(labels)) == ["X", "X", "B", "X", "B", "B", "B", "X"]
    pages = ["212"] + [f"line {n} of the text" for n in range(20)] + ["213"] + ["more text"] * 20 + ["214"]
    page_labels: list[str | None] = ["X"] + ["I"] * 20 + ["X"] + ["I"] * 20 + ["X"]
    assert _lone_numbers_in_a_row(pages, list(range(len(pages))), list(page_labels)) == page_labels


def test_an_entry_without_its_final_period_between_entries_is_one():
    """A reading list's entry that ends without a period ("A. Moe, Harbour Towns, Introduction"), a blank line on
    each side, between two entries, which the page reader took for a heading: the labeller reads names and a
    title in it, so it is an entry; a heading there ("Further Reading") stays a heading."""
    from haliref.read.finder import _entries_between_entries

    lines = ["A. Roe, On Harbours, pp. ix-xx.", "", "A. Moe, Harbour Towns, Introduction", "",
             "D. Marsh, The Tolls of the Port, ch. 2."]
    kept = [0, 2, 4]
    assert _entries_between_entries(lines, kept, ["B", None, "X", None, "B"]) == ["B", None, "B", None, "B"]
    lines[2] = "Further Reading"
    assert _entries_between_entries(lines, kept, ["B", None, "X", None, "B"]) == ["B", None, "X", None, "B"]


def test_a_line_opening_with_an_imprints_bracket_goes_on_with_the_title_above_it():
    """An e-reader's copy of a bibliographic essay breaks its lines around each italic title: the imprint's
    bracket opens the line after the title. The labeller reads that line whole (an imprint, then the author's
    words it takes for a title) after lines it reads whole too, but no entry opens with "(Leeds:"."""
    lines = ["On harbours, see especially Ann Roe,", "Harbour Ledgers: Tides and Trade, 1863–1877",
             "(Leeds: Tide Press, 1988); see too the essays under “Docks and Quays,” below. And see Bob Poe,",
             "The Quays of the North: Customs, Smuggling, and the Harbour Towns",
             "(Ithaca, N.Y.: Quay University Press, 1999)."]
    assert _whole_references_apart(lines, [0, 1, 2, 3, 4], ["B", "I", "I", "I", "I"]) == ["B", "I", "I", "I", "I"]


def test_a_page_break_inside_a_note_stays_chrome_and_the_note_goes_on_below_it():
    """An e-book's endnotes run across a page: its number and running title ("214", "Notes to pages 101–103")
    between note 4's lines, whose second half opens with the pages of the article cited ("739–75; and …"), and
    note 5 below. The page break is dropped and note 4 goes on after it."""
    text = ("3. Ann Roe, Harbour Ledgers: Tides and Trade (Leeds, 1988), 154 ff.; Bob Poe, Quays (York, 1972), 31.\n\n"
            "4. This is the view of Carl Moe in ‘Quays and Customs. On the Northern Trade’, Harbour Review 25/4 (1977),"
            "\n\n214\n\nNotes to pages 101–103\n\n"
            "739–75; and Dan Lowe, ‘Tides’ in Eve Marsh, ed., The Sea and the Ports\n\n(London, 1986), 93–144.\n\n"
            "5. Ann Roe, Harbour Ledgers, 14.\n")
    read = segment(text)
    assert [(n.number, n.lines) for n in read.notes] == [(3, [1]), (4, [3, 9, 11]), (5, [13])]
    assert {d.line: d.text for d in read.dropped if d.text} == {5: "214", 7: "Notes to pages 101–103"}
