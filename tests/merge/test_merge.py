"""Merging citations into works, and citation keys."""

from paths import ROOT_DIR

from haliref.merge.works import Cited, assign_keys, citation_key, merge


def book(family, title, year=1990, given="Ann", **extra):
    csl = {"type": "book", "author": [{"family": family, "given": given}], "title": title,
           "issued": {"date-parts": [[year]]}}
    csl.update(extra)
    return Cited(csl=csl, corrections=[], flags=[])


def short(family, title=None, ibid=False):
    csl = {"author": [{"family": family}]} if family else {}
    if title:
        csl["title"] = title
    return Cited(csl=csl, corrections=[], flags=[], short_form=True, ibid=ibid)


def test_repeated_full_citation_and_short_forms_point_to_one_work():
    works, assignment = merge([
        book("Roe", "The Guerrilla Years", publisher="Verso"),
        book("Poe", "Another Book"),
        short("Roe"),
        book("Roe", "Guerrilla Years", publisher="Verso"),
        short("Roe", "Guerrilla Years"),
        short(None, ibid=True),
    ])
    assert len(works) == 2
    assert assignment == [0, 1, 0, 0, 0, 0]
    assert [f.code for f in works[0].flags] == ["variant-citation"]
    assert works[0].flags[0].field == "title"


def test_a_short_form_that_gives_only_a_title_finds_the_work_of_that_title_whoever_wrote_it():
    """"As Roe argues in Old Revolutionaries, 14": the author named in the prose, the title alone cited; read as
    a title, or as a name (the labeller's reading of two capitalised words) that no work's author has."""
    works, assignment = merge([
        book("Roe", "The Old Revolutionaries: Political Lives"),
        book("Poe", "Managing the Americans"),
        short(None, "Old Revolutionaries"),
        Cited(csl={"author": [{"family": "Revolutionaries", "given": "Old"}]}, corrections=[], flags=[],
              short_form=True),
        short(None, "Managing the Americans"),
        short(None, "The"),  # no key word: no work is found by it
    ])
    assert assignment == [0, 1, 0, 0, 1, 2]
    assert len(works) == 3


def test_same_author_different_titles_stay_apart():
    works, assignment = merge([book("Roe", "My Life"), book("Roe", "History of the Revolution"), short("Roe")])
    assert len(works) == 2
    assert assignment == [0, 1, 1]  # an author-only short form goes to the most recent work


def test_a_full_citation_whose_title_begins_alike_in_another_year_is_another_work():
    """"Roe, Ann. 1985. Grain." and "Roe, Ann. 1988. Grain as Lexical Organization.": two works; the same
    title cited again in another year (a reprint, an edition) stays one."""
    works, assignment = merge([book("Roe", "Grain", 1985), book("Roe", "Grain as Lexical Organization", 1988)])
    assert assignment == [0, 1] and len(works) == 2
    _, reprinted = merge([book("Roe", "Grain", 1985), book("Roe", "Grain", 1990)])
    assert reprinted == [0, 0]
    _, same_year = merge([book("Roe", "Grain", 1985), book("Roe", "Grain and the Ports", 1985)])
    assert same_year == [0, 0]  # a fuller title in the same year: the same book


def test_unresolved_short_form_is_a_flagged_work():
    works, assignment = merge([short("Lane", "A Title Alone")])
    assert assignment == [0]
    assert [f.code for f in works[0].flags] == ["short-form-unresolved"]
    works, _ = merge([short(None, ibid=True)])
    assert [f.code for f in works[0].flags] == ["ibid-without-antecedent"]


def test_a_short_title_of_key_words_finds_its_work():
    """CMOS 14.30: a short title may be key words of the title, not its first words ("Marsh, Harbour" for
    "The Northern Harbour"); only a short form is read so, and only by its words in order."""
    cited = [
        book("Marsh", "The Northern Harbour"), book("Marsh", "From the Sound to Riga"),
        short("Marsh", "Harbour"), short("Marsh", "Sound Riga"), short("Marsh", "Riga Sound"),
    ]
    _same_merge(cited)  # the streamed input's store on disk finds the same
    _, assignment = merge(cited)
    assert assignment[:4] == [0, 1, 0, 1]
    assert assignment[4] == 2  # not in order: no work of the list
    _, assignment = merge([book("Marsh", "The Northern Harbour"), book("Marsh", "Harbour")])
    assert assignment == [0, 1]  # a full citation titled "Harbour" is another work
    _, assignment = merge([book("Marsh", "A History of the Ports"), short("Marsh", "of the")])
    assert assignment == [0, 1]  # no key word in it


def test_the_same_unresolved_short_form_cited_again_is_one_work():
    cited = [short("Lane", "Papers"), short("Roe", "Papers"), short("Lane", "Papers"), short("Lane", "Other")]
    _same_merge(cited)
    works, assignment = merge(cited)
    assert assignment == [0, 1, 0, 2]
    assert [f.code for f in works[0].flags] == ["short-form-unresolved"]


def test_repeat_fills_missing_fields_and_records_it():
    works, _ = merge([book("Roe", "A Book"), book("Roe", "A Book", publisher="Verso")])
    assert works[0].csl["publisher"] == "Verso"
    assert [(c.field, c.after, c.rule) for c in works[0].corrections] == [
        ("publisher", "Verso", "merge-fill-from-repeat")
    ]


def test_citation_keys_are_readable_ascii_and_unique():
    assert citation_key(book("Rudé", "The Crowd in History", 1964).csl) == "rude1964crowd"
    particle = {"author": [{"family": "Ginneken", "non-dropping-particle": "van", "given": "J."}],
                "title": "Le Monde", "issued": {"date-parts": [[1976]]}}
    assert citation_key(particle) == "ginneken1976monde"
    assert (
        citation_key({"title": "The Anonymous Chronicle", "issued": {"date-parts": [[1800]]}})
        == "anonymous1800chronicle"
    )
    newspaper = {
        "type": "article-newspaper",
        "container-title": "The Daily Courier",
        "issued": {"date-parts": [[1972, 1, 21]]},
    }
    assert citation_key(newspaper) == "daily1972"
    editors = {"editor": [{"family": "Chan"}], "title": "Renegades"}
    assert citation_key(editors) == "chanrenegades"
    works, _ = merge([book("Roe", "Same Words"), book("Roe", "Same Words Differ Much Later On Here")])
    assert len(works) == 1  # a title that is the start of another is its short title
    works, _ = merge([book("Roe", "Alpha One"), book("Roe", "Alpha Two Completely Different Title")])
    assert assign_keys(works) == ["roe1990alphaa", "roe1990alphab"]


# --- the works indexed by family: same merge as the pass over all works -------------------------------
import copy  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from haliref.merge import works as _merge  # noqa: E402


def _brute_force_antecedent(cited, store):
    """Brute force: the latest full work (not a short form alone) with the citation's family, and its title if any;
    for a short form naming no one, or whose name is no family's but a title's, the latest full work of that title
    (or one it begins); for a short form with none, the latest work known only by short forms of its family and
    title; a work naming no one is filed under its whole description."""
    family, title = _merge._filing_family(cited.csl), cited.csl.get("title", "")
    person = _merge._first_person(cited.csl)

    def titled(words):
        """The latest full work, of any family, whose filed title is ``words`` or begins with them."""
        words = _merge.filed_title(words)
        return [i for i, work in enumerate(store.works) if not work.short_form_only
                and (_merge.filed_title(work.csl.get("title", "")) + " ").startswith(words + " ")]

    if cited.short_form and person is None and _merge._key_title(title) and titled(title):
        return titled(title)[-1]
    if not family or not (title or cited.short_form or family.startswith("=")):
        return None
    found = [i for i, work in enumerate(store.works)
             if not work.short_form_only and _merge._filing_family(work.csl) == family
             and (not title or _merge._same_title(title, work.csl.get("title", ""), cited.short_form))]
    if not found and cited.short_form and not title and person:
        named = " ".join(person.get(part) or "" for part in ("given", "family", "literal"))
        if _merge._key_title(named) and titled(named):
            return titled(named)[-1]
    if not found and cited.short_form:
        found = [i for i, work in enumerate(store.works)
                 if work.short_form_only and _merge._filing_family(work.csl) == family
                 and _merge.filed_title(work.csl.get("title", "")) == _merge.filed_title(title)]
    return found[-1] if found else None


def _on_shelf(citations):
    """The merge stage with its works on disk, as a streamed input keeps them."""
    from haliref.scale.shelf import ShelvedWorks

    shelf = ShelvedWorks()
    try:
        merger = _merge.Merger(shelf)
        assignment = [merger.add(cited) for cited in citations]
        return [shelf.get(index) for index in range(len(shelf))], assignment
    finally:
        shelf.close()


def _same_merge(citations):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_merge, "_find_antecedent", _brute_force_antecedent)
        expected = merge(copy.deepcopy(citations))
    assert merge(copy.deepcopy(citations)) == expected
    assert _on_shelf(copy.deepcopy(citations)) == expected


def test_merge_finds_the_brute_force_antecedents_on_real_lists():
    from haliref.pipeline import read

    root = ROOT_DIR
    for path in sorted((root / "tests" / "data").rglob("*.txt")) + sorted((root / "seeds").glob("*.txt")):
        reading = read(path.read_text(encoding="utf-8"))
        _same_merge([pending.cited for pending in reading.pending if pending.cited is not None])


ROLE = st.sampled_from([None, [], [{"family": "Roe"}], [{"family": "Poe"}], [{"literal": "Roe"}]])


@given(st.lists(st.tuples(
    st.fixed_dictionaries({}, optional={"author": ROLE, "editor": ROLE, "translator": ROLE,
                                        "title": st.sampled_from(["A Book", "A Book of Days", "Book", "Another"])}),
    st.sampled_from(["full", "short", "ibid"]),
), max_size=12))
def test_merge_finds_the_brute_force_antecedents(rows):
    citations = [
        Cited(csl={k: v for k, v in csl.items() if v is not None}, corrections=[], flags=[],
              short_form=kind != "full", ibid=kind == "ibid")
        for csl, kind in rows
    ]
    _same_merge(citations)


def _edited(title: str, edits: list[tuple[int, int, str]]) -> str:
    """``title`` with a few insertions, deletions and substitutions (position, kind, letter)."""
    letters = list(title)
    for position, kind, letter in edits:
        at = position % (len(letters) + 1)
        if kind == 0:
            letters.insert(at, letter)
        elif letters and at < len(letters):
            if kind == 1:
                del letters[at]
            else:
                letters[at] = letter
    return "".join(letters)


EDITS = st.lists(st.tuples(st.integers(0, 80), st.integers(0, 2), st.sampled_from("abe ")), max_size=8)


@given(
    st.lists(st.text("abcde ", min_size=1, max_size=60), min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(0, 3), EDITS, st.sampled_from(["Roe", "Poe"]), st.booleans()), max_size=25),
)
def test_merge_by_title_look_ups_finds_the_brute_force_antecedents(bases, rows):
    """Issue 19 item 15: the trie of title words and the near-identical look-up find what the pass over every
    work found, on near-identical titles at every indel distance around ratio 90, leading words and repeats."""
    citations = [
        Cited(csl={"author": [{"family": family}], "title": _edited(bases[base % len(bases)], edits)},
              corrections=[], flags=[], short_form=short)
        for base, edits, family, short in rows
    ]
    _same_merge(citations)


def test_one_author_with_thousands_of_works_is_merged_by_look_ups(monkeypatch):
    """Issue 19 item 15: 3,000 different works by one author, each repeated at once with a letter changed, then
    the first 100 again far back (beyond the near-identical window) in full and as short forms: each found, and
    the titles compared one by one are a few per citation, not every work of the author (4.5 million)."""
    import random

    compared = 0
    real = _merge._same_title_words

    def counting(a, b):
        nonlocal compared
        compared += 1
        return real(a, b)

    monkeypatch.setattr(_merge, "_same_title_words", counting)
    rng = random.Random(19)
    titles = [" ".join("".join(rng.choice("abcdefghiklmnoprstu") for _ in range(7)) for _ in range(4))
              for _ in range(3000)]

    def cited(title, short=False):
        return Cited(csl={"author": [{"family": "Roe"}], "title": title}, corrections=[], flags=[], short_form=short)

    citations = [c for t in titles for c in (cited(f"The {t} of the records"), cited(f"The {t} of the recrds"))]
    citations += [cited(f"The {t} of the records") for t in titles[:100]]
    citations += [cited(" ".join(t.split()[:2]), short=True) for t in titles[:100]]
    works, assignment = merge(citations)
    assert len(works) == 3000
    assert assignment == [k for k in range(3000) for _ in (0, 1)] + list(range(100)) * 2
    assert compared < 5 * len(citations)


def _one_author_citations(count, seed):
    """``count`` works by one author, each repeated at once with a letter changed, then the first tenth again
    in full and as short forms (far back: beyond the near-identical window once ``count`` passes 512)."""
    import random

    rng = random.Random(seed)
    titles = [" ".join("".join(rng.choice("abcdefghiklmnoprstu") for _ in range(7)) for _ in range(4))
              for _ in range(count)]

    def cited(title, short=False):
        return Cited(csl={"author": [{"family": "Roe"}], "title": title}, corrections=[], flags=[], short_form=short)

    citations = [c for t in titles for c in (cited(f"The {t} of the records"), cited(f"The {t} of the recrds"))]
    citations += [cited(f"The {t} of the records") for t in titles[: count // 10]]
    citations += [cited(" ".join(t.split()[:2]), short=True) for t in titles[: count // 10]]
    return citations


def _shelf_work(citations):
    """The SQLite steps the on-disk merge takes for ``citations`` (counted by SQLite, not timed), and its result."""
    from haliref.scale.shelf import ShelvedWorks

    shelf = ShelvedWorks()
    steps = 0

    def count():
        nonlocal steps
        steps += 1
        return 0

    try:
        shelf._db.set_progress_handler(count, 100)
        merger = _merge.Merger(shelf)
        assignment = [merger.add(cited) for cited in citations]
        return steps, ([shelf.get(index) for index in range(len(shelf))], assignment)
    finally:
        shelf.close()


def test_one_author_with_thousands_of_works_on_disk_is_merged_by_look_ups(monkeypatch):
    """Issue 19: the streamed path's works on disk find a citation's work by index look-ups, as the in-memory
    store does (it was a pass over all the author's works, latest first: quadratic), with the same answers.
    The near-identical window is made small, so that both sizes are past it."""
    import haliref.scale.shelf as _shelf

    monkeypatch.setattr(_merge, "NEAR_WINDOW", 32)
    monkeypatch.setattr(_shelf, "NEAR_WINDOW", 32, raising=False)
    small, large = _one_author_citations(400, 7), _one_author_citations(1600, 7)
    small_steps, on_disk = _shelf_work(small)
    assert on_disk == merge(copy.deepcopy(small))
    large_steps, on_disk = _shelf_work(large)
    assert on_disk == merge(copy.deepcopy(large))
    assert len(on_disk[0]) == 1600 and on_disk[1][-320:] == list(range(160)) * 2
    assert large_steps < 5 * small_steps  # four times the works: linear is 4, the pass over every work was 16


def test_short_form_in_the_notes_becomes_the_short_title():
    # CMOS 17 14.29: the author's own short form wins over a computed one; recorded
    full = Cited(csl={"author": [{"family": "Hunt"}], "title": "Politics, Culture, and Class in the French Revolution"},
                 corrections=[], flags=[])
    short = Cited(csl={"author": [{"family": "Hunt"}], "title": "Politics, Culture, and Class"},
                  corrections=[], flags=[], short_form=True)
    works, assignment = merge([full, short])
    assert assignment == [0, 0]
    assert works[0].csl["title-short"] == "Politics, Culture, and Class"
    assert works[0].corrections[-1].rule == "short-title-from-notes"


def test_a_work_cited_with_many_years_keeps_a_bounded_record():
    """Each differing field is flagged, at most VARIANTS_NAMED times, and the same difference once."""
    citations = [
        Cited(csl={"author": [{"family": "Roe"}], "title": "A Book", "issued": {"date-parts": [[1900 + n]]}},
              corrections=[], flags=[])
        for n in range(10)
    ]
    works, assignment = merge([*citations, citations[1]])
    assert assignment == [0] * 11
    variants = [flag for flag in works[0].flags if flag.code == "variant-citation"]
    assert [flag.field for flag in variants] == ["issued"] * _merge.VARIANTS_NAMED
    assert [flag.evidence for flag in variants] == ["'1900' vs '1901'", "'1900' vs '1902'", "'1900' vs '1903'"]


def test_a_work_naming_no_one_is_one_work_when_described_alike():
    """An archive's papers or a file cited again in the same words is one work (there is no name to find it by,
    so only an identical description is the same work); a different file of the same archive is another."""
    def papers(archive, location=None):
        csl = {"type": "manuscript", "archive": archive}
        if location:
            csl["archive_location"] = location
        return Cited(csl=csl, corrections=[], flags=[])

    cited = [papers("Vane Papers"), papers("Cabinet Files", "12/4"), papers("Vane Papers"),
             papers("Cabinet Files", "12/5"), papers("Cabinet Files", "12/4"), book("Roe", "My Life")]
    _same_merge(cited)
    works, assignment = merge(cited)
    assert assignment == [0, 1, 0, 2, 1, 3]
    assert len(works) == 4
